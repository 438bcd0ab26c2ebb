#include "exceptioninfo.h"

#include "errors.h"

#include <cstdlib>
#include <cxxabi.h>
#include <exception>
#include <memory>
#include <typeinfo>

namespace qmp::detail {

namespace {

QString demangle(const char *mangled)
{
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> name(abi::__cxa_demangle(mangled, nullptr, nullptr, &status),
                                                     &std::free);
    return QString::fromUtf8(status == 0 && name ? name.get() : mangled);
}

} // namespace

ExceptionInfo describeCurrentException()
{
    try {
        throw;
    } catch (const RemoteError &e) {
        return {e.type(), e.remoteMessage() + QStringLiteral(" (from %1)").arg(e.context())};
    } catch (const std::exception &e) {
        return {demangle(typeid(e).name()), QString::fromUtf8(e.what())};
    } catch (...) {
        const std::type_info *type = abi::__cxa_current_exception_type();
        return {type ? demangle(type->name()) : QStringLiteral("unknown exception"),
                QStringLiteral("(not a std::exception: no message)")};
    }
}

} // namespace qmp::detail
