// Generic key commands: existence, deletion, expiry (EXPIRE family with NX/XX/GT/LT), TTL,
// TYPE, KEYS, SCAN, DBSIZE, FLUSHDB/FLUSHALL, and the commands that move values between
// names and databases (RENAME, COPY, MOVE, SWAPDB) plus OBJECT, TOUCH and RANDOMKEY. Expiry
// is stored as an absolute unix time in ms and always propagated as PEXPIREAT, so AOF replay
// gives the same deadline; values that change name or database carry their deadline along.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "server/eviction.h"
#include "server/server.h"
#include "util/strings.h"

#include <charconv>

namespace redscope::engine {

// lazy: big values are freed by the lazy-free thread (server/lazy_free.h).
static void deleteKeys(CommandContext &ctx, bool lazy)
{
    int64_t removed = 0;
    for (size_t i = 1; i < ctx.argc(); ++i) {
        std::string_view key = ctx.arg(i);
        if (!ctx.lookupWrite(key)) continue;
        if (!lazy)
            ctx.db().remove(key);
        else if (std::optional<Value> value = ctx.db().take(key))
            ctx.server.lazyFree().free(std::move(*value));
        ctx.keyModified(key);
        ctx.notify(NotifyGeneric, "del", key);
        ctx.addDirty();
        ++removed;
    }
    ctx.reply.integer(removed);
}

void cmdDel(CommandContext &ctx)
{
    deleteKeys(ctx, ctx.server.config().lazyfreeLazyUserDel);
}
void cmdUnlink(CommandContext &ctx)
{
    deleteKeys(ctx, true);
}

void cmdExists(CommandContext &ctx)
{
    int64_t count = 0;
    for (size_t i = 1; i < ctx.argc(); ++i)
        if (ctx.lookupReadNoTouch(ctx.arg(i))) ++count;
    ctx.reply.integer(count);
}

enum ExpireFlags { ExpireNX = 1, ExpireXX = 2, ExpireGT = 4, ExpireLT = 8 };

// Shared body of EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT. `unitMs` is 1000 for seconds;
// `relative` says whether the argument is a duration or an absolute time.
static void expireGeneric(CommandContext &ctx, int64_t unitMs, bool relative)
{
    std::string_view key = ctx.arg(1);
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
    // Options are checked before the number, as Redis does.
    int64_t amount;
    if (!ctx.int64Arg(2, &amount)) return;
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

// Milliseconds to seconds, rounded half up like Redis's (ms + 500) / 1000, without its
// signed overflow near INT64_MAX (PEXPIREAT k 9223372036854775807, then EXPIRETIME k).
static int64_t roundedSeconds(int64_t ms)
{
    int64_t seconds = ms / 1000, rest = ms % 1000;
    return seconds + (rest >= 500 ? 1 : 0) - (rest < -500 ? 1 : 0);
}

static void ttlGeneric(CommandContext &ctx, bool milliseconds)
{
    std::string_view key = ctx.arg(1);
    if (!ctx.lookupReadNoTouch(key)) return ctx.reply.integer(-2);
    int64_t when = ctx.db().expireAt(key);
    if (when == -1) return ctx.reply.integer(-1);
    int64_t left = std::max<int64_t>(when - ctx.nowMs, 0);
    ctx.reply.integer(milliseconds ? left : roundedSeconds(left));
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
    Value *value = ctx.lookupReadNoTouch(ctx.arg(1));
    ctx.reply.status(value ? value->typeName() : "none");
}

// A deadline (-1: none) that has passed at nowMs.
static bool isPast(int64_t whenMs, int64_t nowMs)
{
    return whenMs != -1 && whenMs <= nowMs;
}

void cmdKeys(CommandContext &ctx)
{
    std::string_view pattern = ctx.arg(1);
    bool all = pattern == "*";
    Database &db = ctx.db();
    std::vector<std::string> expired;
    size_t slot = ctx.reply.beginDeferredArray();
    size_t count = 0;
    db.keys().forEach([&](std::string_view key, Value &value) {
        if (!all && !globMatch(pattern, key)) return;
        if (value.hasTtl() && isPast(db.expireAt(key), ctx.nowMs)) {
            expired.emplace_back(key);
            return;
        }
        ctx.reply.bulk(key);
        ++count;
    });
    ctx.reply.endDeferredArray(slot, count);
    for (const std::string &key : expired) db.lookup(key, ctx.nowMs); // lazy-expire them
}

// Shared by SCAN (keys) and, through parseScanOptions, by HSCAN/SSCAN/ZSCAN. Accepts what
// Redis's strtoul-based parser accepts: "" (cursor 0), an optional sign ("-N" wraps modulo
// 2^64, as strtoul does), no leading space, no overflow.
bool parseScanCursor(CommandContext &ctx, size_t index, uint64_t *cursor)
{
    std::string_view text = ctx.arg(index);
    bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
    uint64_t value = 0;
    bool ok = text.size() <= 20 && (!text.empty() || ctx.arg(index).empty());
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
    *cursor = negative ? 0 - value : value;
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
    // TYPE: the type it names, or none (an unknown name matches no key, as in Redis 7.0).
    std::optional<ValueType> wantedType;
    bool typeMatchesNothing = false;
    if (!typeFilter.empty()) {
        for (int t = 0; t <= static_cast<int>(ValueType::Stream); ++t) {
            if (equalsIgnoreCase(typeFilter, valueTypeName(static_cast<ValueType>(t))))
                wantedType = static_cast<ValueType>(t);
        }
        typeMatchesNothing = !wantedType;
    }
    Database &db = ctx.db();
    // Views of the keys' own bytes, written to the reply before anything is deleted; one
    // vector per thread, so a busy SCAN loop does not allocate for it.
    static thread_local std::vector<std::string_view> found;
    found.clear();
    std::vector<std::string> expired;
    // Like Redis: visit buckets until COUNT elements were seen or 10*COUNT buckets tried, so
    // a sparse table cannot make one call walk the whole keyspace. Only keys marked as having
    // a TTL cost an expiry lookup.
    const auto wanted = static_cast<size_t>(count);
    cursor =
        db.keys().scanMany(cursor, wanted * 10, wanted, [&](std::string_view key, Value &value) {
            if (hasPattern && !globMatch(pattern, key)) return;
            if (typeMatchesNothing || (wantedType && value.type() != *wantedType)) return;
            if (value.hasTtl() && isPast(db.expireAt(key), ctx.nowMs)) {
                expired.emplace_back(key);
                return;
            }
            found.push_back(key);
        });
    ctx.reply.arrayHeader(2);
    char digits[24];
    auto written = std::to_chars(digits, digits + sizeof digits, cursor);
    ctx.reply.bulk(std::string_view(digits, static_cast<size_t>(written.ptr - digits)));
    ctx.reply.arrayHeader(found.size());
    for (std::string_view key : found)
        ctx.reply.bulk(key);
    found.clear();
    for (const std::string &key : expired)
        db.lookup(key, ctx.nowMs); // lazy-expire them
}

void cmdDbsize(CommandContext &ctx) { ctx.reply.integer(static_cast<int64_t>(ctx.db().size())); }

// *lazy: ASYNC, or no argument with lazyfree-lazy-user-flush yes.
static bool parseFlushMode(CommandContext &ctx, bool *lazy)
{
    *lazy = ctx.server.config().lazyfreeLazyUserFlush;
    if (ctx.argc() == 1) return true;
    if (ctx.argc() == 2 &&
        (equalsIgnoreCase(ctx.arg(1), "ASYNC") || equalsIgnoreCase(ctx.arg(1), "SYNC"))) {
        *lazy = equalsIgnoreCase(ctx.arg(1), "ASYNC");
        return true;
    }
    ctx.syntaxError();
    return false;
}

static void flushDatabase(CommandContext &ctx, Database &db, bool lazy)
{
    if (!lazy) return db.clear();
    auto [keys, expires] = db.detachAll();
    ctx.server.lazyFree().freeKeys(std::move(keys), std::move(expires));
}

void cmdFlushdb(CommandContext &ctx)
{
    bool lazy = false;
    if (!parseFlushMode(ctx, &lazy)) return;
    Database &db = ctx.db();
    ctx.addDirty(db.size());
    ctx.server.touchAllWatchedKeys(db.index(), true);
    flushDatabase(ctx, db, lazy);
    ctx.server.tracking().flushed();
    ctx.reply.ok();
}

void cmdFlushall(CommandContext &ctx)
{
    bool lazy = false;
    if (!parseFlushMode(ctx, &lazy)) return;
    for (int i = 0; i < ctx.server.dbCount(); ++i) {
        Database &db = ctx.server.db(i);
        ctx.addDirty(db.size());
        ctx.server.touchAllWatchedKeys(i, true);
        flushDatabase(ctx, db, lazy);
    }
    ctx.server.tracking().flushed();
    ctx.addDirty();
    ctx.reply.ok();
}

// ---------------------------------------------------------------------------------------
// Renaming, copying and moving values

namespace {

// Side effects of a write to `key` in a database that may not be the client's.
void touchKeyIn(CommandContext &ctx, int dbIndex, std::string_view key, std::string_view event)
{
    ctx.server.signalModifiedKey(dbIndex, key);
    ctx.server.signalKeyAsReady(dbIndex, key);
    ctx.server.notifyKeyspaceEvent(NotifyGeneric, event, key, dbIndex);
}

// Parses a database index argument; replies Redis's errors (not an integer, out of range).
bool dbIndexArg(CommandContext &ctx, size_t index, int *out)
{
    int64_t number;
    if (!ctx.int64Arg(index, &number)) return false;
    if (number < INT32_MIN || number > INT32_MAX) {
        ctx.error(errors::kNotInteger);
        return false;
    }
    if (number < 0 || number >= ctx.server.dbCount()) {
        ctx.error(errors::kDbIndexOutOfRange);
        return false;
    }
    *out = static_cast<int>(number);
    return true;
}

void renameGeneric(CommandContext &ctx, bool onlyIfAbsent)
{
    std::string_view source = ctx.arg(1), target = ctx.arg(2);
    if (!ctx.lookupWrite(source)) return ctx.error(errors::kNoSuchKey);
    if (source == target) return onlyIfAbsent ? ctx.reply.integer(0) : ctx.reply.ok();
    bool targetExists = ctx.lookupWrite(target) != nullptr;
    if (targetExists && onlyIfAbsent) return ctx.reply.integer(0);
    Database &db = ctx.db();
    int64_t expireAt = db.expireAt(source);
    std::optional<Value> value = db.take(source);
    if (targetExists) db.remove(target);
    db.set(target, std::move(*value));
    if (expireAt != -1) db.setExpireAt(target, expireAt);
    ctx.keyModified(source);
    ctx.keyModified(target);
    ctx.notify(NotifyGeneric, "rename_from", source);
    ctx.notify(NotifyGeneric, "rename_to", target);
    ctx.addDirty();
    onlyIfAbsent ? ctx.reply.integer(1) : ctx.reply.ok();
}

} // namespace

void cmdRename(CommandContext &ctx)
{
    renameGeneric(ctx, false);
}
void cmdRenamenx(CommandContext &ctx)
{
    renameGeneric(ctx, true);
}

// COPY source destination [DB index] [REPLACE]: a deep copy, TTL included.
void cmdCopy(CommandContext &ctx)
{
    int targetDb = ctx.client.dbIndex;
    bool replace = false;
    for (size_t i = 3; i < ctx.argc(); ++i) {
        if (equalsIgnoreCase(ctx.arg(i), "REPLACE")) {
            replace = true;
        } else if (equalsIgnoreCase(ctx.arg(i), "DB") && i + 1 < ctx.argc()) {
            if (!dbIndexArg(ctx, ++i, &targetDb)) return;
        } else {
            return ctx.syntaxError();
        }
    }
    std::string_view source = ctx.arg(1), target = ctx.arg(2);
    if (source == target && targetDb == ctx.client.dbIndex)
        return ctx.error("ERR source and destination objects are the same");
    Value *value = ctx.lookupWrite(source);
    if (!value) return ctx.reply.integer(0);
    Database &destination = ctx.server.db(targetDb);
    if (destination.lookup(target, ctx.nowMs)) {
        if (!replace) return ctx.reply.integer(0);
        destination.remove(target);
    }
    int64_t expireAt = ctx.db().expireAt(source);
    destination.set(target, value->clone());
    if (expireAt != -1) destination.setExpireAt(target, expireAt);
    touchKeyIn(ctx, targetDb, target, "copy_to");
    ctx.addDirty();
    ctx.reply.integer(1);
}

void cmdMove(CommandContext &ctx)
{
    int targetDb;
    if (!dbIndexArg(ctx, 2, &targetDb)) return;
    if (targetDb == ctx.client.dbIndex)
        return ctx.error("ERR source and destination objects are the same");
    std::string_view key = ctx.arg(1);
    if (!ctx.lookupWrite(key)) return ctx.reply.integer(0);
    Database &destination = ctx.server.db(targetDb);
    if (destination.lookup(key, ctx.nowMs)) return ctx.reply.integer(0);
    int64_t expireAt = ctx.db().expireAt(key);
    std::optional<Value> value = ctx.db().take(key);
    destination.set(key, std::move(*value));
    if (expireAt != -1) destination.setExpireAt(key, expireAt);
    touchKeyIn(ctx, ctx.client.dbIndex, key, "move_from");
    touchKeyIn(ctx, targetDb, key, "move_to");
    ctx.addDirty();
    ctx.reply.integer(1);
}

void cmdSwapdb(CommandContext &ctx)
{
    int64_t first, second;
    if (!parseInt64(ctx.arg(1), &first)) return ctx.error("ERR invalid first DB index");
    if (!parseInt64(ctx.arg(2), &second)) return ctx.error("ERR invalid second DB index");
    if (first < 0 || first >= ctx.server.dbCount() || second < 0 || second >= ctx.server.dbCount())
        return ctx.error(errors::kDbIndexOutOfRange);
    if (first != second) {
        ctx.server.db(static_cast<int>(first)).swap(ctx.server.db(static_cast<int>(second)));
        ctx.server.touchAllWatchedKeys(static_cast<int>(first));
        ctx.server.touchAllWatchedKeys(static_cast<int>(second));
        // Clients blocked on a key that now holds data (it came with the other db) are
        // woken like after a push. O(clients), as in Redis.
        for (const auto &entry : ctx.server.clients()) {
            const Client &client = *entry.second;
            if (!client.blocked || (client.dbIndex != first && client.dbIndex != second)) continue;
            for (const std::string &key : client.blockingKeys)
                if (ctx.server.db(client.dbIndex).peek(key))
                    ctx.server.signalKeyAsReady(client.dbIndex, key);
        }
    }
    ctx.addDirty();
    ctx.reply.ok();
}

// ---------------------------------------------------------------------------------------
// Introspection: RANDOMKEY, EXPIRETIME, TOUCH, OBJECT

void cmdRandomkey(CommandContext &ctx)
{
    Database &db = ctx.db();
    // Expired keys met on the way are deleted lazily, so the loop ends: either a live key is
    // found or the table runs empty. A read-only replica only hides them (Database::
    // keepsExpired): when every key has a TTL they may all be past it, so after 100 tries it
    // answers with the one it drew, as Redis's replicas do.
    for (int tries = 1; db.size(); ++tries) {
        auto entry = db.keys().randomEntry(ctx.server.random());
        std::string key(*entry.first);
        if (db.lookup(key, ctx.nowMs)) return ctx.reply.bulk(key);
        if (tries >= 100 && db.expiresCount() == db.size() && db.peek(key))
            return ctx.reply.bulk(key);
    }
    ctx.reply.nullBulk();
}

static void expireTimeGeneric(CommandContext &ctx, bool milliseconds)
{
    std::string_view key = ctx.arg(1);
    if (!ctx.lookupReadNoTouch(key)) return ctx.reply.integer(-2);
    int64_t when = ctx.db().expireAt(key);
    if (when == -1) return ctx.reply.integer(-1);
    ctx.reply.integer(milliseconds ? when : roundedSeconds(when));
}

void cmdExpiretime(CommandContext &ctx)
{
    expireTimeGeneric(ctx, false);
}
void cmdPexpiretime(CommandContext &ctx)
{
    expireTimeGeneric(ctx, true);
}

void cmdTouch(CommandContext &ctx)
{
    int64_t count = 0;
    for (size_t i = 1; i < ctx.argc(); ++i)
        if (ctx.lookupRead(ctx.arg(i))) ++count;
    ctx.reply.integer(count);
}

namespace {

constexpr std::string_view kPolicyNote =
    " Please note that when switching between policies at runtime LRU and LFU data will take "
    "some time to adjust.";

bool lfuPolicy(CommandContext &ctx)
{
    return ctx.server.config().maxMemoryPolicy.find("lfu") != std::string::npos;
}

// Redis shares one object for the integers 0..9999 unless an LRU/LFU policy needs per-key
// access data; OBJECT REFCOUNT reports INT_MAX for those. We mirror the answer.
int64_t refCount(CommandContext &ctx, const Value &value)
{
    int64_t number;
    const std::string &policy = ctx.server.config().maxMemoryPolicy;
    bool sharingAllowed =
        ctx.server.config().maxMemory == 0 ||
        (policy.find("lru") == std::string::npos && policy.find("lfu") == std::string::npos);
    if (value.type() == ValueType::String && sharingAllowed && value.string().size() <= 4 &&
        parseInt64(value.string(), &number) && number >= 0 && number < 10000)
        return INT32_MAX;
    return 1;
}

// The value OBJECT asks about. Lookups do not touch the access clock, so asking for
// IDLETIME does not reset it. nullptr (after replying nil) when the key does not exist.
Value *objectValue(CommandContext &ctx)
{
    Value *value = ctx.db().lookup(ctx.arg(2), ctx.nowMs);
    if (!value) ctx.reply.nullBulk();
    return value;
}

} // namespace

// OBJECT ENCODING|REFCOUNT|IDLETIME|FREQ key, OBJECT HELP.
void cmdObjectEncoding(CommandContext &ctx)
{
    if (Value *value = objectValue(ctx)) ctx.reply.bulk(value->encodingName());
}

void cmdObjectRefcount(CommandContext &ctx)
{
    if (Value *value = objectValue(ctx)) ctx.reply.integer(refCount(ctx, *value));
}

void cmdObjectIdletime(CommandContext &ctx)
{
    Value *value = objectValue(ctx);
    if (!value) return;
    if (lfuPolicy(ctx))
        return ctx.error("ERR An LFU maxmemory policy is selected, idle time not tracked." +
                         std::string(kPolicyNote));
    ctx.reply.integer(value->idleMs(ctx.nowMs) / 1000);
}

void cmdObjectFreq(CommandContext &ctx)
{
    Value *value = objectValue(ctx);
    if (!value) return;
    if (!lfuPolicy(ctx))
        return ctx.error("ERR An LFU maxmemory policy is not selected, access frequency not "
                         "tracked." +
                         std::string(kPolicyNote));
    ctx.reply.integer(ctx.server.evictor().lfuFrequency(*value, ctx.nowMs));
}

void cmdObjectHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
    };
    replyHelp(ctx, "OBJECT", lines);
}

} // namespace redscope::engine
