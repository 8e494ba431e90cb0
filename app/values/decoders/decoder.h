// Decoders: how a value's bytes are shown and, where the format allows, edited and written
// back. The table of formats is data (formatTable()): what each is called, how the decoder
// pane shows it, whether it can be edited, whether it needs the whole value. A decoder works
// on the bytes after decompression (compression.h), so any format chains with any codec.
// Formats that turn into structured data (JSON, MessagePack, Protobuf, PHP serialize(),
// pickle) give a JsonNode tree and its pretty text; MessagePack and typed Protobuf are edited
// as that JSON and encoded back; PHP serialize() and pickle are read-only by design (the
// parsers here build data and never run or import anything). Hex, bits and images are views
// of the bytes themselves. Custom (an external command) runs asynchronously: see
// custom_decoder.h. Nothing here is a widget.
#pragma once

#include "connection/service.h"
#include "values/decoders/json_document.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace redscope {

enum class Format {
    Text,
    Json,
    Hex,
    Binary,
    Base64,
    MessagePack,
    ProtobufRaw,
    ProtobufTyped,
    PhpSerialize,
    Pickle,
    Image,
    Custom,
};

// How the decoder pane shows a format.
enum class FormatView { Text, Tree, Hex, Bits, Image, External };

struct FormatInfo
{
    Format format;
    const char *id; // stable, for settings
    const char *label;
    FormatView view;
    bool editable; // can be edited and encoded back
    bool ranged;   // can be shown from a window of a big value (no whole value needed)
};

const std::vector<FormatInfo> &formatTable();
const FormatInfo &formatInfo(Format format);
bool formatFromId(const QString &id, Format *format);

// What a format needs besides the bytes (typed Protobuf: the schema and the message type).
struct DecoderOptions
{
    QStringList protoFiles; // .proto files; their folders are the import paths
    QString messageType;    // fully qualified, e.g. "shop.Order"
};

struct Decoded
{
    bool ok = false;
    QString error;
    QString text;         // Text, Base64: the text; tree formats: the tree as pretty JSON
    bool escaped = false; // text holds \xNN escapes (and \\ for a backslash): not UTF-8
    bool hasTree = false;
    JsonNode tree;
};

// Decodes plain (already decompressed) bytes. Hex, Binary and Image need no decoding: ok.
Decoded decode(Format format, const QByteArray &plain, const DecoderOptions &options = {});
// The plain bytes for edited text; fails with the reason when the text does not encode or
// the format is read-only. `escaped` as Decoded::escaped for Text and Base64.
Result<QByteArray> encode(Format format, const QString &text, bool escaped,
                          const DecoderOptions &options = {});

// What the bytes most likely are, to propose in the pane (never applied on save by itself):
// JSON, image, PHP serialize(), pickle, MessagePack (a map or array that parses to the end),
// text when UTF-8, else Hex.
Format detectFormat(const QByteArray &plain);

} // namespace redscope
