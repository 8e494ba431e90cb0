// JsonPrettyPrinter: a state machine over the input bytes with a stack of open containers.
// Strings and numbers are scanned and copied as whole spans, so the cost is one pass over the
// input plus the indentation written; an error stops the pass and is located (line, column)
// only then, by counting from the start.
#include "values/json_pretty_printer.h"

#include <QCoreApplication>

#include <vector>

namespace redscope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonPrettyPrinter", text);
}

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

class Formatter
{
public:
    Formatter(QByteArrayView input, int indent, const JsonPrettyPrinter::Sink *sink,
              qsizetype chunkBytes, QByteArray *out)
        : m_in(input.data())
        , m_size(input.size())
        , m_indent(indent)
        , m_sink(sink)
        , m_chunkBytes(chunkBytes)
        , m_out(*out)
    {
    }

    JsonPrettyPrinter::Result run();

private:
    enum class Expect { Value, FirstValueOrClose, Key, FirstKeyOrClose, Colon, CommaOrClose, End };

    bool fail(const char *message)
    {
        m_error = tr(message);
        return false;
    }
    void newline(qsizetype depth)
    {
        // Chunks are cut before a line break, so each one holds whole lines.
        if (m_sink && m_out.size() >= m_chunkBytes) {
            (*m_sink)(m_out);
            m_out.clear();
        }
        m_out += '\n';
        m_out.append(depth * m_indent, ' ');
    }
    bool value(char c);
    bool string();
    bool number();
    bool literal(const char *word, qsizetype length);
    bool close(char c);
    void afterValue() { m_expect = m_stack.empty() ? Expect::End : Expect::CommaOrClose; }

    const char *m_in;
    qsizetype m_size;
    qsizetype m_pos = 0;
    int m_indent;
    const JsonPrettyPrinter::Sink *m_sink;
    qsizetype m_chunkBytes;
    QByteArray &m_out;
    std::vector<char> m_stack; // '{' or '[' per open container
    Expect m_expect = Expect::Value;
    JsonPrettyPrinter::Kind m_topLevel = JsonPrettyPrinter::Kind::None;
    QString m_error;
};

bool Formatter::value(char c)
{
    if (m_stack.empty() && m_topLevel == JsonPrettyPrinter::Kind::None) {
        m_topLevel = c == '{'                 ? JsonPrettyPrinter::Kind::Object
                     : c == '['               ? JsonPrettyPrinter::Kind::Array
                     : c == '"'               ? JsonPrettyPrinter::Kind::String
                     : c == '-' || isDigit(c) ? JsonPrettyPrinter::Kind::Number
                                              : JsonPrettyPrinter::Kind::Literal;
    }
    switch (c) {
    case '{':
    case '[':
        if (m_stack.size() >= size_t(JsonPrettyPrinter::kMaxDepth))
            return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "nested too deeply"));
        m_stack.push_back(c);
        m_out += c;
        ++m_pos;
        m_expect = c == '{' ? Expect::FirstKeyOrClose : Expect::FirstValueOrClose;
        return true;
    case '"':
        if (!string()) return false;
        break;
    case 't':
        if (!literal("true", 4)) return false;
        break;
    case 'f':
        if (!literal("false", 5)) return false;
        break;
    case 'n':
        if (!literal("null", 4)) return false;
        break;
    default:
        if (c != '-' && !isDigit(c))
            return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "unexpected character"));
        if (!number()) return false;
        break;
    }
    afterValue();
    return true;
}

bool Formatter::string()
{
    const qsizetype start = m_pos++;
    while (m_pos < m_size) {
        const char c = m_in[m_pos];
        if (c == '"') {
            ++m_pos;
            m_out.append(m_in + start, m_pos - start);
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "control character in a string"));
        if (c != '\\') {
            ++m_pos;
            continue;
        }
        if (++m_pos >= m_size) break;
        switch (m_in[m_pos]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            ++m_pos;
            break;
        case 'u':
            for (int i = 1; i <= 4; ++i) {
                if (m_pos + i >= m_size) {
                    m_pos = m_size;
                    return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "unterminated string"));
                }
                if (!isHex(m_in[m_pos + i])) {
                    m_pos += i;
                    return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "invalid \\u escape"));
                }
            }
            m_pos += 5;
            break;
        default:
            return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "invalid escape"));
        }
    }
    return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "unterminated string"));
}

bool Formatter::number()
{
    const qsizetype start = m_pos;
    const auto digits = [this] {
        const qsizetype from = m_pos;
        while (m_pos < m_size && isDigit(m_in[m_pos]))
            ++m_pos;
        return m_pos > from;
    };
    if (m_in[m_pos] == '-') ++m_pos;
    if (m_pos < m_size && m_in[m_pos] == '0') {
        ++m_pos; // no leading zeros: "01" is two values, which is an error after the first
    } else if (!digits()) {
        return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "invalid number"));
    }
    if (m_pos < m_size && m_in[m_pos] == '.') {
        ++m_pos;
        if (!digits()) return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "invalid number"));
    }
    if (m_pos < m_size && (m_in[m_pos] == 'e' || m_in[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < m_size && (m_in[m_pos] == '+' || m_in[m_pos] == '-')) ++m_pos;
        if (!digits()) return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "invalid number"));
    }
    m_out.append(m_in + start, m_pos - start);
    return true;
}

bool Formatter::literal(const char *word, qsizetype length)
{
    if (m_size - m_pos < length || QByteArrayView(m_in + m_pos, length) != word)
        return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "unexpected character"));
    m_out.append(word, length);
    m_pos += length;
    return true;
}

bool Formatter::close(char c)
{
    const char open = m_stack.back();
    if (c != (open == '{' ? '}' : ']'))
        return fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "mismatched bracket"));
    const bool empty = m_expect == Expect::FirstKeyOrClose || m_expect == Expect::FirstValueOrClose;
    m_stack.pop_back();
    if (!empty) newline(qsizetype(m_stack.size()));
    m_out += c;
    ++m_pos;
    afterValue();
    return true;
}

JsonPrettyPrinter::Result Formatter::run()
{
    JsonPrettyPrinter::Result result;
    bool ok = true;
    while (ok) {
        while (m_pos < m_size && isSpace(m_in[m_pos]))
            ++m_pos;
        if (m_pos >= m_size) {
            if (m_expect != Expect::End)
                ok = fail(m_topLevel == JsonPrettyPrinter::Kind::None
                              ? QT_TRANSLATE_NOOP("JsonPrettyPrinter", "empty document")
                              : QT_TRANSLATE_NOOP("JsonPrettyPrinter", "unexpected end"));
            break;
        }
        const char c = m_in[m_pos];
        switch (m_expect) {
        case Expect::FirstValueOrClose:
            if (c == ']') {
                ok = close(c);
                break;
            }
            newline(qsizetype(m_stack.size()));
            ok = value(c);
            break;
        case Expect::Value:
            ok = value(c);
            break;
        case Expect::FirstKeyOrClose:
        case Expect::Key:
            if (c == '}' && m_expect == Expect::FirstKeyOrClose) {
                ok = close(c);
                break;
            }
            if (c != '"') {
                ok = fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "expected a string key"));
                break;
            }
            if (m_expect == Expect::FirstKeyOrClose) newline(qsizetype(m_stack.size()));
            ok = string();
            m_expect = Expect::Colon;
            break;
        case Expect::Colon:
            if (c != ':') {
                ok = fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "expected ':'"));
                break;
            }
            m_out += ": ";
            ++m_pos;
            m_expect = Expect::Value;
            break;
        case Expect::CommaOrClose:
            if (c == ',') {
                m_out += ',';
                ++m_pos;
                newline(qsizetype(m_stack.size()));
                m_expect = m_stack.back() == '{' ? Expect::Key : Expect::Value;
            } else if (c == '}' || c == ']') {
                ok = close(c);
            } else {
                ok = fail(
                    QT_TRANSLATE_NOOP("JsonPrettyPrinter", "expected ',' or a closing bracket"));
            }
            break;
        case Expect::End:
            ok = fail(QT_TRANSLATE_NOOP("JsonPrettyPrinter", "garbage after the document"));
            break;
        }
    }
    if (m_sink && !m_out.isEmpty()) {
        (*m_sink)(m_out);
        m_out.clear();
    }
    result.ok = ok;
    result.topLevel = m_topLevel;
    if (ok) return result;
    result.error = m_error;
    result.offset = qMin(m_pos, m_size);
    result.line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < result.offset; ++i) {
        if (m_in[i] == '\n') {
            ++result.line;
            lineStart = i + 1;
        }
    }
    result.column = 1;
    for (qsizetype i = lineStart; i < result.offset; ++i) {
        if ((static_cast<unsigned char>(m_in[i]) & 0xC0) != 0x80) ++result.column;
    }
    return result;
}

} // namespace

JsonPrettyPrinter::Result JsonPrettyPrinter::format(QByteArrayView input, const Sink &sink,
                                                    qsizetype chunkBytes) const
{
    QByteArray buffer;
    buffer.reserve(qMin<qsizetype>(chunkBytes, input.size() * 2) + 4096);
    return Formatter(input, m_indent, &sink, qMax<qsizetype>(chunkBytes, 1), &buffer).run();
}

JsonPrettyPrinter::Result JsonPrettyPrinter::format(QByteArrayView input, QByteArray *out) const
{
    out->clear();
    out->reserve(input.size() + input.size() / 2 + 64);
    return Formatter(input, m_indent, nullptr, 0, out).run();
}

} // namespace redscope
