// Helpers shared by the hash, set and sorted-set command families: the option grammar of
// HSCAN/SSCAN/ZSCAN (MATCH, COUNT; TYPE belongs to SCAN only) with the cursor loop over a
// Dict, and the arguments, early replies and reply shape HRANDFIELD and ZRANDMEMBER share
// (RandomPick). The sampling of distinct random entries behind HRANDFIELD, SRANDMEMBER and SPOP is
// sampleDistinct() in storage/dict.h.
//
// Sorted sets are always hash tables here (Redis packs small ones into listpacks and returns
// them whole in one SCAN call); a cursor walk therefore returns small ones over a few calls
// instead of one, which the SCAN contract allows. Packed hashes and small integer sets do come
// back whole, as in Redis (HashValue::scan, storage/set_value.h).
#pragma once

#include "commands/command_context.h"
#include "storage/dict.h"
#include "util/strings.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

struct CollectionScanOptions
{
    std::string_view pattern;
    bool hasPattern = false;
    int64_t count = 10;
};

// Parses MATCH/COUNT pairs from argv[first..]; replies the error itself and returns false.
inline bool parseCollectionScanOptions(CommandContext &ctx, size_t first,
                                       CollectionScanOptions *out)
{
    for (size_t i = first; i < ctx.argc(); i += 2) {
        if (i + 1 >= ctx.argc()) {
            ctx.syntaxError();
            return false;
        }
        std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "MATCH")) {
            out->pattern = ctx.arg(i + 1);
            out->hasPattern = out->pattern != "*";
        } else if (equalsIgnoreCase(option, "COUNT")) {
            if (!ctx.int64Arg(i + 1, &out->count)) return false;
            if (out->count < 1) {
                ctx.syntaxError();
                return false;
            }
        } else {
            ctx.syntaxError();
            return false;
        }
    }
    return true;
}

// Calls scanStep(cursor) -> next cursor until COUNT elements were visited or 10 * COUNT
// buckets were tried, as SCAN does; `visited` is incremented by the step's callback.
template <typename Step>
uint64_t runScanLoop(uint64_t cursor, const CollectionScanOptions &options, size_t &visited,
                     Step &&scanStep)
{
    int64_t maxIterations = options.count * 10;
    do {
        cursor = scanStep(cursor);
    } while (cursor != 0 && --maxIterations > 0 && static_cast<int64_t>(visited) < options.count);
    return cursor;
}

// Replies [cursor, [items...]] as every *SCAN command does.
inline void replyScan(CommandContext &ctx, uint64_t cursor, const std::vector<std::string> &items)
{
    ctx.reply.arrayHeader(2);
    ctx.reply.bulk(std::to_string(cursor));
    ctx.reply.arrayHeader(items.size());
    for (const std::string &item : items)
        ctx.reply.bulk(item);
}

// HRANDFIELD / ZRANDMEMBER key [count [WITHVALUES|WITHSCORES]]: what the arguments ask for.
// A positive count asks for distinct elements (at most all of them), a negative one for
// |count| independent draws that may repeat.
struct RandomPick
{
    bool single = true; // no count: one element, replied as a bulk string
    int64_t count = 0;
    bool withExtra = false; // WITHVALUES / WITHSCORES: each element with its value or score

    // How many elements the reply holds, from a collection of `size`.
    size_t entries(size_t size) const
    {
        return count < 0 ? static_cast<size_t>(-count) : std::min(static_cast<size_t>(count), size);
    }
    // The reply's header for n elements: RESP3 nests [element, extra] pairs, RESP2 flattens
    // them into one array.
    void replyHeader(CommandContext &ctx, size_t n) const
    {
        ctx.reply.arrayHeader(withExtra && !ctx.reply.isResp3() ? n * 2 : n);
    }
    // Before each element: the pair's own header under RESP3.
    void replyPairHeader(CommandContext &ctx) const
    {
        if (withExtra && ctx.reply.isResp3()) ctx.reply.arrayHeader(2);
    }
};

// The prologue both commands share, in Redis's order: the count and its range (INT64_MIN,
// and half the range with the option, checked before the key is read), the option, then the
// lookup (lookupKey(): the family's typed read, which answers WRONGTYPE itself). Returns the
// collection, or nullptr once the reply is complete: an error, a missing key (nil without a
// count, an empty array with one) or a count of 0.
template <typename LookupKey>
auto parseRandomPick(CommandContext &ctx, std::string_view option, RandomPick *pick,
                     LookupKey &&lookupKey) -> decltype(lookupKey())
{
    if (ctx.argc() == 2) {
        auto *collection = lookupKey();
        if (!collection && !ctx.wrongType()) ctx.reply.nullBulk();
        return collection;
    }
    pick->single = false;
    if (!ctx.int64Arg(2, &pick->count)) return nullptr;
    if (pick->count == INT64_MIN) {
        ctx.error("ERR value is out of range, value must between -9223372036854775807 and "
                  "9223372036854775807");
        return nullptr;
    }
    if (ctx.argc() == 4 && equalsIgnoreCase(ctx.arg(3), option)) {
        pick->withExtra = true;
    } else if (ctx.argc() >= 4) {
        ctx.syntaxError();
        return nullptr;
    }
    if (pick->withExtra && (pick->count < -INT64_MAX / 2 || pick->count > INT64_MAX / 2)) {
        ctx.error("ERR value is out of range");
        return nullptr;
    }
    auto *collection = lookupKey();
    if (ctx.wrongType()) return nullptr;
    if (!collection || pick->count == 0) {
        ctx.reply.arrayHeader(0);
        return nullptr;
    }
    return collection;
}

// LMPOP/BLMPOP/ZMPOP/BZMPOP: numkeys key... <end> [COUNT count], from argv[numKeysIndex], with
// Redis 7.0's checks in its order (numkeys, then the end word, then COUNT). `ends` are the two
// accepted words (LEFT/RIGHT, MIN/MAX); secondEnd says the second was given.
struct MultiPopArgs
{
    size_t firstKey = 0;
    size_t keyCount = 0;
    bool secondEnd = false;
    int64_t count = 1;
};

inline bool parseMultiPopArgs(CommandContext &ctx, size_t numKeysIndex, std::string_view firstEnd,
                              std::string_view secondEnd, MultiPopArgs *out)
{
    int64_t numKeys;
    if (!parseInt64(ctx.arg(numKeysIndex), &numKeys) || numKeys < 1) {
        ctx.error("ERR numkeys should be greater than 0");
        return false;
    }
    if (static_cast<uint64_t>(numKeys) >= ctx.argc() - numKeysIndex - 1) { // no end word
        ctx.syntaxError();
        return false;
    }
    out->firstKey = numKeysIndex + 1;
    out->keyCount = static_cast<size_t>(numKeys);
    const size_t endIndex = out->firstKey + out->keyCount;
    out->secondEnd = equalsIgnoreCase(ctx.arg(endIndex), secondEnd);
    if (!out->secondEnd && !equalsIgnoreCase(ctx.arg(endIndex), firstEnd)) {
        ctx.syntaxError();
        return false;
    }
    bool hasCount = false;
    for (size_t i = endIndex + 1; i < ctx.argc(); ++i) {
        if (hasCount || !equalsIgnoreCase(ctx.arg(i), "COUNT") || i + 1 >= ctx.argc()) {
            ctx.syntaxError();
            return false;
        }
        if (!parseInt64(ctx.arg(++i), &out->count) || out->count < 1) {
            ctx.error("ERR count should be greater than 0");
            return false;
        }
        hasCount = true;
    }
    return true;
}

} // namespace redscope::engine
