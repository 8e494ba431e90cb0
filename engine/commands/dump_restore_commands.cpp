// DUMP, RESTORE (and RESTORE-ASKING, which is RESTORE on a server that is not a cluster
// node) and MIGRATE. Payloads are Redis's (persistence/dump_payload.h), so a key dumped here
// restores into redis-server 7.0 and the reverse. MIGRATE is synchronous with a timeout, as
// in Redis: the event loop waits for the target's replies; it opens one connection per call
// (Redis caches it for 10 seconds), and talks to the target through hiredis.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "persistence/dump_payload.h"
#include "persistence/persistence_io.h"
#include "persistence/rdb_loader.h"
#include "server/acl.h"
#include "server/eviction.h"
#include "server/server.h"
#include "storage/database.h"
#include "util/strings.h"

#include <hiredis/hiredis.h>

#include <cstring>
#include <memory>

namespace redscope::engine {

void cmdDump(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(1));
    if (!value) return ctx.reply.nullBulk();
    ctx.reply.bulk(makeDumpPayload(*value, ctx.server.config().rdbCompression));
}

namespace {

struct RestoreOptions
{
    bool replace = false;
    bool absoluteTtl = false;
    int64_t idleSeconds = -1;
    int64_t frequency = -1;
};

// Options after the payload; replies Redis's errors. IDLETIME and FREQ exclude each other
// (the second one is a syntax error, as in Redis).
bool parseRestoreOptions(CommandContext &ctx, RestoreOptions *options)
{
    for (size_t i = 4; i < ctx.argc(); ++i) {
        const bool hasValue = i + 1 < ctx.argc();
        if (equalsIgnoreCase(ctx.arg(i), "REPLACE")) {
            options->replace = true;
        } else if (equalsIgnoreCase(ctx.arg(i), "ABSTTL")) {
            options->absoluteTtl = true;
        } else if (equalsIgnoreCase(ctx.arg(i), "IDLETIME") && hasValue &&
                   options->frequency == -1) {
            if (!ctx.int64Arg(++i, &options->idleSeconds)) return false;
            if (options->idleSeconds < 0)
                return ctx.error("ERR Invalid IDLETIME value, must be >= 0"), false;
        } else if (equalsIgnoreCase(ctx.arg(i), "FREQ") && hasValue && options->idleSeconds == -1) {
            if (!ctx.int64Arg(++i, &options->frequency)) return false;
            if (options->frequency < 0 || options->frequency > 255)
                return ctx.error("ERR Invalid FREQ value, must be >= 0 and <= 255"), false;
        } else {
            return ctx.syntaxError(), false;
        }
    }
    return true;
}

bool lfuPolicySelected(CommandContext &ctx)
{
    return ctx.server.config().maxMemoryPolicy.find("lfu") != std::string::npos;
}

// IDLETIME sets the LRU clock back under an LRU (or no) policy, FREQ the LFU counter under
// an LFU policy; each is ignored under the other policy, as in Redis.
void applyAccessHints(CommandContext &ctx, Value &value, const RestoreOptions &options)
{
    if (lfuPolicySelected(ctx)) {
        if (options.frequency >= 0) {
            value.lfuCounter = static_cast<uint32_t>(options.frequency);
            value.lfuDecayTime = Value::lfuMinutesAt(ctx.nowMs);
        }
    } else if (options.idleSeconds >= 0) {
        const uint32_t now = Value::lruClockAt(ctx.nowMs);
        value.lruClock = (now - static_cast<uint32_t>(options.idleSeconds)) & 0xFFFFFF;
    }
}

} // namespace

void cmdRestore(CommandContext &ctx)
{
    RestoreOptions options;
    if (!parseRestoreOptions(ctx, &options)) return;
    const std::string_view key = ctx.arg(1);
    if (!options.replace && ctx.lookupWrite(key))
        return ctx.error("BUSYKEY Target key name already exists.");
    int64_t ttl;
    if (!ctx.int64Arg(2, &ttl)) return;
    if (ttl < 0) return ctx.error("ERR Invalid TTL value, must be >= 0");
    const std::string_view payload = ctx.arg(3);
    if (!dumpPayloadFooterValid(payload))
        return ctx.error("ERR DUMP payload version or checksum are wrong");
    Value value;
    std::string why;
    RdbLoadOptions loadOptions = rdbLoadOptionsFor(ctx.server);
    // sanitize-dump-payload clients: payloads from clients, not from our master nor from a
    // user marked skip-sanitize-payload.
    if (ctx.server.config().sanitizeDumpPayload == "clients" && !ctx.client.isMaster) {
        const AclUser *user = ctx.server.acl().find(ctx.client.user);
        if (!user || user->sanitizePayload != 2)
            loadOptions.deepSanitizations = &ctx.server.stats().dumpPayloadSanitizations;
    }
    if (!decodeDumpPayload(payload, loadOptions, &value, &why))
        return ctx.error("ERR Bad data format");

    bool deleted = false;
    if (options.replace && ctx.lookupWrite(key)) deleted = ctx.db().remove(key);
    if (ttl && !options.absoluteTtl) ttl += ctx.nowMs;
    if (ttl && ttl <= ctx.nowMs) {
        // Already expired: nothing is stored; a replaced key is gone, propagated as DEL.
        if (deleted) {
            ctx.keyModified(key);
            ctx.notify(NotifyGeneric, "del", key);
            ctx.propagateAs({"DEL", std::string(key)});
            ctx.addDirty();
        }
        return ctx.reply.ok();
    }
    Value &stored = ctx.db().set(key, std::move(value));
    applyAccessHints(ctx, stored, options);
    if (ttl) {
        ctx.db().setExpireAt(key, ttl);
        // The deadline travels as an absolute time, so a replay later restores the same one.
        std::vector<std::string> argv;
        for (std::string_view arg : ctx.argv)
            argv.emplace_back(arg);
        argv[2] = formatInt64(ttl);
        if (!options.absoluteTtl) argv.push_back("ABSTTL");
        ctx.propagateAs(std::move(argv));
    }
    ctx.keyModified(key);
    ctx.notify(NotifyGeneric, "restore", key);
    ctx.addDirty();
    ctx.reply.ok();
}

namespace {

struct MigrateOptions
{
    bool copy = false;
    bool replace = false;
    std::string username, password; // AUTH password / AUTH2 username password
    size_t firstKey = 3, keyCount = 1;
};

bool parseMigrateOptions(CommandContext &ctx, MigrateOptions *options)
{
    for (size_t i = 6; i < ctx.argc(); ++i) {
        const size_t left = ctx.argc() - i - 1;
        if (equalsIgnoreCase(ctx.arg(i), "COPY")) {
            options->copy = true;
        } else if (equalsIgnoreCase(ctx.arg(i), "REPLACE")) {
            options->replace = true;
        } else if (equalsIgnoreCase(ctx.arg(i), "AUTH")) {
            if (left < 1) return ctx.syntaxError(), false;
            options->username.clear();
            options->password = std::string(ctx.arg(++i));
        } else if (equalsIgnoreCase(ctx.arg(i), "AUTH2")) {
            if (left < 2) return ctx.syntaxError(), false;
            options->username = std::string(ctx.arg(++i));
            options->password = std::string(ctx.arg(++i));
        } else if (equalsIgnoreCase(ctx.arg(i), "KEYS")) {
            if (!ctx.arg(3).empty())
                return ctx.error("ERR When using MIGRATE KEYS option, the key argument must be "
                                 "set to the empty string"),
                       false;
            options->firstKey = i + 1;
            options->keyCount = left;
            return true;
        } else {
            return ctx.syntaxError(), false;
        }
    }
    return true;
}

struct ReplyDeleter
{
    void operator()(redisReply *reply) const { freeReplyObject(reply); }
};
struct ContextDeleter
{
    void operator()(redisContext *context) const { redisFree(context); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

void appendCommand(redisContext *target, const std::vector<std::string> &argv)
{
    std::vector<const char *> pointers;
    std::vector<size_t> lengths;
    for (const std::string &arg : argv) {
        pointers.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    redisAppendCommandArgv(target, static_cast<int>(argv.size()), pointers.data(), lengths.data());
}

// The next reply; nullptr on an I/O error or timeout.
ReplyPtr nextReply(redisContext *target)
{
    void *reply = nullptr;
    if (redisGetReply(target, &reply) != REDIS_OK) return nullptr;
    return ReplyPtr(static_cast<redisReply *>(reply));
}

} // namespace

void cmdMigrate(CommandContext &ctx)
{
    MigrateOptions options;
    if (!parseMigrateOptions(ctx, &options)) return;
    int64_t timeoutMs, dbIndex, port;
    if (!ctx.int64Arg(5, &timeoutMs) || !ctx.int64Arg(4, &dbIndex)) return;
    if (timeoutMs <= 0) timeoutMs = 1000;
    if (!parseInt64(ctx.arg(2), &port) || port <= 0 || port > 65535)
        return ctx.error("IOERR error or timeout connecting to the client");

    // The keys that exist, with their payloads and remaining TTLs.
    struct Item
    {
        std::string key, payload;
        int64_t ttlMs;
    };
    std::vector<Item> items;
    for (size_t i = 0; i < options.keyCount; ++i) {
        const std::string_view key = ctx.arg(options.firstKey + i);
        Value *value = ctx.lookupRead(key);
        if (!value) continue;
        int64_t ttl = 0;
        if (const int64_t expireAt = ctx.db().expireAt(key); expireAt != -1) {
            ttl = expireAt - ctx.nowMs;
            if (ttl < 0) continue;
            if (ttl < 1) ttl = 1;
        }
        items.push_back(
            {std::string(key), makeDumpPayload(*value, ctx.server.config().rdbCompression), ttl});
    }
    if (items.empty()) return ctx.reply.status("NOKEY");

    const timeval timeout{static_cast<time_t>(timeoutMs / 1000),
                          static_cast<suseconds_t>(timeoutMs % 1000 * 1000)};
    const std::string host(ctx.arg(1));
    std::unique_ptr<redisContext, ContextDeleter> target(
        redisConnectWithTimeout(host.c_str(), static_cast<int>(port), timeout));
    // Like Redis, a refused connection shows when the commands are written (its connect
    // only waits for the socket to become writable); a timeout or a bad address fails here.
    if (target && target->err && std::strstr(target->errstr, "refused"))
        return ctx.error("IOERR error or timeout writing to target instance");
    if (!target || target->err || redisSetTimeout(target.get(), timeout) != REDIS_OK)
        return ctx.error("IOERR error or timeout connecting to the client");

    const bool auth = !options.password.empty();
    if (auth) {
        if (options.username.empty())
            appendCommand(target.get(), {"AUTH", options.password});
        else
            appendCommand(target.get(), {"AUTH", options.username, options.password});
    }
    appendCommand(target.get(), {"SELECT", formatInt64(dbIndex)});
    for (const Item &item : items) {
        std::vector<std::string> argv = {"RESTORE", item.key, formatInt64(item.ttlMs),
                                         item.payload};
        if (options.replace) argv.push_back("REPLACE");
        appendCommand(target.get(), argv);
    }

    // Replies in order: AUTH, SELECT, then one per key. The first error from the target is
    // the reply; keys the target took are deleted here unless COPY.
    std::string targetError;
    const auto takeError = [&](const ReplyPtr &reply) {
        if (reply->type == REDIS_REPLY_ERROR && targetError.empty())
            targetError =
                "ERR Target instance replied with error: " + std::string(reply->str, reply->len);
        return reply->type == REDIS_REPLY_ERROR;
    };
    for (int i = 0; i < (auth ? 2 : 1); ++i) {
        ReplyPtr reply = nextReply(target.get());
        if (!reply) return ctx.error("IOERR error or timeout reading to target instance");
        if (takeError(reply)) return ctx.error(targetError);
    }
    int64_t moved = 0;
    for (const Item &item : items) {
        ReplyPtr reply = nextReply(target.get());
        if (!reply) return ctx.error("IOERR error or timeout reading to target instance");
        if (takeError(reply) || options.copy) continue;
        if (ctx.db().remove(item.key)) {
            ctx.keyModified(item.key);
            ctx.notify(NotifyGeneric, "del", item.key);
            ++moved;
        }
    }
    if (moved) {
        // What the AOF and replicas see is the deletion of the keys that left.
        std::vector<std::string> del = {"DEL"};
        for (const Item &item : items)
            if (!ctx.db().peek(item.key)) del.push_back(item.key);
        ctx.propagateAs(std::move(del));
        ctx.addDirty(static_cast<uint64_t>(moved));
    }
    if (!targetError.empty()) return ctx.error(targetError);
    ctx.reply.ok();
}

} // namespace redscope::engine
