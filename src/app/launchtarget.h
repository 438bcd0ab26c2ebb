#pragma once
// LaunchTarget: where the job launcher sends a batch. Service: the user's QMP service (this
// machine; the batch keeps running when the studio closes; commands only). Studio: a pool of this
// studio's own (commands or registered tasks; quitting the studio stops it).

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace qmp {

struct LaunchTarget
{
    Q_DECLARE_TR_FUNCTIONS(qmp::LaunchTarget)

public:
    enum class Kind { Service, Studio };

    // In the launcher's order: the default first.
    static QList<Kind> all() { return {Kind::Service, Kind::Studio}; }
    // "This machine — keeps running when the studio closes", ...
    static QString label(Kind kind);
    // Whether a batch of registered tasks can go there (the service runs commands only).
    static bool runsTasks(Kind kind) { return kind == Kind::Studio; }
};

} // namespace qmp
