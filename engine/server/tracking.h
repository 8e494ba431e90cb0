// Client-side caching: CLIENT TRACKING as Redis 7.0 implements it. In the default mode the
// server remembers which clients read which keys (read-only commands, filtered by OPTIN /
// OPTOUT and CLIENT CACHING) and sends each an "invalidate" message when such a key changes,
// is deleted, expires or is evicted, then forgets the pair. In BCAST mode a client names key
// prefixes instead, and gets every change under them, batched once per event-loop turn.
// FLUSHDB/FLUSHALL send a null invalidation to every tracking client. Messages are RESP3
// pushes, or (RESP2) published on __redis__:invalidate to the client named by REDIRECT.
// A client's own reply comes before the invalidations its command caused, as in Redis 7.0.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace redscope::engine {

class Server;
struct Client;
struct CommandSpec;

// What a client asked for (CLIENT TRACKING ON ...); lives in Client.
struct ClientTracking
{
    bool on = false;
    bool bcast = false;
    bool optin = false;
    bool optout = false;
    bool noloop = false;
    bool caching = false;        // CLIENT CACHING YES (optin) / NO (optout), for the next command
    bool brokenRedirect = false; // the REDIRECT client went away
    uint64_t redirect = 0;       // 0: none
    std::vector<std::string> prefixes; // BCAST, sorted as Redis lists them
};

class Tracking
{
public:
    explicit Tracking(Server &server)
        : m_server(server)
    {
    }

    // CLIENT TRACKING ON (options already validated) and OFF.
    void enable(Client &client, const ClientTracking &options);
    void disable(Client &client);

    // After a command: if it is read-only, the keys its key specs find (commandKeys, as
    // COMMAND GETKEYS), for the client or the caller of the script that ran it, unless
    // OPTIN/OPTOUT say otherwise. Every key counts, as in Redis 7.0, whatever its access flags
    // (EXISTS and TYPE read no value but their keys are remembered all the same).
    void rememberKeys(Client &client, const CommandSpec &spec,
                      std::span<const std::string_view> argv);
    // A key changed (any write, expiry, eviction); `by` ran the command, if any.
    void keyModified(std::string_view key);
    // FLUSHDB / FLUSHALL.
    void flushed();
    // From the cron: tracking-table-max-keys (0: no limit).
    void limitKeys(size_t maxKeys);

    // The command of `client` starts / ended: invalidations for the caller wait until then.
    void beginCommand(Client &client) { m_caller = &client; }
    void endCommand();
    // Once per event-loop turn: the BCAST batches.
    void beforeSleep();
    void clientGone(Client &client);

    size_t trackingClients() const { return m_trackingClients; }
    size_t totalKeys() const { return m_keys.size(); }
    size_t totalItems() const;
    size_t totalPrefixes() const { return m_prefixes.size(); }

private:
    struct Prefix
    {
        std::unordered_set<uint64_t> clients;
        std::map<std::string, uint64_t> pendingKeys; // key -> the client that changed it
    };

    // One invalidation (keys null: a flush) to `target`, through its REDIRECT if any.
    void send(Client &target, const std::vector<std::string> *keys);

    Server &m_server;
    using KeyTable = std::unordered_map<std::string, std::unordered_set<uint64_t>>;
    void invalidateTracked(KeyTable::iterator it);
    KeyTable m_keys;
    std::map<std::string, Prefix, std::less<>> m_prefixes;
    Client *m_caller = nullptr;
    std::vector<std::string> m_pendingForCaller; // keys whose invalidation follows the reply
    bool m_pendingFlushForCaller = false;
    size_t m_trackingClients = 0;
};

} // namespace redscope::engine
