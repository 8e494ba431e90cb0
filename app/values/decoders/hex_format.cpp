// Lines of the virtual hex/ASCII and bits views: one line is formatted at a time, for the
// bytes of one row, so a 512 MB value costs only the rows on screen.
#include "values/decoders/formats.h"

namespace redscope::formats {

QString hexLine(QByteArrayView bytes, qint64 offset, int width)
{
    QString out = QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
    QString ascii;
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < width; ++i) {
        if (i < bytes.size()) {
            const quint8 b = quint8(bytes[i]);
            out += QLatin1Char(digits[b >> 4]);
            out += QLatin1Char(digits[b & 15]);
            out += QLatin1Char(' ');
            ascii += b >= 32 && b < 127 ? QChar(b) : QChar('.');
        } else {
            out += QStringLiteral("   ");
        }
        if (i == width / 2 - 1) out += QLatin1Char(' ');
    }
    return out + QStringLiteral(" |") + ascii + QLatin1Char('|');
}

QString bitsLine(QByteArrayView bytes, qint64 offset, int width)
{
    QString out = QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
    for (int i = 0; i < width && i < bytes.size(); ++i) {
        const quint8 b = quint8(bytes[i]);
        for (int bit = 7; bit >= 0; --bit)
            out += QLatin1Char((b >> bit) & 1 ? '1' : '0');
        out += QLatin1Char(' ');
    }
    return out;
}

} // namespace redscope::formats
