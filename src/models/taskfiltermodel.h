#pragma once
// TaskFilterModel: a TaskModel as the studio's task table shows it — only one state (or all),
// only rows matching a search text (in the task / command, its message, its worker pid or its
// id, case-insensitive), sorted by the raw Value role so durations and times sort as numbers.
// GUI thread.

#include "qmpmodels_export.h"
#include "taskstate.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace qmp {

class TaskModel;

class QMP_MODELS_EXPORT TaskFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TaskFilterModel(QObject *parent = nullptr);

    // std::nullopt: every state. "Stuck" is not a state: use setStuckOnly().
    void setStateFilter(std::optional<TaskState::State> state);
    std::optional<TaskState::State> stateFilter() const { return m_state; }
    void setStuckOnly(bool stuckOnly);
    bool stuckOnly() const { return m_stuckOnly; }
    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<TaskState::State> m_state;
    bool m_stuckOnly = false;
    QString m_search;
};

} // namespace qmp
