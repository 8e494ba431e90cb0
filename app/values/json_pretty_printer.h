// JsonPrettyPrinter: validates and indents a JSON text in one pass over its bytes, for the
// string value view. It is written for that view rather than built on QJsonDocument, which
// builds a whole tree first (slow on a 1 MB value), sorts object keys (a user expects the
// document's order) and turns numbers into doubles (a 64-bit id would lose digits).
// Here nothing is decoded: strings (escapes included) and numbers are copied as written, keys
// keep their order, and the output goes to a sink in line-aligned chunks, so a caller can show
// the first screen before the rest is formatted. Nesting uses an explicit stack (no recursion),
// capped at kMaxDepth because the indentation of deeper documents would grow quadratically.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

namespace redscope {

class JsonPrettyPrinter
{
public:
    static constexpr int kMaxDepth = 1024; // as QJsonDocument's parser
    enum class Kind { None, Object, Array, String, Number, Literal };

    struct Result
    {
        bool ok = false;
        Kind topLevel = Kind::None;
        QString error;        // empty when ok
        qsizetype offset = 0; // byte offset of the error in the input
        int line = 0;         // 1-based line of the error
        int column = 0;       // 1-based, in characters (UTF-8 code points)
    };
    // Receives formatted UTF-8 text; every chunk but the last ends before a line break.
    using Sink = std::function<void(QByteArrayView chunk)>;

    explicit JsonPrettyPrinter(int indent = 4)
        : m_indent(indent)
    {
    }

    // Formats all of input into sink, in chunks of about chunkBytes (at least one line each).
    // On invalid input the output stops at the error; whatever was sunk is not valid JSON.
    Result format(QByteArrayView input, const Sink &sink, qsizetype chunkBytes) const;
    // Formats all of input into out (which is cleared first).
    Result format(QByteArrayView input, QByteArray *out) const;

private:
    int m_indent;
};

} // namespace redscope
