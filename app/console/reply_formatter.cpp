// redis-cli-style reply text. Recursion follows the reply tree: each nested aggregate is
// formatted with the indentation of its parent's "N) " prefix, so continuation lines line up
// under the first element exactly like the CLI output people paste into bug reports.
// The raw-output commands are redis-cli's documented behaviour for text replies on a
// terminal; the list is a table below so adding one is one line.
#include "console/reply_formatter.h"

#include "connection/cli_escapes.h"

namespace redscope {

QString ReplyFormatter::quoted(const QByteArray &bytes, qsizetype maxBytes)
{
    const qsizetype shown = maxBytes >= 0 ? qMin(maxBytes, bytes.size()) : bytes.size();
    QByteArray out;
    out.reserve(shown + 2);
    out.append('"');
    for (qsizetype i = 0; i < shown; ++i) {
        const char c = bytes[i];
        const auto u = static_cast<unsigned char>(c);
        if (const char letter = escapeLetter(c)) {
            out.append('\\');
            out.append(letter);
        } else if (u >= 0x20 && u < 0x7f) {
            out.append(c);
        } else {
            static const char digits[] = "0123456789abcdef";
            out.append("\\x");
            out.append(digits[u >> 4]);
            out.append(digits[u & 0xf]);
        }
    }
    out.append('"');
    QString text = QString::fromLatin1(out);
    if (shown < bytes.size())
        text += QStringLiteral("... (%1 more bytes not shown)").arg(bytes.size() - shown);
    return text;
}

static QString emptyName(RedisValue::Type type)
{
    switch (type) {
    case RedisValue::Type::Map:
        return QStringLiteral("(empty hash)");
    case RedisValue::Type::Set:
        return QStringLiteral("(empty set)");
    default:
        return QStringLiteral("(empty array)");
    }
}

QString ReplyFormatter::format(const RedisValue &value)
{
    return format(value, Limits(), 0);
}

QString ReplyFormatter::format(const RedisValue &value, const Limits &limits, int indent)
{
    switch (value.type()) {
    case RedisValue::Type::Nil:
        return QStringLiteral("(nil)");
    case RedisValue::Type::Status:
        return value.text();
    case RedisValue::Type::Error:
        return QStringLiteral("(error) ") + value.text();
    case RedisValue::Type::Integer:
        return QStringLiteral("(integer) %1").arg(value.toInteger());
    case RedisValue::Type::Double:
        return QStringLiteral("(double) ") + QString::fromLatin1(value.bytes());
    case RedisValue::Type::Bool:
        return value.toBool() ? QStringLiteral("(true)") : QStringLiteral("(false)");
    case RedisValue::Type::BigNumber:
        return QStringLiteral("(big number) ") + QString::fromLatin1(value.bytes());
    case RedisValue::Type::String:
        return quoted(value.bytes(), limits.maxStringBytes);
    case RedisValue::Type::Verbatim:
        return value.text(); // redis-cli shows it raw on a TTY
    case RedisValue::Type::Array:
    case RedisValue::Type::Set:
    case RedisValue::Type::Push:
    case RedisValue::Type::Map:
        break;
    }

    const RedisValue::List &elements = value.elements();
    const bool isMap = value.type() == RedisValue::Type::Map;
    const qsizetype count = isMap ? qsizetype(elements.size() / 2) : qsizetype(elements.size());
    if (count == 0) return emptyName(value.type());

    const qsizetype shown = limits.maxElements >= 0 ? qMin(limits.maxElements, count) : count;
    const int width = int(QString::number(count).size());
    const QString marker = isMap                                   ? QStringLiteral("# ")
                           : value.type() == RedisValue::Type::Set ? QStringLiteral("~ ")
                                                                   : QStringLiteral(") ");
    const QString newline = QLatin1Char('\n') + QString(indent, QLatin1Char(' '));

    QString out;
    for (qsizetype i = 0; i < shown; ++i) {
        const QString prefix = QString::number(i + 1).rightJustified(width) + marker;
        const int childIndent = indent + int(prefix.size());
        if (i > 0) out += newline;
        out += prefix;
        if (isMap) {
            const QString key = format(elements[size_t(2 * i)], limits, childIndent);
            out += key + QStringLiteral(" => ");
            out += format(elements[size_t(2 * i + 1)], limits, childIndent + int(key.size()) + 4);
        } else {
            out += format(elements[size_t(i)], limits, childIndent);
        }
    }
    if (shown < count)
        out += newline + QStringLiteral("... (%1 more elements not shown)").arg(count - shown);
    return out;
}

namespace {

bool is(const QByteArray &arg, const char *word)
{
    return arg.compare(word, Qt::CaseInsensitive) == 0;
}

// Command, subcommand (nullptr: any or none): replies printed as raw text.
struct RawCommand
{
    const char *command;
    const char *subcommand;
};
const RawCommand kRawCommands[] = {
    {"INFO", nullptr},
    {"LOLWUT", nullptr},
    {"CLIENT", "LIST"},
    {"CLIENT", "INFO"},
    {"CLUSTER", "NODES"},
    {"CLUSTER", "INFO"},
    {"MEMORY", "DOCTOR"},
    {"MEMORY", "MALLOC-STATS"},
    {"LATENCY", "DOCTOR"},
    {"LATENCY", "GRAPH"},
    {"DEBUG", "HTSTATS"},
    {"DEBUG", "HTSTATS-KEY"},
    {"DEBUG", "CLIENT-EVICTION"},
};

} // namespace

bool ReplyFormatter::printsRaw(const QList<QByteArray> &args)
{
    if (args.isEmpty()) return false;
    for (const RawCommand &raw : kRawCommands) {
        if (!is(args.first(), raw.command)) continue;
        if (!raw.subcommand) return true;
        if (args.size() > 1 && is(args.at(1), raw.subcommand)) return true;
    }
    return false;
}

QString ReplyFormatter::raw(const QByteArray &bytes, qsizetype maxBytes)
{
    const qsizetype shown = maxBytes >= 0 ? qMin(maxBytes, bytes.size()) : bytes.size();
    QString text = QString::fromUtf8(bytes.left(shown));
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    while (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    if (shown < bytes.size())
        text += QStringLiteral("\n... (%1 more bytes not shown)").arg(bytes.size() - shown);
    return text;
}

QString ReplyFormatter::formatReply(const QList<QByteArray> &args, const RedisValue &value)
{
    return formatReply(args, value, Limits());
}

QString ReplyFormatter::formatReply(const QList<QByteArray> &args, const RedisValue &value,
                                    const Limits &limits)
{
    const bool text =
        value.type() == RedisValue::Type::String || value.type() == RedisValue::Type::Verbatim;
    if (text && printsRaw(args)) return raw(value.bytes(), limits.maxStringBytes);
    if (value.type() == RedisValue::Type::Verbatim)
        return raw(value.bytes(), limits.maxStringBytes);
    return format(value, limits, 0);
}

} // namespace redscope
