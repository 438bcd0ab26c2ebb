#pragma once
// MethodTable<Object>: the methods a builtin object type exposes — name → signature and the
// member function that runs it. resolve() is the one dispatch: AttributeError "'<type>' object
// has no method '<name>'" for a name the table lacks, TypeError for a wrong argument count
// (MethodSignature::checkCount). Built once per type (a function-local static); read-only and
// thread-safe after construction.

#include "managererrors.h"
#include "methodsignature.h"

#include <QHash>
#include <QList>

#include <initializer_list>

namespace qmp {

class MethodCall;

template <typename Object>
class MethodTable
{
public:
    using Handler = QCborValue (Object::*)(MethodCall &);
    struct Method
    {
        MethodSignature signature;
        Handler handler = nullptr;
    };

    MethodTable(std::initializer_list<Method> methods)
    {
        for (const Method &method : methods) {
            m_methods.insert(method.signature.name, method);
            m_signatures.append(method.signature);
        }
    }

    // The method called name, checked against argCount (throws as above).
    const Method &resolve(const QString &typeId, const QString &name, const QCborArray &args) const
    {
        const auto it = m_methods.constFind(name);
        if (it == m_methods.constEnd())
            throw AttributeError(QStringLiteral("'%1' object has no method '%2'").arg(typeId, name));
        it->signature.checkCount(typeId, args);
        return *it;
    }
    // Every method, in the order the table lists them.
    const QList<MethodSignature> &signatures() const { return m_signatures; }

private:
    QHash<QString, Method> m_methods;
    QList<MethodSignature> m_signatures;
};

} // namespace qmp
