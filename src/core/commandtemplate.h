#pragma once
// CommandTemplate: a GNU parallel command template ('convert {} {.}.png') and its expansion for
// one job. Pure: no I/O, any thread.
//
// Replacement strings, with GNU parallel's exact semantics:
//   {}    the argument(s)          {.}   without extension   {/}   basename
//   {//}  dirname                  {/.}  basename without extension
//   {#}   job sequence number      {%}   job slot number
//   {N} {N.} {N/} {N//} {N/.}     the same for input source N (negative N counts from the end)
// Substituted arguments are quoted for the shell exactly as parallel quotes them; {} with several
// input sources is every argument, each quoted, joined by spaces. A template without replacement
// strings gets the arguments appended; an empty template runs the arguments themselves as the
// command. Braces that are not one of these ('{print $1}') stay literal, as in parallel.
//
// command() runs the program directly (no shell) unless the template needs one: shell
// metacharacters, a shell builtin or keyword as the first word, or an assignment. The studio's
// launcher and `qmp run` both expand through this class: one syntax, one quoting rule.

#include "qmpcore_export.h"
#include "command.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmp {

class QMP_CORE_EXPORT CommandTemplate
{
public:
    enum class Transform { None, NoExtension, Basename, Dirname, BasenameNoExtension };

    // sourceCount: how many input sources the jobs have (>= 1). A positional replacement string
    // naming a source that does not exist ({0}, {3} with two sources) is a ValueError.
    explicit CommandTemplate(const QString &text = {}, int sourceCount = 1);

    QString text() const { return m_text; }
    bool hasReplacements() const { return m_hasReplacements; }
    bool needsShell() const { return m_needsShell; }
    bool usesSlot() const { return m_usesSlot; } // {%}: the expansion depends on the job's slot

    // The command line for one job as a shell would read it. args: one per input source;
    // seq: {#} (from 1); slot: {%} (from 1).
    QString expand(const QStringList &args, qint64 seq = 1, int slot = 1) const;
    // expand() as a Command: /bin/sh -c LINE when the template needs a shell, else the words.
    Command command(const QStringList &args, qint64 seq = 1, int slot = 1) const;
    // A line made by expand() as a Command.
    Command toCommand(const QString &line) const;

    // The command that runs line in /bin/sh (/bin/sh -c LINE), and the line of such a command
    // (nullopt for any other command): a shell command is known by its shape, nothing else.
    static Command shellCommand(const QString &line);
    static std::optional<QString> shellLineOf(const Command &command);
    // How command reads as one line of shell: a shell command's line, else its words quoted by
    // quote() — what expand() wrote for it, up to the spaces between the words.
    static QString lineOf(const Command &command);

    // GNU parallel's quoting of one word for a Bourne shell (its Q()): words of only
    // [-_.+a-zA-Z0-9/] stay, '' for the empty word, otherwise '...' with ' as '"'"'.
    static QString quote(const QString &word);
    static QString transform(const QString &argument, Transform how);
    // The words a POSIX shell would make of line, for lines with no expansions: whitespace
    // separates, '...', "..." and backslash quote. Used to run a template without a shell.
    static QStringList splitWords(const QString &line);

private:
    struct Piece
    {
        enum class Kind { Literal, Argument, Sequence, Slot };
        Kind kind = Kind::Literal;
        QString literal;
        int source = 0; // 0: every source ({}), N > 0: source N, N < 0: from the end
        Transform how = Transform::None;
    };

    QString m_text;
    int m_sourceCount = 1;
    QList<Piece> m_pieces;
    bool m_hasReplacements = false;
    bool m_needsShell = false;
    bool m_usesSlot = false;
};

} // namespace qmp
