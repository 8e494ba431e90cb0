// Keyspace operations with expiry (see database.h).
#include "storage/database.h"

#include <chrono>
#include <vector>

namespace redscope::engine {

Value *Database::lookup(std::string_view key, int64_t nowMs)
{
    Value *value = m_keys.find(key);
    if (!value) return nullptr;
    if (m_expires.size()) {
        const int64_t *when = m_expires.find(key);
        if (when && *when <= nowMs) {
            std::string name(key);
            m_expires.erase(key);
            m_keys.erase(key);
            ++m_lazyExpired;
            if (onLazyExpire) onLazyExpire(*this, name);
            return nullptr;
        }
    }
    return value;
}

// A value that was never stamped gets "accessed now" when stored, so OBJECT IDLETIME and
// LRU eviction do not see new keys as idle since 1970. Moved or loaded values keep theirs.
static void stampIfNew(Value &value)
{
    if (value.accessClock) return;
    auto now = std::chrono::system_clock::now().time_since_epoch();
    value.accessClock =
        static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

Value &Database::set(std::string_view key, Value value, bool keepTtl)
{
    stampIfNew(value);
    auto [slot, inserted] = m_keys.tryEmplace(key);
    *slot = std::move(value);
    if (!inserted && !keepTtl && m_expires.size()) m_expires.erase(key);
    return *slot;
}

Value *Database::add(std::string_view key, Value value)
{
    stampIfNew(value);
    auto [slot, inserted] = m_keys.tryEmplace(key);
    if (!inserted) return nullptr;
    *slot = std::move(value);
    return slot;
}

bool Database::remove(std::string_view key)
{
    if (!m_keys.erase(key)) return false;
    if (m_expires.size()) m_expires.erase(key);
    return true;
}

std::optional<Value> Database::take(std::string_view key)
{
    std::optional<Value> value = m_keys.take(key);
    if (value && m_expires.size()) m_expires.erase(key);
    return value;
}

int64_t Database::expireAt(std::string_view key) const
{
    const int64_t *when = m_expires.find(key);
    return when ? *when : -1;
}

void Database::setExpireAt(std::string_view key, int64_t whenMs)
{
    auto [slot, inserted] = m_expires.tryEmplace(key);
    (void)inserted;
    *slot = whenMs;
}

bool Database::clearExpire(std::string_view key) { return m_expires.erase(key); }

void Database::clear()
{
    m_keys.clear();
    m_expires.clear();
    m_expireCursor = 0;
}

uint64_t Database::takeLazyExpiredCount()
{
    uint64_t n = m_lazyExpired;
    m_lazyExpired = 0;
    return n;
}

size_t Database::activeExpireCycle(int64_t nowMs, int64_t budgetUs,
                                   const std::function<void(const std::string &)> &onExpired)
{
    if (m_expires.size() == 0) return 0;
    auto started = std::chrono::steady_clock::now();
    size_t removed = 0;
    std::vector<std::string> expired;
    // Walk buckets with the SCAN cursor so successive cycles cover the whole table; collect
    // first, delete after, because deleting inside a scan callback would disturb the table.
    int rounds = 0;
    do {
        expired.clear();
        for (int step = 0; step < 16; ++step) {
            m_expireCursor = m_expires.scan(m_expireCursor, [&](const std::string &key, int64_t &when) {
                if (when <= nowMs) expired.push_back(key);
            });
            if (m_expireCursor == 0) break;
        }
        for (const std::string &key : expired) {
            if (onExpired) onExpired(key);
            m_expires.erase(key);
            m_keys.erase(key);
            ++removed;
        }
        ++rounds;
        auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
        if (elapsed >= budgetUs) break;
    } while (m_expireCursor != 0 && (expired.size() > 4 || rounds < 4));
    return removed;
}

} // namespace redscope::engine
