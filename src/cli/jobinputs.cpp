#include "jobinputs.h"

#include <QFile>

namespace qmp {

QStringList JobInputs::lines(const QByteArray &text)
{
    QStringList result;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        result.append(QString::fromUtf8(text.mid(start, end - start)));
        start = end + 1;
    }
    return result;
}

std::optional<JobInputs> JobInputs::read(const QList<InputSpec> &specs, std::FILE *stdinFile, QString *error)
{
    QList<QStringList> sources;
    auto readFile = [&](const QString &name) -> std::optional<QStringList> {
        QFile file;
        const bool ok = name == QLatin1String("-") ? file.open(stdinFile, QIODevice::ReadOnly)
                                                    : (file.setFileName(name), file.open(QIODevice::ReadOnly));
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
