#include "jobtemplate.h"

#include <QFile>
#include <QFileInfo>

namespace qmp {

namespace {
const QString kInput = QStringLiteral("{}");
const QString kSeq = QStringLiteral("{#}");
const QString kNoExt = QStringLiteral("{.}");
const QString kBase = QStringLiteral("{/}");

bool hasPlaceholder(const QString &word)
{
    return word.contains(kInput) || word.contains(kSeq) || word.contains(kNoExt) || word.contains(kBase);
}

// "dir/photo.jpg" -> "dir/photo"; the extension is the part after the last dot of the file name.
QString withoutExtension(const QString &input)
{
    const qsizetype slash = input.lastIndexOf(QLatin1Char('/'));
    const qsizetype dot = input.lastIndexOf(QLatin1Char('.'));
    return dot > slash + 1 ? input.left(dot) : input;
}
} // namespace

JobTemplate::JobTemplate(const QString &text)
    : m_text(text)
{
    QString error;
    const std::optional<QStringList> words = splitWords(text, &error);
    if (!words) {
        m_error = error;
        return;
    }
    if (words->isEmpty()) {
        m_error = tr("The command template is empty: write the program to run, e.g. gzip -k {}");
        return;
    }
    m_words = *words;
    for (const QString &word : std::as_const(m_words))
        m_hasPlaceholder = m_hasPlaceholder || hasPlaceholder(word);
}

Command JobTemplate::commandFor(const QString &input, qsizetype seq) const
{
    Command command;
    if (m_words.isEmpty())
        return command;
    command.program = substitute(m_words.first(), input, seq);
    for (qsizetype i = 1; i < m_words.size(); ++i)
        command.arguments.append(substitute(m_words.at(i), input, seq));
    if (!m_hasPlaceholder)
        command.arguments.append(input);
    return command;
}

QString JobTemplate::substitute(const QString &word, const QString &input, qsizetype seq)
{
    QString out;
    out.reserve(word.size() + input.size());
    for (qsizetype i = 0; i < word.size();) {
        if (word.at(i) == QLatin1Char('{')) {
            const QStringView rest = QStringView(word).mid(i);
            if (rest.startsWith(kInput)) {
                out += input;
                i += kInput.size();
                continue;
            }
            if (rest.startsWith(kSeq)) {
                out += QString::number(seq);
                i += kSeq.size();
                continue;
            }
            if (rest.startsWith(kNoExt)) {
                out += withoutExtension(input);
                i += kNoExt.size();
                continue;
            }
            if (rest.startsWith(kBase)) {
                out += QFileInfo(input).fileName();
                i += kBase.size();
                continue;
            }
        }
        out += word.at(i);
        ++i;
    }
    return out;
}

std::optional<QStringList> JobTemplate::splitWords(const QString &line, QString *error)
{
    QStringList words;
    QString word;
    bool inWord = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('\'')) {
            const qsizetype end = line.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0) {
                if (error)
                    *error = tr("A single quote at position %1 is never closed").arg(i + 1);
                return std::nullopt;
            }
            word += line.mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
        } else if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            for (; j < line.size() && line.at(j) != QLatin1Char('"'); ++j) {
                if (line.at(j) == QLatin1Char('\\') && j + 1 < line.size()
                    && QStringLiteral("\"\\$`").contains(line.at(j + 1)))
                    ++j;
                word += line.at(j);
            }
            if (j >= line.size()) {
                if (error)
                    *error = tr("A double quote at position %1 is never closed").arg(i + 1);
                return std::nullopt;
            }
            inWord = true;
            i = j;
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 >= line.size()) {
                if (error)
                    *error = tr("The line ends with a backslash that escapes nothing");
                return std::nullopt;
            }
            word += line.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

std::optional<Command> JobTemplate::parseCommandLine(const QString &line, QString *error)
{
    const std::optional<QStringList> words = splitWords(line, error);
    if (!words)
        return std::nullopt;
    if (words->isEmpty()) {
        if (error)
            *error = tr("The command line is empty");
        return std::nullopt;
    }
    Command command;
    command.program = words->first();
    command.arguments = words->mid(1);
    return command;
}

std::optional<QStringList> JobTemplate::linesOf(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error = tr("Cannot read the input file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QStringList lines;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine());
        while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if (lines.size() >= kMaxInputs) {
            if (error)
                *error = tr("The input file %1 has more than %2 lines").arg(path).arg(kMaxInputs);
            return std::nullopt;
        }
        lines.append(line);
    }
    return lines;
}

std::optional<QStringList> JobTemplate::range(qint64 from, qint64 to, qint64 step, QString *error)
{
    if (step == 0 || (to >= from) != (step > 0)) {
        if (error)
            *error = tr("The step %1 never gets from %2 to %3").arg(step).arg(from).arg(to);
        return std::nullopt;
    }
    const qint64 count = (to - from) / step + 1;
    if (count > kMaxInputs) {
        if (error)
            *error = tr("The range gives %1 inputs; at most %2 are allowed").arg(count).arg(kMaxInputs);
        return std::nullopt;
    }
    QStringList values;
    values.reserve(count);
    for (qint64 i = 0; i < count; ++i)
        values.append(QString::number(from + i * step));
    return values;
}

} // namespace qmp
