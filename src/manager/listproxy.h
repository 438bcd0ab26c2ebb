#pragma once
// ListProxy: a list held by a manager (Python's ListProxy). Negative indexes count from the
// end; IndexError when out of range. Proxies stored in it stay live (see DictProxy).
// Range-for walks a copy of the items taken in one round trip (Python's `for x in l`).

#include "qmpmanager_export.h"
#include "baseproxy.h"
#include "snapshotiterator.h"

namespace qmp {

class QMP_MANAGER_EXPORT ListProxy : public BaseProxy
{
public:
    ListProxy() = default;
    explicit ListProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "ListProxy")) {}
    static bool acceptsTypeId(const QString &typeId) { return typeId == QLatin1String("list"); }

    template <typename T = QCborValue>
    T at(qsizetype i) const { return call<T>(QStringLiteral("__getitem__"), qint64(i)); }
    template <typename V>
    void set(qsizetype i, const V &value) const { call<void>(QStringLiteral("__setitem__"), qint64(i), value); }
    // del l[i]
    void removeAt(qsizetype i) const { call<void>(QStringLiteral("__delitem__"), qint64(i)); }
    template <typename V>
    void append(const V &value) const { call<void>(QStringLiteral("append"), value); }
    void extend(const QCborArray &values) const { call<void>(QStringLiteral("extend"), values); }
    template <typename V>
    void insert(qsizetype i, const V &value) const { call<void>(QStringLiteral("insert"), qint64(i), value); }
    QCborValue pop(qsizetype i = -1) const { return call(QStringLiteral("pop"), qint64(i)); }
    // l.remove(x) / l.index(x): ValueError when absent.
    template <typename V>
    void remove(const V &value) const { call<void>(QStringLiteral("remove"), value); }
    template <typename V>
    qsizetype index(const V &value) const { return call<qsizetype>(QStringLiteral("index"), value); }
    template <typename V>
    qsizetype count(const V &value) const { return call<qsizetype>(QStringLiteral("count"), value); }
    template <typename V>
    bool contains(const V &value) const { return call<bool>(QStringLiteral("__contains__"), value); }
    void reverse() const { call<void>(QStringLiteral("reverse")); }
    // Numbers by value, strings and bytes in order; TypeError when they mix.
    void sort(bool reverse = false) const { call<void>(QStringLiteral("sort"), reverse); }
    void clear() const { call<void>(QStringLiteral("clear")); }
    qsizetype size() const { return call<qsizetype>(QStringLiteral("__len__")); }
    QCborArray toList() const { return call<QCborArray>(QStringLiteral("_getvalue")); }
    // `for (const QCborValue &item : l)`, over a copy of the items.
    SnapshotIterator begin() const { return SnapshotIterator(toList()); }
    std::default_sentinel_t end() const { return {}; }
};

} // namespace qmp

QMP_PROXY_CBOR(ListProxy)
