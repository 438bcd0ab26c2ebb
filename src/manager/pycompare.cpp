#include "pycompare.h"

#include "cborconvert.h"
#include "ipcerrors.h"

namespace qmp {

namespace {

bool isNumber(const QCborValue &v)
{
    return v.isInteger() || v.isDouble() || v.isBool();
}

double numberOf(const QCborValue &v)
{
    return v.isBool() ? (v.toBool() ? 1.0 : 0.0) : v.isInteger() ? double(v.toInteger()) : v.toDouble();
}

} // namespace

bool PyCompare::equal(const QCborValue &a, const QCborValue &b)
{
    if (isNumber(a) && isNumber(b) && !(a.isBool() && b.isBool())) {
        if (a.isInteger() && b.isInteger())
            return a.toInteger() == b.toInteger();
        return numberOf(a) == numberOf(b);
    }
    return a == b;
}

bool PyCompare::lessThan(const QCborValue &a, const QCborValue &b)
{
    if (isNumber(a) && isNumber(b)) {
        if (a.isInteger() && b.isInteger())
            return a.toInteger() < b.toInteger();
        return numberOf(a) < numberOf(b);
    }
    if (a.isString() && b.isString())
        return a.toString() < b.toString();
    if (a.isByteArray() && b.isByteArray())
        return a.toByteArray() < b.toByteArray();
    throw TypeError(QStringLiteral("'<' not supported between %1 and %2").arg(cborTypeName(a), cborTypeName(b)));
}

} // namespace qmp
