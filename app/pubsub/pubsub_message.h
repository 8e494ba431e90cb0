// PubSubMessage: one received pub/sub message as plain data (arrival time, channel, the pattern
// that matched for PSUBSCRIBE deliveries, payload), plus PayloadFormat, which decides how a
// payload is shown (text, JSON or hex). The subscriber thread creates these, the GUI thread
// keeps them in MessageModel's ring buffer and exporters write them out; QByteArray members
// are implicitly shared, so handing a batch between threads copies no payload bytes.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace redscope {

struct PubSubMessage
{
    qint64 timestampMs = 0; // milliseconds since the epoch, taken when the message was parsed
    QByteArray channel;
    QByteArray pattern; // empty for SUBSCRIBE deliveries
    QByteArray payload;
};

using PubSubBatch = QList<PubSubMessage>;

class PayloadFormat
{
public:
    enum class Kind { Text, Json, Binary };

    // Text: valid UTF-8 without control bytes other than tab/newline/CR. Json: an object or
    // array that parses. Payloads over kMaxJsonBytes are never parsed (cost per painted row).
    static Kind detect(const QByteArray &payload, qsizetype maxJsonBytes = kMaxJsonBytes);
    static QString kindName(Kind kind);

    // One line for the table: text with newlines shown as ⏎, JSON with whitespace runs
    // collapsed (key order kept), or hex bytes.
    static QString preview(const QByteArray &payload, int maxChars = 200);
    // Full rendering for the detail pane: text, indented JSON (keys sorted, as QJsonDocument
    // writes them), or a hex dump with offsets.
    // At most maxBytes of the payload are rendered.
    static QString detail(const QByteArray &payload, qsizetype maxBytes = 1024 * 1024);

    static constexpr qsizetype kMaxJsonBytes = 256 * 1024;
    static constexpr qsizetype kMaxPreviewJsonBytes = 16 * 1024; // parsed per painted row
    static constexpr qsizetype kPreviewSampleBytes = 4096;       // of a payload over 64 KiB
};

} // namespace redscope

Q_DECLARE_METATYPE(redscope::PubSubMessage)
Q_DECLARE_METATYPE(redscope::PubSubBatch)
