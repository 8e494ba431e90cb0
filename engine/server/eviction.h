// maxmemory: the used-memory figure the limit is checked against, key eviction by the eight
// Redis policies, and the per-key access data (LRU clock, LFU counter) they rank keys by.
// See eviction.cpp for how candidates are chosen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace redscope::engine {

class Server;
class Value;
struct Client;
struct CommandSpec;

class Evictor
{
public:
    explicit Evictor(Server &server);
    ~Evictor();

    // Called before every command while maxmemory is set, like Redis's performEvictions:
    // evicts keys until used memory is under the limit. False when it is still over the
    // limit and nothing more can be evicted (noeviction, or no candidate key left); a
    // command that would add data is then refused with -OOM.
    bool makeRoom();
    // True for a command that must be refused while out of memory: a denyoom command, EXEC
    // of a transaction holding one, or anything queued inside MULTI but the transaction
    // controls.
    static bool refusedWhenOutOfMemory(const Client &client, const CommandSpec &spec);

    // Bytes counted against maxmemory: the keyspace, kept up to date on every write.
    size_t usedMemory() const;
    size_t datasetMemory() const;

    // A key was read or written: updates its LRU clock, and under an LFU policy its
    // logarithmic counter (after decaying it by the minutes since it was last touched).
    void touch(Value &value, int64_t nowMs);
    // The counter decayed to now, what OBJECT FREQ reports and LFU eviction ranks by.
    uint8_t lfuFrequency(const Value &value, int64_t nowMs) const;

private:
    struct Candidate
    {
        uint64_t score; // higher is evicted first
        int dbIndex;
        std::string key;
    };
    bool evictOne(int64_t nowMs);
    bool pickFromPool(int64_t nowMs, int *dbIndex, std::string *key);
    bool pickRandom(int *dbIndex, std::string *key);
    void addToPool(uint64_t score, int dbIndex, const std::string &key);
    void startBackgroundEviction();
    void stopBackgroundEviction();

    Server &m_server;
    std::vector<Candidate> m_pool; // best candidates so far, ascending score
    int m_nextRandomDb = 0;
    bool makeRoomNow();
    void noteExceeded(bool exceeded);
    int m_timer = 0; // background eviction timer id, 0 when not running
};

} // namespace redscope::engine
