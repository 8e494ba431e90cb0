// ElementHashCounts: how many rows of CollectionValueModel's window (and of the pages held for
// it) hold each 64-bit element hash, for its check that a SCAN walk never shows an element
// twice. Every row that comes in is counted and every row dropped is uncounted: 10M operations
// walking a 5M-field hash, on the GUI thread. QHash<quint64, quint32> spent ~80 ns on each
// (a sixth of the GUI thread's time on that walk); this is one flat array of slots with linear
// probing, kept at most half full, and removal by backward shift (no tombstones to clean up),
// so an operation is a multiply and a probe or two of one cache line. It holds ~22,000 hashes
// at most (the window, one page, the pages read ahead): 64K slots, 1 MB, kept across
// clear() so a reload allocates nothing.
#pragma once

#include <QtGlobal>

#include <vector>

namespace redscope {

class ElementHashCounts
{
public:
    // Counts one more row with this hash; returns how many there were before it (0: new).
    quint32 add(quint64 hash);
    // One row fewer (none left: the hash is forgotten); nothing when it is not counted.
    void remove(quint64 hash);
    quint32 count(quint64 hash) const;
    size_t size() const { return m_used; } // distinct hashes counted
    void clear();

private:
    struct Slot
    {
        quint64 hash = 0;
        quint32 count = 0; // 0: an empty slot
    };
    size_t home(quint64 hash) const; // the slot probing starts at
    size_t find(quint64 hash) const; // its slot, or the empty one probing stopped at
    void grow();

    std::vector<Slot> m_slots; // a power of two in size (or empty)
    int m_shift = 64;          // 64 - log2(size): home() keeps the hash's top bits
    size_t m_used = 0;
};

} // namespace redscope
