#pragma once
// qmp::ShareableList — multiprocessing.shared_memory.ShareableList: a fixed-length list of
// int64, double, bool, null, string and bytes items in a SharedMemory block (same lifetime
// rules: unlink() through shm()). A value type: copies share the block. Not synchronised:
// guard concurrent writers of one slot with a Lock.
//
// Slot sizes are counted in UTF-8 bytes, 8 * (bytes / 8 + 1), so 'ééééé' keeps all five
// characters (Python counts characters and silently truncates it to 'éééé'); trailing
// NUL bytes are kept (Python strips them). An item may change type within its slot;
// one larger than the slot throws ValueError("exceeds available storage"), an unsupported
// type TypeError (Python: KeyError).

#include "qmpipc_export.h"
#include "sharedmemory.h"

#include <QCborArray>
#include <QCborValue>

namespace qmp {

class QMP_IPC_EXPORT ShareableList
{
public:
    static constexpr auto segmentKind = SharedSegment::Kind::SharedMemory;

    // A new list holding sequence (name: as SharedMemory's; empty: generated).
    explicit ShareableList(const QCborArray &sequence, const QString &name = {});
    // Attaches to the list made under name. FileNotFoundError when missing, TypeError when the
    // block is not a ShareableList.
    static ShareableList attach(const QString &name);

    qsizetype size() const;
    // Negative indexes count from the end; ValueError when out of range (Python: IndexError).
    QCborValue at(qsizetype i) const;
    void set(qsizetype i, const QCborValue &value);
    qsizetype count(const QCborValue &value) const;
    // ValueError when absent.
    qsizetype index(const QCborValue &value) const;
    QCborArray toList() const;
    SharedMemory shm() const { return m_shm; }

    IpcHandle handle() const { return m_shm.handle(); }
    static ShareableList fromHandle(const IpcHandle &handle);

private:
    explicit ShareableList(SharedMemory shm);
    struct Slot;
    static SharedMemory createBlock(const QCborArray &sequence, const QString &name);
    Slot *slot(qsizetype i) const;
    qsizetype checkedIndex(qsizetype i) const;

    SharedMemory m_shm;
};

} // namespace qmp

QMP_IPC_CBOR(ShareableList)
