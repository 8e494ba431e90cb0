// The per-format functions behind decode()/encode() in decoder.h, one .cpp per format. Kept in
// one header because each is two or three functions; tests call them directly.
#pragma once

#include "connection/service.h"
#include "values/decoders/json_document.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace redscope::formats {

// text_format.cpp: UTF-8; invalid bytes as \xNN, backslashes doubled then (escaped).
QString bytesToText(QByteArrayView bytes, bool *escaped);
Result<QByteArray> textToBytes(const QString &text, bool escaped);

// base64_format.cpp
Result<QByteArray> fromBase64(QByteArrayView text);
QByteArray toBase64(QByteArrayView bytes);

// hex_format.cpp: one line of the hex/ASCII view and of the bits view.
QString hexLine(QByteArrayView bytes, qint64 offset, int width = 16);
QString bitsLine(QByteArrayView bytes, qint64 offset, int width = 4);

// msgpack_format.cpp: bin as {"$bin": base64}, ext as {"$ext": type, "$data": base64},
// non-string map keys as their JSON text.
Result<JsonNode> msgpackToJson(QByteArrayView bytes);
Result<QByteArray> jsonToMsgpack(const JsonNode &node);

// protobuf_wire_format.cpp: a message without its schema. Fields are keyed by number; a
// repeated number becomes an array; length-delimited fields are shown as a nested message
// when they parse as one to the end, else as text when UTF-8, else as {"$hex": ...}.
Result<JsonNode> protobufWireToJson(QByteArrayView bytes);

// php_serialize_format.cpp: serialize() output; objects as {"__class": name, members...}.
Result<JsonNode> phpUnserialize(QByteArrayView bytes);

// pickle_format.cpp: protocols 0-5, interpreted as data only. A class or function reference
// is {"$global": "module.name"}; calling one is {"$call": global, "args": [...]}, and
// BUILD adds "state". Nothing is imported or executed.
Result<JsonNode> unpickle(QByteArrayView bytes);

// image_format.cpp: "PNG", "JPEG", "GIF", "WebP" by signature, or empty.
QByteArray imageFormat(QByteArrayView bytes);

} // namespace redscope::formats
