// CommandDoc: what the console knows about one command ("SET", "CLIENT KILL") to show a
// syntax hint and complete option tokens. Built from a COMMAND DOCS reply (the argument tree
// of Redis 7 and of the engine) or, when that reply cannot be read, from COMMAND INFO (arity
// and flags only: Debian's hiredis 0.14 drops the connection on replies nested deeper than 7
// levels, which the docs of CLIENT KILL or of a container command are).
//
// Plain functions over RedisValue, no I/O, so every rule is tested on its own; fetching lives
// in CommandDocsProvider.
#pragma once

#include "connection/redis_value.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace redscope {

struct CommandArgument
{
    QString name;
    QString type;  // string, integer, double, key, pattern, unix-time, pure-token, oneof, block
    QString token; // literal before the value, or the value itself for pure-token
    bool optional = false;
    bool multiple = false;
    bool multipleToken = false;
    QList<CommandArgument> arguments; // oneof and block
};

struct CommandDoc
{
    QString name; // upper case, subcommands with a space: "CLIENT KILL"
    QString summary;
    QList<CommandArgument> arguments;
    QStringList subcommands; // upper case ("KILL", "LIST") for containers
    bool fromDocs = true;    // false: built from COMMAND INFO (no argument tree)
    int arity = 0;           // COMMAND INFO only; Redis' convention (-N: at least N)
    QStringList flags;       // COMMAND INFO only
};

namespace CommandDocs {

// "set" or "client|kill": the key a doc is filed under.
QString keyOf(const QString &commandName);

// A COMMAND DOCS reply (RESP2 flat pairs or RESP3 map) for one or more commands; containers'
// "subcommands" are returned as their own docs too. Keyed by keyOf().
QHash<QString, CommandDoc> parseDocs(const RedisValue &reply);
// A COMMAND INFO reply: arity, flags and (Redis 7) subcommand names, no arguments.
QHash<QString, CommandDoc> parseInfo(const RedisValue &reply);

// "SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | ...]", redis.io's notation.
// Without an argument tree: "CLIENT KILL …" with the arity ("at least 3 arguments").
QString syntax(const CommandDoc &doc);
QString argumentSyntax(const CommandArgument &argument);

// The top-level argument of doc (an index into doc.arguments) that the word being typed
// belongs to: typed are the words after the command name (and subcommand), the last one being
// typed unless atNewWord (the cursor is after a space: the next word is meant). Tokens are
// matched first (EX, LIMIT, WITHSCORES, anywhere they may appear), then the words fill the
// positional arguments in order, a token's values following it; -1 when nothing fits (too
// many words, or no argument tree).
int argumentAt(const CommandDoc &doc, const QStringList &typed, bool atNewWord);

// Option tokens worth offering after `typed` (the arguments already typed after the command
// name): every token of the tree, minus those already used unless they may repeat.
QStringList tokens(const CommandDoc &doc, const QStringList &typed = {});

} // namespace CommandDocs

} // namespace redscope
