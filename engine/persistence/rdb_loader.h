// Loads an RDB image (RDB versions 1-10: everything Redis 7.0 writes for strings, lists,
// hashes, sets and sorted sets) into fresh databases. The caller swaps them in only when the
// whole file loaded and its checksum matched, so a corrupt file never half-loads.
#pragma once

#include "storage/database.h"
#include "storage/zset.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

namespace rdb {
class Cursor;
}

struct RdbLoadOptions
{
    int64_t nowMs = 0;
    bool skipExpired = true; // drop keys whose TTL passed (not for an AOF base, like Redis)
    size_t maxIntsetEntries = SetValue::kDefaultMaxIntsetEntries; // set-max-intset-entries
    HashLimits hashLimits; // the server's hash-max-listpack-*: which hashes load packed
    ZsetLimits zsetLimits; // zset-max-listpack-*: which sorted sets load packed
    int listFill = PackedList::kDefaultFill; // list-max-listpack-size: the lists' node bound
    int listCompressDepth = 0;               // list-compress-depth: the lists' compression
    // sanitize-dump-payload in force for this load: each intset and listpack blob (hash,
    // sorted set, quicklist node, stream node) is counted here as one deep sanitization
    // (INFO's dump_payload_sanitizations), as Redis counts them. The loader checks every
    // blob entry by entry, duplicates included, whatever the setting.
    uint64_t *deepSanitizations = nullptr;
    // Called with the bytes parsed so far each time another progressEveryBytes went by (as
    // Redis's loading-process-events-interval-bytes): a long load serves -LOADING meanwhile.
    std::function<void(size_t parsed)> progress;
    size_t progressEveryBytes = 2 * 1024 * 1024;
    // key-load-delay: a pause after each key read (util/debug_delay.h); 0 for none.
    int64_t keyDelayUs = 0;
};

struct RdbLoadStats
{
    uint64_t keysLoaded = 0;
    uint64_t keysExpired = 0;
    uint64_t emptyKeysSkipped = 0;
    size_t bytesConsumed = 0; // through the checksum: an AOF may continue after it
    std::string redisVersion; // from the redis-ver aux field, if any
    bool aofBase = false;
    uint64_t rdbUsedMem = 0; // the used-mem aux field: the writer's memory (INFO loading_*)
    // The code of each function library (FUNCTION2 records), for the caller to load.
    std::vector<std::string> functionLibraries;
};

// Parses data into dbs (dbs.size() databases, indexes 0..n-1). On failure returns false
// with a message naming the byte offset and what was wrong; dbs are then in an unspecified
// state and must be discarded.
bool loadRdb(std::string_view data, std::vector<std::unique_ptr<Database>> &dbs,
             const RdbLoadOptions &options, RdbLoadStats *stats, std::string *error);

// The same from a cursor, which may stream from a source (a replica's link to its master):
// the image is never held whole. The cursor stops after the checksum; what it read beyond is
// in cursor.buffered().
bool loadRdb(rdb::Cursor &cursor, std::vector<std::unique_ptr<Database>> &dbs,
             const RdbLoadOptions &options, RdbLoadStats *stats, std::string *error);

// Parses one value as RDB encodes it after a key (type byte, then the value), as in a DUMP
// payload; *consumed is how many bytes it took. False with a message on corrupt input.
bool loadRdbValue(std::string_view data, const RdbLoadOptions &options, Value *out,
                  size_t *consumed, std::string *error);

// The same, reading from a cursor positioned after the key (the streaming RDB reader,
// persistence/rdb_reader.cpp); the type byte was read by the caller. Errors go to cursor.
bool loadRdbValueAt(rdb::Cursor &cursor, uint8_t type, const RdbLoadOptions &options, Value *out);

} // namespace redscope::engine
