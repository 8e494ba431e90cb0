// CLIENT PAUSE: a server-wide deadline before which commands of clients wait. Like Redis, the
// wait happens at the point a command would run: processCommand leaves the request in the
// client's query buffer and marks the client paused; before each sleep, once the deadline is
// past (or CLIENT UNPAUSE cleared it), paused clients are resumed in id order and their
// buffers processed again. No timer of its own: the cron wakes the loop every 1000/hz ms, so
// a pause ends at most one cron period late, as in Redis.
#include "server/server.h"

#include <algorithm>
#include <string_view>

namespace redscope::engine {

void Server::pauseClients(int64_t endMs, bool writesOnly)
{
    // A second pause can only extend the deadline or widen WRITE to ALL, never shorten.
    bool active = m_pauseEndMs > wallClockMs();
    m_pauseWritesOnly = active ? (m_pauseWritesOnly && writesOnly) : writesOnly;
    m_pauseEndMs = std::max(active ? m_pauseEndMs : 0, endMs);
}

void Server::unpauseClients()
{
    // A deadline in the past (not 0) so the next resumePausedClients wakes the waiters.
    if (m_pauseEndMs) m_pauseEndMs = 1;
}

bool Server::mustWaitForPause(const Client &client, const CommandSpec &spec) const
{
    (void)client; // replicas would be exempt; the engine has none
    if (m_pauseEndMs <= wallClockMs()) return false;
    if (!m_pauseWritesOnly) return true;
    // WRITE mode holds back what Redis calls write or may-replicate commands, and an EXEC
    // whose queue contains one.
    if (spec.flags & CmdWrite) return true;
    std::string_view name = spec.name;
    if (name == "publish" || name == "eval" || name == "evalsha" || name == "fcall") return true;
    if (name == "exec")
        return std::any_of(client.multiQueue.begin(), client.multiQueue.end(),
                           [](const QueuedCommand &q) { return (q.spec->flags & CmdWrite) != 0; });
    return false;
}

void Server::resumePausedClients()
{
    if (m_pauseEndMs == 0) return;
    if (m_pauseEndMs > wallClockMs()) return;
    m_pauseEndMs = 0;
    std::vector<uint64_t> ids;
    for (const auto &entry : m_clients)
        if (entry.second->paused) ids.push_back(entry.first);
    std::sort(ids.begin(), ids.end());
    for (uint64_t id : ids) {
        Client *client = clientById(id);
        if (!client) continue;
        client->paused = false;
        processInput(*client);
    }
}

} // namespace redscope::engine
