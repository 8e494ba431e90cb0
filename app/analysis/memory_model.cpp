// The numbers below are the 64-bit sizes of Redis 7.0's structures (robj 16, dictEntry 24,
// dict 56, quicklist 40, quicklistNode 32, zset 16, zskiplist 32, stream 80, raxNode 4) and
// the way MEMORY USAGE sums them (object.c's objectComputeSize as documented). Allocations
// are rounded to jemalloc 5's size classes with a 16-byte quantum, as Debian's libjemalloc2
// (which Debian's redis-server links) has them: 8, 16, 32, 48 ... 128, then four classes per
// doubling.
#include "analysis/memory_model.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace redscope::memmodel {

namespace {

constexpr uint64_t kRobj = 16;
constexpr uint64_t kDictEntry = 24;
constexpr uint64_t kDict = 56;
constexpr uint64_t kQuicklist = 40;
constexpr uint64_t kQuicklistNode = 32;
constexpr uint64_t kZset = 16;
constexpr uint64_t kSkiplist = 32;
constexpr uint64_t kStream = 80;
constexpr uint64_t kRaxNode = 4;
constexpr uint64_t kStreamId = 16;
constexpr uint64_t kStreamCg = 56; // a consumer group without pending entries, roughly

uint64_t dictSlots(uint64_t used)
{
    if (used == 0) return 0;
    return std::max<uint64_t>(4, std::bit_ceil(used));
}

// A skiplist node holds 24 bytes plus 16 per level; levels are 1 with probability 3/4, each
// further one with 1/4 (ZSKIPLIST_P), up to 32. The expected allocation, computed once.
double expectedSkiplistNode()
{
    static const double expected = [] {
        double sum = 0, p = 0.75;
        for (int level = 1; level <= 32; ++level) {
            sum += p * double(allocSize(24 + 16 * uint64_t(level)));
            p *= 0.25;
        }
        return sum;
    }();
    return expected;
}

uint64_t backlenBytes(uint64_t l)
{
    if (l <= 127) return 1;
    if (l < 16383) return 2;
    if (l < 2097151) return 3;
    if (l < 268435455) return 4;
    return 5;
}

uint64_t integerEntryBytes(int64_t v)
{
    if (v >= 0 && v <= 127) return 1;
    if (v >= -4096 && v <= 4095) return 2;
    if (v >= INT16_MIN && v <= INT16_MAX) return 3;
    if (v >= -8388608 && v <= 8388607) return 4;
    if (v >= INT32_MIN && v <= INT32_MAX) return 5;
    return 9;
}

} // namespace

Encoding encodingFromName(std::string_view name)
{
    static constexpr std::pair<std::string_view, Encoding> names[] = {
        {"int", Encoding::Int},           {"embstr", Encoding::Embstr},
        {"raw", Encoding::Raw},           {"quicklist", Encoding::Quicklist},
        {"listpack", Encoding::Listpack}, {"ziplist", Encoding::Listpack},
        {"intset", Encoding::Intset},     {"hashtable", Encoding::Hashtable},
        {"skiplist", Encoding::Skiplist}, {"stream", Encoding::Stream},
    };
    for (const auto &[text, encoding] : names)
        if (text == name) return encoding;
    return Encoding::Other;
}

const char *encodingName(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Int:
        return "int";
    case Encoding::Embstr:
        return "embstr";
    case Encoding::Raw:
        return "raw";
    case Encoding::Quicklist:
        return "quicklist";
    case Encoding::Listpack:
        return "listpack";
    case Encoding::Intset:
        return "intset";
    case Encoding::Hashtable:
        return "hashtable";
    case Encoding::Skiplist:
        return "skiplist";
    case Encoding::Stream:
        return "stream";
    case Encoding::Other:
        break;
    }
    return "other";
}

uint64_t allocSize(uint64_t n)
{
    if (n <= 8) return 8;
    if (n <= 128) return (n + 15) & ~uint64_t(15);
    const uint64_t group = std::bit_floor(n - 1); // n in (group, 2 * group]
    const uint64_t spacing = group / 4;
    return (n + spacing - 1) / spacing * spacing;
}

uint64_t sdsAllocSize(uint64_t len)
{
    uint64_t header = 1; // sdshdr5 (short strings; sdsnewlen uses it below 32 bytes)
    if (len >= 32) header = 3;
    if (len >= 256) header = 5;
    if (len >= 65536) header = 9;
    if (len >= (uint64_t(1) << 32)) header = 17;
    return allocSize(header + len + 1);
}

bool isListpackInteger(std::string_view s, int64_t *value)
{
    if (s.empty() || s.size() > 20) return false;
    size_t i = 0;
    const bool negative = s[0] == '-';
    if (negative) {
        if (s.size() == 1) return false;
        i = 1;
    }
    if (s[i] == '0' && s.size() > i + 1) return false; // leading zero
    if (negative && s[i] == '0') return false;         // "-0"
    uint64_t magnitude = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        const uint64_t digit = uint64_t(s[i] - '0');
        if (magnitude > (UINT64_MAX - digit) / 10) return false;
        magnitude = magnitude * 10 + digit;
    }
    if (negative ? magnitude > uint64_t(INT64_MAX) + 1 : magnitude > uint64_t(INT64_MAX))
        return false;
    if (value) *value = negative ? int64_t(0 - magnitude) : int64_t(magnitude);
    return true;
}

void ListpackSize::addEntry(uint64_t encodedLength)
{
    m_bytes += encodedLength + backlenBytes(encodedLength);
    ++m_entries;
}

void ListpackSize::addInteger(int64_t value)
{
    addEntry(integerEntryBytes(value));
}

void ListpackSize::add(std::string_view entry)
{
    int64_t value = 0;
    if (isListpackInteger(entry, &value)) return addInteger(value);
    const uint64_t n = entry.size();
    addEntry(n + (n <= 63 ? 1 : n <= 4095 ? 2 : 5));
}

uint64_t keyOverhead(uint64_t keyLength)
{
    return kDictEntry + sdsAllocSize(keyLength);
}

uint64_t stringBytes(Encoding encoding, uint64_t length)
{
    switch (encoding) {
    case Encoding::Int:
        return kRobj;
    case Encoding::Embstr:
        return allocSize(kRobj + 3 + length + 1); // one allocation
    default:
        return kRobj + sdsAllocSize(length);
    }
}

ValueShape listShape(uint64_t keyLength, const std::vector<std::string> &items,
                     const Limits &limits)
{
    // Nodes are filled up to the size limit (-1..-5: 4..64 KiB); Redis estimates an entry
    // as its raw length plus 8 bytes when deciding whether it still fits.
    const int level = std::clamp(-limits.listMaxListpackSize, 1, 5);
    const uint64_t nodeLimit = uint64_t(4096) << (level - 1);
    uint64_t bytes = kRobj + kQuicklist;
    ListpackSize node;
    bool open = false;
    ValueShape shape;
    for (const std::string &item : items) {
        shape.maxItemLength = std::max<uint64_t>(shape.maxItemLength, item.size());
        if (open && (node.bytes() + item.size() + 8 > nodeLimit || node.entries() >= 65535)) {
            bytes += kQuicklistNode + allocSize(node.bytes());
            node = {};
        }
        open = true;
        node.add(item);
    }
    if (open) bytes += kQuicklistNode + allocSize(node.bytes());
    shape.bytes = bytes + keyOverhead(keyLength);
    return shape;
}

ValueShape setShape(uint64_t keyLength, Encoding encoding, const std::vector<std::string> &items,
                    const Limits &)
{
    ValueShape shape;
    int width = 2;
    uint64_t members = 0;
    for (const std::string &item : items) {
        shape.maxItemLength = std::max<uint64_t>(shape.maxItemLength, item.size());
        int64_t v = 0;
        if (shape.allIntegers && isListpackInteger(item, &v)) {
            if (v < INT16_MIN || v > INT16_MAX) width = std::max(width, 4);
            if (v < INT32_MIN || v > INT32_MAX) width = 8;
        } else {
            shape.allIntegers = false;
        }
        members += sdsAllocSize(item.size());
    }
    const uint64_t intset = kRobj + allocSize(8 + uint64_t(width) * items.size());
    const uint64_t table =
        kRobj + kDict + 8 * dictSlots(items.size()) + items.size() * kDictEntry + members;
    if (encoding == Encoding::Intset) {
        shape.bytes = intset;
    } else {
        shape.bytes = table;
        if (shape.allIntegers) shape.packedBytes = intset + keyOverhead(keyLength);
    }
    shape.bytes += keyOverhead(keyLength);
    return shape;
}

ValueShape hashShape(uint64_t keyLength, Encoding encoding, const std::vector<std::string> &items,
                     const Limits &)
{
    ValueShape shape;
    ListpackSize packed;
    uint64_t strings = 0;
    for (const std::string &item : items) {
        shape.maxItemLength = std::max<uint64_t>(shape.maxItemLength, item.size());
        packed.add(item);
        strings += sdsAllocSize(item.size());
    }
    const uint64_t pairs = items.size() / 2;
    const uint64_t listpack = kRobj + allocSize(packed.bytes());
    const uint64_t table = kRobj + kDict + 8 * dictSlots(pairs) + pairs * kDictEntry + strings;
    if (encoding == Encoding::Hashtable) {
        shape.bytes = table;
        shape.packedBytes = listpack + keyOverhead(keyLength);
    } else {
        shape.bytes = listpack;
    }
    shape.bytes += keyOverhead(keyLength);
    return shape;
}

ValueShape zsetShape(uint64_t keyLength, Encoding encoding, const std::vector<std::string> &items,
                     const Limits &)
{
    ValueShape shape;
    ListpackSize packed;
    uint64_t members = 0;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        shape.maxItemLength = std::max<uint64_t>(shape.maxItemLength, items[i].size());
        packed.add(items[i]);
        packed.add(items[i + 1]);
        members += sdsAllocSize(items[i].size());
    }
    const uint64_t n = items.size() / 2;
    const uint64_t listpack = kRobj + allocSize(packed.bytes());
    const uint64_t skiplist = kRobj + kZset + kSkiplist + kDict + 8 * dictSlots(n) +
                              allocSize(24 + 16 * 32) + members + n * kDictEntry +
                              uint64_t(std::llround(double(n) * expectedSkiplistNode()));
    if (encoding == Encoding::Skiplist) {
        shape.bytes = skiplist;
        shape.packedBytes = listpack + keyOverhead(keyLength);
    } else {
        shape.bytes = listpack;
    }
    shape.bytes += keyOverhead(keyLength);
    return shape;
}

ValueShape streamShape(uint64_t keyLength, const std::vector<StreamEntryView> &entries,
                       uint64_t groups, const Limits &limits)
{
    // Entries go into listpack nodes of at most streamNodeMaxEntries entries and
    // streamNodeMaxBytes bytes. A node starts with its master entry (count, deleted, the
    // first entry's fields) and XADD preallocates it at 4 KiB.
    // An entry whose fields equal the master's stores only its values.
    ValueShape shape;
    uint64_t nodes = 0, listpacks = 0;
    ListpackSize node;
    const std::vector<std::string> *master = nullptr;
    int64_t masterMs = 0, masterSeq = 0;
    uint64_t inNode = 0;
    // A node that filled up is shrunk to fit when the next one starts; the last keeps its
    // preallocation.
    auto closeNode = [&](bool last) {
        if (!master) return;
        ++nodes;
        const uint64_t exact = allocSize(node.bytes());
        listpacks +=
            last ? std::max<uint64_t>(exact, std::min<uint64_t>(4096, limits.streamNodeMaxBytes))
                 : exact;
        master = nullptr;
    };
    for (const StreamEntryView &entry : entries) {
        const std::vector<std::string> &fields = *entry.fields;
        if (master &&
            (inNode >= limits.streamNodeMaxEntries || node.bytes() >= limits.streamNodeMaxBytes))
            closeNode(false);
        if (!master) {
            node = {};
            master = &fields;
            masterMs = entry.ms;
            masterSeq = entry.seq;
            inNode = 0;
            node.addInteger(0); // count
            node.addInteger(0); // deleted
            node.addInteger(int64_t(fields.size() / 2));
            for (size_t i = 0; i < fields.size(); i += 2)
                node.add(fields[i]);
            node.addInteger(0); // master entry terminator
        }
        bool sameFields = fields.size() == master->size();
        for (size_t i = 0; sameFields && i < fields.size(); i += 2)
            sameFields = fields[i] == (*master)[i];
        node.addInteger(sameFields ? 2 : 0); // flags
        node.addInteger(entry.ms - masterMs);
        node.addInteger(entry.seq - masterSeq);
        if (!sameFields) node.addInteger(int64_t(fields.size() / 2));
        for (size_t i = 0; i < fields.size(); i += 2) {
            if (!sameFields) node.add(fields[i]);
            if (i + 1 < fields.size()) node.add(fields[i + 1]);
            shape.maxItemLength = std::max<uint64_t>(shape.maxItemLength, fields[i].size());
        }
        node.addInteger(int64_t(sameFields ? fields.size() / 2 : fields.size()) + 1);
        ++inNode;
    }
    closeNode(true);
    // The radix tree of node IDs: MEMORY USAGE charges each tree node 4 bytes plus a fixed
    // 240, and stream IDs share prefixes, so about two tree nodes per listpack node.
    const uint64_t raxNodes = nodes ? 2 * nodes : 1;
    shape.bytes = kRobj + kStream + nodes * kStreamId + raxNodes * (kRaxNode + 8 * 30) + listpacks +
                  groups * kStreamCg + keyOverhead(keyLength);
    return shape;
}

} // namespace redscope::memmodel
