// The memory figures Redis 7.0 computes in one place (getMemoryOverheadData) and reports twice,
// in INFO memory and in MEMORY STATS: what the server holds in total, at its peak and at
// start-up, the overheads by kind (clients, AOF buffer, script caches, each database's key and
// expiry tables), and the dataset, what is left. Computed here once so the two replies agree,
// as Redis's do.
//
// The figures are the engine's own accounting (Server::usedMemoryEstimate), not an
// allocator's: the engine runs on the system allocator, also inside the app. The replication
// backlog counts with what its buffer has allocated, as Redis counts its backlog's blocks
// (replication/replication_backlog.h). O(databases + clients): nothing walks the keyspace.
#pragma once

#include <cstddef>
#include <vector>

namespace redscope::engine {

class Server;

struct MemoryOverhead
{
    struct Database
    {
        int index;
        size_t keys;
        size_t mainTable;    // overhead.hashtable.main
        size_t expiresTable; // overhead.hashtable.expires
    };

    size_t used = 0; // used_memory, total.allocated
    size_t peak = 0;
    size_t startup = 0;
    size_t replicationBacklog = 0;
    size_t clientsReplicas = 0; // clients.slaves
    size_t clientsNormal = 0;
    size_t aofBuffer = 0;
    size_t luaCaches = 0;            // EVAL's scripts
    size_t functionsCaches = 0;      // FUNCTION's libraries
    std::vector<Database> databases; // those holding keys, as Redis lists them
    size_t total = 0;                // overhead.total, used_memory_overhead
    size_t keys = 0;
    size_t dataset = 0;  // used - total
    size_t netUsage = 1; // used - startup (1 when not above it, as in Redis)
    // Process and allocator (glibc's mallinfo2 where Redis reads jemalloc's statistics).
    size_t rss = 0;
    size_t allocatorAllocated = 0;
    size_t allocatorActive = 0;
    size_t allocatorResident = 0;
};

MemoryOverhead memoryOverhead(Server &server);

} // namespace redscope::engine
