// The scripting engine (see script_engine.h): the two Lua interpreters and their sandbox,
// the redis library, running a script with its checks, the busy hook, SCRIPT KILL, and the
// EVAL script cache. Function libraries are compiled and registered here too (they share
// the sandbox); their commands and persistence formats live in scripting_commands.cpp and
// function_payload.cpp.
//
// The sandbox: the globals of each interpreter are replaced by an empty proxy whose
// metatable reads through to the real globals and refuses writes ("Attempt to modify a
// readonly table") and reads of missing names ("Script attempted to access nonexistent
// global variable"), as Redis 7.0's read-only globals do; the library tables (string, math,
// redis, cjson...) get the same proxy. Debian's Lua has no read-only tables, so rawset is
// wrapped to refuse the proxies. os, io, package, print, loadfile and dofile are not
// loaded. math.random is the 48-bit linear congruential generator of POSIX lrand48, started
// from the same state as Redis's and never reseeded between scripts, so a script sees the
// numbers redis-server gives it.
#include "scripting/script_engine.h"

#include "commands/command_context.h"
#include "persistence/persistence.h"
#include "scripting/lua_bridge.h"
#include "scripting/lua_libs.h"
#include "replication/replication.h"
#include "server/eviction.h"
#include "server/server.h"
#include "server/version.h"
#include "util/sha1.h"
#include "util/strings.h"

extern "C" {
#include <lauxlib.h>
#include <lua-bitop.h>
#include <lua-cjson.h>
#include <lua.h>
#include <lualib.h>
}

#include <cmath>
#include <cstring>

namespace redscope::engine {

namespace {

constexpr const char *kEngineKey = "redscope.engine";
constexpr const char *kRealGlobalsKey = "redscope.globals";
constexpr const char *kProxyMetaKey = "redscope.proxymeta";
constexpr int kHookInstructions = 100000;

const char *const kBusyEval =
    "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
const char *const kBusyFunction =
    "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";

// The subcommands Redis 7.0 flags noscript (plain commands carry CmdNoScript in the command
// table): every one of these containers' but HELP, and CLUSTER RESET.
bool subcommandIsNoScript(const CommandSpec &spec, const SubcommandSpec &sub)
{
    std::string_view name = spec.name, subName = sub.name;
    if (name == "acl" || name == "client" || name == "config" || name == "latency" ||
        name == "function" || name == "module" || name == "script")
        return subName != "help";
    return name == "cluster" && subName == "reset";
}

// ---- math.random: lrand48's generator, Redis's starting state.
uint64_t g_randState = 0x1234ABCD330EULL;

int32_t nextRandom()
{
    g_randState = (0x5DEECE66DULL * g_randState + 0xB) & ((1ULL << 48) - 1);
    return static_cast<int32_t>(g_randState >> 17);
}

int luaMathRandom(lua_State *L)
{
    const double max = 2147483647.0;
    double r = static_cast<double>(nextRandom() % 2147483647) / max;
    switch (lua_gettop(L)) {
    case 0:
        lua_pushnumber(L, r);
        break;
    case 1: {
        int upper = luaL_checkint(L, 1);
        luaL_argcheck(L, 1 <= upper, 1, "interval is empty");
        lua_pushnumber(L, std::floor(r * upper) + 1);
        break;
    }
    case 2: {
        int lower = luaL_checkint(L, 1);
        int upper = luaL_checkint(L, 2);
        luaL_argcheck(L, lower <= upper, 2, "interval is empty");
        lua_pushnumber(L, std::floor(r * (upper - lower + 1)) + lower);
        break;
    }
    default:
        return luaL_error(L, "wrong number of arguments");
    }
    return 1;
}

int luaMathRandomseed(lua_State *L)
{
    auto seed = static_cast<uint32_t>(luaL_checkint(L, 1));
    g_randState = (static_cast<uint64_t>(seed) << 16) | 0x330E;
    return 0;
}

ScriptEngine *engineOf(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, kEngineKey);
    auto *engine = static_cast<ScriptEngine *>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    return engine;
}

// Raises "<where> <message>" from a metamethod, with the position of the Lua code that
// triggered it (level 1; level 0 is the metamethod itself).
int raiseAtCaller(lua_State *L, const char *message)
{
    luaL_where(L, 1);
    lua_pushstring(L, message);
    lua_concat(L, 2);
    return lua_error(L);
}

// Proxy metamethods. The proxied table is the metatable's upvalue; a strict proxy (the
// globals, and the redis table while a function library loads) refuses missing names, the
// library tables answer nil as plain tables do.
int proxyIndex(lua_State *L)
{
    // The functions interpreter's globals have a gate (upvalue 3): while a library loads, its
    // first slot holds the only globals that code sees ({redis = registration-only table}).
    int source = lua_upvalueindex(1);
    if (lua_istable(L, lua_upvalueindex(3))) {
        lua_rawgeti(L, lua_upvalueindex(3), 1);
        if (lua_istable(L, -1)) source = lua_gettop(L);
    }
    lua_pushvalue(L, 2);
    lua_rawget(L, source);
    if (!lua_isnil(L, -1) || !lua_toboolean(L, lua_upvalueindex(2))) return 1;
    // Missing names are an error in the globals and in the library tables alike.
    const char *name = lua_tostring(L, 2);
    luaL_where(L, 1);
    lua_pushfstring(L, "Script attempted to access nonexistent global variable '%s'",
                    name ? name : "?");
    lua_concat(L, 2);
    return lua_error(L);
}

int proxyNewIndex(lua_State *L)
{
    return raiseAtCaller(L, "Attempt to modify a readonly table");
}

bool isProxy(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx)) return false;
    lua_getfield(L, -1, "__redscope_proxy");
    bool proxy = lua_toboolean(L, -1);
    lua_pop(L, 2);
    return proxy;
}

// Redis's pcall: an error table ({err=...}, as redis.call raises) comes back as its err
// string; anything else as Lua's pcall returns it. xpcall is left as it is.
int luaPcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (status == 0) {
        lua_pushboolean(L, 1);
        lua_insert(L, 1);
        return lua_gettop(L);
    }
    if (lua_istable(L, -1)) {
        lua_getfield(L, -1, "err");
        if (lua_isstring(L, -1))
            lua_replace(L, -2);
        else
            lua_pop(L, 1);
    }
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

int luaRawset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (isProxy(L, 1)) { // raised without a position, as Redis's read-only tables do
        lua_pushliteral(L, "Attempt to modify a readonly table");
        return lua_error(L);
    }
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

// Replaces the table at the top of the stack by a read-only proxy of it. With gated, the
// proxy's load-time gate is kept in the registry (redscope.loadgate).
void makeProxy(lua_State *L, bool strict, bool gated = false)
{
    int real = lua_gettop(L);
    lua_newtable(L); // the proxy
    lua_newtable(L); // its metatable
    lua_pushvalue(L, real);
    lua_pushboolean(L, strict);
    if (gated) {
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, "redscope.loadgate");
    } else {
        lua_pushnil(L);
    }
    lua_pushcclosure(L, proxyIndex, 3);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, proxyNewIndex);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "__redscope_proxy");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable"); // getmetatable answers false; setmetatable refuses
    lua_setmetatable(L, -2);
    lua_replace(L, real);
}

// The message handler of every script call: turns what was raised into an error table
// {err=..., source=..., line=...}, the position being the Lua code that raised it (the
// caller of error() or redis.call, or the code itself for a runtime error).
int errorHandler(lua_State *L)
{
    lua_Debug ar;
    bool haveFrame = lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar);
    if (haveFrame && std::strcmp(ar.what, "C") == 0)
        haveFrame = lua_getstack(L, 2, &ar) && lua_getinfo(L, "Sl", &ar);
    if (!lua_istable(L, 1)) {
        std::string text = "ERR ";
        if (lua_isstring(L, 1)) {
            size_t len;
            const char *s = lua_tolstring(L, 1, &len);
            text.append(s, len);
        } else {
            text += lua_isnil(L, 1)       ? "nil"
                    : lua_isboolean(L, 1) ? (lua_toboolean(L, 1) ? "true" : "false")
                                          : luaL_typename(L, 1);
        }
        lua_newtable(L);
        lua_pushlstring(L, text.data(), text.size());
        lua_setfield(L, -2, "err");
        lua_replace(L, 1);
        lua_settop(L, 1);
    }
    if (haveFrame && ar.currentline > 0) {
        lua_pushstring(L, ar.source);
        lua_setfield(L, 1, "source");
        lua_pushinteger(L, ar.currentline);
        lua_setfield(L, 1, "line");
    }
    lua_settop(L, 1);
    return 1;
}

// Errors of the redis library's own functions: an error table, so the message carries no
// Lua position of its own and gets "script: ..., on @user_script:N." like Redis's.
int raiseError(lua_State *L, const char *message)
{
    lua::pushErrorTable(L, message);
    return lua_error(L);
}

int luaRedisCall(lua_State *L)
{
    return engineOf(L)->luaCall(L, true);
}
int luaRedisPcall(lua_State *L)
{
    return engineOf(L)->luaCall(L, false);
}
int luaSetResp(lua_State *L)
{
    return engineOf(L)->luaSetResp(L);
}
int luaAclCheckCmd(lua_State *L)
{
    return engineOf(L)->luaAclCheckCmd(L);
}

// No debugging session ever runs (see scripting_commands.cpp): breakpoint answers false and
// debug does nothing, as in Redis outside SCRIPT DEBUG.
int luaBreakpoint(lua_State *L)
{
    lua_pushboolean(L, 0);
    return 1;
}

int luaDebug(lua_State *)
{
    return 0;
}
int luaRegisterFunction(lua_State *L)
{
    return engineOf(L)->luaRegisterFunction(L);
}

int luaSha1hex(lua_State *L)
{
    if (lua_gettop(L) != 1) return raiseError(L, "wrong number of arguments");
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    std::string hex = sha1Hex(std::string_view(s ? s : "", s ? len : 0));
    lua_pushlstring(L, hex.data(), hex.size());
    return 1;
}

int luaErrorReply(lua_State *L)
{
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TSTRING) {
        lua::pushErrorTable(L, "wrong number or type of arguments");
        return 1;
    }
    std::string_view given = lua_tostring(L, 1);
    std::string text;
    if (given.empty() || given[0] != '-') text.push_back('-');
    text.append(given);
    lua::pushErrorTable(L, text);
    return 1;
}

int luaStatusReply(lua_State *L)
{
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TSTRING) {
        lua::pushErrorTable(L, "wrong number or type of arguments");
        return 1;
    }
    lua_newtable(L);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "ok");
    return 1;
}

int luaLog(lua_State *L)
{
    int argc = lua_gettop(L);
    if (argc < 2) return raiseError(L, "redis.log() requires two arguments or more.");
    if (!lua_isnumber(L, 1)) return raiseError(L, "First argument must be a number (log level).");
    int level = static_cast<int>(lua_tonumber(L, 1));
    if (level < Server::LogDebug || level > Server::LogWarning)
        return raiseError(L, "Invalid debug level.");
    std::string message;
    for (int i = 2; i <= argc; ++i) {
        size_t len;
        const char *s = lua_tolstring(L, i, &len);
        if (!s) continue;
        if (i > 2) message += ' ';
        message.append(s, len);
    }
    if (ScriptEngine *engine = engineOf(L)) (void)engine;
    lua_getfield(L, LUA_REGISTRYINDEX, "redscope.server");
    auto *server = static_cast<Server *>(lua_touserdata(L, -1));
    lua_pop(L, 1);
    if (server) server->log(level, message);
    return 0;
}

int luaSetRepl(lua_State *L)
{
    if (lua_gettop(L) != 1) return raiseError(L, "redis.set_repl() requires one argument.");
    int flags = static_cast<int>(lua_tonumber(L, 1));
    if (flags < 0 || flags > 3)
        return raiseError(L, "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or "
                             "REPL_NONE.");
    return 0;
}

int luaReplicateCommands(lua_State *L)
{
    lua_pushboolean(L, 1);
    return 1;
}

void setFunction(lua_State *L, const char *name, lua_CFunction fn)
{
    lua_pushcfunction(L, fn);
    lua_setfield(L, -2, name);
}

void setNumber(lua_State *L, const char *name, lua_Number value)
{
    lua_pushnumber(L, value);
    lua_setfield(L, -2, name);
}

void openLibrary(lua_State *L, lua_CFunction open, const char *name)
{
    lua_pushcfunction(L, open);
    lua_pushstring(L, name);
    lua_call(L, 1, 0);
}

bool parseFlagName(std::string_view flag, uint32_t *flags)
{
    if (flag == "no-writes")
        *flags |= ScriptNoWrites;
    else if (flag == "allow-oom")
        *flags |= ScriptAllowOom;
    else if (flag == "allow-stale")
        *flags |= ScriptAllowStale;
    else if (flag == "no-cluster")
        *flags |= ScriptNoCluster;
    else if (flag == "allow-cross-slot-keys")
        *flags |= ScriptAllowCrossSlot;
    else
        return false;
    return true;
}

// The shebang of an EVAL script ("#!lua flags=no-writes,allow-oom"); no shebang means a
// script that runs with EVAL's old rules (ScriptEvalCompat).
bool parseShebang(std::string_view body, uint32_t *flags, std::string *error)
{
    *flags = 0;
    if (!body.starts_with("#!")) {
        *flags = ScriptEvalCompat;
        return true;
    }
    size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    size_t space = line.find(' ');
    std::string_view engine = line.substr(2, space == std::string_view::npos ? space : space - 2);
    if (engine != "lua") {
        *error = "ERR Unexpected engine in script shebang: " + std::string(line.substr(0, space));
        return false;
    }
    if (space == std::string_view::npos) return true;
    std::string_view rest = line.substr(space + 1);
    while (!rest.empty()) {
        size_t next = rest.find(' ');
        std::string_view option = rest.substr(0, next);
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
        if (option.empty()) continue;
        if (!option.starts_with("flags=")) {
            *error = "ERR Unknown lua shebang option: " + std::string(option);
            return false;
        }
        std::string_view list = option.substr(6);
        while (!list.empty()) {
            size_t comma = list.find(',');
            std::string_view flag = list.substr(0, comma);
            list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
            if (flag.empty()) continue;
            if (!parseFlagName(flag, flags)) {
                *error = "ERR Unexpected flag in script shebang: " + std::string(flag);
                return false;
            }
        }
    }
    return true;
}

} // namespace

// ---------------------------------------------------------------------------------------
// The running script

ScriptEngine::ScriptEngine(Server &server)
    : m_server(server)
{
    m_client = std::make_unique<Client>(UINT64_MAX, -1);
    m_client->reply.setLayoutPieces(nullptr); // its output is read here, never placed or written
    m_client->peerAddress = "lua";
    m_client->scriptClient = true;
    m_client->inMulti = true; // blocking commands answer at once, as inside MULTI
}

ScriptEngine::~ScriptEngine()
{
    closeState(m_eval);
    closeState(m_functions);
}

void ScriptEngine::closeState(lua_State *&L)
{
    if (L) lua_close(L);
    L = nullptr;
}

lua_State *ScriptEngine::evalState()
{
    if (!m_eval) m_eval = createState(false);
    return m_eval;
}

lua_State *ScriptEngine::functionState()
{
    if (!m_functions) m_functions = createState(true);
    return m_functions;
}

lua_State *ScriptEngine::createState(bool forFunctions)
{
    lua_State *L = luaL_newstate();
    lua_pushlightuserdata(L, this);
    lua_setfield(L, LUA_REGISTRYINDEX, kEngineKey);
    lua_pushlightuserdata(L, &m_server);
    lua_setfield(L, LUA_REGISTRYINDEX, "redscope.server");

    openLibrary(L, luaopen_base, "");
    openLibrary(L, luaopen_table, LUA_TABLIBNAME);
    openLibrary(L, luaopen_string, LUA_STRLIBNAME);
    openLibrary(L, luaopen_math, LUA_MATHLIBNAME);
    openLibrary(L, luaopen_debug, LUA_DBLIBNAME);
    // cjson and bit from Debian; luaopen_bit registers the global itself.
    lua_pushcfunction(L, luaopen_cjson);
    lua_call(L, 0, 1);
    lua_setglobal(L, "cjson");
    lua_pushcfunction(L, luaopen_bit);
    lua_call(L, 0, 1);
    lua_setglobal(L, "bit");
    lua::openCmsgpack(L);
    lua_setglobal(L, "cmsgpack");
    lua::openStruct(L);
    lua_setglobal(L, "struct");

    // What Redis does not expose; getfenv, setfenv and newproxy (which can reach other
    // scripts' environments) only with lua-enable-deprecated-api yes, as in Redis.
    for (const char *name :
         {"loadfile", "dofile", "print", "module", "require", "debug", "package"}) {
        lua_pushnil(L);
        lua_setglobal(L, name);
    }
    if (!m_server.config().luaEnableDeprecatedApi) {
        for (const char *name : {"getfenv", "setfenv", "newproxy"}) {
            lua_pushnil(L);
            lua_setglobal(L, name);
        }
    }
    lua_getglobal(L, "math");
    setFunction(L, "random", luaMathRandom);
    setFunction(L, "randomseed", luaMathRandomseed);
    lua_pop(L, 1);
    lua_pushcfunction(L, luaRawset);
    lua_setglobal(L, "rawset");
    lua_pushcfunction(L, luaPcall);
    lua_setglobal(L, "pcall");

    // The redis library.
    lua_newtable(L);
    setFunction(L, "call", luaRedisCall);
    setFunction(L, "pcall", luaRedisPcall);
    setFunction(L, "setresp", ::redscope::engine::luaSetResp);
    setFunction(L, "log", luaLog);
    setFunction(L, "error_reply", luaErrorReply);
    setFunction(L, "status_reply", luaStatusReply);
    setFunction(L, "sha1hex", luaSha1hex);
    setFunction(L, "set_repl", luaSetRepl);
    setFunction(L, "replicate_commands", luaReplicateCommands);
    setFunction(L, "acl_check_cmd", ::redscope::engine::luaAclCheckCmd);
    setFunction(L, "breakpoint", luaBreakpoint);
    setFunction(L, "debug", luaDebug);
    setNumber(L, "LOG_DEBUG", Server::LogDebug);
    setNumber(L, "LOG_VERBOSE", Server::LogVerbose);
    setNumber(L, "LOG_NOTICE", Server::LogNotice);
    setNumber(L, "LOG_WARNING", Server::LogWarning);
    setNumber(L, "REPL_NONE", 0);
    setNumber(L, "REPL_AOF", 1);
    setNumber(L, "REPL_SLAVE", 2);
    setNumber(L, "REPL_REPLICA", 2);
    setNumber(L, "REPL_ALL", 3);
    lua_pushstring(L, kRedisVersion);
    lua_setfield(L, -2, "REDIS_VERSION");
    setNumber(L, "REDIS_VERSION_NUM", kRedisVersionNum);
    lua_setglobal(L, "redis");

    // Read-only library tables, then read-only globals.
    for (const char *name :
         {"string", "math", "table", "coroutine", "cjson", "bit", "struct", "cmsgpack", "redis"}) {
        lua_getglobal(L, name);
        if (!lua_istable(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        makeProxy(L, false);
        lua_setglobal(L, name);
    }
    if (forFunctions) {
        // While a library's code runs, its only global is `redis`, a strict table with
        // registration and logging only (loadLibrary opens the gate to it), as in Redis.
        lua_newtable(L); // the load-time globals
        lua_newtable(L);
        setFunction(L, "register_function", ::redscope::engine::luaRegisterFunction);
        setFunction(L, "log", luaLog);
        setNumber(L, "LOG_DEBUG", Server::LogDebug);
        setNumber(L, "LOG_VERBOSE", Server::LogVerbose);
        setNumber(L, "LOG_NOTICE", Server::LogNotice);
        setNumber(L, "LOG_WARNING", Server::LogWarning);
        lua_pushstring(L, kRedisVersion);
        lua_setfield(L, -2, "REDIS_VERSION");
        setNumber(L, "REDIS_VERSION_NUM", kRedisVersionNum);
        makeProxy(L, true);
        lua_setfield(L, -2, "redis");
        lua_setfield(L, LUA_REGISTRYINDEX, "redscope.loadenv");
    }
    lua_pushvalue(L, LUA_GLOBALSINDEX);
    lua_setfield(L, LUA_REGISTRYINDEX, kRealGlobalsKey);
    lua_pushvalue(L, LUA_GLOBALSINDEX);
    makeProxy(L, true, forFunctions);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, kProxyMetaKey);
    // _G names the proxy, which then becomes the globals of every function compiled later.
    lua_getfield(L, LUA_REGISTRYINDEX, kRealGlobalsKey);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "_G");
    lua_pop(L, 1);
    lua_replace(L, LUA_GLOBALSINDEX);
    return L;
}

ScriptEngine::MemoryInfo ScriptEngine::memoryInfo() const
{
    auto heap = [](lua_State *L) -> size_t {
        if (!L) return 0;
        return static_cast<size_t>(lua_gc(L, LUA_GCCOUNT, 0)) * 1024 +
               static_cast<size_t>(lua_gc(L, LUA_GCCOUNTB, 0));
    };
    MemoryInfo info;
    info.evalVm = heap(m_eval);
    info.functionsVm = heap(m_functions);
    for (const auto &[sha, script] : m_scripts)
        info.scripts += sha.size() + script.body.size();
    for (const auto &[name, library] : m_libraries)
        info.functions += name.size() + library.code.size();
    return info;
}

bool ScriptEngine::busy() const
{
    return m_run && m_run->busy;
}
bool ScriptEngine::runningEval() const
{
    return m_run && m_run->isEval;
}
uint64_t ScriptEngine::callerId() const
{
    return m_run ? m_run->callerId : 0;
}

std::string_view ScriptEngine::busyError() const
{
    return runningEval() ? kBusyEval : kBusyFunction;
}

bool ScriptEngine::allowedWhileBusy(const CommandSpec &spec, const SubcommandSpec *sub)
{
    std::string_view name = spec.name;
    if (name == "auth" || name == "discard" || name == "hello" || name == "multi" ||
        name == "quit" || name == "reset" || name == "shutdown" || name == "unwatch" ||
        name == "watch")
        return true;
    if (!sub) return false;
    std::string_view subName = sub->name;
    if (name == "script") return subName == "kill";
    if (name == "function") return subName == "kill" || subName == "stats";
    return false;
}

bool ScriptEngine::runningFunction(std::string *name, std::vector<std::string> *command,
                                   int64_t *durationMs) const
{
    if (!m_run || m_run->isEval) return false;
    *name = m_run->name;
    command->assign(m_run->command.begin(), m_run->command.end());
    *durationMs = EventLoop::monotonicMs() - m_run->startMonotonicMs;
    return true;
}

void ScriptEngine::kill(CommandContext &ctx, bool eval)
{
    if (!m_run) return ctx.error("NOTBUSY No scripts in execution right now.");
    // SCRIPT KILL for a function, FUNCTION KILL for an EVAL: Redis answers the BUSY error
    // that names the right command.
    if (m_run->isEval != eval) return ctx.error(busyError());
    if (m_run->wrote)
        return ctx.error("UNKILLABLE Sorry the script already executed write commands against "
                         "the dataset. You can either wait the script termination or kill the "
                         "server in a hard way using the SHUTDOWN NOSAVE command.");
    m_run->killed = true;
    ctx.reply.ok();
}

void ScriptEngine::abortForShutdown()
{
    if (!m_run) return;
    m_run->killed = true;
    m_run->shutdown = true;
}

void ScriptEngine::hook(lua_State *L)
{
    if (!m_run) return;
    int64_t elapsed = EventLoop::monotonicMs() - m_run->startMonotonicMs;
    int64_t threshold = m_server.config().busyReplyThreshold;
    if (!m_run->busy && threshold > 0 && elapsed >= threshold) {
        m_run->busy = true;
        m_server.log(Server::LogWarning,
                     "Slow script detected: still in execution after " + std::to_string(elapsed) +
                         " milliseconds. You can try killing the script using the " +
                         (m_run->isEval ? "SCRIPT KILL" : "FUNCTION KILL") +
                         " command. Script name is: " + m_run->name + ".");
    }
    if (m_run->busy) m_server.processEventsWhileBlocked();
    if (m_run->killed) {
        // Keep raising at every line: a pcall in the script must not swallow the kill.
        lua_sethook(
            L, [](lua_State *state, lua_Debug *) { engineOf(state)->hook(state); },
            LUA_MASKLINE | LUA_MASKCOUNT, 1);
        // Redis 7.0 words it the same for functions.
        lua::pushErrorTable(L, "-ERR Script killed by user with SCRIPT KILL...");
        lua_error(L);
    }
}

// ---------------------------------------------------------------------------------------
// redis.call / redis.pcall

// lua_error unwinds with longjmp, past C++ destructors: so the command runs in runCommand,
// whose strings and vectors are gone when it returns, and only then may the error be raised.
int ScriptEngine::luaCall(lua_State *L, bool raiseErrors)
{
    if (runCommand(L)) return 1;
    // An error table is on the stack. Redis marks the errors of redis.call/pcall so the
    // script's own error reply does not count them again in errorstats; scripts see it.
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "ignore_error_stats_update");
    if (raiseErrors) return lua_error(L);
    return 1;
}

bool ScriptEngine::runCommand(lua_State *L)
{
    auto fail = [&](std::string_view text) {
        lua::pushErrorTable(L, text);
        return false;
    };
    if (!m_run) return fail("redis.call can only be called inside a script invocation");
    int argc = lua_gettop(L);
    if (argc == 0) return fail("Please specify at least one argument for this redis lib call");
    std::vector<std::string> args;
    args.reserve(static_cast<size_t>(argc));
    for (int i = 1; i <= argc; ++i) {
        int type = lua_type(L, i);
        if (type == LUA_TNUMBER) {
            args.push_back(lua::numberArgument(lua_tonumber(L, i)));
        } else if (type == LUA_TSTRING) {
            size_t len;
            const char *s = lua_tolstring(L, i, &len);
            args.emplace_back(s, len);
        } else {
            return fail("Lua redis lib command arguments must be strings or integers");
        }
    }
    std::vector<std::string_view> argv(args.begin(), args.end());
    const CommandSpec *spec = m_server.lookupCommand(argv[0]);
    const SubcommandSpec *sub = nullptr;
    if (spec && argv.size() >= 2 && CommandTable::subcommands(*spec)) {
        sub = CommandTable::findSubcommand(*spec, argv[1]);
        if (!sub) spec = nullptr;
    }
    if (!spec) return fail("Unknown Redis command called from script");
    if (!CommandTable::arityFits(sub ? sub->arity : spec->arity, argv.size()))
        return fail("Wrong number of args calling Redis command from script");
    if (sub ? subcommandIsNoScript(*spec, *sub) : (spec->flags & CmdNoScript) != 0)
        return fail("This Redis command is not allowed from script");

    Client &client = *m_client;
    client.user = m_run->caller ? m_run->caller->user : "default";
    client.authenticated = true;
    std::string denial;
    AclDenial kind = AclDenial::None;
    if (!m_server.aclAllows(client, *spec, sub, argv, &denial, &kind)) {
        return fail(kind == AclDenial::Key
                        ? "The user executing the script can't access at least one of the keys "
                          "mentioned in the command arguments"
                    : kind == AclDenial::Channel
                        ? "The user executing the script can't publish to the channel mentioned "
                          "in the command"
                        : "The user executing the script can't run this command or subcommand");
    }
    // A container's subcommands carry their own access (XGROUP HELP reads, XGROUP CREATE
    // writes): their ACL categories say which.
    bool isWrite = sub ? (sub->aclCategories & AclWrite) != 0 : (spec->flags & CmdWrite) != 0;
    if ((isWrite || (spec->flags & CmdMayReplicate)) && m_run->readOnly)
        return fail("Write commands are not allowed from read-only scripts.");
    // A read-only replica (READONLY) or too few good replicas (NOREPLICAS) refuse a script's
    // writes as they refuse a client's, as in Redis 7.0.
    if (isWrite && !(m_run->caller && m_run->caller->isMaster)) {
        if (std::string refused = m_server.replication().refusal(client, spec->flags, true);
            !refused.empty())
            return fail("-" + refused);
    }
    if (isWrite) {
        if (std::string_view denial = m_server.diskErrorDenial(); !denial.empty())
            return fail("-" + std::string(denial));
    }
    if (m_run->oomAtStart && !(m_run->flags & ScriptAllowOom) && !m_run->wrote &&
        (spec->flags & CmdDenyOom))
        return fail("-OOM command not allowed when used memory > 'maxmemory'.");

    client.protocol = m_run->resp;
    client.output.clear();
    client.outputSent = 0;
    uint64_t dirtyBefore = m_server.stats().dirty;
    m_server.call(client, *spec, argv, m_run->nowMs);
    if (m_server.stats().dirty != dirtyBefore) m_run->wrote = true;

    // The reply is read in place; the buffer keeps its capacity for the next call.
    std::string_view reply(client.output);
    lua_settop(L, 0);
    bool ok;
    if (!reply.empty() && reply[0] == '-') {
        std::string_view text = reply;
        if (text.ends_with("\r\n")) text.remove_suffix(2);
        ok = fail(text);
    } else {
        ok = lua::pushReply(L, reply) || fail("Reply from the command could not be read");
    }
    client.output.clear();
    return ok;
}

// redis.acl_check_cmd(command, args...): whether the script's user may run it (no arity
// check, no ACL LOG entry), as Redis 7.0.
int ScriptEngine::luaAclCheckCmd(lua_State *L)
{
    bool allowed = false;
    if (const char *error = aclCheck(L, &allowed)) return raiseError(L, error);
    lua_pushboolean(L, allowed);
    return 1;
}

const char *ScriptEngine::aclCheck(lua_State *L, bool *allowed)
{
    int argc = lua_gettop(L);
    if (argc == 0) return "Please specify at least one argument for this redis lib call";
    std::vector<std::string> args;
    for (int i = 1; i <= argc; ++i) {
        int type = lua_type(L, i);
        if (type != LUA_TNUMBER && type != LUA_TSTRING)
            return "Lua redis lib command arguments must be strings or integers";
        size_t len;
        const char *s = lua_tolstring(L, i, &len);
        args.emplace_back(s, len);
    }
    std::vector<std::string_view> argv(args.begin(), args.end());
    const CommandSpec *spec = m_server.lookupCommand(argv[0]);
    const SubcommandSpec *sub = nullptr;
    if (spec && argv.size() >= 2 && CommandTable::subcommands(*spec)) {
        sub = CommandTable::findSubcommand(*spec, argv[1]);
        if (!sub) spec = nullptr;
    }
    if (!spec) return "Invalid command passed to redis.acl_check_cmd()";
    std::string userName = m_run && m_run->caller ? m_run->caller->user : "default";
    const AclUser *user =
        userName == "default" ? &m_server.acl().defaultUser() : m_server.acl().find(userName);
    *allowed = (spec->flags & CmdNoAuth) ||
               (user && Acl::check(*user, *spec, sub, argv).denial == AclDenial::None);
    return nullptr;
}

int ScriptEngine::luaSetResp(lua_State *L)
{
    if (lua_gettop(L) != 1) return raiseError(L, "redis.setresp() requires one argument.");
    int resp = static_cast<int>(lua_tonumber(L, 1));
    if (resp != 2 && resp != 3) return raiseError(L, "RESP version must be 2 or 3.");
    if (m_run) m_run->resp = resp;
    return 0;
}

// ---------------------------------------------------------------------------------------
// EVAL

bool ScriptEngine::compileScript(std::string_view body, const std::string &sha, Script *script,
                                 std::string *error)
{
    if (!parseShebang(body, &script->flags, error)) return false;
    lua_State *L = evalState();
    // Lua does not read "#!" lines: the shebang becomes a comment, keeping line numbers.
    std::string source(body);
    if (!(script->flags & ScriptEvalCompat)) source.replace(0, 2, "--");
    if (luaL_loadbuffer(L, source.data(), source.size(), "@user_script") != 0) {
        *error = std::string("ERR Error compiling script (new function): ") + lua_tostring(L, -1);
        lua_pop(L, 1);
        return false;
    }
    script->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    script->body = body;
    (void)sha;
    return true;
}

bool ScriptEngine::loadScript(std::string_view body, std::string *sha, std::string *error)
{
    *sha = sha1Hex(body);
    if (m_scripts.contains(*sha)) return true;
    Script script;
    if (!compileScript(body, *sha, &script, error)) return false;
    m_scripts.emplace(*sha, std::move(script));
    return true;
}

bool ScriptEngine::scriptExists(std::string_view sha) const
{
    if (sha.size() != 40) return false;
    return m_scripts.contains(toLower(sha));
}

void ScriptEngine::flushScripts()
{
    // A new interpreter, as Redis does: globals and compiled chunks all go.
    m_scripts.clear();
    closeState(m_eval);
}

bool ScriptEngine::checkNumkeys(CommandContext &ctx, size_t *numkeys)
{
    int64_t count;
    if (!ctx.int64Arg(2, &count)) return false;
    if (count > static_cast<int64_t>(ctx.argc()) - 3) {
        ctx.error("ERR Number of keys can't be greater than number of args");
        return false;
    }
    if (count < 0) {
        ctx.error("ERR Number of keys can't be negative");
        return false;
    }
    *numkeys = static_cast<size_t>(count);
    return true;
}

// The checks Redis makes before a script with flags (or a function) starts.
bool ScriptEngine::startAllowed(CommandContext &ctx, uint32_t flags, bool readOnly)
{
    if (flags & ScriptEvalCompat) return true;
    if (readOnly && !(flags & ScriptNoWrites)) {
        ctx.error("ERR Can not execute a script with write flag using *_ro command.");
        return false;
    }
    if (!(flags & ScriptNoWrites)) {
        if (std::string_view denial = m_server.diskErrorDenial(); !denial.empty()) {
            ctx.error(denial);
            return false;
        }
    }
    if (m_server.config().maxMemory > 0 && !(flags & (ScriptAllowOom | ScriptNoWrites)) &&
        !m_server.evictor().makeRoom()) {
        ctx.error("OOM command not allowed when used memory > 'maxmemory'.");
        return false;
    }
    return true;
}

void ScriptEngine::eval(CommandContext &ctx, bool bySha, bool readOnly)
{
    size_t numkeys;
    if (!checkNumkeys(ctx, &numkeys)) return;
    std::string sha;
    if (bySha) {
        sha = toLower(ctx.arg(1));
        if (!m_scripts.contains(sha))
            return ctx.error("NOSCRIPT No matching script. Please use EVAL.");
    } else {
        std::string error;
        if (!loadScript(ctx.arg(1), &sha, &error)) return ctx.error(error);
    }
    const Script &script = m_scripts.at(sha);
    if (!startAllowed(ctx, script.flags, readOnly)) return;
    lua_State *L = evalState();
    Run state;
    state.name = sha;
    state.isEval = true;
    state.flags = script.flags;
    state.readOnly = readOnly || (script.flags & ScriptNoWrites);
    lua_rawgeti(L, LUA_REGISTRYINDEX, script.ref);
    run(ctx, L, state, numkeys, 3);
}

// ---------------------------------------------------------------------------------------
// Running

namespace {

// A table of argv[first, first + count) at the top of the stack.
void pushArgs(lua_State *L, std::span<const std::string_view> argv, size_t first, size_t count)
{
    lua_createtable(L, static_cast<int>(count), 0);
    for (size_t i = 0; i < count; ++i) {
        lua_pushlstring(L, argv[first + i].data(), argv[first + i].size());
        lua_rawseti(L, -2, static_cast<int>(i + 1));
    }
}

} // namespace

void ScriptEngine::run(CommandContext &ctx, lua_State *L, Run &state, size_t numkeys,
                       size_t firstKey)
{
    if (m_run) { // cannot happen: scripts cannot call EVAL/FCALL
        lua_pop(L, 1);
        return ctx.error("ERR a script is already running");
    }
    int function = lua_gettop(L);
    lua_pushcfunction(L, errorHandler);
    lua_insert(L, function);
    int handler = function++;
    int nargs = 0;
    if (state.isEval) {
        lua_getfield(L, LUA_REGISTRYINDEX, kRealGlobalsKey);
        pushArgs(L, ctx.argv, firstKey, numkeys);
        lua_setfield(L, -2, "KEYS");
        pushArgs(L, ctx.argv, firstKey + numkeys, ctx.argc() - firstKey - numkeys);
        lua_setfield(L, -2, "ARGV");
        lua_pop(L, 1);
    } else {
        pushArgs(L, ctx.argv, firstKey, numkeys);
        pushArgs(L, ctx.argv, firstKey + numkeys, ctx.argc() - firstKey - numkeys);
        nargs = 2;
    }

    state.caller = &ctx.client;
    state.callerId = ctx.client.id;
    state.startMonotonicMs = EventLoop::monotonicMs();
    state.nowMs = ctx.nowMs;
    state.oomAtStart = m_server.config().maxMemory > 0 && !m_server.evictor().makeRoom();
    state.command = ctx.argv;
    m_client->dbIndex = ctx.client.dbIndex;
    m_run = &state;
    m_server.propagationCapture = &state.propagated;
    lua_sethook(
        L, [](lua_State *s, lua_Debug *) { engineOf(s)->hook(s); }, LUA_MASKCOUNT,
        kHookInstructions);

    int status = lua_pcall(L, nargs, 1, handler);

    lua_sethook(L, nullptr, 0, 0);
    m_server.propagationCapture = nullptr;
    m_run = nullptr;
    if (state.busy)
        m_server.log(Server::LogWarning,
                     "Slow script finished after " +
                         std::to_string(EventLoop::monotonicMs() - state.startMonotonicMs) +
                         " milliseconds.");
    if (status != 0)
        replyError(ctx, L, state);
    else
        lua::writeValue(L, ctx.reply, state.resp);
    lua_settop(L, 0);
    flushPropagation(state);
    // EVAL itself never reaches the AOF: its effects did (flushPropagation).
    ctx.m_propagationRewritten = true;
    ctx.m_propagate.clear();
    if (++m_scriptsRun % 50 == 0) lua_gc(L, LUA_GCSTEP, 1);
    if (state.shutdown) m_server.requestShutdown();
}

void ScriptEngine::replyError(CommandContext &ctx, lua_State *L, const Run &state)
{
    std::string message;
    // Raw reads: this runs outside any protected call, where a metamethod's error would be a
    // Lua panic.
    if (lua_istable(L, -1)) {
        lua_pushliteral(L, "err");
        lua_rawget(L, -2);
        if (lua_isstring(L, -1)) message = lua_tostring(L, -1);
        lua_pop(L, 1);
        if (message.empty()) message = "ERR unknown error";
        lua_pushliteral(L, "source");
        lua_rawget(L, -2);
        lua_pushliteral(L, "line");
        lua_rawget(L, -3);
        if (lua_isstring(L, -2) && lua_isnumber(L, -1)) {
            message += " script: " + state.name + ", on " + lua_tostring(L, -2) + ":" +
                       std::to_string(lua_tointeger(L, -1)) + ".";
        }
        lua_pop(L, 2);
    } else if (lua_isstring(L, -1)) {
        message = std::string("ERR ") + lua_tostring(L, -1);
    }
    if (message.empty()) message = "ERR unknown error";
    for (char &ch : message)
        if (ch == '\r' || ch == '\n') ch = ' ';
    ctx.error(message);
}

void ScriptEngine::flushPropagation(Run &state)
{
    if (state.propagated.empty()) return;
    if (state.propagated.size() == 1) {
        m_server.propagate(state.propagated[0].first, state.propagated[0].second);
        return;
    }
    m_server.propagate(state.propagated[0].first, {"MULTI"});
    for (const auto &[db, argv] : state.propagated)
        m_server.propagate(db, argv);
    m_server.propagate(state.propagated.back().first, {"EXEC"});
}

// Server's side of the busy hook: one non-blocking pass over the sockets, then the replies
// (BUSY, mostly) are written. The calling client is not read meanwhile (readFromClient).
void Server::processEventsWhileBlocked()
{
    m_loop.processEventsNow();
    flushPendingWrites();
}

} // namespace redscope::engine
