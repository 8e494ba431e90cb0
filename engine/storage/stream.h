// The stream type (XADD, XRANGE, consumer groups). Entries are packed in blocks ("nodes")
// under an ordered index keyed by each node's first ("master") ID, as Redis packs them in
// listpacks under a radix tree: a node holds up to stream-node-max-entries entries or about
// stream-node-max-bytes, its first entry's field names once (later entries with the same
// fields store only their values), and each entry's ID as a varint delta from the master ID.
// So an entry of two short fields costs its values plus a few bytes, and the index one
// std::map node per ~100 entries.
//
// Deletion (XDEL, exact trimming inside a node) only flags an entry, as Redis does; XDEL
// drops a node once its last entry goes, exact trimming leaves it (Redis does the same, and
// the next XADD may still append to it). Reverse walks decode a node forward first: nodes
// hold at most stream-node-max-entries (100) entries, so that costs little. New nodes start where Redis would start a new
// listpack: each node keeps the byte size its Redis listpack would have (redisBytes), so XTRIM
// ~ removes the same whole nodes and XINFO's radix-tree-keys agrees with Redis.
//
// Consumer groups keep Redis's structures: the group PEL maps an ID to its NACK (delivery
// time and count, owning consumer); each consumer's PEL is the set of IDs it owns. Groups
// and consumers are ordered by name, as Redis lists them.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

struct StreamId
{
    uint64_t ms = 0;
    uint64_t seq = 0;
    auto operator<=>(const StreamId &) const = default;
    bool isZero() const { return ms == 0 && seq == 0; }
    static constexpr StreamId max() { return {UINT64_MAX, UINT64_MAX}; }
    std::string toString() const;
    // The next/previous ID; false at the ends of the ID space.
    bool increment();
    bool decrement();
};

struct StreamLimits
{
    int64_t nodeMaxBytes = 4096;  // stream-node-max-bytes (0: no limit but Redis's 1 GiB)
    int64_t nodeMaxEntries = 100; // stream-node-max-entries (0: no limit)
};

struct StreamConsumer;

struct StreamNack
{
    int64_t deliveryTime = 0;
    uint64_t deliveryCount = 1;
    StreamConsumer *consumer = nullptr;
};

struct StreamConsumer
{
    std::string name;
    int64_t seenTime = 0;
    std::set<StreamId> pel; // IDs this consumer owns in the group PEL
};

struct StreamGroup
{
    static constexpr int64_t kInvalidEntriesRead = -1;
    StreamId lastId;
    int64_t entriesRead = kInvalidEntriesRead;
    std::map<StreamId, StreamNack> pel;
    std::map<std::string, StreamConsumer, std::less<>> consumers;

    StreamConsumer *findConsumer(std::string_view name);
    // Creates the consumer; nullptr when it exists.
    StreamConsumer *createConsumer(std::string_view name, int64_t nowMs);
    // Removes an ID from the group PEL and its owner's.
    void dropNack(std::map<StreamId, StreamNack>::iterator it);
    // Deletes a consumer and its pending entries; returns how many it had.
    size_t deleteConsumer(std::string_view name);
};

class Stream
{
public:
    using Fields = std::vector<std::string_view>; // field, value, field, value...

    Stream() = default;
    Stream(const Stream &other);
    Stream &operator=(const Stream &) = delete;

    uint64_t length() const { return m_length; }
    size_t nodeCount() const { return m_nodes.size(); }
    StreamId firstId() const;     // 0-0 when empty
    StreamId lastValidId() const; // ID of the last live entry, 0-0 when empty

    StreamId lastId;       // last-generated-id
    StreamId maxDeletedId; // max-deleted-entry-id
    uint64_t entriesAdded = 0;
    std::map<std::string, StreamGroup, std::less<>> groups;

    // Appends an entry whose ID is greater than lastId (the caller checked). Bumps length,
    // lastId and entriesAdded. newNode starts a node whatever the limits (RDB loading keeps
    // the file's nodes).
    void append(StreamId id, std::span<const std::string_view> fieldsValues,
                const StreamLimits &limits, bool newNode = false);
    // XDEL of one ID: true when a live entry was deleted.
    bool remove(StreamId id);
    bool contains(StreamId id) const;

    // Visits live entries with start <= id <= end, ascending or descending, until the
    // callback returns false. The field views are valid during the call only.
    void range(StreamId start, StreamId end, bool reverse,
               const std::function<bool(StreamId, const Fields &)> &visit) const;

    // Trimming as Redis's streamTrim: whole nodes first; inside a node only when exact.
    // limit 0: no limit. Returns the entries removed.
    enum class TrimBy { MaxLen, MinId };
    uint64_t trim(TrimBy by, uint64_t maxLen, StreamId minId, bool approx, int64_t limit);

    // Bytes held (nodes, index, groups), for MEMORY USAGE and maxmemory accounting.
    size_t memoryUsage() const { return m_bytes + groupBytes(); }

    // Redis's lag bookkeeping (7.0): whether a deleted entry may lie in [start, end], and the
    // estimated read counter of an ID (kInvalidEntriesRead when unknown).
    bool rangeHasTombstones(StreamId start, StreamId end) const;
    int64_t estimateDistanceFromFirstEver(StreamId id) const;

    // For persistence: each node holding live entries, with its master ID and those entries
    // (ID, fields) in order. The views are valid during the call only.
    using NodeEntries = std::vector<std::pair<StreamId, Fields>>;
    void forEachNode(const std::function<void(StreamId master, const NodeEntries &)> &visit) const;

private:
    struct Node
    {
        // [varint master-field count][varint len, bytes]... then entries:
        // [flags][varint ms-delta][varint seq][if !same: varint n, (len, bytes) * 2n]
        // [else: (len, bytes) * master-field count]
        std::string data;
        uint32_t entriesOffset = 0;
        uint32_t masterFields = 0;
        uint32_t live = 0;
        uint32_t deleted = 0;
        uint32_t redisBytes = 0; // the size of the listpack Redis would hold for this node
    };
    struct EntryView
    {
        StreamId id;
        size_t offset; // of the flags byte
        size_t end;
        bool deleted;
    };
    static constexpr uint8_t kDeleted = 1, kSameFields = 2;

    // Decodes the entry at `offset` (fields only when `fields` is given).
    static EntryView readEntry(const Node &node, StreamId master, size_t offset, Fields *fields);
    static void forEachEntry(const Node &node, StreamId master,
                             const std::function<bool(const EntryView &)> &visit);
    void markDeleted(Node &node, size_t flagsOffset);
    size_t groupBytes() const;

    std::map<StreamId, Node> m_nodes; // by master ID
    uint64_t m_length = 0;
    size_t m_bytes = 0;
};

// Parses a stream ID as Redis does: "ms-seq" or "ms" (seq = missingSeq), "-" and "+" unless
// strict; with seqGiven, "ms-*" is accepted and sets *seqGiven false.
bool parseStreamId(std::string_view text, StreamId *out, uint64_t missingSeq, bool strict,
                   bool *seqGiven = nullptr);

} // namespace redscope::engine
