#pragma once
// qmp::Value<T> — multiprocessing.Value: one T in shared memory, T by typecode (typecode.h:
// Value<double> is Value('d'), Value<int> is Value('i')...), with Python's `lock=` argument:
//   Value<int> v(0);          lock=True: a new RLock of its own
//   Value<int> v(0, lock);    lock=<a Lock or an RLock>: that lock, shared with whatever else uses it
//   Value<int> v(0, false);   lock=False: no lock (getLock() throws ValueError; Python returns a
//                             raw object without get_lock())
// A value type: copies share the memory; pass it to a child as a task argument (its handle
// carries the lock's, so the child gets the same lock). getLock() guards read-modify-write:
// `v.setValue(v.value() + 1)` is not atomic, like Python's `v.value += 1`; hold getLock()
// around it.
//
// qmp::RawValue<T> — sharedctypes.RawValue: the same shared T without any lock. A Value is a
// RawValue (its raw object, Python's get_obj()); RawValue::fromHandle of a Value's handle
// ignores the lock.

#include "anylock.h"
#include "sharedctypestore.h"
#include "typecode.h"

#include <cstring>
#include <optional>

namespace qmp {

template <typename T>
class RawValue
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Value;

    explicit RawValue(T initial = T{}) : RawValue(create(initial, std::nullopt)) {}

    T value() const
    {
        T v;
        std::memcpy(&v, m_store.data(), sizeof(T));
        return v;
    }
    void setValue(T v) { std::memcpy(m_store.data(), &v, sizeof(T)); }
    // The shared T itself.
    T *getObj() const { return reinterpret_cast<T *>(m_store.data()); }
    static constexpr char typeCode() { return TypeCode<T>::code; }

    IpcHandle handle() const { return m_store.handle(); }
    static RawValue fromHandle(const IpcHandle &handle) { return RawValue(attach(handle, false)); }

protected:
    explicit RawValue(SharedCTypeStore store) : m_store(std::move(store)) {}
    static SharedCTypeStore create(T initial, std::optional<AnyLock> lock)
    {
        SharedCTypeStore store(segmentKind, TypeCode<T>::code, sizeof(T), 1, std::move(lock));
        std::memcpy(store.data(), &initial, sizeof(T));
        return store;
    }
    static SharedCTypeStore attach(const IpcHandle &handle, bool withLock)
    {
        return SharedCTypeStore(handle, segmentKind, TypeCode<T>::code, withLock);
    }
    SharedCTypeStore m_store;
};

template <typename T>
class Value : public RawValue<T>
{
public:
    explicit Value(T initial = T{}, bool lock = true) : Value(RawValue<T>::create(initial, SharedCTypeStore::lockOption(lock))) {}
    Value(T initial, AnyLock lock) : Value(RawValue<T>::create(initial, std::move(lock))) {}

    bool hasLock() const { return this->m_store.lock().has_value(); }
    // The lock given (or made) at construction; ValueError for lock=false.
    AnyLock getLock() const { return this->m_store.requireLock(); }

    static Value fromHandle(const IpcHandle &handle) { return Value(RawValue<T>::attach(handle, true)); }

private:
    explicit Value(SharedCTypeStore store) : RawValue<T>(std::move(store)) {}
};

template <typename T>
struct CborConvert<RawValue<T>> : HandleCborConvert<RawValue<T>>
{
};

template <typename T>
struct CborConvert<Value<T>> : HandleCborConvert<Value<T>>
{
};

} // namespace qmp
