// A model of Redis 7.0's memory for one key, for sources that hold no in-memory sizes (an RDB
// file). It follows what `MEMORY USAGE key SAMPLES 0` adds up on a 64-bit redis-server built
// with jemalloc: the key's table entry and name, the value's object header and, per type and
// encoding, its structures (listpacks and intsets byte by byte, dictionaries with their
// power-of-two tables, skiplist nodes with their expected level, quicklist nodes filled to
// the default 8 KiB, stream listpack nodes), each allocation rounded to jemalloc's size
// classes. The result is a model: the report says so; live sources use MEMORY USAGE itself.
//
// No Qt here: the offline analysis calls it for every key of a file on a worker thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::memmodel {

// Encodings as OBJECT ENCODING names them, as a closed set.
enum class Encoding : uint8_t {
    Int,
    Embstr,
    Raw,
    Quicklist,
    Listpack,
    Intset,
    Hashtable,
    Skiplist,
    Stream,
    Other
};
Encoding encodingFromName(std::string_view name);
const char *encodingName(Encoding encoding);

// The limits that decide encodings (CONFIG names, Redis 7.0 defaults).
struct Limits
{
    uint64_t hashMaxListpackEntries = 512;
    uint64_t hashMaxListpackValue = 64;
    uint64_t setMaxIntsetEntries = 512;
    uint64_t zsetMaxListpackEntries = 128;
    uint64_t zsetMaxListpackValue = 64;
    uint64_t streamNodeMaxEntries = 100;
    uint64_t streamNodeMaxBytes = 4096;
    int listMaxListpackSize = -2; // -2: 8 KiB nodes
};

// jemalloc's usable size for a request of n bytes (its small and large size classes).
uint64_t allocSize(uint64_t n);
// An sds string of len bytes as sdsnewlen allocates it (header by length, NUL), rounded.
uint64_t sdsAllocSize(uint64_t len);
// True when a listpack stores s as an integer (canonical decimal within int64).
bool isListpackInteger(std::string_view s, int64_t *value = nullptr);

// Bytes of a listpack built by appending entries one at a time.
class ListpackSize
{
public:
    void add(std::string_view entry);
    void addInteger(int64_t value);
    uint64_t bytes() const { return m_bytes; }
    uint64_t entries() const { return m_entries; }

private:
    void addEntry(uint64_t encodedLength);
    uint64_t m_bytes = 7; // 6 header bytes and the end marker
    uint64_t m_entries = 0;
};

// What the model found about one value, besides its bytes: the findings use it.
struct ValueShape
{
    uint64_t bytes = 0;         // the value's modelled MEMORY USAGE, key overhead included
    uint64_t maxItemLength = 0; // longest field, member or value (hash: fields and values)
    bool allIntegers = true;    // sets: every member an integer (intset candidate)
    uint64_t packedBytes = 0;   // hash/set/zset not packed: its modelled bytes if it were
};

// Overhead of the key itself: its dictionary entry and its name as an sds.
uint64_t keyOverhead(uint64_t keyLength);

// Strings: encoding int/embstr/raw and the value's length.
uint64_t stringBytes(Encoding encoding, uint64_t length);

// Collections from their items, with the key's overhead (keyLength) included. Items as
// RdbValue holds them: list/set members; hash field, value...; zset member, score...
ValueShape listShape(uint64_t keyLength, const std::vector<std::string> &items,
                     const Limits &limits = {});
ValueShape setShape(uint64_t keyLength, Encoding encoding, const std::vector<std::string> &items,
                    const Limits &limits = {});
ValueShape hashShape(uint64_t keyLength, Encoding encoding, const std::vector<std::string> &items,
                     const Limits &limits = {});
ValueShape zsetShape(uint64_t keyLength, Encoding encoding, const std::vector<std::string> &items,
                     const Limits &limits = {});

struct StreamEntryView
{
    int64_t ms = 0;
    int64_t seq = 0;
    const std::vector<std::string> *fields = nullptr; // field, value...
};
ValueShape streamShape(uint64_t keyLength, const std::vector<StreamEntryView> &entries,
                       uint64_t groups, const Limits &limits = {});

} // namespace redscope::memmodel
