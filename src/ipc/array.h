#pragma once
// qmp::Array<T> — multiprocessing.Array: a fixed number of T in shared memory (typecodes as in
// Value). Array<int>(5) is zero-filled (Python's int size); Array<int>({1, 2, 3}) copies.
// A value type: copies share the memory; pass it to a child as a task argument. The optional
// lock as in Value. Element access is raw memory: hold getLock() for multi-step updates.

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
class Array
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Array;

    explicit Array(qsizetype size, bool lock = true)
        : m_store(segmentKind, TypeCode<T>::code, sizeof(T), size, lock ? std::optional<RLock>(RLock()) : std::nullopt)
    {
    }
    Array(std::initializer_list<T> items, bool lock = true) : Array(std::vector<T>(items), lock) {}
    explicit Array(const std::vector<T> &items, bool lock = true) : Array(qsizetype(items.size()), lock)
    {
        assign(items);
    }

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

    bool hasLock() const { return m_store.lock().has_value(); }
    RLock getLock() const { return m_store.requireLock(); }
    static constexpr char typeCode() { return TypeCode<T>::code; }

    IpcHandle handle() const { return m_store.handle(); }
    static Array fromHandle(const IpcHandle &handle) { return Array(SharedCTypeStore(handle, segmentKind, TypeCode<T>::code)); }

private:
    explicit Array(SharedCTypeStore store) : m_store(std::move(store)) {}
    qsizetype index(qsizetype i) const
    {
        const qsizetype j = i < 0 ? i + size() : i;
        if (j < 0 || j >= size())
            throw PythonErrors::arrayIndex(i, size());
        return j;
    }
    SharedCTypeStore m_store;
};

template <typename T>
struct CborConvert<Array<T>>
{
    static QCborValue toCbor(const Array<T> &v) { return v.handle().toCbor(); }
    static Array<T> fromCbor(const QCborValue &v) { return Array<T>::fromHandle(IpcHandle::fromCbor(v, Array<T>::segmentKind)); }
};

} // namespace qmp
