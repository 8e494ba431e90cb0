// libFuzzer target for the RDB loader (persistence/rdb_loader): the input is a whole RDB
// image, loaded into 16 fresh databases exactly as SAVE/DEBUG RELOAD/start-up load one,
// with no server running. The seed corpus holds files written by redscope-server and by
// Debian's redis-server for every type and encoding, most without a checksum (8 zero bytes,
// which both accept) so mutated files get past the CRC-64 and reach the end of the loader.
// After a successful load every value is walked, so a malformed object the loader let
// through (a bad listpack, an intset out of order) fails here rather than in a later command.
// A string that passes the HyperLogLog header checks is walked the way PFCOUNT, PFMERGE,
// PFADD and PFDEBUG TODENSE walk it (storage/hyperloglog.h), since an RDB file (or RESTORE,
// or SET) is how a corrupt sketch reaches those walkers; the seeds include sparse and dense
// sketches written by both servers.
#include "persistence/rdb_loader.h"
#include "storage/hyperloglog.h"
#include "storage/value.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace redscope::engine;

namespace {

void exerciseSketch(const std::string &value)
{
    if (!hll::looksValid(value)) return;
    std::vector<uint8_t> max(hll::kRegisters, 0);
    const bool merged = hll::mergeInto(value, max.data());
    const bool counted = hll::count(value).has_value();
    if (merged != counted) std::abort(); // both walk the same registers
    std::string dense = value;
    if (hll::toDense(dense) != merged || (merged && dense.size() != hll::kDenseSize)) std::abort();
    std::string sparse = value; // PFADD on a sketch that may be corrupt past the header
    for (int i = 0; i < 4; ++i)
        if (hll::add(sparse, std::string(1, static_cast<char>('a' + i)), 3000) > 0 &&
            !hll::looksValid(sparse))
            std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::vector<std::unique_ptr<Database>> dbs;
    for (int i = 0; i < 16; ++i)
        dbs.push_back(std::make_unique<Database>(i));
    RdbLoadOptions options;
    options.nowMs = 1700000000000; // fixed: the same input always loads the same keys
    options.skipExpired = size % 2 == 0;
    RdbLoadStats stats;
    std::string error;
    const std::string_view image(reinterpret_cast<const char *>(data), size);
    if (!loadRdb(image, dbs, options, &stats, &error)) {
        if (error.empty()) std::abort(); // a failure must say why
        return 0;
    }
    if (stats.bytesConsumed > size) std::abort();
    uint64_t keys = 0;
    for (auto &db : dbs) {
        keys += db->size();
        if (db->expiresCount() > db->size()) std::abort(); // a TTL without its key
        db->keys().forEach([](std::string_view, Value &value) {
            if (value.isEmptyCollection()) std::abort(); // empty keys must not load
            Value copy = value.clone();
            if (copy.memoryUsage(0) == 0 || copy.type() != value.type()) std::abort();
            if (value.type() == ValueType::String) exerciseSketch(value.string());
            if (value.type() == ValueType::Stream) { // decode every entry of every node
                uint64_t seen = 0;
                value.stream().range({}, StreamId::max(), false,
                                     [&seen](StreamId, const Stream::Fields &) {
                                         ++seen;
                                         return true;
                                     });
                if (seen != value.stream().length()) std::abort();
            }
        });
    }
    if (keys != stats.keysLoaded) std::abort();
    return 0;
}
