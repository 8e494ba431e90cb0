// KeyStore: every distinct key name a scan has seen, packed for tens of millions of keys.
// Names live in 1 MB arena blocks behind a varint length (no QString, no allocation per key);
// a key is an 8-byte KeyRef and is named by its index, KeyId. Duplicates (SCAN may return a key
// twice while the server rehashes) are dropped through an open-addressing table of
// {id, hash} slots (8 bytes per slot, load <= 0.7). Cost per key: name + 1-3 bytes + ~20 bytes.
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

} // namespace Internal

class KeyStore
{
    struct KeyRef
    {
        quint32 block;
        quint32 offset; // of the varint length, followed by the bytes
    };

public:
    using KeyId = quint32;

    KeyStore() = default;
    KeyStore(const KeyStore &) = delete;
    KeyStore &operator=(const KeyStore &) = delete;

    // Returns the name's id and whether it was new. `hash` must be hash(name); batches pass it
    // after prefetch(hash).
    std::pair<KeyId, bool> insert(QByteArrayView name);
    std::pair<KeyId, bool> insert(QByteArrayView name, quint32 hash);
    static quint32 hash(QByteArrayView name) { return Internal::hashBytes(name); }
    void prefetch(quint32 hash) const { m_table.prefetch(hash); }
    std::optional<KeyId> find(QByteArrayView name) const;

    // Growing the hash table of 10M keys (a 128 MB rehash) or the id array takes long enough to
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
        bool m_hasRefs = false;
        Internal::IdTable m_table;
        std::vector<KeyRef> m_refs;
    };
    Growth prepareGrowth(size_t more) const;
    bool adoptGrowth(Growth &growth);
    QByteArrayView name(KeyId id) const;
    size_t size() const { return m_refs.size(); }
    size_t memoryBytes() const;

private:
    char *allocate(size_t bytes, KeyRef *ref);

    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::vector<quint32> m_blockSizes;
    quint32 m_current = 0; // block that small names are appended to
    quint32 m_used = 0;    // bytes used in m_current
    std::vector<KeyRef> m_refs;
    Internal::IdTable m_table;
};

} // namespace redscope
