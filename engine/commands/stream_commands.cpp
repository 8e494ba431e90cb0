// The stream family: XADD, XRANGE/XREVRANGE, XLEN, XDEL, XTRIM, XSETID, XGROUP, XACK,
// XPENDING, XCLAIM, XAUTOCLAIM, XINFO, XREAD and XREADGROUP, with Redis 7.0's argument
// order, errors and replies (storage in storage/stream.h).
//
// Propagation follows Redis so that the AOF replays to the same state: XADD carries the ID it
// generated and an approximate trim as the exact one it did; XREADGROUP, XCLAIM and
// XAUTOCLAIM become XCLAIM ... FORCE JUSTID per pending entry they touched plus XGROUP SETID
// for the group's position, and implicit consumer creation becomes XGROUP CREATECONSUMER.
//
// Blocking reads park through Server::blockClient with their command rewritten to a
// canonical form (`$` resolved to the ID it meant, COUNT made explicit); when a key becomes
// ready, streamWakeFor() below decides, as Redis's serveClientsBlockedOnStreamKey does,
// whether the client is served (one stream), keeps waiting, or gets an error because its
// stream or group went away.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/stream_blocking.h"
#include "commands/subcommands.h"
#include "persistence/persistence.h"
#include "server/client.h"
#include "server/server.h"
#include "storage/database.h"
#include "util/strings.h"

#include <algorithm>

namespace redscope::engine {

namespace {

constexpr std::string_view kInvalidId =
    "ERR Invalid stream ID specified as stream command argument";
constexpr int64_t kBlockedDefaultCount = 1000; // Redis's XREAD_BLOCKED_DEFAULT_COUNT

StreamLimits limitsOf(CommandContext &ctx)
{
    const ServerConfig &config = ctx.server.config();
    return {config.streamNodeMaxBytes, config.streamNodeMaxEntries};
}

bool idArg(CommandContext &ctx, std::string_view text, StreamId *id, uint64_t missingSeq,
           bool strict)
{
    if (parseStreamId(text, id, missingSeq, strict)) return true;
    ctx.error(kInvalidId);
    return false;
}

// "(" makes a bound exclusive, as in XRANGE and XPENDING.
bool intervalIdArg(CommandContext &ctx, std::string_view text, StreamId *id, bool *exclusive,
                   uint64_t missingSeq)
{
    *exclusive = text.size() > 1 && text[0] == '(';
    if (*exclusive) return idArg(ctx, text.substr(1), id, missingSeq, true);
    return idArg(ctx, text, id, missingSeq, false);
}

void replyId(CommandContext &ctx, StreamId id)
{
    ctx.reply.bulk(id.toString());
}

void replyEntry(ReplyWriter &reply, StreamId id, const Stream::Fields &fields)
{
    reply.arrayHeader(2);
    reply.bulk(id.toString());
    reply.arrayHeader(fields.size());
    for (std::string_view s : fields)
        reply.bulk(s);
}

// Replies the entry with this ID as [id, fields]; false (nothing written) when absent.
bool replyOneEntry(ReplyWriter &reply, const Stream &stream, StreamId id)
{
    bool found = false;
    stream.range(id, id, false, [&](StreamId at, const Stream::Fields &fields) {
        replyEntry(reply, at, fields);
        found = true;
        return false;
    });
    return found;
}

Value *lookupStreamRead(CommandContext &ctx, std::string_view key)
{
    return ctx.lookupRead(key, ValueType::Stream);
}

void noGroupKeyError(CommandContext &ctx, std::string_view key, std::string_view group,
                     std::string_view suffix = "")
{
    ctx.error("NOGROUP No such key '" + std::string(key) + "' or consumer group '" +
              std::string(group) + "'" + std::string(suffix));
}

// ---- propagation helpers

// Only the AOF and replicas consume rewritten commands: without them they are not built (a
// read of one entry by a group would otherwise format two commands for nothing).
bool propagating(CommandContext &ctx)
{
    return ctx.server.commandStreamWanted();
}

void propagateClaim(CommandContext &ctx, std::string_view key, std::string_view groupName,
                    const StreamGroup &group, StreamId id, const StreamNack &nack)
{
    if (!propagating(ctx)) return;
    ctx.propagateAs({"XCLAIM", std::string(key), std::string(groupName),
                     nack.consumer ? nack.consumer->name : std::string(), "0", id.toString(),
                     "TIME", formatInt64(nack.deliveryTime), "RETRYCOUNT",
                     formatInt64(static_cast<int64_t>(nack.deliveryCount)), "FORCE", "JUSTID",
                     "LASTID", group.lastId.toString()});
}

void propagateGroupId(CommandContext &ctx, std::string_view key, std::string_view groupName,
                      const StreamGroup &group)
{
    if (!propagating(ctx)) return;
    ctx.propagateAs({"XGROUP", "SETID", std::string(key), std::string(groupName),
                     group.lastId.toString(), "ENTRIESREAD", formatInt64(group.entriesRead)});
}

// Marks the call's propagation as rewritten even when it emits nothing of its own.
void propagateNothingElse(CommandContext &ctx)
{
    ctx.m_propagationRewritten = true;
}

// Consumer-group bookkeeping (XACK, XCLAIM, XGROUP, XREADGROUP) and XSETID change no entry:
// like Redis 7.0 they leave WATCH alone; only the key's memory is measured again.
void groupStateChanged(CommandContext &ctx, std::string_view key)
{
    ctx.db().account(key);
}

StreamConsumer *lookupOrCreateConsumer(CommandContext &ctx, std::string_view key,
                                       std::string_view groupName, StreamGroup &group,
                                       std::string_view name)
{
    if (StreamConsumer *consumer = group.findConsumer(name)) {
        consumer->seenTime = ctx.nowMs;
        return consumer;
    }
    StreamConsumer *consumer = group.createConsumer(name, ctx.nowMs);
    ctx.notify(NotifyStream, "xgroup-createconsumer", key);
    ctx.addDirty();
    if (propagating(ctx))
        ctx.propagateAs({"XGROUP", "CREATECONSUMER", std::string(key), std::string(groupName),
                         std::string(name)});
    return consumer;
}

// ---- XADD / XTRIM arguments

struct AddTrimArgs
{
    enum class Strategy { None, MaxLen, MinId } strategy = Strategy::None;
    bool approx = false;
    int64_t maxLen = 0;
    StreamId minId;
    int64_t limit = 0;
    size_t thresholdIndex = 0; // argv index of the MAXLEN count / MINID id
    bool noMkStream = false;
    bool idGiven = false;
    bool seqGiven = true;
    StreamId id;
};

// Redis's streamParseAddOrTrimArgsOrReply: returns the index of the ID (XADD) or the end of
// the options, or 0 after replying an error.
size_t parseAddTrimArgs(CommandContext &ctx, AddTrimArgs &args, bool xadd)
{
    bool limitGiven = false;
    size_t i = 2;
    for (; i < ctx.argc(); ++i) {
        const size_t more = ctx.argc() - 1 - i;
        std::string_view opt = ctx.arg(i);
        if (xadd && opt == "*") break;
        bool maxlen = equalsIgnoreCase(opt, "maxlen"), minid = equalsIgnoreCase(opt, "minid");
        if ((maxlen || minid) && more) {
            if (args.strategy != AddTrimArgs::Strategy::None) {
                ctx.error("ERR syntax error, MAXLEN and MINID options at the same time are not "
                          "compatible");
                return 0;
            }
            args.approx = false;
            std::string_view next = ctx.arg(i + 1);
            if (more >= 2 && next == "~") {
                args.approx = true;
                ++i;
            } else if (more >= 2 && next == "=") {
                ++i;
            }
            if (maxlen) {
                if (!ctx.int64Arg(i + 1, &args.maxLen)) return 0;
                if (args.maxLen < 0) {
                    ctx.error("ERR The MAXLEN argument must be >= 0.");
                    return 0;
                }
                args.strategy = AddTrimArgs::Strategy::MaxLen;
            } else {
                if (!idArg(ctx, ctx.arg(i + 1), &args.minId, 0, true)) return 0;
                args.strategy = AddTrimArgs::Strategy::MinId;
            }
            ++i;
            args.thresholdIndex = i;
        } else if (equalsIgnoreCase(opt, "limit") && more) {
            if (!ctx.int64Arg(i + 1, &args.limit)) return 0;
            if (args.limit < 0) {
                ctx.error("ERR The LIMIT argument must be >= 0.");
                return 0;
            }
            limitGiven = true;
            ++i;
        } else if (xadd && equalsIgnoreCase(opt, "nomkstream")) {
            args.noMkStream = true;
        } else if (xadd) {
            if (!parseStreamId(opt, &args.id, 0, true, &args.seqGiven)) {
                ctx.error(kInvalidId);
                return 0;
            }
            args.idGiven = true;
            break;
        } else {
            ctx.syntaxError();
            return 0;
        }
    }
    if (args.limit && args.strategy == AddTrimArgs::Strategy::None) {
        ctx.error("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        return 0;
    }
    if (!xadd && args.strategy == AddTrimArgs::Strategy::None) {
        ctx.error("ERR syntax error, XTRIM must be called with a trimming strategy");
        return 0;
    }
    if (limitGiven) {
        if (!args.approx) {
            ctx.error("ERR syntax error, LIMIT cannot be used without the special ~ option");
            return 0;
        }
    } else if (args.approx) {
        args.limit = 100 * ctx.server.config().streamNodeMaxEntries;
        if (args.limit <= 0 || args.limit > 1000000) args.limit = 10000;
    } else {
        args.limit = 0;
    }
    return i;
}

uint64_t applyTrim(Stream &stream, const AddTrimArgs &args)
{
    if (args.strategy == AddTrimArgs::Strategy::None) return 0;
    return stream.trim(args.strategy == AddTrimArgs::Strategy::MaxLen ? Stream::TrimBy::MaxLen
                                                                      : Stream::TrimBy::MinId,
                       static_cast<uint64_t>(args.maxLen), args.minId, args.approx, args.limit);
}

// An approximate trim is propagated as the exact one it turned out to be.
void rewriteApproxTrim(std::vector<std::string> &argv, const Stream &stream,
                       const AddTrimArgs &args)
{
    argv[args.thresholdIndex - 1] = "=";
    argv[args.thresholdIndex] = args.strategy == AddTrimArgs::Strategy::MaxLen
                                    ? formatInt64(static_cast<int64_t>(stream.length()))
                                    : stream.firstId().toString();
}

std::vector<std::string> argvCopy(CommandContext &ctx)
{
    return {ctx.argv.begin(), ctx.argv.end()};
}

// ---- XREAD / XREADGROUP arguments

struct ReadArgs
{
    bool group = false;
    int64_t timeoutMs = -1; // -1: no BLOCK
    int64_t count = 0;
    bool noAck = false;
    std::string_view groupName, consumerName;
    size_t streamsIndex = 0;
    size_t streams = 0;
};

bool parseReadArgs(CommandContext &ctx, ReadArgs &args)
{
    args.group = ctx.arg(0).size() == 10;
    for (size_t i = 1; i < ctx.argc(); ++i) {
        const size_t more = ctx.argc() - 1 - i;
        std::string_view opt = ctx.arg(i);
        if (equalsIgnoreCase(opt, "block") && more) {
            ++i;
            int64_t ms;
            if (!parseInt64(ctx.arg(i), &ms)) {
                ctx.error("ERR timeout is not an integer or out of range");
                return false;
            }
            if (ms < 0) {
                ctx.error(errors::kTimeoutNegative);
                return false;
            }
            args.timeoutMs = ms;
        } else if (equalsIgnoreCase(opt, "count") && more) {
            ++i;
            if (!ctx.int64Arg(i, &args.count)) return false;
            if (args.count < 0) args.count = 0;
        } else if (equalsIgnoreCase(opt, "streams") && more) {
            args.streamsIndex = i + 1;
            size_t rest = ctx.argc() - args.streamsIndex;
            if (rest % 2) {
                ctx.error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' "
                          "must be specified.");
                return false;
            }
            args.streams = rest / 2;
            break;
        } else if (equalsIgnoreCase(opt, "group") && more >= 2) {
            if (!args.group) {
                ctx.error("ERR The GROUP option is only supported by XREADGROUP. You called "
                          "XREAD instead.");
                return false;
            }
            args.groupName = ctx.arg(i + 1);
            args.consumerName = ctx.arg(i + 2);
            i += 2;
        } else if (equalsIgnoreCase(opt, "noack")) {
            if (!args.group) {
                ctx.error("ERR The NOACK option is only supported by XREADGROUP. You called "
                          "XREAD instead.");
                return false;
            }
            args.noAck = true;
        } else {
            ctx.syntaxError();
            return false;
        }
    }
    if (args.streamsIndex == 0) {
        ctx.syntaxError();
        return false;
    }
    if (args.group && args.groupName.data() == nullptr) {
        ctx.error("ERR Missing GROUP option for XREADGROUP");
        return false;
    }
    return true;
}

// New entries after `after` for a group read (">"): updates the group's position and
// entries-read, adds PEL entries unless NOACK, and propagates as Redis does.
void replyGroupRange(CommandContext &ctx, std::string_view key, Stream &stream,
                     std::string_view groupName, StreamGroup &group, StreamConsumer *consumer,
                     StreamId after, int64_t count, bool noAck)
{
    StreamId start = after;
    start.increment();
    size_t slot = ctx.reply.beginDeferredArray();
    size_t emitted = 0;
    bool movedLastId = false;
    std::vector<StreamId> delivered;
    stream.range(start, StreamId::max(), false, [&](StreamId id, const Stream::Fields &fields) {
        if (id > group.lastId) {
            if (group.entriesRead != StreamGroup::kInvalidEntriesRead &&
                !stream.rangeHasTombstones(id, StreamId::max()))
                ++group.entriesRead;
            else if (stream.entriesAdded)
                group.entriesRead = stream.estimateDistanceFromFirstEver(id);
            group.lastId = id;
            movedLastId = true;
        }
        replyEntry(ctx.reply, id, fields);
        if (!noAck) delivered.push_back(id);
        ++emitted;
        return !(count && static_cast<int64_t>(emitted) == count);
    });
    ctx.reply.endDeferredArray(slot, emitted);
    for (StreamId id : delivered) {
        auto [it, inserted] = group.pel.try_emplace(id);
        StreamNack &nack = it->second;
        if (!inserted && nack.consumer) nack.consumer->pel.erase(id);
        nack.consumer = consumer;
        nack.deliveryTime = ctx.nowMs;
        nack.deliveryCount = 1;
        consumer->pel.insert(id);
        propagateClaim(ctx, key, groupName, group, id, nack);
    }
    if (movedLastId) propagateGroupId(ctx, key, groupName, group);
}

// A consumer's own pending entries from `start` (XREADGROUP with an ID): deleted entries
// come back as [id, nil]; delivered ones count one more delivery.
void replyConsumerHistory(CommandContext &ctx, std::string_view key, std::string_view groupName,
                          const Stream &stream, StreamGroup &group, StreamConsumer &consumer,
                          StreamId start, int64_t count)
{
    size_t slot = ctx.reply.beginDeferredArray();
    size_t emitted = 0;
    for (auto it = consumer.pel.lower_bound(start); it != consumer.pel.end(); ++it) {
        if (count && static_cast<int64_t>(emitted) >= count) break;
        if (!replyOneEntry(ctx.reply, stream, *it)) {
            ctx.reply.arrayHeader(2);
            ctx.reply.bulk(it->toString());
            ctx.reply.nullArray();
        } else {
            auto nack = group.pel.find(*it);
            if (nack != group.pel.end()) {
                nack->second.deliveryTime = ctx.nowMs;
                ++nack->second.deliveryCount;
                // Redis does not propagate this; the AOF then loses the new delivery count.
                propagateClaim(ctx, key, groupName, group, *it, nack->second);
            }
        }
        ++emitted;
    }
    ctx.reply.endDeferredArray(slot, emitted);
}

void xreadGeneric(CommandContext &ctx)
{
    ReadArgs args;
    if (!parseReadArgs(ctx, args)) return;
    std::vector<StreamId> ids(args.streams);
    std::vector<StreamGroup *> groups(args.streams, nullptr);
    std::vector<bool> newOnly(args.streams, false);
    for (size_t k = 0; k < args.streams; ++k) {
        std::string_view key = ctx.arg(args.streamsIndex + k);
        std::string_view idText = ctx.arg(args.streamsIndex + args.streams + k);
        Value *value = lookupStreamRead(ctx, key);
        if (ctx.wrongType()) return;
        if (args.group) {
            if (value) {
                auto it = value->stream().groups.find(args.groupName);
                if (it != value->stream().groups.end()) groups[k] = &it->second;
            }
            if (!groups[k])
                return noGroupKeyError(ctx, key, args.groupName,
                                       " in XREADGROUP with GROUP option");
        }
        if (idText == "$") {
            if (args.group)
                return ctx.error("ERR The $ ID is meaningless in the context of XREADGROUP: you "
                                 "want to read the history of this consumer by specifying a "
                                 "proper ID, or use the > ID to get new messages. The $ ID would "
                                 "just return an empty result set.");
            ids[k] = value ? value->stream().lastId : StreamId{};
            continue;
        }
        if (idText == ">") {
            if (!args.group)
                return ctx.error("ERR The > ID can be specified only when calling XREADGROUP "
                                 "using the GROUP <group> <consumer> option.");
            ids[k] = StreamId::max();
            newOnly[k] = true;
            continue;
        }
        if (!idArg(ctx, idText, &ids[k], 0, true)) return;
    }

    size_t served = 0, slot = 0;
    if (args.group) propagateNothingElse(ctx);
    for (size_t k = 0; k < args.streams; ++k) {
        std::string_view key = ctx.arg(args.streamsIndex + k);
        Value *value = ctx.db().lookup(key, ctx.nowMs);
        if (!value) continue;
        Stream &stream = value->stream();
        StreamId after = ids[k];
        bool serve = false, history = false;
        if (args.group) {
            if (!newOnly[k]) {
                serve = history = true;
            } else if (stream.length() && stream.lastValidId() > groups[k]->lastId) {
                serve = true;
                after = groups[k]->lastId;
            }
        } else if (stream.length() && stream.lastValidId() > after) {
            serve = true;
        }
        if (!serve) continue;
        if (++served == 1) slot = ctx.reply.beginDeferredArray();
        if (!ctx.reply.isResp3()) ctx.reply.arrayHeader(2);
        ctx.reply.bulk(key);
        if (!args.group) {
            StreamId start = after;
            start.increment();
            size_t inner = ctx.reply.beginDeferredArray();
            size_t emitted = 0;
            stream.range(start, StreamId::max(), false,
                         [&](StreamId id, const Stream::Fields &fields) {
                             replyEntry(ctx.reply, id, fields);
                             ++emitted;
                             return !(args.count && static_cast<int64_t>(emitted) == args.count);
                         });
            ctx.reply.endDeferredArray(inner, emitted);
            continue;
        }
        StreamConsumer *consumer =
            lookupOrCreateConsumer(ctx, key, args.groupName, *groups[k], args.consumerName);
        if (history) {
            StreamId start = after;
            start.increment();
            replyConsumerHistory(ctx, key, args.groupName, stream, *groups[k], *consumer, start,
                                 args.count);
        } else {
            replyGroupRange(ctx, key, stream, args.groupName, *groups[k], consumer, after,
                            args.count, args.noAck);
        }
        ctx.addDirty();
        if (args.group) groupStateChanged(ctx, key);
    }
    if (served) {
        if (ctx.reply.isResp3())
            ctx.reply.endDeferredMap(slot, served);
        else
            ctx.reply.endDeferredArray(slot, served);
        return;
    }
    if (args.timeoutMs < 0 || ctx.client.inMulti) return ctx.reply.nullArray();

    // Park with the IDs resolved, so "$" keeps meaning the last ID at the time of the call.
    std::vector<std::string> canonical{std::string(ctx.arg(0))};
    if (args.group) {
        canonical.insert(canonical.end(),
                         {"GROUP", std::string(args.groupName), std::string(args.consumerName)});
        if (args.noAck) canonical.emplace_back("NOACK");
    }
    canonical.insert(
        canonical.end(),
        {"COUNT", formatInt64(args.count ? args.count : kBlockedDefaultCount), "STREAMS"});
    std::vector<std::string> keys;
    for (size_t k = 0; k < args.streams; ++k) {
        keys.emplace_back(ctx.arg(args.streamsIndex + k));
        canonical.emplace_back(ctx.arg(args.streamsIndex + k));
    }
    for (size_t k = 0; k < args.streams; ++k)
        canonical.push_back(newOnly[k] ? std::string(">") : ids[k].toString());
    int64_t deadline =
        args.timeoutMs > 0 ? ctx.nowMs + std::min(args.timeoutMs, INT64_MAX - ctx.nowMs) : 0;
    ctx.client.blockedCommand = QueuedCommand{&ctx.spec, std::move(canonical)};
    ctx.server.blockClient(ctx.client, std::move(keys), deadline, true);
}

// ---- XINFO helpers

void replyGroupLag(CommandContext &ctx, const Stream &stream, const StreamGroup &group)
{
    if (!stream.entriesAdded) return ctx.reply.integer(0);
    if (group.entriesRead != StreamGroup::kInvalidEntriesRead &&
        !stream.rangeHasTombstones(group.lastId, StreamId::max()))
        return ctx.reply.integer(static_cast<int64_t>(stream.entriesAdded) - group.entriesRead);
    int64_t read = stream.estimateDistanceFromFirstEver(group.lastId);
    if (read == StreamGroup::kInvalidEntriesRead) return ctx.reply.nullBulk();
    ctx.reply.integer(static_cast<int64_t>(stream.entriesAdded) - read);
}

void replyEntriesRead(CommandContext &ctx, const StreamGroup &group)
{
    if (group.entriesRead == StreamGroup::kInvalidEntriesRead) return ctx.reply.nullBulk();
    ctx.reply.integer(group.entriesRead);
}

// Redis reports its radix tree's node count; ours is an ordered map, so this is an estimate
// of the nodes a rax holding these keys would have (clients only display it).
int64_t radixNodesEstimate(const Stream &stream)
{
    const auto keys = static_cast<int64_t>(stream.nodeCount());
    return keys <= 1 ? keys + 1 : 2 * keys + 2; // what Redis shows for IDs of one timeline
}

// The seven fields XINFO STREAM and XINFO STREAM FULL both open with.
void replyStreamSummary(CommandContext &ctx, const Stream &stream)
{
    ReplyWriter &r = ctx.reply;
    r.bulk("length");
    r.integer(static_cast<int64_t>(stream.length()));
    r.bulk("radix-tree-keys");
    r.integer(static_cast<int64_t>(stream.nodeCount()));
    r.bulk("radix-tree-nodes");
    r.integer(radixNodesEstimate(stream));
    r.bulk("last-generated-id");
    replyId(ctx, stream.lastId);
    r.bulk("max-deleted-entry-id");
    replyId(ctx, stream.maxDeletedId);
    r.bulk("entries-added");
    r.integer(static_cast<int64_t>(stream.entriesAdded));
    r.bulk("recorded-first-entry-id");
    replyId(ctx, stream.firstId());
}

void xinfoStreamFull(CommandContext &ctx, const Stream &stream, int64_t count)
{
    ReplyWriter &r = ctx.reply;
    r.mapHeader(9);
    replyStreamSummary(ctx, stream);
    r.bulk("entries");
    size_t slot = r.beginDeferredArray();
    size_t emitted = 0;
    stream.range({}, StreamId::max(), false, [&](StreamId id, const Stream::Fields &fields) {
        replyEntry(r, id, fields);
        ++emitted;
        return !(count && static_cast<int64_t>(emitted) == count);
    });
    r.endDeferredArray(slot, emitted);
    r.bulk("groups");
    r.arrayHeader(stream.groups.size());
    for (const auto &[name, group] : stream.groups) {
        r.mapHeader(7);
        r.bulk("name");
        r.bulk(name);
        r.bulk("last-delivered-id");
        replyId(ctx, group.lastId);
        r.bulk("entries-read");
        replyEntriesRead(ctx, group);
        r.bulk("lag");
        replyGroupLag(ctx, stream, group);
        r.bulk("pel-count");
        r.integer(static_cast<int64_t>(group.pel.size()));
        r.bulk("pending");
        size_t pelSlot = r.beginDeferredArray(), pelCount = 0;
        for (const auto &[id, nack] : group.pel) {
            if (count && static_cast<int64_t>(pelCount) == count) break;
            r.arrayHeader(4);
            replyId(ctx, id);
            r.bulk(nack.consumer ? nack.consumer->name : std::string());
            r.integer(nack.deliveryTime);
            r.integer(static_cast<int64_t>(nack.deliveryCount));
            ++pelCount;
        }
        r.endDeferredArray(pelSlot, pelCount);
        r.bulk("consumers");
        r.arrayHeader(group.consumers.size());
        for (const auto &[consumerName, consumer] : group.consumers) {
            r.mapHeader(4);
            r.bulk("name");
            r.bulk(consumerName);
            r.bulk("seen-time");
            r.integer(consumer.seenTime);
            r.bulk("pel-count");
            r.integer(static_cast<int64_t>(consumer.pel.size()));
            r.bulk("pending");
            size_t cSlot = r.beginDeferredArray(), cCount = 0;
            for (StreamId id : consumer.pel) {
                if (count && static_cast<int64_t>(cCount) == count) break;
                auto nack = group.pel.find(id);
                r.arrayHeader(3);
                replyId(ctx, id);
                r.integer(nack != group.pel.end() ? nack->second.deliveryTime : 0);
                r.integer(nack != group.pel.end() ? static_cast<int64_t>(nack->second.deliveryCount)
                                                  : 0);
                ++cCount;
            }
            r.endDeferredArray(cSlot, cCount);
        }
    }
}

void replyEdgeEntry(CommandContext &ctx, const Stream &stream, bool last)
{
    bool found = false;
    stream.range({}, StreamId::max(), last, [&](StreamId id, const Stream::Fields &fields) {
        replyEntry(ctx.reply, id, fields);
        found = true;
        return false;
    });
    if (!found) ctx.reply.nullBulk();
}

Value *xinfoKey(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(2));
    if (!value) {
        ctx.error(errors::kNoSuchKey);
        return nullptr;
    }
    if (value->type() != ValueType::Stream) {
        ctx.error(errors::kWrongType);
        return nullptr;
    }
    return value;
}

} // namespace

// ---- blocking (stream_blocking.h)

bool isStreamRead(const CommandSpec &spec)
{
    std::string_view name = spec.name;
    return name == "xread" || name == "xreadgroup";
}

StreamWake streamWakeFor(Server &server, const Client &client, int dbIndex, std::string_view key)
{
    const std::vector<std::string> &argv = client.blockedCommand.argv;
    const bool group = argv[0].size() == 10;
    size_t streamsAt = 0;
    for (size_t i = 1; i < argv.size(); ++i)
        if (argv[i] == "STREAMS") {
            streamsAt = i + 1;
            break;
        }
    const size_t streams = (argv.size() - streamsAt) / 2;
    size_t k = 0;
    while (k < streams && argv[streamsAt + k] != key)
        ++k;
    StreamWake wake;
    if (k == streams) return wake;
    Value *value = server.db(dbIndex).lookup(key, server.wallClockMs());
    if (!value || value->type() != ValueType::Stream) {
        if (group) {
            wake.kind = StreamWake::Kind::Error;
            wake.error = "UNBLOCKED the stream key no longer exists";
        }
        return wake;
    }
    const Stream &stream = value->stream();
    StreamId after;
    if (group) {
        auto it = stream.groups.find(argv[2]);
        if (it == stream.groups.end()) {
            wake.kind = StreamWake::Kind::Error;
            wake.error = "NOGROUP the consumer group this client was blocked on no longer exists";
            return wake;
        }
        after = it->second.lastId;
    } else {
        parseStreamId(argv[streamsAt + streams + k], &after, 0, true);
    }
    if (!stream.length() || stream.lastValidId() <= after) return wake;
    wake.kind = StreamWake::Kind::Serve;
    // The same read for this one stream, without BLOCK: it serves at once.
    wake.argv.assign(argv.begin(), argv.begin() + static_cast<std::ptrdiff_t>(streamsAt));
    wake.argv.emplace_back(key);
    wake.argv.push_back(group ? std::string(">") : after.toString());
    return wake;
}

// ---- commands

void cmdXadd(CommandContext &ctx)
{
    AddTrimArgs args;
    size_t idIndex = parseAddTrimArgs(ctx, args, true);
    if (idIndex == 0) return;
    const size_t fieldsAt = idIndex + 1;
    if (ctx.argc() < fieldsAt + 2 || (ctx.argc() - fieldsAt) % 2)
        return ctx.error("ERR wrong number of arguments for 'xadd' command");
    if (args.idGiven && args.seqGiven && args.id.isZero())
        return ctx.error("ERR The ID specified in XADD must be greater than 0-0");
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::Stream);
    if (ctx.wrongType()) return;
    if (!value) {
        if (args.noMkStream) return ctx.reply.nullBulk();
        value = &ctx.db().set(key, Value::newStream());
    }
    Stream &stream = value->stream();
    if (stream.lastId == StreamId::max())
        return ctx.error(
            "ERR The stream has exhausted the last possible ID, unable to add more items");
    StreamId id;
    if (args.idGiven) {
        if (args.seqGiven) {
            id = args.id;
        } else if (stream.lastId.ms == args.id.ms) {
            if (stream.lastId.seq == UINT64_MAX)
                return ctx.error("ERR The ID specified in XADD is equal or smaller than the "
                                 "target stream top item");
            id = {stream.lastId.ms, stream.lastId.seq + 1};
        } else {
            id = args.id;
        }
    } else {
        uint64_t now = static_cast<uint64_t>(ctx.nowMs);
        id = now > stream.lastId.ms ? StreamId{now, 0} : stream.lastId;
        if (!(now > stream.lastId.ms)) id.increment();
    }
    if (id <= stream.lastId)
        return ctx.error(
            "ERR The ID specified in XADD is equal or smaller than the target stream top item");
    stream.append(id, ctx.argv.subspan(fieldsAt), limitsOf(ctx));
    replyId(ctx, id);
    ctx.keyModified(key);
    ctx.notify(NotifyStream, "xadd", key);
    ctx.addDirty();
    const bool trimmed =
        args.strategy != AddTrimArgs::Strategy::None && applyTrim(stream, args) > 0;
    if (trimmed) ctx.notify(NotifyStream, "xtrim", key);
    if (!propagating(ctx)) return;
    std::vector<std::string> propagated = argvCopy(ctx);
    if (args.strategy != AddTrimArgs::Strategy::None && args.approx)
        rewriteApproxTrim(propagated, stream, args);
    if (!args.idGiven || !args.seqGiven) propagated[idIndex] = id.toString();
    ctx.propagateAs(std::move(propagated));
}

void cmdXtrim(CommandContext &ctx)
{
    AddTrimArgs args;
    if (parseAddTrimArgs(ctx, args, false) == 0) return;
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::Stream);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.integer(0);
    Stream &stream = value->stream();
    uint64_t deleted = applyTrim(stream, args);
    if (deleted) {
        ctx.notify(NotifyStream, "xtrim", key);
        std::vector<std::string> propagated = argvCopy(ctx);
        if (args.approx) rewriteApproxTrim(propagated, stream, args);
        ctx.propagateAs(std::move(propagated));
        ctx.keyModified(key);
        ctx.addDirty(deleted);
    }
    ctx.reply.integer(static_cast<int64_t>(deleted));
}

void cmdXlen(CommandContext &ctx)
{
    Value *value = lookupStreamRead(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    ctx.reply.integer(value ? static_cast<int64_t>(value->stream().length()) : 0);
}

void cmdXdel(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::Stream);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.integer(0);
    std::vector<StreamId> ids(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i)
        if (!idArg(ctx, ctx.arg(i), &ids[i - 2], 0, true)) return;
    Stream &stream = value->stream();
    int64_t deleted = 0;
    for (StreamId id : ids) {
        if (!stream.remove(id)) continue;
        if (id > stream.maxDeletedId) stream.maxDeletedId = id;
        ++deleted;
    }
    if (deleted) {
        ctx.keyModified(key);
        ctx.notify(NotifyStream, "xdel", key);
        ctx.addDirty(static_cast<uint64_t>(deleted));
    }
    ctx.reply.integer(deleted);
}

void xrangeGeneric(CommandContext &ctx, bool reverse)
{
    std::string_view startArg = ctx.arg(reverse ? 3 : 2), endArg = ctx.arg(reverse ? 2 : 3);
    StreamId start, end;
    bool startEx, endEx;
    if (!intervalIdArg(ctx, startArg, &start, &startEx, 0)) return;
    if (startEx && !start.increment()) return ctx.error("ERR invalid start ID for the interval");
    if (!intervalIdArg(ctx, endArg, &end, &endEx, UINT64_MAX)) return;
    if (endEx && !end.decrement()) return ctx.error("ERR invalid end ID for the interval");
    int64_t count = -1;
    for (size_t j = 4; j < ctx.argc(); ++j) {
        if (equalsIgnoreCase(ctx.arg(j), "count") && j + 1 < ctx.argc()) {
            if (!ctx.int64Arg(j + 1, &count)) return;
            if (count < 0) count = 0;
            ++j;
        } else {
            return ctx.syntaxError();
        }
    }
    Value *value = lookupStreamRead(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.arrayHeader(0);
    if (count == 0) return ctx.reply.nullArray();
    size_t slot = ctx.reply.beginDeferredArray();
    size_t emitted = 0;
    value->stream().range(start, end, reverse, [&](StreamId id, const Stream::Fields &fields) {
        replyEntry(ctx.reply, id, fields);
        ++emitted;
        return !(count > 0 && static_cast<int64_t>(emitted) == count);
    });
    ctx.reply.endDeferredArray(slot, emitted);
}

void cmdXrange(CommandContext &ctx)
{
    xrangeGeneric(ctx, false);
}

void cmdXrevrange(CommandContext &ctx)
{
    xrangeGeneric(ctx, true);
}

void cmdXsetid(CommandContext &ctx)
{
    StreamId id, maxDeleted;
    int64_t entriesAdded = -1;
    if (!idArg(ctx, ctx.arg(2), &id, 0, true)) return;
    for (size_t i = 3; i < ctx.argc();) {
        const bool more = i + 1 < ctx.argc();
        if (equalsIgnoreCase(ctx.arg(i), "entriesadded") && more) {
            if (!ctx.int64Arg(i + 1, &entriesAdded)) return;
            if (entriesAdded < 0) return ctx.error("ERR entries_added must be positive");
            i += 2;
        } else if (equalsIgnoreCase(ctx.arg(i), "maxdeletedid") && more) {
            if (!idArg(ctx, ctx.arg(i + 1), &maxDeleted, 0, true)) return;
            if (id < maxDeleted)
                return ctx.error("ERR The ID specified in XSETID is smaller than the provided "
                                 "max_deleted_entry_id");
            i += 2;
        } else {
            return ctx.syntaxError();
        }
    }
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key);
    if (!value) return ctx.error(errors::kNoSuchKey);
    if (value->type() != ValueType::Stream) return ctx.error(errors::kWrongType);
    Stream &stream = value->stream();
    if (stream.length() > 0) {
        if (id < stream.lastValidId())
            return ctx.error(
                "ERR The ID specified in XSETID is smaller than the target stream top item");
        if (entriesAdded != -1 && stream.length() > static_cast<uint64_t>(entriesAdded))
            return ctx.error("ERR The entries_added specified in XSETID is smaller than the "
                             "target stream length");
    }
    // Redis 7.0 does not compare the ID with the current max-deleted-entry-id (7.2 does).
    stream.lastId = id;
    if (entriesAdded != -1) stream.entriesAdded = static_cast<uint64_t>(entriesAdded);
    if (!maxDeleted.isZero()) stream.maxDeletedId = maxDeleted;
    ctx.reply.ok();
    groupStateChanged(ctx, key); // XSETID: Redis 7.0 signals no WATCH
    ctx.notify(NotifyStream, "xsetid", key);
    ctx.addDirty();
}

// XGROUP <subcommand> key group ...: the checks every subcommand but HELP shares.
void cmdXgroupGeneric(CommandContext &ctx)
{
    std::string_view opt = ctx.arg(1);
    const bool create = equalsIgnoreCase(opt, "create"), setid = equalsIgnoreCase(opt, "setid");
    bool mkstream = false;
    int64_t entriesRead = StreamGroup::kInvalidEntriesRead;
    if (create || setid) {
        for (size_t i = 5; i < ctx.argc();) {
            if (create && equalsIgnoreCase(ctx.arg(i), "mkstream")) {
                mkstream = true;
                ++i;
            } else if (equalsIgnoreCase(ctx.arg(i), "entriesread") && i + 1 < ctx.argc()) {
                if (!ctx.int64Arg(i + 1, &entriesRead)) return;
                if (entriesRead < 0 && entriesRead != StreamGroup::kInvalidEntriesRead)
                    return ctx.error("ERR value for ENTRIESREAD must be positive or -1");
                i += 2;
            } else {
                return badSubcommandUsage(ctx, "XGROUP");
            }
        }
    }
    std::string_view key = ctx.arg(2), groupName = ctx.arg(3);
    Value *value = ctx.lookupWrite(key, ValueType::Stream);
    if (ctx.wrongType()) return;
    if (!value && !(create && mkstream))
        return ctx.error("ERR The XGROUP subcommand requires the key to exist. Note that for "
                         "CREATE you may want to use the MKSTREAM option to create an empty "
                         "stream automatically.");
    StreamGroup *group = nullptr;
    if (value) {
        auto it = value->stream().groups.find(groupName);
        if (it != value->stream().groups.end()) group = &it->second;
    }
    if (!create && !equalsIgnoreCase(opt, "destroy") && !group)
        return ctx.error("NOGROUP No such consumer group '" + std::string(groupName) +
                         "' for key name '" + std::string(key) + "'");

    if (create) {
        if (ctx.argc() > 8) return badSubcommandUsage(ctx, "XGROUP");
        StreamId id;
        if (ctx.arg(4) == "$")
            id = value ? value->stream().lastId : StreamId{};
        else if (!idArg(ctx, ctx.arg(4), &id, 0, true))
            return;
        if (!value) {
            value = &ctx.db().set(key, Value::newStream());
            ctx.keyModified(key);
        }
        if (group) return ctx.error("BUSYGROUP Consumer Group name already exists");
        StreamGroup &created = value->stream().groups[std::string(groupName)];
        created.lastId = id;
        created.entriesRead = entriesRead;
        ctx.reply.ok();
        ctx.addDirty();
        ctx.notify(NotifyStream, "xgroup-create", key);
        groupStateChanged(ctx, key);
    } else if (setid) {
        if (ctx.argc() != 5 && ctx.argc() != 7) return badSubcommandUsage(ctx, "XGROUP");
        StreamId id;
        if (ctx.arg(4) == "$")
            id = value->stream().lastId;
        else if (!idArg(ctx, ctx.arg(4), &id, 0, false))
            return;
        group->lastId = id;
        group->entriesRead = entriesRead;
        ctx.reply.ok();
        ctx.addDirty();
        ctx.notify(NotifyStream, "xgroup-setid", key);
        groupStateChanged(ctx, key);
    } else if (equalsIgnoreCase(opt, "destroy")) {
        if (!group) return ctx.reply.integer(0);
        value->stream().groups.erase(std::string(groupName));
        ctx.reply.integer(1);
        ctx.addDirty();
        ctx.notify(NotifyStream, "xgroup-destroy", key);
        groupStateChanged(ctx, key);
        ctx.server.signalKeyAsReady(ctx.client.dbIndex, key); // its readers get -NOGROUP
    } else if (equalsIgnoreCase(opt, "createconsumer")) {
        if (!group->createConsumer(ctx.arg(4), ctx.nowMs)) return ctx.reply.integer(0);
        ctx.reply.integer(1);
        ctx.addDirty();
        ctx.notify(NotifyStream, "xgroup-createconsumer", key);
        groupStateChanged(ctx, key);
    } else {
        if (!group->findConsumer(ctx.arg(4))) return ctx.reply.integer(0);
        size_t pending = group->deleteConsumer(ctx.arg(4));
        ctx.reply.integer(static_cast<int64_t>(pending));
        ctx.addDirty();
        ctx.notify(NotifyStream, "xgroup-delconsumer", key);
        groupStateChanged(ctx, key);
    }
}

void cmdXgroupHelp(CommandContext &ctx)
{
    static const char *const kLines[] = {
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter.",
    };
    replyHelp(ctx, "XGROUP", kLines);
}

void cmdXack(CommandContext &ctx)
{
    Value *value = lookupStreamRead(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    StreamGroup *group = nullptr;
    if (value) {
        auto it = value->stream().groups.find(ctx.arg(2));
        if (it != value->stream().groups.end()) group = &it->second;
    }
    if (!group) return ctx.reply.integer(0);
    std::vector<StreamId> ids(ctx.argc() - 3);
    for (size_t i = 3; i < ctx.argc(); ++i)
        if (!idArg(ctx, ctx.arg(i), &ids[i - 3], 0, true)) return;
    int64_t acknowledged = 0;
    for (StreamId id : ids) {
        auto it = group->pel.find(id);
        if (it == group->pel.end()) continue;
        group->dropNack(it);
        ++acknowledged;
    }
    if (acknowledged) {
        ctx.addDirty(static_cast<uint64_t>(acknowledged));
        groupStateChanged(ctx, ctx.arg(1));
    }
    ctx.reply.integer(acknowledged);
}

void cmdXpending(CommandContext &ctx)
{
    const bool summary = ctx.argc() == 3;
    if (!summary && (ctx.argc() < 6 || ctx.argc() > 9)) return ctx.syntaxError();
    StreamId start, end;
    int64_t count = 0, minIdle = 0;
    std::string_view consumerName;
    bool byConsumer = false;
    if (!summary) {
        size_t at = 3;
        if (equalsIgnoreCase(ctx.arg(3), "idle")) {
            if (!ctx.int64Arg(4, &minIdle)) return;
            if (ctx.argc() < 8) return ctx.syntaxError();
            at += 2;
        }
        if (!ctx.int64Arg(at + 2, &count)) return;
        if (count < 0) count = 0;
        bool startEx, endEx;
        if (!intervalIdArg(ctx, ctx.arg(at), &start, &startEx, 0)) return;
        if (startEx && !start.increment())
            return ctx.error("ERR invalid start ID for the interval");
        if (!intervalIdArg(ctx, ctx.arg(at + 1), &end, &endEx, UINT64_MAX)) return;
        if (endEx && !end.decrement()) return ctx.error("ERR invalid end ID for the interval");
        if (at + 3 < ctx.argc()) {
            consumerName = ctx.arg(at + 3);
            byConsumer = true;
        }
    }
    Value *value = lookupStreamRead(ctx, ctx.arg(1));
    if (ctx.wrongType()) return;
    StreamGroup *group = nullptr;
    if (value) {
        auto it = value->stream().groups.find(ctx.arg(2));
        if (it != value->stream().groups.end()) group = &it->second;
    }
    if (!group) return noGroupKeyError(ctx, ctx.arg(1), ctx.arg(2));
    if (summary) {
        ctx.reply.arrayHeader(4);
        ctx.reply.integer(static_cast<int64_t>(group->pel.size()));
        if (group->pel.empty()) {
            ctx.reply.nullBulk();
            ctx.reply.nullBulk();
            ctx.reply.nullArray();
            return;
        }
        replyId(ctx, group->pel.begin()->first);
        replyId(ctx, group->pel.rbegin()->first);
        size_t slot = ctx.reply.beginDeferredArray(), n = 0;
        for (const auto &[name, consumer] : group->consumers) {
            if (consumer.pel.empty()) continue;
            ctx.reply.arrayHeader(2);
            ctx.reply.bulk(name);
            ctx.reply.bulkInteger(static_cast<int64_t>(consumer.pel.size()));
            ++n;
        }
        ctx.reply.endDeferredArray(slot, n);
        return;
    }
    StreamConsumer *consumer = nullptr;
    if (byConsumer) {
        consumer = group->findConsumer(consumerName);
        if (!consumer) return ctx.reply.arrayHeader(0);
    }
    size_t slot = ctx.reply.beginDeferredArray(), n = 0;
    auto emit = [&](StreamId id, const StreamNack &nack) {
        if (minIdle && ctx.nowMs - nack.deliveryTime < minIdle) return;
        ctx.reply.arrayHeader(4);
        replyId(ctx, id);
        ctx.reply.bulk(nack.consumer ? nack.consumer->name : std::string());
        ctx.reply.integer(std::max<int64_t>(0, ctx.nowMs - nack.deliveryTime));
        ctx.reply.integer(static_cast<int64_t>(nack.deliveryCount));
        ++n;
        --count;
    };
    if (consumer) {
        for (auto it = consumer->pel.lower_bound(start);
             count && it != consumer->pel.end() && *it <= end; ++it)
            emit(*it, group->pel.at(*it));
    } else {
        for (auto it = group->pel.lower_bound(start);
             count && it != group->pel.end() && it->first <= end; ++it)
            emit(it->first, it->second);
    }
    ctx.reply.endDeferredArray(slot, n);
}

void cmdXclaim(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1), groupName = ctx.arg(2), consumerName = ctx.arg(3);
    Value *value = lookupStreamRead(ctx, key);
    if (ctx.wrongType()) return;
    StreamGroup *group = nullptr;
    if (value) {
        auto it = value->stream().groups.find(groupName);
        if (it != value->stream().groups.end()) group = &it->second;
    }
    if (!group) return noGroupKeyError(ctx, key, groupName);
    int64_t minIdle;
    if (!parseInt64(ctx.arg(4), &minIdle))
        return ctx.error("ERR Invalid min-idle-time argument for XCLAIM");
    if (minIdle < 0) minIdle = 0;
    size_t j = 5;
    std::vector<StreamId> ids;
    for (; j < ctx.argc(); ++j) {
        StreamId id;
        if (!parseStreamId(ctx.arg(j), &id, 0, true)) break;
        ids.push_back(id);
    }
    int64_t retryCount = -1, deliveryTime = -1;
    bool force = false, justId = false;
    StreamId lastId;
    for (; j < ctx.argc(); ++j) {
        const bool more = j + 1 < ctx.argc();
        std::string_view opt = ctx.arg(j);
        if (equalsIgnoreCase(opt, "force")) {
            force = true;
        } else if (equalsIgnoreCase(opt, "justid")) {
            justId = true;
        } else if (equalsIgnoreCase(opt, "idle") && more) {
            if (!parseInt64(ctx.arg(++j), &deliveryTime))
                return ctx.error("ERR Invalid IDLE option argument for XCLAIM");
            deliveryTime = ctx.nowMs - deliveryTime;
        } else if (equalsIgnoreCase(opt, "time") && more) {
            if (!parseInt64(ctx.arg(++j), &deliveryTime))
                return ctx.error("ERR Invalid TIME option argument for XCLAIM");
        } else if (equalsIgnoreCase(opt, "retrycount") && more) {
            if (!parseInt64(ctx.arg(++j), &retryCount))
                return ctx.error("ERR Invalid RETRYCOUNT option argument for XCLAIM");
        } else if (equalsIgnoreCase(opt, "lastid") && more) {
            if (!idArg(ctx, ctx.arg(++j), &lastId, 0, true)) return;
        } else {
            return ctx.error("ERR Unrecognized XCLAIM option '" + std::string(opt) + "'");
        }
    }
    propagateNothingElse(ctx);
    bool propagateLastId = false;
    if (lastId > group->lastId) {
        group->lastId = lastId;
        propagateLastId = true;
    }
    if (deliveryTime != -1) {
        if (deliveryTime < 0 || deliveryTime > ctx.nowMs) deliveryTime = ctx.nowMs;
    } else {
        deliveryTime = ctx.nowMs;
    }
    Stream &stream = value->stream();
    StreamConsumer *consumer = nullptr;
    size_t slot = ctx.reply.beginDeferredArray(), n = 0;
    for (StreamId id : ids) {
        auto it = group->pel.find(id);
        if (!stream.contains(id)) {
            if (it != group->pel.end()) {
                propagateClaim(ctx, key, groupName, *group, id, it->second);
                ctx.addDirty();
                group->dropNack(it);
            }
            continue;
        }
        if (force && it == group->pel.end()) {
            it = group->pel.emplace(id, StreamNack{}).first;
            it->second.deliveryCount = 0;
        }
        if (it == group->pel.end()) continue;
        StreamNack &nack = it->second;
        if (nack.consumer && minIdle && ctx.nowMs - nack.deliveryTime < minIdle) continue;
        if (!consumer) consumer = lookupOrCreateConsumer(ctx, key, groupName, *group, consumerName);
        if (nack.consumer != consumer && nack.consumer) nack.consumer->pel.erase(id);
        nack.deliveryTime = deliveryTime;
        if (retryCount >= 0)
            nack.deliveryCount = static_cast<uint64_t>(retryCount);
        else if (!justId)
            ++nack.deliveryCount;
        if (nack.consumer != consumer) {
            consumer->pel.insert(id);
            nack.consumer = consumer;
        }
        if (justId)
            replyId(ctx, id);
        else if (!replyOneEntry(ctx.reply, stream, id))
            ctx.reply.nullBulk();
        ++n;
        propagateClaim(ctx, key, groupName, *group, id, nack);
        propagateLastId = false;
        ctx.addDirty();
    }
    if (propagateLastId) {
        propagateGroupId(ctx, key, groupName, *group);
        ctx.addDirty();
    }
    ctx.reply.endDeferredArray(slot, n);
    if (n || propagateLastId) groupStateChanged(ctx, key);
}

void cmdXautoclaim(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1), groupName = ctx.arg(2), consumerName = ctx.arg(3);
    int64_t minIdle;
    if (!parseInt64(ctx.arg(4), &minIdle))
        return ctx.error("ERR Invalid min-idle-time argument for XAUTOCLAIM");
    if (minIdle < 0) minIdle = 0;
    StreamId start;
    bool startEx;
    if (!intervalIdArg(ctx, ctx.arg(5), &start, &startEx, 0)) return;
    if (startEx && !start.increment()) return ctx.error("ERR invalid start ID for the interval");
    int64_t count = 100;
    bool justId = false;
    for (size_t j = 6; j < ctx.argc(); ++j) {
        const bool more = j + 1 < ctx.argc();
        if (equalsIgnoreCase(ctx.arg(j), "count") && more) {
            int64_t parsed;
            if (!parseInt64(ctx.arg(j + 1), &parsed) || parsed < 1 || parsed > INT64_MAX / 4 / 10)
                return ctx.error("ERR COUNT must be > 0");
            count = parsed;
            ++j;
        } else if (equalsIgnoreCase(ctx.arg(j), "justid")) {
            justId = true;
        } else {
            return ctx.syntaxError();
        }
    }
    Value *value = lookupStreamRead(ctx, key);
    if (ctx.wrongType()) return;
    StreamGroup *group = nullptr;
    if (value) {
        auto it = value->stream().groups.find(groupName);
        if (it != value->stream().groups.end()) group = &it->second;
    }
    if (!group) return noGroupKeyError(ctx, key, groupName);
    propagateNothingElse(ctx);
    Stream &stream = value->stream();
    int64_t attempts = count * 10;
    ctx.reply.arrayHeader(3);
    // The cursor comes first in the reply but is known last: build the entries aside.
    std::string entries;
    ReplyWriter entriesWriter(&entries);
    entriesWriter.setProtocol(ctx.reply.isResp3() ? 3 : 2);
    size_t n = 0;
    std::vector<StreamId> deletedIds;
    StreamConsumer *consumer = nullptr;
    auto it = group->pel.lower_bound(start);
    while (attempts-- && count && it != group->pel.end()) {
        StreamId id = it->first;
        if (!stream.contains(id)) {
            propagateClaim(ctx, key, groupName, *group, id, it->second);
            ctx.addDirty();
            auto next = std::next(it);
            group->dropNack(it);
            it = next;
            deletedIds.push_back(id);
            --count;
            continue;
        }
        StreamNack &nack = it->second;
        if (minIdle && ctx.nowMs - nack.deliveryTime < minIdle) {
            ++it;
            continue;
        }
        if (!consumer) consumer = lookupOrCreateConsumer(ctx, key, groupName, *group, consumerName);
        if (nack.consumer != consumer && nack.consumer) nack.consumer->pel.erase(id);
        nack.deliveryTime = ctx.nowMs;
        if (!justId) ++nack.deliveryCount;
        if (nack.consumer != consumer) {
            consumer->pel.insert(id);
            nack.consumer = consumer;
        }
        if (justId)
            entriesWriter.bulk(id.toString());
        else if (!replyOneEntry(entriesWriter, stream, id))
            entriesWriter.nullBulk();
        ++n;
        --count;
        propagateClaim(ctx, key, groupName, *group, id, nack);
        ctx.addDirty();
        ++it;
    }
    replyId(ctx, it == group->pel.end() ? StreamId{} : it->first);
    ctx.reply.arrayHeader(n);
    ctx.reply.buffer()->append(entries);
    ctx.reply.arrayHeader(deletedIds.size());
    for (StreamId id : deletedIds)
        replyId(ctx, id);
    if (n || !deletedIds.empty()) groupStateChanged(ctx, key);
}

void cmdXinfoStream(CommandContext &ctx)
{
    Value *value = xinfoKey(ctx);
    if (!value) return;
    const Stream &stream = value->stream();
    const size_t extra = ctx.argc() - 3;
    if (extra > 0) {
        int64_t count = 10;
        if (!equalsIgnoreCase(ctx.arg(3), "full") || (extra != 1 && extra != 3))
            return badSubcommandUsage(ctx, "XINFO");
        if (extra == 3) {
            if (!equalsIgnoreCase(ctx.arg(4), "count")) return badSubcommandUsage(ctx, "XINFO");
            if (!ctx.int64Arg(5, &count)) return;
            if (count < 0) count = 10; // Redis 7.0: a negative COUNT is the default
        }
        return xinfoStreamFull(ctx, stream, count);
    }
    ReplyWriter &r = ctx.reply;
    r.mapHeader(10);
    replyStreamSummary(ctx, stream);
    r.bulk("groups");
    r.integer(static_cast<int64_t>(stream.groups.size()));
    r.bulk("first-entry");
    replyEdgeEntry(ctx, stream, false);
    r.bulk("last-entry");
    replyEdgeEntry(ctx, stream, true);
}

void cmdXinfoGroups(CommandContext &ctx)
{
    Value *value = xinfoKey(ctx);
    if (!value) return;
    const Stream &stream = value->stream();
    ctx.reply.arrayHeader(stream.groups.size());
    for (const auto &[name, group] : stream.groups) {
        ctx.reply.mapHeader(6);
        ctx.reply.bulk("name");
        ctx.reply.bulk(name);
        ctx.reply.bulk("consumers");
        ctx.reply.integer(static_cast<int64_t>(group.consumers.size()));
        ctx.reply.bulk("pending");
        ctx.reply.integer(static_cast<int64_t>(group.pel.size()));
        ctx.reply.bulk("last-delivered-id");
        replyId(ctx, group.lastId);
        ctx.reply.bulk("entries-read");
        replyEntriesRead(ctx, group);
        ctx.reply.bulk("lag");
        replyGroupLag(ctx, stream, group);
    }
}

void cmdXinfoConsumers(CommandContext &ctx)
{
    Value *value = xinfoKey(ctx);
    if (!value) return;
    auto it = value->stream().groups.find(ctx.arg(3));
    if (it == value->stream().groups.end())
        return ctx.error("NOGROUP No such consumer group '" + std::string(ctx.arg(3)) +
                         "' for key name '" + std::string(ctx.arg(2)) + "'");
    ctx.reply.arrayHeader(it->second.consumers.size());
    for (const auto &[name, consumer] : it->second.consumers) {
        ctx.reply.mapHeader(3);
        ctx.reply.bulk("name");
        ctx.reply.bulk(name);
        ctx.reply.bulk("pending");
        ctx.reply.integer(static_cast<int64_t>(consumer.pel.size()));
        ctx.reply.bulk("idle");
        ctx.reply.integer(std::max<int64_t>(0, ctx.nowMs - consumer.seenTime));
    }
}

void cmdXinfoHelp(CommandContext &ctx)
{
    static const char *const kLines[] = {
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.",
    };
    replyHelp(ctx, "XINFO", kLines);
}

void cmdXread(CommandContext &ctx)
{
    xreadGeneric(ctx);
}

void cmdXreadgroup(CommandContext &ctx)
{
    xreadGeneric(ctx);
}

} // namespace redscope::engine
