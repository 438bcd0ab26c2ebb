#include "ipcview.h"

#include "ipcobjectmodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace qmp {

IpcView::IpcView(const QString &dir, QWidget *parent) : QWidget(parent), m_model(new IpcObjectModel(dir, this))
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("ipcSummary"));
    m_summary->setWordWrap(true);
    m_refresh = new QPushButton(this);
    m_reclaim = new QPushButton(this);
    m_reclaim->setObjectName(QStringLiteral("reclaimLeaks"));
    m_table = new QTableView(this);
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_refresh);
    top->addWidget(m_reclaim);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    connect(m_refresh, &QPushButton::clicked, m_model, &IpcObjectModel::refresh);
    connect(m_reclaim, &QPushButton::clicked, this, [this] { reclaimLeaks(); });
    connect(m_model, &IpcObjectModel::leaksChanged, this, &IpcView::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &IpcView::updateSummary);
    retranslate();
}

void IpcView::reclaimLeaks(bool confirm)
{
    const int leaks = m_model->leakCount();
    if (leaks == 0)
        return;
    if (confirm
        && QMessageBox::question(this, tr("Reclaim leaked IPC objects"),
                                 tr("Remove %n leaked IPC object(s)? Nobody is attached to them and the programs "
                                    "that made them are gone.", nullptr, leaks))
            != QMessageBox::Yes)
        return;
    const int removed = int(m_model->collectGarbage().size());
    Q_EMIT statusMessage(tr("Reclaimed %n leaked IPC object(s)", nullptr, removed));
}

void IpcView::updateSummary()
{
    const int objects = m_model->rowCount();
    const int leaks = m_model->leakCount();
    QString text = tr("%n IPC object(s) of QMP programs on this computer", nullptr, objects);
    if (leaks > 0)
        text += QStringLiteral(" — ") + tr("%n leaked (highlighted)", nullptr, leaks);
    m_summary->setText(text);
    m_reclaim->setEnabled(leaks > 0);
}

void IpcView::retranslate()
{
    m_refresh->setText(tr("&Refresh"));
    m_reclaim->setText(tr("Reclaim &leaks…"));
    m_reclaim->setToolTip(tr("Remove the objects nobody is attached to whose owner is gone (like `qmp ipc gc`)"));
    updateSummary();
}

void IpcView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace qmp
