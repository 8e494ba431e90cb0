// SetValue: the value of a Redis set, in one of two representations, as Redis keeps it:
// - an IntSet (int_set.h, "intset" in OBJECT ENCODING) while every member is an integer in
//   canonical form and there are at most set-max-intset-entries of them: 8 bytes of header
//   plus 2, 4 or 8 per member, O(log N) lookups, O(N) inserts;
// - a Dict<SetMarker> ("hashtable") otherwise: members are the Dict's keys, O(1) lookups.
// A set starts as an (empty) IntSet and converts to the hash table once and for all when a
// non-integer member arrives or it grows past the limit; it never converts back while it
// lives (removing the offending members does not), again as in Redis. A set rebuilt from an
// RDB file or by SINTERSTORE and friends starts over, so it may come back as an IntSet.
//
// Members are byte strings to callers whatever the representation: forEach, scan and the
// random pickers format IntSet members as decimal text. The object is 24 bytes (the IntSet
// and a null table pointer, or an empty IntSet and the table), so Value holds it inline: a
// set of ten ids costs one 40-byte heap block besides its key.
//
// Callbacks must not modify the set. Not thread-safe, like the rest of storage/.
#pragma once

#include "storage/dict.h"
#include "storage/int_set.h"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

struct SetMarker
{
};

class SetValue
{
public:
    using Table = Dict<SetMarker>;

    static constexpr size_t kDefaultMaxIntsetEntries = 512; // set-max-intset-entries
    // Whatever set-max-intset-entries says, an IntSet converts beyond this (as Redis 7.2
    // caps it): its count is 32-bit, and O(N) inserts make huge ones pointless.
    static constexpr size_t kIntsetHardLimit = size_t{1} << 30;

    SetValue() = default;
    // Takes an IntSet as loaded from an RDB file (the caller checks the size limit).
    explicit SetValue(IntSet ints)
        : m_ints(std::move(ints))
    {
    }
    // An empty set that will receive about `expected` members: straight to the hash table
    // when they cannot all fit an IntSet, so a big set is not built as one first.
    static SetValue withExpectedSize(size_t expected, size_t maxIntsetEntries);

    SetValue(SetValue &&) noexcept = default;
    SetValue &operator=(SetValue &&) noexcept = default;
    SetValue(const SetValue &) = delete;
    SetValue &operator=(const SetValue &) = delete;

    // Deep copy in the same representation (COPY keeps the encoding, as in Redis).
    SetValue clone() const;

    bool isIntSet() const { return !m_table; }
    const char *encodingName() const { return isIntSet() ? "intset" : "hashtable"; }
    // The IntSet while the set is in that form (the RDB writer saves it as a blob).
    const IntSet *intSet() const { return isIntSet() ? &m_ints : nullptr; }

    size_t size() const { return m_table ? m_table->size() : m_ints.size(); }
    bool empty() const { return size() == 0; }
    bool contains(std::string_view member) const;
    // Adds member unless present; converts to the hash table first when member is not a
    // canonical integer, and after adding when the set outgrew maxIntsetEntries.
    bool add(std::string_view member, size_t maxIntsetEntries);
    bool remove(std::string_view member);
    // Moves every member to a hash table (no-op when already there). O(N).
    void convertToTable();

    // fn(std::string_view member) for every member: ascending order for an IntSet, hash
    // order otherwise. The view is valid during the call only.
    template <typename F> void forEach(F &&fn) const
    {
        if (m_table) {
            m_table->forEach([&fn](std::string_view member, SetMarker &) { fn(member); });
            return;
        }
        char text[24];
        m_ints.forEach([&](int64_t v) { fn(format(v, text)); });
    }

    // SSCAN step: see Dict::scan for the hash table's cursor. An IntSet is returned whole
    // in one step with cursor 0, whatever the cursor given, as Redis does for its compact
    // encodings.
    template <typename F> uint64_t scan(uint64_t cursor, F &&fn)
    {
        if (m_table)
            return m_table->scan(cursor,
                                 [&fn](std::string_view member, SetMarker &) { fn(member); });
        forEach(fn);
        return 0;
    }

    // One uniformly random member (a hash table: Dict::uniformRandomEntry). The set must not
    // be empty.
    std::string randomMember(std::mt19937_64 &rng) const;
    // `count` distinct members (count < size()) in random order.
    std::vector<std::string> sampleDistinct(size_t count, std::mt19937_64 &rng) const;

    // Heap bytes the set owns (the Value holds this object inline): the IntSet block, or the
    // hash table with its nodes and buckets. O(1).
    size_t heapBytes() const { return m_table ? m_table->memoryUsage() : m_ints.allocatedBytes(); }
    // Buckets of the hash table (0 for an IntSet), for MEMORY USAGE's estimate.
    size_t bucketCount() const { return m_table ? m_table->bucketCount() : 0; }

private:
    static std::string_view format(int64_t value, char (&text)[24])
    {
        const auto result = std::to_chars(text, text + sizeof text, value);
        return {text, static_cast<size_t>(result.ptr - text)};
    }

    IntSet m_ints;                  // the members while isIntSet()
    std::unique_ptr<Table> m_table; // the members after the conversion
};

} // namespace redscope::engine
