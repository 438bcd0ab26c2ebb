#pragma once
// Running part of a test as a second local user (`nobody`): what another user on the machine can
// and cannot do to a QMP program's files and sockets. Only root can switch users, so these tests
// skip (saying why) elsewhere. The second user must be able to reach what it is given: make the
// temporary directories it needs world-accessible (QTemporaryDir makes them 0700).

#include <QProcess>
#include <QString>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <functional>
#include <optional>

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qmptest {

struct OtherUser
{
    uid_t uid = 0;
    gid_t gid = 0;
};

// The second user, or nullopt with the reason a test must skip.
inline std::optional<OtherUser> otherUser(QString *whyNot)
{
    if (::geteuid() != 0) {
        *whyNot = QStringLiteral("switching to a second user (nobody) needs root; this test runs as uid %1")
                      .arg(::geteuid());
        return std::nullopt;
    }
    const passwd *pw = ::getpwnam("nobody");
    if (!pw || pw->pw_uid == 0) {
        *whyNot = QStringLiteral("there is no user `nobody` to act as a second user");
        return std::nullopt;
    }
    return OtherUser{pw->pw_uid, pw->pw_gid};
}

// Drops the calling process to user for good. Only in a child (after fork); _exit(126) on failure.
inline void becomeUser(const OtherUser &user) noexcept
{
    if (::setgroups(0, nullptr) != 0 || ::setgid(user.gid) != 0 || ::setuid(user.uid) != 0 || ::getuid() != user.uid)
        ::_exit(126);
}

// Runs fn in a forked child as user and returns what fn returned (its exit status): 126 when the
// child could not switch, 128 + N when signal N ended it. fn runs in a copy of this process
// with only the calling thread: no Qt Test macros there, return a code (and print why).
inline int runForkedAs(const OtherUser &user, const std::function<int()> &fn)
{
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        becomeUser(user);
        const int code = fn();
        ::fflush(stderr);
        ::_exit(code);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The process will start its program as user, and die with this test (PR_SET_PDEATHSIG, set after
// the change of user: that clears it).
inline void runAs(QProcess &process, const OtherUser &user)
{
    process.setChildProcessModifier([user] {
        becomeUser(user);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
}

} // namespace qmptest

// In a test function: `QMP_OTHER_USER(nobody);` declares `nobody` (an OtherUser) or skips the test.
#define QMP_OTHER_USER(name)                                                                       \
    QString name##WhyNot;                                                                          \
    const std::optional<qmptest::OtherUser> name##Found = qmptest::otherUser(&name##WhyNot);       \
    if (!name##Found)                                                                              \
        QSKIP(qPrintable(name##WhyNot));                                                           \
    const qmptest::OtherUser name = *name##Found
