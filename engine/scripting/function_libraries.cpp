// Function libraries (FUNCTION LOAD and FCALL): a library's code starts with
// "#!lua name=<library>", runs once in the functions interpreter with a `redis` table that
// only registers functions and logs, and each redis.register_function call records a
// function (name, callback, flags, description). FCALL runs the callback with two tables,
// keys and args. Messages are Redis 7.0.15's, including its quirks (an invalid function name
// is reported with the library names' message).
#include "scripting/script_engine.h"

#include "commands/command_context.h"
#include "net/event_loop.h"
#include "server/server.h"
#include "util/strings.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#include <cstring>

namespace redscope::engine {

namespace {

bool validName(std::string_view name)
{
    if (name.empty()) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

// "#!lua name=mylib": false with the error reply's text.
bool parseLibraryHeader(std::string_view code, std::string *name, std::string *error)
{
    if (!code.starts_with("#!")) {
        *error = "ERR Missing library metadata";
        return false;
    }
    if (code.find('\n') == std::string_view::npos) {
        *error = "ERR Invalid library metadata";
        return false;
    }
    std::string_view line = code.substr(0, code.find('\n'));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    size_t space = line.find(' ');
    std::string_view engine = line.substr(2, space == std::string_view::npos ? space : space - 2);
    if (!equalsIgnoreCase(engine, "lua")) {
        *error = "ERR Engine '" + std::string(engine) + "' not found";
        return false;
    }
    name->clear();
    bool haveName = false;
    std::string_view rest = space == std::string_view::npos ? "" : line.substr(space + 1);
    while (!rest.empty()) {
        size_t next = rest.find(' ');
        std::string_view option = rest.substr(0, next);
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
        if (option.empty()) continue;
        if (!option.starts_with("name=")) {
            *error = "ERR Invalid metadata value given: " + std::string(option);
            return false;
        }
        *name = option.substr(5);
        haveName = true;
    }
    if (!haveName) {
        *error = "ERR Library name was not given";
        return false;
    }
    if (!validName(*name)) {
        *error = "ERR Library names can only contain letters, numbers, or underscores(_) and "
                 "must be at least one character long";
        return false;
    }
    return true;
}

constexpr int64_t kLoadTimeoutMs = 500;
int64_t g_loadDeadlineMs = 0;

void loadHook(lua_State *L, lua_Debug *)
{
    if (EventLoop::monotonicMs() < g_loadDeadlineMs) return;
    lua_sethook(L, loadHook, LUA_MASKLINE | LUA_MASKCOUNT, 1); // keep raising until it ends
    lua_newtable(L);
    lua_pushliteral(L, "ERR FUNCTION LOAD timeout");
    lua_setfield(L, -2, "err");
    lua_error(L);
}

int registrationError(lua_State *L, const char *message)
{
    lua_newtable(L);
    lua_pushfstring(L, "ERR %s", message);
    lua_setfield(L, -2, "err");
    return lua_error(L);
}

bool parseFunctionFlags(lua_State *L, int idx, uint32_t *flags)
{
    *flags = 0;
    for (int i = 1;; ++i) {
        lua_rawgeti(L, idx, i);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            return true;
        }
        if (!lua_isstring(L, -1)) {
            lua_pop(L, 1);
            return false;
        }
        std::string_view flag = lua_tostring(L, -1);
        lua_pop(L, 1);
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
    }
}

} // namespace

// lua_error unwinds with longjmp, past C++ destructors: registerFunction's strings are gone
// when it returns its error, and only then is it raised.
int ScriptEngine::luaRegisterFunction(lua_State *L)
{
    const char *error = registerFunction(L);
    if (error) return registrationError(L, error);
    return 0;
}

const char *ScriptEngine::registerFunction(lua_State *L)
{
    if (!m_loading) return ("redis.register_function can only be called on FUNCTION LOAD command");
    LuaFunction function;
    int argc = lua_gettop(L);
    int callback = 0;
    if (argc == 2) {
        if (!lua_isstring(L, 1))
            return ("first argument to redis.register_function must be a string");
        if (!lua_isfunction(L, 2))
            return ("second argument to redis.register_function must be a function");
        function.name = lua_tostring(L, 1);
        callback = 2;
    } else if (argc == 1 && lua_istable(L, 1)) {
        lua_pushnil(L);
        while (lua_next(L, 1)) {
            if (lua_type(L, -2) != LUA_TSTRING)
                return ("named argument key given to redis.register_function is not a string");
            std::string_view key = lua_tostring(L, -2);
            if (key == "function_name") {
                if (lua_type(L, -1) != LUA_TSTRING)
                    return (
                        "function_name argument given to redis.register_function must be a string");
                function.name = lua_tostring(L, -1);
            } else if (key == "description") {
                if (lua_type(L, -1) != LUA_TSTRING)
                    return (
                        "description argument given to redis.register_function must be a string");
                function.description = lua_tostring(L, -1);
            } else if (key == "callback") {
                if (!lua_isfunction(L, -1))
                    return (
                        "callback argument given to redis.register_function must be a function");
                lua_pushvalue(L, -1);
                lua_setfield(L, LUA_REGISTRYINDEX, "redscope.pending_callback");
            } else if (key == "flags") {
                if (!lua_istable(L, -1))
                    return ("flags argument to redis.register_function must be "
                            "a table representing function flags");
                if (!parseFunctionFlags(L, lua_gettop(L), &function.flags))
                    return ("unknown flag given");
            } else {
                return ("unknown argument given to redis.register_function");
            }
            lua_pop(L, 1);
        }
        if (function.name.empty())
            return ("redis.register_function must get a function name argument");
        lua_getfield(L, LUA_REGISTRYINDEX, "redscope.pending_callback");
        if (!lua_isfunction(L, -1)) return ("redis.register_function must get a callback argument");
        lua_pushnil(L);
        lua_setfield(L, LUA_REGISTRYINDEX, "redscope.pending_callback");
        callback = lua_gettop(L);
    } else {
        return ("wrong number of arguments to redis.register_function");
    }
    if (!validName(function.name))
        return ("Library names can only contain letters, numbers, or "
                "underscores(_) and must be at least one character long");
    if (m_loading->functions.contains(function.name))
        return ("Function already exists in the library");
    lua_pushvalue(L, callback);
    function.ref = luaL_ref(L, LUA_REGISTRYINDEX);
    std::string name = function.name;
    m_loading->functions.emplace(name, std::move(function));
    return nullptr;
}

bool ScriptEngine::loadLibrary(std::string_view code, bool replace, std::string *name,
                               std::string *error)
{
    if (!parseLibraryHeader(code, name, error)) return false;
    auto existing = m_libraries.find(*name);
    if (existing != m_libraries.end() && !replace) {
        *error = "ERR Library '" + *name + "' already exists";
        return false;
    }
    lua_State *L = functionState();
    FunctionLibrary library;
    library.name = *name;
    library.code = code;
    // Lua does not read "#!" lines: the header becomes a comment, keeping line numbers.
    std::string source(code);
    source.replace(0, 2, "--");
    if (luaL_loadbuffer(L, source.data(), source.size(), "@user_function") != 0) {
        *error = std::string("ERR Error compiling function: ") + lua_tostring(L, -1);
        lua_settop(L, 0);
        return false;
    }
    // The library's code sees only the registration-only `redis` (the globals' gate).
    lua_getfield(L, LUA_REGISTRYINDEX, "redscope.loadgate");
    lua_getfield(L, LUA_REGISTRYINDEX, "redscope.loadenv");
    lua_rawseti(L, -2, 1);
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "redscope.pending_callback");
    m_loading = &library;
    lua_pushcfunction(L, [](lua_State *state) -> int {
        // Registration errors are tables already; others become "ERR <message>".
        if (lua_istable(state, 1)) return 1;
        std::string text = std::string("ERR ") +
                           (lua_isstring(state, 1) ? lua_tostring(state, 1) : "unknown error");
        lua_newtable(state);
        lua_pushstring(state, text.c_str());
        lua_setfield(state, -2, "err");
        return 1;
    });
    lua_insert(L, -2);
    // A library's code gets 500 ms, as in Redis ("FUNCTION LOAD timeout"): a loop there would
    // otherwise hold the server with no way to kill it.
    g_loadDeadlineMs = EventLoop::monotonicMs() + kLoadTimeoutMs;
    lua_sethook(L, loadHook, LUA_MASKCOUNT, 100000);
    int status = lua_pcall(L, 0, 0, -2);
    lua_sethook(L, nullptr, 0, 0);
    m_loading = nullptr;
    lua_getfield(L, LUA_REGISTRYINDEX, "redscope.loadgate");
    lua_pushnil(L);
    lua_rawseti(L, -2, 1);
    lua_pop(L, 1);
    auto release = [&](FunctionLibrary &lib) {
        for (auto &entry : lib.functions)
            luaL_unref(L, LUA_REGISTRYINDEX, entry.second.ref);
    };
    if (status != 0) {
        std::string message = "unknown error";
        if (lua_istable(L, -1)) {
            lua_getfield(L, -1, "err");
            if (lua_isstring(L, -1)) message = lua_tostring(L, -1);
            lua_pop(L, 1);
        }
        *error = "ERR Error registering functions: " + message;
        lua_settop(L, 0);
        release(library);
        return false;
    }
    lua_settop(L, 0);
    if (library.functions.empty()) {
        *error = "ERR No functions registered";
        return false;
    }
    for (const auto &entry : library.functions) {
        auto owner = m_functionOwner.find(entry.first);
        if (owner != m_functionOwner.end() && !(replace && owner->second == *name)) {
            *error = "ERR Function " + entry.first + " already exists";
            release(library);
            return false;
        }
    }
    if (existing != m_libraries.end()) {
        for (const auto &entry : existing->second.functions)
            m_functionOwner.erase(entry.first);
        release(existing->second);
        m_libraries.erase(existing);
    }
    for (const auto &entry : library.functions)
        m_functionOwner[entry.first] = *name;
    m_libraries.emplace(*name, std::move(library));
    return true;
}

bool ScriptEngine::deleteLibrary(std::string_view name)
{
    auto it = m_libraries.find(std::string(name));
    if (it == m_libraries.end()) return false;
    for (const auto &entry : it->second.functions) {
        m_functionOwner.erase(entry.first);
        if (m_functions) luaL_unref(m_functions, LUA_REGISTRYINDEX, entry.second.ref);
    }
    m_libraries.erase(it);
    return true;
}

void ScriptEngine::flushLibraries()
{
    m_libraries.clear();
    m_functionOwner.clear();
    closeState(m_functions);
}

void ScriptEngine::fcall(CommandContext &ctx, bool readOnly)
{
    auto owner = m_functionOwner.find(std::string(ctx.arg(1)));
    if (owner == m_functionOwner.end()) return ctx.error("ERR Function not found");
    const LuaFunction &function =
        m_libraries.at(owner->second).functions.at(std::string(ctx.arg(1)));
    int64_t count;
    if (!parseInt64(ctx.arg(2), &count)) return ctx.error("ERR Bad number of keys provided");
    if (count > static_cast<int64_t>(ctx.argc()) - 3)
        return ctx.error("ERR Number of keys can't be greater than number of args");
    if (count < 0) return ctx.error("ERR Number of keys can't be negative");
    if (!startAllowed(ctx, function.flags, readOnly)) return;
    lua_State *L = functionState();
    Run state;
    state.name = function.name;
    state.isEval = false;
    state.flags = function.flags;
    state.readOnly = readOnly || (function.flags & ScriptNoWrites);
    lua_rawgeti(L, LUA_REGISTRYINDEX, function.ref);
    run(ctx, L, state, static_cast<size_t>(count), 3);
}

} // namespace redscope::engine
