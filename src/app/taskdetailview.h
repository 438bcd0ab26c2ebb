#pragma once
// TaskDetailView: everything about one task of a pool, as Flower's task page shows it — the task
// or command with its arguments, its state and why it ended (an exception with its type, message
// and where it was thrown), its result, when it was queued, started and ended, how long it ran,
// its attempts, worker and exit code — and its output, followed live (OutputPane). Reads the hub's
// PoolState; follows TaskModel::outputChanged. GUI thread.

#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;

namespace qmp {

class MonitorHub;
class OutputPane;
class TaskModel;

class TaskDetailView : public QWidget
{
    Q_OBJECT
public:
    // hub and tasks are not owned and must outlive the view.
    TaskDetailView(MonitorHub *hub, TaskModel *tasks, QWidget *parent = nullptr);

    // Shows task taskId of pool poolId (0: none).
    void showTask(int poolId, quint64 taskId);
    quint64 taskId() const { return m_taskId; }

    QPushButton *retryButton() const { return m_retry; }
    QLabel *titleLabel() const { return m_title; }
    QSplitter *splitter() const { return m_splitter; }
    // The fields as shown ("State: failed", "Exception: ValueError: ..."), one per line (tests).
    QString detailsText() const;

Q_SIGNALS:
    // The user asked to run this task again (the dashboard asks and carries it out).
    void retryRequested(quint64 taskId);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslate();
    void refresh();
    void elideTitle();

    MonitorHub *m_hub;
    TaskModel *m_tasks;
    int m_poolId = 0;
    quint64 m_taskId = 0;
    QString m_fullTitle;
    QLabel *m_title;
    QLabel *m_details;
    QSplitter *m_splitter;
    QPushButton *m_retry;
    QLabel *m_outputLabel;
    OutputPane *m_output;
};

} // namespace qmp
