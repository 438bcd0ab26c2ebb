// OutputPane: a task's output followed over many updates shows every line exactly once, also past
// what the task keeps (TaskState::outputLimit); each update only appends its new text at the end
// (no re-insert of what is shown); lines in view stay in view when the user has scrolled up, the
// bottom stays in view when they have not; stderr is red; another task starts the pane again.
#include "languagemanager.h"
#include "outputpane.h"
#include "taskstate.h"

#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using qmp::OutputPane;
using qmp::TaskState;

namespace {

QString lineOf(int number, int length)
{
    QString line = QStringLiteral("line %1 ").arg(number);
    line += QString(std::max<qsizetype>(0, length - 1 - line.size()), QLatin1Char('.'));
    return line + QLatin1Char('\n');
}

// Writes lines [first, first + count) to task's stdout, linesPerUpdate at a time, following each
// update in pane.
void write(TaskState &task, OutputPane &pane, int first, int count, int linesPerUpdate, int length = 40)
{
    for (int n = first; n < first + count;) {
        QString chunk;
        for (int i = 0; i < linesPerUpdate && n < first + count; ++i, ++n)
            chunk += lineOf(n, length);
        task.appendOutput(1, chunk);
        pane.follow(task);
    }
}

// The text of the line at the top of the pane's viewport.
QString firstVisibleLine(const OutputPane &pane)
{
    return pane.cursorForPosition(QPoint(2, 2)).block().text();
}

} // namespace

class tst_OutputPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The English plurals ("1 character", "2 characters") come from the English translation.
        QVERIFY((new qmp::LanguageManager(this))->setLanguage(QStringLiteral("en"), false));
    }

    void showsEveryLineOnce_data()
    {
        QTest::addColumn<int>("lines");
        QTest::addColumn<int>("length");
        QTest::addColumn<int>("linesPerUpdate");
        QTest::newRow("a few lines, one per update") << 50 << 20 << 1;
        QTest::newRow("past what the task keeps, one line per update") << 3000 << 100 << 1;
        QTest::newRow("past what the task keeps, in bursts") << 3000 << 100 << 97;
    }
    void showsEveryLineOnce()
    {
        QFETCH(int, lines);
        QFETCH(int, length);
        QFETCH(int, linesPerUpdate);
        QVERIFY(qint64(lines) * length > 2 * TaskState::outputLimit || lines < 100);
        TaskState task;
        task.id = 1;
        OutputPane pane;
        write(task, pane, 1, lines, linesPerUpdate, length);
        QString expected;
        for (int n = 1; n <= lines; ++n)
            expected += lineOf(n, length);
        expected.chop(1); // the document's last block is the empty line after the last newline
        QCOMPARE(pane.toPlainText(), expected + QLatin1Char('\n'));
    }

    // Each update inserts its own text at the end, and nothing else: no copy of the whole output.
    void eachUpdateOnlyAppends()
    {
        TaskState task;
        task.id = 1;
        OutputPane pane;
        qint64 added = 0;
        int changes = 0;
        bool appendsOnly = true;
        QString where;
        int length = 0; // the document's text before each change
        connect(pane.document(), &QTextDocument::contentsChange, &pane, [&](int position, int removed, int inserted) {
            // (the first text of an empty document replaces its empty block: 1 removed at 0)
            const bool first = length == 0 && position == 0 && removed <= 1;
            if (!first && (removed != 0 || position != length)) {
                appendsOnly = false;
                where = QStringLiteral("change %1: at %2 (end %3), %4 removed").arg(changes).arg(position).arg(length).arg(removed);
            }
            added += inserted - removed;
            length = pane.document()->characterCount() - 1;
            ++changes;
        });
        const int updates = 500;
        write(task, pane, 1, 5 * updates, 5, 60); // 150,000 characters, past what the task keeps
        QVERIFY2(appendsOnly, qPrintable(where));
        QCOMPARE(added, task.outputWritten);
        QVERIFY(changes >= updates);
    }

    // The user scrolled up to read: more output (also enough to drop the oldest lines of the pane)
    // leaves the line they read at the top of the view.
    void keepsTheUsersPlaceWhenScrolledUp_data()
    {
        QTest::addColumn<int>("before");
        QTest::addColumn<int>("topLine");
        QTest::addColumn<int>("after");
        QTest::newRow("at the top") << 300 << 1 << 2000;
        QTest::newRow("in the middle") << 300 << 120 << 2000;
        QTest::newRow("while the oldest lines are dropped") << OutputPane::maximumLines() << 15000 << 3000;
    }
    void keepsTheUsersPlaceWhenScrolledUp()
    {
        QFETCH(int, before);
        QFETCH(int, topLine);
        QFETCH(int, after);
        TaskState task;
        task.id = 1;
        OutputPane pane;
        pane.resize(400, 200);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        write(task, pane, 1, before, 100);
        QCOMPARE(pane.verticalScrollBar()->value(), pane.verticalScrollBar()->maximum()); // it followed
        // Scroll so that line topLine is at the top.
        const QTextBlock block = pane.document()->find(QStringLiteral("line %1 ").arg(topLine)).block();
        QVERIFY(block.isValid());
        pane.verticalScrollBar()->setValue(0);
        pane.verticalScrollBar()->setValue(block.firstLineNumber());
        const QString reading = firstVisibleLine(pane);
        QVERIFY2(reading.startsWith(QStringLiteral("line %1 ").arg(topLine)), qPrintable(reading));
        write(task, pane, before + 1, after, 7);
        QCOMPARE(firstVisibleLine(pane), reading);
        QVERIFY(pane.toPlainText().endsWith(lineOf(before + after, 40)));
    }

    // Not scrolled up: the newest line stays in view, update after update.
    void keepsToTheBottom()
    {
        TaskState task;
        task.id = 1;
        OutputPane pane;
        pane.resize(400, 200);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        for (int n = 1; n <= 400; n += 10) {
            write(task, pane, n, 10, 10);
            QCOMPARE(pane.verticalScrollBar()->value(), pane.verticalScrollBar()->maximum());
        }
        QVERIFY(pane.verticalScrollBar()->maximum() > 300);
    }

    void dropsTheOldestLinesPastItsLimit()
    {
        TaskState task;
        task.id = 1;
        OutputPane pane;
        write(task, pane, 1, OutputPane::maximumLines() + 500, 250, 20);
        QVERIFY(pane.document()->blockCount() <= OutputPane::maximumLines());
        QVERIFY(pane.toPlainText().endsWith(lineOf(OutputPane::maximumLines() + 500, 20)));
    }

    // More output than the task keeps came between two updates (or before the task was selected):
    // the pane says how much is missing, then shows what is kept, and goes on appending.
    void saysWhatWasNotKept_data()
    {
        QTest::addColumn<bool>("followedBefore");
        QTest::newRow("selected late") << false;
        QTest::newRow("a burst between two updates") << true;
    }
    void saysWhatWasNotKept()
    {
        QFETCH(bool, followedBefore);
        TaskState task;
        task.id = 1;
        OutputPane pane;
        if (followedBefore)
            write(task, pane, 1, 10, 10);
        const qint64 shown = followedBefore ? task.outputWritten : 0;
        QString burst;
        for (int n = 11; n <= 3010; ++n) // 120,000 characters: more than the task keeps
            burst += lineOf(n, 40);
        task.appendOutput(1, burst);
        pane.follow(task);
        const qint64 lost = task.outputWritten - shown - task.outputSize();
        QVERIFY(lost > 0);
        const QString note = QStringLiteral("[%1 characters of output not kept]\n").arg(lost);
        const QString text = pane.toPlainText();
        QVERIFY2(text.contains(note + task.outputText()), qPrintable(text.left(600)));
        QCOMPARE(text.startsWith(lineOf(1, 40)), followedBefore);
        write(task, pane, 3011, 5, 1);
        QVERIFY(pane.toPlainText().endsWith(lineOf(3010, 40) + lineOf(3011, 40) + lineOf(3012, 40) + lineOf(3013, 40)
                                            + lineOf(3014, 40) + lineOf(3015, 40)));
    }

    void stderrIsRed()
    {
        TaskState task;
        task.id = 1;
        task.appendOutput(1, QStringLiteral("to stdout\n"));
        task.appendOutput(2, QStringLiteral("to stderr\n"));
        OutputPane pane;
        pane.follow(task);
        const QString text = pane.toPlainText();
        QTextCursor cursor(pane.document());
        cursor.setPosition(int(text.indexOf(QLatin1String("to stderr"))) + 1);
        QCOMPARE(cursor.charFormat().foreground().color(), QColor(190, 30, 30));
        cursor.setPosition(int(text.indexOf(QLatin1String("to stdout"))) + 1);
        QVERIFY(cursor.charFormat().foreground().color() != QColor(190, 30, 30));
    }

    // Another task, or a reset, starts again from that task's kept output.
    void anotherTaskStartsAgain()
    {
        TaskState first;
        first.id = 1;
        first.appendOutput(1, QStringLiteral("first\n"));
        TaskState second;
        second.id = 2;
        second.appendOutput(1, QStringLiteral("second\n"));
        OutputPane pane;
        pane.follow(first);
        pane.follow(second);
        QCOMPARE(pane.toPlainText(), QStringLiteral("second\n"));
        pane.reset();
        QCOMPARE(pane.toPlainText(), QString());
        pane.follow(second);
        QCOMPARE(pane.toPlainText(), QStringLiteral("second\n"));
    }
};

QTEST_MAIN(tst_OutputPane)
#include "tst_outputpane.moc"
