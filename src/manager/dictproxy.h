#pragma once
// DictProxy: a dict held by a manager (Python's DictProxy). Keys and values are CBOR values;
// map keys keep insertion order, like a Python dict. A proxy stored as a value stays live:
// `d.set("l", list); d.at<ListProxy>("l").append(1)` changes that list. A plain list stored as
// a value is a copy (Python's P9: mutate it through a proxy, or set it back).

#include "baseproxy.h"

#include <QCborMap>

namespace qmp {

class DictProxy : public BaseProxy
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
    QCborArray keys() const { return call<QCborArray>(QStringLiteral("keys")); }
    QCborArray values() const { return call<QCborArray>(QStringLiteral("values")); }
    QCborArray items() const { return call<QCborArray>(QStringLiteral("items")); }
    void update(const QCborMap &other) const { call<void>(QStringLiteral("update"), other); }
    void clear() const { call<void>(QStringLiteral("clear")); }
    QCborMap copy() const { return call<QCborMap>(QStringLiteral("copy")); }
};

} // namespace qmp

QMP_PROXY_CBOR(DictProxy)
