#pragma once
// BuiltinObject<Self>: the base of every builtin type a manager serves. call() is final: it
// resolves the method in Self's MethodTable (unknown name → AttributeError, wrong argument
// count → TypeError), takes the object's mutex and runs the handler with a MethodCall. Self
// provides `const MethodTable<Self> &methods() const`. Thread-safe: every handler runs under
// m_mutex (a blocking one releases it while it waits, through MethodCall::wait).

#include "methodcall.h"
#include "methodtable.h"
#include "serverobject.h"

#include <mutex>

namespace qmp {

template <typename Self>
class BuiltinObject : public ServerObject
{
public:
    QCborValue call(const QString &method, const QCborArray &args, CallContext &context) final
    {
        Self &self = static_cast<Self &>(*this);
        const auto &entry = self.methods().resolve(typeId(), method, args);
        std::unique_lock lock(m_mutex);
        MethodCall call(args, context, lock);
        return (self.*entry.handler)(call);
    }

protected:
    std::mutex m_mutex; // guards the derived object's state
};

} // namespace qmp
