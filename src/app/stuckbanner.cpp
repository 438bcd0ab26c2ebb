#include "stuckbanner.h"

#include "poolstate.h"
#include "stucktext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace qmp {

StuckBanner::StuckBanner(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_terminate(new QPushButton(this))
{
    setObjectName(QStringLiteral("stuckBanner"));
    setAutoFillBackground(true);
    QPalette warn = palette();
    warn.setColor(QPalette::Window, QColor(0xff, 0xe0, 0xb2));
    warn.setColor(QPalette::WindowText, QColor(0x5d, 0x2e, 0x00));
    setPalette(warn);
    m_text->setObjectName(QStringLiteral("stuckText"));
    m_text->setWordWrap(true);
    m_terminate->setObjectName(QStringLiteral("terminateStuckButton"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_terminate);
    connect(m_terminate, &QPushButton::clicked, this, [this] {
        if (m_pid != 0)
            Q_EMIT terminateRequested(m_pid);
    });
    retranslate();
    setVisible(false);
}

void StuckBanner::showStuckOf(const PoolState *pool, bool canControl)
{
    m_pid = 0;
    m_stuck = 0;
    m_canControl = pool && canControl;
    if (pool) {
        for (const WorkerState &worker : pool->workers()) {
            if (worker.state == WorkerState::State::Exited || !worker.stuck.isStuck())
                continue;
            if (++m_stuck == 1) {
                m_pid = worker.pid;
                m_taskName = worker.taskName;
                m_reason = worker.stuck;
            }
        }
    }
    retranslate();
    setVisible(m_pid != 0);
}

QString StuckBanner::text() const
{
    return m_text->text();
}

void StuckBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StuckBanner::retranslate()
{
    m_terminate->setText(tr("Terminate stuck worker"));
    m_terminate->setVisible(m_canControl);
    m_terminate->setEnabled(m_canControl);
    if (m_pid == 0) {
        m_text->clear();
        m_terminate->setToolTip(QString());
        return;
    }
    QString reason = tr("Worker %1 (%2) is stuck: %3").arg(m_pid).arg(m_taskName, StuckText::describe(m_reason));
    if (m_stuck > 1)
        reason += QLatin1Char(' ') + tr("(%n more stuck)", nullptr, m_stuck - 1);
    // Only what this pool allows: another program's pool may be read-only.
    if (!m_canControl)
        reason += QLatin1Char(' ') + tr("(this program does not allow control: it can only be watched)");
    m_text->setText(QStringLiteral("⚠ ") + reason);
    m_terminate->setToolTip(tr("Terminates worker %1 and everything it started").arg(m_pid));
}

} // namespace qmp
