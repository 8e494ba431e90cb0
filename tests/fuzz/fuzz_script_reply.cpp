// libFuzzer target for the reply conversions of scripting (scripting/lua_bridge): the input
// is one RESP2/RESP3 reply as a command writes it into the script client's buffer (the first
// byte picks the script's protocol, 2 or 3). It is converted to a Lua value as redis.call
// does, then written back as a script's reply, in RESP2 and RESP3, as EVAL does; nesting,
// maps with nil keys, verbatim strings and attributes all go through. Nothing may crash, and
// a reply that converts must produce a non-empty reply back.
#include "protocol/reply_writer.h"
#include "scripting/lua_bridge.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

using namespace redscope::engine;

namespace {

struct Input
{
    std::string_view resp;
    int scriptResp;
    bool converted = false;
};

// Runs protected: a reply nested deeper than Lua's stack raises, as inside a script.
int convert(lua_State *L)
{
    auto *input = static_cast<Input *>(lua_touserdata(L, 1));
    lua_settop(L, 0);
    if (!lua::pushReply(L, input->resp)) return 0;
    input->converted = true;
    for (int protocol : {2, 3}) {
        std::string out;
        ReplyWriter writer(&out);
        writer.setProtocol(protocol);
        lua_pushvalue(L, 1);
        lua::writeValue(L, writer, input->scriptResp);
        if (out.empty()) std::abort();
    }
    return 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    static lua_State *L = luaL_newstate();
    Input input{std::string_view(reinterpret_cast<const char *>(data) + 1, size - 1),
                (data[0] & 1) ? 3 : 2};
    lua_settop(L, 0);
    lua_cpcall(L, convert, &input);
    lua_settop(L, 0);
    lua_gc(L, LUA_GCCOLLECT, 0);
    return 0;
}
