// Payload rendering. Detection runs for each painted row, so it looks at bytes once and only
// parses JSON when the first non-blank byte says it could be JSON.
#include "pubsub/pubsub_message.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace redscope {

static bool isTextBytes(const QByteArray &payload)
{
    for (const char c : payload) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return false;
        if (byte == 0x7f) return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(payload);
    Q_UNUSED(decoded)
    return !decoder.hasError();
}

static bool looksLikeJson(const QByteArray &payload)
{
    for (const char c : payload) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        return c == '{' || c == '[';
    }
    return false;
}

PayloadFormat::Kind PayloadFormat::detect(const QByteArray &payload, qsizetype maxJsonBytes)
{
    if (!isTextBytes(payload)) return Kind::Binary;
    if (payload.size() <= maxJsonBytes && looksLikeJson(payload)) {
        QJsonParseError error;
        QJsonDocument::fromJson(payload, &error);
        if (error.error == QJsonParseError::NoError) return Kind::Json;
    }
    return Kind::Text;
}

QString PayloadFormat::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Text:
        return QStringLiteral("text");
    case Kind::Json:
        return QStringLiteral("JSON");
    case Kind::Binary:
        return QStringLiteral("hex");
    }
    return {};
}

static QString elide(QString text, int maxChars)
{
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text += QChar(0x2026);
    }
    return text;
}

// The first bytes of a big payload, cut before an incomplete UTF-8 sequence.
static QByteArray utf8Prefix(const QByteArray &payload, qsizetype bytes)
{
    qsizetype end = qMin(bytes, payload.size());
    for (int back = 0; back < 3 && end > 0 && end < payload.size() &&
                       (static_cast<unsigned char>(payload.at(end)) & 0xc0) == 0x80;
         ++back)
        --end;
    return payload.left(end);
}

QString PayloadFormat::preview(const QByteArray &fullPayload, int maxChars)
{
    const QByteArray payload =
        fullPayload.size() > 64 * 1024 ? utf8Prefix(fullPayload, kPreviewSampleBytes) : fullPayload;
    switch (detect(payload, kMaxPreviewJsonBytes)) {
    case Kind::Json: // the sender's own text, one line (QJsonDocument would sort the keys)
        return elide(QString::fromUtf8(payload.left(maxChars * 4)).simplified(), maxChars);
    case Kind::Text: {
        QString text = QString::fromUtf8(payload.left(maxChars * 4));
        text.replace(QLatin1Char('\n'), QChar(0x23ce));
        text.replace(QLatin1Char('\r'), QString());
        text.replace(QLatin1Char('\t'), QLatin1Char(' '));
        return elide(text, maxChars);
    }
    case Kind::Binary:
        return elide(QString::fromLatin1(payload.left(maxChars / 3 + 1).toHex(' ')), maxChars);
    }
    return {};
}

QString PayloadFormat::detail(const QByteArray &payload, qsizetype maxBytes)
{
    const bool cut = payload.size() > maxBytes;
    const QByteArray shown = cut ? payload.left(maxBytes) : payload;
    QString text;
    switch (cut ? (isTextBytes(shown) ? Kind::Text : Kind::Binary) : detect(payload)) {
    case Kind::Json:
        text = QString::fromUtf8(QJsonDocument::fromJson(payload).toJson(QJsonDocument::Indented));
        break;
    case Kind::Text:
        text = QString::fromUtf8(shown);
        break;
    case Kind::Binary:
        for (qsizetype offset = 0; offset < shown.size(); offset += 16) {
            const QByteArray row = shown.mid(offset, 16);
            QString ascii;
            for (const char c : row)
                ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
            text += QStringLiteral("%1  %2  %3\n")
                        .arg(offset, 8, 16, QLatin1Char('0'))
                        .arg(QString::fromLatin1(row.toHex(' ')), -47)
                        .arg(ascii);
        }
        break;
    }
    if (cut)
        text += QCoreApplication::translate("redscope::PubSubMessage", "\n… (%1 of %2 bytes shown)")
                    .arg(maxBytes)
                    .arg(payload.size());
    return text;
}

} // namespace redscope
