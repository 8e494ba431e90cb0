// MessagePack through msgpack-c (Debian's libmsgpack-dev), C API: msgpack_unpack_next builds
// the object tree in a zone, which becomes a JsonNode; the packer writes a JsonNode back.
// JSON has no bytes or extension types, so those travel as {"$bin": base64} and
// {"$ext": type, "$data": base64} and are packed back as what they were.
#include "values/decoders/formats.h"

#include <msgpack.h>

namespace redscope::formats {

static JsonNode toNode(const msgpack_object &o, int depth);

static QString keyText(const msgpack_object &key, int depth)
{
    if (key.type == MSGPACK_OBJECT_STR)
        return QString::fromUtf8(key.via.str.ptr, int(key.via.str.size));
    return QString::fromUtf8(writeJson(toNode(key, depth + 1), false));
}

static JsonNode toNode(const msgpack_object &o, int depth)
{
    switch (o.type) {
    case MSGPACK_OBJECT_NIL:
        return JsonNode::null();
    case MSGPACK_OBJECT_BOOLEAN:
        return JsonNode::fromBool(o.via.boolean);
    case MSGPACK_OBJECT_POSITIVE_INTEGER:
        return JsonNode::fromUnsigned(o.via.u64);
    case MSGPACK_OBJECT_NEGATIVE_INTEGER:
        return JsonNode::fromInt(o.via.i64);
    case MSGPACK_OBJECT_FLOAT32:
    case MSGPACK_OBJECT_FLOAT64:
        return JsonNode::fromDouble(o.via.f64);
    case MSGPACK_OBJECT_STR:
        return JsonNode::fromString(QString::fromUtf8(o.via.str.ptr, int(o.via.str.size)));
    case MSGPACK_OBJECT_BIN: {
        JsonNode n = JsonNode::object();
        n.members.emplace_back(
            QStringLiteral("$bin"),
            JsonNode::fromString(QString::fromLatin1(
                QByteArray(o.via.bin.ptr, qsizetype(o.via.bin.size)).toBase64())));
        return n;
    }
    case MSGPACK_OBJECT_EXT: {
        JsonNode n = JsonNode::object();
        n.members.emplace_back(QStringLiteral("$ext"), JsonNode::fromInt(o.via.ext.type));
        n.members.emplace_back(
            QStringLiteral("$data"),
            JsonNode::fromString(QString::fromLatin1(
                QByteArray(o.via.ext.ptr, qsizetype(o.via.ext.size)).toBase64())));
        return n;
    }
    case MSGPACK_OBJECT_ARRAY: {
        JsonNode n = JsonNode::array();
        n.items.reserve(o.via.array.size);
        for (uint32_t i = 0; i < o.via.array.size; ++i)
            n.items.push_back(toNode(o.via.array.ptr[i], depth + 1));
        return n;
    }
    case MSGPACK_OBJECT_MAP: {
        JsonNode n = JsonNode::object();
        for (uint32_t i = 0; i < o.via.map.size; ++i)
            n.members.emplace_back(keyText(o.via.map.ptr[i].key, depth),
                                   toNode(o.via.map.ptr[i].val, depth + 1));
        return n;
    }
    }
    return JsonNode::null();
}

Result<JsonNode> msgpackToJson(QByteArrayView bytes)
{
    if (bytes.isEmpty()) return Result<JsonNode>::failure(QStringLiteral("empty value"));
    msgpack_unpacked unpacked;
    msgpack_unpacked_init(&unpacked);
    size_t offset = 0;
    const msgpack_unpack_return rc =
        msgpack_unpack_next(&unpacked, bytes.data(), size_t(bytes.size()), &offset);
    Result<JsonNode> result;
    if (rc != MSGPACK_UNPACK_SUCCESS)
        result = Result<JsonNode>::failure(rc == MSGPACK_UNPACK_CONTINUE
                                               ? QStringLiteral("MessagePack: truncated")
                                               : QStringLiteral("not MessagePack"));
    else if (offset != size_t(bytes.size()))
        result = Result<JsonNode>::failure(
            QStringLiteral("MessagePack: %1 bytes after the value").arg(bytes.size() - offset));
    else
        result = Result<JsonNode>(toNode(unpacked.data, 0));
    msgpack_unpacked_destroy(&unpacked);
    return result;
}

static bool pack(msgpack_packer *pk, const JsonNode &n, QString *error)
{
    switch (n.type) {
    case JsonNode::Type::Null:
        msgpack_pack_nil(pk);
        return true;
    case JsonNode::Type::Bool:
        n.boolean ? msgpack_pack_true(pk) : msgpack_pack_false(pk);
        return true;
    case JsonNode::Type::Integer:
        n.integer >= 0 ? msgpack_pack_uint64(pk, quint64(n.integer))
                       : msgpack_pack_int64(pk, n.integer);
        return true;
    case JsonNode::Type::Unsigned:
        msgpack_pack_uint64(pk, n.uinteger);
        return true;
    case JsonNode::Type::Double:
        msgpack_pack_double(pk, n.number);
        return true;
    case JsonNode::Type::String: {
        const QByteArray utf8 = n.string.toUtf8();
        msgpack_pack_str(pk, size_t(utf8.size()));
        msgpack_pack_str_body(pk, utf8.data(), size_t(utf8.size()));
        return true;
    }
    case JsonNode::Type::Array:
        msgpack_pack_array(pk, n.items.size());
        for (const JsonNode &item : n.items)
            if (!pack(pk, item, error)) return false;
        return true;
    case JsonNode::Type::Object: {
        const JsonNode *bin = n.member(QStringLiteral("$bin"));
        if (n.members.size() == 1 && bin && bin->type == JsonNode::Type::String) {
            const QByteArray data = QByteArray::fromBase64(bin->string.toLatin1());
            msgpack_pack_bin(pk, size_t(data.size()));
            msgpack_pack_bin_body(pk, data.data(), size_t(data.size()));
            return true;
        }
        const JsonNode *ext = n.member(QStringLiteral("$ext"));
        const JsonNode *data = n.member(QStringLiteral("$data"));
        if (n.members.size() == 2 && ext && data && ext->type == JsonNode::Type::Integer &&
            data->type == JsonNode::Type::String) {
            if (ext->integer < -128 || ext->integer > 127) {
                *error = QStringLiteral("$ext type must be -128..127");
                return false;
            }
            const QByteArray body = QByteArray::fromBase64(data->string.toLatin1());
            msgpack_pack_ext(pk, size_t(body.size()), int8_t(ext->integer));
            msgpack_pack_ext_body(pk, body.data(), size_t(body.size()));
            return true;
        }
        msgpack_pack_map(pk, n.members.size());
        for (const auto &[key, value] : n.members) {
            const QByteArray utf8 = key.toUtf8();
            msgpack_pack_str(pk, size_t(utf8.size()));
            msgpack_pack_str_body(pk, utf8.data(), size_t(utf8.size()));
            if (!pack(pk, value, error)) return false;
        }
        return true;
    }
    }
    return true;
}

Result<QByteArray> jsonToMsgpack(const JsonNode &node)
{
    msgpack_sbuffer buffer;
    msgpack_sbuffer_init(&buffer);
    msgpack_packer packer;
    msgpack_packer_init(&packer, &buffer, msgpack_sbuffer_write);
    QString error;
    const bool ok = pack(&packer, node, &error);
    const QByteArray out(buffer.data, qsizetype(buffer.size));
    msgpack_sbuffer_destroy(&buffer);
    if (!ok) return Result<QByteArray>::failure(error);
    return {out};
}

} // namespace redscope::formats
