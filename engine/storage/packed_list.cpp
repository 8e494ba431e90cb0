// PackedList's node management: growing a node's window towards the end being written,
// inserting and erasing inside a node (moving whichever side is shorter), splitting a full
// node on a middle insert, and dropping whole nodes from either end. See packed_list.h.
#include "storage/packed_list.h"

#include "storage/varint.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace redscope::engine {

namespace {

constexpr size_t kMinNodeCapacity = 16;
constexpr size_t kMallocHeader = 8; // glibc's per-chunk overhead, for allocatedBytes()

char *allocate(size_t bytes)
{
    void *memory = std::malloc(bytes);
    if (!memory) throw std::bad_alloc();
    return static_cast<char *>(memory);
}

} // namespace

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
{
    // The copy is packed tight: no slack in any node.
    m_nodes.reserve(other.m_nodes.size());
    for (const Node &source : other.m_nodes) {
        Node node = newNode(source.used(), false);
        std::memcpy(node.data, source.data + source.begin, source.used());
        node.end = static_cast<uint32_t>(source.used());
        node.count = source.count;
        m_nodes.push_back(node);
    }
}

PackedList::PackedList(PackedList &&other) noexcept
    : m_nodes(std::move(other.m_nodes))
    , m_size(other.m_size)
    , m_bytes(other.m_bytes)
    , m_fill(other.m_fill)
{
    other.m_nodes.clear();
    other.m_size = 0;
    other.m_bytes = 0;
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
    constexpr size_t kListpackOverhead = 7;
    const size_t wouldBe = node.used() + kListpackOverhead + bytes;
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
    std::free(node.data);
    m_bytes -= node.capacity;
    node = Node{};
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
    const size_t used = node.used();
    if (node.capacity <= 4 * kMinNodeCapacity || used * 4 >= node.capacity) return;
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

void PackedList::pushFront(std::string_view element)
{
    const size_t bytes = entrySize(element.size());
    if (m_nodes.empty() || !fits(m_nodes.front(), bytes))
        m_nodes.insert(m_nodes.begin(), newNode(bytes, true));
    Node &node = m_nodes.front();
    reserve(node, bytes, true);
    node.begin -= static_cast<uint32_t>(bytes);
    writeEntry(node.data + node.begin, element);
    ++node.count;
    ++m_size;
}

void PackedList::pushBack(std::string_view element)
{
    const size_t bytes = entrySize(element.size());
    if (m_nodes.empty() || !fits(m_nodes.back(), bytes)) m_nodes.push_back(newNode(bytes, false));
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
    if (!count) return;
    Node &node = m_nodes.front();
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
    if (!count) return;
    Node &node = m_nodes.back();
    const char *entryEnd = node.data + node.end;
    for (size_t i = 0; i < count; ++i)
        readBackward(entryEnd, &entryEnd);
    node.end = static_cast<uint32_t>(entryEnd - node.data);
    node.count -= static_cast<uint32_t>(count);
}

PackedList::Position PackedList::locate(size_t index) const
{
    size_t n;
    size_t within;
    if (index < m_size / 2) {
        n = 0;
        while (index >= m_nodes[n].count)
            index -= m_nodes[n++].count;
        within = index;
    } else {
        size_t fromTail = m_size - 1 - index;
        n = m_nodes.size() - 1;
        while (fromTail >= m_nodes[n].count)
            fromTail -= m_nodes[n--].count;
        within = m_nodes[n].count - 1 - fromTail;
    }
    const Node &node = m_nodes[n];
    const char *entry;
    if (within <= node.count / 2) {
        entry = node.data + node.begin;
        for (size_t i = 0; i < within; ++i)
            readForward(entry, &entry);
    } else {
        entry = node.data + node.end;
        for (size_t i = node.count - within; i > 0; --i)
            readBackward(entry, &entry);
    }
    return {n, static_cast<uint32_t>(entry - node.data)};
}

std::string_view PackedList::at(size_t index) const
{
    Position position = locate(index);
    const char *next;
    return readForward(m_nodes[position.node].data + position.offset, &next);
}

void PackedList::set(size_t index, std::string_view element)
{
    Position position = locate(index);
    Node &node = m_nodes[position.node];
    const char *next;
    readForward(node.data + position.offset, &next);
    const size_t oldBytes = static_cast<size_t>(next - (node.data + position.offset));
    if (entrySize(element.size()) == oldBytes) {
        writeEntry(node.data + position.offset, element);
        return;
    }
    eraseInNode(node, position.offset, oldBytes);
    --m_size;
    // The erase moved one side of the node; find the slot again from the index.
    if (node.count == 0) {
        // Only element of its node (a big one): reuse the node's buffer for the new value.
        node.begin = node.end = 0;
        insertInNode(node, 0, element);
        ++m_size;
        shrinkIfSparse(node);
        return;
    }
    insert(index, element);
}

void PackedList::insert(size_t index, std::string_view element)
{
    if (index == m_size) return pushBack(element);
    if (index == 0) return pushFront(element);
    insertAt(locate(index), element);
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
                Node &previous = m_nodes[position.node - 1];
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
    if (!fromTail) {
        for (size_t n = 0; n < m_nodes.size() && removed < limit; ++n)
            visitNode(m_nodes[n]);
    } else {
        for (size_t n = m_nodes.size(); n-- > 0 && removed < limit;)
            visitNode(m_nodes[n]);
    }
    if (!removed) return 0;
    m_size -= removed;
    removeEmptyNodes();
    for (Node &node : m_nodes)
        shrinkIfSparse(node);
    return removed;
}

void PackedList::keepRange(size_t start, size_t stop)
{
    const size_t tail = m_size - 1 - stop;
    if (start) dropFront(start);
    if (tail) dropBack(tail);
    if (!m_nodes.empty()) {
        shrinkIfSparse(m_nodes.front());
        shrinkIfSparse(m_nodes.back());
    }
    if (m_nodes.capacity() > 4 * m_nodes.size()) m_nodes.shrink_to_fit();
}

void PackedList::clear()
{
    for (Node &node : m_nodes)
        freeNode(node);
    m_nodes.clear();
    m_size = 0;
}

} // namespace redscope::engine
