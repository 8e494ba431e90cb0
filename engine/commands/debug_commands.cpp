// DEBUG (OBJECT, SLEEP, RELOAD, SET-ACTIVE-EXPIRE, POPULATE, PROTOCOL, DIGEST, DIGEST-VALUE,
// CHANGE-REPL-ID, PAUSE-CRON, LISTPACK, QUICKLIST, QUICKLIST-PACKED-THRESHOLD, LOADAOF, PANIC,
// SEGFAULT, REPLYBUFFER): the subcommands tests,
// tools and benchmarks rely on, kept apart from the user-facing commands because they reach
// into internals (a value's address and encoding, a blocking sleep, a save-and-reload of the
// whole dataset, a bulk fill of the keyspace, sample replies of every RESP3 type, Redis's
// signatures of the data, replication IDs, the cron, crashes on purpose, the reply buffers' cron).
//
// Not served, as in a redis-server built without jemalloc (the engine uses the C library's
// malloc: INFO says mem_allocator:libc): MALLCTL and MALLCTL-STR answer the usage error,
// though HELP lists them as Redis's HELP does. JMAP and STRINGMATCH-LEN do not exist in
// 7.0.15 either.
#include "commands/command_context.h"
#include "commands/debug_layout.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "persistence/compact_encodings.h"
#include "persistence/persistence.h"
#include "replication/replication.h"
#include "server/crash_report.h"
#include "server/server.h"
#include "storage/digest.h"
#include "util/strings.h"

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>
#include <sys/mman.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

void debugObject(CommandContext &ctx)
{
    Value *value = ctx.db().lookup(ctx.arg(2), ctx.nowMs);
    if (!value) return ctx.error(errors::kNoSuchKey);
    char address[32];
    std::snprintf(address, sizeof address, "%p", static_cast<void *>(value));
    std::ostringstream out;
    out << "Value at:" << address << " refcount:1 encoding:" << value->encodingName()
        << " serializedlength:" << value->memoryUsage(5) << " lru:" << value->lruClock
        << " lru_seconds_idle:" << value->idleMs(ctx.nowMs) / 1000;
    if (value->type() == ValueType::List) {
        // Redis's quicklist figures: nodes, average elements per node, the fill, whether the
        // list was created with a list-compress-depth (its inner nodes are then held
        // LZF-compressed), and the nodes' uncompressed bytes: a packed node's listpack
        // (built here: DEBUG may be O(N)), a plain node's element.
        const ListValue &list = value->list();
        size_t uncompressedBytes = 0;
        forEachQuicklistNode(
            list, [&](size_t, std::string_view bytes) { uncompressedBytes += bytes.size(); });
        char figures[160];
        std::snprintf(figures, sizeof figures,
                      " ql_nodes:%zu ql_avg_node:%.2f ql_listpack_max:%d ql_compressed:%d"
                      " ql_uncompressed_size:%zu",
                      list.nodeCount(), static_cast<double>(list.size()) / list.nodeCount(),
                      list.fill(), list.compressDepth() != 0 ? 1 : 0, uncompressedBytes);
        out << figures;
    }
    ctx.reply.status(out.str());
}

void debugSleep(CommandContext &ctx)
{
    // Like Redis (strtod): text that is not a number sleeps 0 s.
    std::string text(ctx.arg(2));
    double seconds = std::strtod(text.c_str(), nullptr);
    if (seconds > 0) usleep(static_cast<useconds_t>(seconds * 1e6));
    ctx.reply.ok();
}

void debugReload(CommandContext &ctx)
{
    std::string error;
    if (!ctx.server.persistence().saveAndReload(&error)) return ctx.error("ERR " + error);
    ctx.reply.ok();
}

void debugSetActiveExpire(CommandContext &ctx)
{
    std::string text(ctx.arg(2));
    ctx.server.activeExpireEnabled = std::atoi(text.c_str()) != 0;
    ctx.reply.ok();
}

// DEBUG REPLYBUFFER PEAK-RESET-TIME <never|reset|ms> and RESIZING <0|1>: the reply buffers'
// cron (server/reply_buffer.cpp). As in Redis, RESIZING reads its number like atoi ("abc"
// turns it off) and a negative time means never.
void debugReplyBuffer(CommandContext &ctx)
{
    const std::string what = toLower(ctx.arg(2));
    const std::string value = toLower(ctx.arg(3));
    if (what == "peak-reset-time") {
        int64_t ms = 0;
        if (value == "never")
            ctx.server.setReplyBufferPeakResetTime(-1);
        else if (value == "reset")
            ctx.server.resetReplyBufferPeakResetTime();
        else if (!ctx.int64Arg(3, &ms))
            return;
        else
            ctx.server.setReplyBufferPeakResetTime(ms);
    } else if (what == "resizing") {
        ctx.server.setReplyBufferResizing(std::atoi(value.c_str()) != 0);
    } else {
        return badSubcommandUsage(ctx, "DEBUG");
    }
    ctx.reply.ok();
}

// DEBUG POPULATE count [prefix] [size]: string keys "<prefix>:<n>" for n in [0, count) with
// the value "value:<n>", cut or padded with zero bytes to `size` when a size above 0 is
// given. Keys that exist already are left as they are. The table is sized up front so ten
// million keys go in without a resize on the way.
void debugPopulate(CommandContext &ctx)
{
    const auto nonNegative = [&](size_t i, int64_t *out) {
        if (parseInt64(ctx.arg(i), out) && *out >= 0) return true;
        ctx.error("ERR value is out of range, must be positive");
        return false;
    };
    if (ctx.argc() > 5) return badSubcommandUsage(ctx, "DEBUG");
    int64_t count = 0, size = 0;
    if (!nonNegative(2, &count)) return;
    if (ctx.argc() == 5 && !nonNegative(4, &size)) return;
    const std::string_view prefix = ctx.argc() >= 4 ? ctx.arg(3) : std::string_view("key");

    Database &db = ctx.db();
    db.reserve(static_cast<size_t>(count));
    std::string key(prefix);
    key += ':';
    const size_t keyStem = key.size();
    char digits[24];
    std::string_view number;
    const auto valueFor = [&] {
        std::string text = "value:";
        text += number;
        if (size > 0) text.resize(static_cast<size_t>(size), '\0');
        Value value(std::move(text));
        value.stampNew(ctx.nowMs);
        return value;
    };
    for (int64_t n = 0; n < count; ++n) {
        const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        number = std::string_view(digits, static_cast<size_t>(end - digits));
        key.resize(keyStem);
        key += number;
        if (!db.add(key, valueFor())) {
            // Present, unless only past its TTL: the lookup then deletes it (as Redis's
            // write lookup does) and the key is created afresh.
            if (db.expireAt(key) < 0 || db.lookup(key, ctx.nowMs)) continue;
            db.add(key, valueFor());
        }
        ctx.server.signalModifiedKey(ctx.client.dbIndex, key);
    }
    ctx.reply.ok();
}

// DEBUG PROTOCOL <type>: one reply of each RESP3 type, for clients to test their parsers.
// Under RESP2 each falls back as the writer does for real replies (a double or a big number
// as a bulk string, a boolean as 0/1, a map as a flat array); an attribute is left out, and
// a push has no RESP2 form, so it is an error there.
void debugProtocol(CommandContext &ctx)
{
    const std::string name = toLower(ctx.arg(2));
    ReplyWriter &out = ctx.reply;
    if (name == "string") return out.bulk("Hello World");
    if (name == "integer") return out.integer(12345);
    if (name == "double") return out.doubleValue(3.141);
    if (name == "bignum") return out.bigNumber("1234567999999999999999999999999999999");
    if (name == "null") return out.nullBulk();
    if (name == "array" || name == "set") {
        name == "array" ? out.arrayHeader(3) : out.setHeader(3);
        for (int i = 0; i < 3; ++i)
            out.integer(i);
        return;
    }
    if (name == "map") {
        out.mapHeader(3);
        for (int i = 0; i < 3; ++i) {
            out.integer(i);
            out.boolean(i == 1);
        }
        return;
    }
    if (name == "attrib") {
        if (out.isResp3()) {
            out.attributeHeader(1);
            out.bulk("key-popularity");
            out.arrayHeader(2);
            out.bulk("key:123");
            out.integer(90);
        }
        return out.bulk("Some real reply following the attribute");
    }
    if (name == "push") {
        if (!out.isResp3()) return ctx.error("ERR RESP2 is not supported by this command");
        out.pushHeader(2);
        out.bulk("server-cpu-usage");
        out.integer(42);
        return out.bulk("Some real reply following the push reply");
    }
    if (name == "verbatim") return out.verbatim("This is a verbatim\nstring");
    if (name == "true" || name == "false") return out.boolean(name == "true");
    ctx.error("ERR Wrong protocol type name. Please use one of the following: "
              "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
}

// DEBUG DIGEST: the dataset's signature (storage/digest.h), Redis's hex for the same data.
void debugDigest(CommandContext &ctx)
{
    ctx.reply.status(digestHex(datasetDigest(ctx.server)));
    // As DIGEST-VALUE: each list was read through Redis's iterator.
    for (int index = 0; index < ctx.server.dbCount(); ++index)
        ctx.server.db(index).keys().forEach([](std::string_view, Value &value) {
            if (value.type() == ValueType::List) value.list().visitAll();
        });
}

// DEBUG DIGEST-VALUE key...: one status per key, 40 zeros for a missing key. As in Redis no
// lookup runs, so a key past its TTL that is still held is digested, not deleted.
void debugDigestValue(CommandContext &ctx)
{
    Database &db = ctx.db();
    ctx.reply.arrayHeader(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i) {
        Value *value = db.peek(ctx.arg(i));
        ctx.reply.status(
            digestHex(value ? valueDigest(*value, db.expireAt(ctx.arg(i)) >= 0) : Digest{}));
        // Redis digests a list through its iterator, which leaves its nodes as LRANGE would.
        if (value && value->type() == ValueType::List) value->list().visitAll();
    }
}

// DEBUG CHANGE-REPL-ID: a new replication ID and no replid2, so replicas resync in full.
void debugChangeReplId(CommandContext &ctx)
{
    ctx.server.log(Server::LogWarning,
                   "Changing replication IDs after receiving DEBUG change-repl-id");
    ctx.server.replication().changeReplicationId();
    ctx.reply.ok();
}

// DEBUG PAUSE-CRON <0|1>: atoi's reading, as Redis (text that is not a number resumes).
void debugPauseCron(CommandContext &ctx)
{
    std::string text(ctx.arg(2));
    ctx.server.cronPaused = std::atoi(text.c_str()) != 0;
    ctx.reply.ok();
}

// DEBUG LISTPACK key: for a listpack-encoded hash or sorted set, the listpack Redis would
// hold (the one the RDB carries) is described on the server's stdout, entry by entry, in
// redis-server's own layout (debug_layout.h).
void debugListpack(CommandContext &ctx)
{
    const Value *value = ctx.db().lookup(ctx.arg(2), ctx.nowMs);
    if (!value) return ctx.error(errors::kNoSuchKey);
    if (std::string_view(value->encodingName()) != "listpack")
        return ctx.error("ERR Not a listpack encoded object.");
    std::vector<std::string> entries;
    if (value->type() == ValueType::Hash) {
        value->hash().forEach([&](std::string_view field, std::string_view text) {
            entries.emplace_back(field);
            entries.emplace_back(text);
        });
    } else {
        value->zset().forEach([&](std::string_view member, double score) {
            entries.emplace_back(member);
            entries.push_back(formatDouble(score));
        });
    }
    rdb::ListpackBuilder builder;
    for (const std::string &entry : entries)
        builder.addElement(entry);
    std::cout << listpackLayout(builder.finish()) << std::flush;
    ctx.reply.status("Listpack structure printed on stdout");
}

// DEBUG QUICKLIST key [0|1]: a list's nodes described on stdout (debug_layout.h); a second
// argument other than 0 (atoi's reading, as Redis's) adds every node's contents.
void debugQuicklist(CommandContext &ctx)
{
    if (ctx.argc() > 4) return badSubcommandUsage(ctx, "DEBUG");
    Value *value = ctx.db().lookup(ctx.arg(2), ctx.nowMs);
    if (!value) return ctx.error(errors::kNoSuchKey);
    if (value->type() != ValueType::List) return ctx.error("ERR Not a quicklist encoded object.");
    const bool verbose = ctx.argc() > 3 && std::atoi(std::string(ctx.arg(3)).c_str()) != 0;
    std::cout << quicklistLayout(value->list(), verbose) << std::flush;
    // Redis decompresses each node to print it and does not compress it again.
    if (verbose) value->list().decompressAll();
    ctx.reply.status("Quicklist structure printed on stdout");
}

// Redis's memtoull: digits, then an optional unit (b, k, kb, m, mb, g, gb, any case); no
// sign, space or fraction. No digits at all reads as 0.
bool parseMemoryValue(std::string_view text, uint64_t *out)
{
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    const std::string unit = toLower(text.substr(digits));
    static const std::pair<const char *, uint64_t> units[] = {
        {"", 1},           {"b", 1},           {"k", 1000},
        {"kb", 1024},      {"m", 1000 * 1000}, {"mb", 1024 * 1024},
        {"g", 1000000000}, {"gb", 1ull << 30},
    };
    const auto found = std::find_if(std::begin(units), std::end(units),
                                    [&](const auto &u) { return unit == u.first; });
    if (found == std::end(units)) return false;
    uint64_t value = 0;
    const char *first = text.data();
    if (digits && std::from_chars(first, first + digits, value).ec != std::errc()) return false;
    if (value > UINT64_MAX / found->second) return false;
    *out = value * found->second;
    return true;
}

// DEBUG QUICKLIST-PACKED-THRESHOLD size: from which element size lists keep an element in a
// plain node of its own (storage/packed_list.h); 0 restores the default 1 GiB. Process-wide,
// as in Redis.
void debugQuicklistPackedThreshold(CommandContext &ctx)
{
    uint64_t bytes = 0;
    if (!parseMemoryValue(ctx.arg(2), &bytes) || !PackedList::setPackedThreshold(bytes))
        return ctx.error("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
    ctx.reply.ok();
}

// DEBUG LOADAOF: the dataset replaced by what the AOF files hold (persistence.h). Where no
// AOF exists or it cannot be replayed, redis-server exits with status 1 and the dataset is
// gone; the engine does the same as a program, and inside the app it stops (logged) rather
// than end the program.
void debugLoadAof(CommandContext &ctx)
{
    std::string error;
    const Persistence::AofReload result = ctx.server.persistence().reloadAof(&error);
    if (result == Persistence::AofReload::Loaded) return ctx.reply.ok();
    if (!ctx.server.abortOnPanic) return ctx.server.panic("DEBUG LOADAOF failed: " + error);
    ctx.server.log(Server::LogWarning, "DEBUG LOADAOF failed: " + error);
    std::exit(1);
}

// DEBUG PANIC and DEBUG SEGFAULT end the process as redis-server's do, after a crash report
// in the log (server/crash_report.h): a panic and SIGABRT (exit status 1 under
// use-exit-on-panic), or a real SIGSEGV, a write to a read-only page, which the fatal-signal
// handler reports before the process dies by it. The engine inside the desktop app
// (abortOnPanic false) must not take the program down: there both write the report and stop
// the engine, and the client's connection closes as it would with redis-server.
void debugPanic(CommandContext &ctx)
{
    ctx.server.panic("DEBUG PANIC called at Unix time " + std::to_string(std::time(nullptr)));
}

void debugSegfault(CommandContext &ctx)
{
    if (!ctx.server.abortOnPanic) {
        if (ctx.server.config().crashLogEnabled)
            writeEmbeddedSegfaultReport(ctx.server);
        else
            ctx.server.log(Server::LogWarning, "DEBUG SEGFAULT: the embedded engine stops");
        return ctx.server.haltEmbedded("DEBUG SEGFAULT: crashed by signal 11");
    }
    void *page = mmap(nullptr, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page != MAP_FAILED) *static_cast<volatile char *>(page) = 'x';
    std::raise(SIGSEGV); // no page to fault on: the signal all the same
}

// DEBUG HELP: redis-server 7.0.15's lines, word for word, so tools reading them see the same
// list. Some name subcommands the engine does not serve (ASSERT, OOM, LEAK, HTSTATS, ...,
// which answer the usage error): Redis's own builds also list MALLCTL where it is compiled
// out.
void debugHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "AOF-FLUSH-SLEEP <microsec>",
        "    Server will sleep before flushing the AOF, this is used for testing.",
        "ASSERT",
        "    Crash by assertion failed.",
        "CHANGE-REPL-ID",
        "    Change the replication IDs of the instance.",
        "    Dangerous: should be used only for testing the replication subsystem.",
        "CONFIG-REWRITE-FORCE-ALL",
        "    Like CONFIG REWRITE but writes all configuration options, including",
        "    keywords not listed in original configuration file or default values.",
        "CRASH-AND-RECOVER [<milliseconds>]",
        "    Hard crash and restart after a <milliseconds> delay (default 0).",
        "DIGEST",
        "    Output a hex signature representing the current DB content.",
        "DIGEST-VALUE <key> [<key> ...]",
        "    Output a hex signature of the values of all the specified keys.",
        "ERROR <string>",
        "    Return a Redis protocol error with <string> as message. Useful for clients",
        "    unit tests to simulate Redis errors.",
        "LEAK <string>",
        "    Create a memory leak of the input string.",
        "LOG <message>",
        "    Write <message> to the server log.",
        "HTSTATS <dbid>",
        "    Return hash table statistics of the specified Redis database.",
        "HTSTATS-KEY <key>",
        "    Like HTSTATS but for the hash table stored at <key>'s value.",
        "LOADAOF",
        "    Flush the AOF buffers on disk and reload the AOF in memory.",
        "REPLICATE <string>",
        "    Replicates the provided string to replicas, allowing data divergence.",
        "MALLCTL <key> [<val>]",
        "    Get or set a malloc tuning integer.",
        "MALLCTL-STR <key> [<val>]",
        "    Get or set a malloc tuning string.",
        "OBJECT <key>",
        "    Show low level info about `key` and associated value.",
        "DROP-CLUSTER-PACKET-FILTER <packet-type>",
        "    Drop all packets that match the filtered type. Set to -1 allow all packets.",
        "OOM",
        "    Crash the server simulating an out-of-memory error.",
        "PANIC",
        "    Crash the server simulating a panic.",
        "POPULATE <count> [<prefix>] [<size>]",
        "    Create <count> string keys named key:<num>. If <prefix> is specified then",
        "    it is used instead of the 'key' prefix. These are not propagated to",
        "    replicas. Cluster slots are not respected so keys not belonging to the",
        "    current node can be created in cluster mode.",
        "PROTOCOL <type>",
        "    Reply with a test value of the specified type. <type> can be: string,",
        "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
        "    true, false.",
        "RELOAD [option ...]",
        "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
        "    * MERGE: conflicting keys will be loaded from RDB.",
        "    * NOFLUSH: the existing database will not be removed before load, but",
        "      conflicting keys will generate an exception and kill the server.",
        "    * NOSAVE: the database will be loaded from an existing RDB file.",
        "    Examples:",
        "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
        "      the database.",
        "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
        "      existing RDB file.",
        "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
        "      file to the database.",
        "RESTART [<milliseconds>]",
        "    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).",
        "SDSLEN <key>",
        "    Show low level SDS string info representing `key` and value.",
        "SEGFAULT",
        "    Crash the server with sigsegv.",
        "SET-ACTIVE-EXPIRE <0|1>",
        "    Setting it to 0 disables expiring keys in background when they are not",
        "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
        "    default.",
        "QUICKLIST-PACKED-THRESHOLD <size>",
        "    Sets the threshold for elements to be inserted as plain vs packed nodes",
        "    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
        "SET-SKIP-CHECKSUM-VALIDATION <0|1>",
        "    Enables or disables checksum checks for RDB files and RESTORE's payload.",
        "SLEEP <seconds>",
        "    Stop the server for <seconds>. Decimals allowed.",
        "STRINGMATCH-TEST",
        "    Run a fuzz tester against the stringmatchlen() function.",
        "STRUCTSIZE",
        "    Return the size of different Redis core C structures.",
        "LISTPACK <key>",
        "    Show low level info about the listpack encoding of <key>.",
        "QUICKLIST <key> [<0|1>]",
        "    Show low level info about the quicklist encoding of <key>.",
        "    The optional argument (0 by default) sets the level of detail",
        "CLIENT-EVICTION",
        "    Show low level client eviction pools info (maxmemory-clients).",
        "PAUSE-CRON <0|1>",
        "    Stop periodic cron job processing.",
        "REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>",
        "    Sets the time (in milliseconds) to wait between client reply buffer peak resets.",
        "    In case NEVER is provided the last observed peak will never be reset",
        "    In case RESET is provided the peak reset time will be restored to the default value",
        "REPLYBUFFER RESIZING <0|1>",
        "    Enable or disable the reply buffer resize cron job",
        "CLUSTERLINK KILL <to|from|all> <node-id>",
        "    Kills the link based on the direction to/from (both) with the provided node.",
    };
    replyHelp(ctx, "DEBUG", lines);
}

// DEBUG is not a container in Redis 7.0 (COMMAND INFO lists no subcommands for it), so its
// rows stay here rather than in subcommand_table.cpp. HELP takes any arguments.
const SubcommandSpec kDebugSubcommands[] = {
    {"object", debugObject, 3},
    {"sleep", debugSleep, 3},
    {"reload", debugReload, 2},
    {"set-active-expire", debugSetActiveExpire, 3},
    {"help", debugHelp, -2},
    // clang-format off
    {"populate", debugPopulate, -3}, // at most 5 arguments: checked by the handler
    {"protocol", debugProtocol, 3},
    {"replybuffer", debugReplyBuffer, 4},
    {"digest", debugDigest, 2},
    {"digest-value", debugDigestValue, -2},
    {"change-repl-id", debugChangeReplId, 2},
    {"pause-cron", debugPauseCron, 3},
    {"listpack", debugListpack, 3},
    {"quicklist", debugQuicklist, -3}, // at most 4 arguments: checked by the handler
    {"quicklist-packed-threshold", debugQuicklistPackedThreshold, 3},
    {"loadaof", debugLoadAof, -2},
    {"panic", debugPanic, -2},
    {"segfault", debugSegfault, -2},
    // clang-format on
};

} // namespace

// DEBUG: the subcommands tests and tools rely on. As in redis-server 7.0 it runs only when
// enable-debug-command allows it (Server::processCommand checks, before authentication); the
// embedded engine starts with "local", test fixtures pass "yes". An unknown subcommand and a
// wrong count share one error, as in Redis.
void cmdDebug(CommandContext &ctx)
{
    const SubcommandSpec *sub = CommandTable::findSubcommand(kDebugSubcommands, ctx.arg(1));
    if (!sub || !CommandTable::arityFits(sub->arity, ctx.argc()))
        return badSubcommandUsage(ctx, "DEBUG");
    sub->handler(ctx);
}

} // namespace redscope::engine
