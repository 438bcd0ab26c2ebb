#include "attachdialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <pwd.h>
#include <unistd.h>

namespace qmp {

namespace {
QString userName(uint uid)
{
    if (const passwd *entry = ::getpwuid(uid))
        return QString::fromLocal8Bit(entry->pw_name);
    return QString::number(uid);
}
} // namespace

AttachDialog::AttachDialog(QList<qint64> excludedPids, QWidget *parent)
    : QDialog(parent), m_excluded(std::move(excludedPids))
{
    setObjectName(QStringLiteral("attachDialog"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("programList"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(4);
    m_list->header()->setStretchLastSection(true);
    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    m_refresh = new QPushButton(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->addButton(m_refresh, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_buttons);
    connect(m_refresh, &QPushButton::clicked, this, &AttachDialog::refresh);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &AttachDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (selectedEndpoint())
            accept();
    });
    resize(560, 340);
    retranslate();
    refresh();
}

void AttachDialog::refresh()
{
    m_endpoints.clear();
    for (const MonitorEndpoint &endpoint : MonitorProtocol::discover()) {
        if (!m_excluded.contains(endpoint.pid))
            m_endpoints.append(endpoint);
    }
    m_list->clear();
    for (const MonitorEndpoint &endpoint : std::as_const(m_endpoints)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, QString::number(endpoint.pid));
        item->setText(1, endpoint.program);
        item->setText(2, userName(endpoint.uid));
        // Ask the program itself what it allows (it says so first thing on its socket).
        QString access;
        if (endpoint.uid != uint(::geteuid())) {
            access = tr("another user's: read-only");
        } else if (const std::optional<MonitorProtocol::Hello> hello = MonitorProtocol::probe(endpoint)) {
            access = hello->control ? tr("controls allowed")
                                    : tr("read-only: this program does not allow control (QMP_MONITOR=1)");
        } else {
            access = tr("not answering");
        }
        item->setText(3, access);
    }
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_empty->setVisible(m_endpoints.isEmpty());
    updateButtons();
}

std::optional<MonitorEndpoint> AttachDialog::selectedEndpoint() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item || !item->isSelected())
        return std::nullopt;
    const int row = m_list->indexOfTopLevelItem(const_cast<QTreeWidgetItem *>(item));
    return row >= 0 && row < m_endpoints.size() ? std::optional(m_endpoints.at(row)) : std::nullopt;
}

void AttachDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(selectedEndpoint().has_value());
}

void AttachDialog::retranslate()
{
    setWindowTitle(tr("Attach to a running program"));
    m_intro->setText(tr("Programs on this computer that serve a monitor socket. Their pools appear beside the "
                        "studio's own; controls work when the program was started with QMP_MONITOR=control and "
                        "runs as you."));
    m_list->setHeaderLabels({tr("PID"), tr("Program"), tr("User"), tr("Access")});
    m_empty->setText(tr("No program serves a monitor socket right now. Start a libqmp program with "
                        "QMP_MONITOR=1 (it needs a qmp::AppMonitor in main()), then press Refresh."));
    m_refresh->setText(tr("&Refresh"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Attach"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

void AttachDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace qmp
