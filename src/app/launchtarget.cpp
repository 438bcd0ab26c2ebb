#include "launchtarget.h"

namespace qmp {

QString LaunchTarget::label(Kind kind)
{
    switch (kind) {
    case Kind::Service: return tr("This machine — keeps running when the studio closes");
    case Kind::Studio: return tr("This machine — in the studio");
    }
    return QString();
}

} // namespace qmp
