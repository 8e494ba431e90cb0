// ReadOnlyGuard: decides, before a command is sent, whether a read-only connection may send it.
// It learns the server's own command flags once after connect, so new or renamed commands are
// judged as the server declares them (Redis 7: the flat COMMAND LIST FILTERBY ACLCAT
// write/admin lists; older servers and the embedded engine: the full COMMAND reply, avoided on
// Redis 7 because it nests close to the 7 levels Debian's hiredis 0.14 can parse); until then,
// or for servers that answer neither, a built-in list of Redis 7.0's write and admin commands
// stands in. The rule: refuse commands flagged `write` or `admin`, plus a few
// with side effects that carry neither flag (EVAL, PUBLISH, SCRIPT LOAD...); allow the admin
// subcommands that only inspect (CONFIG GET, CLIENT LIST, SLOWLOG GET...). Plain data, no I/O.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace redscope {

class RedisValue;

class ReadOnlyGuard
{
public:
    enum Flag { Write = 0x1, Admin = 0x2 };

    ReadOnlyGuard() = default;

    // Replaces the built-in list with the server's table; false when the reply is not a
    // COMMAND reply (error, empty), in which case the built-in list stays in use.
    bool learn(const RedisValue &commandReply);
    // Redis 7's flat lists from COMMAND LIST FILTERBY ACLCAT write / admin (Redis puts exactly
    // the write- and admin-flagged commands in those categories, plus LASTSAVE and ROLE, which
    // only look). False when the lists do not look filtered (a server that ignores FILTERBY
    // lists GET too), when either is an error, or when they are empty.
    bool learnLists(const RedisValue &writeList, const RedisValue &adminList);
    bool learned() const { return m_learned; }
    int learnedCount() const { return int(m_flags.size()); }

    // Empty when the command may be sent; otherwise a readable error starting with "ERR".
    QString refusal(const QList<QByteArray> &args) const;

private:
    int flagsOf(const QByteArray &name, bool *known) const;

    bool m_learned = false;
    QHash<QByteArray, int> m_flags; // "get", "config|set" -> Flag bits
};

} // namespace redscope
