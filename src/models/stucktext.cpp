#include "stucktext.h"

#include "valueformat.h"

#include <QLocale>

namespace qmp {

namespace {
QString ms(qint64 milliseconds)
{
    return ValueFormat::duration(milliseconds * 1'000'000);
}
} // namespace

QString StuckText::describe(const StuckReason &reason)
{
    switch (reason.kind) {
    case StuckReason::Kind::None:
        return QString();
    case StuckReason::Kind::PastLimit:
        return tr("running for %1, past the %2 limit").arg(ms(reason.runningMs), ms(reason.limitMs));
    case StuckReason::Kind::FarBeyondP95:
        return tr("running for %1, more than %2× the pool's p95 task time (%3)")
            .arg(ms(reason.runningMs), QLocale().toString(reason.factor, 'g', 3), ms(reason.limitMs));
    case StuckReason::Kind::NoCpu:
        return tr("no CPU used for %1 while running a task").arg(ms(reason.idleMs));
    case StuckReason::Kind::PastTimeout:
        return tr("running for %1, past its %2 timeout: it did not stop when killed").arg(ms(reason.runningMs), ms(reason.limitMs));
    }
    return QString();
}

} // namespace qmp
