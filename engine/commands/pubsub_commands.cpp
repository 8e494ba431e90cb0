// Pub/sub commands: SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB, and the
// sharded SSUBSCRIBE SUNSUBSCRIBE SPUBLISH (on a standalone server a shard channel is a
// channel in a namespace of its own, counted apart, as in Redis 7.0). The registry
// and message delivery live in server/pubsub.cpp; this file only edits a client's
// subscriptions and shapes the confirmations. Confirmations are push messages in RESP3 and
// plain arrays in RESP2, exactly like the messages themselves, so one writer call
// (pushHeader) serves both protocols. Each confirmation carries the client's subscription
// count after that one change, as Redis does.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "replication/replication.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>

namespace redscope::engine {

namespace {

// The count after the change: shard confirmations count shard channels only.
void replySubscription(CommandContext &ctx, std::string_view kind, const std::string *name)
{
    ctx.reply.pushHeader(3);
    ctx.reply.bulk(kind);
    if (name)
        ctx.reply.bulk(*name);
    else
        ctx.reply.nullBulk();
    const bool shard = kind.front() == 's' && kind != "subscribe";
    ctx.reply.integer(static_cast<int64_t>(shard ? ctx.client.shardChannels.size()
                                                 : ctx.client.subscriptionCount()));
}

// A client's own names: a set for channels, a vector in subscription order for patterns.
bool addName(std::set<std::string> &names, const std::string &name)
{
    return names.insert(name).second;
}
bool addName(std::vector<std::string> &names, const std::string &name)
{
    if (std::find(names.begin(), names.end(), name) != names.end()) return false;
    names.push_back(name);
    return true;
}
bool removeName(std::set<std::string> &names, const std::string &name)
{
    return names.erase(name) != 0;
}
bool removeName(std::vector<std::string> &names, const std::string &name)
{
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return false;
    names.erase(it);
    return true;
}

// Registry is a channel map or the pattern map; `mine` the client's own names.
template <typename Registry, typename Names>
void subscribeTo(CommandContext &ctx, Registry &registry, Names &mine, std::string_view kind)
{
    for (size_t i = 1; i < ctx.argc(); ++i) {
        std::string name(ctx.arg(i));
        if (addName(mine, name)) registry[name].push_back(&ctx.client);
        replySubscription(ctx, kind, &name);
    }
}

template <typename Registry>
void removeOne(Registry &registry, Client &client, const std::string &name)
{
    auto it = registry.find(name);
    if (it == registry.end()) return;
    std::erase(it->second, &client);
    if (it->second.empty()) registry.erase(it);
}

// UNSUBSCRIBE / PUNSUBSCRIBE: the named ones, or every one when none is named (a null name
// when the client had none, as Redis replies).
template <typename Registry, typename Names>
void unsubscribeFrom(CommandContext &ctx, Registry &registry, Names &mine, std::string_view kind)
{
    std::vector<std::string> names;
    if (ctx.argc() == 1) {
        names.assign(mine.begin(), mine.end());
        if (names.empty()) return replySubscription(ctx, kind, nullptr);
    } else {
        for (size_t i = 1; i < ctx.argc(); ++i)
            names.emplace_back(ctx.arg(i));
    }
    for (const std::string &name : names) {
        if (removeName(mine, name)) removeOne(registry, ctx.client, name);
        replySubscription(ctx, kind, &name);
    }
}

} // namespace

void cmdSubscribe(CommandContext &ctx)
{
    subscribeTo(ctx, ctx.server.channelSubscribers(), ctx.client.channels, "subscribe");
}

void cmdPsubscribe(CommandContext &ctx)
{
    subscribeTo(ctx, ctx.server.patternSubscribers(), ctx.client.patterns, "psubscribe");
}

void cmdUnsubscribe(CommandContext &ctx)
{
    unsubscribeFrom(ctx, ctx.server.channelSubscribers(), ctx.client.channels, "unsubscribe");
}

void cmdPunsubscribe(CommandContext &ctx)
{
    unsubscribeFrom(ctx, ctx.server.patternSubscribers(), ctx.client.patterns, "punsubscribe");
}

// Like Redis, SSUBSCRIBE is refused where a reply per command is due (inside MULTI).
void cmdSsubscribe(CommandContext &ctx)
{
    if (ctx.client.inMulti)
        return ctx.error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
    subscribeTo(ctx, ctx.server.shardChannelSubscribers(), ctx.client.shardChannels, "ssubscribe");
}

void cmdSunsubscribe(CommandContext &ctx)
{
    unsubscribeFrom(ctx, ctx.server.shardChannelSubscribers(), ctx.client.shardChannels,
                    "sunsubscribe");
}

void cmdSpublish(CommandContext &ctx)
{
    ctx.reply.integer(static_cast<int64_t>(ctx.server.publishToShard(ctx.arg(1), ctx.arg(2))));
}

void cmdPublish(CommandContext &ctx)
{
    size_t receivers = ctx.server.publish(ctx.arg(1), ctx.arg(2));
    ctx.reply.integer(static_cast<int64_t>(receivers));
    // Like Redis, PUBLISH goes to the replicas (not the AOF), so their subscribers hear it.
    Replication &replication = ctx.server.replication();
    if (replication.wantsCommandStream())
        replication.feed(ctx.client.dbIndex,
                         {"PUBLISH", std::string(ctx.arg(1)), std::string(ctx.arg(2))});
}

namespace {

// PUBSUB CHANNELS and SHARDCHANNELS: Redis 7.0 counts the channels while it lists them, a
// deferred length (the reply goes to the reply list: server/reply_buffer.h).
void replyChannelList(CommandContext &ctx, const std::vector<const std::string *> &channels)
{
    const size_t slot = ctx.reply.beginDeferredArray();
    for (const std::string *channel : channels)
        ctx.reply.bulk(*channel);
    ctx.reply.endDeferredArray(slot, channels.size());
}

} // namespace

void cmdPubsubChannels(CommandContext &ctx)
{
    if (ctx.argc() > 3) return badSubcommandUsage(ctx, "PUBSUB");
    std::string_view pattern = ctx.argc() == 3 ? ctx.arg(2) : std::string_view("*");
    std::vector<const std::string *> matched;
    for (const auto &[channel, subscribers] : ctx.server.channelSubscribers())
        if (!subscribers.empty() && globMatch(pattern, channel)) matched.push_back(&channel);
    replyChannelList(ctx, matched);
}

void cmdPubsubNumsub(CommandContext &ctx)
{
    auto &channels = ctx.server.channelSubscribers();
    ctx.reply.arrayHeader((ctx.argc() - 2) * 2);
    for (size_t i = 2; i < ctx.argc(); ++i) {
        auto it = channels.find(std::string(ctx.arg(i)));
        ctx.reply.bulk(ctx.arg(i));
        ctx.reply.integer(it == channels.end() ? 0 : static_cast<int64_t>(it->second.size()));
    }
}

void cmdPubsubNumpat(CommandContext &ctx)
{
    ctx.reply.integer(static_cast<int64_t>(ctx.server.patternSubscribers().size()));
}

void cmdPubsubShardchannels(CommandContext &ctx)
{
    if (ctx.argc() > 3) return badSubcommandUsage(ctx, "PUBSUB");
    std::string_view pattern = ctx.argc() == 3 ? ctx.arg(2) : std::string_view("*");
    std::vector<const std::string *> matched;
    for (const auto &[channel, subscribers] : ctx.server.shardChannelSubscribers())
        if (!subscribers.empty() && globMatch(pattern, channel)) matched.push_back(&channel);
    replyChannelList(ctx, matched);
}

void cmdPubsubShardnumsub(CommandContext &ctx)
{
    auto &channels = ctx.server.shardChannelSubscribers();
    ctx.reply.arrayHeader((ctx.argc() - 2) * 2);
    for (size_t i = 2; i < ctx.argc(); ++i) {
        auto it = channels.find(std::string(ctx.arg(i)));
        ctx.reply.bulk(ctx.arg(i));
        ctx.reply.integer(it == channels.end() ? 0 : static_cast<int64_t>(it->second.size()));
    }
}

void cmdPubsubHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> "
        "(default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
    };
    replyHelp(ctx, "PUBSUB", lines);
}

} // namespace redscope::engine
