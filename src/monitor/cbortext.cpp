#include "cbortext.h"

#include <QCborArray>
#include <QCborMap>

namespace qmp {

namespace {

const QChar kEllipsis(0x2026);

// Appends value to out; stops (returning false) once out is longer than limit.
bool render(const QCborValue &value, int limit, QString &out)
{
    if (out.size() > limit)
        return false;
    switch (value.type()) {
    case QCborValue::Integer:
        out += QString::number(value.toInteger());
        break;
    case QCborValue::Double: {
        const double d = value.toDouble();
        QString text = QString::number(d, 'g', 12);
        if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) && !text.contains(QLatin1String("n")))
            text += QStringLiteral(".0"); // Python's 2.0, not 2
        out += text;
        break;
    }
    case QCborValue::True: out += QStringLiteral("True"); break;
    case QCborValue::False: out += QStringLiteral("False"); break;
    case QCborValue::Null:
    case QCborValue::Undefined: out += QStringLiteral("None"); break;
    case QCborValue::String: {
        QString text = value.toString();
        const int room = qMax(8, limit - int(out.size()));
        if (text.size() > room)
            text = text.left(room) + kEllipsis;
        text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        text.replace(QLatin1Char('\''), QStringLiteral("\\'"));
        text.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        out += QLatin1Char('\'') + text + QLatin1Char('\'');
        break;
    }
    case QCborValue::ByteArray:
        out += QStringLiteral("<%1 bytes>").arg(value.toByteArray().size());
        break;
    case QCborValue::Array: {
        out += QLatin1Char('[');
        const QCborArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += QStringLiteral(", ");
            if (!render(array.at(i), limit, out))
                return false;
        }
        out += QLatin1Char(']');
        break;
    }
    case QCborValue::Map: {
        out += QLatin1Char('{');
        const QCborMap map = value.toMap();
        bool first = true;
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!first)
                out += QStringLiteral(", ");
            first = false;
            if (!render(it.key(), limit, out))
                return false;
            out += QStringLiteral(": ");
            if (!render(it.value(), limit, out))
                return false;
        }
        out += QLatin1Char('}');
        break;
    }
    default:
        if (value.isTag())
            return render(value.taggedValue(), limit, out);
        out += QLatin1Char('?');
        break;
    }
    return out.size() <= limit;
}

QString cut(QString text, int maxLength)
{
    if (text.size() > maxLength)
        text = text.left(qMax(1, maxLength - 1)) + kEllipsis;
    return text;
}

} // namespace

QString CborText::brief(const QCborValue &value, int maxLength)
{
    QString out;
    render(value, maxLength, out);
    return cut(out, maxLength);
}

QString CborText::arguments(const QCborValue &arguments, int maxLength)
{
    if (!arguments.isArray())
        return QString();
    QString out = QStringLiteral("(");
    const QCborArray array = arguments.toArray();
    bool complete = true;
    for (qsizetype i = 0; i < array.size() && complete; ++i) {
        if (i > 0)
            out += QStringLiteral(", ");
        complete = render(array.at(i), maxLength, out);
    }
    if (complete)
        out += QLatin1Char(')');
    return cut(out, maxLength);
}

} // namespace qmp
