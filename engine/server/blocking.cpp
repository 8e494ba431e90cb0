// Blocking commands (BLPOP, BRPOP, BLMOVE, BZPOPMIN, ...). A handler that finds nothing to
// serve calls blockClient(); writes that may feed a waiting client call signalKeyAsReady().
// Before the loop sleeps, serveReadyKeys() runs the blocked command again for each waiting
// client, oldest first, while the key still holds data, so clients are served in arrival
// order and each gets exactly what a fresh call would give it. Timeouts are checked by the
// cron (100 ms resolution at hz 10, the same as Redis).
#include "server/server.h"

#include "commands/command_context.h"
#include "commands/stream_blocking.h"
#include "replication/replication.h"

#include <algorithm>

namespace redscope::engine {

void Server::blockClient(Client &client, std::vector<std::string> keys, int64_t timeoutMs,
                         bool nullArrayOnTimeout)
{
    client.blocked = true;
    client.blockTimeoutMs = timeoutMs;
    client.blockNullArrayOnTimeout = nullArrayOnTimeout;
    client.blockingKeys = std::move(keys);
    for (const std::string &key : client.blockingKeys) {
        std::deque<uint64_t> &waiters = m_blockedByKey[{client.dbIndex, key}];
        if (std::find(waiters.begin(), waiters.end(), client.id) == waiters.end())
            waiters.push_back(client.id);
    }
}

void Server::unblockClient(Client &client)
{
    for (const std::string &key : client.blockingKeys) {
        auto it = m_blockedByKey.find({client.dbIndex, key});
        if (it == m_blockedByKey.end()) continue;
        std::erase(it->second, client.id);
        if (it->second.empty()) m_blockedByKey.erase(it);
    }
    client.blocked = false;
    client.blockingKeys.clear();
    client.blockTimeoutMs = 0;
}

void Server::signalKeyAsReady(int dbIndex, std::string_view key)
{
    if (m_blockedByKey.empty()) return;
    std::pair<int, std::string> entry{dbIndex, std::string(key)};
    if (!m_blockedByKey.count(entry)) return;
    m_readyKeys.push_back(std::move(entry));
}

// The type a blocked command waits for, from its family in the command table.
static ValueType blockedValueType(const CommandSpec &spec)
{
    return std::string_view(spec.group) == "sorted-set" ? ValueType::ZSet : ValueType::List;
}

// XREAD/XREADGROUP waiters (stream_blocking.h): true when `id` is one, served or not.
bool Server::serveStreamWaiter(uint64_t id, int dbIndex, const std::string &key)
{
    Client *client = clientById(id);
    if (!client || !client->blocked || !client->blockedCommand.spec ||
        !isStreamRead(*client->blockedCommand.spec))
        return false;
    StreamWake wake = streamWakeFor(*this, *client, dbIndex, key);
    if (wake.kind == StreamWake::Kind::Wait) return true;
    const CommandSpec *spec = client->blockedCommand.spec;
    client->blockedCommand = QueuedCommand{nullptr, {}};
    unblockClient(*client);
    if (wake.kind == StreamWake::Kind::Error) {
        client->reply.setProtocol(client->protocol);
        client->reply.error(wake.error);
    } else {
        std::vector<std::string_view> argv(wake.argv.begin(), wake.argv.end());
        servingBlockedClient = true;
        call(*client, *spec, argv, wallClockMs());
        servingBlockedClient = false;
    }
    queueWrite(*client);
    if (!client->blocked) processInput(*client);
    return true;
}

bool Server::unblockClientOnRequest(uint64_t clientId, bool withError)
{
    Client *client = clientById(clientId);
    if (!client || !client->blocked) return false;
    unblockClient(*client);
    client->blockedCommand = QueuedCommand{nullptr, {}};
    client->reply.setProtocol(client->protocol);
    // A WAIT answers with the acknowledgements it has, as at its timeout.
    if (!withError && m_replication->answerWaitNow(*client)) {
        m_unblockedToResume.push_back(clientId);
        return true;
    }
    if (withError)
        client->reply.error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
    else if (client->blockNullArrayOnTimeout)
        client->reply.nullArray();
    else
        client->reply.nullBulk();
    queueWrite(*client);
    m_unblockedToResume.push_back(clientId);
    return true;
}

void Server::signalBlockedKeysOfDb(int dbIndex)
{
    for (const auto &[dbAndKey, waiters] : m_blockedByKey)
        if (dbAndKey.first == dbIndex) m_readyKeys.push_back(dbAndKey);
}

void Server::serveReadyKeys()
{
    std::vector<uint64_t> resume;
    resume.swap(m_unblockedToResume);
    for (uint64_t id : resume)
        if (Client *client = clientById(id); client && !client->blocked) processInput(*client);
    // Serving one client may make other keys ready (BLMOVE pushes to its destination), so
    // loop until no key is left to serve.
    while (!m_readyKeys.empty()) {
        std::vector<std::pair<int, std::string>> ready;
        ready.swap(m_readyKeys);
        for (const auto &entry : ready) {
            auto it = m_blockedByKey.find(entry);
            if (it == m_blockedByKey.end()) continue;
            std::deque<uint64_t> waiters = it->second; // copy: serving edits the registry
            for (uint64_t id : waiters) {
                if (serveStreamWaiter(id, entry.first, entry.second)) continue;
                Database &database = db(entry.first);
                Value *value = database.lookup(entry.second, wallClockMs());
                if (!value) break; // consumed (or expired): the rest keep waiting
                Client *client = clientById(id);
                if (!client || !client->blocked) continue;
                // Like Redis 7.0, a key that now holds another type does not wake the waiter:
                // it keeps waiting for a list (or sorted set) to appear under that name.
                if (value->type() != blockedValueType(*client->blockedCommand.spec)) break;
                QueuedCommand command = std::move(client->blockedCommand);
                unblockClient(*client);
                std::vector<std::string_view> argv(command.argv.begin(), command.argv.end());
                servingBlockedClient = true;
                servingReadyKey = entry.second;
                call(*client, *command.spec, argv, wallClockMs());
                servingBlockedClient = false;
                queueWrite(*client);
                // The client may have more pipelined requests waiting behind the blocked one.
                if (!client->blocked) processInput(*client);
            }
        }
    }
}

void Server::handleBlockedTimeouts(int64_t nowMs)
{
    std::vector<Client *> expired;
    for (auto &entry : m_clients) {
        Client &client = *entry.second;
        if (client.blocked && client.blockTimeoutMs > 0 && client.blockTimeoutMs <= nowMs)
            expired.push_back(&client);
    }
    for (Client *client : expired) {
        unblockClient(*client);
        client->blockedCommand = QueuedCommand{nullptr, {}};
        client->reply.setProtocol(client->protocol);
        if (client->blockNullArrayOnTimeout)
            client->reply.nullArray();
        else
            client->reply.nullBulk();
        queueWrite(*client);
        processInput(*client);
    }
}

} // namespace redscope::engine
