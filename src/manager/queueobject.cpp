#include "queueobject.h"

#include "pythonerrors.h"

namespace qmp {

QueueObject::QueueObject(const QCborArray &args, bool joinable) : m_joinable(joinable)
{
    MethodSignature{QStringLiteral("__init__"), 0, 1}.checkCount(typeId(), args);
    m_maxsize = args.isEmpty() ? 0 : MethodCall::integer(QStringLiteral("maxsize"), args.at(0));
}

const MethodTable<QueueObject> &QueueObject::table(bool joinable)
{
    static const MethodTable<QueueObject> queue{
        {{QStringLiteral("put"), 1, 3}, &QueueObject::put},
        {{QStringLiteral("get"), 0, 2}, &QueueObject::get},
        {{QStringLiteral("qsize"), 0, 0}, &QueueObject::qsize},
        {{QStringLiteral("empty"), 0, 0}, &QueueObject::empty},
        {{QStringLiteral("full"), 0, 0}, &QueueObject::full},
    };
    static const MethodTable<QueueObject> joinableQueue{
        {{QStringLiteral("put"), 1, 3}, &QueueObject::put},
        {{QStringLiteral("get"), 0, 2}, &QueueObject::get},
        {{QStringLiteral("qsize"), 0, 0}, &QueueObject::qsize},
        {{QStringLiteral("empty"), 0, 0}, &QueueObject::empty},
        {{QStringLiteral("full"), 0, 0}, &QueueObject::full},
        {{QStringLiteral("task_done"), 0, 0}, &QueueObject::taskDone},
        {{QStringLiteral("join"), 0, 1}, &QueueObject::join},
    };
    return joinable ? joinableQueue : queue;
}

void QueueObject::visitValues(const std::function<void(const QCborValue &)> &visit)
{
    std::lock_guard guard(m_mutex);
    for (const QCborValue &v : m_items)
        visit(v);
}

// [item, block, timeout ms]
QCborValue QueueObject::put(MethodCall &call)
{
    const bool room = call.wait(m_cv, call.blockDeadline(1), [&] {
        return m_maxsize <= 0 || qint64(m_items.size()) < m_maxsize;
    });
    if (!room)
        throw PythonErrors::queueFull(m_maxsize);
    m_items.push_back(call.arg(0));
    ++m_unfinished;
    m_cv.notify_all();
    return {};
}

// [block, timeout ms]
QCborValue QueueObject::get(MethodCall &call)
{
    if (!call.wait(m_cv, call.blockDeadline(0), [&] { return !m_items.empty(); }))
        throw PythonErrors::queueEmpty();
    QCborValue v = std::move(m_items.front());
    m_items.pop_front();
    m_cv.notify_all();
    return v;
}

QCborValue QueueObject::qsize(MethodCall &)
{
    return qint64(m_items.size());
}

QCborValue QueueObject::empty(MethodCall &)
{
    return m_items.empty();
}

QCborValue QueueObject::full(MethodCall &)
{
    return m_maxsize > 0 && qint64(m_items.size()) >= m_maxsize;
}

QCborValue QueueObject::taskDone(MethodCall &)
{
    if (m_unfinished <= 0)
        throw PythonErrors::taskDoneTooManyTimes();
    if (--m_unfinished == 0)
        m_cv.notify_all();
    return {};
}

// [timeout ms]
QCborValue QueueObject::join(MethodCall &call)
{
    return call.wait(m_cv, call.timeoutDeadline(0), [&] { return m_unfinished == 0; });
}

} // namespace qmp
