// Connection commands: PING ECHO SELECT QUIT RESET AUTH HELLO CLIENT. They change only the
// calling client's state (db, protocol, name, authentication) or inspect other clients.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "server/server.h"
#include "server/version.h"
#include "util/strings.h"

#include <sstream>

namespace redscope::engine {

void cmdPing(CommandContext &ctx)
{
    if (ctx.argc() > 2) {
        ctx.error("ERR wrong number of arguments for 'ping' command");
        return;
    }
    // In RESP2 subscriber context PING answers a pub/sub-shaped array.
    if (ctx.client.protocol == 2 && ctx.client.inPubSubMode()) {
        ctx.reply.arrayHeader(2);
        ctx.reply.bulk("pong");
        ctx.reply.bulk(ctx.argc() == 2 ? ctx.arg(1) : "");
        return;
    }
    if (ctx.argc() == 2)
        ctx.reply.bulk(ctx.arg(1));
    else
        ctx.reply.status("PONG");
}

void cmdEcho(CommandContext &ctx) { ctx.reply.bulk(ctx.arg(1)); }

void cmdSelect(CommandContext &ctx)
{
    int64_t index;
    if (!parseInt64(ctx.arg(1), &index)) {
        ctx.error("ERR value is not an integer or out of range");
        return;
    }
    if (index < 0 || index >= ctx.server.dbCount()) {
        ctx.error(errors::kDbIndexOutOfRange);
        return;
    }
    ctx.client.dbIndex = static_cast<int>(index);
    ctx.reply.ok();
}

void cmdQuit(CommandContext &ctx)
{
    ctx.reply.ok();
    ctx.client.closeAfterReply = true;
}

void cmdReset(CommandContext &ctx)
{
    Client &client = ctx.client;
    ctx.server.unwatchAll(client);
    client.inMulti = false;
    client.multiAborted = false;
    client.multiQueue.clear();
    ctx.server.unsubscribeAll(client, false);
    client.dbIndex = 0;
    client.protocol = 2;
    client.name.clear();
    client.authenticated = ctx.server.acl().defaultUserLogsIn();
    client.user = "default";
    ctx.reply.setProtocol(2);
    ctx.reply.status("RESET");
}


// AUTH [username] password and HELLO ... AUTH: checked against the ACL users (the "default"
// user's password is requirepass). A failure is recorded in ACL LOG, as in Redis.
static bool authenticate(CommandContext &ctx, std::string_view user, std::string_view pass)
{
    Acl &acl = ctx.server.acl();
    if (acl.checkCredentials(user, pass)) {
        ctx.client.authenticated = true;
        ctx.client.user = std::string(user);
        return true;
    }
    acl.logDenial("auth", ctx.client.inMulti ? "multi" : "toplevel", "AUTH", std::string(user),
                  describeClient(ctx.server, ctx.client, ctx.nowMs), ctx.nowMs);
    return false;
}

void cmdAuth(CommandContext &ctx)
{
    if (ctx.argc() > 3) {
        ctx.syntaxError();
        return;
    }
    std::string_view user = ctx.argc() == 3 ? ctx.arg(1) : std::string_view("default");
    std::string_view pass = ctx.arg(ctx.argc() - 1);
    if (ctx.argc() == 2 && ctx.server.acl().defaultUser().noPass) {
        ctx.error("ERR AUTH <password> called without any password configured for the default "
                  "user. Are you sure your configuration is correct?");
        return;
    }
    if (!authenticate(ctx, user, pass)) {
        ctx.error("WRONGPASS invalid username-password pair or user is disabled.");
        return;
    }
    ctx.reply.ok();
}

void cmdHello(CommandContext &ctx)
{
    int64_t version = ctx.client.protocol;
    size_t i = 1;
    if (ctx.argc() >= 2) {
        if (!parseInt64(ctx.arg(1), &version)) {
            ctx.error("ERR Protocol version is not an integer or out of range");
            return;
        }
        if (version < 2 || version > 3) {
            ctx.error("NOPROTO unsupported protocol version");
            return;
        }
        i = 2;
    }
    std::string_view newName;
    bool setName = false;
    for (; i < ctx.argc(); ++i) {
        bool more = i + 1 < ctx.argc();
        if (equalsIgnoreCase(ctx.arg(i), "AUTH") && i + 2 < ctx.argc()) {
            if (!authenticate(ctx, ctx.arg(i + 1), ctx.arg(i + 2))) {
                ctx.error("WRONGPASS invalid username-password pair or user is disabled.");
                return;
            }
            i += 2;
        } else if (equalsIgnoreCase(ctx.arg(i), "SETNAME") && more) {
            newName = ctx.arg(++i);
            setName = true;
        } else {
            ctx.error("ERR Syntax error in HELLO option '" + std::string(ctx.arg(i)) + "'");
            return;
        }
    }
    if (!ctx.client.authenticated) {
        ctx.error("NOAUTH HELLO must be called with the client already authenticated, otherwise "
                  "the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the "
                  "client and select the RESP protocol version at the same time");
        return;
    }
    if (setName) {
        for (char c : newName) {
            if (c < '!' || c > '~') {
                ctx.error("ERR Client names cannot contain spaces, newlines or special characters.");
                return;
            }
        }
        ctx.client.name = std::string(newName);
    }
    ctx.client.protocol = static_cast<int>(version);
    ctx.reply.setProtocol(ctx.client.protocol);
    ctx.reply.mapHeader(7);
    ctx.reply.bulk("server");
    ctx.reply.bulk("redis");
    ctx.reply.bulk("version");
    ctx.reply.bulk(kRedisVersion);
    ctx.reply.bulk("proto");
    ctx.reply.integer(version);
    ctx.reply.bulk("id");
    ctx.reply.integer(static_cast<int64_t>(ctx.client.id));
    ctx.reply.bulk("mode");
    ctx.reply.bulk("standalone");
    ctx.reply.bulk("role");
    ctx.reply.bulk("master");
    ctx.reply.bulk("modules");
    ctx.reply.arrayHeader(0);
}

// One line of CLIENT LIST / CLIENT INFO, with Redis's field names so tools can parse it.
// The size of the arguments of the command running now (Redis's argv-mem).
static size_t argvBytes(const CommandContext &ctx)
{
    size_t bytes = 0;
    for (std::string_view arg : ctx.argv)
        bytes += arg.size();
    return bytes;
}

// Redis's client types for CLIENT KILL/LIST TYPE: master, replica (alias slave), pubsub,
// normal; "" for an unknown name.
static std::string clientTypeOf(const Client &client)
{
    if (client.isMaster) return "master";
    if (client.replState != Client::ReplState::None) return "replica";
    return client.inPubSubMode() ? "pubsub" : "normal";
}

static std::string parseClientType(std::string_view name)
{
    for (const char *type : {"normal", "pubsub", "master", "replica"})
        if (equalsIgnoreCase(name, type)) return type;
    return equalsIgnoreCase(name, "slave") ? "replica" : "";
}

std::string describeClient(Server &server, const Client &client, int64_t nowMs, size_t argvBytes)
{
    // In Redis 7.0's order.
    std::string flags;
    if (client.replState != Client::ReplState::None) flags += 'S';
    if (client.isMaster) flags += 'M';
    if (client.monitor) flags += 'O';
    if (client.inPubSubMode()) flags += 'P';
    if (client.inMulti) flags += 'x';
    if (client.blocked) flags += 'b';
    if (client.tracking.on) flags += 't';
    if (client.tracking.brokenRedirect) flags += 'R';
    if (client.tracking.bcast) flags += 'B';
    if (client.watchDirty) flags += 'd';
    if (client.closeAfterReply) flags += 'c';
    if (client.isUnixSocket) flags += 'U';
    if (client.noEvict) flags += 'e';
    if (flags.empty()) flags += 'N';
    // Replies queued since the last placement (a client listing itself mid-pipeline) are
    // placed on a copy: its own reply cuts may still come.
    ReplyLayout pendingLayout;
    const bool unplaced = client.output.size() != client.replyLayout.placed;
    if (unplaced) {
        pendingLayout = client.replyLayout;
        placeOutput(pendingLayout, client.output, client.outputSent);
    }
    const ReplyLayout &layout = unplaced ? pendingLayout : client.replyLayout;
    std::ostringstream line;
    line << "id=" << client.id << " addr=" << client.peerAddress
         << " laddr=" << client.localAddress << " fd=" << client.fd << " name=" << client.name
         << " age=" << (nowMs - client.createdMs) / 1000
         << " idle=" << (nowMs - client.lastInteractionMs) / 1000 << " flags=" << flags
         << " db=" << client.dbIndex << " sub=" << client.channels.size()
         << " psub=" << client.patterns.size() << " ssub=" << client.shardChannels.size()
         << " multi=" << (client.inMulti ? static_cast<long>(client.multiQueue.size()) : -1L)
         << " qbuf=" << (client.input.size() - client.inputPos)
         << " qbuf-free=" << (client.input.capacity() - client.input.size())
         << " argv-mem=" << argvBytes << " multi-mem=0 rbs=" << layout.bufSize
         << " rbp=" << layout.bufPeak << " obl=" << layout.bufUsed
         << " oll=" << layout.blocks.size() << " omem=" << layout.outputMemory()
         << " tot-mem="
         << sizeof(Client) + client.input.capacity() + layout.bufSize + layout.outputMemory() +
                argvBytes
         << " events=r" << (client.output.size() > client.outputSent ? "w" : "")
         << " cmd=" << client.lastCommand << " user=" << client.user << " redir="
         << (client.tracking.on ? static_cast<int64_t>(client.tracking.redirect) : -1)
         << " resp=" << client.protocol;
    (void)server;
    return line.str();
}

void cmdClientKill(CommandContext &ctx)
{
    Server &server = ctx.server;
    // Old form: CLIENT KILL addr:port.
    if (ctx.argc() == 3) {
        for (const auto &entry : server.clients()) {
            Client &client = *entry.second;
            if (client.peerAddress == ctx.arg(2)) {
                if (&client == &ctx.client) {
                    client.closeAfterReply = true;
                } else {
                    client.closeNow = true;
                    server.scheduleClose(client);
                }
                ctx.reply.ok();
                return;
            }
        }
        ctx.error("ERR No such client");
        return;
    }
    if ((ctx.argc() - 2) % 2 != 0) {
        ctx.syntaxError();
        return;
    }
    int64_t id = -1;
    std::string addr, laddr, user, type;
    bool skipMe = true;
    for (size_t i = 2; i + 1 < ctx.argc(); i += 2) {
        std::string_view option = ctx.arg(i), value = ctx.arg(i + 1);
        if (equalsIgnoreCase(option, "ID")) {
            if (!parseInt64(value, &id) || id <= 0) {
                ctx.error("ERR client-id should be greater than 0");
                return;
            }
        } else if (equalsIgnoreCase(option, "ADDR")) addr = value;
        else if (equalsIgnoreCase(option, "LADDR")) laddr = value;
        else if (equalsIgnoreCase(option, "USER")) {
            if (!server.acl().find(value)) {
                ctx.error("ERR No such user '" + std::string(value) + "'");
                return;
            }
            user = value;
        }
        else if (equalsIgnoreCase(option, "SKIPME")) {
            if (equalsIgnoreCase(value, "yes")) skipMe = true;
            else if (equalsIgnoreCase(value, "no")) skipMe = false;
            else {
                ctx.syntaxError();
                return;
            }
        } else if (equalsIgnoreCase(option, "TYPE")) {
            type = parseClientType(value);
            if (type.empty()) {
                ctx.error("ERR Unknown client type '" + std::string(value) + "'");
                return;
            }
        } else {
            ctx.syntaxError();
            return;
        }
    }
    int64_t killed = 0;
    for (const auto &entry : server.clients()) {
        Client &client = *entry.second;
        if (id > 0 && static_cast<int64_t>(client.id) != id) continue;
        if (!addr.empty() && client.peerAddress != addr) continue;
        if (!laddr.empty() && client.localAddress != laddr) continue;
        if (!user.empty() && client.user != user) continue;
        if (!type.empty() && clientTypeOf(client) != type) continue;
        if (&client == &ctx.client) {
            if (skipMe) continue;
            client.closeAfterReply = true;
        } else {
            client.closeNow = true;
            server.scheduleClose(client);
        }
        ++killed;
    }
    ctx.reply.integer(killed);
}

// CLIENT PAUSE timeout [WRITE|ALL]: the waiting itself is in Server (client_pause.cpp).
void cmdClientPause(CommandContext &ctx)
{
    if (ctx.argc() != 3 && ctx.argc() != 4)
        return ctx.error("ERR wrong number of arguments for 'client|pause' command");
    int64_t timeoutMs;
    if (!parseInt64(ctx.arg(2), &timeoutMs))
        return ctx.error("ERR timeout is not an integer or out of range");
    if (timeoutMs < 0) return ctx.error("ERR timeout is negative");
    bool writesOnly = false;
    if (ctx.argc() == 4) {
        if (equalsIgnoreCase(ctx.arg(3), "WRITE"))
            writesOnly = true;
        else if (!equalsIgnoreCase(ctx.arg(3), "ALL"))
            return ctx.error("ERR CLIENT PAUSE mode must be WRITE or ALL");
    }
    int64_t endMs = timeoutMs > INT64_MAX - ctx.nowMs ? INT64_MAX : ctx.nowMs + timeoutMs;
    ctx.server.pauseClients(endMs, writesOnly);
    ctx.reply.ok();
}

void cmdClientId(CommandContext &ctx)
{
    ctx.reply.integer(static_cast<int64_t>(ctx.client.id));
}

void cmdClientGetname(CommandContext &ctx)
{
    if (ctx.client.name.empty())
        ctx.reply.nullBulk();
    else
        ctx.reply.bulk(ctx.client.name);
}

void cmdClientSetname(CommandContext &ctx)
{
    for (char c : ctx.arg(2)) {
        if (c < '!' || c > '~') {
            ctx.error("ERR Client names cannot contain spaces, newlines or special characters.");
            return;
        }
    }
    ctx.client.name = std::string(ctx.arg(2));
    ctx.reply.ok();
}

void cmdClientInfo(CommandContext &ctx)
{
    ctx.reply.verbatim(describeClient(ctx.server, ctx.client, ctx.nowMs, argvBytes(ctx)) + "\n");
}

void cmdClientList(CommandContext &ctx)
{
    std::vector<uint64_t> ids;
    if (ctx.argc() >= 4 && equalsIgnoreCase(ctx.arg(2), "ID")) {
        for (size_t i = 3; i < ctx.argc(); ++i) {
            int64_t id;
            if (!parseInt64(ctx.arg(i), &id)) { // 0 or negative: matches no one
                ctx.error("ERR Invalid client ID");
                return;
            }
            ids.push_back(static_cast<uint64_t>(id));
        }
    } else if (ctx.argc() == 4 && equalsIgnoreCase(ctx.arg(2), "TYPE")) {
        const std::string type = parseClientType(ctx.arg(3));
        if (type.empty()) {
            ctx.error("ERR Unknown client type '" + std::string(ctx.arg(3)) + "'");
            return;
        }
        for (const auto &entry : ctx.server.clients())
            if (clientTypeOf(*entry.second) == type) ids.push_back(entry.first);
        if (ids.empty()) {
            ctx.reply.verbatim("");
            return;
        }
    } else if (ctx.argc() != 2) {
        ctx.syntaxError();
        return;
    }
    std::vector<const Client *> listed;
    for (const auto &entry : ctx.server.clients())
        if (ids.empty() || std::find(ids.begin(), ids.end(), entry.first) != ids.end())
            listed.push_back(entry.second.get());
    std::sort(listed.begin(), listed.end(),
              [](const Client *a, const Client *b) { return a->id < b->id; });
    std::string text;
    for (const Client *c : listed)
        text += describeClient(ctx.server, *c, ctx.nowMs, c == &ctx.client ? argvBytes(ctx) : 0) +
                "\n";
    ctx.reply.verbatim(text);
}

void cmdClientNoEvict(CommandContext &ctx)
{
    if (equalsIgnoreCase(ctx.arg(2), "ON"))
        ctx.client.noEvict = true;
    else if (equalsIgnoreCase(ctx.arg(2), "OFF"))
        ctx.client.noEvict = false;
    else
        return ctx.syntaxError();
    ctx.reply.ok();
}

// CLIENT REPLY ON|OFF|SKIP (networking.cpp drops the replies; see Client::replyOff).
void cmdClientReply(CommandContext &ctx)
{
    if (equalsIgnoreCase(ctx.arg(2), "ON")) {
        ctx.client.replyOff = ctx.client.replySkipNext = ctx.client.replySkipThis = false;
        ctx.reply.ok();
    } else if (equalsIgnoreCase(ctx.arg(2), "OFF")) {
        ctx.client.replyOff = true;
    } else if (equalsIgnoreCase(ctx.arg(2), "SKIP")) {
        if (!ctx.client.replyOff) ctx.client.replySkipNext = true;
    } else {
        ctx.syntaxError();
    }
}

void cmdClientUnpause(CommandContext &ctx)
{
    ctx.server.unpauseClients();
    ctx.reply.ok();
}

void cmdClientHelp(CommandContext &ctx)
{
    // Redis 7.0.15's lines, word for word (tools read them); replyHelp adds the header and
    // the HELP footer, with a deferred length as Redis's addReplyHelp.
    // clang-format off: a subcommand and its description per line
    static const char *const lines[] = {
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
    };
    // clang-format on
    replyHelp(ctx, "CLIENT", lines);
}

// CLIENT UNBLOCK id [TIMEOUT|ERROR]: any blocking command (lists, sorted sets, streams).
void cmdClientUnblock(CommandContext &ctx)
{
    int64_t id;
    if (!ctx.int64Arg(2, &id)) return;
    bool withError = false;
    if (ctx.argc() == 4) {
        if (equalsIgnoreCase(ctx.arg(3), "error"))
            withError = true;
        else if (!equalsIgnoreCase(ctx.arg(3), "timeout"))
            return ctx.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
    } else if (ctx.argc() > 4) {
        return ctx.syntaxError();
    }
    const bool unblocked =
        id > 0 && ctx.server.unblockClientOnRequest(static_cast<uint64_t>(id), withError);
    ctx.reply.integer(unblocked ? 1 : 0);
}

} // namespace redscope::engine
