// JsonNode parsing and writing: a recursive-descent parser over UTF-8 bytes (positions are
// counted for error messages) and a writer that prints numbers as parsed.
#include "values/decoders/json_document.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace redscope {

JsonNode JsonNode::fromBool(bool b)
{
    JsonNode n;
    n.type = Type::Bool;
    n.boolean = b;
    return n;
}

JsonNode JsonNode::fromInt(qint64 i)
{
    JsonNode n;
    n.type = Type::Integer;
    n.integer = i;
    return n;
}

JsonNode JsonNode::fromUnsigned(quint64 u)
{
    if (u <= quint64(std::numeric_limits<qint64>::max())) return fromInt(qint64(u));
    JsonNode n;
    n.type = Type::Unsigned;
    n.uinteger = u;
    return n;
}

JsonNode JsonNode::fromDouble(double d)
{
    JsonNode n;
    n.type = Type::Double;
    n.number = d;
    return n;
}

JsonNode JsonNode::fromString(const QString &s)
{
    JsonNode n;
    n.type = Type::String;
    n.string = s;
    return n;
}

const JsonNode *JsonNode::member(const QString &key) const
{
    for (const auto &[name, value] : members)
        if (name == key) return &value;
    return nullptr;
}

QString JsonNode::scalarText() const
{
    switch (type) {
    case Type::Array:
        return QStringLiteral("[%1]").arg(items.size());
    case Type::Object:
        return QStringLiteral("{%1}").arg(members.size());
    default:
        return QString::fromUtf8(writeJson(*this, false));
    }
}

namespace {

class Parser
{
public:
    explicit Parser(QByteArrayView text)
        : m_text(text)
    {
    }

    bool parse(JsonNode *out, JsonParseError *error)
    {
        skipSpace();
        if (!value(out, 0)) return fail(error);
        skipSpace();
        if (m_pos != m_text.size()) {
            m_message = QStringLiteral("garbage after the value");
            return fail(error);
        }
        return true;
    }

private:
    bool fail(JsonParseError *error)
    {
        if (!error) return false;
        error->message = m_message;
        error->line = 1;
        error->column = 1;
        for (qsizetype i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text[i] == '\n') {
                ++error->line;
                error->column = 1;
            } else if ((quint8(m_text[i]) & 0xc0) != 0x80) {
                ++error->column;
            }
        }
        return false;
    }
    bool error(const char *message)
    {
        m_message = QString::fromLatin1(message);
        return false;
    }
    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            ++m_pos;
        }
    }
    bool literal(const char *word)
    {
        const QByteArrayView w(word);
        if (m_text.sliced(m_pos).startsWith(w)) {
            m_pos += w.size();
            return true;
        }
        return false;
    }
    bool value(JsonNode *out, int depth)
    {
        if (depth > JsonNode::kMaxDepth) return error("nested too deep");
        if (m_pos >= m_text.size()) return error("unexpected end");
        const char c = m_text[m_pos];
        if (c == '{') return object(out, depth);
        if (c == '[') return array(out, depth);
        if (c == '"') {
            out->type = JsonNode::Type::String;
            return string(&out->string);
        }
        if (literal("true")) {
            *out = JsonNode::fromBool(true);
            return true;
        }
        if (literal("false")) {
            *out = JsonNode::fromBool(false);
            return true;
        }
        if (literal("null")) {
            *out = JsonNode();
            return true;
        }
        return numberValue(out);
    }
    bool object(JsonNode *out, int depth)
    {
        *out = JsonNode::object();
        ++m_pos;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size()) return error("unexpected end");
            if (m_text[m_pos] != '"') return error("expected a member name");
            QString key;
            if (!string(&key)) return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':') return error("expected ':'");
            ++m_pos;
            skipSpace();
            out->members.emplace_back(key, JsonNode());
            if (!value(&out->members.back().second, depth + 1)) return false;
            skipSpace();
            if (m_pos >= m_text.size()) return error("unexpected end");
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_text[m_pos] == '}') {
                ++m_pos;
                return true;
            }
            return error("expected ',' or '}'");
        }
    }
    bool array(JsonNode *out, int depth)
    {
        *out = JsonNode::array();
        ++m_pos;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            out->items.emplace_back();
            if (!value(&out->items.back(), depth + 1)) return false;
            skipSpace();
            if (m_pos >= m_text.size()) return error("unexpected end");
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_text[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            return error("expected ',' or ']'");
        }
    }
    bool hex4(uint *out)
    {
        if (m_pos + 4 > m_text.size()) return error("unexpected end");
        bool ok = false;
        *out = QByteArray(m_text.data() + m_pos, 4).toUInt(&ok, 16);
        if (!ok) return error("bad \\u escape");
        m_pos += 4;
        return true;
    }
    bool string(QString *out)
    {
        ++m_pos; // the opening quote
        QByteArray bytes;
        while (true) {
            if (m_pos >= m_text.size()) return error("unterminated string");
            const char c = m_text[m_pos++];
            if (c == '"') break;
            if (quint8(c) < 0x20) return error("control character in a string");
            if (c != '\\') {
                bytes += c;
                continue;
            }
            if (m_pos >= m_text.size()) return error("unterminated string");
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
                bytes += '"';
                break;
            case '\\':
                bytes += '\\';
                break;
            case '/':
                bytes += '/';
                break;
            case 'b':
                bytes += '\b';
                break;
            case 'f':
                bytes += '\f';
                break;
            case 'n':
                bytes += '\n';
                break;
            case 'r':
                bytes += '\r';
                break;
            case 't':
                bytes += '\t';
                break;
            case 'u': {
                uint code = 0;
                if (!hex4(&code)) return false;
                if (code >= 0xd800 && code < 0xdc00 && m_text.sliced(m_pos).startsWith("\\u")) {
                    m_pos += 2;
                    uint low = 0;
                    if (!hex4(&low)) return false;
                    if (low >= 0xdc00 && low < 0xe000)
                        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                }
                const char32_t ch = char32_t(code);
                bytes += QString::fromUcs4(&ch, 1).toUtf8();
                break;
            }
            default:
                return error("bad escape");
            }
        }
        *out = QString::fromUtf8(bytes);
        return true;
    }
    bool numberValue(JsonNode *out)
    {
        const qsizetype start = m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '-') ++m_pos;
        const qsizetype digits = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
            ++m_pos;
        if (m_pos == digits) return error("unexpected character");
        bool integral = true;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            integral = false;
            ++m_pos;
            const qsizetype fraction = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                ++m_pos;
            if (m_pos == fraction) return error("bad number");
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            integral = false;
            ++m_pos;
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
            const qsizetype exponent = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                ++m_pos;
            if (m_pos == exponent) return error("bad number");
        }
        const QByteArray text(m_text.data() + start, m_pos - start);
        bool ok = false;
        if (integral) {
            const qint64 i = text.toLongLong(&ok);
            if (ok) {
                *out = JsonNode::fromInt(i);
                return true;
            }
            const quint64 u = text.toULongLong(&ok);
            if (ok) {
                *out = JsonNode::fromUnsigned(u);
                return true;
            }
        }
        *out = JsonNode::fromDouble(text.toDouble(&ok));
        return ok || error("bad number");
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    QString m_message;
};

void write(const JsonNode &node, bool pretty, int indent, QByteArray *out)
{
    const auto newline = [&](int level) {
        if (!pretty) return;
        *out += '\n';
        out->append(level * 4, ' ');
    };
    switch (node.type) {
    case JsonNode::Type::Null:
        *out += "null";
        break;
    case JsonNode::Type::Bool:
        *out += node.boolean ? "true" : "false";
        break;
    case JsonNode::Type::Integer:
        *out += QByteArray::number(node.integer);
        break;
    case JsonNode::Type::Unsigned:
        *out += QByteArray::number(node.uinteger);
        break;
    case JsonNode::Type::Double:
        if (!std::isfinite(node.number)) { // JSON has no NaN or infinity
            *out += "null";
        } else if (node.number == std::floor(node.number) && std::fabs(node.number) < 1e15) {
            *out += QByteArray::number(node.number, 'f', 1); // keeps "1.0" a float
        } else {
            *out += QByteArray::number(node.number, 'g', QLocale::FloatingPointShortest);
        }
        break;
    case JsonNode::Type::String:
        *out += jsonQuote(node.string);
        break;
    case JsonNode::Type::Array:
        *out += '[';
        for (size_t i = 0; i < node.items.size(); ++i) {
            if (i) *out += ',';
            newline(indent + 1);
            write(node.items[i], pretty, indent + 1, out);
        }
        if (!node.items.empty()) newline(indent);
        *out += ']';
        break;
    case JsonNode::Type::Object:
        *out += '{';
        for (size_t i = 0; i < node.members.size(); ++i) {
            if (i) *out += ',';
            newline(indent + 1);
            *out += jsonQuote(node.members[i].first);
            *out += pretty ? ": " : ":";
            write(node.members[i].second, pretty, indent + 1, out);
        }
        if (!node.members.empty()) newline(indent);
        *out += '}';
        break;
    }
}

} // namespace

bool parseJson(QByteArrayView text, JsonNode *out, JsonParseError *error)
{
    return Parser(text).parse(out, error);
}

QByteArray writeJson(const JsonNode &node, bool pretty)
{
    QByteArray out;
    write(node, pretty, 0, &out);
    return out;
}

QByteArray jsonQuote(const QString &s)
{
    // Built as a QString and converted once, so surrogate pairs stay together.
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += QStringLiteral("\\\"");
            break;
        case '\\':
            out += QStringLiteral("\\\\");
            break;
        case '\n':
            out += QStringLiteral("\\n");
            break;
        case '\r':
            out += QStringLiteral("\\r");
            break;
        case '\t':
            out += QStringLiteral("\\t");
            break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out.toUtf8();
}

} // namespace redscope
