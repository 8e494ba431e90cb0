// ReadOnlyGuard: the built-in fallback table (Redis 7.0's `write` and `admin` commands, as its
// COMMAND reports them, subcommands named "container|sub", plus 7.4's hash-field expiry) and the lookup rule. Lookups are
// O(1) hash probes on the lower-cased name; the table is ~250 entries, built once.
#include "connection/read_only_guard.h"

#include "connection/redis_value.h"

namespace redscope {

namespace {

const char *const kFallbackWrite[] = {
    "append", "bitfield", "bitop", "blmove", "blmpop", "blpop", "brpop", "brpoplpush", "bzmpop",
    "bzpopmax", "bzpopmin", "copy", "decr", "decrby", "del", "expire", "expireat", "flushall",
    "flushdb", "function|delete", "function|flush", "function|load", "function|restore",
    "geoadd", "georadius", "georadiusbymember", "geosearchstore", "getdel", "getex", "getset",
    "hdel", "hexpire", "hexpireat", "hgetdel", "hgetex", "hincrby", "hincrbyfloat", "hmset",
    "hpersist", "hpexpire", "hpexpireat", "hset", "hsetex", "hsetnx", "incr", "incrby",
    "incrbyfloat", "linsert", "lmove", "lmpop", "lpop", "lpush", "lpushx", "lrem", "lset",
    "ltrim", "migrate", "move", "mset", "msetnx", "persist", "pexpire", "pexpireat", "pfadd",
    "pfdebug", "pfmerge", "psetex", "rename", "renamenx", "restore", "restore-asking", "rpop",
    "rpoplpush", "rpush", "rpushx", "sadd", "sdiffstore", "set", "setbit", "setex", "setnx",
    "setrange", "sinterstore", "smove", "sort", "spop", "srem", "sunionstore", "swapdb",
    "unlink", "xack", "xadd", "xautoclaim", "xclaim", "xdel", "xgroup|create",
    "xgroup|createconsumer", "xgroup|delconsumer", "xgroup|destroy", "xgroup|setid",
    "xreadgroup", "xsetid", "xtrim", "zadd", "zdiffstore", "zincrby", "zinterstore", "zmpop",
    "zpopmax", "zpopmin", "zrangestore", "zrem", "zremrangebylex", "zremrangebyrank",
    "zremrangebyscore", "zunionstore",
};

const char *const kFallbackAdmin[] = {
    "acl|deluser", "acl|load", "acl|save", "acl|setuser", "bgrewriteaof", "bgsave",
    "client|kill", "client|no-evict", "client|pause", "client|unblock", "client|unpause",
    "cluster|addslots", "cluster|addslotsrange", "cluster|bumpepoch", "cluster|delslots",
    "cluster|delslotsrange", "cluster|failover", "cluster|flushslots", "cluster|forget",
    "cluster|meet", "cluster|replicate", "cluster|reset", "cluster|saveconfig",
    "cluster|set-config-epoch", "cluster|setslot", "config|resetstat", "config|rewrite",
    "config|set", "debug", "failover", "latency|reset", "module|load", "module|loadex",
    "module|unload", "monitor", "pfselftest", "psync", "replconf", "replicaof", "save",
    "shutdown", "slaveof", "slowlog|reset", "sync",
};

// Admin commands that only look: allowed on a read-only connection whatever their flags say.
const char *const kInspection[] = {
    "acl|dryrun", "acl|getuser", "acl|list", "acl|log", "acl|users", "client|list",
    "cluster|count-failure-reports", "cluster|replicas", "cluster|slaves", "config|get",
    "config|help", "latency|doctor", "latency|graph", "latency|histogram", "latency|history",
    "latency|latest", "module|list", "slowlog|get", "slowlog|len", "slowlog|help",
    "lastsave", "role",
};

// Side effects without a write or admin flag: scripts may write, messages reach subscribers.
const char *const kSideEffects[] = {
    "eval", "evalsha", "fcall", "publish", "spublish", "script|flush", "script|kill",
    "script|load", "function|kill",
};

// Containers whose second argument names a subcommand (Redis 7 reports them with their
// subcommands; older servers and the fallback need to know).
const char *const kContainers[] = {
    "acl", "client", "cluster", "command", "config", "function", "latency", "memory",
    "module", "object", "pubsub", "script", "slowlog", "xgroup", "xinfo",
};

bool contains(const char *const *begin, const char *const *end, const QByteArray &name)
{
    for (auto it = begin; it != end; ++it) {
        if (name == *it) return true;
    }
    return false;
}

template <size_t N>
bool contains(const char *const (&list)[N], const QByteArray &name)
{
    return contains(list, list + N, name);
}

const QHash<QByteArray, int> &fallbackTable()
{
    static const QHash<QByteArray, int> table = [] {
        QHash<QByteArray, int> result;
        for (const char *name : kFallbackWrite) result.insert(name, ReadOnlyGuard::Write);
        for (const char *name : kFallbackAdmin) result.insert(name, ReadOnlyGuard::Admin);
        return result;
    }();
    return table;
}

int flagBits(const RedisValue &flags)
{
    int bits = 0;
    for (const RedisValue &flag : flags.elements()) {
        const QByteArray text = flag.bytes().toLower();
        if (text == "write") bits |= ReadOnlyGuard::Write;
        if (text == "admin") bits |= ReadOnlyGuard::Admin;
    }
    return bits;
}

// One COMMAND entry: [name, arity, flags, first, last, step, (categories, tips, key specs,
// subcommands)]. Subcommands are entries of the same shape, named "container|sub".
bool learnEntry(const RedisValue &entry, QHash<QByteArray, int> *table)
{
    const RedisValue::List &fields = entry.elements();
    if (fields.size() < 3 || fields[0].bytes().isEmpty()) return false;
    table->insert(fields[0].bytes().toLower(), flagBits(fields[2]));
    if (fields.size() > 9) {
        for (const RedisValue &sub : fields[9].elements()) learnEntry(sub, table);
    }
    return true;
}

} // namespace

bool ReadOnlyGuard::learn(const RedisValue &commandReply)
{
    if (commandReply.isError() || commandReply.elements().empty()) return false;
    QHash<QByteArray, int> table;
    for (const RedisValue &entry : commandReply.elements()) {
        if (entry.isNil()) continue;
        if (!learnEntry(entry, &table)) return false;
    }
    if (table.isEmpty()) return false;
    m_flags = std::move(table);
    m_learned = true;
    return true;
}

bool ReadOnlyGuard::learnLists(const RedisValue &writeList, const RedisValue &adminList)
{
    if (writeList.isError() || adminList.isError()) return false;
    QHash<QByteArray, int> table;
    for (const RedisValue &name : writeList.elements()) table[name.bytes().toLower()] |= Write;
    for (const RedisValue &name : adminList.elements()) table[name.bytes().toLower()] |= Admin;
    if (!table.contains("set") || table.contains("get")) return false;
    m_flags = std::move(table);
    m_learned = true;
    return true;
}

int ReadOnlyGuard::flagsOf(const QByteArray &name, bool *known) const
{
    const QHash<QByteArray, int> &table = m_learned ? m_flags : fallbackTable();
    const auto it = table.constFind(name);
    *known = it != table.constEnd();
    return *known ? it.value() : 0;
}

QString ReadOnlyGuard::refusal(const QList<QByteArray> &args) const
{
    if (args.isEmpty()) return {};
    const QByteArray command = args.first().toLower();
    QByteArray name = command;
    if (args.size() > 1) {
        const QByteArray sub = command + '|' + args.at(1).toLower();
        bool known = false;
        flagsOf(sub, &known);
        if (known || contains(kContainers, command)) name = sub;
    }

    // ACL LOG is inspection, ACL LOG RESET is not: the one argument-level distinction.
    const bool resetsLog =
        name == "acl|log" && args.size() > 2 && args.at(2).toLower() == "reset";
    if (contains(kInspection, name) && !resetsLog) return {};

    bool known = false;
    int flags = resetsLog ? int(Admin) : flagsOf(name, &known);
    if (!known && !resetsLog && name != command)
        flags = flagsOf(command, &known); // a server without subcommands in COMMAND
    if (!(flags & (Write | Admin)) && !contains(kSideEffects, name)) return {};

    const QString shown = QString::fromUtf8(name.toUpper()).replace(QLatin1Char('|'),
                                                                    QLatin1Char(' '));
    const QString why = (flags & Write) ? QStringLiteral("it modifies data")
                        : (flags & Admin) ? QStringLiteral("it is an administrative command")
                                          : QStringLiteral("it has side effects");
    return QStringLiteral("ERR read-only connection: %1 was not sent because %2")
        .arg(shown, why);
}

} // namespace redscope
