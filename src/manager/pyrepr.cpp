#include "pyrepr.h"

#include "proxytoken.h"

#include <QCborArray>
#include <QCborMap>
#include <QLocale>

#include <cmath>

namespace qmp {

namespace {

QString quoteString(const QString &s)
{
    const QChar quote = s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"')) ? QLatin1Char('"') : QLatin1Char('\'');
    QString out = quote;
    for (const QChar c : s) {
        if (c == quote || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + c;
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\t'))
            out += QLatin1String("\\t");
        else if (c == QLatin1Char('\r'))
            out += QLatin1String("\\r");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + quote;
}

QString quoteBytes(const QByteArray &b)
{
    const char quote = b.contains('\'') && !b.contains('"') ? '"' : '\'';
    QString out = QStringLiteral("b") + QLatin1Char(quote);
    for (const char ch : b) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == quote || c == '\\')
            out += QLatin1String("\\") + QLatin1Char(char(c));
        else if (c == '\n')
            out += QLatin1String("\\n");
        else if (c == '\t')
            out += QLatin1String("\\t");
        else if (c == '\r')
            out += QLatin1String("\\r");
        else if (c < 0x20 || c >= 0x7f)
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        else
            out += QLatin1Char(char(c));
    }
    return out + QLatin1Char(quote);
}

QString floatRepr(double d)
{
    if (std::isnan(d))
        return QStringLiteral("nan");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    QString s = QString::number(d, 'g', QLocale::FloatingPointShortest);
    // Python switches to exponent form from 1e16 and below 1e-4; Qt's 'g' does at other points.
    const double a = std::fabs(d);
    if (a != 0 && (a >= 1e16 || a < 1e-4)) {
        s = QString::number(d, 'e', QLocale::FloatingPointShortest);
        s.replace(QLatin1String("e+0"), QLatin1String("e+")).replace(QLatin1String("e-0"), QLatin1String("e-"));
    } else if (s.contains(QLatin1Char('e'))) {
        s = QString::number(d, 'f', QLocale::FloatingPointShortest);
    }
    if (!s.contains(QLatin1Char('.')) && !s.contains(QLatin1Char('e')) && !s.contains(QLatin1Char('n')))
        s += QLatin1String(".0");
    return s;
}

QString proxyClassName(const QString &typeId)
{
    if (typeId == QLatin1String("dict"))
        return QStringLiteral("DictProxy");
    if (typeId == QLatin1String("list"))
        return QStringLiteral("ListProxy");
    if (typeId == QLatin1String("Namespace"))
        return QStringLiteral("NamespaceProxy");
    if (typeId == QLatin1String("Value"))
        return QStringLiteral("ValueProxy");
    if (typeId == QLatin1String("Array"))
        return QStringLiteral("ArrayProxy");
    return QStringLiteral("AutoProxy[%1]").arg(typeId);
}

} // namespace

QString PyRepr::repr(const QCborValue &v)
{
    switch (v.type()) {
    case QCborValue::Null:
    case QCborValue::Undefined:
        return QStringLiteral("None");
    case QCborValue::False:
        return QStringLiteral("False");
    case QCborValue::True:
        return QStringLiteral("True");
    case QCborValue::Integer:
        return QString::number(v.toInteger());
    case QCborValue::Double:
        return floatRepr(v.toDouble());
    case QCborValue::String:
        return quoteString(v.toString());
    case QCborValue::ByteArray:
        return quoteBytes(v.toByteArray());
    case QCborValue::Array: {
        QStringList items;
        for (const QCborValue &item : v.toArray())
            items.append(repr(item));
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    case QCborValue::Map: {
        QStringList items;
        const QCborMap map = v.toMap();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            items.append(repr(it.key()) + QLatin1String(": ") + repr(it.value()));
        return QLatin1Char('{') + items.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    default:
        break;
    }
    if (ProxyToken::isToken(v)) {
        const ProxyToken t = ProxyToken::fromCbor(v);
        return QStringLiteral("<%1 object, typeid '%2' at %3 id %4>")
            .arg(proxyClassName(t.typeId), t.typeId, t.address)
            .arg(t.id);
    }
    return v.toDiagnosticNotation();
}

QString PyRepr::str(const QCborValue &v)
{
    return v.isString() ? v.toString() : repr(v);
}

} // namespace qmp
