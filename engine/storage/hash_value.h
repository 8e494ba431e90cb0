// HashValue: the value of a Redis hash (HSET, HGET, HSCAN, ...), in one of two
// representations, as Redis 7.0 keeps them:
// - packed: the (field, value) pairs back to back in one PackedEntries block, in insertion
//   order (an update keeps the field's place), while the hash has at most
//   hash-max-listpack-entries fields and no field or value longer than
//   hash-max-listpack-value bytes. Lookups walk the pairs; that is the point: a user profile
//   of ten short fields costs its bytes plus one length byte each, in a single allocation,
//   instead of a hash table's ~50 bytes of entry, bucket and allocator header per field.
// - table: a Dict from field to value, created when a limit is passed, for good (a hash
//   never goes back to packed, as in Redis).
// The object is two pointers (the block, the Dict), so Value holds it inline: a small hash
// is the keyspace entry plus one block. OBJECT ENCODING reports "listpack" / "hashtable"
// for the same command sequences as Redis 7.0, which is why the conversion points below
// follow Redis's (the lengths of HSET/HSETNX arguments are checked before anything is set,
// the entry count after each insert).
//
// Views returned by get(), forEach() and the random/scan functions are valid until the hash
// is modified.
#pragma once

#include "storage/dict.h"
#include "storage/packed_entries.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redscope::engine {

// hash-max-listpack-entries / hash-max-listpack-value, with Redis 7.0's defaults (512
// entries: a walk of up to 512 short pairs, as Redis does with its listpack).
struct HashLimits
{
    size_t maxEntries = 512;
    size_t maxValue = 64;
};

class HashValue
{
public:
    using Table = Dict<std::string>;
    using Pair = std::pair<std::string_view, std::string_view>;

    HashValue() = default;
    HashValue(HashValue &&) noexcept = default;
    HashValue &operator=(HashValue &&) noexcept = default;
    HashValue(const HashValue &) = delete;
    HashValue &operator=(const HashValue &) = delete;

    // Deep copy in the same representation (COPY keeps the encoding, as in Redis).
    HashValue clone() const;

    bool packed() const { return !m_table; }
    const char *encodingName() const { return packed() ? "listpack" : "hashtable"; }
    size_t size() const { return m_table ? m_table->size() : m_packed.count() / 2; }
    bool empty() const { return size() == 0; }

    std::optional<std::string_view> get(std::string_view field) const;
    bool exists(std::string_view field) const { return get(field).has_value(); }

    // Sets field to value; true when the field was created. A packed hash becomes a table
    // first when field or value is longer than limits.maxValue, and after the insert when
    // it holds more than limits.maxEntries fields.
    bool set(std::string_view field, std::string_view value, const HashLimits &limits);
    bool erase(std::string_view field);

    // Converts a packed hash to a table when `length` (an argument about to be stored)
    // exceeds limits.maxValue; HSET and HSETNX check all their arguments this way before
    // touching the hash, as Redis does.
    void convertIfLonger(size_t length, const HashLimits &limits)
    {
        if (packed() && length > limits.maxValue) convertToTable();
    }
    void convertToTable();

    // fn(std::string_view field, std::string_view value) for every pair: insertion order
    // when packed, table order otherwise. fn must not modify the hash.
    template <typename F> void forEach(F &&fn) const
    {
        if (m_table) {
            m_table->forEach([&fn](std::string_view f, std::string &v) { fn(f, v); });
            return;
        }
        for (size_t at = 0, end = m_packed.bytes(); at < end;) {
            std::string_view field = m_packed.read(at, &at);
            fn(field, m_packed.read(at, &at));
        }
    }

    // HSCAN: one step from `cursor`, the next cursor returned (0: done). A packed hash is
    // returned whole by any call, with cursor 0, as Redis does for a listpack; a table is
    // walked with Dict::scan's guarantees.
    template <typename F> uint64_t scan(uint64_t cursor, F &&fn) const
    {
        if (!m_table) {
            forEach(fn);
            return 0;
        }
        return m_table->scan(cursor, [&fn](std::string_view f, std::string &v) { fn(f, v); });
    }

    // A uniformly random pair (Dict::uniformRandomEntry); the hash must not
    // be empty.
    template <typename Rng> Pair randomPair(Rng &rng) const
    {
        if (m_table) {
            auto [field, value] = m_table->uniformRandomEntry(rng);
            return {*field, *value};
        }
        size_t index = std::uniform_int_distribution<size_t>(0, size() - 1)(rng);
        return pairAt(m_packed.skip(0, 2 * index));
    }

    // fn(field, value) for `count` independent random draws (HRANDFIELD with a negative
    // count). Packed: the draws are made in batches, each sorted and served by one walk,
    // so a million draws from a 500-field hash are not a million walks.
    template <typename Rng, typename F> void randomPairs(size_t count, Rng &rng, F &&fn) const
    {
        if (m_table) {
            while (count-- > 0) {
                auto [field, value] = m_table->uniformRandomEntry(rng);
                fn(*field, *value);
            }
            return;
        }
        std::uniform_int_distribution<size_t> pick(0, size() - 1);
        std::vector<size_t> indexes;
        while (count > 0) {
            indexes.resize(std::min<size_t>(count, 1024));
            for (size_t &index : indexes)
                index = pick(rng);
            std::sort(indexes.begin(), indexes.end());
            size_t at = 0, current = 0;
            for (size_t index : indexes) {
                at = m_packed.skip(at, 2 * (index - current));
                current = index;
                auto [field, value] = pairAt(at);
                fn(field, value);
            }
            count -= indexes.size();
        }
    }

    // `count` distinct random pairs, count < size(). Packed: selection sampling in one walk,
    // the pairs in hash order (as Redis's listpack sampling). Table: Dict's sampleDistinct.
    template <typename Rng> std::vector<Pair> randomDistinct(size_t count, Rng &rng) const
    {
        std::vector<Pair> picked;
        picked.reserve(count);
        const size_t total = size();
        if (!m_table) {
            size_t at = 0;
            for (size_t seen = 0; seen < total && picked.size() < count; ++seen) {
                const size_t next = m_packed.skip(at, 2);
                const size_t left = total - seen, wanted = count - picked.size();
                if (std::uniform_int_distribution<size_t>(0, left - 1)(rng) < wanted)
                    picked.push_back(pairAt(at));
                at = next;
            }
            return picked;
        }
        for (auto [field, value] : sampleDistinct(*m_table, count, rng))
            picked.emplace_back(field, *value);
        return picked;
    }

    // MEMORY USAGE's figure for what the hash owns beyond the Value that holds it: exact
    // when packed, from `samples` fields (0: all) for a table.
    size_t memoryUsage(size_t samples) const;
    // Heap bytes owned, for the used-memory accounting: O(1) when packed; a table of more
    // than 32 fields is estimated from a few sampled values.
    size_t accountingBytes() const;

private:
    Pair pairAt(size_t offset) const
    {
        std::string_view field = m_packed.read(offset, &offset);
        return {field, m_packed.read(offset, &offset)};
    }

    PackedEntries m_packed;         // the pairs while packed; empty once a table
    std::unique_ptr<Table> m_table; // null while packed
};

} // namespace redscope::engine
