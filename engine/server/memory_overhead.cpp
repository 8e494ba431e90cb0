// See memory_overhead.h.
#include "server/memory_overhead.h"

#include "persistence/persistence.h"
#include "replication/replication.h"
#include "scripting/script_engine.h"
#include "server/client.h"
#include "server/server.h"

#include <algorithm>
#include <malloc.h>
#include <string>

namespace redscope::engine {

MemoryOverhead memoryOverhead(Server &server)
{
    MemoryOverhead m;
    m.used = server.usedMemoryEstimate();
    m.peak = std::max(server.usedMemoryPeak(), m.used);
    m.startup = server.usedMemoryStartup();
    m.replicationBacklog = server.replication().backlogMemory();
    for (const auto &entry : server.clients()) {
        const Client &client = *entry.second;
        const size_t bytes = Server::clientMemory(client);
        if (client.replState != Client::ReplState::None)
            m.clientsReplicas += bytes;
        else
            m.clientsNormal += bytes;
    }
    // A buffer's inline room (std::string's, while it is short) is no memory the AOF took:
    // with appendonly no, 0 as in Redis.
    const size_t aofBuffer = server.persistence().aofBufferBytes();
    m.aofBuffer = aofBuffer > std::string().capacity() ? aofBuffer : 0;
    if (const ScriptEngine *scripting = server.scriptingIfCreated()) {
        const ScriptEngine::MemoryInfo lua = scripting->memoryInfo();
        m.luaCaches = lua.scripts;
        m.functionsCaches = lua.functions;
    }
    size_t tables = 0;
    for (int i = 0; i < server.dbCount(); ++i) {
        Database &db = server.db(i);
        m.keys += db.size();
        if (db.size() == 0) continue;
        m.databases.push_back(
            {i, db.size(), db.keys().tableOverhead(), db.expires().tableOverhead()});
        tables += m.databases.back().mainTable + m.databases.back().expiresTable;
    }
    m.total =
        std::min(m.used, m.startup + m.replicationBacklog + m.clientsReplicas + m.clientsNormal +
                             m.aofBuffer + m.luaCaches + m.functionsCaches + tables);
    m.dataset = m.used - m.total;
    m.netUsage = m.used > m.startup ? m.used - m.startup : 1;
    m.rss = Server::residentSetBytes();
    const struct mallinfo2 heap = mallinfo2();
    m.allocatorAllocated = heap.uordblks + heap.hblkhd;
    m.allocatorActive = heap.arena + heap.hblkhd;
    m.allocatorResident = m.rss;
    return m;
}

} // namespace redscope::engine
