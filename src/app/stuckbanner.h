#pragma once
// StuckBanner: the warning strip over a pool's dashboard while one of its workers is stuck — the
// first stuck worker, its task and why (StuckText), how many more are stuck, and a button that
// asks to terminate that worker (only when the pool allows control; otherwise it says the pool can
// only be watched). Hidden while no worker is stuck. It words itself again on a language change.
// GUI thread.

#include <QWidget>

#include "stuckreason.h"

class QLabel;
class QPushButton;

namespace qmp {

class PoolState;

class StuckBanner : public QWidget
{
    Q_OBJECT
public:
    explicit StuckBanner(QWidget *parent = nullptr);

    // Shows pool's stuck workers (none, or no pool: hidden). canControl: the pool may be
    // controlled from here (the terminate button shows). Keeps no pointer to pool.
    void showStuckOf(const PoolState *pool, bool canControl);
    // The first stuck worker (the one the button terminates); 0 while none is.
    qint64 stuckPid() const { return m_pid; }
    QString text() const; // the sentence shown

Q_SIGNALS:
    // The user pressed the button: terminate worker pid (the dashboard asks first).
    void terminateRequested(qint64 pid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_text;
    QPushButton *m_terminate;
    qint64 m_pid = 0;
    QString m_taskName;
    StuckReason m_reason;
    int m_stuck = 0;
    bool m_canControl = false;
};

} // namespace qmp
