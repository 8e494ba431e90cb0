// PackedEntries (see packed_entries.h): one malloc'ed block, a 16-byte header then the entries.
// realloc() keeps the common case (append to a block with allocator slack) cheap.
#include "storage/packed_entries.h"

#include "storage/varint.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace redscope::engine {

namespace {

size_t roundUp16(size_t n)
{
    return (n + 15) & ~size_t{15};
}

} // namespace

PackedEntries::PackedEntries(const PackedEntries &other)
{
    if (!other.m_block || other.m_block->count == 0) return;
    size_t total = sizeof(Block) + roundUp16(other.m_block->used);
    m_block = static_cast<Block *>(std::malloc(total));
    if (!m_block) throw std::bad_alloc();
    std::memcpy(m_block, other.m_block, sizeof(Block) + other.m_block->used);
    m_block->capacity = static_cast<uint32_t>(total - sizeof(Block));
}

PackedEntries &PackedEntries::operator=(PackedEntries &&other) noexcept
{
    if (this != &other) {
        std::free(m_block);
        m_block = other.m_block;
        other.m_block = nullptr;
    }
    return *this;
}

PackedEntries::~PackedEntries()
{
    std::free(m_block);
}

size_t PackedEntries::allocatedBytes() const
{
    // glibc's chunk header is 8 bytes and chunks are 16-byte multiples.
    return m_block ? roundUp16(sizeof(Block) + m_block->capacity + 8) : 0;
}

std::string_view PackedEntries::read(size_t offset, size_t *next) const
{
    const char *entry = m_block->data() + offset;
    size_t length;
    size_t header = readVarint(entry, &length);
    *next = offset + header + length;
    return {entry + header, length};
}

size_t PackedEntries::skip(size_t offset, size_t entries) const
{
    size_t end = bytes();
    while (entries-- && offset < end)
        read(offset, &offset);
    return offset;
}

size_t PackedEntries::find(std::string_view value, size_t stride) const
{
    size_t end = bytes();
    size_t at = 0;
    while (at < end) {
        size_t next;
        std::string_view entry = read(at, &next);
        if (entry == value) return at;
        at = stride == 1 ? next : skip(next, stride - 1);
    }
    return npos;
}

char *PackedEntries::resize(size_t offset, ptrdiff_t extra)
{
    size_t used = bytes();
    size_t newUsed = static_cast<size_t>(static_cast<ptrdiff_t>(used) + extra);
    if (extra < 0) {
        char *data = m_block->data();
        std::memmove(data + offset, data + offset - extra, used - offset + extra);
    }
    size_t capacity = m_block ? m_block->capacity : 0;
    // Grow to fit; shrink only when a quarter or more would be slack, so alternating
    // add/remove of one element does not realloc every time.
    if (newUsed > capacity || roundUp16(newUsed) + capacity / 4 < capacity) {
        size_t newCapacity = roundUp16(newUsed);
        auto *block = static_cast<Block *>(std::realloc(m_block, sizeof(Block) + newCapacity));
        if (!block) throw std::bad_alloc();
        if (!m_block) block->count = 0;
        m_block = block;
        m_block->capacity = static_cast<uint32_t>(newCapacity);
    }
    char *data = m_block->data();
    if (extra > 0) std::memmove(data + offset + extra, data + offset, used - offset);
    m_block->used = static_cast<uint32_t>(newUsed);
    return data;
}

void PackedEntries::insert(size_t offset, std::string_view value)
{
    size_t header = varintSize(value.size());
    char *data = resize(offset, static_cast<ptrdiff_t>(header + value.size()));
    writeVarint(data + offset, value.size());
    if (!value.empty()) std::memcpy(data + offset + header, value.data(), value.size());
    ++m_block->count;
}

void PackedEntries::replace(size_t offset, std::string_view value)
{
    size_t next;
    read(offset, &next);
    ptrdiff_t oldBytes = static_cast<ptrdiff_t>(next - offset);
    ptrdiff_t newBytes = static_cast<ptrdiff_t>(varintSize(value.size()) + value.size());
    char *data = m_block->data();
    if (newBytes > oldBytes)
        data = resize(next, newBytes - oldBytes);
    else if (newBytes < oldBytes)
        data = resize(offset + static_cast<size_t>(newBytes), newBytes - oldBytes);
    size_t header = writeVarint(data + offset, value.size());
    if (!value.empty()) std::memcpy(data + offset + header, value.data(), value.size());
}

void PackedEntries::erase(size_t offset, size_t entries)
{
    size_t end = offset;
    size_t removed = 0;
    for (size_t limit = bytes(); removed < entries && end < limit; ++removed)
        read(end, &end);
    if (removed == 0) return;
    resize(offset, -static_cast<ptrdiff_t>(end - offset));
    m_block->count -= static_cast<uint32_t>(removed);
    if (m_block->count == 0) clear();
}

void PackedEntries::clear()
{
    std::free(m_block);
    m_block = nullptr;
}

} // namespace redscope::engine
