#include "outputpane.h"

#include "taskstate.h"

#include <QFontDatabase>
#include <QPalette>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>

#include <algorithm>
#include <climits>

namespace qmp {

OutputPane::OutputPane(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("outputPane"));
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabChangesFocus(true);
}

void OutputPane::reset()
{
    clear();
    m_taskId = 0;
    m_shown = 0;
}

void OutputPane::follow(const TaskState &task)
{
    if (task.id != m_taskId || task.outputWritten < m_shown) { // another task (or the same one anew)
        reset();
        m_taskId = task.id;
    }
    const qint64 fresh = task.outputWritten - m_shown;
    if (fresh == 0)
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() == bar->maximum();
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    // The task keeps its last outputSize() characters: the fresh ones are at their end, unless
    // more came than it keeps (then the pane says what is missing and goes on with what is kept).
    const qsizetype kept = task.outputSize();
    qsizetype skip = kept - fresh;
    if (skip < 0) {
        const qint64 lost = -skip;
        QTextCharFormat note;
        note.setForeground(palette().color(QPalette::PlaceholderText));
        note.setFontItalic(true);
        if (!cursor.atBlockStart())
            cursor.insertText(QStringLiteral("\n"));
        cursor.insertText(tr("[%n character(s) of output not kept]", nullptr, int(std::min<qint64>(lost, INT_MAX)))
                              + QLatin1Char('\n'),
                          note);
        skip = 0;
    }
    QTextCharFormat out;
    QTextCharFormat err;
    err.setForeground(QColor(190, 30, 30));
    // The pieces before the fresh text are skipped from the end, without touching their text.
    qsizetype piece = task.output.size();
    qsizetype before = kept; // characters in the pieces before `piece`
    while (piece > 0 && before > skip)
        before -= task.output.at(--piece).text.size();
    for (; piece < task.output.size(); ++piece) {
        const TaskState::Output &output = task.output.at(piece);
        const qsizetype from = std::max<qsizetype>(0, skip - before);
        cursor.insertText(from == 0 ? output.text : output.text.mid(from), output.channel == 2 ? err : out);
        before += output.text.size();
    }
    cursor.endEditBlock();
    m_shown = task.outputWritten;
    dropOldestLines(!atBottom);
    if (atBottom)
        bar->setValue(bar->maximum());
}

void OutputPane::dropOldestLines(bool keepView)
{
    const int excess = document()->blockCount() - maximumLines();
    if (excess <= 0)
        return;
    // The view is a line number: lines gone above it would move the text under the user's eyes.
    QScrollBar *bar = verticalScrollBar();
    const QTextBlock top = firstVisibleBlock();
    const int topNumber = top.blockNumber();
    const int intoTop = bar->value() - top.firstLineNumber(); // a wrapped line's later rows
    QTextCursor cursor(document());
    cursor.setPosition(document()->findBlockByNumber(excess).position(), QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    if (keepView)
        bar->setValue(topNumber >= excess ? document()->findBlockByNumber(topNumber - excess).firstLineNumber() + intoTop : 0);
}

} // namespace qmp
