// MIGRATE's connections to its targets, kept between calls as Redis keeps them: one per
// "host:port" as the command spelled it, at most 64 (a new one then closes one chosen at
// random), each remembering the database its last successful MIGRATE selected so the next
// one to the same database sends no SELECT. The cron closes those idle for more than 10
// seconds (counted in whole seconds, as Redis's unixtime is); INFO's migrate_cached_sockets
// counts them. A link over TLS (tls-cluster yes when it was opened) stays TLS for its life.
#pragma once

#include "net/outgoing_connection.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace redscope::engine {

class MigrateSocketCache
{
public:
    struct Entry
    {
        std::unique_ptr<SyncLink> link;
        int64_t lastDb = -1;
        int64_t lastUseS = 0;
    };

    // The cached link for name, its use time refreshed; nullptr when there is none.
    Entry *find(const std::string &name, int64_t nowS);
    // Caches a new link (closing a random one when 64 are open); stable until closed.
    Entry *add(const std::string &name, std::unique_ptr<SyncLink> link, int64_t nowS);
    void close(const std::string &name) { m_entries.erase(name); }
    // Once a second at most: closes the links idle for more than 10 seconds.
    void closeIdle(int64_t nowS);
    size_t size() const { return m_entries.size(); }

private:
    std::unordered_map<std::string, std::unique_ptr<Entry>> m_entries;
    int64_t m_lastSweepS = 0;
};

} // namespace redscope::engine
