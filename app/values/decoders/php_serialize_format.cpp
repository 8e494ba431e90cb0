// PHP serialize() output, read only: N; b:1; i:5; d:0.5; s:3:"abc"; a:n:{...}; O:len:"Class":
// n:{...}; C:len:"Class":len:{payload}; E:len:"Enum:Case"; and r:/R: back-references. Built
// into data here; nothing is instantiated (unserialize() in PHP would run __wakeup). Arrays
// with keys 0..n-1 in order become JSON arrays, others objects; private and protected member
// names ("\0Class\0x", "\0*\0x") are shown as "x".
#include "values/decoders/formats.h"

namespace redscope::formats {

namespace {

class PhpReader
{
public:
    static constexpr int kMaxDepth = 256;

    explicit PhpReader(QByteArrayView data)
        : m_data(data)
    {
    }

    bool value(JsonNode *out, int depth)
    {
        if (depth > kMaxDepth) return fail("nested too deep");
        if (m_pos + 1 >= m_data.size()) return fail("unexpected end");
        const char type = m_data[m_pos];
        if (type == 'N') {
            if (!expect("N;")) return false;
            *out = JsonNode::null();
            return remember(*out);
        }
        m_pos += 1;
        if (!expect(":")) return false;
        switch (type) {
        case 'b': {
            QByteArray v;
            if (!until(';', &v)) return false;
            *out = JsonNode::fromBool(v == "1");
            return remember(*out);
        }
        case 'i': {
            QByteArray v;
            if (!until(';', &v)) return false;
            bool ok = false;
            *out = JsonNode::fromInt(v.toLongLong(&ok));
            return ok ? remember(*out) : fail("bad integer");
        }
        case 'd': {
            QByteArray v;
            if (!until(';', &v)) return false;
            bool ok = true;
            double d = v == "INF"    ? qInf()
                       : v == "-INF" ? -qInf()
                       : v == "NAN"  ? qQNaN()
                                     : v.toDouble(&ok);
            *out = JsonNode::fromDouble(d);
            return ok ? remember(*out) : fail("bad float");
        }
        case 's': {
            QByteArray s;
            if (!quoted(&s) || !expect(";")) return false;
            *out = JsonNode::fromString(QString::fromUtf8(s));
            return remember(*out);
        }
        case 'E': {
            QByteArray s;
            if (!quoted(&s) || !expect(";")) return false;
            *out = JsonNode::object();
            out->members.emplace_back(QStringLiteral("__enum"),
                                      JsonNode::fromString(QString::fromUtf8(s)));
            return remember(*out);
        }
        case 'r':
        case 'R': {
            QByteArray v;
            if (!until(';', &v)) return false;
            bool ok = false;
            const qsizetype index = v.toLongLong(&ok) - 1; // 1-based, in order of appearance
            if (!ok || index < 0 || index >= qsizetype(m_seen.size()))
                return fail("bad back-reference");
            *out = m_seen[size_t(index)];
            return remember(*out);
        }
        case 'a':
            return array(out, depth, {});
        case 'O': {
            QByteArray name;
            if (!quoted(&name) || !expect(":")) return false;
            return array(out, depth, QString::fromUtf8(name));
        }
        case 'C': {
            QByteArray name;
            QByteArray length;
            if (!quoted(&name) || !expect(":") || !until(':', &length)) return false;
            bool ok = false;
            const qsizetype n = length.toLongLong(&ok);
            if (!ok || n < 0 || !expect("{") || m_pos + n + 1 > m_data.size())
                return fail("bad custom object");
            const QByteArray payload = m_data.sliced(m_pos, n).toByteArray();
            m_pos += n;
            if (!expect("}")) return false;
            *out = JsonNode::object();
            out->members.emplace_back(QStringLiteral("__class"),
                                      JsonNode::fromString(QString::fromUtf8(name)));
            out->members.emplace_back(QStringLiteral("__serialized"),
                                      JsonNode::fromString(QString::fromUtf8(payload)));
            return remember(*out);
        }
        default:
            return fail("unknown type");
        }
    }

    bool atEnd() const { return m_pos == m_data.size(); }
    QString error() const
    {
        return QStringLiteral("%1 at byte %2").arg(QLatin1String(m_error)).arg(m_pos);
    }

private:
    // Arrays and objects: n:{key;value...}; objects get their class first.
    bool array(JsonNode *out, int depth, const QString &className)
    {
        QByteArray count;
        if (!until(':', &count) || !expect("{")) return false;
        bool ok = false;
        const qint64 n = count.toLongLong(&ok);
        if (!ok || n < 0 || n > m_data.size()) return fail("bad element count");
        const size_t slot = m_seen.size();
        m_seen.emplace_back(); // this array's own place for back-references
        std::vector<std::pair<JsonNode, JsonNode>> pairs;
        for (qint64 i = 0; i < n; ++i) {
            JsonNode key;
            JsonNode v;
            // Keys do not count as values for back-references.
            const size_t before = m_seen.size();
            if (!value(&key, depth + 1)) return false;
            m_seen.resize(before);
            if (key.type != JsonNode::Type::Integer && key.type != JsonNode::Type::String)
                return fail("bad key");
            if (!value(&v, depth + 1)) return false;
            pairs.emplace_back(std::move(key), std::move(v));
        }
        if (!expect("}")) return false;
        bool list = className.isEmpty();
        for (size_t i = 0; list && i < pairs.size(); ++i)
            list = pairs[i].first.type == JsonNode::Type::Integer &&
                   pairs[i].first.integer == qint64(i);
        if (list) {
            *out = JsonNode::array();
            for (auto &[k, v] : pairs)
                out->items.push_back(std::move(v));
        } else {
            *out = JsonNode::object();
            if (!className.isEmpty())
                out->members.emplace_back(QStringLiteral("__class"),
                                          JsonNode::fromString(className));
            for (auto &[k, v] : pairs) {
                QString name =
                    k.type == JsonNode::Type::Integer ? QString::number(k.integer) : k.string;
                if (name.startsWith(QChar(0))) name = name.mid(name.indexOf(QChar(0), 1) + 1);
                out->members.emplace_back(name, std::move(v));
            }
        }
        m_seen[slot] = *out;
        return true;
    }
    bool remember(const JsonNode &node)
    {
        m_seen.push_back(node);
        return true;
    }
    bool expect(const char *text)
    {
        const QByteArrayView t(text);
        if (!m_data.sliced(m_pos).startsWith(t)) return fail("unexpected character");
        m_pos += t.size();
        return true;
    }
    bool until(char end, QByteArray *out)
    {
        const qsizetype at = m_data.indexOf(end, m_pos);
        if (at < 0) return fail("unexpected end");
        *out = m_data.sliced(m_pos, at - m_pos).toByteArray();
        m_pos = at + 1;
        return true;
    }
    // len:"bytes" (the length is in bytes, not characters).
    bool quoted(QByteArray *out)
    {
        QByteArray length;
        if (!until(':', &length)) return false;
        bool ok = false;
        const qsizetype n = length.toLongLong(&ok);
        if (!ok || n < 0 || !expect("\"") || m_pos + n > m_data.size())
            return fail("bad string length");
        *out = m_data.sliced(m_pos, n).toByteArray();
        m_pos += n;
        return expect("\"");
    }
    bool fail(const char *why)
    {
        if (!*m_error) m_error = why;
        return false;
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    const char *m_error = "";
    std::vector<JsonNode> m_seen;
};

} // namespace

Result<JsonNode> phpUnserialize(QByteArrayView bytes)
{
    PhpReader reader(bytes);
    JsonNode out;
    if (!reader.value(&out, 0))
        return Result<JsonNode>::failure(
            QStringLiteral("not PHP serialize() data: %1").arg(reader.error()));
    if (!reader.atEnd())
        return Result<JsonNode>::failure(QStringLiteral("PHP serialize(): bytes after the value"));
    return {out};
}

} // namespace redscope::formats
