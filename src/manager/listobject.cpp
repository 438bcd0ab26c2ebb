#include "listobject.h"

#include "cborconvert.h"
#include "pycompare.h"
#include "pyrepr.h"

#include <algorithm>

namespace qmp {

ListObject::ListObject(const QCborArray &args)
{
    MethodSignature{QStringLiteral("__init__"), 0, 1}.checkCount(typeId(), args);
    if (!args.isEmpty() && !args.at(0).isNull()) {
        if (!args.at(0).isArray())
            throw TypeError(QStringLiteral("list() needs a list, not %1").arg(cborTypeName(args.at(0))));
        m_list = args.at(0).toArray();
    }
}

const MethodTable<ListObject> &ListObject::table()
{
    static const MethodTable<ListObject> methods{
        {{QStringLiteral("__getitem__"), 1, 1}, &ListObject::getItem},
        {{QStringLiteral("__setitem__"), 2, 2}, &ListObject::setItem},
        {{QStringLiteral("__delitem__"), 1, 1}, &ListObject::delItem},
        {{QStringLiteral("__len__"), 0, 0}, &ListObject::len},
        {{QStringLiteral("__contains__"), 1, 1}, &ListObject::contains},
        {{QStringLiteral("append"), 1, 1}, &ListObject::append},
        {{QStringLiteral("extend"), 1, 1}, &ListObject::extend},
        {{QStringLiteral("insert"), 2, 2}, &ListObject::insert},
        {{QStringLiteral("pop"), 0, 1}, &ListObject::pop},
        {{QStringLiteral("remove"), 1, 1}, &ListObject::remove},
        {{QStringLiteral("index"), 1, 1}, &ListObject::index},
        {{QStringLiteral("count"), 1, 1}, &ListObject::count},
        {{QStringLiteral("reverse"), 0, 0}, &ListObject::reverse},
        {{QStringLiteral("sort"), 0, 1}, &ListObject::sort},
        {{QStringLiteral("clear"), 0, 0}, &ListObject::clear},
        {{QStringLiteral("copy"), 0, 0}, &ListObject::copy},
        {{QStringLiteral("_getvalue"), 0, 0}, &ListObject::copy},
    };
    return methods;
}

void ListObject::visitValues(const std::function<void(const QCborValue &)> &visit)
{
    std::lock_guard guard(m_mutex);
    for (const QCborValue &v : std::as_const(m_list))
        visit(v);
}

QCborValue ListObject::getItem(MethodCall &call)
{
    return m_list.at(position(call.arg(0)));
}

QCborValue ListObject::setItem(MethodCall &call)
{
    m_list[position(call.arg(0))] = call.arg(1);
    return {};
}

QCborValue ListObject::delItem(MethodCall &call)
{
    m_list.removeAt(position(call.arg(0)));
    return {};
}

QCborValue ListObject::len(MethodCall &)
{
    return qint64(m_list.size());
}

QCborValue ListObject::contains(MethodCall &call)
{
    return find(call.arg(0)) >= 0;
}

QCborValue ListObject::append(MethodCall &call)
{
    m_list.append(call.arg(0));
    return {};
}

QCborValue ListObject::extend(MethodCall &call)
{
    if (!call.arg(0).isArray())
        throw TypeError(QStringLiteral("list.extend() needs a list, not %1").arg(cborTypeName(call.arg(0))));
    for (const QCborValue &v : call.arg(0).toArray())
        m_list.append(v);
    return {};
}

QCborValue ListObject::insert(MethodCall &call)
{
    qint64 i = call.intArg(0, QStringLiteral("list index"));
    if (i < 0)
        i = qMax<qint64>(0, i + m_list.size());
    m_list.insert(qsizetype(qMin<qint64>(i, m_list.size())), call.arg(1));
    return {};
}

QCborValue ListObject::pop(MethodCall &call)
{
    if (m_list.isEmpty())
        throw IndexError(QStringLiteral("pop from empty list"));
    return m_list.takeAt(position(call.arg(0, QCborValue(-1))));
}

QCborValue ListObject::remove(MethodCall &call)
{
    m_list.removeAt(findOrThrow(QStringLiteral("remove"), call.arg(0)));
    return {};
}

QCborValue ListObject::index(MethodCall &call)
{
    return qint64(findOrThrow(QStringLiteral("index"), call.arg(0)));
}

QCborValue ListObject::count(MethodCall &call)
{
    qint64 n = 0;
    for (const QCborValue &v : std::as_const(m_list))
        n += PyCompare::equal(v, call.arg(0)) ? 1 : 0;
    return n;
}

QCborValue ListObject::reverse(MethodCall &)
{
    QCborArray out;
    for (qsizetype i = m_list.size() - 1; i >= 0; --i)
        out.append(m_list.at(i));
    m_list = out;
    return {};
}

QCborValue ListObject::sort(MethodCall &call)
{
    QList<QCborValue> items(m_list.cbegin(), m_list.cend());
    std::stable_sort(items.begin(), items.end(), PyCompare::lessThan);
    if (call.arg(0, QCborValue(false)).toBool())
        std::reverse(items.begin(), items.end());
    m_list = {};
    for (const QCborValue &v : std::as_const(items))
        m_list.append(v);
    return {};
}

QCborValue ListObject::clear(MethodCall &)
{
    m_list = {};
    return {};
}

QCborValue ListObject::copy(MethodCall &)
{
    return m_list;
}

qsizetype ListObject::position(const QCborValue &v) const
{
    const qsizetype n = m_list.size();
    qint64 i = MethodCall::integer(QStringLiteral("list index"), v);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        throw IndexError(QStringLiteral("list index out of range"));
    return qsizetype(i);
}

qsizetype ListObject::find(const QCborValue &v) const
{
    for (qsizetype i = 0; i < m_list.size(); ++i) {
        if (PyCompare::equal(m_list.at(i), v))
            return i;
    }
    return -1;
}

qsizetype ListObject::findOrThrow(const QString &method, const QCborValue &v) const
{
    const qsizetype i = find(v);
    if (i < 0)
        throw ValueError(QStringLiteral("list.%1(x): %2 is not in list").arg(method, PyRepr::repr(v)));
    return i;
}

} // namespace qmp
