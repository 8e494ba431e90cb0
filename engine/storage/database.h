// One logical database (SELECT n): the key -> value table and the key -> expiry table, both
// incremental-rehashing Dicts. Expired keys are removed lazily when touched (every lookup
// goes through here, so no command can see a stale key) and by the active cycle that the
// server's cron runs, which walks the expiry table with a SCAN cursor and a time budget.
// It also keeps a running total of the bytes it holds, which maxmemory is checked against.
#pragma once

#include "storage/dict.h"
#include "storage/value.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace redscope::engine {

class LazyFree;

class Database
{
public:
    explicit Database(int index) : m_index(index) {}

    int index() const { return m_index; }

    // Lookups apply lazy expiry first: an expired key is deleted and reported absent (on a
    // read-only replica it is only reported absent: see keepsExpired).
    Value *lookup(std::string_view key, int64_t nowMs);
    // Without expiry side effects (for SCAN's TYPE filter, persistence and INFO).
    Value *peek(std::string_view key) { return m_keys.find(key); }

    // Adds or overwrites; overwriting clears the TTL unless keepTtl.
    Value &set(std::string_view key, Value value, bool keepTtl = false);
    // Adds only; returns nullptr if the key exists (caller checked).
    Value *add(std::string_view key, Value value);
    bool remove(std::string_view key);
    std::optional<Value> take(std::string_view key);

    // Absolute unix time in ms; -1 when the key has no expiry.
    int64_t expireAt(std::string_view key) const;
    void setExpireAt(std::string_view key, int64_t whenMs);
    bool clearExpire(std::string_view key);

    // Bytes the keyspace holds: both tables (nodes, buckets, key text) plus what values own
    // as last accounted. O(1): values are accounted when stored and re-measured by
    // account() after each in-place change (the server calls it for every modified key).
    size_t usedMemory() const
    {
        return m_keys.memoryUsage() + m_expires.memoryUsage() + m_valueBytes;
    }
    void account(std::string_view key);

    size_t size() const { return m_keys.size(); }
    // Room for `more` keys beyond those held (DEBUG POPULATE).
    void reserve(size_t more) { m_keys.reserve(m_keys.size() + more); }
    size_t expiresCount() const { return m_expires.size(); }
    void clear();

    // Removes expired keys, sampling the expiry table until the time budget runs out.
    // Calls onExpired(key) before each deletion (keyspace events, stats).
    // `sampled` (if given) counts the keys looked at and `timeCapped` says whether the budget
    // ended the cycle (INFO stats: expired_stale_perc, expired_time_cap_reached_count).
    size_t activeExpireCycle(int64_t nowMs, int64_t budgetUs,
                             const std::function<void(const std::string &)> &onExpired,
                             size_t *sampled = nullptr, bool *timeCapped = nullptr);

    // FLUSHDB/FLUSHALL ASYNC: hands over every key (and expiry) and leaves the database empty.
    std::pair<Dict<Value>, Dict<int64_t>> detachAll();
    // lazyfree-lazy-expire / lazyfree-lazy-server-del: where expired values and values
    // replaced by set() go instead of being freed here (server/lazy_free.h); null: freed here.
    LazyFree *expiredValuesTo = nullptr;
    LazyFree *replacedValuesTo = nullptr;

    Dict<Value> &keys() { return m_keys; }
    Dict<int64_t> &expires() { return m_expires; }
    // Expired keys removed by lookups since the last call (for stats).
    uint64_t takeLazyExpiredCount();

    void swap(Database &other)
    {
        std::swap(m_keys, other.m_keys);
        std::swap(m_expires, other.m_expires);
        std::swap(m_valueBytes, other.m_valueBytes);
    }

    // Called with the key whenever lazy expiry deletes one (server wires notifications).
    std::function<void(Database &, const std::string &)> onLazyExpire;
    // True on a read-only replica: a key past its TTL is hidden from lookups but stays until
    // the master's DEL arrives, as on Redis's replicas (a replica never expires on its own
    // account, or its keyspace would drift from the master's). Checked only for a key that
    // is past its TTL, so it costs nothing on the common path.
    std::function<bool()> keepsExpired;
    // Set while a replica applies its master's commands: lookups then see keys past their
    // TTL as they are (the master's DEL decides), as Redis's replicas do for the master.
    static inline bool lazyExpiryPaused = false;

private:
    int m_index;
    Dict<Value> m_keys;
    Dict<int64_t> m_expires;
    uint64_t m_expireCursor = 0;
    uint64_t m_lazyExpired = 0;
    size_t m_valueBytes = 0; // sum of the values' decoded accountedSize

    void accountValue(Value &value);
    void unaccountValue(const Value &value);
};

} // namespace redscope::engine
