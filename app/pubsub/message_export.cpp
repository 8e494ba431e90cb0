// Export formats. Columns/fields: time (ISO 8601 UTC with ms), time_ms, channel, pattern,
// size, encoding, payload. Written in chunks so the device buffers stay small.
#include "pubsub/message_export.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringDecoder>
#include <QtConcurrent/QtConcurrentRun>

namespace redscope {

static QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

std::pair<QString, QString> MessageExport::encodedPayload(const QByteArray &payload)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(payload);
    if (!decoder.hasError()) return {QStringLiteral("utf8"), text};
    return {QStringLiteral("base64"), QString::fromLatin1(payload.toBase64())};
}

QByteArray MessageExport::jsonLine(const PubSubMessage &message)
{
    const auto [encoding, payload] = encodedPayload(message.payload);
    QJsonObject object;
    object.insert(QStringLiteral("time"), isoTime(message.timestampMs));
    object.insert(QStringLiteral("time_ms"), message.timestampMs);
    object.insert(QStringLiteral("channel"), QString::fromUtf8(message.channel));
    object.insert(QStringLiteral("pattern"), message.pattern.isEmpty()
                                                 ? QJsonValue(QJsonValue::Null)
                                                 : QJsonValue(QString::fromUtf8(message.pattern)));
    object.insert(QStringLiteral("size"), message.payload.size());
    object.insert(QStringLiteral("encoding"), encoding);
    object.insert(QStringLiteral("payload"), payload);
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

static QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') ||
        bytes.contains('\r')) {
        bytes.replace('"', "\"\"");
        return '"' + bytes + '"';
    }
    return bytes;
}

QByteArray MessageExport::csvHeader()
{
    return "time,time_ms,channel,pattern,size,encoding,payload\r\n";
}

QByteArray MessageExport::csvRow(const PubSubMessage &message)
{
    const auto [encoding, payload] = encodedPayload(message.payload);
    QByteArray row;
    row += csvField(isoTime(message.timestampMs)) + ',';
    row += QByteArray::number(message.timestampMs) + ',';
    row += csvField(QString::fromUtf8(message.channel)) + ',';
    row += csvField(QString::fromUtf8(message.pattern)) + ',';
    row += QByteArray::number(message.payload.size()) + ',';
    row += encoding.toLatin1() + ',';
    row += csvField(payload) + "\r\n";
    return row;
}

QString MessageExport::write(QIODevice *device, const PubSubBatch &messages, Format format)
{
    QByteArray chunk;
    if (format == Format::Csv) chunk = csvHeader();
    for (const PubSubMessage &message : messages) {
        chunk += format == Format::Csv ? csvRow(message) : jsonLine(message);
        if (chunk.size() >= 256 * 1024) {
            if (device->write(chunk) != chunk.size()) return device->errorString();
            chunk.clear();
        }
    }
    if (!chunk.isEmpty() && device->write(chunk) != chunk.size()) return device->errorString();
    return {};
}

QFuture<QString> MessageExport::writeFile(const QString &path, const PubSubBatch &messages,
                                          Format format)
{
    return QtConcurrent::run([path, messages, format]() -> QString {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QCoreApplication::translate("redscope::MessageExport", "Cannot write %1: %2")
                .arg(path, file.errorString());
        const QString error = write(&file, messages, format);
        if (!error.isEmpty()) {
            file.cancelWriting();
            return QCoreApplication::translate("redscope::MessageExport", "Cannot write %1: %2")
                .arg(path, error);
        }
        if (!file.commit())
            return QCoreApplication::translate("redscope::MessageExport", "Cannot write %1: %2")
                .arg(path, file.errorString());
        return QString();
    });
}

} // namespace redscope
