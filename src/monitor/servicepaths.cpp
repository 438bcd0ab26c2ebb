#include "servicepaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace qmp {

ServicePaths ServicePaths::fromEnvironment()
{
    ServicePaths paths;
    paths.runtimeDir = qEnvironmentVariable("QMP_SERVICE_RUNTIME_DIR");
    if (paths.runtimeDir.isEmpty()) {
        const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
        paths.runtimeDir = xdg.isEmpty() ? QStringLiteral("/tmp/qmp-%1").arg(::getuid()) : xdg + QStringLiteral("/qmp");
    }
    paths.stateDir = qEnvironmentVariable("QMP_SERVICE_STATE_DIR");
    if (paths.stateDir.isEmpty()) {
        QString state = qEnvironmentVariable("XDG_STATE_HOME");
        if (state.isEmpty())
            state = QDir::homePath() + QStringLiteral("/.local/state");
        paths.stateDir = state + QStringLiteral("/qmp/service");
    }
    return paths;
}

QString ServicePaths::outputPath(qint64 job, bool standardError) const
{
    return stateDir + QStringLiteral("/jobs/%1.%2").arg(job).arg(standardError ? QStringLiteral("err") : QStringLiteral("out"));
}

bool ServicePaths::prepareRuntimeDir(QString *error) const
{
    const QByteArray path = QFile::encodeName(runtimeDir);
    QDir().mkpath(QFileInfo(runtimeDir).path());
    if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST) {
        *error = QCoreApplication::translate("ServicePaths", "cannot create %1: %2")
                     .arg(runtimeDir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    struct stat info = {};
    if (::lstat(path.constData(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        *error = QCoreApplication::translate("ServicePaths", "%1 is not a directory").arg(runtimeDir);
        return false;
    }
    if (info.st_uid != ::getuid()) {
        *error = QCoreApplication::translate("ServicePaths", "%1 belongs to another user (uid %2)")
                     .arg(runtimeDir)
                     .arg(info.st_uid);
        return false;
    }
    if ((info.st_mode & 077) != 0 && ::chmod(path.constData(), 0700) != 0) {
        *error = QCoreApplication::translate("ServicePaths", "cannot close %1 to other users: %2")
                     .arg(runtimeDir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

bool ServicePaths::prepareStateDir(QString *error) const
{
    if (!QDir().mkpath(stateDir + QStringLiteral("/jobs"))) {
        *error = QCoreApplication::translate("ServicePaths", "cannot create %1").arg(stateDir + QStringLiteral("/jobs"));
        return false;
    }
    return true;
}

} // namespace qmp
