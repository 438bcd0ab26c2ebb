#include "startmethod.h"

#include <atomic>

namespace qmp {

namespace {
std::atomic<StartMethod> g_defaultStartMethod{StartMethod::ForkServer};
}

StartMethod defaultStartMethod()
{
    return g_defaultStartMethod;
}

void setDefaultStartMethod(StartMethod method)
{
    g_defaultStartMethod = method;
}

QString startMethodName(StartMethod method)
{
    return method == StartMethod::Spawn ? QStringLiteral("spawn") : QStringLiteral("forkserver");
}

std::optional<StartMethod> startMethodFromName(const QString &name)
{
    if (name == QLatin1String("forkserver"))
        return StartMethod::ForkServer;
    if (name == QLatin1String("spawn"))
        return StartMethod::Spawn;
    return std::nullopt;
}

} // namespace qmp
