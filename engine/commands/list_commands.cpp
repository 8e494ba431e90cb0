// List commands (Redis's t_list.c): pushes and pops at both ends, index and range access,
// LREM/LTRIM/LINSERT/LPOS, the LMOVE family, and the blocking forms BLPOP, BRPOP, BLMOVE and
// BRPOPLPUSH, and the multi-key LMPOP/BLMPOP (issue 21).
//
// A list is a PackedList (storage/packed_list.h), our quicklist: O(1) at both ends, index
// access O(nodes) from the nearer end, inserts and removals in the middle O(N), as in Redis.
// LRANGE walks to the start once and then reads sequentially. A list that becomes empty is
// deleted, like in Redis.
//
// Blocking: a blocking command first tries to serve itself exactly like its non-blocking
// twin. If every key is empty it parks the client with Server::blockClient (blocking.cpp)
// and replies nothing; when a writer signals one of the keys, blocking.cpp runs the same
// command again for the waiters in arrival order. Inside MULTI/EXEC a blocking command never
// blocks: it answers null at once, as Redis does. Whatever was served is propagated as the
// non-blocking form (LPOP/RPOP/LMOVE/RPOPLPUSH) so AOF replay never waits.
#include "commands/collection_helpers.h"
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace redscope::engine {

namespace {

enum class End { Head, Tail };

const char *pushEvent(End end)
{
    return end == End::Head ? "lpush" : "rpush";
}
const char *popEvent(End end)
{
    return end == End::Head ? "lpop" : "rpop";
}

// Parses LEFT/RIGHT; replies a syntax error otherwise.
bool parseEnd(CommandContext &ctx, size_t index, End *out)
{
    if (equalsIgnoreCase(ctx.arg(index), "LEFT"))
        *out = End::Head;
    else if (equalsIgnoreCase(ctx.arg(index), "RIGHT"))
        *out = End::Tail;
    else {
        ctx.syntaxError();
        return false;
    }
    return true;
}

// Looks up a list for reading; replies `emptyReply` when absent, WRONGTYPE when not a list.
// Returns nullptr in both cases.
template <typename EmptyReply>
ListValue *listOrReply(CommandContext &ctx, std::string_view key, EmptyReply &&emptyReply)
{
    Value *value = ctx.lookupRead(key, ValueType::List);
    if (ctx.wrongType()) return nullptr;
    if (!value) {
        emptyReply();
        return nullptr;
    }
    return &value->list();
}

// Normalises a Redis list index (negative counts from the tail); false when out of range.
bool resolveIndex(int64_t index, size_t size, size_t *out)
{
    int64_t length = static_cast<int64_t>(size);
    if (index < 0) index += length;
    if (index < 0 || index >= length) return false;
    *out = static_cast<size_t>(index);
    return true;
}

// LPOP/RPOP/LMPOP with a count: the n elements from that end as an array, read and then
// deleted as one range, as Redis does (the order matters to which nodes stay compressed).
void replyAndPopMany(CommandContext &ctx, ListValue &list, size_t n, End end)
{
    ctx.reply.arrayHeader(n);
    if (!n) return;
    if (end == End::Head) {
        list.forRange(0, n - 1, [&](std::string_view element) { ctx.reply.bulk(element); });
    } else {
        size_t left = n;
        list.scan(true, [&](size_t, std::string_view element) {
            ctx.reply.bulk(element);
            return --left > 0;
        });
    }
    list.popMany(n, end == End::Tail);
}

// Pops one element from `end`, deleting the key if that emptied it (notifications included).
std::string popElement(CommandContext &ctx, std::string_view key, Value *value, End end)
{
    ListValue &list = value->list();
    std::string element(end == End::Head ? list.front() : list.back());
    if (end == End::Head)
        list.popFront();
    else
        list.popBack();
    ctx.notify(NotifyList, popEvent(end), key);
    ctx.deleteIfEmpty(key, value);
    ctx.keyModified(key);
    ctx.addDirty();
    return element;
}

// True when this call may park the client. EXEC keeps inMulti set while it runs its queue,
// so this also refuses to block inside a transaction, where Redis replies null at once.
bool mayBlock(const CommandContext &ctx)
{
    return !ctx.client.inMulti;
}

// Parks the client on `keys` until one is served or the deadline passes.
void blockOn(CommandContext &ctx, std::vector<std::string> keys, int64_t deadlineMs)
{
    QueuedCommand command{&ctx.spec, {}};
    command.argv.reserve(ctx.argc());
    for (std::string_view arg : ctx.argv)
        command.argv.emplace_back(arg);
    ctx.client.blockedCommand = std::move(command);
    ctx.server.blockClient(ctx.client, std::move(keys), deadlineMs, true);
}

void pushGeneric(CommandContext &ctx, End end, bool onlyIfExists)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::List);
    if (ctx.wrongType()) return;
    if (!value) {
        if (onlyIfExists) return ctx.reply.integer(0);
        value = &ctx.db().set(key, Value::newList(ctx.server.listFill(), ctx.server.listCompressDepth()));
    }
    ListValue &list = value->list();
    for (size_t i = 2; i < ctx.argc(); ++i) {
        if (end == End::Head)
            list.pushFront(ctx.arg(i));
        else
            list.pushBack(ctx.arg(i));
    }
    ctx.keyModified(key);
    ctx.notify(NotifyList, pushEvent(end), key);
    ctx.addDirty(ctx.argc() - 2);
    ctx.reply.integer(static_cast<int64_t>(list.size()));
}

// LPOP/RPOP key [count]: without a count a bulk (or null), with one an array (or null array).
void popGeneric(CommandContext &ctx, End end)
{
    if (ctx.argc() > 3)
        return ctx.error("ERR wrong number of arguments for '" + std::string(ctx.spec.name) +
                         "' command");
    bool hasCount = ctx.argc() == 3;
    int64_t count = 1;
    if (hasCount && (!parseInt64(ctx.arg(2), &count) || count < 0))
        return ctx.error(errors::kNotPositive);
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::List);
    if (ctx.wrongType()) return;
    if (!value) return hasCount ? ctx.reply.nullArray() : ctx.reply.nullBulk();
    if (!hasCount) return ctx.reply.bulk(popElement(ctx, key, value, end));
    if (count == 0) return ctx.reply.arrayHeader(0);
    ListValue &list = value->list();
    size_t n = std::min(static_cast<size_t>(count), list.size());
    replyAndPopMany(ctx, list, n, end);
    ctx.notify(NotifyList, popEvent(end), key);
    ctx.deleteIfEmpty(key, value);
    ctx.keyModified(key);
    ctx.addDirty(n);
}

// The shared body of LMOVE/RPOPLPUSH and their blocking forms once the source is known to
// hold a non-empty list: checks the destination type, moves one element, replies it.
void moveElement(CommandContext &ctx, std::string_view source, std::string_view destination,
                 End from, End to)
{
    Value *target = ctx.lookupWrite(destination, ValueType::List);
    if (ctx.wrongType()) return;
    if (!target) ctx.db().set(destination, Value::newList(ctx.server.listFill(), ctx.server.listCompressDepth()));
    Value *src = ctx.db().peek(source); // re-read: the insert may have moved entries
    ListValue &list = src->list();
    std::string element(from == End::Head ? list.front() : list.back());
    if (from == End::Head)
        list.popFront();
    else
        list.popBack();
    ListValue &targetList = ctx.db().peek(destination)->list();
    if (to == End::Head)
        targetList.pushFront(element);
    else
        targetList.pushBack(element);
    ctx.keyModified(destination);
    ctx.notify(NotifyList, pushEvent(to), destination);
    ctx.notify(NotifyList, popEvent(from), source);
    ctx.deleteIfEmpty(source, ctx.db().peek(source));
    ctx.keyModified(source);
    ctx.addDirty();
    ctx.reply.bulk(element);
}

void moveGeneric(CommandContext &ctx, End from, End to)
{
    std::string_view source = ctx.arg(1);
    Value *value = ctx.lookupWrite(source, ValueType::List);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.nullBulk();
    moveElement(ctx, source, ctx.arg(2), from, to);
}

// BLPOP/BRPOP key [key ...] timeout.
void blockingPopGeneric(CommandContext &ctx, End end)
{
    int64_t deadline;
    if (!blockingTimeoutArg(ctx, ctx.argc() - 1, &deadline)) return;
    for (size_t i = 1; i + 1 < ctx.argc(); ++i) {
        std::string_view key = ctx.arg(i);
        // Woken by a ready key: served from it alone, as Redis serves it (an earlier key that
        // became a string meanwhile is not a WRONGTYPE).
        if (ctx.server.servingBlockedClient && key != ctx.server.servingReadyKey) continue;
        Value *value = ctx.lookupWrite(key, ValueType::List);
        if (ctx.wrongType()) return;
        if (!value) continue;
        ctx.reply.arrayHeader(2);
        ctx.reply.bulk(key);
        ctx.reply.bulk(popElement(ctx, key, value, end));
        ctx.propagateAs({end == End::Head ? "LPOP" : "RPOP", std::string(key)});
        return;
    }
    if (!mayBlock(ctx)) return ctx.reply.nullArray();
    std::vector<std::string> keys;
    for (size_t i = 1; i + 1 < ctx.argc(); ++i)
        keys.emplace_back(ctx.arg(i));
    blockOn(ctx, std::move(keys), deadline);
}

// BLMOVE/BRPOPLPUSH once the directions and timeout are parsed.
void blockingMoveGeneric(CommandContext &ctx, End from, End to, int64_t deadline,
                         std::vector<std::string> propagated)
{
    std::string_view source = ctx.arg(1);
    Value *value = ctx.lookupWrite(source, ValueType::List);
    if (ctx.wrongType()) return;
    if (value) {
        uint64_t dirtyBefore = ctx.server.stats().dirty;
        moveElement(ctx, source, ctx.arg(2), from, to);
        if (ctx.server.stats().dirty != dirtyBefore) ctx.propagateAs(std::move(propagated));
        return;
    }
    if (!mayBlock(ctx)) return ctx.reply.nullBulk();
    blockOn(ctx, {std::string(source)}, deadline);
}

} // namespace

void cmdLpush(CommandContext &ctx)
{
    pushGeneric(ctx, End::Head, false);
}
void cmdRpush(CommandContext &ctx)
{
    pushGeneric(ctx, End::Tail, false);
}
void cmdLpushx(CommandContext &ctx)
{
    pushGeneric(ctx, End::Head, true);
}
void cmdRpushx(CommandContext &ctx)
{
    pushGeneric(ctx, End::Tail, true);
}
void cmdLpop(CommandContext &ctx)
{
    popGeneric(ctx, End::Head);
}
void cmdRpop(CommandContext &ctx)
{
    popGeneric(ctx, End::Tail);
}

void cmdLlen(CommandContext &ctx)
{
    ListValue *list = listOrReply(ctx, ctx.arg(1), [&] { ctx.reply.integer(0); });
    if (list) ctx.reply.integer(static_cast<int64_t>(list->size()));
}

void cmdLrange(CommandContext &ctx)
{
    int64_t start, stop;
    if (!ctx.int64Arg(2, &start) || !ctx.int64Arg(3, &stop)) return;
    ListValue *list = listOrReply(ctx, ctx.arg(1), [&] { ctx.reply.arrayHeader(0); });
    if (!list) return;
    int64_t length = static_cast<int64_t>(list->size());
    if (start < 0) start = std::max<int64_t>(start + length, 0);
    if (stop < 0) stop += length;
    if (stop >= length) stop = length - 1;
    if (start > stop || start >= length) return ctx.reply.arrayHeader(0);
    ctx.reply.arrayHeader(static_cast<size_t>(stop - start + 1));
    list->forRange(static_cast<size_t>(start), static_cast<size_t>(stop),
                   [&](std::string_view element) { ctx.reply.bulk(element); });
    list->visitRange(static_cast<size_t>(start), static_cast<size_t>(stop), false);
}

void cmdLindex(CommandContext &ctx)
{
    // Redis answers a missing key (nil) or a wrong type before it parses the index.
    ListValue *list = listOrReply(ctx, ctx.arg(1), [&] { ctx.reply.nullBulk(); });
    if (!list) return;
    int64_t index;
    if (!ctx.int64Arg(2, &index)) return;
    size_t position;
    if (!resolveIndex(index, list->size(), &position)) return ctx.reply.nullBulk();
    ctx.reply.bulk(list->at(position));
    list->visitRange(position, position, false);
}

void cmdLset(CommandContext &ctx)
{
    // As LINDEX: the key (no such key, WRONGTYPE) is checked before the index is parsed.
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::List);
    if (ctx.wrongType()) return;
    if (!value) return ctx.error(errors::kNoSuchKey);
    int64_t index;
    if (!ctx.int64Arg(2, &index)) return;
    size_t position;
    if (!resolveIndex(index, value->list().size(), &position))
        return ctx.error(errors::kIndexOutOfRange);
    value->list().set(position, ctx.arg(3));
    ctx.keyModified(key);
    ctx.notify(NotifyList, "lset", key);
    ctx.addDirty();
    ctx.reply.ok();
}

// LREM key count element: count > 0 from the head, < 0 from the tail, 0 all.
void cmdLrem(CommandContext &ctx)
{
    int64_t count;
    if (!ctx.int64Arg(2, &count)) return;
    std::string_view key = ctx.arg(1);
    std::string_view element = ctx.arg(3);
    Value *value = ctx.lookupWrite(key, ValueType::List);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.integer(0);
    ListValue &list = value->list();
    uint64_t limit = count == 0  ? UINT64_MAX
                     : count > 0 ? static_cast<uint64_t>(count)
                                 : static_cast<uint64_t>(-(count + 1)) + 1;
    const int64_t removed =
        static_cast<int64_t>(list.removeEqual(element, static_cast<size_t>(limit), count < 0));
    if (removed) {
        ctx.notify(NotifyList, "lrem", key);
        ctx.deleteIfEmpty(key, value);
        ctx.keyModified(key);
        ctx.addDirty(static_cast<uint64_t>(removed));
    }
    ctx.reply.integer(removed);
}

void cmdLtrim(CommandContext &ctx)
{
    int64_t start, stop;
    if (!ctx.int64Arg(2, &start) || !ctx.int64Arg(3, &stop)) return;
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::List);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.ok();
    ListValue &list = value->list();
    int64_t length = static_cast<int64_t>(list.size());
    if (start < 0) start = std::max<int64_t>(start + length, 0);
    if (stop < 0) stop += length;
    size_t removed = list.size();
    if (start > stop || start >= length) {
        list.clear();
    } else {
        stop = std::min(stop, length - 1);
        list.keepRange(static_cast<size_t>(start), static_cast<size_t>(stop));
        removed -= list.size();
    }
    ctx.notify(NotifyList, "ltrim", key);
    ctx.deleteIfEmpty(key, value);
    ctx.keyModified(key);
    ctx.addDirty(removed);
    ctx.reply.ok();
}

void cmdLinsert(CommandContext &ctx)
{
    bool after;
    if (equalsIgnoreCase(ctx.arg(2), "AFTER"))
        after = true;
    else if (equalsIgnoreCase(ctx.arg(2), "BEFORE"))
        after = false;
    else
        return ctx.syntaxError();
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::List);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.integer(0);
    ListValue &list = value->list();
    std::string_view pivot = ctx.arg(3);
    size_t pivotIndex = SIZE_MAX;
    list.scan(false, [&](size_t index, std::string_view element) {
        if (element != pivot) return true;
        pivotIndex = index;
        return false;
    });
    if (pivotIndex == SIZE_MAX) {
        list.visitAll(); // the scan went through every node
        return ctx.reply.integer(-1);
    }
    list.insertAtPivot(pivotIndex, ctx.arg(4), after);
    ctx.keyModified(key);
    ctx.notify(NotifyList, "linsert", key);
    ctx.addDirty();
    ctx.reply.integer(static_cast<int64_t>(list.size()));
}

// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len].
void cmdLpos(CommandContext &ctx)
{
    int64_t rank = 1, count = -1, maxLength = 0;
    for (size_t i = 3; i < ctx.argc(); i += 2) {
        if (i + 1 >= ctx.argc()) return ctx.syntaxError();
        std::string_view option = ctx.arg(i);
        int64_t number;
        if (equalsIgnoreCase(option, "RANK")) {
            if (!ctx.int64Arg(i + 1, &number)) return;
            if (number == 0)
                return ctx.error("ERR RANK can't be zero: use 1 to start from the first match, 2 "
                                 "from the second ... or use negative to start from the end of "
                                 "the list");
            rank = number;
        } else if (equalsIgnoreCase(option, "COUNT")) {
            if (!ctx.int64Arg(i + 1, &number)) return;
            if (number < 0) return ctx.error("ERR COUNT can't be negative");
            count = number;
        } else if (equalsIgnoreCase(option, "MAXLEN")) {
            if (!ctx.int64Arg(i + 1, &number)) return;
            if (number < 0) return ctx.error("ERR MAXLEN can't be negative");
            maxLength = number;
        } else {
            return ctx.syntaxError();
        }
    }
    bool wantArray = count != -1;
    ListValue *list = listOrReply(ctx, ctx.arg(1), [&] {
        if (wantArray)
            ctx.reply.arrayHeader(0);
        else
            ctx.reply.nullBulk();
    });
    if (!list) return;
    std::string_view element = ctx.arg(2);
    // Matches to skip before the first reported one. Redis 7.0 negates RANK in place, so
    // INT64_MIN stays negative there and behaves like -1; we give the same answer.
    uint64_t skip = rank > 0            ? static_cast<uint64_t>(rank) - 1
                    : rank == INT64_MIN ? 0
                                        : static_cast<uint64_t>(-(rank + 1));
    uint64_t wanted = wantArray ? (count == 0 ? UINT64_MAX : static_cast<uint64_t>(count)) : 1;
    uint64_t scanLimit = maxLength ? static_cast<uint64_t>(maxLength) : UINT64_MAX;
    std::vector<int64_t> found;
    uint64_t scanned = 0;
    size_t lastRead = 0; // where the scan stopped: Redis's iteration read that far
    list->scan(rank < 0, [&](size_t index, std::string_view item) {
        lastRead = index;
        if (scanned++ >= scanLimit || found.size() >= wanted) return false;
        if (item != element) return true;
        if (skip) {
            --skip;
            return true;
        }
        found.push_back(static_cast<int64_t>(index));
        return found.size() < wanted;
    });
    if (rank < 0)
        list->visitRange(lastRead, list->size() - 1, true);
    else
        list->visitRange(0, lastRead, false);
    if (!wantArray) return found.empty() ? ctx.reply.nullBulk() : ctx.reply.integer(found[0]);
    // With COUNT, Redis 7.0 counts the matches as it replies them: a deferred length (a
    // missing key's empty array above is a fixed one there too).
    const size_t slot = ctx.reply.beginDeferredArray();
    for (int64_t index : found)
        ctx.reply.integer(index);
    ctx.reply.endDeferredArray(slot, found.size());
}

void cmdLmove(CommandContext &ctx)
{
    End from, to;
    if (!parseEnd(ctx, 3, &from) || !parseEnd(ctx, 4, &to)) return;
    moveGeneric(ctx, from, to);
}

void cmdRpoplpush(CommandContext &ctx)
{
    moveGeneric(ctx, End::Tail, End::Head);
}

void cmdBlpop(CommandContext &ctx)
{
    blockingPopGeneric(ctx, End::Head);
}
void cmdBrpop(CommandContext &ctx)
{
    blockingPopGeneric(ctx, End::Tail);
}

void cmdBlmove(CommandContext &ctx)
{
    End from, to;
    if (!parseEnd(ctx, 3, &from) || !parseEnd(ctx, 4, &to)) return;
    int64_t deadline;
    if (!blockingTimeoutArg(ctx, 5, &deadline)) return;
    blockingMoveGeneric(ctx, from, to, deadline,
                        {"LMOVE", std::string(ctx.arg(1)), std::string(ctx.arg(2)),
                         std::string(ctx.arg(3)), std::string(ctx.arg(4))});
}

void cmdBrpoplpush(CommandContext &ctx)
{
    int64_t deadline;
    if (!blockingTimeoutArg(ctx, 3, &deadline)) return;
    blockingMoveGeneric(ctx, End::Tail, End::Head, deadline,
                        {"RPOPLPUSH", std::string(ctx.arg(1)), std::string(ctx.arg(2))});
}

// ---- LMPOP / BLMPOP (issue 21)

namespace {

// Pops up to `count` elements from the first non-empty list among the keys and replies
// [key, [elements...]] (tail first for RIGHT), propagated as LPOP/RPOP key n. False when every
// key was absent (nothing replied) or on WRONGTYPE (replied). A waiter woken by a ready key
// pops from that key only.
bool multiPop(CommandContext &ctx, const MultiPopArgs &args)
{
    const End end = args.secondEnd ? End::Tail : End::Head;
    for (size_t i = args.firstKey; i < args.firstKey + args.keyCount; ++i) {
        std::string_view key = ctx.arg(i);
        if (ctx.server.servingBlockedClient && key != ctx.server.servingReadyKey) continue;
        Value *value = ctx.lookupWrite(key, ValueType::List);
        if (ctx.wrongType()) return false;
        if (!value) continue;
        ListValue &list = value->list();
        const size_t n = std::min(static_cast<size_t>(args.count), list.size());
        ctx.reply.arrayHeader(2);
        ctx.reply.bulk(key);
        replyAndPopMany(ctx, list, n, end);
        ctx.notify(NotifyList, popEvent(end), key);
        ctx.deleteIfEmpty(key, value);
        ctx.keyModified(key);
        ctx.addDirty(n);
        ctx.propagateAs({end == End::Head ? "LPOP" : "RPOP", std::string(key), std::to_string(n)});
        return true;
    }
    return false;
}

} // namespace

// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
void cmdLmpop(CommandContext &ctx)
{
    MultiPopArgs args;
    if (!parseMultiPopArgs(ctx, 1, "LEFT", "RIGHT", &args)) return;
    if (!multiPop(ctx, args) && !ctx.wrongType()) ctx.reply.nullArray();
}

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: the timeout is read after
// the rest, as in Redis.
void cmdBlmpop(CommandContext &ctx)
{
    MultiPopArgs args;
    if (!parseMultiPopArgs(ctx, 2, "LEFT", "RIGHT", &args)) return;
    int64_t deadline;
    if (!blockingTimeoutArg(ctx, 1, &deadline)) return;
    if (multiPop(ctx, args) || ctx.wrongType()) return;
    if (!mayBlock(ctx)) return ctx.reply.nullArray();
    std::vector<std::string> keys;
    for (size_t i = args.firstKey; i < args.firstKey + args.keyCount; ++i)
        keys.emplace_back(ctx.arg(i));
    blockOn(ctx, std::move(keys), deadline);
}

} // namespace redscope::engine
