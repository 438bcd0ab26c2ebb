#include "surrogateescape.h"

namespace qmp {

namespace {

constexpr char16_t kFirstEscape = 0xdc80; // U+DC00 + 0x80: bytes below 0x80 are always valid
constexpr char16_t kLastEscape = 0xdcff;

// The length of the valid UTF-8 sequence at p (< end), 0 when it is not one (overlong, a
// surrogate, beyond U+10FFFF, cut short or a stray continuation byte).
int validSequence(const uchar *p, const uchar *end, char32_t *codePoint)
{
    const uchar b = p[0];
    int length = 0;
    char32_t c = 0;
    char32_t minimum = 0;
    if (b < 0x80) {
        *codePoint = b;
        return 1;
    } else if (b >= 0xc2 && b <= 0xdf) {
        length = 2, c = b & 0x1f, minimum = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
        length = 3, c = b & 0x0f, minimum = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
        length = 4, c = b & 0x07, minimum = 0x10000;
    } else {
        return 0;
    }
    if (end - p < length)
        return 0;
    for (int i = 1; i < length; ++i) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3f);
    }
    if (c < minimum || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *codePoint = c;
    return length;
}

} // namespace

QString SurrogateEscape::decode(QByteArrayView bytes)
{
    if (bytes.isValidUtf8())
        return QString::fromUtf8(bytes);
    QString text;
    text.reserve(bytes.size());
    const uchar *p = reinterpret_cast<const uchar *>(bytes.data());
    const uchar *end = p + bytes.size();
    while (p < end) {
        char32_t c = 0;
        const int length = validSequence(p, end, &c);
        if (length == 0) {
            text.append(QChar(char16_t(0xdc00 + *p)));
            ++p;
            continue;
        }
        if (c > 0xffff) {
            text.append(QChar(QChar::highSurrogate(c)));
            text.append(QChar(QChar::lowSurrogate(c)));
        } else {
            text.append(QChar(char16_t(c)));
        }
        p += length;
    }
    return text;
}

QByteArray SurrogateEscape::encode(QStringView text)
{
    if (!holdsBytes(text))
        return text.toUtf8();
    QByteArray bytes;
    bytes.reserve(text.size() * 3);
    auto append = [&bytes](char32_t c) {
        if (c < 0x80) {
            bytes.append(char(c));
        } else if (c < 0x800) {
            bytes.append(char(0xc0 | (c >> 6)));
            bytes.append(char(0x80 | (c & 0x3f)));
        } else if (c < 0x10000) {
            bytes.append(char(0xe0 | (c >> 12)));
            bytes.append(char(0x80 | ((c >> 6) & 0x3f)));
            bytes.append(char(0x80 | (c & 0x3f)));
        } else {
            bytes.append(char(0xf0 | (c >> 18)));
            bytes.append(char(0x80 | ((c >> 12) & 0x3f)));
            bytes.append(char(0x80 | ((c >> 6) & 0x3f)));
            bytes.append(char(0x80 | (c & 0x3f)));
        }
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            append(QChar::surrogateToUcs4(c, text[i + 1]));
            ++i;
        } else if (c.unicode() >= kFirstEscape && c.unicode() <= kLastEscape) {
            bytes.append(char(c.unicode() - 0xdc00));
        } else if (c.isSurrogate()) {
            append(0xfffd); // a lone surrogate decode() never makes: not text, not a byte
        } else {
            append(c.unicode());
        }
    }
    return bytes;
}

bool SurrogateEscape::holdsBytes(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u >= kFirstEscape && u <= kLastEscape && (i == 0 || !text[i - 1].isHighSurrogate()))
            return true;
    }
    return false;
}

} // namespace qmp
