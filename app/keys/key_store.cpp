// KeyStore and its hash table. Names that do not fit the rest of the current block start a new
// block; a name larger than a block gets a block of its own, so no name is ever split.
#include "keys/key_store.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cstring>

namespace redscope {

namespace Internal {

static constexpr double kMaxLoad = 0.7;

// 64x64->128-bit multiply, folded: the mixing step of hashBytes.
static inline quint64 foldMultiply(quint64 a, quint64 b)
{
    const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
    return quint64(product) ^ quint64(product >> 64);
}

static inline quint64 load64(const unsigned char *p)
{
    quint64 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

static inline quint64 load32(const unsigned char *p)
{
    quint32 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// A seed drawn once per process: the names come from the server, and a keyspace built to collide
// under a fixed function could make every lookup in the index probe a long run.
static const quint64 kSeed = QRandomGenerator::system()->generate64();

// Not qHash: Qt 6.4's hash of a byte array shorter than 16 bytes (every namespace segment of a
// key, "user", "42") measured ~500 ns a call on the benchmark machine (its AES path loads short
// inputs with a masked AVX-512 load), against ~10 ns here; a 10M-key scan hashes some 40M
// segments. Multiply-fold over 16-byte strides, the tail read as two overlapping words.
quint32 hashBytes(QByteArrayView bytes)
{
    constexpr quint64 k0 = 0x9e3779b97f4a7c15ULL;
    constexpr quint64 k1 = 0xbf58476d1ce4e5b9ULL;
    constexpr quint64 k2 = 0x94d049bb133111ebULL;
    constexpr quint64 k3 = 0xd6e8feb86659fd93ULL;
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    size_t n = size_t(bytes.size());
    quint64 h = foldMultiply(k0 ^ kSeed, quint64(n) ^ k1);
    while (n > 16) {
        h = foldMultiply(load64(p) ^ k1 ^ h, load64(p + 8) ^ k2);
        p += 16;
        n -= 16;
    }
    quint64 a = 0;
    quint64 b = 0;
    if (n >= 8) {
        a = load64(p);
        b = load64(p + n - 8);
    } else if (n >= 4) {
        a = load32(p);
        b = load32(p + n - 4);
    } else if (n > 0) {
        a = (quint64(p[0]) << 16) | (quint64(p[n >> 1]) << 8) | p[n - 1];
    }
    h = foldMultiply(a ^ k2 ^ h, b ^ k3);
    h = foldMultiply(h ^ k0, h ^ k3);
    return quint32(h ^ (h >> 32));
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

// Linear probing with one-byte tags stays short up to a high load: a miss at 0.85 scans some
// 20 tags, one or two cache lines.
static constexpr double kNameMaxLoad = 0.85;
static constexpr double kNameReserveLoad = 0.8; // a table sized for a known total
static constexpr double kNameGrownLoad = 0.6;   // after growing by steps

bool NameTable::needsGrowthFor(size_t more) const
{
    return double(m_used + more) > double(m_tags.size()) * kNameMaxLoad;
}

NameTable NameTable::emptyGrownFor(size_t more, bool exact) const
{
    const double wanted = double(m_used + more) / (exact ? kNameReserveLoad : kNameGrownLoad);
    size_t capacity = std::max<size_t>(1024, size_t(wanted) + 1);
    if (!exact) capacity = std::max(capacity, m_tags.size() + m_tags.size() / 2);
    NameTable grown;
    grown.m_tags.assign(capacity, 0);
    grown.m_ids.resize(capacity);
    return grown;
}

} // namespace Internal

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

Internal::NameTable KeyStore::rebuiltTable(size_t more, bool exact) const
{
    Internal::NameTable table = m_table.emptyGrownFor(more, exact);
    forEach([&table](KeyId id, QByteArrayView name) { table.insert(hash(name), id); });
    return table;
}

std::pair<KeyStore::KeyId, bool> KeyStore::insert(QByteArrayView name, quint32 hash)
{
    if (m_table.needsGrowthFor(1)) { // KeyIndex grows it beforehand (prepareGrowth)
        Internal::NameTable grown = rebuiltTable(1);
        m_table.swap(grown);
    }
    const quint32 found = m_table.find(hash, [&](quint32 id) { return this->name(id) == name; });
    if (found != Internal::NameTable::kEmpty) return {found, false};

    KeyId id = kNoKey;
    char *out = allocate(varintSize(size_t(name.size())) + size_t(name.size()), &id);
    if (!out) return {kNoKey, false};
    size_t length = size_t(name.size());
    while (length >= 0x80) {
        *out++ = char(0x80 | (length & 0x7f));
        length >>= 7;
    }
    *out++ = char(length);
    if (!name.isEmpty()) std::memcpy(out, name.data(), size_t(name.size()));

    ++m_count;
    m_table.insert(hash, id);
    return {id, true};
}

std::optional<KeyStore::KeyId> KeyStore::find(QByteArrayView name) const
{
    const quint32 found =
        m_table.find(Internal::hashBytes(name), [&](quint32 id) { return this->name(id) == name; });
    if (found == Internal::NameTable::kEmpty) return std::nullopt;
    return found;
}

bool KeyStore::contains(QByteArrayView name, quint32 hash) const
{
    return m_table.find(hash, [&](quint32 id) { return this->name(id) == name; }) !=
           Internal::NameTable::kEmpty;
}

KeyStore::Growth KeyStore::prepareGrowth(size_t more, size_t expected) const
{
    Growth growth;
    growth.m_store = this;
    growth.m_size = m_count;
    // A known total sizes the table once (unless it already holds it); a total below what is
    // there already (keys written since DBSIZE) is no guide, and growth goes by steps again.
    const bool reserve = expected > m_count + more && m_table.needsGrowthFor(expected - m_count);
    if (reserve) {
        growth.m_table = rebuiltTable(expected - m_count, true);
        growth.m_hasTable = true;
    } else if (m_table.needsGrowthFor(more)) {
        growth.m_table = rebuiltTable(more);
        growth.m_hasTable = true;
    }
    return growth;
}

bool KeyStore::adoptGrowth(Growth &growth)
{
    if (growth.m_store != this || growth.m_size != m_count) return false;
    if (growth.m_hasTable) m_table.swap(growth.m_table);
    growth.m_hasTable = false; // it now holds the old table, to be freed
    return true;
}

QByteArrayView KeyStore::name(KeyId id) const
{
    const char *p = m_blocks[id >> kBlockBits].get() + (id & (kBlockSize - 1));
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

char *KeyStore::allocate(size_t bytes, KeyId *id)
{
    const bool huge = bytes > kBlockSize;
    const bool fits = !m_blocks.empty() && !huge && m_blockUsed[m_current] + bytes <= kBlockSize;
    if (!fits && m_blocks.size() >= kMaxBlocks) return nullptr;
    if (huge) { // a huge name: a block of its own (its id has offset 0); later names go to a
                // new block after it, so that ids keep ascending in insertion order
        m_blocks.push_back(std::make_unique<char[]>(bytes));
        m_blockUsed.push_back(quint32(bytes));
        m_current = quint32(m_blocks.size() - 1);
        *id = m_current << kBlockBits;
        return m_blocks.back().get();
    }
    if (!fits) {
        m_blocks.push_back(std::make_unique<char[]>(kBlockSize));
        m_blockUsed.push_back(0);
        m_current = quint32(m_blocks.size() - 1);
    }
    quint32 &used = m_blockUsed[m_current];
    *id = m_current << kBlockBits | used;
    char *out = m_blocks[m_current].get() + used;
    used += quint32(bytes);
    return out;
}

size_t KeyStore::memoryBytes() const
{
    size_t total = m_table.memoryBytes();
    for (quint32 used : m_blockUsed)
        total += std::max(used, kBlockSize);
    return total;
}

} // namespace redscope
