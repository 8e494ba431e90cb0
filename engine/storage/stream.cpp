// Stream storage (see stream.h): packed nodes under an ordered index, consumer groups, and
// the node-size bookkeeping that keeps node boundaries where Redis puts them.
#include "storage/stream.h"

#include "storage/varint.h"
#include "util/strings.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace redscope::engine {

// ---- IDs

std::string StreamId::toString() const
{
    // By hand rather than snprintf: every XADD reply and every entry of a range formats one.
    char buffer[48];
    char *end = buffer + sizeof buffer, *at = end;
    uint64_t v = seq;
    do {
        *--at = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    *--at = '-';
    v = ms;
    do {
        *--at = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    return std::string(at, static_cast<size_t>(end - at));
}

bool StreamId::increment()
{
    if (seq == UINT64_MAX) {
        if (ms == UINT64_MAX) {
            ms = seq = 0;
            return false;
        }
        ++ms;
        seq = 0;
    } else {
        ++seq;
    }
    return true;
}

bool StreamId::decrement()
{
    if (seq == 0) {
        if (ms == 0) {
            ms = seq = UINT64_MAX;
            return false;
        }
        --ms;
        seq = UINT64_MAX;
    } else {
        --seq;
    }
    return true;
}

namespace {

// Redis's string2ull: a canonical int64 that is not negative, else whatever strtoull takes
// whole (so "+5" and " 5" are numbers, "-1" is not).
bool parseUnsigned(const std::string &text, uint64_t *out)
{
    int64_t signedValue;
    if (parseInt64(text, &signedValue)) {
        if (signedValue < 0) return false;
        *out = static_cast<uint64_t>(signedValue);
        return true;
    }
    errno = 0;
    char *end = nullptr;
    unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (errno == EINVAL || errno == ERANGE || text.empty() || *end != '\0') return false;
    *out = value;
    return true;
}

} // namespace

bool parseStreamId(std::string_view text, StreamId *out, uint64_t missingSeq, bool strict,
                   bool *seqGiven)
{
    if (text.size() > 127) return false;
    if (strict && text.size() == 1 && (text[0] == '-' || text[0] == '+')) return false;
    if (seqGiven) *seqGiven = true;
    if (text == "-") {
        *out = {0, 0};
        return true;
    }
    if (text == "+") {
        *out = StreamId::max();
        return true;
    }
    // C string semantics as in Redis: the text ends at its first NUL.
    std::string buffer(text.substr(0, text.find('\0')));
    size_t dash = buffer.find('-');
    uint64_t ms, seq = missingSeq;
    if (!parseUnsigned(buffer.substr(0, dash), &ms)) return false;
    if (dash != std::string::npos) {
        std::string tail = buffer.substr(dash + 1);
        if (seqGiven && tail == "*") {
            seq = 0;
            *seqGiven = false;
        } else if (!parseUnsigned(tail, &seq)) {
            return false;
        }
    }
    *out = {ms, seq};
    return true;
}

// ---- Redis listpack sizes, for node boundaries

namespace {

size_t lpIntSize(int64_t v)
{
    if (v >= 0 && v <= 127) return 2;
    if (v >= -4096 && v <= 4095) return 3;
    if (v >= INT16_MIN && v <= INT16_MAX) return 4;
    if (v >= -8388608 && v <= 8388607) return 5;
    if (v >= INT32_MIN && v <= INT32_MAX) return 6;
    return 10;
}

size_t lpBacklenSize(size_t encoded)
{
    if (encoded < 128) return 1;
    if (encoded < 16384) return 2;
    if (encoded < 2097152) return 3;
    if (encoded < 268435456) return 4;
    return 5;
}

size_t lpStringSize(std::string_view s)
{
    int64_t v;
    if (s.size() <= 20 && parseInt64(s, &v)) return lpIntSize(v);
    size_t encoded = s.size() < 64 ? 1 + s.size() : s.size() < 4096 ? 2 + s.size() : 5 + s.size();
    return encoded + lpBacklenSize(encoded);
}

void putString(std::string &out, std::string_view s)
{
    char buffer[10];
    out.append(buffer, writeVarint(buffer, s.size()));
    out.append(s);
}

void putVarint(std::string &out, uint64_t v)
{
    char buffer[10];
    out.append(buffer, writeVarint(buffer, v));
}

std::string_view getString(const std::string &data, size_t *offset)
{
    size_t len;
    *offset += readVarint(data.data() + *offset, &len);
    std::string_view s(data.data() + *offset, len);
    *offset += len;
    return s;
}

constexpr size_t kMapNodeOverhead = 64; // std::map node: links, color, key, allocator rounding

} // namespace

// ---- groups

StreamConsumer *StreamGroup::findConsumer(std::string_view name)
{
    auto it = consumers.find(name);
    return it == consumers.end() ? nullptr : &it->second;
}

StreamConsumer *StreamGroup::createConsumer(std::string_view name, int64_t nowMs)
{
    auto [it, inserted] = consumers.try_emplace(std::string(name));
    if (!inserted) return nullptr;
    it->second.name = it->first;
    it->second.seenTime = nowMs;
    return &it->second;
}

void StreamGroup::dropNack(std::map<StreamId, StreamNack>::iterator it)
{
    if (it->second.consumer) it->second.consumer->pel.erase(it->first);
    pel.erase(it);
}

size_t StreamGroup::deleteConsumer(std::string_view name)
{
    auto it = consumers.find(name);
    if (it == consumers.end()) return 0;
    size_t pending = it->second.pel.size();
    for (StreamId id : it->second.pel)
        pel.erase(id);
    consumers.erase(it);
    return pending;
}

// ---- stream

Stream::Stream(const Stream &other)
    : lastId(other.lastId)
    , maxDeletedId(other.maxDeletedId)
    , entriesAdded(other.entriesAdded)
    , m_nodes(other.m_nodes)
    , m_length(other.m_length)
    , m_bytes(other.m_bytes)
{
    for (const auto &[name, group] : other.groups) {
        StreamGroup &copy = groups[name];
        copy.lastId = group.lastId;
        copy.entriesRead = group.entriesRead;
        for (const auto &[consumerName, consumer] : group.consumers) {
            StreamConsumer &c = copy.consumers[consumerName];
            c.name = consumerName;
            c.seenTime = consumer.seenTime;
            c.pel = consumer.pel;
        }
        for (const auto &[id, nack] : group.pel) {
            StreamNack n = nack;
            n.consumer = nack.consumer ? &copy.consumers[nack.consumer->name] : nullptr;
            copy.pel.emplace(id, n);
        }
    }
}

Stream::EntryView Stream::readEntry(const Node &node, StreamId master, size_t offset,
                                    Fields *fields)
{
    const std::string &data = node.data;
    EntryView view;
    view.offset = offset;
    uint8_t flags = static_cast<uint8_t>(data[offset++]);
    size_t msDelta, seq;
    offset += readVarint(data.data() + offset, &msDelta);
    offset += readVarint(data.data() + offset, &seq);
    view.id = {master.ms + msDelta, seq};
    view.deleted = flags & kDeleted;
    if (fields) fields->clear();
    if (flags & kSameFields) {
        size_t masterOffset = 0;
        size_t count;
        masterOffset += readVarint(data.data(), &count);
        for (size_t i = 0; i < count; ++i) {
            std::string_view field = getString(data, &masterOffset);
            std::string_view value = getString(data, &offset);
            if (fields) {
                fields->push_back(field);
                fields->push_back(value);
            }
        }
    } else {
        size_t count;
        offset += readVarint(data.data() + offset, &count);
        for (size_t i = 0; i < count * 2; ++i) {
            std::string_view s = getString(data, &offset);
            if (fields) fields->push_back(s);
        }
    }
    view.end = offset;
    return view;
}

void Stream::forEachEntry(const Node &node, StreamId master,
                          const std::function<bool(const EntryView &)> &visit)
{
    size_t offset = node.entriesOffset;
    while (offset < node.data.size()) {
        EntryView view = readEntry(node, master, offset, nullptr);
        if (!visit(view)) return;
        offset = view.end;
    }
}

StreamId Stream::firstId() const
{
    StreamId first;
    for (const auto &[master, node] : m_nodes) {
        bool found = false;
        forEachEntry(node, master, [&](const EntryView &e) {
            if (e.deleted) return true;
            first = e.id;
            found = true;
            return false;
        });
        if (found) return first;
    }
    return {};
}

StreamId Stream::lastValidId() const
{
    for (auto it = m_nodes.rbegin(); it != m_nodes.rend(); ++it) {
        StreamId last;
        bool found = false;
        forEachEntry(it->second, it->first, [&](const EntryView &e) {
            if (!e.deleted) {
                last = e.id;
                found = true;
            }
            return true;
        });
        if (found) return last;
    }
    return {};
}

void Stream::append(StreamId id, std::span<const std::string_view> fv, const StreamLimits &limits,
                    bool newNode)
{
    size_t total = 0;
    for (std::string_view s : fv)
        total += s.size();
    Node *node = nullptr;
    StreamId master;
    if (!m_nodes.empty()) {
        auto last = std::prev(m_nodes.end());
        Node &candidate = last->second;
        uint64_t maxBytes = limits.nodeMaxBytes;
        if (maxBytes == 0 || maxBytes > (1u << 30)) maxBytes = 1u << 30;
        bool full = newNode || candidate.redisBytes + total >= maxBytes ||
                    (limits.nodeMaxEntries > 0 && candidate.live + candidate.deleted >=
                                                      static_cast<uint64_t>(limits.nodeMaxEntries));
        if (!full) {
            node = &candidate;
            master = last->first;
        } else {
            m_bytes -= candidate.data.capacity();
            candidate.data.shrink_to_fit(); // a closed node is never appended to again
            m_bytes += candidate.data.capacity();
        }
    }
    const size_t fieldCount = fv.size() / 2;
    if (!node) {
        master = id;
        node = &m_nodes[id];
        putVarint(node->data, fieldCount);
        size_t bytes = 7 + lpIntSize(0) /* count, patched below */ + lpIntSize(0) +
                       lpIntSize(static_cast<int64_t>(fieldCount)) + lpIntSize(0);
        for (size_t i = 0; i < fv.size(); i += 2) {
            putString(node->data, fv[i]);
            bytes += lpStringSize(fv[i]);
        }
        node->entriesOffset = static_cast<uint32_t>(node->data.size());
        node->masterFields = static_cast<uint32_t>(fieldCount);
        node->redisBytes = static_cast<uint32_t>(bytes);
        m_bytes += kMapNodeOverhead + sizeof(Node);
    }
    // Same fields as the master entry: only the values are stored.
    bool same = node->masterFields == fieldCount;
    if (same) {
        size_t offset = 0, count;
        offset += readVarint(node->data.data(), &count);
        for (size_t i = 0; i < fieldCount && same; ++i)
            same = getString(node->data, &offset) == fv[i * 2];
    }
    const size_t capacityBefore = node->data.capacity();
    node->data.push_back(static_cast<char>(same ? kSameFields : 0));
    putVarint(node->data, id.ms - master.ms);
    putVarint(node->data, id.seq);
    size_t entryBytes = lpIntSize(same ? kSameFields : 0) +
                        lpIntSize(static_cast<int64_t>(id.ms - master.ms)) +
                        lpIntSize(static_cast<int64_t>(id.seq - master.seq));
    if (!same) {
        putVarint(node->data, fieldCount);
        entryBytes += lpIntSize(static_cast<int64_t>(fieldCount));
    }
    for (size_t i = 0; i < fv.size(); ++i) {
        if (same && i % 2 == 0) continue;
        putString(node->data, fv[i]);
        entryBytes += lpStringSize(fv[i]);
    }
    int64_t lpCount =
        same ? static_cast<int64_t>(fieldCount) + 3 : static_cast<int64_t>(fieldCount) * 2 + 4;
    entryBytes += lpIntSize(lpCount);
    node->redisBytes +=
        static_cast<uint32_t>(entryBytes) - lpIntSize(node->live) + lpIntSize(node->live + 1);
    ++node->live;
    m_bytes += node->data.capacity() - capacityBefore;
    ++m_length;
    lastId = id;
    ++entriesAdded;
}

void Stream::markDeleted(Node &node, size_t flagsOffset)
{
    node.data[flagsOffset] = static_cast<char>(node.data[flagsOffset] | kDeleted);
    node.redisBytes += lpIntSize(node.live - 1) + lpIntSize(node.deleted + 1) -
                       lpIntSize(node.live) - lpIntSize(node.deleted);
    --node.live;
    ++node.deleted;
    --m_length;
}

bool Stream::remove(StreamId id)
{
    if (m_nodes.empty()) return false;
    auto it = m_nodes.upper_bound(id);
    if (it == m_nodes.begin()) return false;
    --it;
    Node &node = it->second;
    bool removed = false;
    forEachEntry(node, it->first, [&](const EntryView &e) {
        if (e.id < id) return true;
        if (e.id == id && !e.deleted) {
            markDeleted(node, e.offset);
            removed = true;
        }
        return false;
    });
    if (removed && node.live == 0) {
        m_bytes -= node.data.capacity() + kMapNodeOverhead + sizeof(Node);
        m_nodes.erase(it);
    }
    return removed;
}

bool Stream::contains(StreamId id) const
{
    auto it = m_nodes.upper_bound(id);
    if (it == m_nodes.begin()) return false;
    --it;
    bool found = false;
    forEachEntry(it->second, it->first, [&](const EntryView &e) {
        if (e.id < id) return true;
        found = e.id == id && !e.deleted;
        return false;
    });
    return found;
}

void Stream::range(StreamId start, StreamId end, bool reverse,
                   const std::function<bool(StreamId, const Fields &)> &visit) const
{
    if (m_nodes.empty() || start > end) return;
    Fields fields;
    if (!reverse) {
        auto it = m_nodes.upper_bound(start);
        if (it != m_nodes.begin()) --it;
        for (; it != m_nodes.end() && it->first <= end; ++it) {
            const Node &node = it->second;
            size_t offset = node.entriesOffset;
            while (offset < node.data.size()) {
                // Entries before `start` are only stepped over (a group reading one entry
                // at a time lands mid-node on every call).
                EntryView e = readEntry(node, it->first, offset, nullptr);
                if (e.deleted || e.id < start) {
                    offset = e.end;
                    continue;
                }
                if (e.id > end) return;
                readEntry(node, it->first, offset, &fields);
                offset = e.end;
                if (!visit(e.id, fields)) return;
            }
        }
        return;
    }
    auto it = m_nodes.upper_bound(end);
    std::vector<size_t> offsets;
    while (it != m_nodes.begin()) {
        --it;
        const Node &node = it->second;
        offsets.clear();
        forEachEntry(node, it->first, [&](const EntryView &e) {
            if (e.id > end) return false;
            if (!e.deleted && e.id >= start) offsets.push_back(e.offset);
            return true;
        });
        for (auto o = offsets.rbegin(); o != offsets.rend(); ++o) {
            EntryView e = readEntry(node, it->first, *o, &fields);
            if (!visit(e.id, fields)) return;
        }
        if (it->first <= start) return;
    }
}

uint64_t Stream::trim(TrimBy by, uint64_t maxLen, StreamId minId, bool approx, int64_t limit)
{
    uint64_t deleted = 0;
    auto it = m_nodes.begin();
    while (it != m_nodes.end()) {
        if (by == TrimBy::MaxLen && m_length <= maxLen) break;
        Node &node = it->second;
        const uint64_t entries = node.live;
        if (limit && static_cast<int64_t>(deleted + entries) > limit) break;
        bool removeNode;
        if (by == TrimBy::MaxLen) {
            removeNode = m_length - entries >= maxLen;
        } else {
            StreamId last;
            forEachEntry(node, it->first, [&](const EntryView &e) {
                last = e.id;
                return true;
            });
            removeNode = last < minId;
        }
        if (removeNode) {
            m_bytes -= node.data.capacity() + kMapNodeOverhead + sizeof(Node);
            m_length -= entries;
            deleted += entries;
            it = m_nodes.erase(it);
            continue;
        }
        if (approx) break;
        std::vector<size_t> toDelete;
        uint64_t length = m_length;
        forEachEntry(node, it->first, [&](const EntryView &e) {
            bool stop = by == TrimBy::MaxLen ? length <= maxLen : e.id >= minId;
            if (stop) return false;
            if (!e.deleted) {
                toDelete.push_back(e.offset);
                --length;
            }
            return true;
        });
        for (size_t offset : toDelete)
            markDeleted(node, offset);
        deleted += toDelete.size(); // a node left with no live entry stays, as in Redis
        break;
    }
    return deleted;
}

bool Stream::rangeHasTombstones(StreamId start, StreamId end) const
{
    if (m_length == 0 || maxDeletedId.isZero()) return false;
    if (firstId() > maxDeletedId) return false;
    return start <= maxDeletedId && maxDeletedId <= end;
}

int64_t Stream::estimateDistanceFromFirstEver(StreamId id) const
{
    if (entriesAdded == 0) return 0;
    if (m_length == 0 && id <= lastId) return static_cast<int64_t>(entriesAdded);
    if (id == lastId) return static_cast<int64_t>(entriesAdded);
    if (id > lastId) return StreamGroup::kInvalidEntriesRead;
    StreamId first = firstId();
    if (maxDeletedId.isZero() || maxDeletedId < first) {
        if (id < first) return static_cast<int64_t>(entriesAdded - m_length);
        if (id == first) return static_cast<int64_t>(entriesAdded - m_length + 1);
    }
    return StreamGroup::kInvalidEntriesRead;
}

void Stream::forEachNode(
    const std::function<void(StreamId master, const NodeEntries &)> &visit) const
{
    NodeEntries entries;
    for (const auto &[master, node] : m_nodes) {
        if (node.live == 0) continue;
        entries.clear();
        size_t offset = node.entriesOffset;
        while (offset < node.data.size()) {
            Fields fields;
            EntryView e = readEntry(node, master, offset, &fields);
            offset = e.end;
            if (!e.deleted) entries.emplace_back(e.id, std::move(fields));
        }
        visit(master, entries);
    }
}

size_t Stream::groupBytes() const
{
    size_t bytes = 0;
    for (const auto &[name, group] : groups) {
        bytes += kMapNodeOverhead + sizeof(StreamGroup) + name.size();
        bytes += group.pel.size() * (kMapNodeOverhead + sizeof(StreamNack));
        for (const auto &[consumerName, consumer] : group.consumers)
            bytes += kMapNodeOverhead + sizeof(StreamConsumer) + 2 * consumerName.size() +
                     consumer.pel.size() * 48;
    }
    return bytes;
}

} // namespace redscope::engine
