#pragma once
// HistoryView: the task history — batches, newest first, and the tasks of the selected batch —
// with "Re-run batch" (its commands again, in a new pool) and "Export joblog…" (GNU parallel's
// TSV). Reads the session's HistoryStore through two HistoryModels. GUI thread.

#include "studiosession.h"
#include "taskrecord.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSplitter;
class QTableView;

namespace qmp {

class HistoryModel;

class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(StudioSession *session, QWidget *parent = nullptr);

    HistoryModel *batchModel() const { return m_batches; }
    HistoryModel *taskModel() const { return m_tasks; }
    QTableView *batchTable() const { return m_batchTable; }
    QTableView *taskTable() const { return m_taskTable; }
    QLabel *emptyText() const { return m_emptyText; }
    QSplitter *splitter() const { return m_splitter; }

    qint64 selectedBatchId() const; // 0: none
    void selectBatch(qint64 batchId);

    // Without asking (the buttons ask first): re-runs the batch's commands in a new pool; writes
    // its tasks as a joblog. Errors in the result / *error.
    StudioSession::Launch rerun(qint64 batchId);
    bool exportJoblog(qint64 batchId, const QString &path, QString *error);

public Q_SLOTS:
    void refresh(); // flushes the store and re-reads both tables

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void batchSelected();
    void askRerun();
    void askExport();
    QList<TaskRecord> tasksOf(qint64 batchId) const;

    StudioSession *m_session;
    HistoryModel *m_batches;
    HistoryModel *m_tasks;
    QSplitter *m_splitter;
    QTableView *m_batchTable;
    QTableView *m_taskTable;
    QLabel *m_batchesLabel;
    QLabel *m_tasksLabel;
    QLabel *m_status;
    QLabel *m_emptyText; // instead of the batch table while the history is empty
    QPushButton *m_rerunButton;
    QPushButton *m_exportButton;
    QPushButton *m_refreshButton;
};

} // namespace qmp
