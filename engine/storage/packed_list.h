// PackedList: the list type (Redis's quicklist, rebuilt our way). A std::deque<std::string>
// costs 32 bytes of std::string per element plus its blocks; Redis 7 packs elements into
// listpack nodes at ~13 bytes for a short one. This keeps the same shape:
//
// - A vector of nodes. Each node is one heap buffer of back-to-back entries. How full a node
//   may grow is the list's fill, list-max-listpack-size when the list was created (as with
//   Redis, a list keeps the fill it was made with): -1..-5 bound the node's listpack size
//   (4, 8, 16, 32, 64 KiB, estimated as Redis estimates it: our entries of short strings are
//   exactly listpack-sized, plus the listpack's 7 header bytes), a positive fill bounds the
//   element count (and 8 KiB), 0 keeps one element per node. A single element larger than
//   the limit gets a node of its own. A node knows its element count, so an index walks node
//   counts, then entries.
// - An entry is LEB128(length), the bytes, then LEB128(length) again with its bytes in
//   reverse order, so an entry can be read from either end: 2 bytes of overhead below 128
//   bytes, like a listpack entry. Integers are stored as text.
// - The used bytes of a node are a window [begin, end) inside its buffer: a node filled
//   from the head keeps its slack in front, one filled from the tail keeps it behind, so
//   LPUSH and RPUSH are amortised O(1) without moving the node's bytes.
//
// Costs: push/pop at either end O(1) amortised; index, LSET and LINSERT O(nodes + one
// node's entries), walking from the nearer end; a range is one index walk and then a
// sequential read; allocatedBytes() is O(1) (kept up to date on every allocation), which
// the used-memory accounting needs after each write. Views returned by front/back/at and
// passed to visitors are valid until the next change to the list.
#pragma once

#include "storage/varint.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

class PackedList
{
public:
    static constexpr size_t kMaxNodeBytes = 8192; // the default fill's, and positive fills'
    static constexpr int kDefaultFill = -2;

    explicit PackedList(int fill = kDefaultFill) : m_fill(clampFill(fill)) {}
    PackedList(const PackedList &other);
    PackedList(PackedList &&other) noexcept;
    PackedList &operator=(const PackedList &) = delete;
    PackedList &operator=(PackedList &&) = delete;
    ~PackedList();

    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    size_t nodeCount() const { return m_nodes.size(); }
    // The fill the list was created with (Redis's list-max-listpack-size, clamped to -5..32767
    // as Redis clamps it), and each node's element count, head first.
    int fill() const { return m_fill; }
    std::vector<uint32_t> nodeCounts() const;
    // Heap bytes owned (node buffers, the node vector, allocator headers) plus the object.
    size_t allocatedBytes() const;

    std::string_view front() const;
    std::string_view back() const;
    void pushFront(std::string_view element);
    void pushBack(std::string_view element);
    // Appends the elements as one node of their own, whatever the fill (an RDB's listpack
    // node loads whole, as in Redis). Nothing for an empty list of elements.
    void appendNode(const std::vector<std::string> &elements);
    void popFront() { dropFront(1); }
    void popBack() { dropBack(1); }

    // index < size().
    std::string_view at(size_t index) const;
    void set(size_t index, std::string_view element);
    // Inserts before the element at `index`; index == size() appends.
    void insert(size_t index, std::string_view element);
    // Removes up to `limit` elements equal to `element`, scanning from the head or the tail
    // (LREM). Returns how many were removed.
    size_t removeEqual(std::string_view element, size_t limit, bool fromTail);
    // Keeps elements [start, stop] (start <= stop < size()) and drops the rest (LTRIM).
    void keepRange(size_t start, size_t stop);
    void clear();

    // visit(std::string_view) for each element of [start, stop], stop < size(), in order.
    template <typename Visit> void forRange(size_t start, size_t stop, Visit &&visit) const;
    template <typename Visit> void forEach(Visit &&visit) const
    {
        if (m_size) forRange(0, m_size - 1, visit);
    }
    // visit(size_t index, std::string_view) -> bool, from the head or from the tail; a false
    // return stops the scan.
    template <typename Visit> void scan(bool fromTail, Visit &&visit) const;

private:
    struct Node
    {
        char *data = nullptr;
        uint32_t capacity = 0;
        uint32_t begin = 0; // used bytes are [begin, end)
        uint32_t end = 0;
        uint32_t count = 0;
        size_t used() const { return end - begin; }
    };
    struct Position
    {
        size_t node;
        uint32_t offset; // of the entry's first byte in the node's buffer
    };

    static std::string_view readForward(const char *entry, const char **next);
    static std::string_view readBackward(const char *entryEnd, const char **start);
    static size_t entrySize(size_t length);
    static void writeEntry(char *at, std::string_view element);

    Node newNode(size_t bytes, bool slackInFront);
    void freeNode(Node &node);
    void reserve(Node &node, size_t extra, bool atFront);
    void shrinkIfSparse(Node &node);
    static int clampFill(int fill) { return fill < -5 ? -5 : (fill > 32767 ? 32767 : fill); }
    // Whether an entry of `bytes` may join the node under the list's fill.
    bool fits(const Node &node, size_t bytes) const;
    size_t maxNodeBytes() const;
    Position locate(size_t index) const;
    void insertInNode(Node &node, uint32_t offset, std::string_view element);
    void insertAt(Position position, std::string_view element);
    void eraseInNode(Node &node, uint32_t offset, size_t bytes);
    void dropFront(size_t count);
    void dropBack(size_t count);
    void removeEmptyNodes();

    std::vector<Node> m_nodes;
    size_t m_size = 0;
    size_t m_bytes = 0; // sum of node capacities
    int m_fill = kDefaultFill;
};

inline std::string_view PackedList::readForward(const char *entry, const char **next)
{
    size_t length;
    size_t header = readVarint(entry, &length);
    *next = entry + 2 * header + length;
    return {entry + header, length};
}

inline std::string_view PackedList::readBackward(const char *entryEnd, const char **start)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(entryEnd);
    size_t length = bytes[-1];
    size_t header = 1;
    if (length & 0x80) {
        length &= 0x7F;
        unsigned shift = 7;
        unsigned char byte;
        do {
            byte = bytes[-1 - static_cast<ptrdiff_t>(header++)];
            length |= static_cast<size_t>(byte & 0x7F) << shift;
            shift += 7;
        } while (byte & 0x80);
    }
    *start = entryEnd - 2 * header - length;
    return {*start + header, length};
}

template <typename Visit> void PackedList::forRange(size_t start, size_t stop, Visit &&visit) const
{
    Position at = locate(start);
    size_t remaining = stop - start + 1;
    const char *entry = m_nodes[at.node].data + at.offset;
    for (size_t n = at.node; remaining; ++n) {
        const Node &node = m_nodes[n];
        if (n != at.node) entry = node.data + node.begin;
        const char *nodeEnd = node.data + node.end;
        while (entry < nodeEnd && remaining) {
            const char *next;
            visit(readForward(entry, &next));
            entry = next;
            --remaining;
        }
    }
}

template <typename Visit> void PackedList::scan(bool fromTail, Visit &&visit) const
{
    if (!fromTail) {
        size_t index = 0;
        for (const Node &node : m_nodes) {
            const char *entry = node.data + node.begin;
            const char *nodeEnd = node.data + node.end;
            while (entry < nodeEnd) {
                const char *next;
                if (!visit(index++, readForward(entry, &next))) return;
                entry = next;
            }
        }
        return;
    }
    size_t index = m_size;
    for (size_t n = m_nodes.size(); n-- > 0;) {
        const Node &node = m_nodes[n];
        const char *entryEnd = node.data + node.end;
        const char *nodeBegin = node.data + node.begin;
        while (entryEnd > nodeBegin) {
            const char *start;
            if (!visit(--index, readBackward(entryEnd, &start))) return;
            entryEnd = start;
        }
    }
}

} // namespace redscope::engine
