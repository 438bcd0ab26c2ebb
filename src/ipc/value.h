#pragma once
// qmp::Value<T> — multiprocessing.Value: one T in shared memory, T by typecode (typecode.h:
// Value<double> is Value('d'), Value<int> is Value('i')...). A value type: copies share the
// memory; pass it to a child as a task argument. With a lock (the default: a new RLock, or the
// one given) getLock() guards read-modify-write: `v.setValue(v.value() + 1)` is not atomic,
// like Python's `v.value += 1`; hold getLock() around it. lock=false: no lock (RawValue).

#include "sharedctypestore.h"
#include "typecode.h"

#include <cstring>
#include <optional>

namespace qmp {

template <typename T>
class Value
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::Value;

    explicit Value(T initial = T{}, bool lock = true)
        : m_store(segmentKind, TypeCode<T>::code, sizeof(T), 1, lock ? std::optional<RLock>(RLock()) : std::nullopt)
    {
        setValue(initial);
    }
    Value(T initial, RLock lock) : m_store(segmentKind, TypeCode<T>::code, sizeof(T), 1, std::move(lock))
    {
        setValue(initial);
    }

    T value() const
    {
        T v;
        std::memcpy(&v, m_store.data(), sizeof(T));
        return v;
    }
    void setValue(T v) { std::memcpy(m_store.data(), &v, sizeof(T)); }
    // The raw shared object (Python's get_obj()).
    T *getObj() const { return reinterpret_cast<T *>(m_store.data()); }
    bool hasLock() const { return m_store.lock().has_value(); }
    RLock getLock() const { return m_store.requireLock(); }
    static constexpr char typeCode() { return TypeCode<T>::code; }

    IpcHandle handle() const { return m_store.handle(); }
    static Value fromHandle(const IpcHandle &handle) { return Value(SharedCTypeStore(handle, segmentKind, TypeCode<T>::code)); }

private:
    explicit Value(SharedCTypeStore store) : m_store(std::move(store)) {}
    SharedCTypeStore m_store;
};

template <typename T>
struct CborConvert<Value<T>>
{
    static QCborValue toCbor(const Value<T> &v) { return v.handle().toCbor(); }
    static Value<T> fromCbor(const QCborValue &v) { return Value<T>::fromHandle(IpcHandle::fromCbor(v, Value<T>::segmentKind)); }
};

} // namespace qmp
