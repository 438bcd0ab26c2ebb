#pragma once
// DictProxy: a dict held by a manager (Python's DictProxy). Keys and values are CBOR values;
// map keys keep insertion order, like a Python dict. A proxy stored as a value stays live:
// `d.set("l", list); d.at<ListProxy>("l").append(1)` changes that list. A plain list stored as
// a value is a copy, as in Python (`d['l'].append(1)` is lost there): mutate it through a proxy, or
// set it back.
//
// Iterating: keys(), values() and items() are lists copied from the manager in one round trip
// (Python's proxies return lists too); range-for over the proxy walks such a copy of the keys.
// Typed forms convert each element: `for (const auto &[name, count] : d.items<QString, int>())`.

#include "qmpmanager_export.h"
#include "baseproxy.h"
#include "snapshotiterator.h"

#include <QCborMap>
#include <QList>

#include <utility>

namespace qmp {

class QMP_MANAGER_EXPORT DictProxy : public BaseProxy
{
public:
    DictProxy() = default;
    explicit DictProxy(BaseProxy base) : BaseProxy(checked(std::move(base), &acceptsTypeId, "DictProxy")) {}
    static bool acceptsTypeId(const QString &typeId) { return typeId == QLatin1String("dict"); }

    // d[key]; KeyError when missing.
    template <typename T = QCborValue, typename K>
    T at(const K &key) const { return call<T>(QStringLiteral("__getitem__"), key); }
    // d[key] = value
    template <typename K, typename V>
    void set(const K &key, const V &value) const { call<void>(QStringLiteral("__setitem__"), key, value); }
    // d.get(key, fallback)
    template <typename K>
    QCborValue get(const K &key, const QCborValue &fallback = QCborValue(nullptr)) const
    {
        return callMethod(QStringLiteral("get"), {toCbor(key), fallback});
    }
    // del d[key]; KeyError when missing.
    template <typename K>
    void remove(const K &key) const { call<void>(QStringLiteral("__delitem__"), key); }
    template <typename K>
    bool contains(const K &key) const { return call<bool>(QStringLiteral("__contains__"), key); }
    // d.pop(key) (KeyError when missing) and d.pop(key, fallback).
    template <typename K>
    QCborValue pop(const K &key) const { return call(QStringLiteral("pop"), key); }
    template <typename K>
    QCborValue pop(const K &key, const QCborValue &fallback) const { return callMethod(QStringLiteral("pop"), {toCbor(key), fallback}); }
    template <typename K>
    QCborValue setDefault(const K &key, const QCborValue &value = QCborValue(nullptr)) const
    {
        return callMethod(QStringLiteral("setdefault"), {toCbor(key), value});
    }
    // [key, value] of the last item; KeyError when empty.
    QCborArray popItem() const { return call<QCborArray>(QStringLiteral("popitem")); }
    qsizetype size() const { return call<qsizetype>(QStringLiteral("__len__")); }
    // list(d.keys()), list(d.values()): in insertion order.
    QCborArray keys() const { return call<QCborArray>(QStringLiteral("keys")); }
    QCborArray values() const { return call<QCborArray>(QStringLiteral("values")); }
    // list(d.items()): [key, value] pairs.
    QCborArray items() const { return call<QCborArray>(QStringLiteral("items")); }
    // The same, each element converted through CborConvert (TypeError when one does not;
    // values<ListProxy>() gives live nested proxies).
    template <typename T>
    QList<T> keys() const { return converted<T>(keys()); }
    template <typename T>
    QList<T> values() const { return converted<T>(values()); }
    template <typename K, typename V>
    QList<std::pair<K, V>> items() const
    {
        QList<std::pair<K, V>> out;
        const QCborArray pairs = items();
        out.reserve(pairs.size());
        for (const QCborValue &pair : pairs)
            out.append({CborConvert<K>::fromCbor(pair[0]), CborConvert<V>::fromCbor(pair[1])});
        return out;
    }
    // `for (const QCborValue &key : d)`: Python's `for key in d`, over a copy of the keys.
    SnapshotIterator begin() const { return SnapshotIterator(keys()); }
    std::default_sentinel_t end() const { return {}; }
    void update(const QCborMap &other) const { call<void>(QStringLiteral("update"), other); }
    void clear() const { call<void>(QStringLiteral("clear")); }
    QCborMap copy() const { return call<QCborMap>(QStringLiteral("copy")); }

private:
    template <typename T>
    static QList<T> converted(const QCborArray &list)
    {
        QList<T> out;
        out.reserve(list.size());
        for (const QCborValue &v : list)
            out.append(CborConvert<T>::fromCbor(v));
        return out;
    }
};

} // namespace qmp

QMP_PROXY_CBOR(DictProxy)
