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
// - Compression (list-compress-depth d > 0, the list's own setting from its creation, as
//   Redis's quicklist takes it) follows Redis 7.0's quicklist step for step, so the same
//   commands leave the same nodes compressed (DEBUG QUICKLIST, MEMORY USAGE). Redis does not
//   keep "every inner node compressed": it compresses lazily, at fixed moments. A node is
//   compressed when asked and still raw, if the listpack Redis would hold for it is at
//   least 48 bytes and LZF makes it more than 8 bytes smaller (MIN_COMPRESS_BYTES and
//   MIN_COMPRESS_IMPROVE: the decision is taken on that listpack, a plain node's on its
//   element, and then our own bytes are what is stored compressed). A node edited or read
//   in place is decompressed "for use" (its recompress flag set) and compressed again when
//   the edit or the iteration leaves it. Every node added (a push past the end node's room,
//   a split, an RDB node) runs the window pass on the node beside it and on itself: the d
//   nodes at each end are decompressed, and the node itself (outside the windows) and the
//   two nodes just inside the windows are compressed if they are raw; removing a node runs
//   the pass with no node of its own. A raw node deeper in the middle (one LZF could not
//   shrink, then edited into something it could) stays raw until one of these reaches it:
//   an iteration over it (LRANGE, LINDEX, LPOS, LINSERT's and LREM's scans, DEBUG DIGEST),
//   as in Redis. The iterations are separate non-const calls (visitRange) so that the
//   readers stay const; the commands call them where Redis iterates.
//   The node bytes counted by allocatedBytes() are the compressed ones, so MEMORY USAGE
//   and used_memory drop as they do in Redis.
//
// - Plain nodes (Redis 7.0's PLAIN quicklist container): an element of at least the packed
//   threshold bytes (1 GiB unless DEBUG QUICKLIST-PACKED-THRESHOLD changed it) gets a node of
//   its own that nothing else ever joins, and is never packed in with others. Its bytes are
//   one entry like any node's, so every read path is the same; what differs is where it may
//   go (pushes, LINSERT and LSET place and convert it as Redis 7.0.15 does: see insertNear
//   and set), how the RDB writes it (the raw element, container 1), and how its compression
//   is decided (on the element's own bytes, as Redis compresses the node's raw payload). The
//   threshold is process-wide, as Redis's is: it is a testing knob, read on every write.
//
// Costs: push/pop at either end O(1) amortised; index, LSET and LINSERT O(nodes + one
// node's entries), walking from the nearer end; a range is one index walk and then a
// sequential read; allocatedBytes() is O(1) (kept up to date on every allocation), which
// the used-memory accounting needs after each write. Views returned by front/back are valid
// until the next change to the list; at()'s until the next change or the next at(); views
// passed to visitors during that call of the visitor only (a compressed node's elements live
// in a scratch buffer while it is visited).
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

    // Elements of at least this many bytes go in plain nodes (Redis's packed_threshold).
    static constexpr size_t kDefaultPackedThreshold = size_t{1} << 30;
    static constexpr size_t kMaxPackedThreshold = (size_t{1} << 32) - (size_t{1} << 20);
    // 0 restores the default; false (nothing changed) above kMaxPackedThreshold.
    static bool setPackedThreshold(size_t bytes);
    static size_t packedThreshold();
    static bool isLargeElement(size_t bytes) { return bytes >= packedThreshold(); }

    static constexpr size_t kMinCompressBytes = 48;  // smaller nodes are never compressed
    static constexpr uint32_t kEmptyListpack = 7;    // header (6) and terminator
    static constexpr size_t kMinCompressImprove = 8; // LZF must save more than this

    explicit PackedList(int fill = kDefaultFill, int compressDepth = 0)
        : m_fill(clampFill(fill))
        , m_depth(clampDepth(compressDepth))
    {
    }
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
    // list-compress-depth as the list was created with (0: no compression, at most 65535 as
    // Redis clamps it); how many nodes are held compressed now; each node's raw size in
    // bytes (our entries, as the listpack it would be without its 7 header bytes).
    int compressDepth() const { return static_cast<int>(m_depth); }
    size_t compressedNodeCount() const { return m_compressedNodes; }
    bool nodeCompressed(size_t node) const { return m_nodes[node].compressed(); }
    // Redis's per-node recompress flag: decompressed for a use that has not ended yet.
    bool nodeRecompress(size_t node) const { return m_nodes[node].recompress; }
    // A plain node holds one element (Redis's PLAIN container); the others are packed.
    bool nodePlain(size_t node) const { return m_nodes[node].plain; }
    // Heap bytes owned (node buffers, the node vector, allocator headers) plus the object.
    size_t allocatedBytes() const;

    std::string_view front() const;
    std::string_view back() const;
    void pushFront(std::string_view element);
    void pushBack(std::string_view element);
    // Appends the elements as one node of their own, whatever the fill (an RDB's listpack
    // node loads whole, as in Redis). Nothing for an empty list of elements.
    void appendNode(const std::vector<std::string> &elements);
    // Appends the element as a plain node whatever its size (an RDB's PLAIN node).
    void appendPlainNode(std::string_view element);
    void popFront();
    void popBack();
    // LPOP/RPOP/LMPOP with a count: the `count` (<= size()) elements at that end are read
    // as Redis's range reply reads them, then deleted as one range.
    void popMany(size_t count, bool fromTail);

    // index < size().
    std::string_view at(size_t index) const;
    void set(size_t index, std::string_view element);
    // Inserts before the element at `index`; index == size() appends.
    void insert(size_t index, std::string_view element);
    // Inserts before or after the element at `pivot` (< size()), in the node Redis 7.0.15
    // would choose: the pivot's own node while it has room, else the neighbouring node when
    // the pivot is at that edge of its node, else a new node, else a split (the neighbours
    // then merged where they fit). No scan before it: LINSERT is insertAtPivot.
    void insertNear(size_t pivot, std::string_view element, bool after);
    // Removes up to `limit` elements equal to `element`, scanning from the head or the tail
    // (LREM). Returns how many were removed.
    size_t removeEqual(std::string_view element, size_t limit, bool fromTail);
    // Keeps elements [start, stop] (start <= stop < size()) and drops the rest (LTRIM).
    void keepRange(size_t start, size_t stop);
    void clear();

    // What one of Redis's list iterations over elements [start, stop] (stop < size()) does
    // to the nodes holding them, visited head to tail or (reverse) tail to head: each is
    // decompressed for use, then compressed again, or if it was raw, the window pass runs
    // on it. The read itself is forRange/scan/at; call this where Redis iterates.
    void visitRange(size_t start, size_t stop, bool reverse);
    void visitAll()
    {
        if (m_size) visitRange(0, m_size - 1, false);
    }
    // DEBUG QUICKLIST's verbose dump leaves every node decompressed, as Redis's does.
    void decompressAll();
    // LINSERT: the scan from the head up to the pivot (its iteration's effects), then the
    // insert next to it (insertNear).
    void insertAtPivot(size_t pivot, std::string_view element, bool after);

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
        // Nonzero when compressed: data[0, end) is LZF of rawBytes raw bytes (begin is 0).
        uint32_t rawBytes = 0;
        // The listpack Redis would hold for these entries, in bytes (its node->sz): what its
        // fill checks and merges weigh. Kept up to date on every change.
        uint32_t lpBytes = kEmptyListpack;
        bool plain = false;        // one element, alone by its size (in the struct's padding)
        bool recompress = false;   // Redis's flag: decompressed for a use (see the top)
        bool dontCompress = false; // LSET of a large element into a packed node, meanwhile
        size_t used() const { return end - begin; }
        bool compressed() const { return rawBytes != 0; }
        size_t rawSize() const { return compressed() ? rawBytes : used(); }
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

    // A node's raw entries: its own bytes, or decompressed into *scratch.
    static std::string_view rawBytes(const Node &node, std::string *scratch);
    // The entry `within` a node's raw bytes holding `count` entries, walked from the nearer end.
    static const char *seek(std::string_view bytes, uint32_t count, size_t within);
    size_t findNode(size_t index, size_t *within) const;

    // Compression, in Redis's quicklist's steps (see the top). kNone: no node.
    static constexpr size_t kNone = SIZE_MAX;
    void tryCompress(size_t n);      // quicklistCompressNode: only a raw node
    void decompress(size_t n);       // quicklistDecompressNode
    void decompressForUse(size_t n); // ... and mark it for recompression
    void compressAt(size_t n);       // quicklistCompress: recompress, or the window pass
    void recompressOnly(size_t n);   // quicklistRecompressOnly
    void windowPass(size_t n);       // __quicklistCompress (n may be kNone)
    void nodeAdded(size_t beside, size_t added); // __quicklistInsertNode's two passes
    void nodeRemoved(size_t n);                  // __quicklistDelNode: erase, then the window pass
    // The listpack size Redis's node would have (node->sz), as its fill checks estimate it.
    static size_t listpackSize(const Node &node) { return node.lpBytes; }
    // An element's entry in a listpack: an integer's encoding or a string's header and
    // bytes, and its back-length.
    static size_t listpackEntryBytes(std::string_view element);
    bool mergeAllowed(size_t a, size_t b) const;
    size_t mergeNodes(size_t a, size_t b); // a is just before b; returns the merged node
    void mergeAround(size_t center);       // _quicklistMergeNodes
    Node &rawNode(size_t n) // decompressed for a change (for use, as Redis's edits do)
    {
        decompressForUse(n);
        return m_nodes[n];
    }
    // Removes `count` entries of node n from its entry `first` on.
    void eraseEntries(Node &node, size_t first, size_t count);
    // Redis's quicklistDelRange from a non-negative index.
    void deleteRange(size_t start, size_t count);
    static unsigned clampDepth(int depth)
    {
        return depth < 0 ? 0u : (depth > 65535 ? 65535u : static_cast<unsigned>(depth));
    }

    Node newNode(size_t bytes, bool slackInFront);
    void freeNode(Node &node);
    void reserve(Node &node, size_t extra, bool atFront);
    void shrinkIfSparse(Node &node);
    void shrinkToFit(Node &node); // a tight buffer for the used bytes
    static int clampFill(int fill) { return fill < -5 ? -5 : (fill > 32767 ? 32767 : fill); }
    // Whether an element of `length` bytes may join the node under the list's fill.
    bool fits(const Node &node, size_t length) const;
    size_t maxNodeBytes() const;
    // Where element `index` is, for a change: its node is decompressed (rawNode).
    Position locate(size_t index);
    void insertInNode(Node &node, uint32_t offset, std::string_view element);
    // A new plain node holding `element`, put at index `at` of the node vector.
    void insertPlainNode(size_t at, std::string_view element);
    // _quicklistInsert next to entry `within` of node n, decompressed for use.
    void insertInto(size_t n, size_t within, std::string_view element, bool after);
    // A new node holding the entries of node n from byte `offset` on, which n loses.
    Node splitOff(size_t n, uint32_t offset);
    void eraseNode(size_t n);
    void eraseInNode(Node &node, uint32_t offset, size_t bytes);

    std::vector<Node> m_nodes;
    size_t m_size = 0;
    size_t m_bytes = 0; // sum of node capacities
    int m_fill = kDefaultFill;
    unsigned m_depth = 0;
    size_t m_compressedNodes = 0;
    mutable std::string m_readScratch; // at()'s decompressed node
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
    size_t within;
    const size_t first = findNode(start, &within);
    size_t remaining = stop - start + 1;
    std::string scratch;
    for (size_t n = first; remaining; ++n) {
        const Node &node = m_nodes[n];
        const std::string_view bytes = rawBytes(node, &scratch);
        const char *entry = n == first ? seek(bytes, node.count, within) : bytes.data();
        const char *nodeEnd = bytes.data() + bytes.size();
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
    std::string scratch;
    if (!fromTail) {
        size_t index = 0;
        for (const Node &node : m_nodes) {
            const std::string_view bytes = rawBytes(node, &scratch);
            const char *entry = bytes.data();
            const char *nodeEnd = bytes.data() + bytes.size();
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
        const std::string_view bytes = rawBytes(m_nodes[n], &scratch);
        const char *entryEnd = bytes.data() + bytes.size();
        const char *nodeBegin = bytes.data();
        while (entryEnd > nodeBegin) {
            const char *start;
            if (!visit(--index, readBackward(entryEnd, &start))) return;
            entryEnd = start;
        }
    }
}

} // namespace redscope::engine
