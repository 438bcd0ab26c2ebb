#pragma once
// SnapshotIterator: walks a copy of a remote container taken in one round trip — a DictProxy's
// keys, a ListProxy's items — so `for (const QCborValue &key : dict)` costs one call, like
// Python's `for key in d.keys()` over a proxy's list. Changes made meanwhile (by this or
// another process) do not show. Its end is std::default_sentinel. Copies share the snapshot.

#include "qmpmanager_export.h"
#include <QCborArray>
#include <QCborValue>

#include <iterator>
#include <memory>

namespace qmp {

class QMP_MANAGER_EXPORT SnapshotIterator
{
public:
    using value_type = QCborValue;
    using difference_type = qsizetype;

    SnapshotIterator() = default;
    explicit SnapshotIterator(QCborArray items) : m_items(std::make_shared<const QCborArray>(std::move(items))) {}

    QCborValue operator*() const { return m_items->at(m_index); }
    SnapshotIterator &operator++()
    {
        ++m_index;
        return *this;
    }
    SnapshotIterator operator++(int)
    {
        SnapshotIterator before = *this;
        ++m_index;
        return before;
    }
    bool operator==(std::default_sentinel_t) const { return !m_items || m_index >= m_items->size(); }

private:
    std::shared_ptr<const QCborArray> m_items;
    qsizetype m_index = 0;
};

static_assert(std::input_iterator<SnapshotIterator>);

} // namespace qmp
