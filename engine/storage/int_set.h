// IntSet: the compact representation of a small set whose members are all integers (Redis's
// "intset" encoding). One heap block holds the members sorted ascending, each stored in the
// smallest width that fits EVERY member: 2, 4 or 8 bytes; the width and the count live in
// the object itself (16 bytes, held inline by Value through SetValue), not in a header in
// the block: ten ids below 2^31 then take one 40-byte block, which malloc serves from a
// 48-byte chunk where a 48-byte block would need 64, instead of ten hash-table nodes and a
// bucket array (~500 bytes).
//
// Costs: lookup is a binary search, O(log N); insert and erase move the tail and resize the
// block, O(N). That is why SetValue (set_value.h) keeps sets in this form only up to
// set-max-intset-entries members (512 by default) and converts them to a hash table beyond.
// Adding a member that does not fit the current width upgrades every element at once (O(N));
// the width never shrinks on erase, as in Redis, so an intset written to an RDB file keeps the
// width Redis itself would have.
//
// Members are kept in native byte order and read with memcpy (the block has no declared
// element type, since the width changes); toBlob()/fromBlob() convert to and from the
// little-endian layout of RDB_TYPE_SET_INTSET: header {width u32, count u32}, then contents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace redscope::engine {

class IntSet
{
public:
    IntSet() = default;
    ~IntSet();
    IntSet(IntSet &&other) noexcept;
    IntSet &operator=(IntSet &&other) noexcept;
    IntSet(const IntSet &) = delete;
    IntSet &operator=(const IntSet &) = delete;

    IntSet clone() const;

    size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    // Bytes per element: 2, 4 or 8 (2 for an empty set, as Redis's new intset).
    unsigned width() const { return m_width; }

    bool contains(int64_t value) const;
    // False when value is already present.
    bool insert(int64_t value);
    // False when value is absent.
    bool erase(int64_t value);
    // index < size(); members come in ascending order.
    int64_t at(size_t index) const { return load(m_data + index * m_width, m_width); }

    template <typename F> void forEach(F &&fn) const
    {
        const size_t n = size();
        for (size_t i = 0; i < n; ++i)
            fn(at(i));
    }

    // Bytes of the heap block, allocator rounding not counted.
    size_t allocatedBytes() const { return size_t{m_width} * m_count; }

    // The RDB_TYPE_SET_INTSET blob: width u32 LE, count u32 LE, members LE.
    std::string toBlob() const;
    // Parses such a blob, checking the width, the length against the count and that members
    // are strictly ascending (what makes binary search correct). False with a message.
    static bool fromBlob(std::string_view blob, IntSet *out, std::string *error);

    // Smallest width (2, 4, 8) that holds value.
    static unsigned widthFor(int64_t value);
    // A set member is stored here only when its text is an integer in canonical form, the
    // one text it reads back as ("007", "+1", " 1", "-0" are strings, as in Redis).
    static bool parseMember(std::string_view text, int64_t *out);

    // The RDB blob's header: width u32 LE, count u32 LE.
    static constexpr size_t kBlobHeaderBytes = 8;

private:
    static int64_t load(const unsigned char *p, unsigned width)
    {
        if (width == 2) {
            int16_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        }
        if (width == 4) {
            int32_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        }
        int64_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    static void store(unsigned char *p, unsigned width, int64_t value);

    // Lower bound of value: its index when found (true), else where it would go (false).
    bool search(int64_t value, size_t *index) const;
    // Reallocates the block for `count` members of `width` bytes (freed when empty).
    void resize(unsigned width, size_t count);
    void upgradeAndInsert(int64_t value);

    unsigned char *m_data = nullptr; // m_count members of m_width bytes; nullptr when empty
    uint32_t m_count = 0;            // the RDB format's limit too
    uint32_t m_width = 2;
};

} // namespace redscope::engine
