// Fuzz target: CBOR argument conversion — CborConvert<T>::fromCbor for the types tasks take and
// return, and calls of registered tasks with arbitrary argument arrays (TaskRegistry::call), as a
// worker does with what arrives from its pool. Checked: a value converts or throws a qmp::Error
// (never another exception, never undefined behaviour — UBSan runs here); what converts,
// converts back (toCbor) to a value that converts to the same again.

#include "commandresult.h"
#include "cborconvert.h"
#include "errors.h"
#include "fuzzcheck.h"
#include "taskregistry.h"

#include <QVariant>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

// Tasks with the argument types programs use.
int addInts(int a, int b)
{
    return int(qint64(a) + b > INT_MAX ? INT_MAX : qint64(a) + b < INT_MIN ? INT_MIN : a + b);
}
QMP_TASK(addInts);

double scale(std::vector<double> values, float factor)
{
    double sum = 0;
    for (double v : values)
        sum += v * double(factor);
    return sum;
}
QMP_TASK(scale);

QStringList words(QString text, QByteArray separator, bool skipEmpty)
{
    return text.split(QString::fromLatin1(separator), skipEmpty ? Qt::SkipEmptyParts : Qt::KeepEmptyParts);
}
QMP_TASK(words);

std::string describe(QCborMap map, QList<qint64> ids, unsigned short port, quint64 big)
{
    return std::to_string(map.size() + ids.size()) + ':' + std::to_string(port) + ':' + std::to_string(big);
}
QMP_TASK(describe);

// fromCbor, then toCbor and fromCbor again to the same.
template <typename T>
void roundTrip(const QCborValue &value)
{
    try {
        const T first = qmp::CborConvert<T>::fromCbor(value);
        const QCborValue back = qmp::toCbor(first);
        const T second = qmp::CborConvert<T>::fromCbor(back);
        QMP_FUZZ_CHECK(qmpfuzz::sameCbor(qmp::toCbor(second), back));
    } catch (const qmp::Error &) {
        // refused, with a message: fine
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::optional<QCborValue> decoded = qmpfuzz::cborOf(data, size);
    if (!decoded)
        return 0;
    const QCborValue &value = *decoded;
    roundTrip<bool>(value);
    roundTrip<int>(value);
    roundTrip<qint8>(value);
    roundTrip<quint16>(value);
    roundTrip<qint64>(value);
    roundTrip<quint64>(value);
    roundTrip<double>(value);
    roundTrip<float>(value);
    roundTrip<QString>(value);
    roundTrip<std::string>(value);
    roundTrip<QByteArray>(value);
    roundTrip<QCborArray>(value);
    roundTrip<QCborMap>(value);
    roundTrip<QStringList>(value);
    roundTrip<std::vector<int>>(value);
    roundTrip<QList<double>>(value);
    roundTrip<std::vector<std::vector<qint64>>>(value);
    roundTrip<QList<QByteArray>>(value);
    try {
        const qmp::CommandResult result = qmp::CborConvert<qmp::CommandResult>::fromCbor(value);
        const QCborValue back = qmp::toCbor(result);
        QMP_FUZZ_CHECK(qmpfuzz::sameCbor(qmp::toCbor(qmp::CborConvert<qmp::CommandResult>::fromCbor(back)), back));
    } catch (const qmp::Error &) {
    }
    const QCborArray args = value.isArray() ? value.toArray() : QCborArray{value};
    for (const char *task : {"addInts", "scale", "words", "describe"}) {
        try {
            qmp::TaskRegistry::instance().call(QString::fromLatin1(task), args);
        } catch (const qmp::Error &) {
        }
    }
    return 0;
}
