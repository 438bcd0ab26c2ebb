#include "hubtablemodel.h"

#include "valueformat.h"

#include <QColor>
#include <QCoreApplication>

#include <algorithm>

namespace qmp {

HubTableModel::HubTableModel(MonitorHub *hub, const char *context, QList<Column> columns, QObject *parent)
    : QAbstractTableModel(parent), m_hub(hub), m_context(context), m_columns(std::move(columns))
{
}

int HubTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString HubTableModel::text(int row, int column, const QVariant &value) const
{
    Q_UNUSED(row);
    return ValueFormat::format(value, m_columns.at(column).unit);
}

QString HubTableModel::toolTip(int row, int column) const
{
    Q_UNUSED(row);
    Q_UNUSED(column);
    return QString();
}

QVariant HubTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const Column &spec = m_columns.at(column);
    switch (role) {
    case Qt::DisplayRole:
    case ModelRoles::FormattedValue:
        return text(row, column, value(row, column));
    case ModelRoles::Value:
        return value(row, column);
    case ModelRoles::Unit:
        return int(spec.unit);
    case ModelRoles::ChartHint:
        return int(spec.hint);
    case ModelRoles::Id:
        return rowId(row);
    case ModelRoles::Stuck:
        return rowIsStuck(row);
    case Qt::TextAlignmentRole:
        return spec.unit == ValueUnit::None || spec.unit == ValueUnit::EpochMilliseconds
            ? int(Qt::AlignLeft | Qt::AlignVCenter)
            : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (rowIsStuck(row))
            return QColor(255, 214, 153); // amber: needs a look
        return {};
    case Qt::ForegroundRole:
        if (rowIsStuck(row))
            return QColor(Qt::black); // readable on amber in dark themes too
        if (rowIsFailed(row))
            return QColor(190, 30, 30);
        if (rowIsMuted(row))
            return QColor(120, 120, 120);
        return {};
    case Qt::ToolTipRole: {
        const QString tip = toolTip(row, column);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    default:
        return {};
    }
}

QVariant HubTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const Column &spec = m_columns.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return QCoreApplication::translate(m_context, spec.header);
    case Qt::ToolTipRole:
        return spec.toolTip ? QVariant(QCoreApplication::translate(m_context, spec.toolTip)) : QVariant();
    case ModelRoles::Unit:
        return int(spec.unit);
    case ModelRoles::ChartHint:
        return int(spec.hint);
    default:
        return {};
    }
}

QHash<int, QByteArray> HubTableModel::roleNames() const
{
    QHash<int, QByteArray> names = ModelRoles::withNames(QAbstractTableModel::roleNames());
    names.insert(ModelRoles::Id, "rowId");
    names.insert(ModelRoles::Stuck, "stuck");
    return names;
}

void HubTableModel::insertIdRow(QList<int> &ids, int id)
{
    if (ids.contains(id))
        return;
    const int row = int(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
    beginInsertRows({}, row, row);
    ids.insert(row, id);
    endInsertRows();
}

void HubTableModel::removeIdRow(QList<int> &ids, int id)
{
    const int row = int(ids.indexOf(id));
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    ids.removeAt(row);
    endRemoveRows();
}

void HubTableModel::rowsChanged(int first, int last)
{
    if (first > last || columnCount() == 0)
        return;
    Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
}

void HubTableModel::rowsChanged(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        rowsChanged(rows.at(i), rows.at(j));
        i = j + 1;
    }
}

} // namespace qmp
