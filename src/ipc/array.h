#pragma once
// qmp::Array<T> — multiprocessing.Array: a fixed number of T in shared memory (typecodes as in
// Value). Array<int>(5) is zero-filled (Python's int size); Array<int>({1, 2, 3}) copies.
// Python's `lock=` as in Value: true (default) a new RLock, a Lock or an RLock to share,
// false none. A value type: copies share the memory; pass it to a child as a task argument.
// Element access is raw memory: hold getLock() for multi-step updates.
//
// qmp::RawArray<T> — sharedctypes.RawArray: the same without a lock.

#include "anylock.h"
#include "ipcerrors.h"
#include "pythonerrors.h"
#include "sharedctypestore.h"
#include "typecode.h"

#include <cstring>
#include <initializer_list>
#include <optional>
#include <vector>

namespace qmp {

template <typename T>
class RawArray
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Array;

    explicit RawArray(qsizetype size) : RawArray(size, std::nullopt) {}
    RawArray(std::initializer_list<T> items) : RawArray(std::vector<T>(items)) {}
    explicit RawArray(const std::vector<T> &items) : RawArray(qsizetype(items.size())) { assign(items); }

    qsizetype size() const { return m_store.count(); }
    T *data() const { return reinterpret_cast<T *>(m_store.data()); }
    // Unchecked, like operator[] of std::vector.
    T &operator[](qsizetype i) const { return data()[i]; }
    // Checked; negative indexes count from the end. IndexError when out of range, like Python.
    T at(qsizetype i) const { return data()[index(i)]; }
    void set(qsizetype i, T v) const { data()[index(i)] = v; }
    // num[:]
    std::vector<T> toVector() const { return std::vector<T>(data(), data() + size()); }
    // num[:] = items: the sizes must match (ValueError otherwise), like slice assignment.
    void assign(const std::vector<T> &items) const
    {
        if (qsizetype(items.size()) != size())
            throw ValueError(QStringLiteral("can only assign %1 items to this array, not %2").arg(size()).arg(items.size()));
        std::memcpy(data(), items.data(), items.size() * sizeof(T));
    }
    static constexpr char typeCode() { return TypeCode<T>::code; }

    IpcHandle handle() const { return m_store.handle(); }
    static RawArray fromHandle(const IpcHandle &handle) { return RawArray(attach(handle, false)); }

protected:
    RawArray(qsizetype size, std::optional<AnyLock> lock)
        : m_store(segmentKind, TypeCode<T>::code, sizeof(T), size, std::move(lock))
    {
    }
    explicit RawArray(SharedCTypeStore store) : m_store(std::move(store)) {}
    static SharedCTypeStore attach(const IpcHandle &handle, bool withLock)
    {
        return SharedCTypeStore(handle, segmentKind, TypeCode<T>::code, withLock);
    }
    SharedCTypeStore m_store;

private:
    qsizetype index(qsizetype i) const
    {
        const qsizetype j = i < 0 ? i + size() : i;
        if (j < 0 || j >= size())
            throw PythonErrors::arrayIndex(i, size());
        return j;
    }
};

template <typename T>
class Array : public RawArray<T>
{
public:
    explicit Array(qsizetype size, bool lock = true) : RawArray<T>(size, SharedCTypeStore::lockOption(lock)) {}
    Array(qsizetype size, AnyLock lock) : RawArray<T>(size, std::move(lock)) {}
    Array(std::initializer_list<T> items, bool lock = true) : Array(std::vector<T>(items), lock) {}
    Array(std::initializer_list<T> items, AnyLock lock) : Array(std::vector<T>(items), std::move(lock)) {}
    explicit Array(const std::vector<T> &items, bool lock = true) : Array(qsizetype(items.size()), lock)
    {
        this->assign(items);
    }
    Array(const std::vector<T> &items, AnyLock lock) : Array(qsizetype(items.size()), std::move(lock))
    {
        this->assign(items);
    }

    bool hasLock() const { return this->m_store.lock().has_value(); }
    // The lock given (or made) at construction; ValueError for lock=false.
    AnyLock getLock() const { return this->m_store.requireLock(); }

    static Array fromHandle(const IpcHandle &handle) { return Array(RawArray<T>::attach(handle, true)); }

private:
    explicit Array(SharedCTypeStore store) : RawArray<T>(std::move(store)) {}
};

template <typename T>
struct CborConvert<RawArray<T>> : HandleCborConvert<RawArray<T>>
{
};

template <typename T>
struct CborConvert<Array<T>> : HandleCborConvert<Array<T>>
{
};

} // namespace qmp
