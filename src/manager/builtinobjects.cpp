#include "builtinobjects.h"

#include "cborconvert.h"
#include "ipcerrors.h"
#include "pythonerrors.h"
#include "pyrepr.h"

#include <QCborMap>

#include <algorithm>
#include <deque>
#include <limits>

namespace qmp {

namespace {

QCborValue argAt(const QCborArray &args, qsizetype i, const QCborValue &fallback = QCborValue())
{
    return i < args.size() ? args.at(i) : fallback;
}

void needArgs(const QString &type, const QString &method, const QCborArray &args, qsizetype min, qsizetype max)
{
    if (args.size() < min || args.size() > max) {
        const QString want = min == max ? QString::number(min) : QStringLiteral("%1 to %2").arg(min).arg(max);
        throw TypeError(QStringLiteral("%1.%2() takes %3 argument(s), %4 given").arg(type, method, want).arg(args.size()));
    }
}

// Block flag and timeout in ms (-1 or null: forever) as a deadline.
QDeadlineTimer deadlineOf(const QCborValue &block, const QCborValue &timeoutMs)
{
    if (block.isBool() && !block.toBool())
        return QDeadlineTimer(0);
    if (timeoutMs.isNull() || timeoutMs.isUndefined() || timeoutMs.toInteger(-1) < 0)
        return QDeadlineTimer(QDeadlineTimer::Forever);
    return QDeadlineTimer(timeoutMs.toInteger(), Qt::PreciseTimer);
}

qint64 intArg(const QString &what, const QCborValue &v)
{
    if (!v.isInteger())
        throw TypeError(QStringLiteral("%1 must be an integer, not %2").arg(what, cborTypeName(v)));
    return v.toInteger();
}

// A Python index into n items: negative counts from the end. IndexError when out of range.
qsizetype indexOf(const QString &type, const QCborValue &v, qsizetype n)
{
    qint64 i = intArg(QStringLiteral("%1 index").arg(type), v);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        throw IndexError(QStringLiteral("%1 index out of range").arg(type));
    return qsizetype(i);
}

[[noreturn]] void noMethod(const QString &type, const QString &method)
{
    throw AttributeError(QStringLiteral("'%1' object has no method '%2'").arg(type, method));
}

bool isNumber(const QCborValue &v)
{
    return v.isInteger() || v.isDouble() || v.isBool();
}

double numberOf(const QCborValue &v)
{
    return v.isBool() ? (v.toBool() ? 1.0 : 0.0) : v.isInteger() ? double(v.toInteger()) : v.toDouble();
}

// Python's sort order: numbers by value, strings and bytes lexicographically; mixing throws.
bool lessThan(const QCborValue &a, const QCborValue &b)
{
    if (isNumber(a) && isNumber(b)) {
        if (a.isInteger() && b.isInteger())
            return a.toInteger() < b.toInteger();
        return numberOf(a) < numberOf(b);
    }
    if (a.isString() && b.isString())
        return a.toString() < b.toString();
    if (a.isByteArray() && b.isByteArray())
        return a.toByteArray() < b.toByteArray();
    throw TypeError(QStringLiteral("'<' not supported between %1 and %2").arg(cborTypeName(a), cborTypeName(b)));
}

// Checks (and converts) a value for a ctypes typecode.
QCborValue coerce(char code, const QCborValue &v)
{
    switch (code) {
    case 'f':
    case 'd':
        if (v.isDouble())
            return v;
        if (v.isInteger())
            return QCborValue(double(v.toInteger()));
        throw TypeError(QStringLiteral("typecode '%1' needs a number, not %2").arg(QLatin1Char(code)).arg(cborTypeName(v)));
    case 'c':
        if (v.isByteArray() && v.toByteArray().size() == 1)
            return v;
        throw TypeError(QStringLiteral("typecode 'c' needs bytes of length 1, not %1").arg(cborTypeName(v)));
    case 'u':
        if (v.isString() && v.toString().size() == 1)
            return v;
        throw TypeError(QStringLiteral("typecode 'u' needs a string of length 1, not %1").arg(cborTypeName(v)));
    case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l': case 'L': case 'q': case 'Q':
        if (v.isInteger())
            return v;
        if (v.isBool())
            return QCborValue(qint64(v.toBool()));
        throw TypeError(QStringLiteral("typecode '%1' needs an integer, not %2").arg(QLatin1Char(code)).arg(cborTypeName(v)));
    default:
        throw ValueError(QStringLiteral("bad typecode '%1' (use one of bBhHiIlLqQfdcu)").arg(QLatin1Char(code)));
    }
}

char typecodeArg(const QCborValue &v)
{
    const QString s = v.toString();
    if (s.size() != 1)
        throw TypeError(QStringLiteral("a typecode must be one character, not %1").arg(cborTypeName(v)));
    const char code = s.at(0).toLatin1();
    coerce(code, code == 'c' ? QCborValue(QByteArray(1, 'x')) : code == 'u' ? QCborValue(QStringLiteral("x")) : QCborValue(0));
    return code;
}

QCborArray keysOf(const QCborMap &map)
{
    QCborArray out;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        out.append(it.key());
    return out;
}

class DictObject : public ServerObject
{
public:
    explicit DictObject(const QCborArray &args)
    {
        needArgs(QStringLiteral("dict"), QStringLiteral("__init__"), args, 0, 1);
        if (!args.isEmpty() && !args.at(0).isNull()) {
            if (!args.at(0).isMap())
                throw TypeError(QStringLiteral("dict() needs a map, not %1").arg(cborTypeName(args.at(0))));
            m_map = args.at(0).toMap();
        }
    }
    QString typeId() const override { return QStringLiteral("dict"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &) override
    {
        const QString t = typeId();
        std::lock_guard guard(m_mutex);
        if (m == QLatin1String("__getitem__")) {
            needArgs(t, m, a, 1, 1);
            const auto it = m_map.constFind(a.at(0));
            if (it == m_map.constEnd())
                throw KeyError(PyRepr::repr(a.at(0)));
            return it.value();
        }
        if (m == QLatin1String("__setitem__")) {
            needArgs(t, m, a, 2, 2);
            m_map.insert(a.at(0), a.at(1));
            return {};
        }
        if (m == QLatin1String("__delitem__") || m == QLatin1String("pop")) {
            needArgs(t, m, a, 1, m == QLatin1String("pop") ? 2 : 1);
            const auto it = m_map.find(a.at(0));
            if (it == m_map.end()) {
                if (a.size() == 2)
                    return a.at(1);
                throw KeyError(PyRepr::repr(a.at(0)));
            }
            const QCborValue v = it.value();
            m_map.erase(it);
            return m == QLatin1String("pop") ? v : QCborValue();
        }
        if (m == QLatin1String("__len__"))
            return qint64(m_map.size());
        if (m == QLatin1String("__contains__")) {
            needArgs(t, m, a, 1, 1);
            return m_map.contains(a.at(0));
        }
        if (m == QLatin1String("get")) {
            needArgs(t, m, a, 1, 2);
            const auto it = m_map.constFind(a.at(0));
            return it == m_map.constEnd() ? argAt(a, 1, QCborValue(nullptr)) : it.value();
        }
        if (m == QLatin1String("setdefault")) {
            needArgs(t, m, a, 1, 2);
            const auto it = m_map.constFind(a.at(0));
            if (it != m_map.constEnd())
                return it.value();
            m_map.insert(a.at(0), argAt(a, 1, QCborValue(nullptr)));
            return argAt(a, 1, QCborValue(nullptr));
        }
        if (m == QLatin1String("popitem")) {
            if (m_map.isEmpty())
                throw KeyError(QStringLiteral("popitem(): dictionary is empty"));
            auto it = m_map.end();
            --it;
            const QCborArray item{it.key(), it.value()};
            m_map.erase(it);
            return item;
        }
        if (m == QLatin1String("keys"))
            return keysOf(m_map);
        if (m == QLatin1String("values")) {
            QCborArray out;
            for (auto it = m_map.constBegin(); it != m_map.constEnd(); ++it)
                out.append(it.value());
            return out;
        }
        if (m == QLatin1String("items")) {
            QCborArray out;
            for (auto it = m_map.constBegin(); it != m_map.constEnd(); ++it)
                out.append(QCborArray{it.key(), it.value()});
            return out;
        }
        if (m == QLatin1String("update")) {
            needArgs(t, m, a, 1, 1);
            if (!a.at(0).isMap())
                throw TypeError(QStringLiteral("dict.update() needs a map, not %1").arg(cborTypeName(a.at(0))));
            const QCborMap other = a.at(0).toMap();
            for (auto it = other.constBegin(); it != other.constEnd(); ++it)
                m_map.insert(it.key(), it.value());
            return {};
        }
        if (m == QLatin1String("clear")) {
            m_map = {};
            return {};
        }
        if (m == QLatin1String("copy") || m == QLatin1String("_getvalue"))
            return m_map;
        noMethod(t, m);
    }

    void visitValues(const std::function<void(const QCborValue &)> &visit) override
    {
        std::lock_guard guard(m_mutex);
        for (auto it = m_map.constBegin(); it != m_map.constEnd(); ++it) {
            visit(it.key());
            visit(it.value());
        }
    }

private:
    std::mutex m_mutex;
    QCborMap m_map;
};

class ListObject : public ServerObject
{
public:
    explicit ListObject(const QCborArray &args)
    {
        needArgs(QStringLiteral("list"), QStringLiteral("__init__"), args, 0, 1);
        if (!args.isEmpty() && !args.at(0).isNull()) {
            if (!args.at(0).isArray())
                throw TypeError(QStringLiteral("list() needs a list, not %1").arg(cborTypeName(args.at(0))));
            m_list = args.at(0).toArray();
        }
    }
    QString typeId() const override { return QStringLiteral("list"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &) override
    {
        const QString t = typeId();
        std::lock_guard guard(m_mutex);
        if (m == QLatin1String("__getitem__")) {
            needArgs(t, m, a, 1, 1);
            return m_list.at(indexOf(t, a.at(0), m_list.size()));
        }
        if (m == QLatin1String("__setitem__")) {
            needArgs(t, m, a, 2, 2);
            m_list[indexOf(t, a.at(0), m_list.size())] = a.at(1);
            return {};
        }
        if (m == QLatin1String("__delitem__")) {
            needArgs(t, m, a, 1, 1);
            m_list.removeAt(indexOf(t, a.at(0), m_list.size()));
            return {};
        }
        if (m == QLatin1String("__len__"))
            return qint64(m_list.size());
        if (m == QLatin1String("__contains__")) {
            needArgs(t, m, a, 1, 1);
            return find(a.at(0)) >= 0;
        }
        if (m == QLatin1String("append")) {
            needArgs(t, m, a, 1, 1);
            m_list.append(a.at(0));
            return {};
        }
        if (m == QLatin1String("extend")) {
            needArgs(t, m, a, 1, 1);
            if (!a.at(0).isArray())
                throw TypeError(QStringLiteral("list.extend() needs a list, not %1").arg(cborTypeName(a.at(0))));
            for (const QCborValue &v : a.at(0).toArray())
                m_list.append(v);
            return {};
        }
        if (m == QLatin1String("insert")) {
            needArgs(t, m, a, 2, 2);
            qint64 i = intArg(QStringLiteral("list index"), a.at(0));
            if (i < 0)
                i = qMax<qint64>(0, i + m_list.size());
            m_list.insert(qsizetype(qMin<qint64>(i, m_list.size())), a.at(1));
            return {};
        }
        if (m == QLatin1String("pop")) {
            needArgs(t, m, a, 0, 1);
            if (m_list.isEmpty())
                throw IndexError(QStringLiteral("pop from empty list"));
            const qsizetype i = indexOf(t, argAt(a, 0, QCborValue(-1)), m_list.size());
            return m_list.takeAt(i);
        }
        if (m == QLatin1String("remove") || m == QLatin1String("index")) {
            needArgs(t, m, a, 1, 1);
            const qsizetype i = find(a.at(0));
            if (i < 0)
                throw ValueError(QStringLiteral("list.%1(x): %2 is not in list").arg(m, PyRepr::repr(a.at(0))));
            if (m == QLatin1String("index"))
                return qint64(i);
            m_list.removeAt(i);
            return {};
        }
        if (m == QLatin1String("count")) {
            needArgs(t, m, a, 1, 1);
            qint64 n = 0;
            for (const QCborValue &v : m_list)
                n += BuiltinObjects::equal(v, a.at(0)) ? 1 : 0;
            return n;
        }
        if (m == QLatin1String("reverse")) {
            QCborArray out;
            for (qsizetype i = m_list.size() - 1; i >= 0; --i)
                out.append(m_list.at(i));
            m_list = out;
            return {};
        }
        if (m == QLatin1String("sort")) {
            needArgs(t, m, a, 0, 1);
            QList<QCborValue> items(m_list.cbegin(), m_list.cend());
            std::stable_sort(items.begin(), items.end(), lessThan);
            if (argAt(a, 0, QCborValue(false)).toBool())
                std::reverse(items.begin(), items.end());
            m_list = {};
            for (const QCborValue &v : items)
                m_list.append(v);
            return {};
        }
        if (m == QLatin1String("clear")) {
            m_list = {};
            return {};
        }
        if (m == QLatin1String("copy") || m == QLatin1String("_getvalue"))
            return m_list;
        noMethod(t, m);
    }

    void visitValues(const std::function<void(const QCborValue &)> &visit) override
    {
        std::lock_guard guard(m_mutex);
        for (const QCborValue &v : m_list)
            visit(v);
    }

private:
    qsizetype find(const QCborValue &v) const
    {
        for (qsizetype i = 0; i < m_list.size(); ++i) {
            if (BuiltinObjects::equal(m_list.at(i), v))
                return i;
        }
        return -1;
    }

    std::mutex m_mutex;
    QCborArray m_list;
};

class QueueObject : public ServerObject
{
public:
    QueueObject(const QCborArray &args, bool joinable) : m_joinable(joinable)
    {
        needArgs(typeId(), QStringLiteral("__init__"), args, 0, 1);
        m_maxsize = args.isEmpty() ? 0 : intArg(QStringLiteral("maxsize"), args.at(0));
    }
    QString typeId() const override { return m_joinable ? QStringLiteral("JoinableQueue") : QStringLiteral("Queue"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &ctx) override
    {
        const QString t = typeId();
        std::unique_lock lock(m_mutex);
        if (m == QLatin1String("put")) {
            needArgs(t, m, a, 1, 3);
            const bool room = ctx.wait(lock, m_cv, deadlineOf(argAt(a, 1), argAt(a, 2)), [&] {
                return m_maxsize <= 0 || qint64(m_items.size()) < m_maxsize;
            });
            if (!room)
                throw PythonErrors::queueFull(m_maxsize);
            m_items.push_back(a.at(0));
            ++m_unfinished;
            m_cv.notify_all();
            return {};
        }
        if (m == QLatin1String("get")) {
            needArgs(t, m, a, 0, 2);
            if (!ctx.wait(lock, m_cv, deadlineOf(argAt(a, 0), argAt(a, 1)), [&] { return !m_items.empty(); }))
                throw PythonErrors::queueEmpty();
            QCborValue v = std::move(m_items.front());
            m_items.pop_front();
            m_cv.notify_all();
            return v;
        }
        if (m == QLatin1String("qsize"))
            return qint64(m_items.size());
        if (m == QLatin1String("empty"))
            return m_items.empty();
        if (m == QLatin1String("full"))
            return m_maxsize > 0 && qint64(m_items.size()) >= m_maxsize;
        if (m_joinable && m == QLatin1String("task_done")) {
            if (m_unfinished <= 0)
                throw PythonErrors::taskDoneTooManyTimes();
            if (--m_unfinished == 0)
                m_cv.notify_all();
            return {};
        }
        if (m_joinable && m == QLatin1String("join")) {
            needArgs(t, m, a, 0, 1);
            return ctx.wait(lock, m_cv, deadlineOf(QCborValue(true), argAt(a, 0)), [&] { return m_unfinished == 0; });
        }
        noMethod(t, m);
    }

    void visitValues(const std::function<void(const QCborValue &)> &visit) override
    {
        std::lock_guard guard(m_mutex);
        for (const QCborValue &v : m_items)
            visit(v);
    }

private:
    const bool m_joinable;
    qint64 m_maxsize = 0;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<QCborValue> m_items;
    qint64 m_unfinished = 0;
};

// Lock and RLock. The owner is the connection that acquired it; when that connection ends
// (its process died), the lock is released — a Python manager's lock stays held forever.
class LockObject : public ServerObject
{
public:
    LockObject(const QCborArray &args, bool recursive) : m_recursive(recursive)
    {
        needArgs(typeId(), QStringLiteral("__init__"), args, 0, 0);
    }
    QString typeId() const override { return m_recursive ? QStringLiteral("RLock") : QStringLiteral("Lock"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &ctx) override
    {
        const QString t = typeId();
        std::unique_lock lock(m_mutex);
        if (m == QLatin1String("acquire") || m == QLatin1String("__enter__")) {
            needArgs(t, m, a, 0, 2);
            const qint64 me = ctx.connectionId();
            if (m_recursive && m_count > 0 && m_owner == me) {
                ++m_count;
                return true;
            }
            if (!ctx.wait(lock, m_cv, deadlineOf(argAt(a, 0), argAt(a, 1)), [&] { return m_count == 0; }))
                return false;
            m_owner = me;
            m_count = 1;
            return true;
        }
        if (m == QLatin1String("release") || m == QLatin1String("__exit__")) {
            if (m_recursive && (m_count == 0 || m_owner != ctx.connectionId()))
                throw PythonErrors::rlockNotOwned();
            if (m_count == 0)
                throw PythonErrors::releasedTooManyTimes();
            if (--m_count == 0) {
                m_owner = -1;
                m_cv.notify_all();
            }
            return {};
        }
        if (m == QLatin1String("locked"))
            return m_count > 0;
        noMethod(t, m);
    }
    void connectionClosed(qint64 connectionId) override
    {
        std::lock_guard guard(m_mutex);
        if (m_count > 0 && m_owner == connectionId) {
            m_count = 0;
            m_owner = -1;
            m_cv.notify_all();
        }
    }

private:
    const bool m_recursive;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    qint64 m_owner = -1;
    qint64 m_count = 0;
};

class SemaphoreObject : public ServerObject
{
public:
    SemaphoreObject(const QCborArray &args, bool bounded) : m_bounded(bounded)
    {
        needArgs(typeId(), QStringLiteral("__init__"), args, 0, 1);
        m_value = args.isEmpty() ? 1 : intArg(QStringLiteral("value"), args.at(0));
        if (m_value < 0)
            throw PythonErrors::negativeSemaphoreValue(m_value);
        m_initial = m_value;
    }
    QString typeId() const override { return m_bounded ? QStringLiteral("BoundedSemaphore") : QStringLiteral("Semaphore"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &ctx) override
    {
        const QString t = typeId();
        std::unique_lock lock(m_mutex);
        if (m == QLatin1String("acquire")) {
            needArgs(t, m, a, 0, 2);
            if (!ctx.wait(lock, m_cv, deadlineOf(argAt(a, 0), argAt(a, 1)), [&] { return m_value > 0; }))
                return false;
            --m_value;
            return true;
        }
        if (m == QLatin1String("release")) {
            needArgs(t, m, a, 0, 1);
            const qint64 n = intArg(QStringLiteral("n"), argAt(a, 0, QCborValue(1)));
            if (n < 1)
                throw ValueError(QStringLiteral("n must be one or more"));
            if (m_bounded && m_value + n > m_initial)
                throw PythonErrors::releasedTooManyTimes();
            if (m_value + n > std::numeric_limits<std::int32_t>::max()) // as a qmp::Semaphore's
                throw PythonErrors::semaphoreOverflow();
            m_value += n;
            m_cv.notify_all();
            return {};
        }
        if (m == QLatin1String("get_value"))
            return m_value;
        noMethod(t, m);
    }

private:
    const bool m_bounded;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    qint64 m_value = 1;
    qint64 m_initial = 1;
};

class EventObject : public ServerObject
{
public:
    explicit EventObject(const QCborArray &args) { needArgs(typeId(), QStringLiteral("__init__"), args, 0, 0); }
    QString typeId() const override { return QStringLiteral("Event"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &ctx) override
    {
        std::unique_lock lock(m_mutex);
        if (m == QLatin1String("set")) {
            m_flag = true;
            m_cv.notify_all();
            return {};
        }
        if (m == QLatin1String("clear")) {
            m_flag = false;
            return {};
        }
        if (m == QLatin1String("is_set"))
            return m_flag;
        if (m == QLatin1String("wait")) {
            needArgs(typeId(), m, a, 0, 1);
            return ctx.wait(lock, m_cv, deadlineOf(QCborValue(true), argAt(a, 0)), [&] { return m_flag; });
        }
        noMethod(typeId(), m);
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_flag = false;
};

// A condition variable with its own RLock (owned by a connection, released when it ends).
class ConditionObject : public ServerObject
{
public:
    explicit ConditionObject(const QCborArray &args) { needArgs(typeId(), QStringLiteral("__init__"), args, 0, 0); }
    QString typeId() const override { return QStringLiteral("Condition"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &ctx) override
    {
        const QString t = typeId();
        const qint64 me = ctx.connectionId();
        std::unique_lock lock(m_mutex);
        if (m == QLatin1String("acquire")) {
            needArgs(t, m, a, 0, 2);
            if (m_count > 0 && m_owner == me) {
                ++m_count;
                return true;
            }
            if (!ctx.wait(lock, m_cv, deadlineOf(argAt(a, 0), argAt(a, 1)), [&] { return m_count == 0; }))
                return false;
            m_owner = me;
            m_count = 1;
            return true;
        }
        if (m == QLatin1String("release")) {
            if (m_count == 0 || m_owner != me)
                throw PythonErrors::rlockNotOwned(); // the Condition's RLock
            if (--m_count == 0) {
                m_owner = -1;
                m_cv.notify_all();
            }
            return {};
        }
        if (m == QLatin1String("wait")) {
            needArgs(t, m, a, 0, 1);
            if (m_count == 0 || m_owner != me)
                throw PythonErrors::conditionWaitNotOwned();
            const qint64 saved = m_count;
            auto ticket = std::make_shared<bool>(false);
            m_waiters.push_back(ticket);
            m_count = 0;
            m_owner = -1;
            m_cv.notify_all();
            bool notified = false;
            try {
                notified = ctx.wait(lock, m_cv, deadlineOf(QCborValue(true), argAt(a, 0)), [&] { return *ticket; });
            } catch (const CallAbandoned &) {
                std::erase(m_waiters, ticket);
                throw;
            }
            if (!notified)
                std::erase(m_waiters, ticket);
            // Re-acquire the lock, however long that takes (Python does the same).
            ctx.wait(lock, m_cv, QDeadlineTimer(QDeadlineTimer::Forever), [&] { return m_count == 0; });
            m_owner = me;
            m_count = saved;
            return notified;
        }
        if (m == QLatin1String("notify") || m == QLatin1String("notify_all")) {
            if (m_count == 0 || m_owner != me)
                throw PythonErrors::conditionNotifyNotOwned();
            qint64 n = m == QLatin1String("notify") ? intArg(QStringLiteral("n"), argAt(a, 0, QCborValue(1)))
                                                    : qint64(m_waiters.size());
            while (n-- > 0 && !m_waiters.empty()) {
                *m_waiters.front() = true;
                m_waiters.pop_front();
            }
            m_cv.notify_all();
            return {};
        }
        noMethod(t, m);
    }
    void connectionClosed(qint64 connectionId) override
    {
        std::lock_guard guard(m_mutex);
        if (m_count > 0 && m_owner == connectionId) {
            m_count = 0;
            m_owner = -1;
            m_cv.notify_all();
        }
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    qint64 m_owner = -1;
    qint64 m_count = 0;
    std::deque<std::shared_ptr<bool>> m_waiters;
};

class BarrierObject : public ServerObject
{
public:
    explicit BarrierObject(const QCborArray &args)
    {
        needArgs(typeId(), QStringLiteral("__init__"), args, 1, 1);
        m_parties = intArg(QStringLiteral("parties"), args.at(0));
        if (m_parties < 1)
            throw PythonErrors::barrierParties(m_parties);
    }
    QString typeId() const override { return QStringLiteral("Barrier"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &ctx) override
    {
        std::unique_lock lock(m_mutex);
        if (m == QLatin1String("wait")) {
            needArgs(typeId(), m, a, 0, 1);
            if (m_broken)
                throw PythonErrors::barrierBroken();
            const qint64 index = m_waiting++;
            const qint64 generation = m_generation;
            if (m_waiting == m_parties) {
                m_waiting = 0;
                ++m_generation;
                m_cv.notify_all();
                return index;
            }
            bool passed = false;
            try {
                passed = ctx.wait(lock, m_cv, deadlineOf(QCborValue(true), argAt(a, 0)),
                                  [&] { return m_generation != generation || m_broken; });
            } catch (const CallAbandoned &) {
                breakBarrier();
                throw;
            }
            if (m_generation != generation) {
                if (m_resetGeneration == generation)
                    throw PythonErrors::barrierReset();
                return index;
            }
            if (!passed) {
                breakBarrier();
                throw PythonErrors::barrierTimedOut();
            }
            throw PythonErrors::barrierBroken(); // aborted while waiting
        }
        if (m == QLatin1String("abort")) {
            breakBarrier();
            return {};
        }
        if (m == QLatin1String("reset")) {
            if (m_waiting > 0)
                m_resetGeneration = m_generation; // its waiters fail with barrierReset()
            m_broken = false;
            m_waiting = 0;
            ++m_generation;
            m_cv.notify_all();
            return {};
        }
        if (m == QLatin1String("parties"))
            return m_parties;
        if (m == QLatin1String("n_waiting"))
            return m_waiting;
        if (m == QLatin1String("broken"))
            return m_broken;
        noMethod(typeId(), m);
    }

private:
    void breakBarrier()
    {
        m_broken = true;
        m_waiting = 0;
        m_cv.notify_all();
    }

    std::mutex m_mutex;
    std::condition_variable m_cv;
    qint64 m_parties = 1;
    qint64 m_waiting = 0;
    qint64 m_generation = 0;
    qint64 m_resetGeneration = -1; // the last generation reset() ended while parties waited
    bool m_broken = false;
};

class ValueObject : public ServerObject
{
public:
    explicit ValueObject(const QCborArray &args)
    {
        needArgs(typeId(), QStringLiteral("__init__"), args, 1, 2);
        m_code = typecodeArg(args.at(0));
        m_value = coerce(m_code, argAt(args, 1, QCborValue(0)));
    }
    QString typeId() const override { return QStringLiteral("Value"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &) override
    {
        std::lock_guard guard(m_mutex);
        if (m == QLatin1String("get") || m == QLatin1String("_getvalue"))
            return m_value;
        if (m == QLatin1String("set")) {
            needArgs(typeId(), m, a, 1, 1);
            m_value = coerce(m_code, a.at(0));
            return {};
        }
        if (m == QLatin1String("typecode"))
            return QString(QLatin1Char(m_code));
        noMethod(typeId(), m);
    }

private:
    std::mutex m_mutex;
    char m_code = 'i';
    QCborValue m_value;
};

class ArrayObject : public ServerObject
{
public:
    explicit ArrayObject(const QCborArray &args)
    {
        needArgs(typeId(), QStringLiteral("__init__"), args, 2, 2);
        m_code = typecodeArg(args.at(0));
        if (args.at(1).isInteger()) {
            if (args.at(1).toInteger() < 0)
                throw PythonErrors::arrayLength(args.at(1).toInteger());
            for (qint64 i = 0; i < args.at(1).toInteger(); ++i)
                m_items.append(coerce(m_code, QCborValue(0)));
        } else if (args.at(1).isArray()) {
            for (const QCborValue &v : args.at(1).toArray())
                m_items.append(coerce(m_code, v));
        } else {
            throw TypeError(QStringLiteral("Array() needs a size or a list, not %1").arg(cborTypeName(args.at(1))));
        }
    }
    QString typeId() const override { return QStringLiteral("Array"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &) override
    {
        const QString t = typeId();
        std::lock_guard guard(m_mutex);
        if (m == QLatin1String("__len__"))
            return qint64(m_items.size());
        if (m == QLatin1String("__getitem__")) {
            needArgs(t, m, a, 1, 1);
            return m_items.at(arrayIndex(a.at(0)));
        }
        if (m == QLatin1String("__setitem__")) {
            needArgs(t, m, a, 2, 2);
            m_items[arrayIndex(a.at(0))] = coerce(m_code, a.at(1));
            return {};
        }
        if (m == QLatin1String("tolist") || m == QLatin1String("_getvalue"))
            return m_items;
        if (m == QLatin1String("typecode"))
            return QString(QLatin1Char(m_code));
        noMethod(t, m);
    }

private:
    // A Python index into the items; the qmp::Array's IndexError when out of range.
    qsizetype arrayIndex(const QCborValue &v) const
    {
        const qint64 i = intArg(QStringLiteral("array index"), v);
        const qint64 j = i < 0 ? i + m_items.size() : i;
        if (j < 0 || j >= m_items.size())
            throw PythonErrors::arrayIndex(i, m_items.size());
        return qsizetype(j);
    }

    std::mutex m_mutex;
    char m_code = 'i';
    QCborArray m_items;
};

class NamespaceObject : public ServerObject
{
public:
    explicit NamespaceObject(const QCborArray &args)
    {
        needArgs(typeId(), QStringLiteral("__init__"), args, 0, 1);
        if (!args.isEmpty() && args.at(0).isMap())
            m_attrs = args.at(0).toMap();
    }
    QString typeId() const override { return QStringLiteral("Namespace"); }
    QCborValue call(const QString &m, const QCborArray &a, CallContext &) override
    {
        const QString t = typeId();
        std::lock_guard guard(m_mutex);
        if (m == QLatin1String("__getattribute__") || m == QLatin1String("__delattr__")) {
            needArgs(t, m, a, 1, 1);
            const auto it = m_attrs.find(a.at(0));
            if (it == m_attrs.end())
                throw AttributeError(QStringLiteral("'Namespace' object has no attribute %1").arg(PyRepr::repr(a.at(0))));
            const QCborValue v = it.value();
            if (m == QLatin1String("__delattr__"))
                m_attrs.erase(it);
            return v;
        }
        if (m == QLatin1String("__setattr__")) {
            needArgs(t, m, a, 2, 2);
            if (!a.at(0).isString())
                throw TypeError(QStringLiteral("attribute name must be a string"));
            m_attrs.insert(a.at(0), a.at(1));
            return {};
        }
        if (m == QLatin1String("__contains__")) {
            needArgs(t, m, a, 1, 1);
            return m_attrs.contains(a.at(0));
        }
        if (m == QLatin1String("_getvalue"))
            return m_attrs;
        noMethod(t, m);
    }

    void visitValues(const std::function<void(const QCborValue &)> &visit) override
    {
        std::lock_guard guard(m_mutex);
        for (auto it = m_attrs.constBegin(); it != m_attrs.constEnd(); ++it) {
            visit(it.key());
            visit(it.value());
        }
    }

private:
    std::mutex m_mutex;
    QCborMap m_attrs;
};

} // namespace

QStringList BuiltinObjects::typeIds()
{
    return {QStringLiteral("dict"), QStringLiteral("list"), QStringLiteral("Queue"),
            QStringLiteral("JoinableQueue"), QStringLiteral("Lock"), QStringLiteral("RLock"),
            QStringLiteral("Semaphore"), QStringLiteral("BoundedSemaphore"), QStringLiteral("Event"),
            QStringLiteral("Condition"), QStringLiteral("Barrier"), QStringLiteral("Value"),
            QStringLiteral("Array"), QStringLiteral("Namespace")};
}

bool BuiltinObjects::has(const QString &typeId)
{
    return typeIds().contains(typeId);
}

std::shared_ptr<ServerObject> BuiltinObjects::create(const QString &t, const QCborArray &args)
{
    if (t == QLatin1String("dict"))
        return std::make_shared<DictObject>(args);
    if (t == QLatin1String("list"))
        return std::make_shared<ListObject>(args);
    if (t == QLatin1String("Queue") || t == QLatin1String("JoinableQueue"))
        return std::make_shared<QueueObject>(args, t == QLatin1String("JoinableQueue"));
    if (t == QLatin1String("Lock") || t == QLatin1String("RLock"))
        return std::make_shared<LockObject>(args, t == QLatin1String("RLock"));
    if (t == QLatin1String("Semaphore") || t == QLatin1String("BoundedSemaphore"))
        return std::make_shared<SemaphoreObject>(args, t == QLatin1String("BoundedSemaphore"));
    if (t == QLatin1String("Event"))
        return std::make_shared<EventObject>(args);
    if (t == QLatin1String("Condition"))
        return std::make_shared<ConditionObject>(args);
    if (t == QLatin1String("Barrier"))
        return std::make_shared<BarrierObject>(args);
    if (t == QLatin1String("Value"))
        return std::make_shared<ValueObject>(args);
    if (t == QLatin1String("Array"))
        return std::make_shared<ArrayObject>(args);
    if (t == QLatin1String("Namespace"))
        return std::make_shared<NamespaceObject>(args);
    return nullptr;
}

bool BuiltinObjects::equal(const QCborValue &a, const QCborValue &b)
{
    if (isNumber(a) && isNumber(b) && !(a.isBool() && b.isBool())) {
        if (a.isInteger() && b.isInteger())
            return a.toInteger() == b.toInteger();
        return numberOf(a) == numberOf(b);
    }
    return a == b;
}

} // namespace qmp
