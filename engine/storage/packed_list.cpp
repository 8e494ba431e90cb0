// PackedList's node management: growing a node's window towards the end being written,
// inserting and erasing inside a node (moving whichever side is shorter), splitting a full
// node on a middle insert and merging its neighbours, dropping whole nodes from either end,
// and compressing nodes (list-compress-depth) at the moments Redis's quicklist does. See
// packed_list.h.
#include "storage/packed_list.h"

#include "persistence/compact_encodings.h"
#include "persistence/lzf.h"
#include "storage/varint.h"
#include "util/strings.h"

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
{
    // The copy is packed tight, no slack in any node; compressed nodes are copied as they
    // are. As Redis's quicklistDup, each node is then appended in turn, running the passes
    // an added node runs (so a raw inner node the original kept raw may compress here).
    m_nodes.reserve(other.m_nodes.size());
    for (const Node &source : other.m_nodes) {
        Node node = newNode(source.used(), false);
        std::memcpy(node.data, source.data + source.begin, source.used());
        node.end = static_cast<uint32_t>(source.used());
        node.count = source.count;
        node.rawBytes = source.rawBytes;
        node.plain = source.plain;
        node.lpBytes = source.lpBytes;
        if (node.compressed()) ++m_compressedNodes;
        m_nodes.push_back(node);
        nodeAdded(m_nodes.size() > 1 ? m_nodes.size() - 2 : kNone, m_nodes.size() - 1);
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

// Redis's _quicklistNodeAllowInsert: the node's listpack plus the element's length plus 8
// (its estimate of an entry's overhead) within the size fill, or for a count fill within
// 8 KiB and under the count.
bool PackedList::fits(const Node &node, size_t length) const
{
    if (node.plain || isLargeElement(length)) return false;
    const size_t wouldBe = listpackSize(node) + length + 8;
    if (m_fill < 0) return wouldBe <= maxNodeBytes();
    return wouldBe <= kMaxNodeBytes && node.count < static_cast<uint32_t>(m_fill);
}

size_t PackedList::listpackEntryBytes(std::string_view element)
{
    int64_t value;
    if (element.size() <= 20 && parseInt64(element, &value)) {
        if (value >= 0 && value <= 127) return 2;
        if (value >= -4096 && value <= 4095) return 3;
        if (value >= INT16_MIN && value <= INT16_MAX) return 4;
        if (value >= -(int64_t{1} << 23) && value < (int64_t{1} << 23)) return 5;
        if (value >= INT32_MIN && value <= INT32_MAX) return 6;
        return 10;
    }
    const size_t length = element.size();
    const size_t encoded = length + (length < 64 ? 1 : length < 4096 ? 2 : 5);
    const size_t backlen = encoded < 128         ? 1
                           : encoded < 16384     ? 2
                           : encoded < 2097152   ? 3
                           : encoded < 268435456 ? 4
                                                 : 5;
    return encoded + backlen;
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
        node.lpBytes += static_cast<uint32_t>(listpackEntryBytes(element));
    }
    node.count = static_cast<uint32_t>(elements.size());
    m_size += elements.size();
    m_nodes.push_back(node);
    nodeAdded(m_nodes.size() > 1 ? m_nodes.size() - 2 : kNone, m_nodes.size() - 1);
}

void PackedList::appendPlainNode(std::string_view element)
{
    insertPlainNode(m_nodes.size(), element);
    nodeAdded(m_nodes.size() > 1 ? m_nodes.size() - 2 : kNone, m_nodes.size() - 1);
}

void PackedList::insertPlainNode(size_t at, std::string_view element)
{
    const size_t bytes = entrySize(element.size());
    Node node = newNode(bytes, false);
    writeEntry(node.data, element);
    node.end = static_cast<uint32_t>(bytes);
    node.count = 1;
    node.plain = true;
    node.lpBytes = static_cast<uint32_t>(element.size()); // Redis's sz: the element itself
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

// ---- Compression, in the steps of Redis 7.0's quicklist (see the header)

std::string_view PackedList::rawBytes(const Node &node, std::string *scratch)
{
    if (!node.compressed()) return {node.data + node.begin, node.used()};
    if (!lzfDecompress({node.data, node.used()}, node.rawBytes, scratch)) std::abort();
    return *scratch;
}

// The decision is Redis's, taken on what Redis would compress: the node's listpack (a plain
// node's element), at least kMinCompressBytes, which LZF (given no more room than its size)
// must shrink by more than kMinCompressImprove. Then our own entries are what is stored:
// given room for any result, LZF cannot refuse them, so the node is compressed exactly when
// Redis's would be (on data that barely shrinks ours could come out a little larger).
void PackedList::tryCompress(size_t n)
{
    Node &node = m_nodes[n];
    if (node.compressed() || node.dontCompress) return;
    node.recompress = false;
    const std::string_view raw{node.data + node.begin, node.used()};
    thread_local std::string listpack, packed;
    std::string_view judged;
    if (node.plain) {
        const char *next;
        judged = readForward(raw.data(), &next);
    } else {
        thread_local rdb::ListpackBuilder builder;
        for (const char *entry = raw.data(); entry < raw.data() + raw.size();)
            builder.addElement(readForward(entry, &entry));
        listpack = builder.finish();
        judged = listpack;
    }
    if (judged.size() < kMinCompressBytes) return;
    if (!lzfCompress(judged, judged.size() + 1, &packed) ||
        packed.size() + kMinCompressImprove >= judged.size())
        return;
    if (!lzfCompress(raw, 2 * raw.size() + 64, &packed)) return;
    char *target = allocate(packed.size());
    std::memcpy(target, packed.data(), packed.size());
    std::free(node.data);
    m_bytes = m_bytes - node.capacity + packed.size();
    node.data = target;
    node.capacity = static_cast<uint32_t>(packed.size());
    node.begin = 0;
    node.end = node.capacity;
    node.rawBytes = static_cast<uint32_t>(raw.size());
    ++m_compressedNodes;
}

void PackedList::decompress(size_t n)
{
    Node &node = m_nodes[n];
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
    node.recompress = false;
    --m_compressedNodes;
}

void PackedList::decompressForUse(size_t n)
{
    if (!m_nodes[n].compressed()) return;
    decompress(n);
    m_nodes[n].recompress = true;
}

void PackedList::compressAt(size_t n)
{
    if (m_nodes[n].recompress)
        tryCompress(n);
    else
        windowPass(n);
}

void PackedList::recompressOnly(size_t n)
{
    if (m_nodes[n].recompress) tryCompress(n);
}

// The d nodes at each end decompressed; then `n` (outside them) and the first node inside
// each window's edge compressed if raw. O(d) plus at most three compressions. Nothing when
// the list has fewer than 2d nodes; with exactly 2d, only the decompressions.
void PackedList::windowPass(size_t n)
{
    const size_t nodes = m_nodes.size();
    if (m_depth == 0 || nodes == 0 || nodes < 2 * size_t{m_depth}) return;
    size_t forward = 0, reverse = nodes - 1;
    bool inWindow = false;
    for (unsigned d = 0; d < m_depth; ++d) {
        decompress(forward);
        decompress(reverse);
        if (forward == n || reverse == n) inWindow = true;
        if (forward == reverse || forward + 1 == reverse) return;
        ++forward;
        --reverse;
    }
    if (!inWindow && n != kNone) tryCompress(n);
    tryCompress(forward);
    tryCompress(reverse);
}

void PackedList::nodeAdded(size_t beside, size_t added)
{
    if (m_depth == 0) return;
    if (beside != kNone) compressAt(beside);
    compressAt(added);
}

void PackedList::nodeRemoved(size_t n)
{
    eraseNode(n);
    windowPass(kNone);
}

void PackedList::decompressAll()
{
    for (size_t n = 0; n < m_nodes.size(); ++n)
        decompress(n);
}

// Each node holding part of [start, stop], in the iteration's order: decompressed for use
// and compressed again. A compressed node comes out as it went in (its recompress flag is
// clear and the same bytes compress the same way), so only raw nodes are worked on.
void PackedList::visitRange(size_t start, size_t stop, bool reverse)
{
    if (m_depth == 0) return;
    size_t within;
    const size_t first = findNode(start, &within);
    const size_t last = findNode(stop, &within);
    for (size_t i = 0; i <= last - first; ++i) {
        const size_t n = reverse ? last - i : first + i;
        if (!m_nodes[n].compressed()) compressAt(n);
    }
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

// The end nodes are raw (they are in the windows, or nothing is compressed); a new end node
// runs the passes of an added node, as quicklistPushHead/Tail's does.
void PackedList::pushFront(std::string_view element)
{
    if (isLargeElement(element.size())) {
        insertPlainNode(0, element);
        nodeAdded(m_nodes.size() > 1 ? 1 : kNone, 0);
        return;
    }
    const size_t bytes = entrySize(element.size());
    const bool added = m_nodes.empty() || !fits(m_nodes.front(), element.size());
    if (added) m_nodes.insert(m_nodes.begin(), newNode(bytes, true));
    decompress(0); // never compressed; kept safe if it were
    Node &node = m_nodes.front();
    reserve(node, bytes, true);
    node.begin -= static_cast<uint32_t>(bytes);
    writeEntry(node.data + node.begin, element);
    node.lpBytes += static_cast<uint32_t>(listpackEntryBytes(element));
    ++node.count;
    ++m_size;
    if (added) nodeAdded(m_nodes.size() > 1 ? 1 : kNone, 0);
}

void PackedList::pushBack(std::string_view element)
{
    if (isLargeElement(element.size())) {
        insertPlainNode(m_nodes.size(), element);
        nodeAdded(m_nodes.size() > 1 ? m_nodes.size() - 2 : kNone, m_nodes.size() - 1);
        return;
    }
    const size_t bytes = entrySize(element.size());
    const bool added = m_nodes.empty() || !fits(m_nodes.back(), element.size());
    if (added) m_nodes.push_back(newNode(bytes, false));
    decompress(m_nodes.size() - 1);
    Node &node = m_nodes.back();
    reserve(node, bytes, false);
    writeEntry(node.data + node.end, element);
    node.end += static_cast<uint32_t>(bytes);
    node.lpBytes += static_cast<uint32_t>(listpackEntryBytes(element));
    ++node.count;
    ++m_size;
    if (added) nodeAdded(m_nodes.size() > 1 ? m_nodes.size() - 2 : kNone, m_nodes.size() - 1);
}

void PackedList::popFront()
{
    --m_size;
    if (m_nodes.front().count == 1) return nodeRemoved(0);
    decompress(0);
    Node &node = m_nodes.front();
    const char *next;
    const std::string_view gone = readForward(node.data + node.begin, &next);
    node.lpBytes -= static_cast<uint32_t>(listpackEntryBytes(gone));
    node.begin = static_cast<uint32_t>(next - node.data);
    --node.count;
}

void PackedList::popBack()
{
    --m_size;
    if (m_nodes.back().count == 1) return nodeRemoved(m_nodes.size() - 1);
    decompress(m_nodes.size() - 1);
    Node &node = m_nodes.back();
    const char *start;
    const std::string_view gone = readBackward(node.data + node.end, &start);
    node.lpBytes -= static_cast<uint32_t>(listpackEntryBytes(gone));
    node.end = static_cast<uint32_t>(start - node.data);
    --node.count;
}

void PackedList::popMany(size_t count, bool fromTail)
{
    if (!count) return;
    const size_t start = fromTail ? m_size - count : 0;
    visitRange(start, start + count - 1, fromTail);
    deleteRange(start, count);
}

void PackedList::eraseEntries(Node &node, size_t first, size_t count)
{
    const std::string_view bytes{node.data + node.begin, node.used()};
    const char *from = seek(bytes, node.count, first);
    const char *to = from;
    for (size_t i = 0; i < count; ++i)
        node.lpBytes -= static_cast<uint32_t>(listpackEntryBytes(readForward(to, &to)));
    const size_t before = static_cast<size_t>(from - (node.data + node.begin));
    const size_t after = static_cast<size_t>(node.data + node.end - to);
    const size_t gone = static_cast<size_t>(to - from);
    if (before < after) {
        std::memmove(node.data + node.begin + gone, node.data + node.begin, before);
        node.begin += static_cast<uint32_t>(gone);
    } else {
        std::memmove(const_cast<char *>(from), to, after);
        node.end -= static_cast<uint32_t>(gone);
    }
    node.count -= static_cast<uint32_t>(count);
}

// quicklistDelRange: the seek to `start` ends on its node (the pass of a node left), then
// whole nodes go (each removal's pass), and a node cut in part is decompressed for use and
// recompressed after.
void PackedList::deleteRange(size_t start, size_t count)
{
    if (!count) return;
    size_t within;
    size_t n = findNode(start, &within);
    compressAt(n);
    m_size -= count;
    while (count) {
        Node &node = m_nodes[n];
        const size_t gone = std::min<size_t>(count, node.count - within);
        count -= gone;
        if ((within == 0 && gone == node.count) || node.plain) {
            nodeRemoved(n);
        } else {
            decompressForUse(n);
            eraseEntries(m_nodes[n], within, gone);
            recompressOnly(n);
            ++n;
        }
        within = 0;
    }
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

// LSET as Redis 7.0.15 does it: the element's node is decompressed for use (the seek's
// iteration), then within a kind (packed to packed, plain to plain) the element is
// rewritten in place, whatever its node's size becomes (Redis checks no node limit there),
// and the node is compressed again. Crossing the threshold is an insert after the old
// element (insertNear's rules) and then its removal: a small element leaving a plain node
// joins the next node's head when that has room, else gets a packed node of its own; a
// large one splits its packed node around it, which is kept from compressing meanwhile.
void PackedList::set(size_t index, std::string_view element)
{
    size_t within;
    const size_t n = findNode(index, &within);
    decompressForUse(n);
    const bool large = isLargeElement(element.size());
    if (m_nodes[n].plain && !large) {
        insertInto(n, 0, element, true);
        nodeRemoved(n);
        --m_size;
        return;
    }
    if (!m_nodes[n].plain && large) {
        m_nodes[n].dontCompress = true;
        insertInto(n, within, element, true);
        Node &node = m_nodes[n];
        if (node.count == 1) {
            nodeRemoved(n);
        } else {
            // The old element is the last of node n now (the rest went after the new one).
            const char *start;
            const std::string_view old = readBackward(node.data + node.end, &start);
            node.lpBytes -= static_cast<uint32_t>(listpackEntryBytes(old));
            node.end = static_cast<uint32_t>(start - node.data);
            --node.count;
            node.dontCompress = false;
            compressAt(n);
            compressAt(n + 1);
        }
        --m_size;
        return;
    }
    Node &node = m_nodes[n];
    const char *entry = seek({node.data + node.begin, node.used()}, node.count, within);
    const uint32_t offset = static_cast<uint32_t>(entry - node.data);
    const char *next;
    readForward(entry, &next);
    const size_t oldBytes = static_cast<size_t>(next - entry);
    const size_t newBytes = entrySize(element.size());
    if (newBytes == oldBytes) {
        node.lpBytes -= static_cast<uint32_t>(listpackEntryBytes(readForward(entry, &next)));
        node.lpBytes += static_cast<uint32_t>(listpackEntryBytes(element));
        writeEntry(node.data + offset, element);
    } else {
        // eraseInNode closes the gap from the shorter side; the slot is where that leaves it.
        const bool frontMoves = offset - node.begin < node.end - offset - oldBytes;
        eraseInNode(node, offset, oldBytes);
        insertInNode(node, frontMoves ? offset + static_cast<uint32_t>(oldBytes) : offset, element);
        if (newBytes < oldBytes && node.capacity - node.used() > 1024 + node.used() / 4)
            shrinkToFit(node);
    }
    compressAt(n);
}

void PackedList::insert(size_t index, std::string_view element)
{
    if (index == m_size) return pushBack(element);
    insertNear(index, element, false);
}

void PackedList::insertAtPivot(size_t pivot, std::string_view element, bool after)
{
    size_t within;
    const size_t n = findNode(pivot, &within);
    if (n > 0) visitRange(0, pivot - within - 1, false);
    insertNear(pivot, element, after);
}

void PackedList::insertNear(size_t pivot, std::string_view element, bool after)
{
    size_t within;
    const size_t n = findNode(pivot, &within);
    decompressForUse(n);
    insertInto(n, within, element, after);
}

// Redis 7.0.15's _quicklistInsert next to entry `within` of node n (decompressed for use by
// the caller): a large element gets a plain node beside node n when n is plain or the
// entry is at the edge the insert is on, else n is split around it. A small one goes in n
// if it has room, else in the neighbouring node at that edge if it has room, else in a new
// node at that edge; a full node with the entry inside it is split, the new element
// joining the half that leaves, and the nodes around are merged where their sum fits.
void PackedList::insertInto(size_t n, size_t within, std::string_view element, bool after)
{
    const Node &target = m_nodes[n];
    const bool atTail = after && within + 1 == target.count;
    const bool atHead = !after && within == 0;
    const size_t bytes = entrySize(element.size());
    const bool full = !fits(target, element.size());
    // The byte offset in node n where the new element goes (before or after the entry).
    const auto slot = [&] {
        const Node &node = m_nodes[n];
        const char *entry = seek({node.data + node.begin, node.used()}, node.count, within);
        if (after) readForward(entry, &entry);
        return static_cast<uint32_t>(entry - node.data);
    };
    ++m_size;
    if (isLargeElement(element.size())) {
        --m_size; // insertPlainNode counts it
        if (target.plain || atTail || atHead) {
            insertPlainNode(after ? n + 1 : n, element);
            nodeAdded(after ? n : n + 1, after ? n + 1 : n);
            return;
        }
        Node rest = splitOff(n, slot());
        if (after) {
            insertPlainNode(n + 1, element);
            nodeAdded(n, n + 1);
            m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(n) + 2, rest);
            nodeAdded(n + 1, n + 2);
        } else {
            // Redis's node keeps the entries from the pivot on; the new one, which takes those
            // before, joins the list last: [before][plain][node].
            Node before = m_nodes[n];
            std::swap(before.recompress, rest.recompress);
            std::swap(before.dontCompress, rest.dontCompress);
            m_nodes[n] = rest;
            insertPlainNode(n, element);
            nodeAdded(n + 1, n);
            m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(n), before);
            nodeAdded(n + 1, n);
        }
        return;
    }
    if (!full) {
        insertInNode(m_nodes[n], slot(), element);
        recompressOnly(n);
    } else if (atTail && n + 1 < m_nodes.size() && fits(m_nodes[n + 1], element.size())) {
        Node &next = rawNode(n + 1);
        insertInNode(next, next.begin, element);
        recompressOnly(n + 1);
        recompressOnly(n);
    } else if (atHead && n > 0 && fits(m_nodes[n - 1], element.size())) {
        Node &previous = rawNode(n - 1);
        insertInNode(previous, previous.end, element);
        recompressOnly(n - 1);
        recompressOnly(n);
    } else if (atTail || atHead) {
        Node fresh = newNode(bytes, false);
        insertInNode(fresh, 0, element);
        m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(after ? n + 1 : n), fresh);
        nodeAdded(after ? n : n + 1, after ? n + 1 : n);
    } else {
        Node rest = splitOff(n, slot());
        if (after) {
            insertInNode(rest, rest.begin, element);
            m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(n) + 1, rest);
            nodeAdded(n, n + 1);
            mergeAround(n);
        } else {
            std::swap(m_nodes[n].recompress, rest.recompress);
            std::swap(m_nodes[n].dontCompress, rest.dontCompress);
            insertInNode(m_nodes[n], m_nodes[n].end, element);
            m_nodes.insert(m_nodes.begin() + static_cast<ptrdiff_t>(n) + 1, rest);
            nodeAdded(n + 1, n);
            mergeAround(n + 1);
        }
    }
}

PackedList::Node PackedList::splitOff(size_t n, uint32_t offset)
{
    Node &left = rawNode(n);
    const size_t tailBytes = left.end - offset;
    Node right = newNode(tailBytes, false);
    std::memcpy(right.data, left.data + offset, tailBytes);
    right.end = static_cast<uint32_t>(tailBytes);
    const char *entry = right.data;
    while (entry < right.data + right.end) {
        right.lpBytes += static_cast<uint32_t>(listpackEntryBytes(readForward(entry, &entry)));
        ++right.count;
    }
    left.end = offset;
    left.count -= right.count;
    left.lpBytes -= right.lpBytes - kEmptyListpack;
    shrinkIfSparse(left);
    return right;
}

// Redis's _quicklistNodeAllowMerge: the merged listpack (header counted once) within the
// size fill, or for a count fill within 8 KiB and the count.
bool PackedList::mergeAllowed(size_t a, size_t b) const
{
    const Node &first = m_nodes[a], &second = m_nodes[b];
    if (first.plain || second.plain) return false;
    const size_t merged = listpackSize(first) + listpackSize(second) - 11;
    if (m_fill < 0) return merged <= maxNodeBytes();
    return merged <= kMaxNodeBytes && first.count + second.count <= static_cast<uint32_t>(m_fill);
}

// Both decompressed; the merged node is the bigger one's (its flags stay), the other is
// removed (its pass), then the merged node is compressed again (compressAt).
size_t PackedList::mergeNodes(size_t a, size_t b)
{
    decompress(a);
    decompress(b);
    const bool keepFirst = listpackSize(m_nodes[a]) >= listpackSize(m_nodes[b]);
    Node &first = m_nodes[a];
    const Node &second = m_nodes[b];
    reserve(first, second.used(), false);
    std::memcpy(first.data + first.end, second.data + second.begin, second.used());
    first.end += static_cast<uint32_t>(second.used());
    first.count += second.count;
    first.lpBytes += second.lpBytes - kEmptyListpack;
    if (!keepFirst) {
        first.recompress = second.recompress;
        first.dontCompress = second.dontCompress;
    }
    nodeRemoved(b);
    compressAt(a);
    return a;
}

void PackedList::mergeAround(size_t center)
{
    if (center >= 2 && mergeAllowed(center - 2, center - 1)) {
        mergeNodes(center - 2, center - 1);
        --center;
    }
    if (center + 2 < m_nodes.size() && mergeAllowed(center + 1, center + 2))
        mergeNodes(center + 1, center + 2);
    size_t target = center;
    if (center >= 1 && mergeAllowed(center - 1, center)) target = mergeNodes(center - 1, center);
    if (target + 1 < m_nodes.size() && mergeAllowed(target, target + 1))
        mergeNodes(target, target + 1);
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
    node.lpBytes += static_cast<uint32_t>(listpackEntryBytes(element));
    ++node.count;
}

void PackedList::eraseInNode(Node &node, uint32_t offset, size_t bytes)
{
    const char *next;
    node.lpBytes -=
        static_cast<uint32_t>(listpackEntryBytes(readForward(node.data + offset, &next)));
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

// LREM as Redis's iteration does it: node by node from the scan's end, each decompressed for
// use, its matches removed (compacting the survivors towards the end the scan started
// from, so each node's bytes move at most once), then compressed again as the iteration
// leaves it, or removed when emptied (its pass). When the limit is reached the iteration
// is released on the node it stands on (the next one if that node went). A compressed node
// without a match comes out of all this as it went in, so it is only read (in a scratch
// copy).
size_t PackedList::removeEqual(std::string_view element, size_t limit, bool fromTail)
{
    size_t removed = 0;
    const size_t bytes = entrySize(element.size());
    const uint32_t elementLpBytes = static_cast<uint32_t>(listpackEntryBytes(element));
    auto removeInNode = [&](Node &node) {
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
                    node.lpBytes -= elementLpBytes;
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
                    node.lpBytes -= elementLpBytes;
                } else {
                    writeEnd -= size;
                    if (writeEnd != start) std::memmove(writeEnd, start, size);
                }
                readEnd = start;
            }
            node.begin = static_cast<uint32_t>(writeEnd - base);
        }
    };
    std::string scratch;
    auto holdsMatch = [&](const Node &node) {
        if (!node.compressed()) return true;
        const std::string_view raw = rawBytes(node, &scratch);
        for (const char *entry = raw.data(); entry < raw.data() + raw.size();)
            if (readForward(entry, &entry) == element) return true;
        return false;
    };
    size_t n = fromTail ? m_nodes.size() - 1 : 0;
    while (n < m_nodes.size()) {
        if (holdsMatch(m_nodes[n])) {
            decompressForUse(n);
            const size_t before = removed;
            removeInNode(m_nodes[n]);
            m_size -= removed - before;
            if (m_nodes[n].count == 0) {
                nodeRemoved(n);
                if (!fromTail && n >= m_nodes.size()) break;
                if (fromTail && n-- == 0) break;
                // The iteration stands on the next node now, not yet entered.
                if (removed == limit) {
                    if (!m_nodes[n].compressed()) compressAt(n);
                    break;
                }
                continue;
            }
            shrinkIfSparse(m_nodes[n]);
        }
        if (!m_nodes[n].compressed()) compressAt(n);
        if (removed == limit) break;
        if (fromTail && n-- == 0) break;
        if (!fromTail) ++n;
    }
    return removed;
}

// LTRIM: Redis deletes the head's range, then the tail's (quicklistDelRange twice).
void PackedList::keepRange(size_t start, size_t stop)
{
    const size_t tail = m_size - 1 - stop;
    deleteRange(0, start);
    deleteRange(m_size - tail, tail);
    if (!m_nodes.empty()) {
        if (!m_nodes.front().compressed()) shrinkIfSparse(m_nodes.front());
        if (!m_nodes.back().compressed()) shrinkIfSparse(m_nodes.back());
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
