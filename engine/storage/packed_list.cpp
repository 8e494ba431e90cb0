// PackedList's node management: growing a node's window towards the end being written,
// inserting and erasing inside a node (moving whichever side is shorter), splitting a full
// node on a middle insert, dropping whole nodes from either end, and keeping the nodes
// between the two end windows LZF-compressed (list-compress-depth). See packed_list.h.
#include "storage/packed_list.h"

#include "persistence/lzf.h"
#include "storage/varint.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

namespace redscope::engine {

namespace {

constexpr size_t kMinNodeCapacity = 16;
constexpr size_t kMallocHeader = 8; // glibc's per-chunk overhead, for allocatedBytes()

// Relaxed: DEBUG QUICKLIST-PACKED-THRESHOLD sets it between commands; only writes read it.
std::atomic<size_t> g_packedThreshold{PackedList::kDefaultPackedThreshold};

char *allocate(size_t bytes)
{
    void *memory = std::malloc(bytes);
    if (!memory) throw std::bad_alloc();
    return static_cast<char *>(memory);
}

} // namespace

bool PackedList::setPackedThreshold(size_t bytes)
{
    if (bytes > kMaxPackedThreshold) return false;
    g_packedThreshold.store(bytes == 0 ? kDefaultPackedThreshold : bytes,
                            std::memory_order_relaxed);
    return true;
}

size_t PackedList::packedThreshold()
{
    return g_packedThreshold.load(std::memory_order_relaxed);
}

size_t PackedList::entrySize(size_t length)
{
    return length + 2 * varintSize(length);
}

void PackedList::writeEntry(char *at, std::string_view element)
{
    const size_t header = writeVarint(at, element.size());
    if (!element.empty()) std::memcpy(at + header, element.data(), element.size());
    char *trailer = at + header + element.size();
    for (size_t i = 0; i < header; ++i)
        trailer[header - 1 - i] = at[i];
}

PackedList::PackedList(const PackedList &other)
    : m_size(other.m_size)
    , m_fill(other.m_fill)
    , m_depth(other.m_depth)
    , m_compressedNodes(other.m_compressedNodes)
{
    // The copy is packed tight: no slack in any node; compressed nodes are copied as they are.
    m_nodes.reserve(other.m_nodes.size());
    for (const Node &source : other.m_nodes) {
        Node node = newNode(source.used(), false);
        std::memcpy(node.data, source.data + source.begin, source.used());
        node.end = static_cast<uint32_t>(source.used());
        node.count = source.count;
        node.rawBytes = source.rawBytes;
        node.plain = source.plain;
        m_nodes.push_back(node);
    }
}

PackedList::PackedList(PackedList &&other) noexcept
    : m_nodes(std::move(other.m_nodes))
    , m_size(other.m_size)
    , m_bytes(other.m_bytes)
    , m_fill(other.m_fill)
    , m_depth(other.m_depth)
    , m_compressedNodes(other.m_compressedNodes)
{
    other.m_nodes.clear();
    other.m_size = 0;
    other.m_bytes = 0;
    other.m_compressedNodes = 0;
}

PackedList::~PackedList()
{
    clear();
}

// Redis's quicklist rule: a size fill compares the listpack the node would become (its
// entries, 7 header and terminator bytes, the new entry) with 4 KiB << (-fill - 1); a count
// fill allows `fill` elements within 8 KiB.
bool PackedList::fits(const Node &node, size_t bytes) const
{
    if (node.plain) return false;
    constexpr size_t kListpackOverhead = 7;
    const size_t wouldBe = node.rawSize() + kListpackOverhead + bytes;
    if (m_fill < 0) return wouldBe <= maxNodeBytes();
    return wouldBe <= kMaxNodeBytes && node.count < static_cast<uint32_t>(m_fill);
}

size_t PackedList::maxNodeBytes() const
{
    return m_fill < 0 ? size_t{4096} << (-m_fill - 1) : kMaxNodeBytes;
}

void PackedList::appendNode(const std::vector<std::string> &elements)
{
    if (elements.empty()) return;
    size_t bytes = 0;
    for (const std::string &element : elements)
        bytes += entrySize(element.size());
    Node node = newNode(bytes, false);
    for (const std::string &element : elements) {
        writeEntry(node.data + node.end, element);
        node.end += static_cast<uint32_t>(entrySize(element.size()));
    }
    node.count = static_cast<uint32_t>(elements.size());
    m_size += elements.size();
    m_nodes.push_back(node);
    fixWindows(1);
}

void PackedList::appendPlainNode(std::string_view element)
{
    insertPlainNode(m_nodes.size(), element);
    fixWindows(1);
}

void PackedList::insertPlainNode(size_t at, std::string_view element)
{
    const size_t bytes = entrySize(element.size());
    Node node = newNode(bytes, false);
    writeEntry(node.data, element);
    node.end = static_cast<uint32_t>(bytes);
    node.count = 1;
    node.plain = true;
    m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(at), node);
    ++m_size;
}

std::vector<uint32_t> PackedList::nodeCounts() const
{
    std::vector<uint32_t> counts;
    counts.reserve(m_nodes.size());
    for (const Node &node : m_nodes)
        counts.push_back(node.count);
    return counts;
}

size_t PackedList::allocatedBytes() const
{
    return sizeof(PackedList) + m_nodes.capacity() * sizeof(Node) + m_bytes +
           (m_nodes.size() + 1) * kMallocHeader;
}

PackedList::Node PackedList::newNode(size_t bytes, bool slackInFront)
{
    Node node;
    node.capacity = static_cast<uint32_t>(std::max(bytes, kMinNodeCapacity));
    node.data = allocate(node.capacity);
    node.begin = node.end = slackInFront ? node.capacity : 0;
    m_bytes += node.capacity;
    return node;
}

void PackedList::freeNode(Node &node)
{
    if (node.compressed()) --m_compressedNodes;
    std::free(node.data);
    m_bytes -= node.capacity;
    node = Node{};
}

// ---- Compression

std::string_view PackedList::rawBytes(const Node &node, std::string *scratch)
{
    if (!node.compressed()) return {node.data + node.begin, node.used()};
    if (!lzfDecompress({node.data, node.used()}, node.rawBytes, scratch)) std::abort();
    return *scratch;
}

bool PackedList::inCompressedZone(size_t n) const
{
    const size_t nodes = m_nodes.size();
    return m_depth != 0 && nodes > 2 * size_t{m_depth} && n >= m_depth && n < nodes - m_depth;
}

// Redis's rule: at least kMinCompressBytes, and LZF must come out more than
// kMinCompressImprove bytes smaller; else the node stays raw (and is tried again when it
// next crosses a window edge or changes).
//
// A plain node is judged on its element alone (Redis compresses the raw element), then its
// entry is compressed with no improvement asked for: the few header bytes cannot matter.
void PackedList::compressNode(Node &node)
{
    const size_t used = node.used();
    if (node.compressed() || used < kMinCompressBytes) return;
    thread_local std::string packed;
    if (node.plain) {
        const char *next;
        if (!plainWorthCompressing(readForward(node.data + node.begin, &next))) return;
        if (!lzfCompress({node.data + node.begin, used}, used, &packed)) return;
    } else if (!lzfCompress({node.data + node.begin, used}, used - kMinCompressImprove, &packed)) {
        return;
    }
    char *target = allocate(packed.size());
    std::memcpy(target, packed.data(), packed.size());
    std::free(node.data);
    m_bytes = m_bytes - node.capacity + packed.size();
    node.data = target;
    node.capacity = static_cast<uint32_t>(packed.size());
    node.begin = 0;
    node.end = node.capacity;
    node.rawBytes = static_cast<uint32_t>(used);
    ++m_compressedNodes;
}

bool PackedList::plainWorthCompressing(std::string_view element)
{
    if (element.size() < kMinCompressBytes) return false;
    // As Redis: liblzf may use the whole input size, and must save more than 8 bytes.
    thread_local std::string packed;
    return lzfCompress(element, element.size() + 1, &packed) &&
           packed.size() + kMinCompressImprove < element.size();
}

void PackedList::decompressNode(Node &node)
{
    if (!node.compressed()) return;
    const size_t raw = node.rawBytes;
    const size_t capacity = std::max(raw, kMinNodeCapacity);
    char *target = allocate(capacity);
    // Our own bytes: failing here means memory was corrupted.
    if (!lzfDecompressInto({node.data, node.used()}, target, raw)) std::abort();
    std::free(node.data);
    m_bytes = m_bytes - node.capacity + capacity;
    node.data = target;
    node.capacity = static_cast<uint32_t>(capacity);
    node.begin = 0;
    node.end = static_cast<uint32_t>(raw);
    node.rawBytes = 0;
    --m_compressedNodes;
}

PackedList::Node &PackedList::rawNode(size_t n)
{
    decompressNode(m_nodes[n]);
    return m_nodes[n];
}

void PackedList::settle(size_t n)
{
    if (inCompressedZone(n))
        compressNode(m_nodes[n]);
    else
        decompressNode(m_nodes[n]);
}

void PackedList::settleRange(size_t first, size_t last)
{
    if (m_depth == 0) return;
    for (size_t n = first; n <= last && n < m_nodes.size(); ++n)
        settle(n);
}

// Adding or dropping k nodes at an end (or splitting one) moves at most k nodes across each
// window's edge: settling the nodes within `span` of both edges restores the invariant. A
// list with no more than 2d nodes keeps none compressed.
void PackedList::fixWindows(size_t span)
{
    if (m_depth == 0) return;
    const size_t nodes = m_nodes.size();
    const size_t depth = m_depth;
    if (nodes <= 2 * depth) {
        if (m_compressedNodes == 0) return;
        for (Node &node : m_nodes)
            decompressNode(node);
        return;
    }
    const size_t headFirst = depth > span ? depth - span : 0;
    settleRange(headFirst, std::min(depth + span, nodes - 1));
    const size_t tailEdge = nodes - 1 - depth; // the last node of the compressed zone
    const size_t tailFirst = tailEdge > span ? tailEdge - span : 0;
    settleRange(std::max(tailFirst, std::min(depth + span, nodes - 1) + 1),
                std::min(tailEdge + span + 1, nodes - 1));
}

// Makes room for `extra` bytes before begin (atFront) or after end. A buffer with enough
// room on the other side is re-laid in place; otherwise it doubles, capped at the node
// limit (a node holding one big element is sized to fit exactly).
void PackedList::reserve(Node &node, size_t extra, bool atFront)
{
    const size_t room = atFront ? node.begin : node.capacity - node.end;
    if (room >= extra) return;
    const size_t used = node.used();
    const size_t needed = used + extra;
    char *target = node.data;
    size_t capacity = node.capacity;
    if (needed > capacity) {
        capacity = std::min(std::max(capacity * 2, kMinNodeCapacity), maxNodeBytes());
        capacity = std::max(capacity, needed);
        target = allocate(capacity);
    }
    const size_t begin = atFront ? capacity - used : 0;
    std::memmove(target + begin, node.data + node.begin, used);
    if (target != node.data) {
        std::free(node.data);
        m_bytes += capacity - node.capacity;
        node.data = target;
        node.capacity = static_cast<uint32_t>(capacity);
    }
    node.begin = static_cast<uint32_t>(begin);
    node.end = static_cast<uint32_t>(begin + used);
}

// After removals in the middle, a node using under a quarter of its buffer gets a tight one.
void PackedList::shrinkIfSparse(Node &node)
{
    if (node.capacity <= 4 * kMinNodeCapacity || node.used() * 4 >= node.capacity) return;
    shrinkToFit(node);
}

void PackedList::shrinkToFit(Node &node)
{
    const size_t used = node.used();
    const size_t capacity = std::max(used, kMinNodeCapacity);
    char *target = allocate(capacity);
    std::memcpy(target, node.data + node.begin, used);
    std::free(node.data);
    m_bytes -= node.capacity - capacity;
    node.data = target;
    node.capacity = static_cast<uint32_t>(capacity);
    node.begin = 0;
    node.end = static_cast<uint32_t>(used);
}

std::string_view PackedList::front() const
{
    const Node &node = m_nodes.front();
    const char *next;
    return readForward(node.data + node.begin, &next);
}

std::string_view PackedList::back() const
{
    const Node &node = m_nodes.back();
    const char *start;
    return readBackward(node.data + node.end, &start);
}

// The end nodes are always raw: they are in the windows (depth >= 1) or nothing is compressed.
void PackedList::pushFront(std::string_view element)
{
    if (isLargeElement(element.size())) {
        insertPlainNode(0, element);
        fixWindows(1);
        return;
    }
    const size_t bytes = entrySize(element.size());
    if (m_nodes.empty() || !fits(m_nodes.front(), bytes)) {
        m_nodes.insert(m_nodes.begin(), newNode(bytes, true));
        fixWindows(1);
    }
    Node &node = m_nodes.front();
    reserve(node, bytes, true);
    node.begin -= static_cast<uint32_t>(bytes);
    writeEntry(node.data + node.begin, element);
    ++node.count;
    ++m_size;
}

void PackedList::pushBack(std::string_view element)
{
    if (isLargeElement(element.size())) {
        insertPlainNode(m_nodes.size(), element);
        fixWindows(1);
        return;
    }
    const size_t bytes = entrySize(element.size());
    if (m_nodes.empty() || !fits(m_nodes.back(), bytes)) {
        m_nodes.push_back(newNode(bytes, false));
        fixWindows(1);
    }
    Node &node = m_nodes.back();
    reserve(node, bytes, false);
    writeEntry(node.data + node.end, element);
    node.end += static_cast<uint32_t>(bytes);
    ++node.count;
    ++m_size;
}

void PackedList::dropFront(size_t count)
{
    m_size -= count;
    size_t emptied = 0;
    while (count && count >= m_nodes[emptied].count) {
        count -= m_nodes[emptied].count;
        freeNode(m_nodes[emptied++]);
    }
    m_nodes.erase(m_nodes.begin(), m_nodes.begin() + static_cast<ptrdiff_t>(emptied));
    if (emptied) fixWindows(emptied);
    if (!count) return;
    Node &node = rawNode(0);
    const char *entry = node.data + node.begin;
    for (size_t i = 0; i < count; ++i)
        readForward(entry, &entry);
    node.begin = static_cast<uint32_t>(entry - node.data);
    node.count -= static_cast<uint32_t>(count);
}

void PackedList::dropBack(size_t count)
{
    m_size -= count;
    size_t emptied = 0;
    while (count && count >= m_nodes[m_nodes.size() - 1 - emptied].count) {
        count -= m_nodes[m_nodes.size() - 1 - emptied].count;
        freeNode(m_nodes[m_nodes.size() - 1 - emptied]);
        ++emptied;
    }
    m_nodes.resize(m_nodes.size() - emptied);
    if (emptied) fixWindows(emptied);
    if (!count) return;
    Node &node = rawNode(m_nodes.size() - 1);
    const char *entryEnd = node.data + node.end;
    for (size_t i = 0; i < count; ++i)
        readBackward(entryEnd, &entryEnd);
    node.end = static_cast<uint32_t>(entryEnd - node.data);
    node.count -= static_cast<uint32_t>(count);
}

size_t PackedList::findNode(size_t index, size_t *within) const
{
    size_t n;
    if (index < m_size / 2) {
        n = 0;
        while (index >= m_nodes[n].count)
            index -= m_nodes[n++].count;
        *within = index;
    } else {
        size_t fromTail = m_size - 1 - index;
        n = m_nodes.size() - 1;
        while (fromTail >= m_nodes[n].count)
            fromTail -= m_nodes[n--].count;
        *within = m_nodes[n].count - 1 - fromTail;
    }
    return n;
}

const char *PackedList::seek(std::string_view bytes, uint32_t count, size_t within)
{
    const char *entry;
    if (within <= count / 2) {
        entry = bytes.data();
        for (size_t i = 0; i < within; ++i)
            readForward(entry, &entry);
    } else {
        entry = bytes.data() + bytes.size();
        for (size_t i = count - within; i > 0; --i)
            readBackward(entry, &entry);
    }
    return entry;
}

PackedList::Position PackedList::locate(size_t index)
{
    size_t within;
    const size_t n = findNode(index, &within);
    const Node &node = rawNode(n);
    const char *entry = seek({node.data + node.begin, node.used()}, node.count, within);
    return {n, static_cast<uint32_t>(entry - node.data)};
}

std::string_view PackedList::at(size_t index) const
{
    size_t within;
    const Node &node = m_nodes[findNode(index, &within)];
    const std::string_view bytes = rawBytes(node, &m_readScratch);
    const char *next;
    return readForward(seek(bytes, node.count, within), &next);
}

// LSET as Redis 7.0.15 does it. Within a kind (packed to packed, plain to plain) the element
// is rewritten in place, whatever its node's size becomes: Redis checks no node limit there.
// Crossing the threshold is an insert after the old element (insertNear) and then its
// removal: a small element leaving a plain node joins the next node's head when that has
// room, else gets a packed node of its own; a large one splits its packed node around it.
void PackedList::set(size_t index, std::string_view element)
{
    size_t within;
    const size_t n = findNode(index, &within);
    if (m_nodes[n].plain != isLargeElement(element.size())) {
        insertNear(index, element, true);
        // The old element is still at `index`, in node n: a split keeps it in the left half.
        if (m_nodes[n].plain) {
            eraseNode(n);
            --m_size;
        } else {
            const Position position = locate(index);
            Node &node = m_nodes[n];
            const char *next;
            readForward(node.data + position.offset, &next);
            eraseInNode(node, position.offset,
                        static_cast<size_t>(next - (node.data + position.offset)));
            --m_size;
            if (node.count == 0) eraseNode(n);
        }
        settleRange(n > 0 ? n - 1 : 0, n + 2);
        fixWindows(2);
        return;
    }
    const Position position = locate(index);
    Node &node = m_nodes[position.node];
    const char *next;
    readForward(node.data + position.offset, &next);
    const size_t oldBytes = static_cast<size_t>(next - (node.data + position.offset));
    const size_t newBytes = entrySize(element.size());
    if (newBytes == oldBytes) {
        writeEntry(node.data + position.offset, element);
        settle(position.node);
        return;
    }
    // eraseInNode closes the gap from the shorter side; the slot is where that leaves it.
    const bool frontMoves = position.offset - node.begin < node.end - position.offset - oldBytes;
    eraseInNode(node, position.offset, oldBytes);
    insertInNode(node,
                 frontMoves ? position.offset + static_cast<uint32_t>(oldBytes) : position.offset,
                 element);
    if (newBytes < oldBytes && node.capacity - node.used() > 1024 + node.used() / 4)
        shrinkToFit(node);
    settle(position.node);
}

void PackedList::insert(size_t index, std::string_view element)
{
    if (index == m_size) return pushBack(element);
    insertNear(index, element, false);
}

// Redis 7.0.15's choice of node for an insert next to `pivot`: a large element gets a plain
// node beside the pivot's node when the pivot is plain or at the edge the insert is on, else
// the pivot's packed node is split around it. A small one goes in the pivot's node if that
// has room, else in the neighbouring node at that edge if it has room, else in a new node at
// that edge; a full node with the pivot inside it is split (insertAt).
void PackedList::insertNear(size_t pivot, std::string_view element, bool after)
{
    size_t within;
    const size_t n = findNode(pivot, &within);
    const bool atTail = after && within + 1 == m_nodes[n].count;
    const bool atHead = !after && within == 0;
    const size_t nodesBefore = m_nodes.size();
    const size_t bytes = entrySize(element.size());
    // Where the new element goes in node n, when it goes there (node n is made raw).
    const auto slotInNode = [&] {
        const Position position = locate(pivot);
        if (!after) return position.offset;
        const Node &node = m_nodes[n];
        const char *next;
        readForward(node.data + position.offset, &next);
        return static_cast<uint32_t>(next - node.data);
    };
    if (isLargeElement(element.size())) {
        if (m_nodes[n].plain || atTail || atHead) {
            insertPlainNode(after ? n + 1 : n, element);
        } else {
            splitNode(n, slotInNode());
            insertPlainNode(n + 1, element);
        }
    } else if (fits(m_nodes[n], bytes)) {
        const uint32_t slot = slotInNode();
        insertInNode(m_nodes[n], slot, element);
        ++m_size;
    } else if (atTail && n + 1 < m_nodes.size() && fits(m_nodes[n + 1], bytes)) {
        Node &next = rawNode(n + 1);
        insertInNode(next, next.begin, element);
        ++m_size;
    } else if (atHead && n > 0 && fits(m_nodes[n - 1], bytes)) {
        Node &previous = rawNode(n - 1);
        insertInNode(previous, previous.end, element);
        ++m_size;
    } else if (atTail || atHead) {
        Node fresh = newNode(bytes, false);
        insertInNode(fresh, 0, element);
        m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(after ? n + 1 : n), fresh);
        ++m_size;
    } else {
        insertAt(locate(after ? pivot + 1 : pivot), element);
    }
    // The nodes touched (the previous one, the split halves, a fresh one), then the windows'
    // edges if nodes were added.
    settleRange(n > 0 ? n - 1 : 0, n + 2);
    if (m_nodes.size() != nodesBefore) fixWindows(m_nodes.size() - nodesBefore);
}

void PackedList::splitNode(size_t n, uint32_t offset)
{
    Node &left = rawNode(n);
    const size_t tailBytes = left.end - offset;
    Node right = newNode(tailBytes, false);
    std::memcpy(right.data, left.data + offset, tailBytes);
    right.end = static_cast<uint32_t>(tailBytes);
    const char *entry = right.data;
    while (entry < right.data + right.end) {
        readForward(entry, &entry);
        ++right.count;
    }
    left.end = offset;
    left.count -= right.count;
    shrinkIfSparse(left);
    m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(n) + 1, right);
}

void PackedList::eraseNode(size_t n)
{
    freeNode(m_nodes[n]);
    m_nodes.erase(m_nodes.begin() + static_cast<ptrdiff_t>(n));
}

// Opens `bytes` of room at `offset` by moving the shorter side, then writes the entry.
void PackedList::insertInNode(Node &node, uint32_t offset, std::string_view element)
{
    const size_t bytes = entrySize(element.size());
    const size_t before = offset - node.begin;
    const size_t after = node.end - offset;
    const bool roomBehind = node.capacity - node.end >= bytes;
    if (node.begin >= bytes && (before <= after || !roomBehind)) {
        std::memmove(node.data + node.begin - bytes, node.data + node.begin, before);
        node.begin -= static_cast<uint32_t>(bytes);
        offset -= static_cast<uint32_t>(bytes);
    } else {
        reserve(node, bytes, false);
        offset = static_cast<uint32_t>(node.begin + before);
        std::memmove(node.data + offset + bytes, node.data + offset, after);
        node.end += static_cast<uint32_t>(bytes);
    }
    writeEntry(node.data + offset, element);
    ++node.count;
}

// Inserts before the entry at `position` (not the list's head or tail: those push). A full
// node is split at the insertion point, so neither half exceeds the limit.
void PackedList::insertAt(Position position, std::string_view element)
{
    const size_t bytes = entrySize(element.size());
    ++m_size;
    {
        Node &node = m_nodes[position.node];
        if (fits(node, bytes)) return insertInNode(node, position.offset, element);
        if (position.offset == node.begin) {
            // Before a full node's first element: the end of the previous node, or a new one.
            if (position.node > 0 && fits(m_nodes[position.node - 1], bytes)) {
                Node &previous = rawNode(position.node - 1);
                return insertInNode(previous, previous.end, element);
            }
            Node fresh = newNode(bytes, false);
            insertInNode(fresh, 0, element);
            m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(position.node), fresh);
            return;
        }
    }
    // Split: the entries from `offset` on move to a new node after this one.
    Node &left = m_nodes[position.node];
    const size_t tailBytes = left.end - position.offset;
    Node right = newNode(tailBytes, false);
    std::memcpy(right.data, left.data + position.offset, tailBytes);
    right.end = static_cast<uint32_t>(tailBytes);
    const char *entry = right.data;
    while (entry < right.data + right.end) {
        readForward(entry, &entry);
        ++right.count;
    }
    left.end = position.offset;
    left.count -= right.count;
    if (fits(left, bytes)) {
        insertInNode(left, left.end, element);
    } else if (fits(right, bytes)) {
        insertInNode(right, 0, element);
    } else {
        Node fresh = newNode(bytes, false);
        insertInNode(fresh, 0, element);
        m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(position.node) + 1, fresh);
        m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(position.node) + 2, right);
        return;
    }
    shrinkIfSparse(m_nodes[position.node]);
    m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(position.node) + 1, right);
}

void PackedList::eraseInNode(Node &node, uint32_t offset, size_t bytes)
{
    const size_t before = offset - node.begin;
    const size_t after = node.end - offset - bytes;
    if (before < after) {
        std::memmove(node.data + node.begin + bytes, node.data + node.begin, before);
        node.begin += static_cast<uint32_t>(bytes);
    } else {
        std::memmove(node.data + offset, node.data + offset + bytes, after);
        node.end -= static_cast<uint32_t>(bytes);
    }
    --node.count;
}

void PackedList::removeEmptyNodes()
{
    size_t kept = 0;
    for (Node &node : m_nodes) {
        if (node.count == 0)
            freeNode(node);
        else
            m_nodes[kept++] = node;
    }
    m_nodes.resize(kept);
}

// One pass per node, compacting the surviving entries towards the end the scan started
// from, so each node's bytes move at most once.
size_t PackedList::removeEqual(std::string_view element, size_t limit, bool fromTail)
{
    size_t removed = 0;
    const size_t bytes = entrySize(element.size());
    auto visitNode = [&](Node &node) {
        char *base = node.data;
        if (!fromTail) {
            const char *read = base + node.begin;
            char *write = base + node.begin;
            const char *end = base + node.end;
            while (read < end) {
                const char *next;
                std::string_view value = readForward(read, &next);
                const size_t size = static_cast<size_t>(next - read);
                if (removed < limit && size == bytes && value == element) {
                    ++removed;
                    --node.count;
                } else {
                    if (write != read) std::memmove(write, read, size);
                    write += size;
                }
                read = next;
            }
            node.end = static_cast<uint32_t>(write - base);
        } else {
            const char *readEnd = base + node.end;
            char *writeEnd = base + node.end;
            const char *begin = base + node.begin;
            while (readEnd > begin) {
                const char *start;
                std::string_view value = readBackward(readEnd, &start);
                const size_t size = static_cast<size_t>(readEnd - start);
                if (removed < limit && size == bytes && value == element) {
                    ++removed;
                    --node.count;
                } else {
                    writeEnd -= size;
                    if (writeEnd != start) std::memmove(writeEnd, start, size);
                }
                readEnd = start;
            }
            node.begin = static_cast<uint32_t>(writeEnd - base);
        }
    };
    // A compressed node is searched in a scratch copy first and only decompressed in place
    // when it holds a match.
    std::string scratch;
    auto holdsMatch = [&](const Node &node) {
        if (!node.compressed()) return true;
        const std::string_view bytes = rawBytes(node, &scratch);
        const char *entry = bytes.data();
        while (entry < bytes.data() + bytes.size()) {
            if (readForward(entry, &entry) == element) return true;
        }
        return false;
    };
    if (!fromTail) {
        for (size_t n = 0; n < m_nodes.size() && removed < limit; ++n)
            if (holdsMatch(m_nodes[n])) visitNode(rawNode(n));
    } else {
        for (size_t n = m_nodes.size(); n-- > 0 && removed < limit;)
            if (holdsMatch(m_nodes[n])) visitNode(rawNode(n));
    }
    if (!removed) return 0;
    m_size -= removed;
    removeEmptyNodes();
    for (Node &node : m_nodes)
        if (!node.compressed()) shrinkIfSparse(node);
    // O(nodes), like the scan: every node back to the state its position asks for.
    settleRange(0, m_nodes.size() - 1);
    return removed;
}

void PackedList::keepRange(size_t start, size_t stop)
{
    const size_t tail = m_size - 1 - stop;
    if (start) dropFront(start);
    if (tail) dropBack(tail);
    if (!m_nodes.empty()) {
        shrinkIfSparse(rawNode(0));
        shrinkIfSparse(rawNode(m_nodes.size() - 1));
    }
    if (m_nodes.capacity() > 4 * m_nodes.size()) m_nodes.shrink_to_fit();
}

void PackedList::clear()
{
    for (Node &node : m_nodes)
        freeNode(node);
    m_nodes.clear();
    m_size = 0;
    m_compressedNodes = 0;
}

} // namespace redscope::engine
