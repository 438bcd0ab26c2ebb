#include "textcolumns.h"

#include <QList>
#include <QStringView>

namespace qmp {

namespace {

int columnsOf(char32_t c)
{
    if (c == 0)
        return 0;
    const QChar::Category category = QChar::category(c);
    if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing || category == QChar::Other_Format
        || c == 0x200B)
        return 0;
    // East Asian Wide (W) and Fullwidth (F) blocks.
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF)
        || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

} // namespace

int TextColumns::width(const QString &text)
{
    int columns = 0;
    for (uint c : QStringView(text).toUcs4())
        columns += columnsOf(char32_t(c));
    return columns;
}

QString TextColumns::elided(const QString &text, int columns)
{
    if (width(text) <= columns)
        return text;
    QString out;
    int used = 0;
    for (uint code : QStringView(text).toUcs4()) {
        const char32_t c = char32_t(code);
        const int w = columnsOf(c);
        if (used + w > columns - 1) // room for the "…"
            break;
        out += QString::fromUcs4(&c, 1);
        used += w;
    }
    return out + QChar(0x2026);
}

QString TextColumns::left(const QString &text, int columns)
{
    const int pad = columns - width(text);
    return pad > 0 ? text + QString(pad, QLatin1Char(' ')) : text;
}

QString TextColumns::right(const QString &text, int columns)
{
    const int pad = columns - width(text);
    return pad > 0 ? QString(pad, QLatin1Char(' ')) + text : text;
}

} // namespace qmp
