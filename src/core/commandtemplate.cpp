#include "commandtemplate.h"

#include "errors.h"

#include <QRegularExpression>

#include <cstdlib>
#include <utility>

namespace qmp {

namespace {

// Words that only mean something to a shell: a template starting with one runs in /bin/sh.
bool isShellWord(const QString &word)
{
    static const QStringList words{
        QStringLiteral("."), QStringLiteral(":"), QStringLiteral("alias"), QStringLiteral("bg"),
        QStringLiteral("break"), QStringLiteral("case"), QStringLiteral("cd"), QStringLiteral("command"),
        QStringLiteral("continue"), QStringLiteral("do"), QStringLiteral("done"), QStringLiteral("elif"),
        QStringLiteral("else"), QStringLiteral("esac"), QStringLiteral("eval"), QStringLiteral("exec"),
        QStringLiteral("exit"), QStringLiteral("export"), QStringLiteral("fg"), QStringLiteral("fi"),
        QStringLiteral("for"), QStringLiteral("function"), QStringLiteral("getopts"), QStringLiteral("hash"),
        QStringLiteral("if"), QStringLiteral("jobs"), QStringLiteral("local"), QStringLiteral("read"),
        QStringLiteral("readonly"), QStringLiteral("return"), QStringLiteral("select"), QStringLiteral("set"),
        QStringLiteral("shift"), QStringLiteral("source"), QStringLiteral("then"), QStringLiteral("time"),
        QStringLiteral("times"), QStringLiteral("trap"), QStringLiteral("type"), QStringLiteral("ulimit"),
        QStringLiteral("umask"), QStringLiteral("unalias"), QStringLiteral("unset"), QStringLiteral("until"),
        QStringLiteral("wait"), QStringLiteral("while"),
        // Builtins of /bin/sh that shadow a program of the same name and behave differently
        // (dash's echo takes no -e): parallel runs them in the shell, so does qmp.
        QStringLiteral("echo"), QStringLiteral("printf"), QStringLiteral("test"), QStringLiteral("["),
        QStringLiteral("kill"), QStringLiteral("pwd")};
    return words.contains(word);
}

const QRegularExpression &replacementPattern()
{
    // {#} {%} | {} {.} {/} {//} {/.} with an optional source number
    static const QRegularExpression re(QStringLiteral("\\{(?:([#%])|(-?[0-9]+)?(//|/\\.|/|\\.)?)\\}"));
    return re;
}

CommandTemplate::Transform transformOf(const QString &suffix)
{
    if (suffix == QLatin1String("."))
        return CommandTemplate::Transform::NoExtension;
    if (suffix == QLatin1String("/"))
        return CommandTemplate::Transform::Basename;
    if (suffix == QLatin1String("//"))
        return CommandTemplate::Transform::Dirname;
    if (suffix == QLatin1String("/."))
        return CommandTemplate::Transform::BasenameNoExtension;
    return CommandTemplate::Transform::None;
}

// Perl's s:\.[^/.]*$::
QString withoutExtension(const QString &s)
{
    const qsizetype dot = s.lastIndexOf(QLatin1Char('.'));
    if (dot < 0 || s.indexOf(QLatin1Char('/'), dot) >= 0)
        return s;
    return s.left(dot);
}

// Perl's s:.*/::
QString basename(const QString &s)
{
    return s.mid(s.lastIndexOf(QLatin1Char('/')) + 1);
}

// File::Basename's s{(.)/*\z}{$1}s
QString stripTrailingSlashes(QString s)
{
    while (s.size() > 1 && s.endsWith(QLatin1Char('/')))
        s.chop(1);
    return s;
}

// File::Basename::dirname on Unix
QString dirname(const QString &path)
{
    auto split = [](const QString &s, QString &dir, QString &base) {
        const qsizetype slash = s.lastIndexOf(QLatin1Char('/'));
        dir = slash < 0 ? QStringLiteral("./") : s.left(slash + 1);
        base = s.mid(slash + 1);
    };
    QString dir, base;
    split(path, dir, base);
    dir = stripTrailingSlashes(dir);
    if (base.isEmpty()) {
        split(dir, dir, base);
        dir = stripTrailingSlashes(dir);
    }
    return dir;
}

} // namespace

CommandTemplate::CommandTemplate(const QString &text, int sourceCount)
    : m_text(text), m_sourceCount(std::max(sourceCount, 1))
{
    const QRegularExpression &re = replacementPattern();
    qsizetype pos = 0;
    QString literalText; // the template with every replacement string as a plain word character
    while (pos < text.size()) {
        const QRegularExpressionMatch m = re.match(text, pos);
        const qsizetype at = m.hasMatch() ? m.capturedStart() : text.size();
        if (at > pos) {
            m_pieces.append(Piece{Piece::Kind::Literal, text.mid(pos, at - pos), 0, Transform::None});
            literalText += text.mid(pos, at - pos);
        }
        if (!m.hasMatch())
            break;
        Piece piece;
        if (m.captured(1) == QLatin1String("#")) {
            piece.kind = Piece::Kind::Sequence;
        } else if (m.captured(1) == QLatin1String("%")) {
            piece.kind = Piece::Kind::Slot;
            m_usesSlot = true;
        } else {
            piece.kind = Piece::Kind::Argument;
            piece.how = transformOf(m.captured(3));
            if (!m.captured(2).isEmpty()) {
                bool ok = false;
                piece.source = m.captured(2).toInt(&ok);
                if (!ok || piece.source == 0 || std::abs(piece.source) > m_sourceCount) {
                    throw ValueError(QStringLiteral("the replacement string %1 names input source %2, but the jobs have %3 "
                                                    "input source(s), numbered from 1")
                                         .arg(m.captured(0), m.captured(2))
                                         .arg(m_sourceCount));
                }
            }
        }
        m_pieces.append(piece);
        m_hasReplacements = true;
        literalText += QLatin1Char('x');
        pos = m.capturedEnd();
    }

    if (text.trimmed().isEmpty()) {
        m_needsShell = true; // the arguments are the command
        return;
    }
    static const QString meta = QStringLiteral("|&;<>()$`\\\"'*?[]#~!{}\n");
    for (QChar c : literalText) {
        if (meta.contains(c)) {
            m_needsShell = true;
            return;
        }
    }
    const QString first = literalText.trimmed().section(QRegularExpression(QStringLiteral("\\s+")), 0, 0);
    m_needsShell = isShellWord(first) || first.contains(QLatin1Char('='));
}

QString CommandTemplate::quote(const QString &word)
{
    if (word.isEmpty())
        return QStringLiteral("''");
    bool plain = true;
    for (QChar c : word) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_'
                        || u == '.' || u == '+' || u == '/';
        if (!ok) {
            plain = false;
            break;
        }
    }
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\"'\"'"));
    quoted = QLatin1Char('\'') + quoted + QLatin1Char('\'');
    if (quoted.startsWith(QLatin1String("''")))
        quoted.remove(0, 2);
    if (quoted.endsWith(QLatin1String("''")))
        quoted.chop(2);
    return quoted;
}

QString CommandTemplate::transform(const QString &argument, Transform how)
{
    switch (how) {
    case Transform::None: return argument;
    case Transform::NoExtension: return withoutExtension(argument);
    case Transform::Basename: return basename(argument);
    case Transform::Dirname: return dirname(argument);
    case Transform::BasenameNoExtension: return withoutExtension(basename(argument));
    }
    return argument;
}

QString CommandTemplate::expand(const QStringList &args, qint64 seq, int slot) const
{
    auto allQuoted = [&args](Transform how) {
        QStringList words;
        words.reserve(args.size());
        for (const QString &a : args)
            words.append(quote(transform(a, how)));
        return words.join(QLatin1Char(' '));
    };
    if (m_text.trimmed().isEmpty())
        return args.join(QLatin1Char(' '));
    QString line;
    for (const Piece &p : m_pieces) {
        switch (p.kind) {
        case Piece::Kind::Literal: line += p.literal; break;
        case Piece::Kind::Sequence: line += QString::number(seq); break;
        case Piece::Kind::Slot: line += QString::number(slot); break;
        case Piece::Kind::Argument: {
            if (p.source == 0) {
                line += allQuoted(p.how);
                break;
            }
            const qsizetype i = p.source > 0 ? p.source - 1 : args.size() + p.source;
            line += quote(transform(i >= 0 && i < args.size() ? args.at(i) : QString(), p.how));
            break;
        }
        }
    }
    if (!m_hasReplacements && !args.isEmpty())
        line += QLatin1Char(' ') + allQuoted(Transform::None);
    return line;
}

Command CommandTemplate::command(const QStringList &args, qint64 seq, int slot) const
{
    return toCommand(expand(args, seq, slot));
}

Command CommandTemplate::toCommand(const QString &line) const
{
    if (m_needsShell)
        return shellCommand(line);
    Command c;
    QStringList words = splitWords(line);
    if (!words.isEmpty())
        c.program = words.takeFirst();
    c.arguments = words;
    return c;
}

Command CommandTemplate::shellCommand(const QString &line)
{
    Command c;
    c.program = QStringLiteral("/bin/sh");
    c.arguments = QStringList{QStringLiteral("-c"), line};
    return c;
}

std::optional<QString> CommandTemplate::shellLineOf(const Command &command)
{
    if (command.program != QLatin1String("/bin/sh") || command.arguments.size() != 2
        || command.arguments.first() != QLatin1String("-c"))
        return std::nullopt;
    return command.arguments.at(1);
}

QString CommandTemplate::lineOf(const Command &command)
{
    if (const std::optional<QString> line = shellLineOf(command))
        return *line;
    QStringList words{quote(command.program)};
    for (const QString &argument : command.arguments)
        words.append(quote(argument));
    return words.join(QLatin1Char(' '));
}

QStringList CommandTemplate::splitWords(const QString &line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('\'')) {
            inWord = true;
            const qsizetype end = line.indexOf(QLatin1Char('\''), i + 1);
            const qsizetype stop = end < 0 ? line.size() : end;
            word += line.mid(i + 1, stop - i - 1);
            i = stop;
        } else if (c == QLatin1Char('"')) {
            inWord = true;
            for (++i; i < line.size() && line.at(i) != QLatin1Char('"'); ++i) {
                if (line.at(i) == QLatin1Char('\\') && i + 1 < line.size()
                    && QStringLiteral("$`\"\\\n").contains(line.at(i + 1)))
                    ++i;
                word += line.at(i);
            }
        } else if (c == QLatin1Char('\\')) {
            inWord = true;
            if (i + 1 < line.size())
                word += line.at(++i);
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n')) {
            if (inWord)
                words.append(std::exchange(word, QString()));
            inWord = false;
        } else {
            inWord = true;
            word += c;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

} // namespace qmp
