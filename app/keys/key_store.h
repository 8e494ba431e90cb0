// KeyStore: every distinct key name a scan has seen, packed for tens of millions of keys.
// Names live in 1 MB arena blocks behind a varint length (no QString, no allocation per key).
// A key is named by where its name starts, KeyId = block << 20 | offset: no per-key array maps
// ids to names (it cost 8 bytes a key, 80 MB at 10M keys). Ids are therefore sparse, ascending
// in insertion order; forEach() walks them. Up to kMaxBlocks blocks (~4 GB of names, some 150M
// keys): beyond, insert() refuses new names. Duplicates (SCAN may return a key twice while the
// server rehashes) are dropped through a NameTable (5 bytes a slot, load <= 0.85). Cost per key:
// name + 1-3 bytes + ~6-9 bytes of table (6.25 when sized from DBSIZE).
// Append-only: ids stay valid for the store's lifetime, so several KeyTrees (one per separator)
// can share one store. Not thread-safe; KeyIndex serialises access.
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace redscope {

namespace Internal {

// Open-addressing set of 32-bit ids; the caller supplies the hash and the equality test, so
// the table itself stores no names. Linear probing, power-of-two capacity.
class IdTable
{
public:
    static constexpr quint32 kEmpty = 0xffffffffu;

    template <typename Equal> quint32 find(quint32 hash, Equal equal) const
    {
        if (m_slots.empty()) return kEmpty;
        const size_t mask = m_slots.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot &slot = m_slots[i];
            if (slot.id == kEmpty) return kEmpty;
            if (slot.hash == hash && equal(slot.id)) return slot.id;
        }
    }
    void insert(quint32 hash, quint32 id); // the id must not be present yet
    // Starts loading the slot a hash probes first: a batch prefetches its keys' slots before
    // inserting them, so the cache misses (most of an insert's cost) overlap.
    void prefetch(quint32 hash) const
    {
        if (!m_slots.empty()) __builtin_prefetch(&m_slots[hash & (m_slots.size() - 1)]);
    }
    size_t size() const { return m_used; }
    size_t memoryBytes() const { return m_slots.capacity() * sizeof(Slot); }
    // Off-lock growth (KeyStore::prepareGrowth): whether `more` inserts would grow the table,
    // and a copy already rehashed to a capacity that holds them.
    bool needsGrowthFor(size_t more) const;
    IdTable grownFor(size_t more) const;
    void swap(IdTable &other) noexcept
    {
        m_slots.swap(other.m_slots);
        std::swap(m_used, other.m_used);
    }

private:
    struct Slot
    {
        quint32 id = kEmpty;
        quint32 hash = 0;
    };

    std::vector<Slot> m_slots;
    size_t m_used = 0;
};

quint32 hashBytes(QByteArrayView bytes);

// Open-addressing set of KeyStore's name ids, one slot per key: a one-byte tag of the hash (0
// marks an empty slot) and, in a parallel array, the id. 5 bytes a slot where IdTable takes 8.
// A probe reads a name only when the tags match, about once in 255 for another name. The
// capacity is not a power of two: a hash picks its first slot by multiply-shift (its high
// bits; the tag is its low byte), so the table can be sized to what it will hold, up to a load
// of kMaxLoad: sized from DBSIZE before a scan (reserve), 10M keys take 12.5M slots (62 MB)
// instead of the 2^24 (84 MB) that doubling ends on. The hashes are not kept, so growing
// re-inserts every name: the owner walks its names in order (a sequential read, ~15 ns a name)
// into emptyGrownFor().
class NameTable
{
public:
    static constexpr quint32 kEmpty = 0xffffffffu;

    template <typename Equal> quint32 find(quint32 hash, Equal equal) const
    {
        if (m_tags.empty()) return kEmpty;
        const quint8 tag = tagOf(hash);
        for (size_t i = home(hash);; i = next(i)) {
            const quint8 t = m_tags[i];
            if (t == 0) return kEmpty;
            if (t == tag && equal(m_ids[i])) return m_ids[i];
        }
    }
    // The id must not be present yet, and there must be room (needsGrowthFor(1) false).
    void insert(quint32 hash, quint32 id)
    {
        size_t i = home(hash);
        while (m_tags[i] != 0)
            i = next(i);
        m_tags[i] = tagOf(hash);
        m_ids[i] = id;
        ++m_used;
    }
    void prefetch(quint32 hash) const
    {
        if (!m_tags.empty()) __builtin_prefetch(&m_tags[home(hash)]);
    }
    size_t size() const { return m_used; }
    size_t capacity() const { return m_tags.size(); }
    size_t memoryBytes() const { return m_tags.capacity() + m_ids.capacity() * sizeof(quint32); }
    bool needsGrowthFor(size_t more) const;
    // Room for size() + more, nothing in it: half as large again at least, so that growing
    // one slice at a time stays amortised O(1) a key. With `exact`, sized for size() + more
    // at kReserveLoad and no more (a total known in advance).
    NameTable emptyGrownFor(size_t more, bool exact = false) const;
    void swap(NameTable &other) noexcept
    {
        m_tags.swap(other.m_tags);
        m_ids.swap(other.m_ids);
        std::swap(m_used, other.m_used);
    }

private:
    size_t home(quint32 hash) const { return size_t((quint64(hash) * m_tags.size()) >> 32); }
    size_t next(size_t i) const { return i + 1 == m_tags.size() ? 0 : i + 1; }
    static quint8 tagOf(quint32 hash)
    {
        const auto tag = quint8(hash);
        return tag ? tag : 1;
    }

    std::vector<quint8> m_tags;
    std::vector<quint32> m_ids;
    size_t m_used = 0;
};

} // namespace Internal

class KeyStore
{
public:
    using KeyId = quint32; // block << kBlockBits | offset of the name's varint length
    static constexpr int kBlockBits = 20;
    static constexpr quint32 kBlockSize = 1u << kBlockBits;
    static constexpr quint32 kMaxBlocks = 4095; // keeps every id below IdTable::kEmpty
    static constexpr KeyId kNoKey = Internal::NameTable::kEmpty;

    KeyStore() = default;
    KeyStore(const KeyStore &) = delete;
    KeyStore &operator=(const KeyStore &) = delete;

    // Returns the name's id and whether it was new. `hash` must be hash(name); batches pass it
    // after prefetch(hash). {kNoKey, false} when the store is full (kMaxBlocks).
    std::pair<KeyId, bool> insert(QByteArrayView name);
    std::pair<KeyId, bool> insert(QByteArrayView name, quint32 hash);
    static quint32 hash(QByteArrayView name) { return Internal::hashBytes(name); }
    void prefetch(quint32 hash) const { m_table.prefetch(hash); }
    std::optional<KeyId> find(QByteArrayView name) const;
    bool contains(QByteArrayView name, quint32 hash) const; // `hash` must be hash(name)

    // Growing the hash table of 10M keys (rehashing 6M names into 84 MB) takes long enough to
    // stall a GUI thread waiting for KeyIndex's lock. The only writer thread can instead build
    // the grown arrays from a const store while readers go on (prepareGrowth, under a read
    // lock), then swap them in in O(1) (adoptGrowth, under the write lock); the old arrays are
    // freed when the Growth goes, after the lock. adoptGrowth does nothing and returns false
    // if the store changed in between.
    class Growth
    {
        friend class KeyStore;
        const KeyStore *m_store = nullptr;
        size_t m_size = 0;
        bool m_hasTable = false;
        Internal::NameTable m_table;
    };
    // `expected`: the names the store should hold once a scan is done (DBSIZE), when known:
    // the table is then sized for them at once, instead of growing by steps up to them.
    Growth prepareGrowth(size_t more, size_t expected = 0) const;
    bool adoptGrowth(Growth &growth);
    QByteArrayView name(KeyId id) const;
    size_t size() const { return m_count; }
    size_t tableSlots() const { return m_table.capacity(); }
    size_t memoryBytes() const;
    // Every name in insertion (= id) order; a sequential walk of the blocks.
    template <typename Visit> void forEach(Visit visit) const
    {
        for (quint32 block = 0; block < m_blocks.size(); ++block) {
            const char *begin = m_blocks[block].get();
            for (quint32 offset = 0; offset < m_blockUsed[block];) {
                const KeyId id = block << kBlockBits | offset;
                const QByteArrayView bytes = name(id);
                visit(id, bytes);
                offset = quint32(bytes.data() + bytes.size() - begin);
            }
        }
    }

private:
    char *allocate(size_t bytes, KeyId *id);
    // Every name, room for `more` (exactly, or with room to grow: NameTable::emptyGrownFor).
    Internal::NameTable rebuiltTable(size_t more, bool exact = false) const;

    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<quint32> m_blockUsed; // bytes of names in each block
    quint32 m_current = 0;            // block that small names are appended to
    size_t m_count = 0;
    Internal::NameTable m_table;
};

} // namespace redscope
