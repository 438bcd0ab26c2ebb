// Fuzz target: ProcReader::parseStat on synthetic /proc/<pid>/stat text (the sampler reads one
// per process, per tick; a process may name itself anything, parentheses and spaces included).
// Checked: the line is Ok or Malformed (with a reason), never anything else, never undefined
// behaviour (UBSan); an Ok sample has a positive pid and no negative ppid, threads or RSS; and
// parsing is a pure function of the text.

#include "fuzzcheck.h"
#include "procreader.h"

#include <cstddef>
#include <cstdint>

using qmp::ProcReader;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
    const ProcReader::Result result = ProcReader::parseStat(line);
    QMP_FUZZ_CHECK(result.status == ProcReader::Status::Ok || result.status == ProcReader::Status::Malformed);
    if (result.status == ProcReader::Status::Malformed) {
        QMP_FUZZ_CHECK(!result.error.isEmpty());
        return 0;
    }
    const qmp::ProcessSample &s = result.sample;
    QMP_FUZZ_CHECK(s.pid > 0);
    QMP_FUZZ_CHECK(s.ppid >= 0);
    QMP_FUZZ_CHECK(s.threads >= 0);
    QMP_FUZZ_CHECK(s.rssBytes >= 0);
    const ProcReader::Result again = ProcReader::parseStat(line);
    QMP_FUZZ_CHECK(again.status == result.status && again.sample.pid == s.pid && again.sample.cpuTicks == s.cpuTicks
                   && again.sample.rssBytes == s.rssBytes && again.sample.comm == s.comm);
    return 0;
}
