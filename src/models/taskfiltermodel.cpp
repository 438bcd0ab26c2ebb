#include "taskfiltermodel.h"

#include "modelroles.h"
#include "taskmodel.h"

namespace qmp {

TaskFilterModel::TaskFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ModelRoles::Value);
    setDynamicSortFilter(true);
}

void TaskFilterModel::setStateFilter(std::optional<TaskState::State> state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

void TaskFilterModel::setStuckOnly(bool stuckOnly)
{
    if (stuckOnly == m_stuckOnly)
        return;
    m_stuckOnly = stuckOnly;
    invalidateFilter();
}

void TaskFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

bool TaskFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    if (!source)
        return false;
    auto cell = [&](int column, int role) { return source->index(sourceRow, column, sourceParent).data(role); };
    if (m_state && cell(TaskModel::State, ModelRoles::Value).toInt() != int(*m_state))
        return false;
    if (m_stuckOnly && !cell(TaskModel::State, ModelRoles::Stuck).toBool())
        return false;
    if (m_search.isEmpty())
        return true;
    for (int column : {TaskModel::Name, TaskModel::Message, TaskModel::Worker, TaskModel::Id}) {
        if (cell(column, Qt::DisplayRole).toString().contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace qmp
