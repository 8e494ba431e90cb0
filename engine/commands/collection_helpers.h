// Helpers shared by the hash, set and sorted-set command families: the option grammar of
// HSCAN/SSCAN/ZSCAN (MATCH, COUNT; TYPE belongs to SCAN only) with the cursor loop over a
// Dict. The sampling of distinct random entries behind HRANDFIELD, SRANDMEMBER and SPOP is
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

} // namespace redscope::engine
