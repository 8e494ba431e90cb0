// Public streaming reader of RDB files (dump.rdb), for walking a snapshot without a server
// and without holding the dataset in memory: memory analysis and export in the app use it.
// No Qt and nothing of the engine's internals here, like engine.h.
//
// RdbReader reads the file through a fixed buffer and calls an RdbVisitor for each aux
// field, database, key, function library and module aux record, in file order. Every type
// and encoding Redis 7.0 writes (RDB versions 1-10) is understood. For each key the visitor
// gets its metadata (type, the encoding OBJECT ENCODING would report after loading the file
// with the default limits, expiry, LRU idle / LFU frequency, element count, serialized size)
// and may ask for the value itself as a DUMP payload. Each value is decoded on its own and
// dropped before the next key, so memory stays flat whatever the file's size (a single huge
// key still needs its own size). Module values are reported (type name) and skipped.
//
// Corrupt or truncated input ends the walk with a message naming the byte offset and what
// was expected; the checksum (CRC-64) is verified at the end when the file carries one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

enum class RdbType : uint8_t { String, List, Set, ZSet, Hash, Stream, Module };

// "string", "list", "set", "zset", "hash", "stream" (TYPE's names), "module".
const char *rdbTypeName(RdbType type);

struct RdbKey
{
    int db = 0;
    std::string_view key; // valid during the callback only
    RdbType type = RdbType::String;
    uint8_t rdbType = 0;          // the value type byte in the file (rdb_format.h)
    std::string_view encoding;    // int, embstr, raw, quicklist, listpack, intset, hashtable,
                                  // skiplist, stream; "raw" for module values
    int64_t expireAtMs = -1;      // absolute Unix time in ms; -1 without expiry
    int64_t idleSeconds = -1;     // LRU idle time when the file records it (IDLE opcode)
    int lfuFrequency = -1;        // LFU counter when the file records it (FREQ opcode)
    uint64_t elements = 0;        // strings: length; lists, sets, zsets, hashes: members;
                                  // streams: entries; modules: 0
    uint64_t streamGroups = 0;    // consumer groups of a stream
    uint64_t offset = 0;          // where the key's record starts (its expiry/idle/freq opcodes)
    uint64_t serializedBytes = 0; // the record's bytes, up to where the next one starts
    std::string_view moduleType;  // module values: the module type's 9-character name
};

// A decoded value, for export. Items by type: string {value}; list and set: members (a set
// in its encoding's order); hash: field, value, field, value...; zset: member, score (as
// ZSCORE prints it) ... in score order; module: none. Streams fill streamEntries instead.
struct RdbStreamEntry
{
    std::string id;                  // "ms-seq"
    std::vector<std::string> fields; // field, value, field, value...
};

struct RdbValue
{
    RdbType type = RdbType::String;
    std::vector<std::string> items;
    std::vector<RdbStreamEntry> streamEntries;
};

// The current key's value, on request (only during RdbVisitor::onKey).
class RdbValueAccess
{
public:
    virtual ~RdbValueAccess() = default;
    // The value decoded (it already is, for the metadata: this only copies it out). False
    // for module values, which need their module to be understood.
    virtual bool decode(RdbValue *out) = 0;
    // The value as DUMP would return it (type byte, value, RDB version, CRC-64): RESTORE
    // takes it on a Redis 7.0 server or on redscope-server. Read again from the file, so it
    // costs nothing unless asked. Empty for module values.
    virtual std::string dumpPayload() = 0;
};

enum class RdbAction { Continue, Stop };

// Override what you need; every callback may return Stop to end the walk early.
class RdbVisitor
{
public:
    virtual ~RdbVisitor() = default;
    // AUX fields: redis-ver, redis-bits, ctime, used-mem, aof-base, repl-id...
    virtual RdbAction onAux(std::string_view name, std::string_view value);
    virtual RdbAction onDatabase(int db);
    // RESIZEDB hint of the current database (sizes of its key and expiry tables).
    virtual RdbAction onResizeHint(int db, uint64_t keys, uint64_t expires);
    virtual RdbAction onKey(const RdbKey &key, RdbValueAccess &value);
    // A function library (FUNCTION2): its engine and name from the "#!" line, and its code.
    virtual RdbAction onFunctionLibrary(std::string_view engine, std::string_view name,
                                        std::string_view code);
    // Module auxiliary data (MODULE_AUX), skipped after this call.
    virtual RdbAction onModuleAux(std::string_view moduleType);
    // Called every few MiB and at the end.
    virtual RdbAction onProgress(uint64_t bytesRead, uint64_t fileSize);
};

struct RdbWalkResult
{
    int version = 0;   // RDB format version from the header
    uint64_t keys = 0; // keys reported to the visitor
    uint64_t bytesRead = 0;
    bool stopped = false;          // a callback returned Stop
    bool checksumVerified = false; // false when the file has none (rdbchecksum no) or stopped
};

class RdbReader
{
public:
    // bufferBytes: how much of the file is held at a time (more only for a longer string).
    explicit RdbReader(std::string path, size_t bufferBytes = 1 << 20);
    ~RdbReader();
    RdbReader(const RdbReader &) = delete;
    RdbReader &operator=(const RdbReader &) = delete;

    // Walks the whole file. False with a message (including the byte offset for corrupt
    // input) when the file cannot be read or is not a valid RDB file; keys reported before
    // the error stand. A walk stopped by the visitor returns true with result->stopped set.
    bool run(RdbVisitor &visitor, RdbWalkResult *result, std::string *error);

private:
    std::string m_path;
    size_t m_bufferBytes;
};

} // namespace redscope::engine
