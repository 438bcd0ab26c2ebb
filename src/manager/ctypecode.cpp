#include "ctypecode.h"

#include "cborconvert.h"
#include "ipcerrors.h"

namespace qmp {

QCborValue CTypeCode::coerce(char code, const QCborValue &v)
{
    switch (code) {
    case 'f':
    case 'd':
        if (v.isDouble())
            return v;
        if (v.isInteger())
            return QCborValue(double(v.toInteger()));
        throw TypeError(QStringLiteral("typecode '%1' needs a number, not %2").arg(QLatin1Char(code)).arg(cborTypeName(v)));
    case 'c':
        if (v.isByteArray() && v.toByteArray().size() == 1)
            return v;
        throw TypeError(QStringLiteral("typecode 'c' needs bytes of length 1, not %1").arg(cborTypeName(v)));
    case 'u':
        if (v.isString() && v.toString().size() == 1)
            return v;
        throw TypeError(QStringLiteral("typecode 'u' needs a string of length 1, not %1").arg(cborTypeName(v)));
    case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l': case 'L': case 'q': case 'Q':
        if (v.isInteger())
            return v;
        if (v.isBool())
            return QCborValue(qint64(v.toBool()));
        throw TypeError(QStringLiteral("typecode '%1' needs an integer, not %2").arg(QLatin1Char(code)).arg(cborTypeName(v)));
    default:
        throw ValueError(QStringLiteral("bad typecode '%1' (use one of bBhHiIlLqQfdcu)").arg(QLatin1Char(code)));
    }
}

char CTypeCode::parse(const QCborValue &v)
{
    const QString s = v.toString();
    if (s.size() != 1)
        throw TypeError(QStringLiteral("a typecode must be one character, not %1").arg(cborTypeName(v)));
    const char code = s.at(0).toLatin1();
    coerce(code, code == 'c' ? QCborValue(QByteArray(1, 'x')) : code == 'u' ? QCborValue(QStringLiteral("x")) : QCborValue(0));
    return code;
}

} // namespace qmp
