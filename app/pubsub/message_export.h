// MessageExport: writes received pub/sub messages as JSON Lines or CSV. Payloads that are not
// valid UTF-8 are written base64-encoded with "encoding": "base64", so an export never loses
// bytes. writeFile() runs on a QtConcurrent worker: exporting 100k messages must not freeze the
// window. The row functions are public so tests can check the exact output.
#pragma once

#include "pubsub/pubsub_message.h"

#include <QFuture>
#include <QString>

class QIODevice;

namespace redscope {

class MessageExport
{
public:
    enum class Format { JsonLines, Csv };

    static QByteArray jsonLine(const PubSubMessage &message); // with trailing newline
    static QByteArray csvHeader();                            // with trailing CRLF
    static QByteArray csvRow(const PubSubMessage &message);   // RFC 4180, trailing CRLF

    // Returns an empty string on success, else a readable error.
    static QString write(QIODevice *device, const PubSubBatch &messages, Format format);
    static QFuture<QString> writeFile(const QString &path, const PubSubBatch &messages,
                                      Format format);
    // "utf8" or "base64", and the payload text in that encoding.
    static std::pair<QString, QString> encodedPayload(const QByteArray &payload);
};

} // namespace redscope
