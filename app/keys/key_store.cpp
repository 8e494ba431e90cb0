// KeyStore and its hash table. Names that do not fit the rest of the current block start a new
// block; a name larger than a block gets a block of its own, so no name is ever split.
#include "keys/key_store.h"

#include <QHashFunctions>

#include <algorithm>
#include <cstring>

namespace redscope {

namespace Internal {

static constexpr double kMaxLoad = 0.7;

quint32 hashBytes(QByteArrayView bytes)
{
    const size_t h = qHash(bytes, size_t(0x5bd1e995));
    return quint32(h ^ (quint64(h) >> 32));
}

void IdTable::insert(quint32 hash, quint32 id)
{
    if (needsGrowthFor(1)) {
        IdTable grown = grownFor(1);
        swap(grown);
    }
    const size_t mask = m_slots.size() - 1;
    size_t i = hash & mask;
    while (m_slots[i].id != kEmpty)
        i = (i + 1) & mask;
    m_slots[i] = Slot{id, hash};
    ++m_used;
}

bool IdTable::needsGrowthFor(size_t more) const
{
    return double(m_used + more) > double(m_slots.size()) * kMaxLoad;
}

IdTable IdTable::grownFor(size_t more) const
{
    size_t capacity = m_slots.empty() ? 1024 : m_slots.size() * 2;
    while (double(m_used + more) > double(capacity) * kMaxLoad)
        capacity *= 2;
    IdTable grown;
    grown.m_slots.resize(capacity);
    grown.m_used = m_used;
    const size_t mask = capacity - 1;
    for (const Slot &slot : m_slots) {
        if (slot.id == kEmpty) continue;
        size_t i = slot.hash & mask;
        while (grown.m_slots[i].id != kEmpty)
            i = (i + 1) & mask;
        grown.m_slots[i] = slot;
    }
    return grown;
}

} // namespace Internal

static constexpr quint32 kBlockSize = 1u << 20;

static size_t varintSize(size_t value)
{
    size_t n = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++n;
    }
    return n;
}

std::pair<KeyStore::KeyId, bool> KeyStore::insert(QByteArrayView name)
{
    return insert(name, hash(name));
}

std::pair<KeyStore::KeyId, bool> KeyStore::insert(QByteArrayView name, quint32 hash)
{
    const quint32 found = m_table.find(hash, [&](quint32 id) { return this->name(id) == name; });
    if (found != Internal::IdTable::kEmpty) return {found, false};

    KeyRef ref{};
    char *out = allocate(varintSize(size_t(name.size())) + size_t(name.size()), &ref);
    size_t length = size_t(name.size());
    while (length >= 0x80) {
        *out++ = char(0x80 | (length & 0x7f));
        length >>= 7;
    }
    *out++ = char(length);
    if (!name.isEmpty()) std::memcpy(out, name.data(), size_t(name.size()));

    const KeyId id = KeyId(m_refs.size());
    m_refs.push_back(ref);
    m_table.insert(hash, id);
    return {id, true};
}

std::optional<KeyStore::KeyId> KeyStore::find(QByteArrayView name) const
{
    const quint32 found = m_table.find(Internal::hashBytes(name),
                                       [&](quint32 id) { return this->name(id) == name; });
    if (found == Internal::IdTable::kEmpty) return std::nullopt;
    return found;
}

KeyStore::Growth KeyStore::prepareGrowth(size_t more) const
{
    Growth growth;
    growth.m_store = this;
    growth.m_size = m_refs.size();
    if (m_table.needsGrowthFor(more)) {
        growth.m_table = m_table.grownFor(more);
        growth.m_hasTable = true;
    }
    if (m_refs.capacity() < m_refs.size() + more) {
        growth.m_refs.reserve(std::max(m_refs.capacity() * 2, m_refs.size() + more));
        growth.m_refs.assign(m_refs.begin(), m_refs.end());
        growth.m_hasRefs = true;
    }
    return growth;
}

bool KeyStore::adoptGrowth(Growth &growth)
{
    if (growth.m_store != this || growth.m_size != m_refs.size()) return false;
    if (growth.m_hasTable) m_table.swap(growth.m_table);
    if (growth.m_hasRefs) m_refs.swap(growth.m_refs);
    growth.m_hasTable = growth.m_hasRefs = false; // it now holds the old arrays, to be freed
    return true;
}

QByteArrayView KeyStore::name(KeyId id) const
{
    const KeyRef ref = m_refs[id];
    const char *p = m_blocks[ref.block].get() + ref.offset;
    size_t length = 0;
    int shift = 0;
    while (true) {
        const auto byte = quint8(*p++);
        length |= size_t(byte & 0x7f) << shift;
        if (!(byte & 0x80)) break;
        shift += 7;
    }
    return QByteArrayView(p, qsizetype(length));
}

char *KeyStore::allocate(size_t bytes, KeyRef *ref)
{
    if (bytes > kBlockSize) { // a huge name: a block of its own, the current block stays
        m_blocks.push_back(std::make_unique<char[]>(bytes));
        m_blockSizes.push_back(quint32(bytes));
        *ref = KeyRef{quint32(m_blocks.size() - 1), 0};
        return m_blocks.back().get();
    }
    if (m_blocks.empty() || m_used + bytes > m_blockSizes[m_current]) {
        m_blocks.push_back(std::make_unique<char[]>(kBlockSize));
        m_blockSizes.push_back(kBlockSize);
        m_current = quint32(m_blocks.size() - 1);
        m_used = 0;
    }
    *ref = KeyRef{m_current, m_used};
    char *out = m_blocks[m_current].get() + m_used;
    m_used += quint32(bytes);
    return out;
}

size_t KeyStore::memoryBytes() const
{
    size_t total = m_refs.capacity() * sizeof(KeyRef) + m_table.memoryBytes();
    for (quint32 size : m_blockSizes)
        total += size;
    return total;
}

} // namespace redscope
