// Fuzz target: ServiceRequest::parse, what the QMP service makes of each request frame a client
// sends (any local program of the same user can send anything). The input is the frame's CBOR
// value. Checked: parse() accepts or fails with a message; what it accepts is complete (a submit
// names a program and a group, a job request a positive id, parallel a count in range), and its
// toCbor() parses back to the same request.

#include "fuzzcheck.h"
#include "servicerequest.h"

#include <cstddef>
#include <cstdint>

using qmp::ServiceRequest;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::optional<QCborValue> value = qmpfuzz::cborOf(data, size);
    if (!value)
        return 0;
    QString error;
    const std::optional<ServiceRequest> request = ServiceRequest::parse(*value, &error);
    if (!request) {
        QMP_FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    using Op = ServiceRequest::Op;
    switch (request->op) {
    case Op::Submit:
        QMP_FUZZ_CHECK((!request->job.program.isEmpty() || !request->commands.isEmpty()) && !request->job.group.isEmpty());
        for (const QStringList &command : request->commands)
            QMP_FUZZ_CHECK(!command.isEmpty() && !command.first().isEmpty());
        for (qint64 after : request->job.after)
            QMP_FUZZ_CHECK(after > 0);
        break;
    case Op::Log:
    case Op::Follow:
    case Op::Restart:
    case Op::Remove:
        QMP_FUZZ_CHECK(request->id > 0);
        break;
    case Op::Parallel:
        QMP_FUZZ_CHECK(request->parallel >= 1 && request->parallel <= ServiceRequest::maxParallel && !request->group.isEmpty());
        break;
    case Op::Kill:
    case Op::Pause:
    case Op::Resume:
        QMP_FUZZ_CHECK(request->id > 0 || !request->group.isEmpty());
        break;
    default:
        break;
    }
    const QCborMap written = request->toCbor();
    QString againError;
    const std::optional<ServiceRequest> again = ServiceRequest::parse(written, &againError);
    QMP_FUZZ_CHECK(again);
    QMP_FUZZ_CHECK(qmpfuzz::sameCbor(again->toCbor(), written));
    return 0;
}
