// Generic key commands: existence, deletion, expiry (EXPIRE family with NX/XX/GT/LT), TTL,
// TYPE, KEYS, SCAN, DBSIZE, FLUSHDB/FLUSHALL. Expiry is stored as an absolute unix time in
// ms and always propagated as PEXPIREAT, so AOF replay gives the same deadline.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "util/strings.h"

namespace redscope::engine {

static void deleteKeys(CommandContext &ctx)
{
    int64_t removed = 0;
    for (size_t i = 1; i < ctx.argc(); ++i) {
        std::string_view key = ctx.arg(i);
        if (!ctx.lookupWrite(key)) continue;
        ctx.db().remove(key);
        ctx.keyModified(key);
        ctx.notify(NotifyGeneric, "del", key);
        ctx.addDirty();
        ++removed;
    }
    ctx.reply.integer(removed);
}

void cmdDel(CommandContext &ctx) { deleteKeys(ctx); }
// Values are freed inline: our frees are cheap enough that a background thread would cost
// more in locking than it saves, so UNLINK is DEL with Redis's reply.
void cmdUnlink(CommandContext &ctx) { deleteKeys(ctx); }

void cmdExists(CommandContext &ctx)
{
    int64_t count = 0;
    for (size_t i = 1; i < ctx.argc(); ++i)
        if (ctx.lookupRead(ctx.arg(i))) ++count;
    ctx.reply.integer(count);
}

enum ExpireFlags { ExpireNX = 1, ExpireXX = 2, ExpireGT = 4, ExpireLT = 8 };

// Shared body of EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT. `unitMs` is 1000 for seconds;
// `relative` says whether the argument is a duration or an absolute time.
static void expireGeneric(CommandContext &ctx, int64_t unitMs, bool relative)
{
    std::string_view key = ctx.arg(1);
    int64_t amount;
    if (!ctx.int64Arg(2, &amount)) return;
    int flags = 0;
    for (size_t i = 3; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "NX")) flags |= ExpireNX;
        else if (equalsIgnoreCase(option, "XX")) flags |= ExpireXX;
        else if (equalsIgnoreCase(option, "GT")) flags |= ExpireGT;
        else if (equalsIgnoreCase(option, "LT")) flags |= ExpireLT;
        else {
            ctx.error("ERR Unsupported option " + std::string(option));
            return;
        }
    }
    if ((flags & ExpireNX) && (flags & (ExpireXX | ExpireGT | ExpireLT))) {
        ctx.error("ERR NX and XX, GT or LT options at the same time are not compatible");
        return;
    }
    if ((flags & ExpireGT) && (flags & ExpireLT)) {
        ctx.error("ERR GT and LT options at the same time are not compatible");
        return;
    }
    std::string invalid = "ERR invalid expire time in '" + std::string(ctx.spec.name) + "' command";
    int64_t when = amount;
    if (unitMs != 1) {
        if (when > INT64_MAX / unitMs || when < INT64_MIN / unitMs) {
            ctx.error(invalid);
            return;
        }
        when *= unitMs;
    }
    if (relative) {
        if ((when > 0 && ctx.nowMs > INT64_MAX - when) || (when < 0 && ctx.nowMs < INT64_MIN - when)) {
            ctx.error(invalid);
            return;
        }
        when += ctx.nowMs;
    }
    if (!ctx.lookupWrite(key)) {
        ctx.reply.integer(0);
        return;
    }
    int64_t current = ctx.db().expireAt(key);
    if (flags & ExpireNX && current != -1) return ctx.reply.integer(0);
    if (flags & ExpireXX && current == -1) return ctx.reply.integer(0);
    // A key without a TTL counts as an infinite one for GT and LT.
    if (flags & ExpireGT && (current == -1 || when <= current)) return ctx.reply.integer(0);
    if (flags & ExpireLT && current != -1 && when >= current) return ctx.reply.integer(0);

    if (when <= ctx.nowMs) {
        ctx.db().remove(key);
        ctx.keyModified(key);
        ctx.notify(NotifyGeneric, "del", key);
        ctx.addDirty();
        ctx.propagateAs({"DEL", std::string(key)});
        ctx.reply.integer(1);
        return;
    }
    ctx.db().setExpireAt(key, when);
    ctx.keyModified(key);
    ctx.notify(NotifyGeneric, "expire", key);
    ctx.addDirty();
    ctx.propagateAs({"PEXPIREAT", std::string(key), formatInt64(when)});
    ctx.reply.integer(1);
}

void cmdExpire(CommandContext &ctx) { expireGeneric(ctx, 1000, true); }
void cmdPexpire(CommandContext &ctx) { expireGeneric(ctx, 1, true); }
void cmdExpireat(CommandContext &ctx) { expireGeneric(ctx, 1000, false); }
void cmdPexpireat(CommandContext &ctx) { expireGeneric(ctx, 1, false); }

static void ttlGeneric(CommandContext &ctx, bool milliseconds)
{
    std::string_view key = ctx.arg(1);
    if (!ctx.lookupRead(key)) return ctx.reply.integer(-2);
    int64_t when = ctx.db().expireAt(key);
    if (when == -1) return ctx.reply.integer(-1);
    int64_t left = std::max<int64_t>(when - ctx.nowMs, 0);
    ctx.reply.integer(milliseconds ? left : (left + 500) / 1000);
}

void cmdTtl(CommandContext &ctx) { ttlGeneric(ctx, false); }
void cmdPttl(CommandContext &ctx) { ttlGeneric(ctx, true); }

void cmdPersist(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    if (!ctx.lookupWrite(key) || !ctx.db().clearExpire(key)) return ctx.reply.integer(0);
    ctx.keyModified(key);
    ctx.notify(NotifyGeneric, "persist", key);
    ctx.addDirty();
    ctx.reply.integer(1);
}

void cmdType(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(1));
    ctx.reply.status(value ? value->typeName() : "none");
}

void cmdKeys(CommandContext &ctx)
{
    std::string_view pattern = ctx.arg(1);
    bool all = pattern == "*";
    Database &db = ctx.db();
    std::vector<std::string> expired;
    size_t slot = ctx.reply.beginDeferredArray();
    size_t count = 0;
    db.keys().forEach([&](const std::string &key, Value &) {
        if (!all && !globMatch(pattern, key)) return;
        int64_t when = db.expires().size() ? db.expireAt(key) : -1;
        if (when != -1 && when <= ctx.nowMs) {
            expired.push_back(key);
            return;
        }
        ctx.reply.bulk(key);
        ++count;
    });
    ctx.reply.endDeferredArray(slot, count);
    for (const std::string &key : expired) db.lookup(key, ctx.nowMs); // lazy-expire them
}

// Shared by SCAN (keys) and, through parseScanOptions, by HSCAN/SSCAN/ZSCAN.
bool parseScanCursor(CommandContext &ctx, size_t index, uint64_t *cursor)
{
    std::string_view text = ctx.arg(index);
    uint64_t value = 0;
    bool ok = !text.empty() && text.size() <= 20;
    for (char c : text) {
        if (c < '0' || c > '9' || value > (UINT64_MAX - static_cast<uint64_t>(c - '0')) / 10) {
            ok = false;
            break;
        }
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!ok) {
        ctx.error("ERR invalid cursor");
        return false;
    }
    *cursor = value;
    return true;
}

void cmdScan(CommandContext &ctx)
{
    uint64_t cursor;
    if (!parseScanCursor(ctx, 1, &cursor)) return;
    std::string_view pattern;
    bool hasPattern = false;
    int64_t count = 10;
    std::string_view typeFilter;
    for (size_t i = 2; i < ctx.argc(); i += 2) {
        if (i + 1 >= ctx.argc()) return ctx.syntaxError();
        std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "MATCH")) {
            pattern = ctx.arg(i + 1);
            hasPattern = pattern != "*";
        } else if (equalsIgnoreCase(option, "COUNT")) {
            if (!ctx.int64Arg(i + 1, &count)) return;
            if (count < 1) return ctx.syntaxError();
        } else if (equalsIgnoreCase(option, "TYPE")) {
            typeFilter = ctx.arg(i + 1);
        } else {
            return ctx.syntaxError();
        }
    }
    Database &db = ctx.db();
    std::vector<std::string> found;
    std::vector<std::string> expired;
    // Like Redis: visit buckets until COUNT elements were seen or 10*COUNT buckets tried, so
    // a sparse table cannot make one call walk the whole keyspace.
    int64_t maxIterations = count * 10;
    size_t seen = 0;
    do {
        cursor = db.keys().scan(cursor, [&](const std::string &key, Value &value) {
            ++seen;
            if (hasPattern && !globMatch(pattern, key)) return;
            if (!typeFilter.empty() && !equalsIgnoreCase(typeFilter, value.typeName())) return;
            int64_t when = db.expires().size() ? db.expireAt(key) : -1;
            if (when != -1 && when <= ctx.nowMs) {
                expired.push_back(key);
                return;
            }
            found.push_back(key);
        });
    } while (cursor != 0 && --maxIterations > 0 && static_cast<int64_t>(seen) < count);
    for (const std::string &key : expired) db.lookup(key, ctx.nowMs);
    ctx.reply.arrayHeader(2);
    ctx.reply.bulk(std::to_string(cursor));
    ctx.reply.arrayHeader(found.size());
    for (const std::string &key : found) ctx.reply.bulk(key);
}

void cmdDbsize(CommandContext &ctx) { ctx.reply.integer(static_cast<int64_t>(ctx.db().size())); }

static bool parseFlushMode(CommandContext &ctx)
{
    if (ctx.argc() == 1) return true;
    if (ctx.argc() == 2 && (equalsIgnoreCase(ctx.arg(1), "ASYNC") || equalsIgnoreCase(ctx.arg(1), "SYNC")))
        return true;
    ctx.syntaxError();
    return false;
}

void cmdFlushdb(CommandContext &ctx)
{
    if (!parseFlushMode(ctx)) return;
    Database &db = ctx.db();
    ctx.addDirty(db.size());
    ctx.server.touchAllWatchedKeys(db.index());
    db.clear();
    ctx.reply.ok();
}

void cmdFlushall(CommandContext &ctx)
{
    if (!parseFlushMode(ctx)) return;
    for (int i = 0; i < ctx.server.dbCount(); ++i) {
        Database &db = ctx.server.db(i);
        ctx.addDirty(db.size());
        ctx.server.touchAllWatchedKeys(i);
        db.clear();
    }
    ctx.addDirty();
    ctx.reply.ok();
}

} // namespace redscope::engine
