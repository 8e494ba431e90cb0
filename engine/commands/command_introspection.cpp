// COMMAND (COUNT, INFO, DOCS, LIST, GETKEYS): serves the command table to clients and to the
// GUI's autocomplete. It only reads the table (command_table.cpp, subcommand_table.cpp) and
// the argument docs (command_docs.cpp); nothing here lists commands of its own, so a new row
// shows up in COMMAND INFO and DOCS without touching this file.
#include "commands/command_context.h"
#include "commands/command_docs.h"
#include "commands/command_info_table.h"
#include "commands/handlers.h"
#include "commands/key_specs.h"
#include "commands/subcommands.h"
#include "server/acl.h"
#include "util/strings.h"

#include <string>
#include <utility>
#include <vector>

namespace redscope::engine {

namespace {

// sub non-null: the entry of one subcommand, listed under its container as Redis 7 does
// (name "config|get", its own arity, flags, key positions, categories, tips and key specs).
// A container that cannot run alone (arity -2: CONFIG, CLIENT, ...) shows no flags, no keys
// and @slow, as Redis 7.0 shows it; COMMAND itself runs alone and keeps its own.
void replyCommandInfo(CommandContext &ctx, const CommandSpec &spec,
                      const SubcommandSpec *sub = nullptr)
{
    ReplyWriter &r = ctx.reply;
    r.arrayHeader(10);
    const std::string fullName =
        sub ? std::string(spec.name) + "|" + sub->name : std::string(spec.name);
    const SubcommandInfo *subInfo = sub ? subcommandInfo(fullName) : nullptr;
    const bool bareContainer = !sub && CommandTable::subcommands(spec) && spec.arity == -2;
    r.bulk(fullName);
    r.integer(sub ? sub->arity : spec.arity);
    // Redis 7.0's flag names in its order (may_replicate is not shown, as there).
    static const std::pair<uint32_t, std::string_view> kFlagNames[] = {
        {CmdWrite, "write"},           {CmdReadOnly, "readonly"},
        {CmdDenyOom, "denyoom"},       {CmdAdmin, "admin"},
        {CmdPubSub, "pubsub"},         {CmdNoScript, "noscript"},
        {CmdBlocking, "blocking"},     {CmdLoading, "loading"},
        {CmdStale, "stale"},           {CmdSkipMonitor, "skip_monitor"},
        {CmdSkipSlowlog, "skip_slowlog"}, {CmdAsking, "asking"},
        {CmdFast, "fast"},             {CmdNoAuth, "no_auth"},
        {CmdNoMandatoryKeys, "no_mandatory_keys"}, {CmdNoAsyncLoading, "no_async_loading"},
        {CmdNoMulti, "no_multi"},      {CmdMovableKeys, "movablekeys"},
        {CmdAllowBusy, "allow_busy"}};
    const uint32_t ownFlags = bareContainer ? 0 : subInfo ? subInfo->flags : spec.flags;
    std::vector<std::string_view> flags;
    for (const auto &[bit, flagName] : kFlagNames)
        if (ownFlags & bit) flags.push_back(flagName);
    r.setHeader(flags.size());
    for (std::string_view f : flags)
        r.status(f);
    r.integer(subInfo ? subInfo->firstKey : sub || bareContainer ? 0 : spec.firstKey);
    r.integer(subInfo ? subInfo->lastKey : sub || bareContainer ? 0 : spec.lastKey);
    r.integer(subInfo ? subInfo->keyStep : sub || bareContainer ? 0 : spec.keyStep);
    // A subcommand's own ACL categories (Redis 7.0's, subcommand_table.cpp), in category order.
    std::vector<std::string_view> categories;
    if (sub) {
        for (int bit = 0; bit < kAclCategoryCount; ++bit)
            if (sub->aclCategories & (1u << bit)) categories.push_back(kAclCategoryNames[bit]);
    } else if (bareContainer) {
        categories = {"slow"};
    } else {
        categories = CommandTable::categories(spec);
    }
    // Redis 7.0 counts the flags first but writes the categories with a deferred length, so
    // every entry (and subcommand entry) puts a placeholder node in the reply list.
    const size_t categorySlot = r.beginDeferredSet();
    for (std::string_view c : categories)
        r.status("@" + std::string(c));
    r.endDeferredSet(categorySlot, categories.size());
    const std::vector<std::string_view> tips = commandTips(fullName);
    r.setHeader(tips.size());
    for (std::string_view tip : tips)
        r.status(tip);
    writeKeySpecs(r, fullName);
    const std::vector<SubcommandSpec> *subs = sub ? nullptr : CommandTable::subcommands(spec);
    r.arrayHeader(subs ? subs->size() : 0);
    if (subs)
        for (const SubcommandSpec &each : *subs)
            replyCommandInfo(ctx, spec, &each);
}

// The docs map of a command or of one subcommand (sub non-null: fullName is "config|get").
// Arguments come from command_docs.cpp; a container lists its subcommands' docs, as Redis 7.
void replyDocsMap(CommandContext &ctx, const CommandSpec &spec, const SubcommandSpec *sub)
{
    ReplyWriter &r = ctx.reply;
    const std::string fullName =
        sub ? std::string(spec.name) + "|" + sub->name : std::string(spec.name);
    const std::vector<ArgumentDoc> *arguments = CommandDocs::arguments(fullName);
    const bool hasArguments = arguments && !arguments->empty();
    const std::vector<SubcommandSpec> *subs = sub ? nullptr : CommandTable::subcommands(spec);
    // A row without a complexity (LOLWUT) has none in Redis's docs either.
    const bool hasComplexity = sub || spec.complexity;
    r.mapHeader(3 + hasComplexity + hasArguments + (subs != nullptr));
    r.bulk("summary");
    r.bulk(sub ? std::string() : std::string(spec.summary ? spec.summary : ""));
    r.bulk("since");
    r.bulk(spec.since ? spec.since : "");
    r.bulk("group");
    r.bulk(spec.group);
    if (hasComplexity) {
        r.bulk("complexity");
        r.bulk(spec.complexity ? spec.complexity : "");
    }
    if (hasArguments) {
        r.bulk("arguments");
        CommandDocs::writeArguments(r, *arguments);
    }
    if (subs) {
        r.bulk("subcommands");
        r.mapHeader(subs->size());
        for (const SubcommandSpec &each : *subs) {
            r.bulk(std::string(spec.name) + "|" + each.name);
            replyDocsMap(ctx, spec, &each);
        }
    }
}

void replyCommandDocs(CommandContext &ctx, const CommandSpec &spec, const SubcommandSpec *sub)
{
    ctx.reply.bulk(sub ? std::string(spec.name) + "|" + sub->name : std::string(spec.name));
    replyDocsMap(ctx, spec, sub);
}

} // namespace

// COMMAND alone lists every command, as COMMAND INFO does; with a subcommand its row runs.
void cmdCommand(CommandContext &ctx)
{
    if (ctx.argc() > 1) return cmdSubcommand(ctx);
    const CommandTable &table = CommandTable::instance();
    ctx.reply.arrayHeader(table.all().size());
    for (const CommandSpec &spec : table.all())
        replyCommandInfo(ctx, spec);
}

void cmdCommandCount(CommandContext &ctx)
{
    ctx.reply.integer(static_cast<int64_t>(CommandTable::instance().all().size()));
}

void cmdCommandInfo(CommandContext &ctx)
{
    const CommandTable &table = CommandTable::instance();
    if (ctx.argc() == 2) {
        ctx.reply.arrayHeader(table.all().size());
        for (const CommandSpec &spec : table.all())
            replyCommandInfo(ctx, spec);
        return;
    }
    // Names may be "container|sub", as in Redis 7.
    ctx.reply.arrayHeader(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i) {
        std::string_view name = ctx.arg(i);
        const size_t bar = name.find('|');
        const CommandSpec *spec = table.find(name.substr(0, bar));
        const SubcommandSpec *sub = spec && bar != std::string_view::npos
                                        ? CommandTable::findSubcommand(*spec, name.substr(bar + 1))
                                        : nullptr;
        if (spec && (bar == std::string_view::npos || sub))
            replyCommandInfo(ctx, *spec, sub);
        else
            ctx.reply.nullArray();
    }
}

void cmdCommandDocs(CommandContext &ctx)
{
    const CommandTable &table = CommandTable::instance();
    // Names may be "container|sub", as in Redis 7; unknown names are left out.
    std::vector<std::pair<const CommandSpec *, const SubcommandSpec *>> specs;
    if (ctx.argc() == 2) {
        for (const CommandSpec &spec : table.all())
            specs.emplace_back(&spec, nullptr);
    } else {
        for (size_t i = 2; i < ctx.argc(); ++i) {
            std::string_view name = ctx.arg(i);
            const size_t bar = name.find('|');
            const CommandSpec *spec = table.find(name.substr(0, bar));
            if (!spec) continue;
            if (bar == std::string_view::npos) {
                specs.emplace_back(spec, nullptr);
            } else if (const SubcommandSpec *sub =
                           CommandTable::findSubcommand(*spec, name.substr(bar + 1))) {
                specs.emplace_back(spec, sub);
            }
        }
    }
    // Redis 7.0 knows the count of all commands but not of the names found: only the named
    // form has a deferred length.
    if (ctx.argc() == 2) {
        ctx.reply.mapHeader(specs.size());
        for (const auto &[spec, sub] : specs)
            replyCommandDocs(ctx, *spec, sub);
        return;
    }
    const size_t slot = ctx.reply.beginDeferredMap();
    for (const auto &[spec, sub] : specs)
        replyCommandDocs(ctx, *spec, sub);
    ctx.reply.endDeferredMap(slot, specs.size());
}

// COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: every command and,
// as Redis 7.0 lists them, every subcommand as "container|sub" (the console completes
// "CONFIG GET" from these). ACLCAT matches a row's own categories (a container is only @slow,
// its subcommands carry theirs); PATTERN is a glob over the full name; no module is loaded,
// so MODULE lists nothing. An unknown category lists nothing, as in Redis.
void cmdCommandList(CommandContext &ctx)
{
    enum class Filter { None, Module, AclCat, Pattern } filter = Filter::None;
    std::string_view value;
    if (ctx.argc() != 2) {
        if (ctx.argc() != 5 || !equalsIgnoreCase(ctx.arg(2), "FILTERBY"))
            return ctx.error("ERR syntax error");
        if (equalsIgnoreCase(ctx.arg(3), "MODULE"))
            filter = Filter::Module;
        else if (equalsIgnoreCase(ctx.arg(3), "ACLCAT"))
            filter = Filter::AclCat;
        else if (equalsIgnoreCase(ctx.arg(3), "PATTERN"))
            filter = Filter::Pattern;
        else
            return ctx.error("ERR syntax error");
        value = ctx.arg(4);
    }
    uint32_t category = 0;
    const bool knownCategory = filter == Filter::AclCat && Acl::categoryBit(value, &category);
    auto listed = [&](const std::string &name, uint32_t categories) {
        switch (filter) {
        case Filter::None:
            return true;
        case Filter::Module:
            return false;
        case Filter::AclCat:
            return knownCategory && (categories & category) != 0;
        case Filter::Pattern:
            return globMatch(value, name, true);
        }
        return false;
    };
    std::vector<std::string> names;
    for (const CommandSpec &spec : CommandTable::instance().all()) {
        if (listed(spec.name, CommandTable::aclCategoryBits(spec))) names.emplace_back(spec.name);
        if (const std::vector<SubcommandSpec> *subs = CommandTable::subcommands(spec)) {
            for (const SubcommandSpec &sub : *subs) {
                std::string name = std::string(spec.name) + "|" + sub.name;
                if (listed(name, sub.aclCategories)) names.push_back(std::move(name));
            }
        }
    }
    // A deferred length in Redis 7.0, filtered or not.
    const size_t slot = ctx.reply.beginDeferredArray();
    for (const std::string &name : names)
        ctx.reply.bulk(name);
    ctx.reply.endDeferredArray(slot, names.size());
}

namespace {

// COMMAND GETKEYS and GETKEYSANDFLAGS: the keys of the command in argv[2..] (positions counted
// from that command's name) as Redis 7.0 finds them, or false after replying Redis's error.
bool keysOfCall(CommandContext &ctx, std::vector<KeyWithFlags> &keys)
{
    const CommandSpec *spec = CommandTable::instance().find(ctx.arg(2));
    int arity = spec ? spec->arity : 0;
    std::string name;
    if (spec) name = toLower(spec->name);
    // A container with a subcommand named is that subcommand, as Redis looks it up.
    if (spec && CommandTable::subcommands(*spec) && ctx.argc() > 3) {
        const SubcommandSpec *sub = CommandTable::findSubcommand(*spec, ctx.arg(3));
        if (!sub)
            spec = nullptr;
        else {
            arity = sub->arity;
            name.append("|").append(sub->name);
        }
    }
    if (!spec) {
        ctx.error("ERR Invalid command specified");
        return false;
    }
    if (!commandHasKeys(name)) {
        ctx.error("ERR The command has no key arguments");
        return false;
    }
    int argc = static_cast<int>(ctx.argc()) - 2;
    if ((arity > 0 && argc != arity) || argc < -arity) {
        ctx.error("ERR Invalid number of arguments specified for command");
        return false;
    }
    keys = commandKeys(name, ctx.argv.subspan(2));
    if (keys.empty()) {
        // Scripts and functions may name no keys (Redis's NO_MANDATORY_KEYS).
        if (spec->flags & CmdNoMandatoryKeys)
            ctx.reply.arrayHeader(0);
        else
            ctx.error("ERR Invalid arguments specified for command");
        return false;
    }
    return true;
}

} // namespace

void cmdCommandGetkeys(CommandContext &ctx)
{
    std::vector<KeyWithFlags> keys;
    if (!keysOfCall(ctx, keys)) return;
    ctx.reply.arrayHeader(keys.size());
    for (const KeyWithFlags &key : keys)
        ctx.reply.bulk(ctx.arg(static_cast<size_t>(key.position) + 2));
}

// Each key with the access flags of its key spec: [[key, {RW, access, ...}], ...] as Redis 7.0.
void cmdCommandGetkeysandflags(CommandContext &ctx)
{
    std::vector<KeyWithFlags> keys;
    if (!keysOfCall(ctx, keys)) return;
    ctx.reply.arrayHeader(keys.size());
    for (const KeyWithFlags &key : keys) {
        ctx.reply.arrayHeader(2);
        ctx.reply.bulk(ctx.arg(static_cast<size_t>(key.position) + 2));
        std::vector<std::string_view> flags = keyFlagNames(key.flags);
        ctx.reply.setHeader(flags.size());
        for (std::string_view f : flags)
            ctx.reply.status(f);
    }
}

void cmdCommandHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full Redis command.",
    };
    replyHelp(ctx, "COMMAND", lines);
}

} // namespace redscope::engine
