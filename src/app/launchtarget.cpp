#include "launchtarget.h"

namespace qmp {

QString LaunchTarget::label(Kind kind)
{
    switch (kind) {
    case Kind::Service: return tr("This machine — keeps running when the studio closes");
    case Kind::Studio: return tr("This machine — in the studio");
    case Kind::Slurm: break; // a partition: LaunchTargetCombo names it with what sinfo says
    }
    return QString();
}

} // namespace qmp
