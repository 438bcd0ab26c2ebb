#pragma once
// SurrogateEscape: arbitrary bytes (command-line arguments, file names, lines of input) as a
// QString and back, losslessly — Python's "surrogateescape" (PEP 383, os.fsdecode / fsencode).
// Valid UTF-8 decodes as usual; every byte of an invalid sequence becomes the lone surrogate
// U+DC00 + byte (U+DC80..U+DCFF), which encode() turns back into that byte. Valid text never
// holds lone surrogates, so encode(decode(bytes)) == bytes for every byte string.
//
// QString's own conversions (toUtf8(), QFile::encodeName(), QProcess) replace such characters:
// use encode() wherever such a string goes back to the system (exec, open, output) and leave the
// lossy conversions to what only humans read. Pure functions, any thread.

#include "qmpcore_export.h"
#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace qmp {

class QMP_CORE_EXPORT SurrogateEscape
{
public:
    static QString decode(QByteArrayView bytes);
    static QByteArray encode(QStringView text);
    // True when text holds an escaped byte (encode() differs from toUtf8()).
    static bool holdsBytes(QStringView text);
};

} // namespace qmp
