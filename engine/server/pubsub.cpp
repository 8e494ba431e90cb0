// The pub/sub registry: channel -> subscribers (hash lookup, O(1) per PUBLISH plus the
// subscribers), pattern -> subscribers (ordered map, scanned on every PUBLISH: O(patterns),
// as in Redis) and shard channel -> subscribers (SPUBLISH; patterns never see those). Messages are pushed into subscribers' output buffers; the network layer
// flushes them with everything else once per loop iteration.
#include "server/server.h"

#include "commands/command_context.h"
#include "util/strings.h"

namespace redscope::engine {

size_t Server::publish(std::string_view channel, std::string_view message)
{
    size_t receivers = 0;
    auto it = m_channels.find(std::string(channel));
    if (it != m_channels.end()) {
        for (Client *subscriber : it->second) {
            ReplyWriter &out = subscriber->reply;
            out.setProtocol(subscriber->protocol);
            out.pushHeader(3);
            out.bulk("message");
            out.bulk(channel);
            out.bulk(message);
            queueWrite(*subscriber);
            ++receivers;
        }
    }
    for (auto &[pattern, subscribers] : m_patterns) {
        if (!globMatch(pattern, channel)) continue;
        for (Client *subscriber : subscribers) {
            ReplyWriter &out = subscriber->reply;
            out.setProtocol(subscriber->protocol);
            out.pushHeader(4);
            out.bulk("pmessage");
            out.bulk(pattern);
            out.bulk(channel);
            out.bulk(message);
            queueWrite(*subscriber);
            ++receivers;
        }
    }
    ++m_stats.pubsubMessages;
    return receivers;
}

size_t Server::publishToShard(std::string_view channel, std::string_view message)
{
    auto it = m_shardChannels.find(std::string(channel));
    if (it == m_shardChannels.end()) return 0;
    for (Client *subscriber : it->second) {
        ReplyWriter &out = subscriber->reply;
        out.setProtocol(subscriber->protocol);
        out.pushHeader(3);
        out.bulk("smessage");
        out.bulk(channel);
        out.bulk(message);
        queueWrite(*subscriber);
    }
    return it->second.size();
}

void Server::unsubscribeAll(Client &client, bool notify)
{
    // Each registry in turn: the client leaves every name, confirming each when asked (a
    // channel's confirmation counts the patterns still held, as Redis's does).
    auto leaveAll = [&](auto &registry, auto &names, std::string_view kind, auto remaining) {
        for (const std::string &name : names) {
            auto it = registry.find(name);
            if (it != registry.end()) {
                std::erase(it->second, &client);
                if (it->second.empty()) registry.erase(it);
            }
            if (!notify) continue;
            client.reply.pushHeader(3);
            client.reply.bulk(kind);
            client.reply.bulk(name);
            client.reply.integer(static_cast<int64_t>(remaining()));
        }
        names.clear();
    };
    leaveAll(m_channels, client.channels, "unsubscribe", [&] { return client.patterns.size(); });
    leaveAll(m_patterns, client.patterns, "punsubscribe", [] { return size_t{0}; });
    leaveAll(m_shardChannels, client.shardChannels, "sunsubscribe", [] { return size_t{0}; });
}

void Server::notifyKeyspaceEvent(int eventClass, std::string_view event, std::string_view key,
                                 int dbIndex)
{
    const std::string &flags = m_config.notifyKeyspaceEvents;
    if (flags.empty()) return;
    // Parse the flag letters (cheap: a handful of characters).
    int enabled = 0;
    for (char c : flags) {
        switch (c) {
        case 'A': enabled |= NotifyGeneric | NotifyString | NotifyList | NotifySet | NotifyHash |
                             NotifyZSet | NotifyExpired | NotifyEvicted | NotifyStream;
            break;
        case 'g': enabled |= NotifyGeneric; break;
        case '$': enabled |= NotifyString; break;
        case 'l': enabled |= NotifyList; break;
        case 's': enabled |= NotifySet; break;
        case 'h': enabled |= NotifyHash; break;
        case 'z': enabled |= NotifyZSet; break;
        case 'x': enabled |= NotifyExpired; break;
        case 'e': enabled |= NotifyEvicted; break;
        case 't': enabled |= NotifyStream; break;
        case 'm': enabled |= NotifyKeyMiss; break;
        case 'n': enabled |= NotifyNew; break;
        case 'K': enabled |= NotifyKeyspace; break;
        case 'E': enabled |= NotifyKeyevent; break;
        default: break;
        }
    }
    if (!(enabled & eventClass)) return;
    std::string db = std::to_string(dbIndex);
    if (enabled & NotifyKeyspace) {
        std::string channel = "__keyspace@" + db + "__:" + std::string(key);
        publish(channel, event);
    }
    if (enabled & NotifyKeyevent) {
        std::string channel = "__keyevent@" + db + "__:" + std::string(event);
        publish(channel, key);
    }
}

} // namespace redscope::engine
