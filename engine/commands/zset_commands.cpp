// Sorted-set commands (ZADD, ZRANGE and its by-score/by-lex/reverse forms, ZRANGESTORE,
// ZPOPMIN, the blocking BZPOPMIN/BZPOPMAX, ZUNION/ZINTER/ZDIFF and their STORE forms,
// ZRANDMEMBER, ZSCAN, and from issue 21 ZMPOP/BZMPOP and ZINTERCARD).
// The data structure is SortedSet (storage/zset.h: packed while small, skiplist + dict past
// zset-max-listpack-entries/-value, the switch inside the type); this file is the command
// grammar on top of it: option parsing with Redis 7.0's exact error texts, reply
// shapes (RESP3 replies WITHSCORES results as [member, score] pairs), notifications and
// propagation. Scores reply through ReplyWriter::doubleValue ("%.17g" bulk in RESP2).
//
// Range commands collect the selected members (pointers into the set, no copies) before
// replying, so the reply length is known up front; a range costs O(log N + M).
#include "commands/collection_helpers.h"
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "storage/zset.h"
#include "util/strings.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

namespace redscope::engine {

namespace {

using Scored = std::vector<std::pair<std::string_view, double>>;

SortedSet *readZset(CommandContext &ctx, std::string_view key)
{
    Value *value = ctx.lookupRead(key, ValueType::ZSet);
    return value ? &value->zset() : nullptr;
}

void afterWrite(CommandContext &ctx, std::string_view event, std::string_view key,
                uint64_t dirty = 1)
{
    ctx.keyModified(key);
    ctx.notify(NotifyZSet, event, key);
    ctx.addDirty(dirty);
}

// Members with or without scores; with scores, RESP3 nests each pair in a 2-element array.
// deferred: the header written as Redis writes a score or lex range's, a deferred length
// (which places the reply in the reply list: server/reply_buffer.h).
template <typename Members>
void replyScored(CommandContext &ctx, const Members &members, bool withScores,
                 bool deferred = false)
{
    bool pairs = withScores && ctx.reply.isResp3();
    const size_t count = withScores && !pairs ? members.size() * 2 : members.size();
    const size_t slot = deferred ? ctx.reply.beginDeferredArray() : 0;
    if (!deferred) ctx.reply.arrayHeader(count);
    for (const auto &[member, score] : members) {
        if (pairs) ctx.reply.arrayHeader(2);
        ctx.reply.bulk(member);
        if (withScores) ctx.reply.doubleValue(score);
    }
    if (deferred) ctx.reply.endDeferredArray(slot, count);
}

// "1.5", "(1.5", "inf", "-inf": one end of a score range. Redis reads a bound with plain
// strtod (unlike scores, which refuse spaces): "" and "(" are 0, " 1" and "0x10" are
// numbers, only trailing bytes and NaN are refused. The copy gives strtod its terminator.
bool parseScoreBound(std::string_view text, double *value, bool *exclusive)
{
    *exclusive = !text.empty() && text[0] == '(';
    std::string number(*exclusive ? text.substr(1) : text);
    char *end = nullptr;
    *value = std::strtod(number.c_str(), &end);
    return *end == '\0' && !std::isnan(*value);
}

bool parseScoreRange(CommandContext &ctx, std::string_view min, std::string_view max,
                     SortedSet::ScoreRange *range)
{
    if (parseScoreBound(min, &range->min, &range->minExclusive) &&
        parseScoreBound(max, &range->max, &range->maxExclusive))
        return true;
    ctx.error(errors::kMinMaxNotFloat);
    return false;
}

bool parseLexRange(CommandContext &ctx, std::string_view min, std::string_view max,
                   SortedSet::LexBound *lexMin, SortedSet::LexBound *lexMax)
{
    if (SortedSet::LexBound::parse(min, lexMin) && SortedSet::LexBound::parse(max, lexMax))
        return true;
    ctx.error(errors::kMinMaxNotLex);
    return false;
}

// Rank bounds with Redis's negative-index rules; false when the range is empty.
bool resolveRankRange(int64_t start, int64_t end, size_t size, size_t *from, size_t *to)
{
    const auto length = static_cast<int64_t>(size);
    if (start < 0) start += length;
    if (end < 0) end += length;
    if (start < 0) start = 0;
    if (start > end || start >= length) return false;
    *from = static_cast<size_t>(start);
    *to = static_cast<size_t>(std::min(end, length - 1));
    return true;
}

// ---- ZADD / ZINCRBY

enum ZaddFlag { ZaddNx = 1, ZaddXx = 2, ZaddGt = 4, ZaddLt = 8, ZaddCh = 16, ZaddIncr = 32 };

enum class ZaddOutcome { Nop, Added, Updated, Unchanged, NaN };

// Applies one element under the flags; *finalScore gets the member's score unless Nop (the
// reply's score: a packed set stores -0 as 0, the reply still says -0 as Redis's does).
// Unchanged still counts as processed (ZADD INCR by 0 answers with the score).
ZaddOutcome zaddElement(SortedSet &zset, const ZsetLimits &limits, int flags,
                        std::string_view member, double score, double *finalScore)
{
    std::optional<double> current = zset.score(member);
    if (!current) {
        if (flags & ZaddXx) return ZaddOutcome::Nop;
        zset.add(member, score, limits);
        *finalScore = score;
        return ZaddOutcome::Added;
    }
    if (flags & ZaddNx) return ZaddOutcome::Nop;
    double wanted = (flags & ZaddIncr) ? *current + score : score;
    if (std::isnan(wanted)) return ZaddOutcome::NaN;
    if (((flags & ZaddGt) && wanted <= *current) || ((flags & ZaddLt) && wanted >= *current))
        return ZaddOutcome::Nop;
    *finalScore = wanted;
    if (wanted == *current) return ZaddOutcome::Unchanged;
    zset.add(member, wanted, limits);
    return ZaddOutcome::Updated;
}

int parseZaddFlags(CommandContext &ctx, size_t *scoreIndex)
{
    int flags = 0;
    size_t i = 2;
    for (; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "NX"))
            flags |= ZaddNx;
        else if (equalsIgnoreCase(option, "XX"))
            flags |= ZaddXx;
        else if (equalsIgnoreCase(option, "GT"))
            flags |= ZaddGt;
        else if (equalsIgnoreCase(option, "LT"))
            flags |= ZaddLt;
        else if (equalsIgnoreCase(option, "CH"))
            flags |= ZaddCh;
        else if (equalsIgnoreCase(option, "INCR"))
            flags |= ZaddIncr;
        else
            break;
    }
    *scoreIndex = i;
    return flags;
}

void zaddGeneric(CommandContext &ctx, int forcedFlags)
{
    size_t scoreIndex;
    int flags = parseZaddFlags(ctx, &scoreIndex) | forcedFlags;
    size_t elements = ctx.argc() - scoreIndex;
    if (elements == 0 || elements % 2 != 0) return ctx.syntaxError();
    if ((flags & ZaddNx) && (flags & ZaddXx))
        return ctx.error("ERR XX and NX options at the same time are not compatible");
    if (((flags & ZaddGt) && (flags & ZaddNx)) || ((flags & ZaddLt) && (flags & ZaddNx)) ||
        ((flags & ZaddGt) && (flags & ZaddLt)))
        return ctx.error("ERR GT, LT, and/or NX options at the same time are not compatible");
    if ((flags & ZaddIncr) && elements > 2)
        return ctx.error("ERR INCR option supports a single increment-element pair");
    std::vector<double> scores;
    for (size_t i = scoreIndex; i < ctx.argc(); i += 2) {
        double score;
        if (!ctx.doubleArg(i, &score)) return;
        scores.push_back(score);
    }

    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::ZSet);
    if (ctx.wrongType()) return;
    bool incr = flags & ZaddIncr;
    if (!value && (flags & ZaddXx)) return incr ? ctx.reply.nullBulk() : ctx.reply.integer(0);
    if (!value) value = ctx.db().add(key, Value::newSortedSet());
    int64_t added = 0, changed = 0;
    bool processed = false;
    double finalScore = 0;
    const ZsetLimits limits = ctx.server.zsetLimits();
    for (size_t i = 0; i < scores.size(); ++i) {
        ZaddOutcome outcome = zaddElement(value->zset(), limits, flags,
                                          ctx.arg(scoreIndex + 2 * i + 1), scores[i], &finalScore);
        if (outcome == ZaddOutcome::NaN) {
            ctx.error("ERR resulting score is not a number (NaN)");
            return ctx.deleteIfEmpty(key, value);
        }
        added += outcome == ZaddOutcome::Added;
        changed += outcome == ZaddOutcome::Updated;
        processed = outcome != ZaddOutcome::Nop;
    }
    if (added + changed > 0)
        afterWrite(ctx, incr ? "zincr" : "zadd", key, static_cast<uint64_t>(added + changed));
    if (incr) return processed ? ctx.reply.doubleValue(finalScore) : ctx.reply.nullBulk();
    ctx.reply.integer((flags & ZaddCh) ? added + changed : added);
}

// ---- ZRANGE and its older forms

enum class RangeType { Auto, Rank, Score, Lex };
enum class Direction { Auto, Forward, Reverse };

// Stores a ZRANGESTORE result: added one by one to a new set, so it is packed unless it
// passes the limits, as Redis 7.0 builds it; an empty result deletes the destination.
void storeRange(CommandContext &ctx, std::string_view destination, const Scored &found)
{
    if (found.empty()) return ctx.storeEmptyResult(destination);
    SortedSet result;
    const ZsetLimits limits = ctx.server.zsetLimits();
    for (const auto &[member, score] : found)
        result.add(member, score, limits);
    ctx.db().set(destination, Value(std::move(result)));
    afterWrite(ctx, "zrangestore", destination);
    ctx.reply.integer(static_cast<int64_t>(found.size()));
}

// ZRANGE key min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES], the
// ZRANGEBYSCORE/ZREVRANGE/... forms, which preset the type and direction, and ZRANGESTORE
// dst src min max [...] (store: every argument one further, no WITHSCORES).
void zrangeGeneric(CommandContext &ctx, RangeType type, Direction direction, bool store = false)
{
    const size_t first = store ? 2 : 1; // the source key; min and max follow
    bool withScores = false;
    int64_t offset = 0, limit = -1;
    bool hasLimit = false;
    for (size_t i = first + 3; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        if (!store && equalsIgnoreCase(option, "WITHSCORES")) {
            withScores = true;
        } else if (equalsIgnoreCase(option, "LIMIT") && i + 2 < ctx.argc()) {
            if (!ctx.int64Arg(i + 1, &offset) || !ctx.int64Arg(i + 2, &limit)) return;
            hasLimit = true;
            i += 2;
        } else if (direction == Direction::Auto && equalsIgnoreCase(option, "REV")) {
            direction = Direction::Reverse;
        } else if (type == RangeType::Auto && equalsIgnoreCase(option, "BYLEX")) {
            type = RangeType::Lex;
        } else if (type == RangeType::Auto && equalsIgnoreCase(option, "BYSCORE")) {
            type = RangeType::Score;
        } else {
            return ctx.syntaxError();
        }
    }
    if (type == RangeType::Auto) type = RangeType::Rank;
    bool reverse = direction == Direction::Reverse;
    // Redis 7.0 refuses only a real count here: a rank range with LIMIT x -1 passes (and
    // ignores the offset), so ZRANGE str 1 0 LIMIT 9 -1 gets as far as WRONGTYPE.
    if (hasLimit && limit != -1 && type == RangeType::Rank)
        return ctx.error("ERR syntax error, LIMIT is only supported in combination with either "
                         "BYSCORE or BYLEX");
    if (withScores && type == RangeType::Lex)
        return ctx.error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
    // Reverse score and lex ranges are written max first.
    bool swap = reverse && type != RangeType::Rank;
    std::string_view min = ctx.arg(first + (swap ? 2 : 1)), max = ctx.arg(first + (swap ? 1 : 2));

    int64_t start = 0, end = 0;
    SortedSet::ScoreRange scores;
    SortedSet::LexBound lexMin, lexMax;
    if (type == RangeType::Rank &&
        (!ctx.int64Arg(first + 1, &start) || !ctx.int64Arg(first + 2, &end)))
        return;
    if (type == RangeType::Score && !parseScoreRange(ctx, min, max, &scores)) return;
    if (type == RangeType::Lex && !parseLexRange(ctx, min, max, &lexMin, &lexMax)) return;

    SortedSet *zset = readZset(ctx, ctx.arg(first));
    if (ctx.wrongType()) return;
    Scored found;
    auto collect = [&found](std::string_view member, double score) {
        found.emplace_back(member, score);
    };
    if (zset && (offset >= 0 || type == RangeType::Rank)) {
        size_t from, to;
        if (type == RangeType::Rank && resolveRankRange(start, end, zset->size(), &from, &to))
            zset->forRange(from, to, reverse, collect);
        else if (type == RangeType::Score)
            zset->forScoreRange(scores, reverse, static_cast<size_t>(offset), limit, collect);
        else if (type == RangeType::Lex)
            zset->forLexRange(lexMin, lexMax, reverse, static_cast<size_t>(offset), limit, collect);
    }
    if (store) return storeRange(ctx, ctx.arg(1), found);
    // Redis knows a rank range's length upfront, a score or lex range's only at its end
    // (even with an offset past the end). An empty rank range of an existing key it also
    // writes with a deferred length (its handler defers any length it is not told is > 0).
    const bool deferred = zset && (type != RangeType::Rank || found.empty());
    replyScored(ctx, found, withScores, deferred);
}

// ---- pops

void replyPopped(CommandContext &ctx, const SortedSet::Popped &popped, bool nested)
{
    bool pairs = nested && ctx.reply.isResp3();
    ctx.reply.arrayHeader(pairs ? popped.size() : popped.size() * 2);
    for (const auto &[member, score] : popped) {
        if (pairs) ctx.reply.arrayHeader(2);
        ctx.reply.bulk(member);
        ctx.reply.doubleValue(score);
    }
}

SortedSet::Popped popFrom(CommandContext &ctx, std::string_view key, Value *value, bool max,
                          size_t count)
{
    SortedSet::Popped popped = max ? value->zset().popMax(count) : value->zset().popMin(count);
    afterWrite(ctx, max ? "zpopmax" : "zpopmin", key, popped.size());
    ctx.deleteIfEmpty(key, value);
    return popped;
}

void zpopGeneric(CommandContext &ctx, bool max)
{
    if (ctx.argc() > 3) return ctx.syntaxError();
    int64_t count = 1;
    if (ctx.argc() == 3 && (!parseInt64(ctx.arg(2), &count) || count < 0))
        return ctx.error("ERR value is out of range, must be positive");
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::ZSet);
    if (ctx.wrongType()) return;
    if (!value || count == 0) return ctx.reply.arrayHeader(0);
    replyPopped(ctx, popFrom(ctx, key, value, max, static_cast<size_t>(count)), ctx.argc() == 3);
}

// BZPOPMIN/BZPOPMAX key [key ...] timeout: pops from the first non-empty key, or blocks.
// Served waiters are run again by the server; they are propagated as the plain pop.
void bzpopGeneric(CommandContext &ctx, bool max)
{
    int64_t deadline;
    if (!blockingTimeoutArg(ctx, ctx.argc() - 1, &deadline)) return;
    for (size_t i = 1; i + 1 < ctx.argc(); ++i) {
        std::string_view key = ctx.arg(i);
        // Woken by a ready key: served from it alone, as Redis does.
        if (ctx.server.servingBlockedClient && key != ctx.server.servingReadyKey) continue;
        Value *value = ctx.lookupWrite(key, ValueType::ZSet);
        if (ctx.wrongType()) return;
        if (!value) continue;
        SortedSet::Popped popped = popFrom(ctx, key, value, max, 1);
        ctx.reply.arrayHeader(3);
        ctx.reply.bulk(key);
        ctx.reply.bulk(popped[0].first);
        ctx.reply.doubleValue(popped[0].second);
        ctx.propagateAs({max ? "ZPOPMAX" : "ZPOPMIN", std::string(key)});
        return;
    }
    if (ctx.client.inMulti) return ctx.reply.nullArray();
    std::vector<std::string> keys(ctx.argv.begin() + 1, ctx.argv.end() - 1);
    ctx.client.blockedCommand =
        QueuedCommand{&ctx.spec, std::vector<std::string>(ctx.argv.begin(), ctx.argv.end())};
    ctx.server.blockClient(ctx.client, std::move(keys), deadline, true);
}

// ---- ZUNION / ZINTER / ZDIFF

enum class SetOp { Union, Inter, Diff };
enum class Aggregate { Sum, Min, Max };

// One input of a set operation: a sorted set, a plain set (every score 1) or nothing.
struct OpInput
{
    SortedSet *zset = nullptr;
    SetValue *set = nullptr;
    double weight = 1;

    size_t size() const { return zset ? zset->size() : set ? set->size() : 0; }
    std::optional<double> score(std::string_view member) const
    {
        if (zset) return zset->score(member);
        if (set && set->contains(member)) return 1.0;
        return std::nullopt;
    }
    template <typename F> void forEach(F &&fn) const
    {
        if (zset)
            zset->forEach(fn);
        else if (set)
            set->forEach([&fn](std::string_view member) { fn(member, 1.0); });
    }
};

double weighted(double score, double weight)
{
    double result = score * weight;
    return std::isnan(result) ? 0 : result; // 0 * inf
}

double aggregate(Aggregate mode, double a, double b)
{
    if (mode == Aggregate::Min) return std::min(a, b);
    if (mode == Aggregate::Max) return std::max(a, b);
    double sum = a + b;
    return std::isnan(sum) ? 0 : sum; // inf + -inf
}

// Built as a skiplist, as Redis builds it: a stored result is packed afterwards if small.
SortedSet combine(SetOp op, const std::vector<OpInput> &inputs, Aggregate mode)
{
    SortedSet result;
    result.convertToSkiplist();
    if (op == SetOp::Union) {
        for (const OpInput &input : inputs)
            input.forEach([&](std::string_view member, double score) {
                double value = weighted(score, input.weight);
                std::optional<double> current = result.score(member);
                result.add(member, current ? aggregate(mode, *current, value) : value);
            });
    } else if (op == SetOp::Inter) {
        auto smallest =
            std::min_element(inputs.begin(), inputs.end(), [](const OpInput &a, const OpInput &b) {
                return a.size() < b.size();
            });
        smallest->forEach([&](std::string_view member, double) {
            std::optional<double> total;
            for (const OpInput &input : inputs) {
                std::optional<double> score = input.score(member);
                if (!score) return;
                double value = weighted(*score, input.weight);
                total = total ? aggregate(mode, *total, value) : value;
            }
            result.add(member, *total);
        });
    } else {
        inputs[0].forEach([&](std::string_view member, double score) {
            for (size_t i = 1; i < inputs.size(); ++i)
                if (inputs[i].score(member)) return;
            result.add(member, score);
        });
    }
    return result;
}

// Shared grammar: [dest] numkeys key... [WEIGHTS w...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES].
void zsetOperation(CommandContext &ctx, SetOp op, bool store)
{
    size_t numKeysIndex = store ? 2 : 1;
    int64_t numKeys;
    if (!ctx.int64Arg(numKeysIndex, &numKeys)) return;
    if (numKeys < 1)
        return ctx.error("ERR at least 1 input key is needed for '" + std::string(ctx.spec.name) +
                         "' command");
    if (numKeys > static_cast<int64_t>(ctx.argc() - numKeysIndex - 1)) return ctx.syntaxError();
    std::vector<OpInput> inputs(static_cast<size_t>(numKeys));
    for (size_t i = 0; i < inputs.size(); ++i) {
        Value *value = ctx.lookupRead(ctx.arg(numKeysIndex + 1 + i));
        if (value && value->type() == ValueType::ZSet)
            inputs[i].zset = &value->zset();
        else if (value && value->type() == ValueType::Set)
            inputs[i].set = &value->set();
        else if (value)
            return ctx.error(errors::kWrongType);
    }
    Aggregate mode = Aggregate::Sum;
    bool withScores = false;
    for (size_t i = numKeysIndex + 1 + inputs.size(); i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        size_t left = ctx.argc() - i - 1;
        if (op != SetOp::Diff && equalsIgnoreCase(option, "WEIGHTS") && left >= inputs.size()) {
            for (OpInput &input : inputs)
                if (!parseDouble(ctx.arg(++i), &input.weight))
                    return ctx.error("ERR weight value is not a float");
        } else if (op != SetOp::Diff && equalsIgnoreCase(option, "AGGREGATE") && left >= 1) {
            std::string_view name = ctx.arg(++i);
            if (equalsIgnoreCase(name, "SUM"))
                mode = Aggregate::Sum;
            else if (equalsIgnoreCase(name, "MIN"))
                mode = Aggregate::Min;
            else if (equalsIgnoreCase(name, "MAX"))
                mode = Aggregate::Max;
            else
                return ctx.syntaxError();
        } else if (!store && equalsIgnoreCase(option, "WITHSCORES")) {
            withScores = true;
        } else {
            return ctx.syntaxError();
        }
    }

    SortedSet result = combine(op, inputs, mode);
    if (!store) {
        Scored all;
        result.forEach([&all](std::string_view m, double s) { all.emplace_back(m, s); });
        return replyScored(ctx, all, withScores);
    }
    std::string_view destination = ctx.arg(1);
    auto size = static_cast<int64_t>(result.size());
    if (size == 0) return ctx.storeEmptyResult(destination);
    result.packIfSmall(ctx.server.zsetLimits()); // Redis packs a small stored result
    ctx.db().set(destination, Value(std::move(result)));
    const char *event = op == SetOp::Union   ? "zunionstore"
                        : op == SetOp::Inter ? "zinterstore"
                                             : "zdiffstore";
    afterWrite(ctx, event, destination);
    ctx.reply.integer(size);
}

// ---- removal by range

enum class RemoveBy { Rank, Score, Lex };

void zremrangeGeneric(CommandContext &ctx, RemoveBy by)
{
    int64_t start = 0, end = 0;
    SortedSet::ScoreRange scores;
    SortedSet::LexBound lexMin, lexMax;
    if (by == RemoveBy::Rank && (!ctx.int64Arg(2, &start) || !ctx.int64Arg(3, &end))) return;
    if (by == RemoveBy::Score && !parseScoreRange(ctx, ctx.arg(2), ctx.arg(3), &scores)) return;
    if (by == RemoveBy::Lex && !parseLexRange(ctx, ctx.arg(2), ctx.arg(3), &lexMin, &lexMax))
        return;
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::ZSet);
    if (!value) return ctx.wrongType() ? void() : ctx.reply.integer(0);
    SortedSet &zset = value->zset();
    size_t removed = 0;
    size_t from, to;
    if (by == RemoveBy::Rank && resolveRankRange(start, end, zset.size(), &from, &to))
        removed = zset.removeRangeByRank(from, to);
    else if (by == RemoveBy::Score)
        removed = zset.removeRangeByScore(scores);
    else if (by == RemoveBy::Lex)
        removed = zset.removeRangeByLex(lexMin, lexMax);
    if (removed > 0) {
        const char *event = by == RemoveBy::Rank    ? "zremrangebyrank"
                            : by == RemoveBy::Score ? "zremrangebyscore"
                                                    : "zremrangebylex";
        afterWrite(ctx, event, key, removed);
        ctx.deleteIfEmpty(key, value);
    }
    ctx.reply.integer(static_cast<int64_t>(removed));
}

void zrankGeneric(CommandContext &ctx, bool reverse)
{
    SortedSet *zset = readZset(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    std::optional<size_t> rank = zset ? zset->rank(ctx.arg(2), reverse) : std::nullopt;
    if (rank)
        ctx.reply.integer(static_cast<int64_t>(*rank));
    else
        ctx.reply.nullBulk();
}

} // namespace

void cmdZadd(CommandContext &ctx)
{
    zaddGeneric(ctx, 0);
}
void cmdZincrby(CommandContext &ctx)
{
    zaddGeneric(ctx, ZaddIncr);
}

void cmdZrem(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::ZSet);
    if (!value) return ctx.wrongType() ? void() : ctx.reply.integer(0);
    int64_t removed = 0;
    for (size_t i = 2; i < ctx.argc(); ++i)
        removed += value->zset().remove(ctx.arg(i));
    if (removed > 0) {
        afterWrite(ctx, "zrem", key, static_cast<uint64_t>(removed));
        ctx.deleteIfEmpty(key, value);
    }
    ctx.reply.integer(removed);
}

void cmdZscore(CommandContext &ctx)
{
    SortedSet *zset = readZset(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    std::optional<double> score = zset ? zset->score(ctx.arg(2)) : std::nullopt;
    if (score)
        ctx.reply.doubleValue(*score);
    else
        ctx.reply.nullBulk();
}

void cmdZmscore(CommandContext &ctx)
{
    SortedSet *zset = readZset(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    ctx.reply.arrayHeader(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i) {
        std::optional<double> score = zset ? zset->score(ctx.arg(i)) : std::nullopt;
        if (score)
            ctx.reply.doubleValue(*score);
        else
            ctx.reply.nullBulk();
    }
}

void cmdZcard(CommandContext &ctx)
{
    SortedSet *zset = readZset(ctx, ctx.arg(1));
    if (!ctx.wrongType()) ctx.reply.integer(zset ? static_cast<int64_t>(zset->size()) : 0);
}

void cmdZcount(CommandContext &ctx)
{
    SortedSet::ScoreRange range;
    if (!parseScoreRange(ctx, ctx.arg(2), ctx.arg(3), &range)) return;
    SortedSet *zset = readZset(ctx, ctx.arg(1));
    if (!ctx.wrongType())
        ctx.reply.integer(zset ? static_cast<int64_t>(zset->countInScoreRange(range)) : 0);
}

void cmdZlexcount(CommandContext &ctx)
{
    SortedSet::LexBound min, max;
    if (!parseLexRange(ctx, ctx.arg(2), ctx.arg(3), &min, &max)) return;
    SortedSet *zset = readZset(ctx, ctx.arg(1));
    if (!ctx.wrongType())
        ctx.reply.integer(zset ? static_cast<int64_t>(zset->countInLexRange(min, max)) : 0);
}

void cmdZrange(CommandContext &ctx)
{
    zrangeGeneric(ctx, RangeType::Auto, Direction::Auto);
}
void cmdZrangestore(CommandContext &ctx)
{
    zrangeGeneric(ctx, RangeType::Auto, Direction::Auto, true);
}
void cmdZrevrange(CommandContext &ctx)
{
    zrangeGeneric(ctx, RangeType::Rank, Direction::Reverse);
}
void cmdZrangebyscore(CommandContext &ctx)
{
    zrangeGeneric(ctx, RangeType::Score, Direction::Forward);
}
void cmdZrevrangebyscore(CommandContext &ctx)
{
    zrangeGeneric(ctx, RangeType::Score, Direction::Reverse);
}
void cmdZrangebylex(CommandContext &ctx)
{
    zrangeGeneric(ctx, RangeType::Lex, Direction::Forward);
}
void cmdZrevrangebylex(CommandContext &ctx)
{
    zrangeGeneric(ctx, RangeType::Lex, Direction::Reverse);
}

void cmdZrank(CommandContext &ctx)
{
    zrankGeneric(ctx, false);
}
void cmdZrevrank(CommandContext &ctx)
{
    zrankGeneric(ctx, true);
}

void cmdZpopmin(CommandContext &ctx)
{
    zpopGeneric(ctx, false);
}
void cmdZpopmax(CommandContext &ctx)
{
    zpopGeneric(ctx, true);
}
void cmdBzpopmin(CommandContext &ctx)
{
    bzpopGeneric(ctx, false);
}
void cmdBzpopmax(CommandContext &ctx)
{
    bzpopGeneric(ctx, true);
}

void cmdZremrangebyrank(CommandContext &ctx)
{
    zremrangeGeneric(ctx, RemoveBy::Rank);
}
void cmdZremrangebyscore(CommandContext &ctx)
{
    zremrangeGeneric(ctx, RemoveBy::Score);
}
void cmdZremrangebylex(CommandContext &ctx)
{
    zremrangeGeneric(ctx, RemoveBy::Lex);
}

void cmdZunionstore(CommandContext &ctx)
{
    zsetOperation(ctx, SetOp::Union, true);
}
void cmdZinterstore(CommandContext &ctx)
{
    zsetOperation(ctx, SetOp::Inter, true);
}
void cmdZdiffstore(CommandContext &ctx)
{
    zsetOperation(ctx, SetOp::Diff, true);
}
void cmdZunion(CommandContext &ctx)
{
    zsetOperation(ctx, SetOp::Union, false);
}
void cmdZinter(CommandContext &ctx)
{
    zsetOperation(ctx, SetOp::Inter, false);
}
void cmdZdiff(CommandContext &ctx)
{
    zsetOperation(ctx, SetOp::Diff, false);
}

// ZRANDMEMBER key [count [WITHSCORES]]: positive count = distinct members, negative =
// |count| independent draws.
void cmdZrandmember(CommandContext &ctx)
{
    RandomPick pick;
    SortedSet *zset =
        parseRandomPick(ctx, "WITHSCORES", &pick, [&] { return readZset(ctx, ctx.arg(1)); });
    if (!zset) return;
    if (pick.single) return ctx.reply.bulk(zset->randomMember(ctx.server.random())->first);

    std::vector<std::pair<std::string_view, double>> picked;
    // Draws by rank. When there are at least as many draws as members, one in-order walk
    // first makes every draw O(1): at() costs O(log N) on a skiplist but O(N) on a packed set.
    Scored all;
    size_t draws =
        pick.count < 0 ? static_cast<size_t>(-pick.count) : static_cast<size_t>(pick.count);
    if (draws >= zset->size())
        zset->forEach([&all](std::string_view m, double s) { all.emplace_back(m, s); });
    auto elementAt = [&](size_t rank) { return all.empty() ? *zset->at(rank) : all[rank]; };
    size_t wanted = pick.entries(zset->size());
    if (pick.count < 0) {
        std::uniform_int_distribution<size_t> draw(0, zset->size() - 1);
        for (size_t i = 0; i < wanted; ++i)
            picked.push_back(elementAt(draw(ctx.server.random())));
    } else {
        std::vector<size_t> ranks;
        if (wanted * 3 >= zset->size()) {
            for (size_t r = 0; r < zset->size(); ++r)
                ranks.push_back(r);
            std::shuffle(ranks.begin(), ranks.end(), ctx.server.random());
            ranks.resize(wanted);
        } else {
            std::unordered_set<size_t> seen;
            std::uniform_int_distribution<size_t> draw(0, zset->size() - 1);
            while (ranks.size() < wanted) {
                size_t r = draw(ctx.server.random());
                if (seen.insert(r).second) ranks.push_back(r);
            }
        }
        for (size_t r : ranks)
            picked.push_back(elementAt(r));
    }
    pick.replyHeader(ctx, picked.size());
    for (const auto &[member, score] : picked) {
        pick.replyPairHeader(ctx);
        ctx.reply.bulk(member);
        if (pick.withExtra) ctx.reply.doubleValue(score);
    }
}

void cmdZscan(CommandContext &ctx)
{
    uint64_t cursor;
    if (!parseScanCursor(ctx, 2, &cursor)) return;
    SortedSet *zset = readZset(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    CollectionScanOptions options;
    if (zset && !parseCollectionScanOptions(ctx, 3, &options)) return;
    std::vector<std::string> items;
    if (zset) {
        size_t visited = 0;
        cursor = runScanLoop(cursor, options, visited, [&](uint64_t at) {
            return zset->scan(at, [&](std::string_view member, double score) {
                ++visited;
                if (options.hasPattern && !globMatch(options.pattern, member)) return;
                items.emplace_back(member);
                items.push_back(formatDouble(score));
            });
        });
    } else {
        cursor = 0;
    }
    replyScan(ctx, cursor, items);
}

// ---- ZMPOP / BZMPOP / ZINTERCARD (issue 21)

namespace {

// Pops up to `count` members from the first existing sorted set among the keys and replies
// [key, [[member, score]...]] (nested pairs in RESP2 too), propagated as ZPOPMIN/ZPOPMAX key
// n. False when no key exists (nothing replied) or on WRONGTYPE (replied). A waiter woken by
// a ready key pops from that key only.
bool multiPopZset(CommandContext &ctx, const MultiPopArgs &args)
{
    for (size_t i = args.firstKey; i < args.firstKey + args.keyCount; ++i) {
        std::string_view key = ctx.arg(i);
        if (ctx.server.servingBlockedClient && key != ctx.server.servingReadyKey) continue;
        Value *value = ctx.lookupWrite(key, ValueType::ZSet);
        if (ctx.wrongType()) return false;
        if (!value) continue;
        const bool max = args.secondEnd;
        SortedSet::Popped popped = popFrom(ctx, key, value, max, static_cast<size_t>(args.count));
        ctx.reply.arrayHeader(2);
        ctx.reply.bulk(key);
        ctx.reply.arrayHeader(popped.size());
        for (const auto &[member, score] : popped) {
            ctx.reply.arrayHeader(2);
            ctx.reply.bulk(member);
            ctx.reply.doubleValue(score);
        }
        ctx.propagateAs(
            {max ? "ZPOPMAX" : "ZPOPMIN", std::string(key), std::to_string(popped.size())});
        return true;
    }
    return false;
}

} // namespace

// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]
void cmdZmpop(CommandContext &ctx)
{
    MultiPopArgs args;
    if (!parseMultiPopArgs(ctx, 1, "MIN", "MAX", &args)) return;
    if (!multiPopZset(ctx, args) && !ctx.wrongType()) ctx.reply.nullArray();
}

// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: the timeout is read after the
// rest, as in Redis; blocks like BZPOPMIN when every key is absent (not inside MULTI).
void cmdBzmpop(CommandContext &ctx)
{
    MultiPopArgs args;
    if (!parseMultiPopArgs(ctx, 2, "MIN", "MAX", &args)) return;
    int64_t deadline;
    if (!blockingTimeoutArg(ctx, 1, &deadline)) return;
    if (multiPopZset(ctx, args) || ctx.wrongType()) return;
    if (ctx.client.inMulti) return ctx.reply.nullArray();
    std::vector<std::string> keys(ctx.argv.begin() + static_cast<ptrdiff_t>(args.firstKey),
                                  ctx.argv.begin() +
                                      static_cast<ptrdiff_t>(args.firstKey + args.keyCount));
    ctx.client.blockedCommand =
        QueuedCommand{&ctx.spec, std::vector<std::string>(ctx.argv.begin(), ctx.argv.end())};
    ctx.server.blockClient(ctx.client, std::move(keys), deadline, true);
}

// ZINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection (plain sets
// count as sorted sets), counting stops at LIMIT (0: no limit). O(N*K) for the smallest set.
void cmdZintercard(CommandContext &ctx)
{
    int64_t numKeys;
    if (!ctx.int64Arg(1, &numKeys)) return;
    if (numKeys < 1)
        return ctx.error("ERR at least 1 input key is needed for 'zintercard' command");
    if (numKeys > static_cast<int64_t>(ctx.argc() - 2)) return ctx.syntaxError();
    std::vector<OpInput> inputs(static_cast<size_t>(numKeys));
    for (size_t i = 0; i < inputs.size(); ++i) {
        Value *value = ctx.lookupRead(ctx.arg(2 + i));
        if (value && value->type() == ValueType::ZSet)
            inputs[i].zset = &value->zset();
        else if (value && value->type() == ValueType::Set)
            inputs[i].set = &value->set();
        else if (value)
            return ctx.error(errors::kWrongType);
    }
    int64_t limit = 0;
    for (size_t i = 2 + inputs.size(); i < ctx.argc(); i += 2) {
        if (!equalsIgnoreCase(ctx.arg(i), "LIMIT") || i + 1 >= ctx.argc()) return ctx.syntaxError();
        if (!parseInt64(ctx.arg(i + 1), &limit) || limit < 0)
            return ctx.error("ERR LIMIT can't be negative");
    }
    auto smallest =
        std::min_element(inputs.begin(), inputs.end(),
                         [](const OpInput &a, const OpInput &b) { return a.size() < b.size(); });
    int64_t cardinality = 0;
    if (smallest->size() > 0) {
        // The callbacks cannot stop a walk: past the limit they only skip the lookups.
        smallest->forEach([&](std::string_view member, double) {
            if (limit && cardinality >= limit) return;
            for (const OpInput &input : inputs)
                if (&input != &*smallest && !input.score(member)) return;
            ++cardinality;
        });
    }
    ctx.reply.integer(cardinality);
}

} // namespace redscope::engine
