// CLIENT TRACKING's tables and messages (see tracking.h). The key table maps a key name (of
// any database, as in Redis) to the ids of the clients that read it; ids of clients that
// left or turned tracking off are skipped when the key changes, rather than searched for
// when they go. Prefixes are an ordered map, so a changed key finds its prefixes by a walk
// over the few a server has.
#include "server/tracking.h"

#include "commands/command_table.h"
#include "commands/key_specs.h"
#include "scripting/script_engine.h"
#include "server/client.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>

namespace redscope::engine {

namespace {
constexpr std::string_view kInvalidateChannel = "__redis__:invalidate";
}

void Tracking::enable(Client &client, const ClientTracking &options)
{
    ClientTracking &state = client.tracking;
    if (!state.on) ++m_trackingClients;
    std::vector<std::string> prefixes = std::move(state.prefixes);
    state = options;
    state.on = true;
    state.caching = false;
    if (!options.bcast) return;
    // New prefixes join the client's own; none at all means every key ("").
    std::vector<std::string> added = options.prefixes;
    if (added.empty() && prefixes.empty()) added.push_back("");
    for (const std::string &prefix : added) {
        m_prefixes[prefix].clients.insert(client.id);
        prefixes.push_back(prefix);
    }
    std::sort(prefixes.begin(), prefixes.end());
    prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
    state.prefixes = std::move(prefixes);
}

void Tracking::disable(Client &client)
{
    ClientTracking &state = client.tracking;
    if (!state.on) return;
    for (const std::string &prefix : state.prefixes) {
        auto it = m_prefixes.find(prefix);
        if (it == m_prefixes.end()) continue;
        it->second.clients.erase(client.id);
        if (it->second.clients.empty()) m_prefixes.erase(it);
    }
    state = ClientTracking{};
    --m_trackingClients;
}

void Tracking::clientGone(Client &client)
{
    disable(client);
    if (m_caller == &client) {
        m_caller = nullptr;
        m_pendingForCaller.clear();
        m_pendingFlushForCaller = false;
    }
}

void Tracking::rememberKeys(Client &client, const CommandSpec &spec,
                            std::span<const std::string_view> argv)
{
    // A command run by a script reads on behalf of the client that called the script.
    Client *reader = &client;
    if (client.scriptClient) {
        const ScriptEngine *scripting = m_server.scriptingIfCreated();
        reader = scripting ? m_server.clientById(scripting->callerId()) : nullptr;
        if (!reader) return;
    }
    const ClientTracking &state = reader->tracking;
    if (!state.on || state.bcast) return;
    if ((state.optin && !state.caching) || (state.optout && state.caching)) return;
    // Sharded pub/sub names its channels where keys go; they are not cached values.
    if (spec.flags & CmdPubSub) return;
    // A container's subcommand reads when Redis marks it read-only (OBJECT ENCODING, MEMORY
    // USAGE), which its @read category says.
    const SubcommandSpec *sub = argv.size() >= 2 && CommandTable::subcommands(spec)
                                    ? CommandTable::findSubcommand(spec, argv[1])
                                    : nullptr;
    if (sub ? !(sub->aclCategories & AclRead) : !(spec.flags & CmdReadOnly)) return;
    std::string name = toLower(spec.name);
    if (sub) name.append("|").append(sub->name);
    for (const KeyWithFlags &key : commandKeys(name, argv))
        m_keys[std::string(argv[static_cast<size_t>(key.position)])].insert(reader->id);
}

void Tracking::keyModified(std::string_view key)
{
    // BCAST: queued under every prefix of the key, sent in beforeSleep.
    for (auto &[prefix, entry] : m_prefixes)
        if (key.starts_with(prefix))
            entry.pendingKeys.insert_or_assign(std::string(key), m_caller ? m_caller->id : 0);

    auto it = m_keys.find(std::string(key));
    if (it == m_keys.end()) return;
    invalidateTracked(it);
}

// Forgets the key and tells each client that read it (not BCAST: those got it above).
void Tracking::invalidateTracked(KeyTable::iterator it)
{
    std::unordered_set<uint64_t> ids = std::move(it->second);
    const std::vector<std::string> keys = {it->first};
    m_keys.erase(it);
    for (uint64_t id : ids) {
        Client *target = m_server.clientById(id);
        if (!target || !target->tracking.on || target->tracking.bcast) continue;
        if (target == m_caller) {
            if (!target->tracking.noloop) m_pendingForCaller.push_back(keys.front());
            continue;
        }
        send(*target, &keys);
    }
}

// tracking-table-max-keys: past the limit, keys are dropped from the table and their
// readers invalidated, as if they had changed (Redis picks them at random; here, in the
// hash table's order, which is as arbitrary). At most 10000 per call, so a CONFIG SET to a
// small limit is worked off over several cron ticks rather than in one long pause.
void Tracking::limitKeys(size_t maxKeys)
{
    if (maxKeys == 0) return;
    for (int budget = 10000; budget > 0 && m_keys.size() > maxKeys; --budget)
        invalidateTracked(m_keys.begin());
}

void Tracking::flushed()
{
    // The table is emptied even when no tracking client is left: keys read by clients that
    // have gone stay in it until they change, as in Redis, and a flush is such a change.
    for (const auto &entry : m_server.clients()) {
        if (m_trackingClients == 0) break;
        Client &client = *entry.second;
        if (!client.tracking.on) continue;
        if (&client == m_caller)
            m_pendingFlushForCaller = true;
        else
            send(client, nullptr);
    }
    m_keys.clear();
}

void Tracking::endCommand()
{
    Client *caller = m_caller;
    m_caller = nullptr;
    if (!caller) return;
    // CLIENT CACHING lasts for one command (a whole transaction, and other CLIENT calls keep
    // it), as in Redis.
    if (!caller->inMulti && caller->lastCommand.rfind("client", 0) != 0)
        caller->tracking.caching = false;
    if (m_pendingFlushForCaller) send(*caller, nullptr);
    m_pendingFlushForCaller = false;
    for (const std::string &key : m_pendingForCaller) {
        const std::vector<std::string> keys = {key};
        send(*caller, &keys);
    }
    m_pendingForCaller.clear();
}

void Tracking::beforeSleep()
{
    for (auto &[prefix, entry] : m_prefixes) {
        if (entry.pendingKeys.empty()) continue;
        for (uint64_t id : entry.clients) {
            Client *client = m_server.clientById(id);
            if (!client) continue;
            std::vector<std::string> keys;
            for (const auto &[key, changedBy] : entry.pendingKeys)
                if (!client->tracking.noloop || changedBy != id) keys.push_back(key);
            if (!keys.empty()) send(*client, &keys);
        }
        entry.pendingKeys.clear();
    }
}

size_t Tracking::totalItems() const
{
    size_t items = 0;
    for (const auto &entry : m_keys)
        items += entry.second.size();
    return items;
}

void Tracking::send(Client &tracker, const std::vector<std::string> *keys)
{
    Client *target = &tracker;
    const bool redirected = tracker.tracking.redirect != 0;
    if (redirected) {
        target = m_server.clientById(tracker.tracking.redirect);
        if (!target) {
            tracker.tracking.brokenRedirect = true;
            if (tracker.protocol >= 3) {
                tracker.reply.setProtocol(tracker.protocol);
                tracker.reply.pushHeader(2);
                tracker.reply.bulk("tracking-redir-broken");
                tracker.reply.integer(static_cast<int64_t>(tracker.tracking.redirect));
                m_server.queueWrite(tracker);
            }
            return;
        }
    }
    ReplyWriter &out = target->reply;
    out.setProtocol(target->protocol);
    if (target->protocol >= 3) {
        out.pushHeader(2);
        out.bulk("invalidate");
    } else if (redirected && target->channels.count(std::string(kInvalidateChannel))) {
        out.pushHeader(3);
        out.bulk("message");
        out.bulk(kInvalidateChannel);
    } else {
        return; // RESP2 without a redirect: there is no way to tell it
    }
    if (!keys) {
        out.nullBulk();
    } else {
        out.arrayHeader(keys->size());
        for (const std::string &key : *keys)
            out.bulk(key);
    }
    m_server.queueWrite(*target);
}

} // namespace redscope::engine
