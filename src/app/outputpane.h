#pragma once
// OutputPane: one task's captured output (TaskState::output), followed live. follow() appends only
// what the task wrote since the last call, each piece in its channel's colour (stderr red); it
// never copies or re-inserts what is shown. When the user has scrolled up, the text under their
// eyes stays put while output arrives; at the bottom, the pane keeps to the bottom. It holds at
// most maximumLines() lines, dropping the oldest. Read-only. GUI thread.

#include <QPlainTextEdit>

namespace qmp {

struct TaskState;

class OutputPane : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit OutputPane(QWidget *parent = nullptr);

    // Shows what task wrote that is not shown yet. A task other than the last one followed starts
    // the pane again; when more came since the last call than the task keeps (or before the
    // first), a line in grey says how many characters the pane did not get.
    void follow(const TaskState &task);
    // Empties the pane; the next follow() starts from the task's kept output.
    void reset();

    static constexpr int maximumLines() { return 20000; }

private:
    // Keeps maximumLines(): drops the oldest; keepView: the lines in view stay in view.
    void dropOldestLines(bool keepView);

    quint64 m_taskId = 0;
    qint64 m_shown = 0; // TaskState::outputWritten when the pane last followed
};

} // namespace qmp
