// Hash commands (HSET, HGET, HINCRBY, HRANDFIELD, HSCAN, ...) over HashValue
// (storage/hash_value.h), packed while small and a hash table past the
// hash-max-listpack-* limits. The commands decide when to convert exactly where Redis 7.0
// does (argument lengths of HSET/HMSET before any change, of HSETNX once the field is known
// to be new; entry counts and computed values inside HashValue::set),
// so OBJECT ENCODING agrees with Redis. A hash left without fields is deleted with its key,
// as in Redis. HINCRBYFLOAT is propagated as HSET of the computed value, so replaying it
// cannot drift through a different float rounding.
#include "commands/collection_helpers.h"
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace redscope::engine {

namespace {

// The hash at key for reading; nullptr when absent or (already answered) of another type.
HashValue *readHash(CommandContext &ctx, std::string_view key)
{
    Value *value = ctx.lookupRead(key, ValueType::Hash);
    return value ? &value->hash() : nullptr;
}

// The hash at key for writing, created when absent; nullptr only after a WRONGTYPE reply.
HashValue *writeHash(CommandContext &ctx, std::string_view key)
{
    Value *value = ctx.lookupWrite(key, ValueType::Hash);
    if (ctx.wrongType()) return nullptr;
    if (!value) value = ctx.db().add(key, Value::newHash());
    return &value->hash();
}

void afterWrite(CommandContext &ctx, std::string_view event, std::string_view key,
                uint64_t dirty = 1)
{
    ctx.keyModified(key);
    ctx.notify(NotifyHash, event, key);
    ctx.addDirty(dirty);
}

// Redis checks every field and value about to be stored before it sets any: one longer
// than hash-max-listpack-value converts a packed hash first (HSET/HMSET: even when a later
// pair fails nothing, all pairs are checked up front).
void convertIfLongArgument(CommandContext &ctx, HashValue *hash, size_t first,
                           const HashLimits &limits)
{
    size_t longest = 0;
    for (size_t i = first; i < ctx.argc(); ++i)
        longest = std::max(longest, ctx.arg(i).size());
    hash->convertIfLonger(longest, limits);
}

// HSET and HMSET: field/value pairs from argv[2]; returns how many fields were new.
bool setPairs(CommandContext &ctx, int64_t *added)
{
    if (ctx.argc() % 2 != 0) {
        ctx.error("ERR wrong number of arguments for '" + std::string(ctx.spec.name) + "' command");
        return false;
    }
    std::string_view key = ctx.arg(1);
    HashValue *hash = writeHash(ctx, key);
    if (!hash) return false;
    const HashLimits limits = ctx.server.hashLimits();
    convertIfLongArgument(ctx, hash, 2, limits);
    *added = 0;
    for (size_t i = 2; i < ctx.argc(); i += 2) {
        if (hash->set(ctx.arg(i), ctx.arg(i + 1), limits)) ++*added;
    }
    afterWrite(ctx, "hset", key);
    return true;
}

// Strict long double parsing as Redis's string2ld: no spaces, no NaN, whole text consumed.
bool parseLongDouble(std::string_view text, long double *out)
{
    if (text.empty() || text.size() >= 5120) return false;
    if (std::isspace(static_cast<unsigned char>(text.front()))) return false;
    std::string buffer(text);
    if (std::strlen(buffer.c_str()) != buffer.size()) return false;
    char *end = nullptr;
    errno = 0;
    long double value = std::strtold(buffer.c_str(), &end);
    if (end != buffer.c_str() + buffer.size() || std::isnan(value)) return false;
    if (errno == ERANGE && !std::isinf(value) && value != 0) return false;
    *out = value;
    return true;
}

} // namespace

void cmdHset(CommandContext &ctx)
{
    int64_t added;
    if (setPairs(ctx, &added)) ctx.reply.integer(added);
}

void cmdHmset(CommandContext &ctx)
{
    int64_t added;
    if (setPairs(ctx, &added)) ctx.reply.ok();
}

void cmdHsetnx(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    HashValue *hash = writeHash(ctx, key);
    if (!hash) return;
    if (hash->exists(ctx.arg(2))) return ctx.reply.integer(0); // before any conversion
    const HashLimits limits = ctx.server.hashLimits();
    convertIfLongArgument(ctx, hash, 2, limits);
    hash->set(ctx.arg(2), ctx.arg(3), limits);
    afterWrite(ctx, "hset", key);
    ctx.reply.integer(1);
}

void cmdHget(CommandContext &ctx)
{
    HashValue *hash = readHash(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    std::optional<std::string_view> field;
    if (hash) field = hash->get(ctx.arg(2));
    if (field)
        ctx.reply.bulk(*field);
    else
        ctx.reply.nullBulk();
}

void cmdHmget(CommandContext &ctx)
{
    HashValue *hash = readHash(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    ctx.reply.arrayHeader(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i) {
        std::optional<std::string_view> field;
        if (hash) field = hash->get(ctx.arg(i));
        if (field)
            ctx.reply.bulk(*field);
        else
            ctx.reply.nullBulk();
    }
}

void cmdHgetall(CommandContext &ctx)
{
    HashValue *hash = readHash(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    if (!hash) return ctx.reply.mapHeader(0);
    ctx.reply.mapHeader(hash->size());
    hash->forEach([&](std::string_view field, std::string_view value) {
        ctx.reply.bulk(field);
        ctx.reply.bulk(value);
    });
}

// HKEYS and HVALS.
static void replyHashColumn(CommandContext &ctx, bool values)
{
    HashValue *hash = readHash(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    ctx.reply.arrayHeader(hash ? hash->size() : 0);
    if (hash)
        hash->forEach([&](std::string_view field, std::string_view value) {
            ctx.reply.bulk(values ? value : field);
        });
}

void cmdHkeys(CommandContext &ctx)
{
    replyHashColumn(ctx, false);
}
void cmdHvals(CommandContext &ctx)
{
    replyHashColumn(ctx, true);
}

void cmdHdel(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::Hash);
    if (!value) return ctx.wrongType() ? void() : ctx.reply.integer(0);
    int64_t deleted = 0;
    for (size_t i = 2; i < ctx.argc(); ++i) {
        if (value->hash().erase(ctx.arg(i))) ++deleted;
    }
    if (deleted > 0) {
        afterWrite(ctx, "hdel", key, static_cast<uint64_t>(deleted));
        ctx.deleteIfEmpty(key, value);
    }
    ctx.reply.integer(deleted);
}

void cmdHlen(CommandContext &ctx)
{
    HashValue *hash = readHash(ctx, ctx.arg(1));
    if (!ctx.wrongType()) ctx.reply.integer(hash ? static_cast<int64_t>(hash->size()) : 0);
}

void cmdHexists(CommandContext &ctx)
{
    HashValue *hash = readHash(ctx, ctx.arg(1));
    if (!ctx.wrongType()) ctx.reply.integer(hash && hash->exists(ctx.arg(2)) ? 1 : 0);
}

void cmdHstrlen(CommandContext &ctx)
{
    HashValue *hash = readHash(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    std::optional<std::string_view> field;
    if (hash) field = hash->get(ctx.arg(2));
    ctx.reply.integer(field ? static_cast<int64_t>(field->size()) : 0);
}

void cmdHincrby(CommandContext &ctx)
{
    int64_t increment;
    if (!ctx.int64Arg(3, &increment)) return;
    std::string_view key = ctx.arg(1);
    HashValue *hash = writeHash(ctx, key);
    if (!hash) return;
    int64_t current = 0;
    std::optional<std::string_view> field = hash->get(ctx.arg(2));
    if (field && !parseInt64(*field, &current))
        return ctx.error("ERR hash value is not an integer");
    if ((increment > 0 && current > INT64_MAX - increment) ||
        (increment < 0 && current < INT64_MIN - increment))
        return ctx.error(errors::kOverflow);
    std::string result = formatInt64(current + increment);
    hash->set(ctx.arg(2), result, ctx.server.hashLimits());
    afterWrite(ctx, "hincrby", key);
    ctx.reply.integer(current + increment);
}

void cmdHincrbyfloat(CommandContext &ctx)
{
    long double increment;
    if (!parseLongDouble(ctx.arg(3), &increment)) return ctx.error(errors::kNotFloat);
    if (std::isinf(increment)) return ctx.error("ERR value is NaN or Infinity");
    std::string_view key = ctx.arg(1);
    HashValue *hash = writeHash(ctx, key);
    if (!hash) return;
    long double current = 0;
    std::optional<std::string_view> field = hash->get(ctx.arg(2));
    if (field && !parseLongDouble(*field, &current))
        return ctx.error("ERR hash value is not a float");
    long double sum = current + increment;
    if (std::isnan(sum) || std::isinf(sum))
        return ctx.error("ERR increment would produce NaN or Infinity");
    std::string result = formatLongDouble(sum);
    hash->set(ctx.arg(2), result, ctx.server.hashLimits());
    afterWrite(ctx, "hincrbyfloat", key);
    ctx.propagateAs({"HSET", std::string(key), std::string(ctx.arg(2)), result});
    ctx.reply.bulk(result);
}

// HRANDFIELD key [count [WITHVALUES]]: a positive count gives distinct fields (at most the
// whole hash), a negative one |count| independent draws that may repeat.
void cmdHrandfield(CommandContext &ctx)
{
    RandomPick pick;
    HashValue *hash =
        parseRandomPick(ctx, "WITHVALUES", &pick, [&] { return readHash(ctx, ctx.arg(1)); });
    if (!hash) return;
    if (pick.single) return ctx.reply.bulk(hash->randomPair(ctx.server.random()).first);

    auto replyEntry = [&](std::string_view field, std::string_view value) {
        pick.replyPairHeader(ctx);
        ctx.reply.bulk(field);
        if (pick.withExtra) ctx.reply.bulk(value);
    };
    size_t entries = pick.entries(hash->size());
    pick.replyHeader(ctx, entries);
    if (pick.count < 0) {
        hash->randomPairs(entries, ctx.server.random(), replyEntry);
    } else if (entries == hash->size()) {
        hash->forEach(replyEntry);
    } else {
        for (auto [field, value] : hash->randomDistinct(entries, ctx.server.random()))
            replyEntry(field, value);
    }
}

void cmdHscan(CommandContext &ctx)
{
    uint64_t cursor;
    if (!parseScanCursor(ctx, 2, &cursor)) return;
    HashValue *hash = readHash(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    CollectionScanOptions options;
    if (hash && !parseCollectionScanOptions(ctx, 3, &options)) return;
    std::vector<std::string> items;
    if (hash) {
        size_t visited = 0;
        cursor = runScanLoop(cursor, options, visited, [&](uint64_t at) {
            return hash->scan(at, [&](std::string_view field, std::string_view value) {
                ++visited;
                if (options.hasPattern && !globMatch(options.pattern, field)) return;
                items.emplace_back(field);
                items.emplace_back(value);
            });
        });
    } else {
        cursor = 0;
    }
    replyScan(ctx, cursor, items);
}

} // namespace redscope::engine
