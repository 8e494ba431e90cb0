// Scripting commands: EVAL EVALSHA EVAL_RO EVALSHA_RO FCALL FCALL_RO, and the SCRIPT and
// FUNCTION containers. The work is the scripting engine's (scripting/script_engine.h); this
// file parses arguments and shapes replies as Redis 7.0.15 does.
//
// SCRIPT DEBUG: the engine has no Lua debugger (Redis's LDB). SCRIPT DEBUG NO answers OK, as
// in Redis; YES and SYNC are refused with an error saying so, rather than pretending to start
// a debugging session.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "scripting/function_payload.h"
#include "scripting/script_engine.h"
#include "server/eviction.h"
#include "server/server.h"
#include "util/strings.h"

namespace redscope::engine {

namespace {

// EVAL and FCALL skip MONITOR in the command table (their rows' skip-monitor flag) and are
// fed here instead, before the commands they run, as Redis 7.0 does.
ScriptEngine &fedToMonitors(CommandContext &ctx)
{
    if (ctx.server.hasMonitors()) ctx.server.feedMonitors(ctx.client, ctx.argv, ctx.client.dbIndex);
    return ctx.server.scripting();
}

} // namespace

void cmdEval(CommandContext &ctx)
{
    fedToMonitors(ctx).eval(ctx, false, false);
}
void cmdEvalsha(CommandContext &ctx)
{
    fedToMonitors(ctx).eval(ctx, true, false);
}
void cmdEvalRo(CommandContext &ctx)
{
    fedToMonitors(ctx).eval(ctx, false, true);
}
void cmdEvalshaRo(CommandContext &ctx)
{
    fedToMonitors(ctx).eval(ctx, true, true);
}
void cmdFcall(CommandContext &ctx)
{
    fedToMonitors(ctx).fcall(ctx, false);
}
void cmdFcallRo(CommandContext &ctx)
{
    fedToMonitors(ctx).fcall(ctx, true);
}

// ---- SCRIPT

void cmdScriptLoad(CommandContext &ctx)
{
    std::string sha, error;
    if (!ctx.server.scripting().loadScript(ctx.arg(2), &sha, &error)) return ctx.error(error);
    ctx.reply.bulk(sha);
}

void cmdScriptExists(CommandContext &ctx)
{
    ScriptEngine &engine = ctx.server.scripting();
    ctx.reply.arrayHeader(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i)
        ctx.reply.integer(engine.scriptExists(ctx.arg(i)) ? 1 : 0);
}

void cmdScriptFlush(CommandContext &ctx)
{
    if (ctx.argc() > 3 || (ctx.argc() == 3 && !equalsIgnoreCase(ctx.arg(2), "sync") &&
                           !equalsIgnoreCase(ctx.arg(2), "async")))
        return ctx.error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
    ctx.server.scripting().flushScripts();
    ctx.reply.ok();
}

void cmdScriptKill(CommandContext &ctx)
{
    ctx.server.scripting().kill(ctx, true);
}

void cmdScriptDebug(CommandContext &ctx)
{
    std::string_view mode = ctx.arg(2);
    if (equalsIgnoreCase(mode, "no")) return ctx.reply.ok();
    if (equalsIgnoreCase(mode, "yes") || equalsIgnoreCase(mode, "sync"))
        return ctx.error("ERR SCRIPT DEBUG is not available: this server has no Lua debugger");
    ctx.error("ERR Use SCRIPT DEBUG YES/SYNC/NO");
}

void cmdScriptHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "DEBUG (YES|SYNC|NO)",
        "    Set the debug mode for subsequent scripts executed.",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it."};
    replyHelp(ctx, "SCRIPT", lines);
}

// ---- FUNCTION

namespace {

// FUNCTION LOAD and RESTORE are deny-oom in Redis 7.0; the flag is the subcommand's, which
// the dispatcher's check (whole commands only) does not see.
bool refusedOutOfMemory(CommandContext &ctx)
{
    if (ctx.server.config().maxMemory <= 0 || ctx.server.evictor().makeRoom()) return false;
    ctx.error("OOM command not allowed when used memory > 'maxmemory'.");
    return true;
}

} // namespace

void cmdFunctionLoad(CommandContext &ctx)
{
    if (refusedOutOfMemory(ctx)) return;
    bool replace = false;
    size_t pos = 2;
    for (; pos + 1 < ctx.argc(); ++pos) {
        if (!equalsIgnoreCase(ctx.arg(pos), "replace"))
            return ctx.error("ERR Unknown option given: " + std::string(ctx.arg(pos)));
        replace = true;
    }
    if (pos >= ctx.argc()) return ctx.error("ERR Function code is missing");
    std::string name, error;
    if (!ctx.server.scripting().loadLibrary(ctx.arg(pos), replace, &name, &error))
        return ctx.error(error);
    ctx.addDirty();
    ctx.reply.bulk(name);
}

void cmdFunctionDelete(CommandContext &ctx)
{
    if (!ctx.server.scripting().deleteLibrary(ctx.arg(2)))
        return ctx.error("ERR Library not found");
    ctx.addDirty();
    ctx.reply.ok();
}

void cmdFunctionFlush(CommandContext &ctx)
{
    if (ctx.argc() > 3 || (ctx.argc() == 3 && !equalsIgnoreCase(ctx.arg(2), "sync") &&
                           !equalsIgnoreCase(ctx.arg(2), "async")))
        return ctx.error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
    ctx.server.scripting().flushLibraries();
    ctx.addDirty();
    ctx.reply.ok();
}

namespace {

void replyFlags(CommandContext &ctx, uint32_t flags)
{
    static const std::pair<uint32_t, const char *> names[] = {
        {ScriptNoWrites, "no-writes"},
        {ScriptAllowOom, "allow-oom"},
        {ScriptAllowStale, "allow-stale"},
        {ScriptNoCluster, "no-cluster"},
        {ScriptAllowCrossSlot, "allow-cross-slot-keys"}};
    size_t count = 0;
    for (const auto &entry : names)
        if (flags & entry.first) ++count;
    ctx.reply.setHeader(count);
    for (const auto &entry : names)
        if (flags & entry.first) ctx.reply.status(entry.second);
}

} // namespace

void cmdFunctionList(CommandContext &ctx)
{
    bool withCode = false;
    std::string_view pattern;
    bool havePattern = false;
    for (size_t i = 2; i < ctx.argc(); ++i) {
        if (!withCode && equalsIgnoreCase(ctx.arg(i), "withcode")) {
            withCode = true;
            continue;
        }
        if (!havePattern && equalsIgnoreCase(ctx.arg(i), "libraryname")) {
            if (i + 1 >= ctx.argc()) return ctx.error("ERR library name argument was not given");
            pattern = ctx.arg(++i);
            havePattern = true;
            continue;
        }
        return ctx.error("ERR Unknown argument " + std::string(ctx.arg(i)));
    }
    const auto &libraries = ctx.server.scripting().libraries();
    // As Redis: the count is deferred only when a LIBRARYNAME pattern filters the libraries
    // (which places the reply in the reply list: server/reply_buffer.h).
    const size_t slot = havePattern ? ctx.reply.beginDeferredArray() : 0;
    if (!havePattern) ctx.reply.arrayHeader(libraries.size());
    size_t count = 0;
    for (const auto &[name, library] : libraries) {
        if (havePattern && !globMatch(pattern, name)) continue;
        ++count;
        ctx.reply.mapHeader(withCode ? 4 : 3);
        ctx.reply.bulk("library_name");
        ctx.reply.bulk(name);
        ctx.reply.bulk("engine");
        ctx.reply.bulk(library.engine);
        ctx.reply.bulk("functions");
        ctx.reply.arrayHeader(library.functions.size());
        for (const auto &[functionName, function] : library.functions) {
            ctx.reply.mapHeader(3);
            ctx.reply.bulk("name");
            ctx.reply.bulk(functionName);
            ctx.reply.bulk("description");
            if (function.description.empty())
                ctx.reply.nullBulk();
            else
                ctx.reply.bulk(function.description);
            ctx.reply.bulk("flags");
            replyFlags(ctx, function.flags);
        }
        if (withCode) {
            ctx.reply.bulk("library_code");
            ctx.reply.bulk(library.code);
        }
    }
    if (havePattern) ctx.reply.endDeferredArray(slot, count);
}

void cmdFunctionDump(CommandContext &ctx)
{
    ctx.reply.bulk(functionDumpPayload(&ctx.server.scripting()));
}

void cmdFunctionRestore(CommandContext &ctx)
{
    if (refusedOutOfMemory(ctx)) return;
    enum class Policy { Append, Replace, Flush } policy = Policy::Append;
    if (ctx.argc() > 4) return ctx.syntaxError();
    if (ctx.argc() == 4) {
        std::string_view option = ctx.arg(3);
        if (equalsIgnoreCase(option, "append"))
            policy = Policy::Append;
        else if (equalsIgnoreCase(option, "replace"))
            policy = Policy::Replace;
        else if (equalsIgnoreCase(option, "flush"))
            policy = Policy::Flush;
        else
            return ctx.error("ERR Wrong restore policy given, value should be either FLUSH, "
                             "APPEND or REPLACE.");
    }
    std::vector<std::string> codes;
    std::string error;
    if (!decodeFunctionDumpPayload(ctx.arg(2), &codes, &error)) return ctx.error(error);
    ScriptEngine &engine = ctx.server.scripting();
    // All or nothing: on any failure the libraries as they were come back.
    std::vector<std::string> before;
    for (const auto &entry : engine.libraries())
        before.push_back(entry.second.code);
    auto rollback = [&] {
        engine.flushLibraries();
        std::string name, ignored;
        for (const std::string &code : before)
            engine.loadLibrary(code, false, &name, &ignored);
    };
    if (policy == Policy::Flush) engine.flushLibraries();
    for (const std::string &code : codes) {
        std::string name;
        if (!engine.loadLibrary(code, policy == Policy::Replace, &name, &error)) {
            rollback();
            if (error.starts_with("ERR Library '") && policy == Policy::Append) {
                // Redis words a collision on restore without quotes.
                error = "ERR Library " + name + " already exists";
            }
            return ctx.error(error);
        }
    }
    ctx.addDirty();
    ctx.reply.ok();
}

void cmdFunctionKill(CommandContext &ctx)
{
    ctx.server.scripting().kill(ctx, false);
}

void cmdFunctionStats(CommandContext &ctx)
{
    ScriptEngine &engine = ctx.server.scripting();
    if (engine.running() && engine.runningEval()) return ctx.error(engine.busyError());
    ctx.reply.mapHeader(2);
    ctx.reply.bulk("running_script");
    std::string name;
    std::vector<std::string> command;
    int64_t durationMs = 0;
    if (engine.runningFunction(&name, &command, &durationMs)) {
        ctx.reply.mapHeader(3);
        ctx.reply.bulk("name");
        ctx.reply.bulk(name);
        ctx.reply.bulk("command");
        ctx.reply.arrayHeader(command.size());
        for (const std::string &arg : command)
            ctx.reply.bulk(arg);
        ctx.reply.bulk("duration_ms");
        ctx.reply.integer(durationMs);
    } else {
        ctx.reply.nullBulk();
    }
    ctx.reply.bulk("engines");
    ctx.reply.mapHeader(1);
    ctx.reply.bulk("LUA");
    ctx.reply.mapHeader(2);
    ctx.reply.bulk("libraries_count");
    ctx.reply.integer(static_cast<int64_t>(engine.libraries().size()));
    ctx.reply.bulk("functions_count");
    ctx.reply.integer(static_cast<int64_t>(engine.functionCount()));
}

void cmdFunctionHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "LOAD [REPLACE] <FUNCTION CODE>",
        "    Create a new library with the given library name and code.",
        "DELETE <LIBRARY NAME>",
        "    Delete the given library.",
        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
        "    Return general information on all the libraries:",
        "    * Library name",
        "    * The engine used to run the Library",
        "    * Library description",
        "    * Functions list",
        "    * Library code (if WITHCODE is given)",
        "    It also possible to get only function that matches a pattern using LIBRARYNAME "
        "argument.",
        "STATS",
        "    Return information about the current function running:",
        "    * Function name",
        "    * Command used to run the function",
        "    * Duration in MS that the function is running",
        "    If no function is running, return nil",
        "    In addition, returns a list of available engines.",
        "KILL",
        "    Kill the current running function.",
        "FLUSH [ASYNC|SYNC]",
        "    Delete all the libraries.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the libraries.",
        "    * SYNC: Synchronously flush the libraries.",
        "DUMP",
        "    Return a serialized payload representing the current libraries, can be restored using "
        "FUNCTION RESTORE command",
        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
        "    Restore the libraries represented by the given payload, it is possible to give a "
        "restore policy to",
        "    control how to handle existing libraries (default APPEND):",
        "    * FLUSH: delete all existing libraries.",
        "    * APPEND: appends the restored libraries to the existing libraries. On collision, "
        "abort.",
        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, "
        "replace the old",
        "      libraries with the new libraries (notice that even on this option there is a chance "
        "of failure",
        "      in case of functions name collision with another library)."};
    replyHelp(ctx, "FUNCTION", lines);
}

} // namespace redscope::engine
