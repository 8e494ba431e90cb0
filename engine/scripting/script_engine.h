// Lua scripting, as Redis 7.0 runs it: one embedded Lua 5.1 interpreter for EVAL scripts
// and one for function libraries, both created on first use, with Redis's sandbox and its
// `redis` library (call, pcall, error_reply, status_reply, sha1hex, log, setresp, set_repl,
// replicate_commands, REDIS_VERSION...) plus cjson, bit (Debian's lua-cjson and lua-bitop),
// cmsgpack and struct (lua_libs.h).
//
// A script runs on the server's one thread, like every command. redis.call goes through the
// same path a client's command takes (Server::call) with a script client of its own, whose
// RESP reply is converted to Lua (lua_bridge.h). Every check a client gets applies (ACL,
// noscript commands, arity), plus the script's own (read-only scripts, out of memory).
//
// Long scripts: a Lua count hook looks at the clock every 100,000 instructions. Once the
// script has run past busy-reply-threshold it processes the other clients' events from that
// hook, where every command but the few Redis allows (SCRIPT KILL, FUNCTION KILL, SHUTDOWN
// NOSAVE, ...) is answered BUSY at once, and a SCRIPT KILL makes the hook raise an error in
// the script (refused with UNKILLABLE once the script wrote).
//
// Effects, not scripts, reach the AOF: the writes a script makes are collected while it runs
// and then fed as they are (one) or inside MULTI/EXEC (several), as Redis 7.0 does.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct lua_State;

namespace redscope::engine {

class Server;
struct Client;
struct CommandContext;
struct CommandSpec;
struct SubcommandSpec;

// Shebang flags (#!lua flags=...) and function flags (redis.register_function).
enum ScriptFlag : uint32_t {
    ScriptNoWrites = 1u << 0,
    ScriptAllowOom = 1u << 1,
    ScriptAllowStale = 1u << 2,
    ScriptNoCluster = 1u << 3,
    ScriptAllowCrossSlot = 1u << 4,
    ScriptEvalCompat = 1u << 5, // an EVAL script without a shebang
};

struct LuaFunction
{
    std::string name;
    std::string description;
    uint32_t flags = 0;
    int ref = 0; // the function in the functions interpreter's registry
};

struct FunctionLibrary
{
    std::string name;
    std::string engine = "LUA";
    std::string code;
    std::map<std::string, LuaFunction> functions; // by name, sorted like Redis's dict walk
};

class ScriptEngine
{
public:
    explicit ScriptEngine(Server &server);
    ~ScriptEngine();
    ScriptEngine(const ScriptEngine &) = delete;
    ScriptEngine &operator=(const ScriptEngine &) = delete;

    // EVAL, EVALSHA, EVAL_RO, EVALSHA_RO.
    void eval(CommandContext &ctx, bool bySha, bool readOnly);
    // FCALL, FCALL_RO.
    void fcall(CommandContext &ctx, bool readOnly);

    // SCRIPT LOAD: compiles and caches; false with the error reply's text.
    bool loadScript(std::string_view body, std::string *sha, std::string *error);
    bool scriptExists(std::string_view sha) const;
    void flushScripts();
    size_t scriptCount() const { return m_scripts.size(); }

    // Function libraries (FUNCTION LOAD/DELETE/FLUSH/LIST/DUMP/RESTORE, RDB, AOF).
    // loadLibrary compiles `code` (with its #!lua name=... header) and runs it to register
    // its functions; with replace an existing library of the same name is swapped out.
    bool loadLibrary(std::string_view code, bool replace, std::string *name, std::string *error);
    bool deleteLibrary(std::string_view name);
    void flushLibraries();
    const std::map<std::string, FunctionLibrary> &libraries() const { return m_libraries; }
    size_t functionCount() const { return m_functionOwner.size(); }

    // INFO memory's scripting fields: the interpreters' heaps, and what the script cache and
    // the libraries hold (their code, as an approximation of Redis's accounting).
    struct MemoryInfo
    {
        size_t evalVm = 0, functionsVm = 0, scripts = 0, functions = 0;
    };
    MemoryInfo memoryInfo() const;

    // The running script, if any.
    bool running() const { return m_run != nullptr; }
    // True once the running script is past busy-reply-threshold: others get BUSY.
    bool busy() const;
    bool runningEval() const;
    uint64_t callerId() const;
    // The name, command and duration of the running function (FUNCTION STATS).
    bool runningFunction(std::string *name, std::vector<std::string> *command,
                         int64_t *durationMs) const;
    // SCRIPT KILL (eval true) and FUNCTION KILL (eval false): replies.
    void kill(CommandContext &ctx, bool eval);
    // SHUTDOWN NOSAVE while a script runs: the script is stopped as if killed.
    void abortForShutdown();
    // The BUSY error a refused command gets while a script runs.
    std::string_view busyError() const;
    // Whether a command may run while a script is busy (Redis's allow-busy flag).
    static bool allowedWhileBusy(const CommandSpec &spec, const SubcommandSpec *sub);

    // Called from the Lua side (script_engine.cpp's C functions).
    int luaCall(lua_State *L, bool raiseErrors);
    bool runCommand(lua_State *L); // redis.call's work: pushes the reply or an error table
    int luaSetResp(lua_State *L);
    int luaAclCheckCmd(lua_State *L);
    const char *aclCheck(lua_State *L, bool *allowed); // nullptr, or the error to raise
    int luaRegisterFunction(lua_State *L);
    const char *registerFunction(lua_State *L); // nullptr, or the error to raise
    void hook(lua_State *L);

private:
    struct Script
    {
        std::string body;
        uint32_t flags = 0;
        int ref = 0; // the compiled chunk in the eval interpreter's registry
    };
    struct Run
    {
        Client *caller = nullptr;
        uint64_t callerId = 0;
        std::string name;                          // the sha (EVAL) or the function's name
        std::span<const std::string_view> command; // the FCALL, for FUNCTION STATS
        bool isEval = true;
        uint32_t flags = 0;
        bool readOnly = false;
        bool oomAtStart = false;
        int64_t startMonotonicMs = 0;
        int64_t nowMs = 0; // the time commands in the script see
        bool busy = false;
        bool killed = false;
        bool wrote = false;
        bool shutdown = false;
        int resp = 2;
        std::vector<std::pair<int, std::vector<std::string>>> propagated;
    };

    lua_State *evalState();
    lua_State *functionState();
    lua_State *createState(bool forFunctions);
    void closeState(lua_State *&L);
    bool compileScript(std::string_view body, const std::string &sha, Script *script,
                       std::string *error);
    // Runs the function at the top of L's stack with KEYS/ARGV (eval) or keys/args
    // (functions) and replies to ctx.
    void run(CommandContext &ctx, lua_State *L, Run &state, size_t numkeys, size_t firstKey);
    void replyError(CommandContext &ctx, lua_State *L, const Run &state);
    bool checkNumkeys(CommandContext &ctx, size_t *numkeys);
    bool startAllowed(CommandContext &ctx, uint32_t flags, bool readOnly);
    void flushPropagation(Run &state);

    Server &m_server;
    lua_State *m_eval = nullptr;
    lua_State *m_functions = nullptr;
    std::unordered_map<std::string, Script> m_scripts; // by sha
    std::map<std::string, FunctionLibrary> m_libraries;
    std::unordered_map<std::string, std::string> m_functionOwner; // function -> library
    FunctionLibrary *m_loading = nullptr; // the library whose code is registering functions
    std::unique_ptr<Client> m_client;     // runs redis.call's commands
    Run *m_run = nullptr;
    uint64_t m_scriptsRun = 0;
};

} // namespace redscope::engine
