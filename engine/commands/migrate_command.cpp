// MIGRATE: the keys go to another server as RESTORE commands carrying DUMP payloads
// (persistence/dump_payload.h), so the target may be the engine or redis-server 7.0.
// Synchronous with a timeout, as in Redis: the server waits for the target while nothing
// else runs. The link comes from MIGRATE's cache (server/migrate_cache.h) or is opened
// through net/outgoing_connection.h, over TLS with tls-cluster yes (the client context, as
// the replica's link with tls-replication uses).
//
// The exchange follows Redis's: one write of AUTH (when asked), SELECT (only when the link's
// last database differs), one RESTORE per key; then one reply line each. A key the target took
// is deleted here (unless COPY) and propagated as DEL; the first error the target sent is the
// reply, and forgets the link's database. A broken link is closed and, unless it timed out
// (plain links only, as in Redis) or the target already answered for a key, opened once more
// and the whole exchange retried (a cached link the target closed meanwhile costs no error);
// otherwise -IOERR.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "persistence/aof.h"
#include "persistence/dump_payload.h"
#include "server/migrate_cache.h"
#include "server/server.h"
#include "storage/database.h"
#include "util/strings.h"

#include <cstdlib>
#include <memory>

namespace redscope::engine {

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

// The port as Redis ends up using it: atoi (strtol's leading number, 0 when there is none,
// cut to an int), then printed for getaddrinfo, which keeps the low 16 bits of a number
// (70000 is 4464); a negative one resolves to nothing (-1 here).
int migratePort(std::string_view text)
{
    const std::string copy(text);
    const auto value =
        static_cast<int>(static_cast<uint32_t>(std::strtol(copy.c_str(), nullptr, 10)));
    return value < 0 ? -1 : value & 0xFFFF;
}

struct Item
{
    std::string key, payload;
    int64_t ttlMs;
};

// One attempt over one link. Returns false on a broken link (with *writeFailed, and
// *answered when a key's reply had come); the reply is then the caller's unless the target
// had already sent an error, which is then the reply (*replied). Otherwise the reply (OK or
// the target's error) has been sent.
bool exchange(CommandContext &ctx, MigrateSocketCache::Entry &entry, const MigrateOptions &options,
              int64_t dbIndex, int64_t timeoutMs, const std::vector<Item> &items, bool *writeFailed,
              bool *answered, bool *replied, std::vector<std::string> *deleted)
{
    SyncLink &link = *entry.link;
    const bool auth = !options.password.empty();
    const bool select = entry.lastDb != dbIndex;
    std::string request;
    if (auth) {
        if (options.username.empty())
            aof::appendCommand(request, {"AUTH", options.password});
        else
            aof::appendCommand(request, {"AUTH", options.username, options.password});
    }
    if (select) aof::appendCommand(request, {"SELECT", formatInt64(dbIndex)});
    for (const Item &item : items) {
        std::vector<std::string> argv = {"RESTORE", item.key, formatInt64(item.ttlMs),
                                         item.payload};
        if (options.replace) argv.push_back("REPLACE");
        aof::appendCommand(request, argv);
    }
    if (!link.writeAll(request, timeoutMs)) {
        *writeFailed = true;
        return false;
    }
    std::string authReply, selectReply, reply, targetError;
    if (auth && !link.readLine(&authReply, timeoutMs)) return false;
    if (select && !link.readLine(&selectReply, timeoutMs)) return false;
    for (const Item &item : items) {
        if (!link.readLine(&reply, timeoutMs)) {
            if (!targetError.empty()) ctx.error(targetError), *replied = true;
            return false;
        }
        *answered = true;
        // An AUTH or SELECT error fails every key, as in Redis: the keys stay here.
        const std::string *failure = auth && authReply.starts_with('-')       ? &authReply
                                     : select && selectReply.starts_with('-') ? &selectReply
                                     : reply.starts_with('-')                 ? &reply
                                                                              : nullptr;
        if (failure) {
            if (targetError.empty()) {
                entry.lastDb = -1;
                targetError = "ERR Target instance replied with error: " + failure->substr(1);
            }
            continue;
        }
        if (options.copy || !ctx.db().remove(item.key)) continue;
        ctx.keyModified(item.key);
        ctx.notify(NotifyGeneric, "del", item.key);
        deleted->push_back(item.key);
    }
    if (!targetError.empty()) return ctx.error(targetError), true;
    entry.lastDb = dbIndex;
    ctx.reply.ok();
    return true;
}

} // namespace

void cmdMigrate(CommandContext &ctx)
{
    MigrateOptions options;
    if (!parseMigrateOptions(ctx, &options)) return;
    int64_t timeoutMs, dbIndex;
    if (!ctx.int64Arg(5, &timeoutMs) || !ctx.int64Arg(4, &dbIndex)) return;
    if (timeoutMs <= 0) timeoutMs = 1000;

    // The keys that exist, with their payloads and remaining TTLs.
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

    const std::string host(ctx.arg(1));
    const int port = migratePort(ctx.arg(2));
    const std::string name = host + ":" + std::string(ctx.arg(2));
    MigrateSocketCache &cache = ctx.server.migrateSockets();
    SSL_CTX *tls = ctx.server.config().tlsCluster ? ctx.server.tlsClientContext() : nullptr;
    if (ctx.server.config().tlsCluster && !tls)
        return ctx.error("IOERR error or timeout connecting to the client");

    std::vector<std::string> deleted;
    for (bool mayRetry = true;; mayRetry = false) {
        const int64_t nowS = Server::wallClockMs() / 1000;
        MigrateSocketCache::Entry *entry = cache.find(name, nowS);
        if (!entry) {
            std::string why;
            std::unique_ptr<SyncLink> link =
                port < 0 ? nullptr : SyncLink::open(host, port, tls, timeoutMs, &why);
            if (!link) return ctx.error("IOERR error or timeout connecting to the client");
            entry = cache.add(name, std::move(link), nowS);
        }
        bool writeFailed = false, answered = false, replied = false;
        if (exchange(ctx, *entry, options, dbIndex, timeoutMs, items, &writeFailed, &answered,
                     &replied, &deleted))
            break;
        // Redis's blocking TLS calls report a timeout as EAGAIN, not ETIMEDOUT, so over TLS
        // a timed-out write or read is retried once like any broken link (two timeouts in
        // all); a plain link's timeout is final.
        const bool timedOut = entry->link->timedOut() && !entry->link->isTls();
        cache.close(name);
        if (replied) break;
        if (!mayRetry || timedOut || answered) {
            ctx.error(std::string("IOERR error or timeout ") +
                      (writeFailed ? "writing" : "reading") + " to target instance");
            break;
        }
    }
    if (!deleted.empty()) {
        // What the AOF and replicas see is the deletion of the keys that left.
        std::vector<std::string> del = {"DEL"};
        del.insert(del.end(), deleted.begin(), deleted.end());
        ctx.propagateAs(std::move(del));
        ctx.addDirty(deleted.size());
    }
}

} // namespace redscope::engine
