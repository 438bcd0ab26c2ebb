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

} // namespace qmp
