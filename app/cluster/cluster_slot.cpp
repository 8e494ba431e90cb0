// Hash slots and key positions. The CRC table is computed at compile time from the polynomial
// (0x1021, initial value 0, no reflection) rather than spelled out.
#include "cluster/cluster_slot.h"

#include <array>

namespace redscope {

namespace {

constexpr std::array<quint16, 256> makeCrcTable()
{
    std::array<quint16, 256> table{};
    for (int byte = 0; byte < 256; ++byte) {
        quint16 crc = quint16(byte << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? quint16((crc << 1) ^ 0x1021) : quint16(crc << 1);
        table[size_t(byte)] = crc;
    }
    return table;
}

constexpr std::array<quint16, 256> kCrcTable = makeCrcTable();

bool is(const QByteArray &arg, const char *name)
{
    return arg.compare(name, Qt::CaseInsensitive) == 0;
}

// Argument index of the key that routes the command, or -1.
int routingKeyIndex(const QList<QByteArray> &args)
{
    const qsizetype n = args.size();
    if (n < 2) return -1;
    const QByteArray &name = args.first();
    static const char *const keyless[] = {
        "ping",         "echo",      "info",       "config",      "client",       "slowlog",
        "dbsize",       "scan",      "keys",       "randomkey",   "flushall",     "flushdb",
        "command",      "cluster",   "time",       "lastsave",    "save",         "bgsave",
        "bgrewriteaof", "role",      "latency",    "module",      "acl",          "auth",
        "hello",        "select",    "quit",       "reset",       "multi",        "exec",
        "discard",      "unwatch",   "publish",    "pubsub",      "script",       "function",
        "monitor",      "subscribe", "psubscribe", "unsubscribe", "punsubscribe", "wait",
        "readonly",     "readwrite", "asking",     "replicaof",   "slaveof",      "shutdown",
        "swapdb",       "failover",  "lolwut",     "sync",        "psync",        "migrate",
        "sentinel",     "waitaof"};
    for (const char *k : keyless) {
        if (is(name, k)) return -1;
    }
    if (is(name, "object") || is(name, "xinfo") || is(name, "xgroup")) return n > 2 ? 2 : -1;
    if (is(name, "memory")) return is(args.at(1), "usage") && n > 2 ? 2 : -1;
    if (is(name, "debug")) return is(args.at(1), "object") && n > 2 ? 2 : -1;
    if (is(name, "bitop")) return n > 2 ? 2 : -1;
    if (is(name, "eval") || is(name, "evalsha") || is(name, "eval_ro") || is(name, "evalsha_ro") ||
        is(name, "fcall") || is(name, "fcall_ro")) {
        return n > 3 && args.at(2).toLongLong() > 0 ? 3 : -1;
    }
    if (is(name, "zunion") || is(name, "zinter") || is(name, "zdiff") || is(name, "sintercard") ||
        is(name, "zintercard") || is(name, "lmpop") || is(name, "zmpop")) {
        return n > 2 ? 2 : -1;
    }
    if (is(name, "blmpop") || is(name, "bzmpop")) return n > 3 ? 3 : -1;
    if (is(name, "xread") || is(name, "xreadgroup")) {
        for (qsizetype i = 1; i + 1 < n; ++i) {
            if (is(args.at(i), "streams")) return int(i + 1);
        }
        return -1;
    }
    return 1;
}

} // namespace

quint16 crc16Xmodem(QByteArrayView bytes)
{
    quint16 crc = 0;
    for (const char c : bytes)
        crc = quint16((crc << 8) ^ kCrcTable[size_t(((crc >> 8) ^ quint8(c)) & 0xff)]);
    return crc;
}

int clusterKeySlot(QByteArrayView key)
{
    // A non-empty {tag}: only the bytes between the first '{' and the next '}' are hashed.
    const qsizetype open = key.indexOf('{');
    if (open >= 0) {
        const qsizetype close = key.indexOf('}', open + 1);
        if (close > open + 1) key = key.sliced(open + 1, close - open - 1);
    }
    return crc16Xmodem(key) & (kClusterSlots - 1);
}

std::optional<QByteArray> clusterRoutingKey(const QList<QByteArray> &args)
{
    const int index = routingKeyIndex(args);
    if (index < 0 || index >= args.size()) return std::nullopt;
    return args.at(index);
}

} // namespace redscope
