// Dict: the engine's hash table, used for the keyspace, the expires table, hashes, sets and
// the member -> node index of sorted sets. It maps byte-string keys to values of type V.
//
// Why it is built this way rather than on std::unordered_map:
// - Chained hashing over power-of-two bucket arrays, so a bucket index is `hash & mask` and
//   SCAN's reverse-binary cursor (below) keeps its guarantee across resizes.
// - Resizing is incremental. When the table must grow (load factor 1) or shrink (load below
//   1/8) a second bucket array is allocated and every find/insert/erase moves one bucket from
//   the old array to the new one; rehashStep() lets the event loop move more while idle. A
//   resize of a table with millions of keys therefore never stalls the server; the price is
//   that lookups probe two arrays while a rehash is in progress.
// - Entries are heap nodes that never move once created: rehashing relinks pointers only. A
//   pointer to an entry (so to its key or value) stays valid until that entry is erased, which
//   lets the sorted set point at the member bytes instead of keeping a second copy.
// - An entry is ONE allocation: {next pointer, V} followed by the key bytes, prefixed by their
//   length (1 byte below 255, else a 255 marker and 8 bytes). No std::string per key: its 32
//   bytes (and a second allocation past 15 bytes) were most of the cost of a set member or a
//   hash field. Keys are immutable, so the size never changes after insertion.
// - Lookups take std::string_view, so a command can look up a key straight from the request
//   buffer without building a std::string.
//
// Memory per entry (x86-64): one allocation of 8 + sizeof(V) + 1 + key length bytes (an empty
// V such as a set's marker takes no room), e.g. 21 bytes for a 12-byte set member, which
// glibc serves from a 32-byte chunk; plus 8-16 bytes of bucket array at load factors between
// 1/2 and 1 (up to 24 while a rehash holds two arrays). The hash is not cached in the node:
// that would cost 8 bytes per entry to save rehashing a key once per resize.
//
// The hash is a 64-bit multiply-fold hash (128-bit product, high half xored into the low
// half) over 16-byte blocks, keyed by a per-process random seed so that clients cannot
// precompute keys that all land in one bucket.
//
// Not thread-safe; the engine touches it from its event-loop thread only.
#pragma once

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace redscope::engine {

namespace Internal {

// Multiplies into 128 bits and folds the halves together: every output bit depends on every
// input bit of both operands, which is what makes this cheap mix a good one.
inline uint64_t foldMultiply(uint64_t a, uint64_t b)
{
    const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
    return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline uint64_t load64(const unsigned char *p)
{
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline uint64_t load32(const unsigned char *p)
{
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// Bucket arrays of 2 MiB and more are 2 MiB-aligned and asked to be backed by transparent
// huge pages (Linux, THP in "madvise" mode as Debian ships it): SCAN and lookups reach
// buckets at random, and on a 10M-key keyspace (a 128 MiB array) every 4 KiB page was a TLB
// miss with a page walk. The price is at most one partly used huge page per big array.
inline constexpr size_t kHugePageBytes = size_t(2) << 20;

// n null pointers.
inline void *allocateBucketArray(size_t n)
{
    const size_t bytes = n * sizeof(void *);
    void *p = nullptr;
    if (bytes >= kHugePageBytes) {
        p = std::aligned_alloc(kHugePageBytes,
                               (bytes + kHugePageBytes - 1) & ~(kHugePageBytes - 1));
#ifdef MADV_HUGEPAGE
        if (p) madvise(p, bytes, MADV_HUGEPAGE);
#endif
    } else {
        p = std::malloc(bytes);
    }
    if (!p) throw std::bad_alloc();
    std::memset(p, 0, bytes);
    return p;
}

struct BucketArrayDeleter
{
    void operator()(void *p) const { std::free(p); }
};

} // namespace Internal

// Hashes `len` bytes with `seed`. Native byte order: values are never persisted, so the
// result only has to be stable within one process.
inline uint64_t hashBytes(const void *data, size_t len, uint64_t seed)
{
    // Odd 64-bit constants with well-spread bits (golden ratio and splitmix64 multipliers).
    constexpr uint64_t k0 = 0x9e3779b97f4a7c15ULL;
    constexpr uint64_t k1 = 0xbf58476d1ce4e5b9ULL;
    constexpr uint64_t k2 = 0x94d049bb133111ebULL;
    constexpr uint64_t k3 = 0xd6e8feb86659fd93ULL;

    const auto *p = static_cast<const unsigned char *>(data);
    size_t n = len;
    uint64_t h = Internal::foldMultiply(seed ^ k0, static_cast<uint64_t>(len) ^ k1);
    while (n > 16) {
        h = Internal::foldMultiply(Internal::load64(p) ^ k1 ^ h,
                                   Internal::load64(p + 8) ^ k2 ^ seed);
        p += 16;
        n -= 16;
    }
    // 0..16 bytes left; the reads below overlap rather than branch on every length.
    uint64_t a = 0;
    uint64_t b = 0;
    if (n >= 8) {
        a = Internal::load64(p);
        b = Internal::load64(p + n - 8);
    } else if (n >= 4) {
        a = Internal::load32(p);
        b = Internal::load32(p + n - 4);
    } else if (n > 0) {
        a = (uint64_t{p[0]} << 16) | (uint64_t{p[n >> 1]} << 8) | p[n - 1];
    }
    h = Internal::foldMultiply(a ^ k2 ^ h, b ^ k3 ^ seed);
    return Internal::foldMultiply(h ^ k0, h ^ k3);
}

// Drawn once per process from the OS entropy source (and the clock, in case that is weak).
inline uint64_t processHashSeed()
{
    static const uint64_t seed = [] {
        std::random_device device;
        const uint64_t entropy = (uint64_t{device()} << 32) ^ device();
        const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
        return entropy ^ static_cast<uint64_t>(now) * 0x9e3779b97f4a7c15ULL;
    }();
    return seed;
}

template <typename V> class Dict
{
public:
    // Allocated by create() with the length-prefixed key bytes right after the struct.
    struct Entry
    {
        template <typename... Args>
        explicit Entry(Args &&...args)
            : value(std::forward<Args>(args)...)
        {
        }

        std::string_view key() const
        {
            const auto *tail = reinterpret_cast<const unsigned char *>(this + 1);
            if (tail[0] != kLongKey)
                return {reinterpret_cast<const char *>(tail + 1), size_t{tail[0]}};
            uint64_t size;
            std::memcpy(&size, tail + 1, sizeof size);
            return {reinterpret_cast<const char *>(tail + 1 + sizeof size),
                    static_cast<size_t>(size)};
        }

        Entry *next = nullptr;
        [[no_unique_address]] V value;
    };

    // Buckets allocated on the first insert; a table never shrinks below this.
    static constexpr size_t kMinBuckets = 4;

    explicit Dict(uint64_t seed = processHashSeed())
        : m_seed(seed)
    {
    }
    ~Dict() { clear(); }

    Dict(const Dict &) = delete;
    Dict &operator=(const Dict &) = delete;
    Dict(Dict &&other) noexcept { takeFrom(other); }
    Dict &operator=(Dict &&other) noexcept
    {
        if (this != &other) {
            clear();
            takeFrom(other);
        }
        return *this;
    }

    size_t size() const { return m_tables[0].used + m_tables[1].used; }
    bool empty() const { return size() == 0; }
    // Buckets in both arrays; a power of two except while rehashing (sum of two).
    size_t bucketCount() const { return m_tables[0].size + m_tables[1].size; }
    bool isRehashing() const { return m_rehashIndex != kNotRehashing; }
    // Sizes the table for `entries` up front (DEBUG POPULATE) so a bulk insert does not
    // double it step by step; a table that is already rehashing is left as it is.
    void reserve(size_t entries)
    {
        if (isRehashing()) return;
        const size_t buckets = std::bit_ceil(std::max(entries, kMinBuckets));
        if (buckets > m_tables[0].size) startResize(buckets);
    }

    // Non-const lookups advance a pending rehash by one bucket, as Redis does.
    Entry *findEntry(std::string_view key)
    {
        if (empty()) return nullptr;
        rehashIfActive();
        return lookup(key, hashOf(key));
    }
    const Entry *findEntry(std::string_view key) const
    {
        return empty() ? nullptr : lookup(key, hashOf(key));
    }
    V *find(std::string_view key)
    {
        Entry *e = findEntry(key);
        return e ? &e->value : nullptr;
    }
    const V *find(std::string_view key) const
    {
        const Entry *e = findEntry(key);
        return e ? &e->value : nullptr;
    }
    // The stored copy of key, valid until its entry is erased.
    std::optional<std::string_view> findKey(std::string_view key) const
    {
        const Entry *e = findEntry(key);
        if (!e) return std::nullopt;
        return e->key();
    }
    bool contains(std::string_view key) const { return findEntry(key) != nullptr; }

    // Inserts an entry whose value is constructed from args unless the key is present; args
    // are left untouched when it is. Returns the entry and whether it was inserted.
    template <typename... Args>
    std::pair<Entry *, bool> tryEmplaceEntry(std::string_view key, Args &&...args)
    {
        rehashIfActive();
        const uint64_t h = hashOf(key);
        if (Entry *e = lookup(key, h)) return {e, false};
        growIfNeeded();
        Table &t = isRehashing() ? m_tables[1] : m_tables[0];
        Entry *e = create(key, std::forward<Args>(args)...);
        Entry *&head = t.buckets[h & t.mask()];
        e->next = head;
        head = e;
        ++t.used;
        m_keyBytes += keyBytes(key.size());
        return {e, true};
    }
    template <typename... Args>
    std::pair<V *, bool> tryEmplace(std::string_view key, Args &&...args)
    {
        auto [e, inserted] = tryEmplaceEntry(key, std::forward<Args>(args)...);
        return {&e->value, inserted};
    }
    template <typename T> std::pair<V *, bool> insertOrAssign(std::string_view key, T &&value)
    {
        auto [v, inserted] = tryEmplace(key, std::forward<T>(value));
        if (!inserted) *v = std::forward<T>(value); // not consumed above: tryEmplace found the key
        return {v, inserted};
    }

    // `key` may point into the entry being erased (e.g. a view of its own key).
    bool erase(std::string_view key)
    {
        Entry *e = detach(key);
        if (!e) return false;
        destroy(e);
        shrinkIfNeeded();
        return true;
    }
    std::optional<V> take(std::string_view key)
    {
        Entry *e = detach(key);
        if (!e) return std::nullopt;
        std::optional<V> value(std::move(e->value));
        destroy(e);
        shrinkIfNeeded();
        return value;
    }

    // O(N). Frees every entry and both bucket arrays.
    void clear()
    {
        for (Table &t : m_tables) {
            for (size_t i = 0; i < t.size; ++i) {
                for (Entry *e = t.buckets[i]; e;) {
                    Entry *next = e->next;
                    destroy(e);
                    e = next;
                }
            }
            t = Table{};
        }
        m_rehashIndex = kNotRehashing;
        m_keyBytes = 0;
    }

    // Moves up to `buckets` non-empty buckets to the new array (visiting at most ten times
    // as many empty ones, so one call is bounded). Returns true while a rehash remains.
    bool rehashStep(int buckets)
    {
        if (!isRehashing() || m_pauseRehash > 0) return isRehashing();
        Table &from = m_tables[0];
        Table &to = m_tables[1];
        int emptyVisits = buckets * 10;
        while (buckets-- > 0 && from.used != 0) {
            // Buckets below m_rehashIndex are empty and from.used != 0, so this stays in range.
            while (from.buckets[m_rehashIndex] == nullptr) {
                ++m_rehashIndex;
                if (--emptyVisits <= 0) return true;
            }
            for (Entry *e = from.buckets[m_rehashIndex]; e;) {
                Entry *next = e->next;
                Entry *&head = to.buckets[hashOf(e->key()) & to.mask()];
                e->next = head;
                head = e;
                --from.used;
                ++to.used;
                e = next;
            }
            from.buckets[m_rehashIndex++] = nullptr;
        }
        if (from.used != 0) return true;
        m_tables[0] = std::move(m_tables[1]);
        m_tables[1] = Table{};
        m_rehashIndex = kNotRehashing;
        // Inserts or erases during the rehash may already call for the next resize; without
        // this check a table emptied while it rehashed would keep its size until the next
        // erase.
        growIfNeeded();
        shrinkIfNeeded();
        return isRehashing();
    }

    // SCAN: call with cursor 0, then with each returned cursor until it returns 0. Every
    // entry present for the whole scan is passed to fn(std::string_view, V &) at least
    // once, even if the table grows, shrinks or rehashes between calls; entries can be
    // returned more than once when the table shrinks. Each call visits one bucket (while
    // rehashing: one bucket of the smaller array and all buckets of the larger one that its
    // entries can move to).
    //
    // The cursor is incremented on its bit-reversed value: the high bits of the bucket index
    // advance first, so buckets that split from (or merge into) a visited bucket when the
    // table doubles (or halves) have all been visited or are all still ahead.
    //
    // fn may erase the entry it is given (rehashing and shrinking are paused during the
    // call); it must not insert or erase other entries.
    template <typename F> uint64_t scan(uint64_t cursor, F &&fn)
    {
        if (empty()) return 0;
        PauseRehash pause(*this);
        uint64_t v = cursor;
        if (!isRehashing()) {
            const uint64_t mask = m_tables[0].mask();
            visitChain(m_tables[0].buckets[v & mask], fn);
            return nextCursor(v, mask);
        }
        const Table *small = &m_tables[0];
        const Table *large = &m_tables[1];
        if (small->size > large->size) std::swap(small, large);
        const uint64_t smallMask = small->mask();
        const uint64_t largeMask = large->mask();
        visitChain(small->buckets[v & smallMask], fn);
        // The large-array buckets that hold what small bucket (v & smallMask) holds are those
        // whose low bits equal it: walk the extra high bits with the same reversed increment.
        do {
            visitChain(large->buckets[v & largeMask], fn);
            v = nextCursor(v, largeMask);
        } while (v & (smallMask ^ largeMask));
        return v;
    }

    // What a loop of scan() calls does, in one call: from `cursor`, visits buckets until
    // `maxBuckets` were visited, at least `minEntries` entries were passed to fn, or the
    // cursor is back at 0, and returns the cursor to continue from. Same guarantees and same
    // rules for fn as scan().
    //
    // Why not a loop of scan(): bit-reversed order sends consecutive buckets to opposite
    // ends of the bucket array, so on a big table every bucket is a cache (and TLB) miss and
    // every chain head another one, paid one after the other. Here, while no rehash is in
    // progress, bucket slots and chain heads are prefetched a few buckets ahead of the walk,
    // so the misses overlap instead of adding up. While rehashing it is a loop of scan().
    template <typename F>
    uint64_t scanMany(uint64_t cursor, size_t maxBuckets, size_t minEntries, F &&fn)
    {
        if (empty() || maxBuckets == 0) return empty() ? 0 : cursor;
        size_t seen = 0;
        auto counting = [&](std::string_view key, V &value) {
            ++seen;
            fn(key, value);
        };
        if (isRehashing()) {
            size_t visited = 0;
            do {
                cursor = scan(cursor, counting);
            } while (cursor != 0 && ++visited < maxBuckets && seen < minEntries);
            return cursor;
        }
        PauseRehash pause(*this);
        Entry *const *buckets = m_tables[0].buckets.get();
        // In bit-reversed space the walk is a plain counter: the bucket at step u is
        // reverseBits(u) (over the table's index bits), and the walk ends after size - 1.
        const int shift = 64 - std::countr_zero(m_tables[0].size);
        const uint64_t size = m_tables[0].size;
        const auto bucketAt = [&](uint64_t step) {
            return static_cast<size_t>(reverseBits(step << shift));
        };
        uint64_t u = reverseBits(cursor & m_tables[0].mask()) >> shift;
        // How far ahead to fetch: not past the end, the bucket budget, or (roughly) the
        // buckets that minEntries takes at this load factor, so a COUNT 10 call does not
        // fetch many buckets it will not visit.
        const uint64_t wanted = std::min<uint64_t>(
            {size - u, maxBuckets,
             minEntries >= m_tables[0].used ? size : minEntries * size / m_tables[0].used + 2});
        const uint64_t slotsAhead = std::min<uint64_t>(kSlotsAhead, wanted);
        const uint64_t headsAhead = std::min<uint64_t>(kHeadsAhead, wanted);
        const auto prefetchHead = [&](uint64_t step) {
            if (const Entry *head = buckets[bucketAt(step)]) {
                __builtin_prefetch(head);
                __builtin_prefetch(head + 1); // the key bytes may start the next line
            }
        };
        for (uint64_t i = 0; i < slotsAhead; ++i)
            __builtin_prefetch(&buckets[bucketAt(u + i)]);
        for (uint64_t i = 0; i < headsAhead; ++i)
            prefetchHead(u + i);
        // A pipeline: while bucket u is visited, the chain head of u + kHeadsAhead and the
        // slot of u + kSlotsAhead are on their way.
        const uint64_t end = u + std::min<uint64_t>(size - u, maxBuckets);
        for (;;) {
            if (u + kSlotsAhead < end) __builtin_prefetch(&buckets[bucketAt(u + kSlotsAhead)]);
            if (u + kHeadsAhead < end) prefetchHead(u + kHeadsAhead);
            visitChain(buckets[bucketAt(u)], counting);
            ++u;
            if (u == size) return 0;
            if (u == end || seen >= minEntries) return reverseBits(u << shift);
        }
    }

    // O(N) over every entry. fn(std::string_view, V &) may erase the entry it is given;
    // it must not insert or erase other entries.
    template <typename F> void forEach(F &&fn)
    {
        PauseRehash pause(*this);
        for (Table &t : m_tables) {
            for (size_t i = 0; i < t.size; ++i)
                visitChain(t.buckets[i], fn);
        }
    }

    // A random entry, {nullopt, nullptr} when empty. Picks a random non-empty bucket, then a
    // random entry of its chain: entries in longer chains are picked less often, but with a
    // load factor kept between 1/8 and 1 chains are short. Expected O(1) tries (the table is
    // at least 1/8 full), unbounded in theory.
    template <typename Rng> std::pair<std::optional<std::string_view>, V *> randomEntry(Rng &rng)
    {
        if (empty()) return {std::nullopt, nullptr};
        rehashIfActive();
        Entry *head = nullptr;
        if (isRehashing()) {
            const size_t s0 = m_tables[0].size;
            const size_t s1 = m_tables[1].size;
            // Buckets of the old array below m_rehashIndex are empty: skip them.
            std::uniform_int_distribution<size_t> pick(m_rehashIndex, s0 + s1 - 1);
            while (!head) {
                const size_t i = pick(rng);
                head = i < s0 ? m_tables[0].buckets[i] : m_tables[1].buckets[i - s0];
            }
        } else {
            std::uniform_int_distribution<size_t> pick(0, m_tables[0].mask());
            while (!head)
                head = m_tables[0].buckets[pick(rng)];
        }
        size_t length = 0;
        for (Entry *e = head; e; e = e->next)
            ++length;
        size_t skip = std::uniform_int_distribution<size_t>(0, length - 1)(rng);
        Entry *e = head;
        while (skip-- > 0)
            e = e->next;
        return {e->key(), &e->value};
    }

    // A random entry with every entry equally likely (SRANDMEMBER, HRANDFIELD, SPOP with a
    // count): a random bucket (empty ones included) and a random slot 0..7 of its chain, tried
    // again when the chain has no such slot, so each entry of a chain up to 8 long has the same
    // 1/(buckets*8) chance per try. A longer chain (rare below load factor 1) shares its last
    // slot among its remaining entries. Expected buckets*8/size tries: 8 to 64.
    template <typename Rng>
    std::pair<std::optional<std::string_view>, V *> uniformRandomEntry(Rng &rng)
    {
        constexpr size_t kSlots = 8;
        if (empty()) return {std::nullopt, nullptr};
        rehashIfActive();
        const bool rehashing = isRehashing();
        const size_t s0 = m_tables[0].size;
        const size_t s1 = rehashing ? m_tables[1].size : 0;
        // Buckets of the old array below m_rehashIndex are empty: skip them.
        std::uniform_int_distribution<size_t> pickBucket(rehashing ? m_rehashIndex : 0,
                                                         s0 + s1 - 1);
        std::uniform_int_distribution<size_t> pickSlot(0, kSlots - 1);
        for (;;) {
            const size_t i = pickBucket(rng);
            Entry *head = i < s0 ? m_tables[0].buckets[i] : m_tables[1].buckets[i - s0];
            size_t slot = pickSlot(rng);
            size_t length = 0;
            for (Entry *e = head; e; e = e->next)
                ++length;
            if (slot >= length) continue;
            if (slot == kSlots - 1 && length > kSlots)
                slot += std::uniform_int_distribution<size_t>(0, length - kSlots)(rng);
            Entry *e = head;
            while (slot-- > 0)
                e = e->next;
            return {e->key(), &e->value};
        }
    }

    // The table's own bytes, without the keys' text: bucket arrays and entry nodes (which
    // hold V itself, as Redis's dictEntry and robj do). MEMORY STATS' overhead.hashtable.*.
    size_t tableOverhead() const
    {
        return bucketCount() * sizeof(Entry *) + size() * sizeof(Entry);
    }

    // Bytes held: this object, bucket arrays, entry nodes and their key bytes. Memory that V
    // itself owns is the caller's to add; allocator rounding is not counted.
    size_t memoryUsage() const
    {
        return sizeof(*this) + bucketCount() * sizeof(Entry *) + size() * sizeof(Entry) +
               m_keyBytes;
    }

private:
    struct Table
    {
        std::unique_ptr<Entry *[], Internal::BucketArrayDeleter> buckets;
        size_t size = 0; // 0 or a power of two
        size_t used = 0;
        size_t mask() const { return size - 1; }
    };

    // Scoped: while any exists, no entry moves between arrays and no resize starts by
    // shrinking, so iteration and SCAN can keep a position across a callback.
    struct PauseRehash
    {
        explicit PauseRehash(Dict &d)
            : dict(d)
        {
            ++dict.m_pauseRehash;
        }
        ~PauseRehash() { --dict.m_pauseRehash; }
        PauseRehash(const PauseRehash &) = delete;
        PauseRehash &operator=(const PauseRehash &) = delete;
        Dict &dict;
    };

    static constexpr size_t kNotRehashing = SIZE_MAX;
    // How many buckets ahead of the one it visits scanMany() fetches bucket slots and chain
    // heads: a slot must have arrived when its chain head is fetched, and enough misses
    // must be in flight to cover memory latency.
    static constexpr uint64_t kSlotsAhead = 16;
    static constexpr uint64_t kHeadsAhead = 8;
    // Length prefix byte announcing an 8-byte length (keys of 255 bytes and more).
    static constexpr unsigned char kLongKey = 255;

    uint64_t hashOf(std::string_view key) const
    {
        return hashBytes(key.data(), key.size(), m_seed);
    }

    static uint64_t reverseBits(uint64_t v)
    {
        v = ((v >> 1) & 0x5555555555555555ULL) | ((v & 0x5555555555555555ULL) << 1);
        v = ((v >> 2) & 0x3333333333333333ULL) | ((v & 0x3333333333333333ULL) << 2);
        v = ((v >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((v & 0x0f0f0f0f0f0f0f0fULL) << 4);
        return __builtin_bswap64(v);
    }

    // Sets the bits above the mask so that incrementing the reversed value carries straight
    // into the highest masked bit; the result has no bits above the mask, and is 0 after the
    // last bucket.
    static uint64_t nextCursor(uint64_t v, uint64_t mask)
    {
        v |= ~mask;
        return reverseBits(reverseBits(v) + 1);
    }

    // Bytes after the Entry struct: the length prefix and the key.
    static size_t keyBytes(size_t keySize)
    {
        return keySize + (keySize < kLongKey ? 1 : 1 + sizeof(uint64_t));
    }

    template <typename... Args> static Entry *create(std::string_view key, Args &&...args)
    {
        void *memory = ::operator new(sizeof(Entry) + keyBytes(key.size()));
        auto *tail = static_cast<unsigned char *>(memory) + sizeof(Entry);
        if (key.size() < kLongKey) {
            *tail++ = static_cast<unsigned char>(key.size());
        } else {
            *tail++ = kLongKey;
            const uint64_t size = key.size();
            std::memcpy(tail, &size, sizeof size);
            tail += sizeof size;
        }
        if (!key.empty()) std::memcpy(tail, key.data(), key.size());
        try {
            return new (memory) Entry(std::forward<Args>(args)...);
        } catch (...) {
            ::operator delete(memory);
            throw;
        }
    }

    static void destroy(Entry *e)
    {
        e->~Entry();
        ::operator delete(static_cast<void *>(e));
    }

    template <typename F> static void visitChain(Entry *e, F &fn)
    {
        while (e) {
            Entry *next = e->next; // read first: fn may erase e
            fn(e->key(), e->value);
            e = next;
        }
    }

    Entry *lookup(std::string_view key, uint64_t h) const
    {
        for (const Table &t : m_tables) {
            if (t.size == 0) break;
            for (Entry *e = t.buckets[h & t.mask()]; e; e = e->next) {
                if (e->key() == key) return e;
            }
            if (!isRehashing()) break;
        }
        return nullptr;
    }

    // Unlinks the entry for key and returns it (the caller frees it), or nullptr.
    Entry *detach(std::string_view key)
    {
        if (empty()) return nullptr;
        rehashIfActive();
        const uint64_t h = hashOf(key);
        for (Table &t : m_tables) {
            if (t.size == 0) break;
            for (Entry **link = &t.buckets[h & t.mask()]; *link; link = &(*link)->next) {
                Entry *e = *link;
                if (e->key() == key) {
                    *link = e->next;
                    --t.used;
                    m_keyBytes -= keyBytes(key.size());
                    return e;
                }
            }
            if (!isRehashing()) break;
        }
        return nullptr;
    }

    void rehashIfActive()
    {
        if (isRehashing() && m_pauseRehash == 0) rehashStep(1);
    }

    // Growing is allowed even while paused: it only allocates the new array and sends new
    // entries there; nothing moves until the pause ends.
    void growIfNeeded()
    {
        if (isRehashing()) return;
        if (m_tables[0].size == 0)
            startResize(kMinBuckets);
        else if (m_tables[0].used >= m_tables[0].size)
            startResize(std::bit_ceil(m_tables[0].used + 1));
    }

    void shrinkIfNeeded()
    {
        const Table &t = m_tables[0];
        if (isRehashing() || m_pauseRehash > 0 || t.size <= kMinBuckets || t.used * 8 >= t.size)
            return;
        startResize(std::max(kMinBuckets, std::bit_ceil(t.used)));
    }

    void startResize(size_t buckets)
    {
        Table t;
        t.buckets.reset(static_cast<Entry **>(Internal::allocateBucketArray(buckets)));
        t.size = buckets;
        if (m_tables[0].size == 0) {
            m_tables[0] = std::move(t);
        } else {
            m_tables[1] = std::move(t);
            m_rehashIndex = 0;
        }
    }

    void takeFrom(Dict &other)
    {
        m_tables[0] = std::move(other.m_tables[0]);
        m_tables[1] = std::move(other.m_tables[1]);
        m_rehashIndex = other.m_rehashIndex;
        m_seed = other.m_seed; // the entries' bucket positions depend on it
        m_keyBytes = other.m_keyBytes;
        other.m_tables[0] = Table{};
        other.m_tables[1] = Table{};
        other.m_rehashIndex = kNotRehashing;
        other.m_keyBytes = 0;
    }

    Table m_tables[2];
    size_t m_rehashIndex = kNotRehashing; // next bucket of m_tables[0] to move
    int m_pauseRehash = 0;
    uint64_t m_seed = 0;
    size_t m_keyBytes = 0; // sum of keyBytes() over the entries
};

// `count` distinct entries of a Dict (count < size), in random order. Dense requests copy
// the keys and shuffle (O(N)); sparse ones draw random entries until enough distinct ones
// were seen (expected O(count)).
template <typename V, typename Rng>
std::vector<std::pair<std::string_view, V *>> sampleDistinct(Dict<V> &dict, size_t count, Rng &rng)
{
    std::vector<std::pair<std::string_view, V *>> picked;
    if (count * 3 >= dict.size()) {
        picked.reserve(dict.size());
        dict.forEach([&](std::string_view key, V &value) { picked.emplace_back(key, &value); });
        std::shuffle(picked.begin(), picked.end(), rng);
        picked.resize(count);
        return picked;
    }
    // An entry's key bytes live in the entry, so their address identifies it.
    std::unordered_set<const char *> seen;
    while (picked.size() < count) {
        auto [key, value] = dict.uniformRandomEntry(rng);
        if (seen.insert(key->data()).second) picked.emplace_back(*key, value);
    }
    return picked;
}

} // namespace redscope::engine
