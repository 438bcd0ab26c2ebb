// Fuzz target: JobLog::parse, which reads a GNU parallel joblog (--resume, --resume-failed) —
// a file a user, parallel or a killed run wrote. Checked: text parses or fails with a message
// naming a line; every entry parsed is written by format() as a line that parses back to the
// same entry (with the host parallel writes for an empty one); and the file text round-trips
// its bytes (SurrogateEscape) when written back.

#include "fuzzcheck.h"
#include "joblog.h"
#include "surrogateescape.h"

#include <cstddef>
#include <cstdint>

using qmp::JobLog;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<QList<JobLog::Entry>> entries = JobLog::parse(text, &error);
    if (!entries) {
        QMP_FUZZ_CHECK(error.contains(QStringLiteral("line")));
        return 0;
    }
    for (JobLog::Entry entry : *entries) {
        QMP_FUZZ_CHECK(entry.seq >= 1);
        if (entry.host.isEmpty())
            entry.host = QStringLiteral(":");
        const QString line = JobLog::format(entry);
        QMP_FUZZ_CHECK(!line.contains(QLatin1Char('\n')));
        QString againError;
        const std::optional<QList<JobLog::Entry>> again = JobLog::parse(qmp::SurrogateEscape::encode(line) + '\n', &againError);
        QMP_FUZZ_CHECK(again && again->size() == 1);
        QMP_FUZZ_CHECK(again->first() == entry);
    }
    return 0;
}
