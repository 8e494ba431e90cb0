// PackedEntries: the elements of a small collection back to back in one heap block, the role
// Redis's listpack plays for small hashes and sorted sets. A hash table costs ~50 bytes of
// entry, bucket and allocator header per element before the element's own bytes; a user
// profile of ten short fields is then mostly overhead. Here an element costs its bytes plus a
// 1-byte length below 128 bytes (LEB128 length, as in PackedList), and the whole collection
// is one allocation held by one pointer.
//
// Entries are addressed by byte offset: 0 is the first entry, bytes() is one past the last.
// Callers that store pairs (field, value) or (member, score) keep them adjacent and step two
// entries at a time; find() takes that stride. Every lookup is a linear walk, which is the
// point: the owners switch to a hash table or a skiplist past a small size (Redis's
// *-max-listpack-entries / -value limits), where a walk of at most ~128 short entries is
// cheaper than hashing. Inserts and erases move the bytes behind them and resize the block
// to fit (rounded to 16 bytes), so a small collection never keeps slack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace redscope::engine {

class PackedEntries
{
public:
    static constexpr size_t npos = SIZE_MAX;

    PackedEntries() = default;
    PackedEntries(const PackedEntries &other);
    PackedEntries(PackedEntries &&other) noexcept
        : m_block(other.m_block)
    {
        other.m_block = nullptr;
    }
    PackedEntries &operator=(const PackedEntries &) = delete;
    PackedEntries &operator=(PackedEntries &&other) noexcept;
    ~PackedEntries();

    size_t count() const { return m_block ? m_block->count : 0; }
    bool empty() const { return count() == 0; }
    size_t bytes() const { return m_block ? m_block->used : 0; }
    // Heap bytes owned, allocator header included (0 when empty).
    size_t allocatedBytes() const;

    // The entry at `offset` (< bytes()); *next gets the offset of the entry after it.
    std::string_view read(size_t offset, size_t *next) const;
    // Offset of the entry `entries` after the one at `offset` (bytes() past the end).
    size_t skip(size_t offset, size_t entries) const;
    // Offset of the first entry equal to `value` among entries 0, stride, 2*stride, ...
    size_t find(std::string_view value, size_t stride = 1) const;

    // Inserts before the entry at `offset`; offset == bytes() appends.
    void insert(size_t offset, std::string_view value);
    void append(std::string_view value) { insert(bytes(), value); }
    // Replaces the entry at `offset`.
    void replace(size_t offset, std::string_view value);
    // Removes `entries` entries starting at `offset`.
    void erase(size_t offset, size_t entries);
    void clear();

    // visit(std::string_view) for every entry in order.
    template <typename Visit> void forEach(Visit &&visit) const
    {
        for (size_t at = 0, end = bytes(); at < end;)
            visit(read(at, &at));
    }

private:
    struct Block
    {
        uint32_t used;
        uint32_t capacity;
        uint32_t count;
        uint32_t reserved; // keeps data() 16-byte aligned; free for a future flag
        char *data() { return reinterpret_cast<char *>(this + 1); }
        const char *data() const { return reinterpret_cast<const char *>(this + 1); }
    };

    // Makes room for `extra` more bytes at `offset` (moving the tail) or, with a negative
    // `extra`, closes a gap of that size at `offset`; returns the data pointer.
    char *resize(size_t offset, ptrdiff_t extra);

    Block *m_block = nullptr;
};

} // namespace redscope::engine
