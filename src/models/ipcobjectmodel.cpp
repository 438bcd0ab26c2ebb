#include "ipcobjectmodel.h"

#include <QCoreApplication>

#include "modelroles.h"
#include "valueformat.h"

#include <QColor>

namespace qmp {

IpcObjectModel::IpcObjectModel(const QString &dir, QObject *parent) : QAbstractTableModel(parent), m_dir(dir)
{
    connect(&m_timer, &QTimer::timeout, this, &IpcObjectModel::refresh);
    setRefreshInterval(2000);
    refresh();
}

void IpcObjectModel::setRefreshInterval(int ms)
{
    if (ms <= 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(ms);
}

int IpcObjectModel::leakCount() const
{
    return m_leaks;
}

SharedSegment::Info IpcObjectModel::objectAt(int row) const
{
    return row >= 0 && row < m_objects.size() ? m_objects.at(row) : SharedSegment::Info{};
}

void IpcObjectModel::refresh()
{
    const QList<SharedSegment::Info> now = SharedSegment::list(m_dir);
    bool sameKeys = now.size() == m_objects.size();
    for (qsizetype i = 0; sameKeys && i < now.size(); ++i)
        sameKeys = now.at(i).nativeKey == m_objects.at(i).nativeKey;
    if (sameKeys) {
        m_objects = now;
        if (!m_objects.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_objects.size()) - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_objects = now;
        endResetModel();
    }
    const int leaks = int(std::count_if(m_objects.begin(), m_objects.end(), [](const SharedSegment::Info &i) { return i.orphan; }));
    if (leaks != m_leaks) {
        m_leaks = leaks;
        Q_EMIT leaksChanged(leaks);
    }
}

QList<SharedSegment::Info> IpcObjectModel::collectGarbage()
{
    const QList<SharedSegment::Info> removed = SharedSegment::collectGarbage(m_dir);
    refresh();
    return removed;
}

int IpcObjectModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_objects.size());
}

int IpcObjectModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString IpcObjectModel::stateText(const SharedSegment::Info &info) const
{
    if (info.orphan)
        return tr("leaked: nobody attached, owner gone");
    if (info.attachments < 0)
        return tr("key file without a segment");
    return info.attachments > 0 ? tr("in use") : tr("idle");
}

QString IpcObjectModel::kindText(const QString &kind)
{
    // The names ipc keys carry ("queue", "queue-item"...), in the user's language.
    static const struct
    {
        const char *kind;
        const char *text;
    } kinds[] = {
        {"lock", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "lock")},
        {"rlock", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "reentrant lock")},
        {"semaphore", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "semaphore")},
        {"event", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "event")},
        {"condition", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "condition")},
        {"barrier", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "barrier")},
        {"queue", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "queue")},
        {"queue-item", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "queue item (large)")},
        {"pipe", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "pipe")},
        {"value", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "value")},
        {"array", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "array")},
        {"sharedmemory", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "shared memory")},
        {"shareablelist", QT_TRANSLATE_NOOP("qmp::IpcObjectModel", "shareable list")},
    };
    for (const auto &entry : kinds) {
        if (kind == QLatin1String(entry.kind))
            return QCoreApplication::translate("qmp::IpcObjectModel", entry.text);
    }
    return kind;
}

QVariant IpcObjectModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SharedSegment::Info &info = m_objects.at(index.row());
    QVariant value;
    switch (index.column()) {
    case Kind: value = info.kind; break;
    case Owner: value = info.creatorPid; break;
    case OwnerAlive: value = info.creatorAlive; break;
    case Attached: value = info.attachments; break;
    case Size: value = info.size; break;
    case State: value = info.orphan ? 2 : info.attachments > 0 ? 1 : 0; break;
    case Key: value = info.nativeKey; break;
    }
    switch (role) {
    case Qt::DisplayRole:
    case ModelRoles::FormattedValue:
        switch (index.column()) {
        case OwnerAlive: return info.creatorAlive ? tr("yes") : tr("no");
        case Attached: return info.attachments < 0 ? QStringLiteral("–") : QString::number(info.attachments);
        case Size: return ValueFormat::bytes(info.size);
        case State: return stateText(info);
        case Kind: return kindText(info.kind);
        default: return value.toString();
        }
    case ModelRoles::Value:
        return value;
    case ModelRoles::Unit:
        return int(index.column() == Size ? ValueUnit::Bytes : index.column() == Attached ? ValueUnit::Count : ValueUnit::None);
    case ModelRoles::ChartHint:
        return int(index.column() == Size || index.column() == Attached ? ChartHint::Measure : ChartHint::Category);
    case ModelRoles::Id:
        return info.nativeKey;
    case ModelRoles::Stuck:
        return info.orphan;
    case Qt::BackgroundRole:
        return info.orphan ? QVariant(QColor(255, 214, 153)) : QVariant();
    case Qt::ForegroundRole:
        return info.orphan ? QVariant(QColor(Qt::black)) : QVariant();
    case Qt::TextAlignmentRole:
        return int(index.column() == Size || index.column() == Attached || index.column() == Owner
                       ? Qt::AlignRight | Qt::AlignVCenter
                       : Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant IpcObjectModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Kind: return tr("Kind");
    case Owner: return tr("Owner PID");
    case OwnerAlive: return tr("Owner alive");
    case Attached: return tr("Attached");
    case Size: return tr("Size");
    case State: return tr("State");
    case Key: return tr("Key");
    }
    return {};
}

} // namespace qmp
