// Fuzz target: IPC handles and manager proxy tokens decoded from CBOR — what a task argument
// that names a Queue, a Lock, ... or a manager's proxy becomes in the child (IpcHandle::fromCbor
// for every kind, ProxyToken::fromCbor). Attaching to the named segment or connecting to the
// named manager is not fuzzed (that would touch the machine's IPC objects and sockets).
// Checked: a value is a handle of exactly the kind it names, or refused with a qmp::Error; a
// handle and a token written back (toCbor) decode to the same handle and token; a value that is
// not a well-formed token gives a null token.

#include "errors.h"
#include "fuzzcheck.h"
#include "ipchandle.h"
#include "proxytoken.h"
#include "sharedsegment.h"

#include <cstddef>
#include <cstdint>

using qmp::IpcHandle;
using qmp::ProxyToken;
using qmp::SharedSegment;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::optional<QCborValue> decoded = qmpfuzz::cborOf(data, size);
    if (!decoded)
        return 0;
    const QCborValue &value = *decoded;

    int kinds = 0;
    for (auto k = quint32(SharedSegment::Kind::Lock); k <= quint32(SharedSegment::Kind::ShareableList); ++k) {
        const auto kind = SharedSegment::Kind(k);
        try {
            const IpcHandle handle = IpcHandle::fromCbor(value, kind);
            ++kinds;
            QMP_FUZZ_CHECK(handle.kind == kind);
            const IpcHandle again = IpcHandle::fromCbor(handle.toCbor(), kind);
            QMP_FUZZ_CHECK(again.key == handle.key);
            QMP_FUZZ_CHECK(qmpfuzz::sameCbor(again.toCbor(), handle.toCbor()));
        } catch (const qmp::Error &) {
        }
    }
    QMP_FUZZ_CHECK(kinds <= 1); // a handle names one kind

    const ProxyToken token = ProxyToken::fromCbor(value);
    if (!ProxyToken::isToken(value))
        QMP_FUZZ_CHECK(token.isNull());
    if (!token.isNull()) {
        const ProxyToken again = ProxyToken::fromCbor(token.toCbor());
        QMP_FUZZ_CHECK(again.typeId == token.typeId && again.id == token.id && again.address == token.address
                       && again.authkey == token.authkey);
    }
    return 0;
}
