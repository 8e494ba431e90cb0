// The value stored under a key: one of Redis's five core types. Strings are held inline
// (std::string's small-string buffer covers short values without a heap block); lists live
// behind a unique_ptr, so a Value stays small (48 bytes) in the keyspace table whatever its
// type. The access metadata feeds OBJECT IDLETIME/FREQ and LRU/LFU eviction.
//
// Encodings: OBJECT ENCODING reports the representation honestly ("int"/"embstr"/"raw" for
// strings by content and length, as Redis does; "quicklist" for lists; "listpack" or
// "hashtable" for hashes, which keep both forms (hash_value.h); "intset" or "hashtable" for
// sets (set_value.h); "listpack" or "skiplist" for sorted sets (zset.h)). Hashes, sets and
// sorted sets are held inline, not behind a pointer: many small ones are common, and the
// extra block would cost as much as a small collection's own block.
#pragma once

#include "storage/dict.h"
#include "storage/hash_value.h"
#include "storage/packed_list.h"
#include "storage/set_value.h"
#include "storage/stream.h"
#include "storage/zset.h"

#include <cstdint>
#include <memory>
#include <string>
#include <variant>

namespace redscope::engine {

enum class ValueType : uint8_t { String, List, Hash, Set, ZSet, Stream };

using ListValue = PackedList; // packed nodes, as Redis's quicklist

class Value
{
public:
    Value() = default;
    explicit Value(std::string text) : m_data(std::move(text)) {}
    explicit Value(std::unique_ptr<ListValue> list) : m_data(std::move(list)) {}
    explicit Value(HashValue hash) : m_data(std::move(hash)) {}
    explicit Value(SetValue set) : m_data(std::move(set)) {}
    explicit Value(SortedSet zset) : m_data(std::move(zset)) {}
    explicit Value(std::unique_ptr<Stream> stream) : m_data(std::move(stream)) {}

    // fill: list-max-listpack-size, compressDepth: list-compress-depth, which a list keeps
    // from its creation (packed_list.h).
    static Value newList(int fill = ListValue::kDefaultFill, int compressDepth = 0)
    {
        return Value(std::make_unique<ListValue>(fill, compressDepth));
    }
    static Value newHash() { return Value(HashValue()); }
    static Value newSet() { return Value(SetValue()); }
    static Value newSortedSet() { return Value(SortedSet()); }
    static Value newStream() { return Value(std::make_unique<Stream>()); }

    ValueType type() const { return static_cast<ValueType>(m_data.index()); }

    std::string &string() { return std::get<std::string>(m_data); }
    const std::string &string() const { return std::get<std::string>(m_data); }
    // A string edited in place (APPEND, SETRANGE, SETBIT, BITFIELD) or built by BITOP: Redis
    // keeps those in a growable "raw" buffer, and OBJECT ENCODING says "raw" whatever the
    // length or content until the value is replaced (INCR writes a fresh one).
    std::string &editString()
    {
        m_rawString = true;
        return string();
    }
    void replaceString(std::string text)
    {
        string() = std::move(text);
        m_rawString = false;
    }
    ListValue &list() { return *std::get<std::unique_ptr<ListValue>>(m_data); }
    const ListValue &list() const { return *std::get<std::unique_ptr<ListValue>>(m_data); }
    HashValue &hash() { return std::get<HashValue>(m_data); }
    const HashValue &hash() const { return std::get<HashValue>(m_data); }
    SetValue &set() { return std::get<SetValue>(m_data); }
    const SetValue &set() const { return std::get<SetValue>(m_data); }
    SortedSet &zset() { return std::get<SortedSet>(m_data); }
    const SortedSet &zset() const { return std::get<SortedSet>(m_data); }
    Stream &stream() { return *std::get<std::unique_ptr<Stream>>(m_data); }
    const Stream &stream() const { return *std::get<std::unique_ptr<Stream>>(m_data); }

    // True for a collection with no elements left: such keys are deleted, as in Redis.
    bool isEmptyCollection() const;
    // Deep copy, for COPY and for snapshots.
    Value clone() const;

    const char *typeName() const;
    const char *encodingName() const;
    // Approximate bytes used, for MEMORY USAGE: hashes and sets are estimated from `samples`
    // elements (0: every element, an O(N) walk), the rest is O(1).
    size_t memoryUsage(size_t samples) const;
    // Heap bytes the value owns beyond sizeof(Value), for the used-memory total that
    // maxmemory is checked against. O(1) for strings, lists, packed hashes, sets and sorted
    // sets; hash tables of more than 32 elements are estimated from 4 sampled elements, so a
    // write to a big collection does not walk it.
    size_t accountingBytes() const;

    // Access metadata, as in Redis's object header: a 24-bit LRU clock in seconds, and an
    // 8-bit logarithmic LFU counter with the minute (16 bits) of its last decay. Both are kept
    // so that switching maxmemory-policy at run time finds usable data; eviction.cpp reads
    // and updates them. 8 bytes in all with accountedSize, in padding Value already had.
    static constexpr uint8_t kLfuInitValue = 5; // new keys are not evicted at once under LFU
    static uint32_t lruClockAt(int64_t nowMs)
    {
        return static_cast<uint32_t>(nowMs / 1000) & 0xFFFFFF;
    }
    static uint16_t lfuMinutesAt(int64_t nowMs) { return static_cast<uint16_t>(nowMs / 60000); }
    bool isStamped() const { return lruClock || lfuCounter || lfuDecayTime; }
    void stampNew(int64_t nowMs)
    {
        lruClock = lruClockAt(nowMs);
        lfuCounter = kLfuInitValue;
        lfuDecayTime = lfuMinutesAt(nowMs);
    }
    // Milliseconds since the last access (the 24-bit clock wraps every 194 days).
    int64_t idleMs(int64_t nowMs) const;

    uint32_t lruClock : 24 = 0;
    uint32_t lfuCounter : 8 = 0;
    uint16_t lfuDecayTime = 0;
    // What this value counts for in its database's used-memory total (Database::account),
    // encoded in 16 bits: exact below 32 KiB, rounded up by less than 0.1% above.
    uint16_t accountedSize = 0;

    // Whether the key holding this value has a deadline in its database's expiry table.
    // Database keeps it (setExpireAt, clearExpire, set, expiry) so that walks over the
    // keyspace (SCAN, KEYS, lookups) consult that table only for the keys that have one: a
    // hash and a probe saved per key once any key has a TTL. It marks the keyspace slot, not
    // the value: see SlotMark.
    bool hasTtl() const { return m_ttlMark.on; }
    void markTtl(bool on) { m_ttlMark.on = on; } // Database only

private:
    // A copy or a move of a Value starts unmarked, and assigning a Value into a slot keeps
    // the slot's mark: a command that replaces a key's value in place (`*value = Value(..)`)
    // or a value moved in from another key cannot make the mark disagree with the table.
    struct SlotMark
    {
        SlotMark() = default;
        SlotMark(const SlotMark &) noexcept {}
        SlotMark &operator=(const SlotMark &) noexcept { return *this; }
        bool on = false;
    };

    // no_unique_address lets m_rawString sit in the variant's tail padding (GCC and Clang
    // both reuse it), so the flag costs no space.
    [[no_unique_address]] std::variant<std::string, std::unique_ptr<ListValue>, HashValue,
                                       SetValue, SortedSet, std::unique_ptr<Stream>>
        m_data;
    bool m_rawString = false;
    SlotMark m_ttlMark; // in the variant's tail padding too
};

static_assert(sizeof(Value) == 48, "Value must stay 48 bytes in the keyspace table");

// Keeps Value at 48 bytes: the inline set must not outgrow the string alternative.
static_assert(sizeof(SetValue) <= sizeof(std::string));

const char *valueTypeName(ValueType type);

} // namespace redscope::engine
