// ACL and its subcommands (SETUSER, GETUSER, DELUSER, LIST, USERS, WHOAMI, CAT, GENPASS,
// LOG, DRYRUN, SAVE, LOAD, HELP). The users, rules and checks live in server/acl.cpp; this
// file only parses arguments and shapes replies the way Redis 7.0 does, so redis-cli and
// client libraries read them unchanged.
#include "commands/command_context.h"
#include "commands/command_table.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "server/acl.h"
#include "server/server.h"
#include "util/strings.h"

#include <random>

namespace redscope::engine {


namespace {

void replySelector(CommandContext &ctx, const AclSelector &selector)
{
    ctx.reply.bulk("commands");
    ctx.reply.bulk(Acl::describeCommands(selector));
    ctx.reply.bulk("keys");
    ctx.reply.bulk(Acl::describeKeys(selector));
    ctx.reply.bulk("channels");
    ctx.reply.bulk(Acl::describeChannels(selector));
}

// Like Redis, clients authenticated as a deleted user are disconnected; the caller gets its
// reply first.
void disconnectUser(CommandContext &ctx, std::string_view name)
{
    for (const auto &entry : ctx.server.clients()) {
        Client &client = *entry.second;
        if (client.user != name) continue;
        client.user = "default";
        client.authenticated = false;
        if (&client == &ctx.client)
            client.closeAfterReply = true;
        else
            ctx.server.scheduleClose(client);
    }
}

constexpr std::string_view kNoAclFile =
    "ERR This Redis instance is not configured to use an ACL file. You may want to specify "
    "users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a "
    "Redis configuration file set) in order to store users in the Redis configuration.";

} // namespace

void cmdAclSetuser(CommandContext &ctx)
{
    std::vector<std::string_view> rules(ctx.argv.begin() + 3, ctx.argv.end());
    std::string error;
    if (!ctx.server.acl().setUser(ctx.arg(2), rules, &error)) return ctx.error(error);
    ctx.reply.ok();
}

void cmdAclGetuser(CommandContext &ctx)
{
    const AclUser *user = ctx.server.acl().find(ctx.arg(2));
    if (!user) return ctx.reply.nullBulk();
    // Redis 7.0 writes the map, the flags and each selector's map with deferred lengths (it
    // counts as it goes); the reply sits in the reply list as Redis's does.
    const size_t mapSlot = ctx.reply.beginDeferredMap();
    ctx.reply.bulk("flags");
    std::vector<std::string> flags;
    Acl::describeFlags(*user, &flags);
    const size_t flagSlot = ctx.reply.beginDeferredSet();
    for (const std::string &flag : flags)
        ctx.reply.bulk(flag);
    ctx.reply.endDeferredSet(flagSlot, flags.size());
    ctx.reply.bulk("passwords");
    ctx.reply.arrayHeader(user->passwords.size());
    for (const std::string &hash : user->passwords)
        ctx.reply.bulk(hash);
    replySelector(ctx, user->selectors.front());
    ctx.reply.bulk("selectors");
    ctx.reply.arrayHeader(user->selectors.size() - 1);
    for (size_t i = 1; i < user->selectors.size(); ++i) {
        const size_t selectorSlot = ctx.reply.beginDeferredMap();
        replySelector(ctx, user->selectors[i]);
        ctx.reply.endDeferredMap(selectorSlot, 3);
    }
    ctx.reply.endDeferredMap(mapSlot, 6);
}

void cmdAclDeluser(CommandContext &ctx)
{
    int64_t deleted = 0;
    for (size_t i = 2; i < ctx.argc(); ++i) {
        if (ctx.arg(i) == "default") return ctx.error("ERR The 'default' user cannot be removed");
        if (!ctx.server.acl().deleteUser(ctx.arg(i))) continue;
        disconnectUser(ctx, ctx.arg(i));
        ++deleted;
    }
    ctx.reply.integer(deleted);
}

void cmdAclList(CommandContext &ctx)
{
    const auto &users = ctx.server.acl().users();
    ctx.reply.arrayHeader(users.size());
    for (const auto &entry : users)
        ctx.reply.bulk(Acl::describeUser(*entry.second));
}

void cmdAclUsers(CommandContext &ctx)
{
    const auto &users = ctx.server.acl().users();
    ctx.reply.arrayHeader(users.size());
    for (const auto &entry : users)
        ctx.reply.bulk(entry.first);
}

void cmdAclCat(CommandContext &ctx)
{
    if (ctx.argc() > 3) return badSubcommandUsage(ctx, "ACL");
    // Both forms have a deferred length in Redis 7.0, the full list's too.
    if (ctx.argc() == 2) {
        const size_t slot = ctx.reply.beginDeferredArray();
        for (const char *name : kAclCategoryNames)
            ctx.reply.bulk(name);
        ctx.reply.endDeferredArray(slot, kAclCategoryCount);
        return;
    }
    uint32_t bit = 0;
    if (!Acl::categoryBit(ctx.arg(2), &bit))
        return ctx.error("ERR Unknown category '" + std::string(ctx.arg(2)) + "'");
    std::vector<std::string> names;
    for (const CommandSpec &spec : CommandTable::instance().all()) {
        if (CommandTable::aclCategoryBits(spec) & bit) names.emplace_back(spec.name);
        if (const auto *subs = CommandTable::subcommands(spec))
            for (const SubcommandSpec &sub : *subs)
                if (sub.aclCategories & bit) names.push_back(Acl::commandName(spec, &sub));
    }
    const size_t slot = ctx.reply.beginDeferredArray();
    for (const std::string &name : names)
        ctx.reply.bulk(name);
    ctx.reply.endDeferredArray(slot, names.size());
}

void cmdAclGenpass(CommandContext &ctx)
{
    if (ctx.argc() > 3) return badSubcommandUsage(ctx, "ACL");
    int64_t bits = 256;
    if (ctx.argc() == 3) {
        if (!ctx.int64Arg(2, &bits)) return;
        if (bits <= 0 || bits > 4096)
            return ctx.error("ERR ACL GENPASS argument must be the number of bits for the output "
                             "password, a positive number up to 4096");
    }
    // std::random_device reads the kernel's entropy source, as Redis's getRandomHexChars.
    std::random_device device;
    static const char hex[] = "0123456789abcdef";
    std::string password;
    size_t chars = static_cast<size_t>((bits + 3) / 4);
    while (password.size() < chars) {
        unsigned int word = device();
        for (int i = 0; i < 8 && password.size() < chars; ++i, word >>= 4)
            password += hex[word & 0xf];
    }
    ctx.reply.bulk(password);
}

void cmdAclLog(CommandContext &ctx)
{
    if (ctx.argc() > 3) return badSubcommandUsage(ctx, "ACL");
    std::deque<AclLogEntry> &log = ctx.server.acl().log();
    int64_t count = 10;
    if (ctx.argc() == 3) {
        if (equalsIgnoreCase(ctx.arg(2), "RESET")) {
            log.clear();
            return ctx.reply.ok();
        }
        if (!ctx.int64Arg(2, &count)) return;
        count = std::max<int64_t>(count, 0);
    }
    size_t shown = std::min(log.size(), static_cast<size_t>(count));
    ctx.reply.arrayHeader(shown);
    for (size_t i = 0; i < shown; ++i) {
        const AclLogEntry &entry = log[i];
        ctx.reply.mapHeader(7);
        ctx.reply.bulk("count");
        ctx.reply.integer(static_cast<int64_t>(entry.count));
        ctx.reply.bulk("reason");
        ctx.reply.bulk(entry.reason);
        ctx.reply.bulk("context");
        ctx.reply.bulk(entry.context);
        ctx.reply.bulk("object");
        ctx.reply.bulk(entry.object);
        ctx.reply.bulk("username");
        ctx.reply.bulk(entry.username);
        ctx.reply.bulk("age-seconds");
        ctx.reply.doubleValue(static_cast<double>(ctx.nowMs - entry.createdMs) / 1000.0);
        ctx.reply.bulk("client-info");
        ctx.reply.bulk(entry.clientInfo);
    }
}

void cmdAclDryrun(CommandContext &ctx)
{
    const AclUser *user = ctx.server.acl().find(ctx.arg(2));
    if (!user) return ctx.error("ERR User '" + std::string(ctx.arg(2)) + "' not found");
    const CommandSpec *spec = ctx.server.lookupCommand(ctx.arg(3));
    if (!spec) return ctx.error("ERR Command '" + std::string(ctx.arg(3)) + "' not found");
    std::span<const std::string_view> argv = ctx.argv.subspan(3);
    const SubcommandSpec *sub = nullptr;
    if (argv.size() >= 2 && CommandTable::subcommands(*spec)) {
        sub = CommandTable::findSubcommand(*spec, argv[1]);
        if (!sub) return ctx.error("ERR Command '" + std::string(ctx.arg(3)) + "' not found");
    }
    int arity = sub ? sub->arity : spec->arity;
    int argc = static_cast<int>(argv.size());
    if ((arity > 0 && argc != arity) || argc < -arity)
        return ctx.error("ERR wrong number of arguments for '" + Acl::commandName(*spec, sub) +
                         "' command");
    AclVerdict verdict = Acl::check(*user, *spec, sub, argv);
    size_t index = static_cast<size_t>(verdict.argIndex);
    switch (verdict.denial) {
    case AclDenial::None:
        return ctx.reply.ok();
    case AclDenial::Key:
        return ctx.reply.bulk("This user has no permissions to access the '" +
                              std::string(argv[index]) + "' key");
    case AclDenial::Channel:
        return ctx.reply.bulk("This user has no permissions to access the '" +
                              std::string(argv[index]) + "' channel");
    default:
        return ctx.reply.bulk("This user has no permissions to run the '" +
                              Acl::commandName(*spec, sub) + "' command");
    }
}

void cmdAclSave(CommandContext &ctx)
{
    const std::string &path = ctx.server.config().aclFile;
    if (path.empty()) return ctx.error(kNoAclFile);
    std::string why;
    if (!ctx.server.acl().saveFile(path, &why)) {
        ctx.server.log(Server::LogWarning, why);
        return ctx.error("ERR There was an error trying to save the ACLs. Please check the "
                         "server logs for more information");
    }
    ctx.reply.ok();
}

// Like Redis 7.0, a successful load replaces every user, so clients authenticated as any
// user but "default" are disconnected.
void cmdAclLoad(CommandContext &ctx)
{
    const std::string &path = ctx.server.config().aclFile;
    if (path.empty()) return ctx.error(kNoAclFile);
    std::vector<std::string> before;
    for (const auto &entry : ctx.server.acl().users())
        before.push_back(entry.first);
    std::string why;
    if (!ctx.server.acl().loadFile(path, &why)) return ctx.error("ERR " + why);
    for (const std::string &name : before)
        if (name != "default") disconnectUser(ctx, name);
    ctx.reply.ok();
}

void cmdAclHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "CAT [<category>]",
        "    List all commands that belong to <category>, or all command categories",
        "    when no category is specified.",
        "DELUSER <username> [<username> ...]",
        "    Delete a list of users.",
        "DRYRUN <username> <command> [<arg> ...]",
        "    Returns whether the user can execute the given command without executing the "
        "command.",
        "GETUSER <username>",
        "    Get the user's details.",
        "GENPASS [<bits>]",
        "    Generate a secure 256-bit user password. The optional `bits` argument can",
        "    be used to specify a different size.",
        "LIST",
        "    Show users details in config file format.",
        "LOAD",
        "    Reload users from the ACL file.",
        "LOG [<count> | RESET]",
        "    Show the ACL log entries.",
        "SAVE",
        "    Save the current config to the ACL file.",
        "SETUSER <username> <attribute> [<attribute> ...]",
        "    Create or modify a user with the specified attributes.",
        "USERS",
        "    List all the registered usernames.",
        "WHOAMI",
        "    Return the current connection username.",
    };
    replyHelp(ctx, "ACL", lines);
}

void cmdAclWhoami(CommandContext &ctx)
{
    ctx.reply.bulk(ctx.client.user);
}

} // namespace redscope::engine
