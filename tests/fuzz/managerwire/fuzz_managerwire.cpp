// Fuzz target: ManagerWire::parseRequest and parseReply on arbitrary frame payloads — what a
// manager reads from any client (TCP: before and after the authkey) and a proxy from its manager.
// Checked: a payload either parses or fails with an error message; what parses is rebuilt with
// requestFrame / okFrame / errorFrame and parses again to the same request or reply.

#include "fuzzcheck.h"
#include "managerwire.h"

#include <cstddef>
#include <cstdint>

using qmp::ManagerWire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray payload(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    ManagerWire::Request request;
    if (ManagerWire::parseRequest(payload, &request, &error)) {
        const QByteArray frame = ManagerWire::requestFrame(request.objectId, request.method, request.args);
        QMP_FUZZ_CHECK(frame.size() >= 4);
        ManagerWire::Request again;
        QString againError;
        QMP_FUZZ_CHECK(ManagerWire::parseRequest(frame.mid(4), &again, &againError));
        QMP_FUZZ_CHECK(again.objectId == request.objectId);
        QMP_FUZZ_CHECK(again.method == request.method);
        QMP_FUZZ_CHECK(qmpfuzz::sameCbor(again.args, request.args));
    } else {
        QMP_FUZZ_CHECK(!error.isEmpty());
    }

    error.clear();
    ManagerWire::Reply reply;
    if (ManagerWire::parseReply(payload, &reply, &error)) {
        const QByteArray frame = reply.ok ? ManagerWire::okFrame(reply.value)
                                          : ManagerWire::errorFrame(reply.errorType, reply.message);
        ManagerWire::Reply again;
        QString againError;
        QMP_FUZZ_CHECK(ManagerWire::parseReply(frame.mid(4), &again, &againError));
        QMP_FUZZ_CHECK(again.ok == reply.ok);
        if (reply.ok) {
            QMP_FUZZ_CHECK(qmpfuzz::sameCbor(again.value, reply.value));
        } else {
            QMP_FUZZ_CHECK(again.errorType == reply.errorType);
            QMP_FUZZ_CHECK(again.message == reply.message);
        }
    } else {
        QMP_FUZZ_CHECK(!error.isEmpty());
    }
    return 0;
}
