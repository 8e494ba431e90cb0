// Key eviction under maxmemory, the way Redis 7 does it (see eviction.h for the interface).
//
// Used memory is the engine's own accounting, not the allocator's: every database keeps a
// running byte total of its tables and values (Database::usedMemory, O(1)), so checking the
// limit before each command costs a sum over the databases. malloc statistics were not used
// because the engine also runs embedded in the GUI process, whose own allocations must not
// count against the server's limit. Client buffers are not counted against maxmemory (they
// show in INFO used_memory): they have their own limits, client-query-buffer-limit and
// client-output-buffer-limit, and counting a pipeline's momentary query buffer would evict
// keys for memory that is given back a moment later.

// Which key goes: the LRU, LFU and TTL policies are approximations by sampling, as in Redis.
// Each round samples maxmemory-samples keys per database (from the whole keyspace or from
// the keys with a TTL for volatile-*), scores them (idle time; 255 minus the LFU counter;
// or how soon they expire), and merges them into a pool of the 16 best candidates kept
// across rounds, so good candidates found earlier are not forgotten. The best candidate
// still present is deleted. The random policies delete a random key, cycling over the
// databases. Cost per eviction: O(samples x databases) lookups.
//
// LFU counters are 8-bit and logarithmic: an access increments a counter c with
// probability 1 / ((c - 5) * lfu-log-factor + 1), and the counter loses one per
// lfu-decay-time minutes without access. New keys start at 5 so they survive their first
// minutes.
//
// Evicting is bounded in time per command (maxmemory-eviction-tenacity, 500 us by default);
// when that is not enough, the command still runs and a 1 ms timer keeps evicting until
// memory is under the limit again, so lowering maxmemory on a big dataset never stalls the
// server.
#include "server/eviction.h"

#include "commands/command_context.h"
#include "commands/command_table.h"
#include "replication/replication.h"
#include "server/server.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace redscope::engine {

namespace {

constexpr size_t kPoolSize = 16;

bool isVolatile(EvictionPolicy policy)
{
    return policy == EvictionPolicy::VolatileLru || policy == EvictionPolicy::VolatileLfu ||
           policy == EvictionPolicy::VolatileRandom || policy == EvictionPolicy::VolatileTtl;
}

bool isRandom(EvictionPolicy policy)
{
    return policy == EvictionPolicy::AllKeysRandom || policy == EvictionPolicy::VolatileRandom;
}

bool isLfu(EvictionPolicy policy)
{
    return policy == EvictionPolicy::AllKeysLfu || policy == EvictionPolicy::VolatileLfu;
}

// Microseconds one command may spend evicting, from maxmemory-eviction-tenacity (0..100):
// 50 us per step up to 10, then 15% more per step, unlimited at 100.
int64_t evictionTimeLimitUs(int64_t tenacity)
{
    if (tenacity <= 10) return 50 * tenacity;
    if (tenacity < 100) return static_cast<int64_t>(500.0 * std::pow(1.15, tenacity - 10));
    return INT64_MAX;
}

uint64_t elapsedMinutes(uint16_t then, int64_t nowMs)
{
    uint16_t now = Value::lfuMinutesAt(nowMs);
    return now >= then ? now - then : 65535u - then + now;
}

} // namespace

Evictor::Evictor(Server &server)
    : m_server(server)
{
}

Evictor::~Evictor() = default;

size_t Evictor::datasetMemory() const
{
    size_t bytes = 0;
    for (int i = 0; i < m_server.dbCount(); ++i)
        bytes += m_server.db(i).usedMemory();
    return bytes;
}

size_t Evictor::usedMemory() const
{
    return datasetMemory();
}

uint8_t Evictor::lfuFrequency(const Value &value, int64_t nowMs) const
{
    int64_t decayTime = m_server.config().lfuDecayTime;
    uint64_t periods =
        decayTime ? elapsedMinutes(value.lfuDecayTime, nowMs) / static_cast<uint64_t>(decayTime)
                  : 0;
    return periods >= value.lfuCounter ? 0 : static_cast<uint8_t>(value.lfuCounter - periods);
}

void Evictor::touch(Value &value, int64_t nowMs)
{
    value.lruClock = Value::lruClockAt(nowMs);
    if (!isLfu(m_server.config().evictionPolicy)) return;
    uint8_t counter = lfuFrequency(value, nowMs);
    if (counter < 255) {
        double base = std::max(0, counter - Value::kLfuInitValue);
        double probability = 1.0 / (base * static_cast<double>(m_server.config().lfuLogFactor) + 1);
        double draw = static_cast<double>(m_server.random()() >> 11) * 0x1.0p-53;
        if (draw < probability) ++counter;
    }
    value.lfuCounter = counter;
    value.lfuDecayTime = Value::lfuMinutesAt(nowMs);
}

bool Evictor::refusedWhenOutOfMemory(const Client &client, const CommandSpec &spec)
{
    std::string_view name = spec.name;
    if (spec.flags & CmdDenyOom) return true;
    if (name == "exec") {
        for (const QueuedCommand &queued : client.multiQueue)
            if (queued.spec->flags & CmdDenyOom) return true;
        return false;
    }
    // Queuing inside MULTI costs memory too; the transaction controls stay allowed.
    return client.inMulti && name != "discard" && name != "quit" && name != "reset";
}

// Redis's eviction-exceeded clock: runs from the first time eviction could not get under
// maxmemory (refused, or went on in the background) until a check finds it under again.
void Evictor::noteExceeded(bool exceeded)
{
    ServerStats &stats = m_server.stats();
    const int64_t nowUs = EventLoop::monotonicMs() * 1000;
    if (exceeded && stats.evictionExceededSinceUs == 0) {
        stats.evictionExceededSinceUs = nowUs;
    } else if (!exceeded && stats.evictionExceededSinceUs != 0) {
        stats.evictionExceededTotalUs +=
            static_cast<uint64_t>(nowUs - stats.evictionExceededSinceUs);
        stats.evictionExceededSinceUs = 0;
    }
}

bool Evictor::makeRoom()
{
    const bool room = makeRoomNow();
    noteExceeded(!room || m_timer != 0);
    return room;
}

bool Evictor::makeRoomNow()
{
    const ServerConfig &config = m_server.config();
    // replica-ignore-maxmemory (the default): a replica's dataset is its master's to trim,
    // so it neither evicts nor refuses the master's writes, as in Redis.
    const bool ignored = config.replicaIgnoreMaxmemory && m_server.replication().isReplica();
    if (ignored || config.maxMemory <= 0 ||
        usedMemory() <= static_cast<size_t>(config.maxMemory)) {
        stopBackgroundEviction();
        return true;
    }
    if (config.evictionPolicy == EvictionPolicy::NoEviction) {
        stopBackgroundEviction();
        return false;
    }
    auto started = std::chrono::steady_clock::now();
    int64_t limitUs = evictionTimeLimitUs(config.maxMemoryEvictionTenacity);
    int64_t nowMs = Server::wallClockMs();
    for (int evicted = 1; usedMemory() > static_cast<size_t>(config.maxMemory); ++evicted) {
        if (!evictOne(nowMs)) {
            stopBackgroundEviction();
            return false;
        }
        if (evicted % 16 == 0) {
            auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
            if (us >= limitUs) {
                startBackgroundEviction(); // over budget: let the command run, go on later
                return true;
            }
        }
    }
    return true;
}

void Evictor::startBackgroundEviction()
{
    if (m_timer) return;
    m_timer = m_server.loop().addTimer(
        1, [](EventLoop &, void *context) { static_cast<Evictor *>(context)->makeRoom(); }, this);
}

void Evictor::stopBackgroundEviction()
{
    if (!m_timer) return;
    m_server.loop().removeTimer(m_timer);
    m_timer = 0;
}

bool Evictor::evictOne(int64_t nowMs)
{
    int dbIndex = 0;
    std::string key;
    bool found = isRandom(m_server.config().evictionPolicy) ? pickRandom(&dbIndex, &key)
                                                            : pickFromPool(nowMs, &dbIndex, &key);
    if (!found) return false;
    // Like Redis: the deletion reaches the AOF as a DEL, then the key is gone, then
    // watchers and keyspace-event subscribers hear of it.
    m_server.propagate(dbIndex, {"DEL", key});
    if (!m_server.config().lazyfreeLazyEviction)
        m_server.db(dbIndex).remove(key);
    else if (std::optional<Value> value = m_server.db(dbIndex).take(key))
        m_server.lazyFree().free(std::move(*value));
    ++m_server.stats().evictedKeys;
    m_server.signalModifiedKey(dbIndex, key);
    m_server.notifyKeyspaceEvent(NotifyEvicted, "evicted", key, dbIndex);
    return true;
}

bool Evictor::pickRandom(int *dbIndex, std::string *key)
{
    bool onlyVolatile = isVolatile(m_server.config().evictionPolicy);
    for (int i = 0; i < m_server.dbCount(); ++i) {
        int index = (m_nextRandomDb + i) % m_server.dbCount();
        Database &db = m_server.db(index);
        const std::optional<std::string_view> picked =
            onlyVolatile ? db.expires().randomEntry(m_server.random()).first
                         : db.keys().randomEntry(m_server.random()).first;
        if (!picked) continue;
        *dbIndex = index;
        *key = *picked;
        m_nextRandomDb = (index + 1) % m_server.dbCount();
        return true;
    }
    return false;
}

void Evictor::addToPool(uint64_t score, int dbIndex, const std::string &key)
{
    if (m_pool.size() == kPoolSize && score <= m_pool.front().score) return;
    for (const Candidate &candidate : m_pool)
        if (candidate.dbIndex == dbIndex && candidate.key == key) return;
    auto at = std::upper_bound(m_pool.begin(), m_pool.end(), score,
                               [](uint64_t s, const Candidate &c) { return s < c.score; });
    m_pool.insert(at, Candidate{score, dbIndex, key});
    if (m_pool.size() > kPoolSize) m_pool.erase(m_pool.begin());
}

bool Evictor::pickFromPool(int64_t nowMs, int *dbIndex, std::string *key)
{
    const ServerConfig &config = m_server.config();
    EvictionPolicy policy = config.evictionPolicy;
    bool onlyVolatile = isVolatile(policy);
    int samples = static_cast<int>(config.maxMemorySamples);
    // Rounds only repeat when every pooled candidate went stale; the cap is a safety net.
    for (int round = 0; round < 64; ++round) {
        bool anyKey = false;
        for (int i = 0; i < m_server.dbCount(); ++i) {
            Database &db = m_server.db(i);
            if (onlyVolatile ? db.expiresCount() == 0 : db.size() == 0) continue;
            anyKey = true;
            for (int s = 0; s < samples; ++s) {
                const std::optional<std::string_view> sampled =
                    onlyVolatile ? db.expires().randomEntry(m_server.random()).first
                                 : db.keys().randomEntry(m_server.random()).first;
                if (!sampled) continue;
                Value *value = db.peek(*sampled);
                if (!value) continue;
                uint64_t score = 0;
                if (policy == EvictionPolicy::VolatileTtl)
                    score = UINT64_MAX - static_cast<uint64_t>(db.expireAt(*sampled));
                else if (isLfu(policy))
                    score = 255 - lfuFrequency(*value, nowMs);
                else
                    score = static_cast<uint64_t>(value->idleMs(nowMs));
                addToPool(score, i, std::string(*sampled));
            }
        }
        if (!anyKey) {
            m_pool.clear();
            return false;
        }
        // Best first; entries whose key was deleted or lost its TTL since are dropped.
        while (!m_pool.empty()) {
            Candidate best = std::move(m_pool.back());
            m_pool.pop_back();
            Database &db = m_server.db(best.dbIndex);
            if (!db.peek(best.key) || (onlyVolatile && db.expireAt(best.key) < 0)) continue;
            *dbIndex = best.dbIndex;
            *key = std::move(best.key);
            return true;
        }
    }
    return false;
}

} // namespace redscope::engine
