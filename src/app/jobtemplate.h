#pragma once
// JobTemplate: the studio's small command template — a command line with GNU parallel-style
// placeholders, expanded once per input: {} the input, {#} the job's number (from 1), {.} the
// input without its extension, {/} its file name without the directory. A template without any
// placeholder gets the input appended as a last argument (as GNU parallel does). The line is
// split into words like a shell would (single quotes, double quotes, backslashes) before the
// substitution, so an input with spaces stays one argument. Also the inputs' sources (lines of a
// file, a numeric range) and the reverse of Command::displayLine() for re-runs. Plain value.

#include "command.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmp {

class JobTemplate
{
    Q_DECLARE_TR_FUNCTIONS(qmp::JobTemplate)
public:
    explicit JobTemplate(const QString &text = {});

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; } // why the template cannot be used
    QString text() const { return m_text; }

    // The command for input number seq (from 1). Only on a valid template.
    Command commandFor(const QString &input, qsizetype seq) const;

    // One word with its placeholders replaced.
    static QString substitute(const QString &word, const QString &input, qsizetype seq);
    // Shell-like word splitting; nullopt (and *error set) on an unterminated quote or a
    // trailing backslash.
    static std::optional<QStringList> splitWords(const QString &line, QString *error = nullptr);
    // A command from a line written by Command::displayLine(); nullopt when it does not parse.
    static std::optional<Command> parseCommandLine(const QString &line, QString *error = nullptr);

    // Inputs: the non-empty lines of a text file; from..to (inclusive) by step.
    static std::optional<QStringList> linesOf(const QString &path, QString *error);
    static std::optional<QStringList> range(qint64 from, qint64 to, qint64 step, QString *error);
    static constexpr qsizetype kMaxInputs = 1'000'000;

private:
    QString m_text;
    QStringList m_words;
    bool m_hasPlaceholder = false;
    QString m_error;
};

} // namespace qmp
