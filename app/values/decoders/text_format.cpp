// Text: UTF-8 shown as is; a value that is not valid UTF-8 is shown with each invalid byte as
// \xNN and each backslash as \\, so the text reads back into the same bytes exactly.
#include "values/decoders/formats.h"

#include <QStringDecoder>

namespace redscope::formats {

// Length of the valid UTF-8 sequence at data[i], or 0 when the byte there starts none.
static int utf8SequenceLength(QByteArrayView data, qsizetype i)
{
    const quint8 b = quint8(data[i]);
    if (b < 0x80) return 1;
    int n = 0;
    quint32 min = 0;
    quint32 code = 0;
    if ((b & 0xe0) == 0xc0) {
        n = 2;
        min = 0x80;
        code = b & 0x1f;
    } else if ((b & 0xf0) == 0xe0) {
        n = 3;
        min = 0x800;
        code = b & 0x0f;
    } else if ((b & 0xf8) == 0xf0) {
        n = 4;
        min = 0x10000;
        code = b & 0x07;
    } else {
        return 0;
    }
    if (i + n > data.size()) return 0;
    for (int k = 1; k < n; ++k) {
        const quint8 c = quint8(data[i + k]);
        if ((c & 0xc0) != 0x80) return 0;
        code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return 0;
    return n;
}

QString bytesToText(QByteArrayView bytes, bool *escaped)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    if (!decoder.hasError()) {
        *escaped = false;
        return text;
    }
    *escaped = true;
    QByteArray out;
    out.reserve(bytes.size() * 2);
    for (qsizetype i = 0; i < bytes.size();) {
        const int n = utf8SequenceLength(bytes, i);
        if (n == 0) {
            out += "\\x" + QByteArray::number(quint8(bytes[i]), 16).rightJustified(2, '0');
            ++i;
        } else if (bytes[i] == '\\') {
            out += "\\\\";
            ++i;
        } else {
            out.append(bytes.data() + i, n);
            i += n;
        }
    }
    return QString::fromUtf8(out);
}

Result<QByteArray> textToBytes(const QString &text, bool escaped)
{
    const QByteArray utf8 = text.toUtf8();
    if (!escaped) return {utf8};
    QByteArray out;
    out.reserve(utf8.size());
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        if (utf8[i] != '\\') {
            out += utf8[i];
            continue;
        }
        if (i + 1 < utf8.size() && utf8[i + 1] == '\\') {
            out += '\\';
            ++i;
            continue;
        }
        bool ok = false;
        const int byte =
            i + 3 < utf8.size() && utf8[i + 1] == 'x' ? utf8.mid(i + 2, 2).toInt(&ok, 16) : -1;
        if (!ok || byte < 0)
            return Result<QByteArray>::failure(
                QStringLiteral("a backslash must start \\\\ or \\xNN (at character %1)")
                    .arg(i + 1));
        out += char(byte);
        i += 3;
    }
    return {out};
}

} // namespace redscope::formats
