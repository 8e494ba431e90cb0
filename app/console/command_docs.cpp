// Both reply shapes are read leniently: a field the server does not send keeps its default,
// so Redis 7.0, 7.2 and the engine (which send slightly different field sets) all work.
#include "console/command_docs.h"

#include <QCoreApplication>
#include <QSet>

namespace redscope::CommandDocs {

namespace {

// Flattened map pairs of a RESP2 array or RESP3 map, as (name, value) lookups.
const RedisValue *field(const RedisValue &map, QLatin1String name)
{
    const RedisValue::List &items = map.elements();
    for (size_t i = 0; i + 1 < items.size(); i += 2)
        if (items[i].bytes() == QByteArray(name.data(), name.size())) return &items[i + 1];
    return nullptr;
}

QString displayName(const QString &key)
{
    return key.toUpper().replace(QLatin1Char('|'), QLatin1Char(' '));
}

CommandArgument parseArgument(const RedisValue &map)
{
    CommandArgument argument;
    if (const RedisValue *v = field(map, QLatin1String("name"))) argument.name = v->text();
    if (const RedisValue *v = field(map, QLatin1String("type"))) argument.type = v->text();
    if (const RedisValue *v = field(map, QLatin1String("token"))) argument.token = v->text();
    if (const RedisValue *v = field(map, QLatin1String("flags"))) {
        for (const RedisValue &flag : v->elements()) {
            const QString text = flag.text();
            argument.optional = argument.optional || text == QLatin1String("optional");
            argument.multiple = argument.multiple || text == QLatin1String("multiple");
            argument.multipleToken =
                argument.multipleToken || text == QLatin1String("multiple_token");
        }
    }
    if (const RedisValue *v = field(map, QLatin1String("arguments")))
        for (const RedisValue &child : v->elements())
            argument.arguments.append(parseArgument(child));
    return argument;
}

void parseDocsInto(const RedisValue &reply, QHash<QString, CommandDoc> *out)
{
    const RedisValue::List &items = reply.elements();
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        const QString key = keyOf(items[i].text());
        const RedisValue &docs = items[i + 1];
        CommandDoc doc;
        doc.name = displayName(key);
        if (const RedisValue *v = field(docs, QLatin1String("summary"))) doc.summary = v->text();
        if (const RedisValue *v = field(docs, QLatin1String("arguments")))
            for (const RedisValue &argument : v->elements())
                doc.arguments.append(parseArgument(argument));
        if (const RedisValue *v = field(docs, QLatin1String("subcommands"))) {
            const RedisValue::List &subs = v->elements();
            for (size_t j = 0; j + 1 < subs.size(); j += 2)
                doc.subcommands.append(subs[j].text().section(QLatin1Char('|'), 1).toUpper());
            parseDocsInto(*v, out);
        }
        out->insert(key, doc);
    }
}

void parseInfoEntry(const RedisValue &entry, QHash<QString, CommandDoc> *out)
{
    const RedisValue::List &items = entry.elements();
    if (items.size() < 3) return;
    const QString key = keyOf(items[0].text());
    CommandDoc doc;
    doc.name = displayName(key);
    doc.fromDocs = false;
    doc.arity = int(items[1].toInteger());
    for (const RedisValue &flag : items[2].elements())
        doc.flags.append(flag.text());
    if (items.size() >= 10) {
        for (const RedisValue &sub : items[9].elements()) {
            if (sub.elements().empty()) continue;
            doc.subcommands.append(
                sub.elements().front().text().section(QLatin1Char('|'), 1).toUpper());
            parseInfoEntry(sub, out);
        }
    }
    out->insert(key, doc);
}

QString core(const CommandArgument &a)
{
    if (a.type == QLatin1String("pure-token")) return a.token;
    QStringList parts;
    for (const CommandArgument &child : a.arguments)
        parts.append(argumentSyntax(child));
    if (a.type == QLatin1String("oneof")) return parts.join(QLatin1String(" | "));
    if (a.type == QLatin1String("block")) return parts.join(QLatin1Char(' '));
    return a.name;
}

void collectTokens(const CommandArgument &a, bool repeatable, QList<std::pair<QString, bool>> *out)
{
    repeatable = repeatable || a.multiple || a.multipleToken;
    if (!a.token.isEmpty()) out->append({a.token.toUpper(), repeatable});
    for (const CommandArgument &child : a.arguments)
        collectTokens(child, repeatable, out);
}

} // namespace

QString keyOf(const QString &commandName)
{
    return commandName.simplified().toLower().replace(QLatin1Char(' '), QLatin1Char('|'));
}

QHash<QString, CommandDoc> parseDocs(const RedisValue &reply)
{
    QHash<QString, CommandDoc> docs;
    if (!reply.isError()) parseDocsInto(reply, &docs);
    return docs;
}

QHash<QString, CommandDoc> parseInfo(const RedisValue &reply)
{
    QHash<QString, CommandDoc> docs;
    if (reply.isError()) return docs;
    for (const RedisValue &entry : reply.elements())
        if (!entry.isNil()) parseInfoEntry(entry, &docs);
    return docs;
}

QString argumentSyntax(const CommandArgument &a)
{
    QString value = core(a);
    if (a.type == QLatin1String("oneof") && (!a.token.isEmpty() || !a.optional))
        value = QLatin1Char('<') + value + QLatin1Char('>');
    const bool tokenPrefix = !a.token.isEmpty() && a.type != QLatin1String("pure-token");
    const QString one = tokenPrefix ? a.token + QLatin1Char(' ') + value : value;
    QString text = one;
    if (a.multiple)
        text = one + QLatin1String(" [") + (a.multipleToken ? one : value) + QLatin1String(" ...]");
    if (a.optional) text = QLatin1Char('[') + text + QLatin1Char(']');
    return text;
}

QString syntax(const CommandDoc &doc)
{
    QStringList parts{doc.name};
    if (!doc.fromDocs) {
        if (!doc.subcommands.isEmpty()) {
            parts.append(QLatin1Char('<') + doc.subcommands.join(QLatin1String(" | ")) +
                         QLatin1Char('>'));
        } else if (doc.arity != 0) {
            // Arity counts the name (and the subcommand's name for "CLIENT KILL").
            const int words = int(doc.name.count(QLatin1Char(' '))) + 1;
            const int args = qAbs(doc.arity) - words;
            if (doc.arity > 0)
                parts.append(
                    args == 0 ? QCoreApplication::translate("CommandDocs", "(no arguments)")
                    : args == 1
                        ? QCoreApplication::translate("CommandDocs", "(1 argument)")
                        : QCoreApplication::translate("CommandDocs", "(%1 arguments)").arg(args));
            else
                parts.append(
                    args == 1
                        ? QCoreApplication::translate("CommandDocs", "(at least 1 argument)")
                        : QCoreApplication::translate("CommandDocs", "(at least %1 arguments)")
                              .arg(args));
        }
        return parts.join(QLatin1Char(' '));
    }
    if (doc.arguments.isEmpty() && !doc.subcommands.isEmpty())
        parts.append(QLatin1Char('<') + doc.subcommands.join(QLatin1String(" | ")) +
                     QLatin1Char('>'));
    for (const CommandArgument &argument : doc.arguments)
        parts.append(argumentSyntax(argument));
    return parts.join(QLatin1Char(' '));
}

QStringList tokens(const CommandDoc &doc, const QStringList &typed)
{
    QList<std::pair<QString, bool>> all;
    for (const CommandArgument &argument : doc.arguments)
        collectTokens(argument, false, &all);
    QSet<QString> used;
    for (const QString &word : typed)
        used.insert(word.toUpper());
    QStringList result;
    for (const auto &[token, repeatable] : all) {
        if (result.contains(token)) continue;
        if (!repeatable && used.contains(token)) continue;
        result.append(token);
    }
    return result;
}

namespace {

bool isPureToken(const CommandArgument &a)
{
    return a.type == QLatin1String("pure-token");
}

// Words an argument takes after its own token (or in place, without one).
int width(const CommandArgument &a)
{
    if (isPureToken(a)) return 0;
    if (a.type == QLatin1String("block")) {
        int words = 0;
        for (const CommandArgument &child : a.arguments)
            words += isPureToken(child) ? 1 : (child.token.isEmpty() ? 0 : 1) + width(child);
        return words;
    }
    return 1; // a value, or one alternative of a oneof
}

// Whether word starts argument a: its token, or a token of one of its alternatives / its
// block's first child. Returns the words that follow the matched token inside a.
int matchToken(const CommandArgument &a, const QString &word)
{
    if (!a.token.isEmpty() && a.token.compare(word, Qt::CaseInsensitive) == 0) return width(a);
    if (a.type == QLatin1String("oneof")) {
        for (const CommandArgument &choice : a.arguments) {
            const int rest = matchToken(choice, word);
            if (rest >= 0) return rest;
        }
    }
    if (a.type == QLatin1String("block") && a.token.isEmpty() && !a.arguments.isEmpty()) {
        const int rest = matchToken(a.arguments.first(), word);
        if (rest >= 0) return width(a) - 1 - width(a.arguments.first()) + rest;
    }
    return -1;
}

// A positional argument takes a word without a token of its own.
bool takesPlainWord(const CommandArgument &a)
{
    if (!a.token.isEmpty()) return false;
    if (a.type == QLatin1String("oneof")) {
        for (const CommandArgument &choice : a.arguments)
            if (choice.token.isEmpty()) return true;
        return false;
    }
    if (a.type == QLatin1String("block"))
        return !a.arguments.isEmpty() && takesPlainWord(a.arguments.first());
    return !isPureToken(a);
}

bool startsToken(const CommandArgument &a, const QString &prefix)
{
    if (!a.token.isEmpty()) return a.token.startsWith(prefix, Qt::CaseInsensitive);
    if (a.type == QLatin1String("oneof")) {
        for (const CommandArgument &choice : a.arguments)
            if (startsToken(choice, prefix)) return true;
    }
    if (a.type == QLatin1String("block") && !a.arguments.isEmpty())
        return startsToken(a.arguments.first(), prefix);
    return false;
}

// Whether a plain word still has a positional argument to fill from index from on.
bool takesPlainWordAt(const QList<CommandArgument> &args, int from)
{
    for (int j = from; j < args.size(); ++j)
        if (takesPlainWord(args[j])) return true;
    return false;
}

} // namespace

int argumentAt(const CommandDoc &doc, const QStringList &typed, bool atNewWord)
{
    const QList<CommandArgument> &args = doc.arguments;
    if (!doc.fromDocs || args.isEmpty()) return -1;
    const int target = atNewWord ? int(typed.size()) : int(typed.size()) - 1;
    if (target < 0) return -1;
    QList<bool> used(args.size(), false); // tokens given so far (options come in any order)
    int next = 0;                         // the first argument a plain word may fill
    int current = -1;
    int pending = 0; // words still owed to current
    for (int i = 0; i <= target; ++i) {
        if (i == int(typed.size())) { // the word about to be typed
            if (pending > 0) return current;
            for (int j = next; j < args.size(); ++j)
                if (takesPlainWord(args[j]) || !args[j].optional) return j;
            return next < args.size() ? next : -1;
        }
        const QString &word = typed[i];
        if (pending > 0) {
            --pending;
            continue;
        }
        int matched = -1;
        for (int j = 0; j < args.size() && matched < 0; ++j) {
            const int rest = matchToken(args[j], word);
            if (rest >= 0 && (j >= next || !used[j] || args[j].multiple || args[j].multipleToken)) {
                matched = j;
                pending = rest;
            }
        }
        // The word being typed may be the start of a token ("WITH" of WITHSCORES).
        if (matched < 0 && i == target && !takesPlainWordAt(args, next)) {
            for (int j = next; j < args.size() && matched < 0; ++j)
                if (startsToken(args[j], word)) matched = j;
            if (matched >= 0) return matched;
        }
        if (matched >= 0) {
            current = matched;
            used[matched] = true;
            next = qMax(next, args[matched].multiple || args[matched].multipleToken ? matched
                                                                                    : matched + 1);
            continue;
        }
        int plain = -1;
        for (int j = next; j < args.size() && plain < 0; ++j)
            if (takesPlainWord(args[j])) plain = j;
        if (plain < 0) { // a repeatable argument keeps taking words ("key [key ...]")
            if (current >= 0 && args[current].multiple && takesPlainWord(args[current])) {
                pending = qMax(0, width(args[current]) - 1);
                continue;
            }
            return -1;
        }
        current = plain;
        pending = qMax(0, width(args[plain]) - 1);
        next = args[plain].multiple ? plain : plain + 1;
    }
    return current;
}

} // namespace redscope::CommandDocs
