// Set commands (SADD, SINTER, SPOP, SSCAN, ...) over SetValue (storage/set_value.h): small
// integer-only sets are sorted IntSets (and so come back sorted, as from Redis), the others
// hash tables. Which one a command leaves behind follows Redis 7.0 (tested side by side):
// a new set, including a SINTERSTORE/SUNIONSTORE/SDIFFSTORE result, an SMOVE destination or
// what SPOP leaves when it rebuilds the set, starts as an IntSet and converts when a member
// or the size calls for it; set-max-intset-entries is read on every add.
//
// Intersections walk the smallest input and probe the others (O(N * M) worst case, N the
// smallest cardinality), as Redis does. SPOP is non-deterministic, so it is propagated as
// the SREM of the members it actually removed.
#include "commands/collection_helpers.h"
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>

namespace redscope::engine {

namespace {

SetValue *readSet(CommandContext &ctx, std::string_view key)
{
    Value *value = ctx.lookupRead(key, ValueType::Set);
    return value ? &value->set() : nullptr;
}

void afterWrite(CommandContext &ctx, std::string_view event, std::string_view key,
                uint64_t dirty = 1)
{
    ctx.keyModified(key);
    ctx.notify(NotifySet, event, key);
    ctx.addDirty(dirty);
}

size_t maxIntsetEntries(CommandContext &ctx)
{
    return static_cast<size_t>(ctx.server.config().setMaxIntsetEntries);
}

// deferred: the header written as Redis writes SINTER's, a deferred length (which places the
// reply in the reply list: server/reply_buffer.h).
void replyMembers(CommandContext &ctx, const SetValue &set, bool deferred = false)
{
    const size_t slot = deferred ? ctx.reply.beginDeferredSet() : 0;
    if (!deferred) ctx.reply.setHeader(set.size());
    set.forEach([&](std::string_view member) { ctx.reply.bulk(member); });
    if (deferred) ctx.reply.endDeferredSet(slot, set.size());
}

enum class SetOp { Inter, Union, Diff };

// Loads the sets named by argv[first..last]; missing keys are nullptr. False after a
// WRONGTYPE reply (every key is type-checked, even after a missing one).
bool loadSets(CommandContext &ctx, size_t first, size_t last, std::vector<SetValue *> *sets)
{
    for (size_t i = first; i <= last; ++i) {
        SetValue *set = readSet(ctx, ctx.arg(i));
        if (ctx.wrongType()) return false;
        sets->push_back(set);
    }
    return true;
}

// Computes the set operation over `sets` (nullptr = empty set). The result is built as a new
// set, so it is an IntSet when its members allow, whatever the inputs were.
SetValue combine(SetOp op, std::vector<SetValue *> &sets, size_t maxIntset)
{
    SetValue result;
    if (sets.empty()) return result;
    if (op == SetOp::Inter) {
        if (std::find(sets.begin(), sets.end(), nullptr) != sets.end()) return result;
        std::sort(sets.begin(), sets.end(),
                  [](SetValue *a, SetValue *b) { return a->size() < b->size(); });
        sets[0]->forEach([&](std::string_view member) {
            for (size_t i = 1; i < sets.size(); ++i)
                if (!sets[i]->contains(member)) return;
            result.add(member, maxIntset);
        });
        return result;
    }
    if (op == SetOp::Union) {
        for (SetValue *set : sets)
            if (set) set->forEach([&](std::string_view m) { result.add(m, maxIntset); });
        return result;
    }
    if (!sets[0]) return result;
    sets[0]->forEach([&](std::string_view member) {
        for (size_t i = 1; i < sets.size(); ++i)
            if (sets[i] && sets[i]->contains(member)) return;
        result.add(member, maxIntset);
    });
    return result;
}

void setOperation(CommandContext &ctx, SetOp op)
{
    std::vector<SetValue *> sets;
    if (!loadSets(ctx, 1, ctx.argc() - 1, &sets)) return;
    const bool deferred =
        op == SetOp::Inter && std::find(sets.begin(), sets.end(), nullptr) == sets.end();
    SetValue result = combine(op, sets, maxIntsetEntries(ctx));
    replyMembers(ctx, result, deferred);
}

void setOperationStore(CommandContext &ctx, SetOp op, std::string_view event)
{
    std::vector<SetValue *> sets;
    if (!loadSets(ctx, 2, ctx.argc() - 1, &sets)) return;
    SetValue result = combine(op, sets, maxIntsetEntries(ctx));
    std::string_view destination = ctx.arg(1);
    int64_t size = static_cast<int64_t>(result.size());
    if (size == 0) return ctx.storeEmptyResult(destination);
    ctx.db().set(destination, Value(std::move(result)));
    afterWrite(ctx, event, destination);
    ctx.reply.integer(size);
}

} // namespace

void cmdSadd(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::Set);
    if (ctx.wrongType()) return;
    if (!value) value = ctx.db().add(key, Value::newSet());
    int64_t added = 0;
    const size_t maxIntset = maxIntsetEntries(ctx);
    for (size_t i = 2; i < ctx.argc(); ++i)
        if (value->set().add(ctx.arg(i), maxIntset)) ++added;
    if (added > 0) afterWrite(ctx, "sadd", key, static_cast<uint64_t>(added));
    ctx.reply.integer(added);
}

void cmdSrem(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::Set);
    if (!value) return ctx.wrongType() ? void() : ctx.reply.integer(0);
    int64_t removed = 0;
    for (size_t i = 2; i < ctx.argc(); ++i)
        if (value->set().remove(ctx.arg(i))) ++removed;
    if (removed > 0) {
        afterWrite(ctx, "srem", key, static_cast<uint64_t>(removed));
        ctx.deleteIfEmpty(key, value);
    }
    ctx.reply.integer(removed);
}

void cmdSmembers(CommandContext &ctx)
{
    SetValue *set = readSet(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    if (!set) return ctx.reply.setHeader(0);
    replyMembers(ctx, *set, true); // Redis 7.0 serves SMEMBERS as a one-set SINTER
}

void cmdSismember(CommandContext &ctx)
{
    SetValue *set = readSet(ctx, ctx.arg(1));
    if (!ctx.wrongType()) ctx.reply.integer(set && set->contains(ctx.arg(2)) ? 1 : 0);
}

void cmdSmismember(CommandContext &ctx)
{
    SetValue *set = readSet(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    ctx.reply.arrayHeader(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i)
        ctx.reply.integer(set && set->contains(ctx.arg(i)) ? 1 : 0);
}

void cmdScard(CommandContext &ctx)
{
    SetValue *set = readSet(ctx, ctx.arg(1));
    if (!ctx.wrongType()) ctx.reply.integer(set ? static_cast<int64_t>(set->size()) : 0);
}

// SPOP key [count]. Without count: one member or nil; with count: a set of distinct members.
void cmdSpop(CommandContext &ctx)
{
    if (ctx.argc() > 3) return ctx.syntaxError();
    int64_t count = 1;
    bool withCount = ctx.argc() == 3;
    if (withCount && (!parseInt64(ctx.arg(2), &count) || count < 0))
        return ctx.error("ERR value is out of range, must be positive");
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::Set);
    if (ctx.wrongType()) return;
    if (!value || count == 0) return withCount ? ctx.reply.setHeader(0) : ctx.reply.nullBulk();
    SetValue &set = value->set();
    size_t wanted = std::min<size_t>(static_cast<size_t>(count), set.size());
    std::vector<std::string> popped = set.sampleDistinct(wanted, ctx.server.random());
    for (const std::string &member : popped)
        set.remove(member);
    // When few members remain (5 * remaining <= popped), Redis 7.0 moves them to a new set
    // rather than removing the popped ones: a hash table left with a few integers comes
    // back as an IntSet. Rebuilding here gives the same encoding.
    if (withCount && !set.empty() && set.size() * 5 <= popped.size()) {
        SetValue rebuilt;
        const size_t maxIntset = maxIntsetEntries(ctx);
        set.forEach([&](std::string_view member) { rebuilt.add(member, maxIntset); });
        set = std::move(rebuilt);
    }

    if (withCount) {
        ctx.reply.setHeader(popped.size());
        for (const std::string &member : popped)
            ctx.reply.bulk(member);
    } else {
        ctx.reply.bulk(popped.front());
    }
    std::vector<std::string> propagated{"SREM", std::string(key)};
    propagated.insert(propagated.end(), popped.begin(), popped.end());
    ctx.propagateAs(std::move(propagated));
    afterWrite(ctx, "spop", key, popped.size());
    ctx.deleteIfEmpty(key, value);
}

// SRANDMEMBER key [count]: a positive count gives distinct members, a negative one
// |count| independent draws.
void cmdSrandmember(CommandContext &ctx)
{
    if (ctx.argc() > 3) return ctx.syntaxError();
    int64_t count = 0;
    bool withCount = ctx.argc() == 3;
    if (withCount) {
        if (!ctx.int64Arg(2, &count)) return;
        if (count == INT64_MIN)
            return ctx.error("ERR value is out of range, value must between -9223372036854775807 "
                             "and 9223372036854775807");
    }
    SetValue *set = readSet(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    if (!withCount) {
        if (!set) return ctx.reply.nullBulk();
        return ctx.reply.bulk(set->randomMember(ctx.server.random()));
    }
    if (!set || count == 0) return ctx.reply.arrayHeader(0);
    if (count < 0) {
        ctx.reply.arrayHeader(static_cast<size_t>(-count));
        for (int64_t i = 0; i < -count; ++i)
            ctx.reply.bulk(set->randomMember(ctx.server.random()));
        return;
    }
    if (static_cast<size_t>(count) >= set->size()) return replyMembers(ctx, *set);
    std::vector<std::string> picked =
        set->sampleDistinct(static_cast<size_t>(count), ctx.server.random());
    ctx.reply.arrayHeader(picked.size());
    for (const std::string &member : picked)
        ctx.reply.bulk(member);
}

void cmdSmove(CommandContext &ctx)
{
    std::string_view source = ctx.arg(1);
    std::string_view destination = ctx.arg(2);
    std::string_view member = ctx.arg(3);
    // A missing source answers 0 before the destination's type is checked, as in Redis.
    Value *from = ctx.lookupWrite(source, ValueType::Set);
    if (!from) return ctx.wrongType() ? void() : ctx.reply.integer(0);
    Value *to = ctx.lookupWrite(destination, ValueType::Set);
    if (ctx.wrongType()) return;
    if (from == to) return ctx.reply.integer(from->set().contains(member) ? 1 : 0);
    if (!from->set().remove(member)) return ctx.reply.integer(0);
    afterWrite(ctx, "srem", source);
    ctx.deleteIfEmpty(source, from);
    if (!to) to = ctx.db().add(destination, Value::newSet());
    if (to->set().add(member, maxIntsetEntries(ctx))) afterWrite(ctx, "sadd", destination);
    ctx.reply.integer(1);
}

void cmdSinter(CommandContext &ctx)
{
    setOperation(ctx, SetOp::Inter);
}
void cmdSunion(CommandContext &ctx)
{
    setOperation(ctx, SetOp::Union);
}
void cmdSdiff(CommandContext &ctx)
{
    setOperation(ctx, SetOp::Diff);
}
void cmdSinterstore(CommandContext &ctx)
{
    setOperationStore(ctx, SetOp::Inter, "sinterstore");
}
void cmdSunionstore(CommandContext &ctx)
{
    setOperationStore(ctx, SetOp::Union, "sunionstore");
}
void cmdSdiffstore(CommandContext &ctx)
{
    setOperationStore(ctx, SetOp::Diff, "sdiffstore");
}

// SINTERCARD numkeys key [key ...] [LIMIT limit]: stops counting at limit (0 = no limit).
void cmdSintercard(CommandContext &ctx)
{
    int64_t numKeys;
    if (!parseInt64(ctx.arg(1), &numKeys) || numKeys <= 0)
        return ctx.error("ERR numkeys should be greater than 0");
    if (numKeys > static_cast<int64_t>(ctx.argc()) - 2)
        return ctx.error("ERR Number of keys can't be greater than number of args");
    int64_t limit = 0;
    for (size_t i = 2 + static_cast<size_t>(numKeys); i < ctx.argc(); i += 2) {
        if (!equalsIgnoreCase(ctx.arg(i), "LIMIT") || i + 1 >= ctx.argc()) return ctx.syntaxError();
        if (!parseInt64(ctx.arg(i + 1), &limit) || limit < 0)
            return ctx.error("ERR LIMIT can't be negative");
    }
    std::vector<SetValue *> sets;
    if (!loadSets(ctx, 2, 1 + static_cast<size_t>(numKeys), &sets)) return;
    if (std::find(sets.begin(), sets.end(), nullptr) != sets.end()) return ctx.reply.integer(0);
    std::sort(sets.begin(), sets.end(),
              [](SetValue *a, SetValue *b) { return a->size() < b->size(); });
    int64_t count = 0;
    sets[0]->forEach([&](std::string_view member) {
        if (limit > 0 && count >= limit) return;
        for (size_t i = 1; i < sets.size(); ++i)
            if (!sets[i]->contains(member)) return;
        ++count;
    });
    ctx.reply.integer(count);
}

void cmdSscan(CommandContext &ctx)
{
    uint64_t cursor;
    if (!parseScanCursor(ctx, 2, &cursor)) return;
    SetValue *set = readSet(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    CollectionScanOptions options;
    if (set && !parseCollectionScanOptions(ctx, 3, &options)) return;
    std::vector<std::string> items;
    if (set) {
        size_t visited = 0;
        cursor = runScanLoop(cursor, options, visited, [&](uint64_t at) {
            return set->scan(at, [&](std::string_view member) {
                ++visited;
                if (!options.hasPattern || globMatch(options.pattern, member))
                    items.emplace_back(member);
            });
        });
    } else {
        cursor = 0;
    }
    replyScan(ctx, cursor, items);
}

} // namespace redscope::engine
