#include "workermain.h"

#include "errors.h"
#include "framestream.h"
#include "process.h"
#include "processclassregistry.h"
#include "processinfo.h"
#include "taskregistry.h"
#include "workerprotocol.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <cxxabi.h>
#include <fcntl.h>
#include <iostream>
#include <unistd.h>
#include <memory>
#include <typeinfo>

namespace qmp {

namespace {

QString demangle(const char *mangled)
{
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> name(abi::__cxa_demangle(mangled, nullptr, nullptr, &status),
                                                     &std::free);
    return QString::fromUtf8(status == 0 && name ? name.get() : mangled);
}

struct Failure
{
    QString type;
    QString message;
};

// Runs the target; returns its value, or throws.
QCborValue runTarget(const QCborValue &message)
{
    const QCborValue task = message[QStringLiteral("task")];
    const QString className = message[QStringLiteral("class")].toString();
    if (className.isEmpty()) {
        return TaskRegistry::instance().call(task[QStringLiteral("name")].toString(),
                                             task[QStringLiteral("args")].toArray());
    }
    std::unique_ptr<Process> self = ProcessClassRegistry::instance().create(className);
    if (!self)
        throw ProcessError(QStringLiteral("process class '%1' is not registered in this binary").arg(className));
    detail::resetChildNumbers(); // creating self took a child number
    self->setName(message[QStringLiteral("name")].toString());
    self->setDaemon(message[QStringLiteral("daemon")].toBool());
    if (task.isMap())
        self->setTarget(TaskCall{task[QStringLiteral("name")].toString(), task[QStringLiteral("args")].toArray()});
    self->restoreState(message[QStringLiteral("state")]);
    self->run();
    return self->result();
}

} // namespace

int WorkerMain::run(int fd, int &argc, char **argv, Exit exit)
{
    ::fcntl(fd, F_SETFD, FD_CLOEXEC); // grandchildren must not hold our channel open
    FrameStream stream(fd);
    const std::optional<QCborValue> message = stream.read();
    if (!message || (*message)[wire::kType].toString() != wire::kRun) {
        std::fprintf(stderr, "qmp worker (pid %d): no run message from the parent%s%s\n", int(::getpid()),
                     stream.errorString().isEmpty() ? "" : ": ", qPrintable(stream.errorString()));
        return 2;
    }
    const QString name = (*message)[QStringLiteral("name")].toString();
    detail::setProcessIdentity(ProcessInfo(name, qint64(::getpid()), (*message)[QStringLiteral("daemon")].toBool(),
                                           wire::identityFromCbor((*message)[QStringLiteral("identity")])),
                               wire::processInfoFromCbor((*message)[QStringLiteral("parent")]));

    // Line-buffered stdout even into a pipe, so a parent (or the studio) sees output live.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCoreApplication app(argc, argv); // tasks may start processes, use timers, sockets...

    int code = 0;
    QCborValue reply;
    std::optional<Failure> failure;
    try {
        reply = QCborMap{{wire::kType, wire::kResult}, {QStringLiteral("value"), runTarget(*message)}};
    } catch (const SystemExit &e) {
        code = e.code();
        reply = QCborMap{{wire::kType, wire::kResult}, {QStringLiteral("value"), QCborValue(nullptr)}};
    } catch (const RemoteError &e) {
        failure = Failure{e.type(), e.remoteMessage() + QStringLiteral(" (from %1)").arg(e.context())};
    } catch (const std::exception &e) {
        failure = Failure{demangle(typeid(e).name()), QString::fromUtf8(e.what())};
    } catch (...) {
        const std::type_info *type = abi::__cxa_current_exception_type();
        failure = Failure{type ? demangle(type->name()) : QStringLiteral("unknown exception"),
                          QStringLiteral("(not a std::exception: no message)")};
    }

    const QCborValue task = (*message)[QStringLiteral("task")];
    const QString what = task.isMap() ? QStringLiteral("task '%1'").arg(task[QStringLiteral("name")].toString())
                                      : (*message)[QStringLiteral("class")].toString() + QStringLiteral("::run()");
    const QString context = QStringLiteral("%1 in %2, pid %3").arg(what, name).arg(::getpid());
    if (!failure && !stream.write(reply)) {
        if (stream.peerClosed()) { // the parent no longer wants the result (it is exiting)
            std::fflush(nullptr);
            if (exit == Exit::Fast)
                ::_exit(code);
            return code;
        }
        failure = Failure{QStringLiteral("qmp::ValueError"), QStringLiteral("cannot send the result back: %1")
                                                                  .arg(stream.errorString())};
    }
    if (failure) {
        code = 1;
        std::fprintf(stderr, "Process %s (pid %d): %s raised %s: %s\n", qPrintable(name), int(::getpid()),
                     qPrintable(what), qPrintable(failure->type), qPrintable(failure->message));
        std::fflush(stderr);
        stream.write(wire::errorToCbor(failure->type, failure->message, context));
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    if (exit == Exit::Fast)
        ::_exit(code);
    return code;
}

} // namespace qmp
