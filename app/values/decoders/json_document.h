// JsonNode: a small JSON tree that keeps what the decoders must not lose: object members in the
// document's order (QJsonObject sorts them), 64-bit integers exactly (QJsonValue holds doubles
// above 2^53) and unsigned ones up to 2^64-1. MessagePack, Protobuf, PHP and pickle values are
// turned into this tree, the decoder pane shows it as a collapsible tree, and MessagePack is
// encoded back from it. Parsing is recursive with a depth cap (kMaxDepth), which is enough for
// values a person edits; the string view's 100 MB JSON goes through JsonPrettyPrinter instead.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <utility>
#include <vector>

namespace redscope {

struct JsonNode
{
    enum class Type { Null, Bool, Integer, Unsigned, Double, String, Array, Object };
    static constexpr int kMaxDepth = 512;

    Type type = Type::Null;
    bool boolean = false;
    qint64 integer = 0;
    quint64 uinteger = 0; // Unsigned: above INT64_MAX
    double number = 0;
    QString string;
    std::vector<JsonNode> items;                       // Array
    std::vector<std::pair<QString, JsonNode>> members; // Object, in order

    static JsonNode null() { return {}; }
    static JsonNode fromBool(bool b);
    static JsonNode fromInt(qint64 i);
    static JsonNode fromUnsigned(quint64 u);
    static JsonNode fromDouble(double d);
    static JsonNode fromString(const QString &s);
    static JsonNode array()
    {
        JsonNode n;
        n.type = Type::Array;
        return n;
    }
    static JsonNode object()
    {
        JsonNode n;
        n.type = Type::Object;
        return n;
    }

    bool isContainer() const { return type == Type::Array || type == Type::Object; }
    const JsonNode *member(const QString &key) const;
    // The scalar as JSON text (strings quoted); containers give "{…}" / "[…]" with their size.
    QString scalarText() const;
};

struct JsonParseError
{
    QString message;
    int line = 0;
    int column = 0;
};

// False with error filled on invalid input (trailing garbage included).
bool parseJson(QByteArrayView text, JsonNode *out, JsonParseError *error);
// Compact (no whitespace) or indented by 4 spaces.
QByteArray writeJson(const JsonNode &node, bool pretty);
// A JSON string literal for s, with the quotes.
QByteArray jsonQuote(const QString &s);

} // namespace redscope
