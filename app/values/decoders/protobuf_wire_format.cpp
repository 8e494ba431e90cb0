// Protobuf without a schema: the wire format says only field numbers and wire types, so the
// tree is keyed by number, varints and fixed-width fields are shown as unsigned integers, and
// a length-delimited field is guessed at: a nested message if it parses as one to its end,
// else UTF-8 text, else {"$hex": ...}. The guess is only ever shown, never written back.
#include "values/decoders/formats.h"

#include <QStringDecoder>

namespace redscope::formats {

namespace {

class WireReader
{
public:
    static constexpr int kMaxDepth = 64;

    explicit WireReader(QByteArrayView data)
        : m_data(data)
    {
    }

    // Parses fields until the end (or, inside a group, its end-group tag).
    bool message(JsonNode *out, int depth, int groupField = -1)
    {
        if (depth > kMaxDepth) return fail("nested too deep");
        *out = JsonNode::object();
        while (m_pos < m_data.size()) {
            quint64 tag = 0;
            if (!varint(&tag)) return false;
            const quint64 field = tag >> 3;
            const int wireType = int(tag & 7);
            if (field == 0 || field > 0x1fffffff) return fail("bad field number");
            JsonNode value;
            switch (wireType) {
            case 0: {
                quint64 v = 0;
                if (!varint(&v)) return false;
                value = JsonNode::fromUnsigned(v);
                break;
            }
            case 1: {
                if (m_pos + 8 > m_data.size()) return fail("truncated fixed64");
                quint64 v = 0;
                for (int i = 7; i >= 0; --i)
                    v = (v << 8) | quint8(m_data[m_pos + i]);
                m_pos += 8;
                value = JsonNode::fromUnsigned(v);
                break;
            }
            case 2: {
                quint64 length = 0;
                if (!varint(&length)) return false;
                if (length > quint64(m_data.size() - m_pos)) return fail("truncated field");
                const QByteArrayView body = m_data.sliced(m_pos, qsizetype(length));
                m_pos += qsizetype(length);
                value = lengthDelimited(body, depth);
                break;
            }
            case 3: {
                WireReader inner(m_data.sliced(m_pos));
                if (!inner.message(&value, depth + 1, int(field))) return fail(inner.m_error);
                m_pos += inner.m_pos;
                break;
            }
            case 4:
                if (int(field) != groupField) return fail("unexpected end of group");
                return true;
            case 5: {
                if (m_pos + 4 > m_data.size()) return fail("truncated fixed32");
                quint32 v = 0;
                for (int i = 3; i >= 0; --i)
                    v = (v << 8) | quint8(m_data[m_pos + i]);
                m_pos += 4;
                value = JsonNode::fromUnsigned(v);
                break;
            }
            default:
                return fail("bad wire type");
            }
            add(out, QString::number(field), std::move(value));
        }
        if (groupField >= 0) return fail("unterminated group");
        return true;
    }

    const char *error() const { return m_error; }

private:
    static void add(JsonNode *message, const QString &key, JsonNode value)
    {
        for (auto &[name, existing] : message->members) {
            if (name != key) continue;
            if (existing.type != JsonNode::Type::Array) { // wire values are never arrays
                JsonNode list = JsonNode::array();
                list.items.push_back(std::move(existing));
                existing = std::move(list);
            }
            existing.items.push_back(std::move(value));
            return;
        }
        message->members.emplace_back(key, std::move(value));
    }

    static JsonNode lengthDelimited(QByteArrayView body, int depth)
    {
        if (!body.isEmpty()) {
            WireReader nested(body);
            JsonNode message;
            if (nested.message(&message, depth + 1) && !message.members.empty() &&
                !looksLikeText(body))
                return message;
        }
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder(body);
        if (!decoder.hasError()) return JsonNode::fromString(text);
        JsonNode hex = JsonNode::object();
        hex.members.emplace_back(QStringLiteral("$hex"), JsonNode::fromString(QString::fromLatin1(
                                                             body.toByteArray().toHex())));
        return hex;
    }

    // Printable ASCII that happens to parse as fields ("hi" is field 13, varint 105) reads
    // better as the text it most likely is.
    static bool looksLikeText(QByteArrayView body)
    {
        for (const char c : body)
            if (quint8(c) < 0x20 || quint8(c) > 0x7e) return false;
        return true;
    }

    bool varint(quint64 *out)
    {
        quint64 v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_data.size()) return fail("truncated varint");
            const quint8 b = quint8(m_data[m_pos++]);
            v |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80)) {
                *out = v;
                return true;
            }
        }
        return fail("varint too long");
    }
    bool fail(const char *why)
    {
        m_error = why;
        return false;
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    const char *m_error = "";
};

} // namespace

Result<JsonNode> protobufWireToJson(QByteArrayView bytes)
{
    WireReader reader(bytes);
    JsonNode message;
    if (!reader.message(&message, 0))
        return Result<JsonNode>::failure(
            QStringLiteral("not a Protobuf message: %1").arg(QLatin1String(reader.error())));
    return {message};
}

} // namespace redscope::formats
