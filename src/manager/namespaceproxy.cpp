#include "namespaceproxy.h"

#include "pyrepr.h"

#include <QStringList>

namespace qmp {

QString NamespaceProxy::repr() const
{
    QStringList items;
    const QCborMap attrs = vars();
    for (auto it = attrs.constBegin(); it != attrs.constEnd(); ++it) {
        const QString name = it.key().toString();
        if (!name.startsWith(QLatin1Char('_')))
            items.append(name + QLatin1Char('=') + PyRepr::repr(it.value()));
    }
    return QStringLiteral("Namespace(%1)").arg(items.join(QLatin1String(", ")));
}

} // namespace qmp
