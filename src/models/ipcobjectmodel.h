#pragma once
// IpcObjectModel: the IPC objects QMP programs made on this machine (SharedSegment::list: queues,
// locks, events, values, shared memory, ...) with their owner, whether it is alive, how many
// processes are attached, their size and state. Leaks — nobody attached and the owner gone —
// are flagged (ModelRoles::Stuck, highlighted) and can be reclaimed (collectGarbage()).
// Refreshes itself every refreshMs (default 2 s) without resetting when the set of objects stays
// the same. GUI thread.

#include "qmpmodels_export.h"
#include "sharedsegment.h"

#include <QAbstractTableModel>
#include <QTimer>

namespace qmp {

class QMP_MODELS_EXPORT IpcObjectModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Kind, Owner, OwnerAlive, Attached, Size, State, Key, ColumnCount };
    Q_ENUM(Column)

    // dir: the key directory (empty: QMP's default, $TMPDIR or /tmp).
    explicit IpcObjectModel(const QString &dir = {}, QObject *parent = nullptr);

    void setRefreshInterval(int ms); // 0: only refresh() by hand
    int leakCount() const;
    SharedSegment::Info objectAt(int row) const; // a default Info when out of range

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A kind as IPC keys name it ("queue", "queue-item"...) in the user's language.
    static QString kindText(const QString &kind);

public Q_SLOTS:
    void refresh();
    // Removes every leaked object; returns what was removed.
    QList<SharedSegment::Info> collectGarbage();

Q_SIGNALS:
    void leaksChanged(int leaks);

private:
    QString stateText(const SharedSegment::Info &info) const;

    QString m_dir;
    QList<SharedSegment::Info> m_objects;
    QTimer m_timer;
    int m_leaks = 0;
};

} // namespace qmp
