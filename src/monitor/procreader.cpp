#include "procreader.h"

#include <QFile>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace qmp {

namespace {

// Parses one whole token as an integer of type T; false when it is not one.
template <typename T>
bool parseNumber(QByteArrayView token, T *out)
{
    if (token.isEmpty())
        return false;
    const char *begin = token.data();
    const char *end = begin + token.size();
    const auto [ptr, ec] = std::from_chars(begin, end, *out);
    return ec == std::errc() && ptr == end;
}

ProcReader::Result malformed(const QString &why)
{
    ProcReader::Result result;
    result.status = ProcReader::Status::Malformed;
    result.error = why;
    return result;
}

} // namespace

ProcReader::ProcReader(const QString &procRoot)
    : m_root(procRoot), m_rootBytes(QFile::encodeName(procRoot))
{
}

long ProcReader::ticksPerSecond()
{
    static const long ticks = [] {
        const long value = ::sysconf(_SC_CLK_TCK);
        return value > 0 ? value : 100;
    }();
    return ticks;
}

long ProcReader::pageSize()
{
    static const long size = [] {
        const long value = ::sysconf(_SC_PAGESIZE);
        return value > 0 ? value : 4096;
    }();
    return size;
}

ProcReader::Result ProcReader::parseStat(QByteArrayView line)
{
    // "pid (comm) S ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    //  cutime cstime priority nice num_threads itrealvalue starttime vsize rss ..."
    const qsizetype open = line.indexOf('(');
    const qsizetype close = line.lastIndexOf(')');
    if (open < 0 || close < open)
        return malformed(QStringLiteral("no '(comm)' field"));
    ProcessSample sample;
    if (!parseNumber(line.first(open).trimmed(), &sample.pid) || sample.pid <= 0)
        return malformed(QStringLiteral("the pid field is not a positive number"));
    sample.comm = line.sliced(open + 1, close - open - 1).toByteArray();

    // Fields 3..24 follow the ')': split on single spaces, as the kernel writes them.
    constexpr int kFirst = 3;
    constexpr int kLast = 24;
    std::array<QByteArrayView, kLast - kFirst + 1> fields;
    QByteArrayView rest = line.sliced(close + 1);
    while (!rest.isEmpty() && (rest.back() == '\n' || rest.back() == '\0'))
        rest.chop(1);
    int count = 0;
    qsizetype pos = 0;
    while (count < int(fields.size()) && pos < rest.size()) {
        if (rest.at(pos) != ' ')
            return malformed(QStringLiteral("unexpected '%1' after field %2")
                                 .arg(QLatin1Char(rest.at(pos))).arg(kFirst + count - 1));
        ++pos;
        qsizetype end = rest.indexOf(' ', pos);
        if (end < 0)
            end = rest.size();
        fields[size_t(count++)] = rest.sliced(pos, end - pos);
        pos = end;
    }
    if (count < int(fields.size()))
        return malformed(QStringLiteral("only %1 fields, %2 needed").arg(kFirst - 1 + count).arg(kLast));
    auto field = [&](int number) { return fields[size_t(number - kFirst)]; };

    const QByteArrayView state = field(3);
    if (state.size() != 1 || !std::isalpha(static_cast<unsigned char>(state.front())))
        return malformed(QStringLiteral("the state field is not one letter"));
    sample.state = state.front();
    quint64 utime = 0;
    quint64 stime = 0;
    qint64 rssPages = 0;
    qint64 threads = 0;
    if (!parseNumber(field(4), &sample.ppid) || sample.ppid < 0)
        return malformed(QStringLiteral("the ppid field is not a number"));
    if (!parseNumber(field(14), &utime) || !parseNumber(field(15), &stime))
        return malformed(QStringLiteral("the utime / stime fields are not numbers"));
    if (!parseNumber(field(20), &threads) || threads < 0 || threads > std::numeric_limits<int>::max())
        return malformed(QStringLiteral("the num_threads field is not a number"));
    if (!parseNumber(field(22), &sample.startTicks))
        return malformed(QStringLiteral("the starttime field is not a number"));
    if (!parseNumber(field(24), &rssPages))
        return malformed(QStringLiteral("the rss field is not a number"));
    if (utime > std::numeric_limits<quint64>::max() - stime)
        return malformed(QStringLiteral("utime + stime is out of range"));
    if (rssPages > std::numeric_limits<qint64>::max() / pageSize())
        return malformed(QStringLiteral("the rss field is out of range"));
    sample.cpuTicks = utime + stime;
    sample.threads = int(threads);
    sample.rssBytes = rssPages > 0 ? rssPages * pageSize() : 0;

    Result result;
    result.status = Status::Ok;
    result.sample = std::move(sample);
    return result;
}

ProcReader::Result ProcReader::read(qint64 pid) const
{
    if (pid <= 0)
        return {};
    char path[512];
    const int length = std::snprintf(path, sizeof path, "%s/%lld/stat", m_rootBytes.constData(),
                                     static_cast<long long>(pid));
    if (length <= 0 || size_t(length) >= sizeof path)
        return malformed(QStringLiteral("the path of /proc is too long"));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {}; // ENOENT (gone) or EACCES (another namespace): nothing to sample either way
    // A stat line is a few hundred bytes; comm is at most 64.
    char buffer[1024];
    qsizetype used = 0;
    while (used < qsizetype(sizeof buffer)) {
        const ssize_t got = ::read(fd, buffer + used, sizeof buffer - size_t(used));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got < 0 && used == 0) { // ESRCH: it exited between open and read
                ::close(fd);
                return {};
            }
            break;
        }
        used += got;
    }
    ::close(fd);
    if (used == 0)
        return {};
    Result result = parseStat(QByteArrayView(buffer, used));
    if (result.status == Status::Malformed)
        result.error = QStringLiteral("%1: %2").arg(QString::fromLocal8Bit(path), result.error);
    return result;
}

qint64 ProcReader::bootTimeMs() const
{
    QFile stat(m_root + QStringLiteral("/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : stat.readAll().split('\n')) {
        qint64 seconds = 0;
        if (line.startsWith("btime ") && parseNumber(QByteArrayView(line).sliced(6).trimmed(), &seconds))
            return seconds * 1000;
    }
    return 0;
}

qint64 ProcReader::startTimeMs(const ProcessSample &sample) const
{
    const qint64 boot = bootTimeMs();
    return boot > 0 ? boot + qint64(sample.startTicks) * 1000 / ticksPerSecond() : 0;
}

QList<qint64> ProcReader::pids() const
{
    QList<qint64> found;
    DIR *dir = ::opendir(m_rootBytes.constData());
    if (!dir)
        return found;
    while (const dirent *entry = ::readdir(dir)) {
        qint64 pid = 0;
        const char *name = entry->d_name;
        const auto [ptr, ec] = std::from_chars(name, name + std::strlen(name), pid);
        if (ec == std::errc() && *ptr == '\0' && pid > 0)
            found.append(pid);
    }
    ::closedir(dir);
    return found;
}

} // namespace qmp
