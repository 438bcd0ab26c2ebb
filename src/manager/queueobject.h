#pragma once
// QueueObject: a manager's Queue or JoinableQueue (QueueProxy's referent): FIFO with an optional
// maxsize; put and get block with a timeout (Full / Empty), and a JoinableQueue adds task_done
// and join. A plain Queue's table has no task_done / join (AttributeError, as Python's).
// Thread-safe (BuiltinObject).

#include "qmpmanager_export.h"
#include "builtinobject.h"

#include <condition_variable>
#include <deque>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT QueueObject : public BuiltinObject<QueueObject>
{
public:
    // [] or [maxsize] (0 or less: unbounded)
    QueueObject(const QCborArray &args, bool joinable);
    QString typeId() const override { return typeIdOf(m_joinable); }
    static QString typeIdOf(bool joinable) { return joinable ? QStringLiteral("JoinableQueue") : QStringLiteral("Queue"); }
    static const MethodTable<QueueObject> &table(bool joinable);
    const MethodTable<QueueObject> &methods() const { return table(m_joinable); }
    void visitValues(const std::function<void(const QCborValue &)> &visit) override;

private:
    QCborValue put(MethodCall &call);
    QCborValue get(MethodCall &call);
    QCborValue qsize(MethodCall &call);
    QCborValue empty(MethodCall &call);
    QCborValue full(MethodCall &call);
    QCborValue taskDone(MethodCall &call);
    QCborValue join(MethodCall &call);

    const bool m_joinable;
    qint64 m_maxsize = 0;
    std::condition_variable m_cv;
    std::deque<QCborValue> m_items;
    qint64 m_unfinished = 0;
};

} // namespace qmp
