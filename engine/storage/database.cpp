// Keyspace operations with expiry (see database.h).
#include "storage/database.h"

#include "server/lazy_free.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace redscope::engine {

Value *Database::lookup(std::string_view key, int64_t nowMs)
{
    Value *value = m_keys.find(key);
    if (!value) return nullptr;
    if (value->hasTtl()) {
        const int64_t *when = m_expires.find(key);
        if (when && *when <= nowMs && !lazyExpiryPaused) {
            if (keepsExpired && keepsExpired()) return nullptr;
            std::string name(key);
            unaccountValue(*value);
            m_expires.erase(key);
            if (expiredValuesTo) {
                if (std::optional<Value> taken = m_keys.take(key))
                    expiredValuesTo->free(std::move(*taken));
            } else {
                m_keys.erase(key);
            }
            ++m_lazyExpired;
            if (onLazyExpire) onLazyExpire(*this, name);
            return nullptr;
        }
    }
    return value;
}

namespace {

int64_t wallClockMs()
{
    auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
}

// accountedSize: 15 bits exact below 32 KiB; above, a 10-bit mantissa and a 5-bit exponent,
// rounded up, so what is added on store is exactly what is subtracted on delete.
uint16_t encodeSize(size_t bytes)
{
    if (bytes < 0x8000) return static_cast<uint16_t>(bytes);
    unsigned exponent = 0;
    while ((bytes >> exponent) >= 2048) ++exponent;
    size_t mantissa = (bytes + (size_t(1) << exponent) - 1) >> exponent;
    if (mantissa >= 2048) {
        ++exponent;
        mantissa = (mantissa + 1) >> 1;
    }
    exponent = std::min(exponent, 31u);
    return static_cast<uint16_t>(0x8000 | (exponent << 10) | (mantissa - 1024));
}

size_t decodeSize(uint16_t encoded)
{
    if (!(encoded & 0x8000)) return encoded;
    unsigned exponent = (encoded >> 10) & 31u;
    return (static_cast<size_t>(encoded & 0x3FF) + 1024) << exponent;
}

} // namespace

void Database::accountValue(Value &value)
{
    m_valueBytes -= decodeSize(value.accountedSize);
    value.accountedSize = encodeSize(value.accountingBytes());
    m_valueBytes += decodeSize(value.accountedSize);
}

void Database::unaccountValue(const Value &value)
{
    m_valueBytes -= decodeSize(value.accountedSize);
}

void Database::account(std::string_view key)
{
    if (Value *value = m_keys.find(key)) accountValue(*value);
}

// A value that was never stamped gets "accessed now" when stored, so OBJECT IDLETIME and
// LRU eviction do not see new keys as idle since 1970. Moved or loaded values keep theirs.
// A new value that replaces a key keeps the old one's LFU counter, as Redis does, so SET on
// a hot key does not make it look cold.
Value &Database::set(std::string_view key, Value value, bool keepTtl)
{
    auto [slot, inserted] = m_keys.tryEmplace(key);
    if (!value.isStamped()) {
        value.stampNew(wallClockMs());
        if (!inserted) {
            value.lfuCounter = slot->lfuCounter;
            value.lfuDecayTime = slot->lfuDecayTime;
        }
    }
    if (!inserted) unaccountValue(*slot);
    if (!inserted && replacedValuesTo) replacedValuesTo->free(std::move(*slot));
    *slot = std::move(value);
    slot->accountedSize = 0; // a value moved from another key was unaccounted there
    accountValue(*slot);
    if (!inserted && !keepTtl && slot->hasTtl()) {
        m_expires.erase(key);
        slot->markTtl(false);
    }
    return *slot;
}

Value *Database::add(std::string_view key, Value value)
{
    auto [slot, inserted] = m_keys.tryEmplace(key);
    if (!inserted) return nullptr;
    if (!value.isStamped()) value.stampNew(wallClockMs());
    *slot = std::move(value);
    slot->accountedSize = 0;
    accountValue(*slot);
    return slot;
}

bool Database::remove(std::string_view key)
{
    Value *value = m_keys.find(key);
    if (!value) return false;
    unaccountValue(*value);
    if (value->hasTtl()) m_expires.erase(key);
    m_keys.erase(key); // last: key may be a view of this entry's own name
    return true;
}

std::optional<Value> Database::take(std::string_view key)
{
    // The taken value's own mark is gone (a moved Value starts unmarked): read it first.
    Value *slot = m_keys.find(key);
    if (!slot) return std::nullopt;
    if (slot->hasTtl()) m_expires.erase(key);
    std::optional<Value> value = m_keys.take(key);
    unaccountValue(*value);
    return value;
}

int64_t Database::expireAt(std::string_view key) const
{
    const int64_t *when = m_expires.find(key);
    return when ? *when : -1;
}

// A deadline for a key that does not exist is not recorded: it would have no slot to mark.
void Database::setExpireAt(std::string_view key, int64_t whenMs)
{
    Value *value = m_keys.find(key);
    if (!value) return;
    *m_expires.tryEmplace(key).first = whenMs;
    value->markTtl(true);
}

bool Database::clearExpire(std::string_view key)
{
    Value *value = m_keys.find(key);
    if (!value || !value->hasTtl()) return false;
    value->markTtl(false);
    return m_expires.erase(key);
}

std::pair<Dict<Value>, Dict<int64_t>> Database::detachAll()
{
    std::pair<Dict<Value>, Dict<int64_t>> taken{std::move(m_keys), std::move(m_expires)};
    clear();
    return taken;
}

void Database::clear()
{
    m_keys.clear();
    m_expires.clear();
    m_expireCursor = 0;
    m_valueBytes = 0;
}

uint64_t Database::takeLazyExpiredCount()
{
    uint64_t n = m_lazyExpired;
    m_lazyExpired = 0;
    return n;
}

size_t Database::activeExpireCycle(int64_t nowMs, int64_t budgetUs,
                                   const std::function<void(const std::string &)> &onExpired,
                                   size_t *sampled, bool *timeCapped)
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
            m_expireCursor =
                m_expires.scan(m_expireCursor, [&](std::string_view key, int64_t &when) {
                    if (sampled) ++*sampled;
                    if (when <= nowMs) expired.emplace_back(key);
                });
            if (m_expireCursor == 0) break;
        }
        for (const std::string &key : expired) {
            if (onExpired) onExpired(key);
            m_expires.erase(key);
            if (std::optional<Value> value = m_keys.take(key)) {
                unaccountValue(*value);
                if (expiredValuesTo) expiredValuesTo->free(std::move(*value));
            }
            ++removed;
        }
        ++rounds;
        auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
        if (elapsed >= budgetUs) {
            if (timeCapped) *timeCapped = m_expireCursor != 0;
            break;
        }
    } while (m_expireCursor != 0 && (expired.size() > 4 || rounds < 4));
    return removed;
}

} // namespace redscope::engine
