// Reply <-> Lua conversions (see lua_bridge.h). The reply parser walks the RESP bytes once,
// recursively for aggregates; nesting is bounded by what a command can write, and each level
// checks the Lua stack before pushing.
#include "scripting/lua_bridge.h"

#include "protocol/reply_writer.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace redscope::engine::lua {

namespace {

struct Cursor
{
    std::string_view data;
    size_t pos = 0;

    bool line(std::string_view *out)
    {
        size_t end = data.find("\r\n", pos);
        if (end == std::string_view::npos) return false;
        *out = data.substr(pos, end - pos);
        pos = end + 2;
        return true;
    }
    bool integer(int64_t *out)
    {
        std::string_view text;
        if (!line(&text)) return false;
        auto result = std::from_chars(text.data(), text.data() + text.size(), *out);
        return result.ec == std::errc() && result.ptr == text.data() + text.size();
    }
    bool bytes(size_t n, std::string_view *out)
    {
        if (data.size() - pos < n + 2) return false;
        *out = data.substr(pos, n);
        pos += n + 2;
        return true;
    }
};

bool pushValue(lua_State *L, Cursor &c);

void setField(lua_State *L, const char *name)
{
    // table below the value: t[name] = value
    lua_setfield(L, -2, name);
}

bool pushArray(lua_State *L, Cursor &c, int64_t count)
{
    luaL_checkstack(L, 4, "reply nesting too deep");
    // Every element takes at least 3 bytes (":0\r\n" is 4): a count the rest of the reply
    // cannot hold is malformed, and is not preallocated.
    if (count < 0 || count > static_cast<int64_t>((c.data.size() - c.pos) / 3)) return false;
    lua_createtable(L, static_cast<int>(count), 0);
    for (int64_t i = 1; i <= count; ++i) {
        if (!pushValue(L, c)) return false;
        lua_rawseti(L, -2, static_cast<int>(i));
    }
    return true;
}

bool pushValue(lua_State *L, Cursor &c)
{
    if (c.pos >= c.data.size()) return false;
    char type = c.data[c.pos++];
    std::string_view text;
    int64_t n = 0;
    switch (type) {
    case '+':
        if (!c.line(&text)) return false;
        lua_newtable(L);
        lua_pushlstring(L, text.data(), text.size());
        setField(L, "ok");
        return true;
    case '-':
        if (!c.line(&text)) return false;
        lua_newtable(L);
        lua_pushlstring(L, text.data(), text.size());
        setField(L, "err");
        return true;
    case ':':
        if (!c.integer(&n)) return false;
        lua_pushnumber(L, static_cast<lua_Number>(n));
        return true;
    case '$':
        if (!c.integer(&n)) return false;
        if (n < 0) {
            lua_pushboolean(L, 0);
            return true;
        }
        if (!c.bytes(static_cast<size_t>(n), &text)) return false;
        lua_pushlstring(L, text.data(), text.size());
        return true;
    case '*':
        if (!c.integer(&n)) return false;
        if (n < 0) {
            lua_pushboolean(L, 0);
            return true;
        }
        return pushArray(L, c, n);
    case '>': // a push inside a reply: read as an array
        if (!c.integer(&n)) return false;
        return pushArray(L, c, n);
    case '_':
        if (!c.line(&text)) return false;
        lua_pushnil(L);
        return true;
    case '#':
        if (!c.line(&text)) return false;
        lua_pushboolean(L, text == "t");
        return true;
    case ',': {
        if (!c.line(&text)) return false;
        std::string copy(text);
        double value = copy == "inf"    ? HUGE_VAL
                       : copy == "-inf" ? -HUGE_VAL
                                        : std::strtod(copy.c_str(), nullptr);
        lua_newtable(L);
        lua_pushnumber(L, value);
        setField(L, "double");
        return true;
    }
    case '(':
        if (!c.line(&text)) return false;
        lua_newtable(L);
        lua_pushlstring(L, text.data(), text.size());
        setField(L, "big_number");
        return true;
    case '=': {
        if (!c.integer(&n) || n < 4 || !c.bytes(static_cast<size_t>(n), &text)) return false;
        lua_newtable(L);
        lua_newtable(L);
        lua_pushlstring(L, text.data(), 3);
        setField(L, "format");
        lua_pushlstring(L, text.data() + 4, text.size() - 4);
        setField(L, "string");
        setField(L, "verbatim_string");
        return true;
    }
    case '%':
    case '~': {
        if (!c.integer(&n) || n < 0 || n > static_cast<int64_t>(c.data.size() - c.pos))
            return false;
        luaL_checkstack(L, 6, "reply nesting too deep");
        lua_newtable(L);
        lua_newtable(L);
        for (int64_t i = 0; i < n; ++i) {
            if (!pushValue(L, c)) return false;
            if (type == '%') {
                if (!pushValue(L, c)) return false;
            } else {
                lua_pushboolean(L, 1);
            }
            if (lua_isnil(L, -2)) {
                lua_pop(L, 2);
                continue;
            }
            lua_settable(L, -3);
        }
        setField(L, type == '%' ? "map" : "set");
        return true;
    }
    case '|': { // attributes are not passed to scripts: skip them, read what follows
        if (!c.integer(&n) || n < 0 || n > static_cast<int64_t>(c.data.size() - c.pos))
            return false;
        for (int64_t i = 0; i < 2 * n; ++i) {
            if (!pushValue(L, c)) return false;
            lua_pop(L, 1);
        }
        return pushValue(L, c);
    }
    default:
        return false;
    }
}

// The string field `name` of the table at the top, or false.
bool stringField(lua_State *L, const char *name, std::string *out)
{
    lua_pushstring(L, name);
    lua_rawget(L, -2);
    bool found = lua_type(L, -1) == LUA_TSTRING;
    if (found) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        out->assign(s, len);
    }
    lua_pop(L, 1);
    return found;
}

void writeTable(lua_State *L, ReplyWriter &reply, int scriptResp)
{
    std::string text;
    if (stringField(L, "err", &text)) {
        // The error keeps its own code; newlines would break the protocol.
        for (char &ch : text)
            if (ch == '\r' || ch == '\n') ch = ' ';
        reply.error(text); // a leading '-' stays: Redis answers "--CODE ..." too
        return;
    }
    if (stringField(L, "ok", &text)) {
        for (char &ch : text)
            if (ch == '\r' || ch == '\n') ch = ' ';
        reply.status(text);
        return;
    }
    lua_pushstring(L, "double");
    lua_rawget(L, -2);
    if (lua_type(L, -1) == LUA_TNUMBER) {
        reply.doubleValue(lua_tonumber(L, -1));
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 1);
    if (stringField(L, "big_number", &text)) {
        if (reply.isResp3()) {
            for (char &ch : text)
                if (ch == '\r' || ch == '\n') ch = ' ';
            reply.buffer()->append("(" + text + "\r\n");
        } else {
            reply.bulk(text);
        }
        return;
    }
    for (const char *kind : {"map", "set"}) {
        lua_pushstring(L, kind);
        lua_rawget(L, -2);
        if (lua_type(L, -1) != LUA_TTABLE) {
            lua_pop(L, 1);
            continue;
        }
        bool isMap = kind[0] == 'm';
        size_t slot = isMap ? reply.beginDeferredMap() : reply.beginDeferredSet();
        size_t count = 0;
        lua_pushnil(L);
        // The stack grows as Redis's does (map: key, value, key copy; set: key, key copy),
        // so the depth limit below is reached at the same place.
        while (lua_next(L, -2)) {
            if (!isMap) lua_pop(L, 1);              // a set's values are not sent
            lua_pushvalue(L, -2 + (isMap ? 0 : 1)); // a copy of the key
            writeValue(L, reply, scriptResp);
            if (isMap) writeValue(L, reply, scriptResp);
            ++count;
        }
        lua_pop(L, 1);
        if (isMap)
            reply.endDeferredMap(slot, count);
        else
            reply.endDeferredSet(slot, count);
        return;
    }
    // An array, up to the first nil.
    size_t slot = reply.beginDeferredArray();
    size_t count = 0;
    for (int i = 1;; ++i) {
        lua_rawgeti(L, -1, i);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            break;
        }
        writeValue(L, reply, scriptResp);
        ++count;
    }
    reply.endDeferredArray(slot, count);
}

} // namespace

bool pushReply(lua_State *L, std::string_view resp)
{
    int top = lua_gettop(L);
    Cursor cursor{resp};
    if (pushValue(L, cursor)) return true;
    lua_settop(L, top);
    return false;
}

void writeValue(lua_State *L, ReplyWriter &reply, int scriptResp)
{
    // Checked for every value, as Redis does: a table that contains itself ends, at the
    // same depth as in redis-server, in this error instead of a crash.
    if (!lua_checkstack(L, 4)) {
        reply.error("ERR reached lua stack limit");
        lua_pop(L, 1);
        return;
    }
    switch (lua_type(L, -1)) {
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        reply.bulk(std::string_view(s, len));
        break;
    }
    case LUA_TNUMBER: {
        // Truncated like Redis's (long long) cast; out of range or NaN, that cast gives
        // INT64_MIN on x86-64, which is what redis-server answers: say so without the UB.
        double n = lua_tonumber(L, -1);
        bool fits = n >= -9223372036854775808.0 && n < 9223372036854775808.0;
        reply.integer(fits ? static_cast<int64_t>(n) : INT64_MIN);
        break;
    }
    case LUA_TBOOLEAN:
        if (scriptResp == 2) {
            if (lua_toboolean(L, -1))
                reply.integer(1);
            else
                reply.nullBulk();
        } else {
            reply.boolean(lua_toboolean(L, -1));
        }
        break;
    case LUA_TTABLE:
        writeTable(L, reply, scriptResp);
        break;
    default:
        reply.nullBulk();
        break;
    }
    lua_pop(L, 1);
}

void pushErrorTable(lua_State *L, std::string_view text)
{
    std::string code = "ERR", message;
    if (!text.empty() && text[0] == '-') {
        text.remove_prefix(1);
        size_t space = text.find(' ');
        if (space == std::string_view::npos) {
            message = text;
        } else {
            code = text.substr(0, space);
            message = text.substr(space + 1);
        }
    } else {
        message = text;
    }
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r'))
        message.pop_back();
    std::string err = code + " " + message;
    lua_newtable(L);
    lua_pushlstring(L, err.data(), err.size());
    lua_setfield(L, -2, "err");
}

std::string numberArgument(double value)
{
    char buffer[64];
    // Integral values below 2^53 print as their digits under %.17g: skip printf for them.
    if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0 &&
        !(value == 0 && std::signbit(value))) {
        auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<int64_t>(value));
        return std::string(buffer, result.ptr);
    }
    int n = std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return std::string(buffer, static_cast<size_t>(n));
}

} // namespace redscope::engine::lua
