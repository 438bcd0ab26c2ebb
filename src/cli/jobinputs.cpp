#include "jobinputs.h"

#include "surrogateescape.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace qmp {

QStringList JobInputs::lines(const QByteArray &text)
{
    QStringList result;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        result.append(SurrogateEscape::decode(QByteArrayView(text).sliced(start, end - start)));
        start = end + 1;
    }
    return result;
}

QString JobInputs::terminalNotice(const QList<InputSpec> &specs, std::FILE *stdinFile)
{
    const bool readsStdin = specs.isEmpty() || std::any_of(specs.begin(), specs.end(), [](const InputSpec &spec) {
                                return spec.kind == InputSpec::Kind::File && spec.values.value(0) == QLatin1String("-");
                            });
    if (!readsStdin || !::isatty(::fileno(stdinFile)))
        return {};
    return tr("reading the inputs from the terminal, one per line: end them with Ctrl-D (or give them after ::: or ::::)");
}

std::optional<JobInputs> JobInputs::read(const QList<InputSpec> &specs, std::FILE *stdinFile, QString *error)
{
    QList<QStringList> sources;
    auto readFile = [&](const QString &name) -> std::optional<QStringList> {
        QFile file;
        bool ok = false;
        if (name == QLatin1String("-")) {
            ok = file.open(stdinFile, QIODevice::ReadOnly);
        } else {
            // By its bytes: QFile would turn a name that is not UTF-8 into another name.
            const int fd = ::open(SurrogateEscape::encode(name).constData(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                *error = tr("cannot open input file %1: %2").arg(name, QString::fromLocal8Bit(std::strerror(errno)));
                return std::nullopt;
            }
            ok = file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle);
            if (!ok)
                ::close(fd);
        }
        if (!ok) {
            *error = tr("cannot open input file %1: %2").arg(name, file.errorString());
            return std::nullopt;
        }
        return lines(file.readAll());
    };
    if (specs.isEmpty()) {
        const auto stdinLines = readFile(QStringLiteral("-"));
        if (!stdinLines)
            return std::nullopt;
        sources.append(*stdinLines);
    }
    for (const InputSpec &spec : specs) {
        if (spec.kind == InputSpec::Kind::Arguments) {
            sources.append(spec.values);
            continue;
        }
        const auto fileLines = readFile(spec.values.value(0));
        if (!fileLines)
            return std::nullopt;
        sources.append(*fileLines);
    }
    return JobInputs(sources);
}

qint64 JobInputs::count() const
{
    if (m_sources.isEmpty())
        return 0;
    qint64 n = 1;
    for (const QStringList &s : m_sources)
        n *= s.size();
    return n;
}

QStringList JobInputs::argumentsOf(qint64 seq) const
{
    QStringList args;
    args.reserve(m_sources.size());
    qint64 rest = seq - 1;
    for (qsizetype s = m_sources.size() - 1; s >= 0; --s) {
        const qint64 size = m_sources.at(s).size();
        args.prepend(m_sources.at(s).at(rest % size));
        rest /= size;
    }
    return args;
}

} // namespace qmp
