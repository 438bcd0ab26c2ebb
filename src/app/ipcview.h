#pragma once
// IpcView: the studio's IPC tab — every IPC object QMP programs made on this computer (queues,
// locks, events, values, shared memory; IpcObjectModel), refreshed every 2 s, with leaks (nobody
// attached, owner gone) highlighted and counted, and a button that reclaims them after asking.

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace qmp {

class IpcObjectModel;

class IpcView : public QWidget
{
    Q_OBJECT
public:
    // dir: the key directory (empty: QMP's default).
    explicit IpcView(const QString &dir = {}, QWidget *parent = nullptr);

    IpcObjectModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *reclaimButton() const { return m_reclaim; }
    // Reclaims the leaks; asks first unless confirm is false (tests).
    void reclaimLeaks(bool confirm = true);

Q_SIGNALS:
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateSummary();

    IpcObjectModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QPushButton *m_reclaim;
    QPushButton *m_refresh;
};

} // namespace qmp
