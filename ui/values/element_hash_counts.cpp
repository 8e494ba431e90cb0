// ElementHashCounts: Fibonacci hashing picks the home slot (the element hashes are qHash
// values already, the multiply spreads whatever bits they share); linear probing from there.
#include "values/element_hash_counts.h"

#include <algorithm>
#include <bit>

namespace redscope {

namespace {
constexpr size_t kFirstSize = 1024;
constexpr quint64 kFibonacci = 0x9e3779b97f4a7c15ULL;
} // namespace

size_t ElementHashCounts::home(quint64 hash) const
{
    return size_t((hash * kFibonacci) >> m_shift);
}

size_t ElementHashCounts::find(quint64 hash) const
{
    const size_t mask = m_slots.size() - 1;
    size_t i = home(hash);
    while (m_slots[i].count != 0 && m_slots[i].hash != hash)
        i = (i + 1) & mask;
    return i;
}

quint32 ElementHashCounts::add(quint64 hash)
{
    if (2 * (m_used + 1) > m_slots.size()) grow();
    Slot &slot = m_slots[find(hash)];
    if (slot.count == 0) {
        slot.hash = hash;
        ++m_used;
    }
    return slot.count++;
}

quint32 ElementHashCounts::count(quint64 hash) const
{
    return m_slots.empty() ? 0 : m_slots[find(hash)].count;
}

void ElementHashCounts::remove(quint64 hash)
{
    if (m_slots.empty()) return;
    size_t hole = find(hash);
    if (m_slots[hole].count == 0 || --m_slots[hole].count > 0) return;
    --m_used;
    // Backward shift: the slots after the hole that probing reached through it move back into
    // it, so every hash stays reachable from its home without a tombstone.
    const size_t mask = m_slots.size() - 1;
    for (size_t next = (hole + 1) & mask; m_slots[next].count != 0; next = (next + 1) & mask) {
        const size_t from = home(m_slots[next].hash);
        // It may move back when its home is not in (hole, next], cyclically.
        const bool stays =
            hole <= next ? (hole < from && from <= next) : (hole < from || from <= next);
        if (stays) continue;
        m_slots[hole] = m_slots[next];
        hole = next;
    }
    m_slots[hole] = Slot{};
}

void ElementHashCounts::clear()
{
    std::fill(m_slots.begin(), m_slots.end(), Slot{});
    m_used = 0;
}

void ElementHashCounts::grow()
{
    std::vector<Slot> old = std::move(m_slots);
    const size_t size = old.empty() ? kFirstSize : 2 * old.size();
    m_slots.assign(size, Slot{});
    m_shift = 64 - std::countr_zero(size);
    for (const Slot &slot : old) {
        if (slot.count != 0) m_slots[find(slot.hash)] = slot;
    }
}

} // namespace redscope
