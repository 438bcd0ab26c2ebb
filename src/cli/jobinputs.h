#pragma once
// JobInputs: the arguments of every job of a `qmp run`: its input sources (::: arguments,
// :::: files, or stdin), combined like GNU parallel does — every combination, the first source
// varying slowest. Job `seq` (from 1) gets argumentsOf(seq), one argument per source.

#include "runoptions.h"

#include <QList>
#include <QStringList>

#include <cstdio>
#include <optional>

namespace qmp {

class JobInputs
{
    Q_DECLARE_TR_FUNCTIONS(JobInputs)
public:
    // Reads the sources (files, stdin when specs is empty or names "-"); nullopt with *error
    // naming the file and why when one cannot be read.
    static std::optional<JobInputs> read(const QList<InputSpec> &specs, std::FILE *stdinFile, QString *error);
    // What to tell the user before inputs are read from a terminal (stdinFile is one, and specs
    // is empty or names "-"): that they are awaited, and how to end them or give them instead.
    // Empty when nothing will wait for typing.
    static QString terminalNotice(const QList<InputSpec> &specs, std::FILE *stdinFile);
    explicit JobInputs(QList<QStringList> sources = {}) : m_sources(std::move(sources)) {}

    int sourceCount() const { return int(m_sources.size()); }
    qint64 count() const;
    QStringList argumentsOf(qint64 seq) const;
    // Streaming stdin (one source): one more argument, at the end.
    void append(const QString &argument) { m_sources.last().append(argument); }
    // The lines of a text: one per '\n'; a last line without '\n' counts, an empty tail does not.
    static QStringList lines(const QByteArray &text);

private:
    QList<QStringList> m_sources;
};

} // namespace qmp
