// The format table and the dispatch from Format to the per-format functions (formats.h).
#include "values/decoders/decoder.h"

#include "values/decoders/formats.h"
#include "values/decoders/protobuf_schema.h"

namespace redscope {

const std::vector<FormatInfo> &formatTable()
{
    // format, id, label, view, editable, ranged
    static const std::vector<FormatInfo> table = {
        {Format::Text, "text", "Text", FormatView::Text, true, true},
        {Format::Json, "json", "JSON", FormatView::Tree, true, false},
        {Format::Hex, "hex", "Hex", FormatView::Hex, false, true},
        {Format::Binary, "binary", "Bits", FormatView::Bits, false, true},
        {Format::Base64, "base64", "Base64", FormatView::Text, true, false},
        {Format::MessagePack, "msgpack", "MessagePack", FormatView::Tree, true, false},
        {Format::ProtobufRaw, "protobuf-raw", "Protobuf (no schema)", FormatView::Tree, false,
         false},
        {Format::ProtobufTyped, "protobuf", "Protobuf (.proto)", FormatView::Tree, true, false},
        {Format::PhpSerialize, "php", "PHP serialize()", FormatView::Tree, false, false},
        {Format::Pickle, "pickle", "Python pickle", FormatView::Tree, false, false},
        {Format::Image, "image", "Image", FormatView::Image, false, false},
        {Format::Custom, "custom", "Custom command", FormatView::External, true, false},
    };
    return table;
}

const FormatInfo &formatInfo(Format format)
{
    for (const FormatInfo &info : formatTable())
        if (info.format == format) return info;
    return formatTable().front();
}

bool formatFromId(const QString &id, Format *format)
{
    for (const FormatInfo &info : formatTable()) {
        if (id == QLatin1String(info.id)) {
            *format = info.format;
            return true;
        }
    }
    return false;
}

static Decoded fromTree(const Result<JsonNode> &tree)
{
    Decoded d;
    if (!tree.ok()) {
        d.error = tree.error;
        return d;
    }
    d.ok = true;
    d.hasTree = true;
    d.tree = tree.value;
    d.text = QString::fromUtf8(writeJson(d.tree, true));
    return d;
}

static Result<JsonNode> parseEdited(const QString &text)
{
    JsonNode node;
    JsonParseError error;
    if (!parseJson(text.toUtf8(), &node, &error))
        return Result<JsonNode>::failure(QStringLiteral("not valid JSON: %1 at line %2, column %3")
                                             .arg(error.message)
                                             .arg(error.line)
                                             .arg(error.column));
    return {node};
}

Decoded decode(Format format, const QByteArray &plain, const DecoderOptions &options)
{
    Decoded d;
    switch (format) {
    case Format::Text:
        d.ok = true;
        d.text = formats::bytesToText(plain, &d.escaped);
        return d;
    case Format::Json: {
        const Result<JsonNode> tree = parseEdited(QString::fromUtf8(plain));
        return fromTree(tree);
    }
    case Format::Base64: {
        const Result<QByteArray> bytes = formats::fromBase64(plain);
        if (!bytes.ok()) {
            d.error = bytes.error;
            return d;
        }
        d.ok = true;
        d.text = formats::bytesToText(bytes.value, &d.escaped);
        return d;
    }
    case Format::MessagePack:
        return fromTree(formats::msgpackToJson(plain));
    case Format::ProtobufRaw:
        return fromTree(formats::protobufWireToJson(plain));
    case Format::PhpSerialize:
        return fromTree(formats::phpUnserialize(plain));
    case Format::Pickle:
        return fromTree(formats::unpickle(plain));
    case Format::ProtobufTyped: {
        ProtobufSchema schema;
        if (!schema.load(options.protoFiles)) {
            d.error = schema.errors();
            return d;
        }
        const Result<QString> json = schema.toJson(options.messageType, plain);
        if (!json.ok()) {
            d.error = json.error;
            return d;
        }
        return fromTree(parseEdited(json.value));
    }
    case Format::Image:
        if (formats::imageFormat(plain).isEmpty()) {
            d.error = QStringLiteral("not a PNG, JPEG, GIF or WebP image");
            return d;
        }
        d.ok = true;
        return d;
    case Format::Hex:
    case Format::Binary:
        d.ok = true;
        return d;
    case Format::Custom:
        d.error = QStringLiteral("a custom command runs asynchronously (CustomDecoder)");
        return d;
    }
    return d;
}

Result<QByteArray> encode(Format format, const QString &text, bool escaped,
                          const DecoderOptions &options)
{
    switch (format) {
    case Format::Text:
        return formats::textToBytes(text, escaped);
    case Format::Json: {
        const Result<JsonNode> tree = parseEdited(text);
        if (!tree.ok()) return Result<QByteArray>::failure(tree.error);
        return {writeJson(tree.value, false)};
    }
    case Format::Base64: {
        const Result<QByteArray> bytes = formats::textToBytes(text, escaped);
        if (!bytes.ok()) return bytes;
        return {formats::toBase64(bytes.value)};
    }
    case Format::MessagePack: {
        const Result<JsonNode> tree = parseEdited(text);
        if (!tree.ok()) return Result<QByteArray>::failure(tree.error);
        return formats::jsonToMsgpack(tree.value);
    }
    case Format::ProtobufTyped: {
        const Result<JsonNode> tree = parseEdited(text);
        if (!tree.ok()) return Result<QByteArray>::failure(tree.error);
        ProtobufSchema schema;
        if (!schema.load(options.protoFiles)) return Result<QByteArray>::failure(schema.errors());
        return schema.fromJson(options.messageType, text);
    }
    default:
        return Result<QByteArray>::failure(
            QStringLiteral("%1 is read-only").arg(QLatin1String(formatInfo(format).label)));
    }
}

Format detectFormat(const QByteArray &plain)
{
    if (plain.isEmpty()) return Format::Text;
    if (!formats::imageFormat(plain).isEmpty()) return Format::Image;
    const char first = plain.front();
    if ((first == '{' || first == '[') && decode(Format::Json, plain).ok) return Format::Json;
    if (quint8(first) == 0x80 && plain.endsWith('.') && formats::unpickle(plain).ok())
        return Format::Pickle;
    if (QByteArrayView("aOsibdNC").contains(first) && plain.size() > 1 && plain[1] == ':' &&
        formats::phpUnserialize(plain).ok())
        return Format::PhpSerialize;
    if (first == 'N' && plain == "N;") return Format::PhpSerialize;
    bool escaped = false;
    formats::bytesToText(plain, &escaped);
    // A map or an array, parsed to the end: 0x80-0x8f fixmap, 0x90-0x9f fixarray, 0xdc-0xdf.
    const quint8 b = quint8(first);
    if (escaped && ((b >= 0x80 && b <= 0x9f) || (b >= 0xdc && b <= 0xdf)) &&
        formats::msgpackToJson(plain).ok())
        return Format::MessagePack;
    return escaped ? Format::Hex : Format::Text;
}

} // namespace redscope
