#pragma once
// ArgumentLists: the argument lists of a submission's calls, one per map item. A map's calls all
// take one argument: those are stored flat, one CBOR array for the whole map instead of one per
// item (building, sending and decoding 100 000 little arrays was most of a map's cost). A range
// of calls (mid()) shares the storage. Value type; cheap to copy.
//
// The arguments' in-flight loans (a pipe end sent to the calls, InFlightRegistry) are claimed
// by the storage: they end when the last ArgumentLists sharing it goes (every job done or
// dropped).

#include "chunkvalues.h"
#include "qmpcore_export.h"
#include <QByteArray>
#include <QCborArray>
#include <QList>

#include <memory>

namespace qmp {

class QMP_CORE_EXPORT ArgumentLists
{
public:
    ArgumentLists() = default;
    // Any argument lists (starmap). Implicit, so a QList<QCborArray> can be passed as is.
    ArgumentLists(QList<QCborArray> lists);
    // count calls of arity arguments each, one after another in values (arity >= 1).
    static ArgumentLists flat(QCborArray values, qsizetype arity);
    // The argument list of item `call` of packed values, as CBOR.
    using PackedToCbor = QCborArray (*)(const ChunkValues &values, qsizetype call);
    // Calls of `arity` packed arguments each (a map or starmap of a packable task, packedtask.h):
    // one item of values per call. toCbor gives a call's arguments as CBOR (from their packed
    // bytes) for at(), appendCbor() and flatValues().
    static ArgumentLists packed(ChunkValues values, qsizetype arity, PackedToCbor toCbor);

    qsizetype size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    // The arguments of call i.
    QCborArray at(qsizetype i) const;
    // Appends the CBOR of at(i) to out (FastCbor's bytes) without building the list.
    void appendCbor(QByteArray &out, qsizetype i) const;
    // Calls first .. first + count - 1 (clamped), sharing the storage.
    ArgumentLists mid(qsizetype first, qsizetype count) const;

    // The number of arguments every call takes, or -1 when they differ (or there are none).
    qsizetype uniformArity() const;
    // Every call's arguments one after another; only when uniformArity() >= 0.
    QCborArray flatValues() const;

    // Stored as packed(): the engine sends their bytes as they are.
    bool isPacked() const { return m_packedToCbor != nullptr; }
    qsizetype packedItemSize() const { return m_packed.itemSize(); }
    qsizetype packedArity() const { return m_packedArity; }
    // The calls' arguments in ChunkValues' layout; only when isPacked().
    QByteArray packedBytes() const;
    // The calls' packed arguments themselves (sharing the storage); only when isPacked().
    ChunkValues packedValues() const { return m_packed.mid(m_offset, m_count); }

private:
    QCborArray m_flat; // flat storage (m_arity >= 1) ...
    QList<QCborArray> m_lists; // ... or one list per call
    qsizetype m_arity = 0;     // 0: stored as lists (or packed)
    ChunkValues m_packed;      // ... or packed (every call, from m_offset on)
    qsizetype m_packedArity = 0;
    PackedToCbor m_packedToCbor = nullptr;
    qsizetype m_offset = 0;    // first call in the storage
    qsizetype m_count = 0;
    std::shared_ptr<const void> m_inFlight; // the arguments' claimed loans
};

} // namespace qmp
