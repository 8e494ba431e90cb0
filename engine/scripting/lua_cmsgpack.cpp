// cmsgpack for scripts: pack(...) encodes each argument as MessagePack and concatenates
// them; unpack(s) decodes every object in s; unpack_one(s [,offset]) and
// unpack_limit(s, limit [,offset]) decode a few and return the offset of the rest first
// (-1 when nothing is left), as the library Redis bundles does.
//
// Encoding follows that library's choices, which scripts and their clients depend on for
// byte-identical payloads: integral numbers take the smallest integer form; other numbers a
// float32 when it round-trips, else a float64; strings the str family (fixstr, str8, str16,
// str32); a table whose keys are exactly 1..n is an array, any other a map; tables nested
// deeper than 16 levels and values of other types (functions, userdata) encode as nil.
#include "scripting/lua_libs.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

namespace redscope::engine::lua {

namespace {

constexpr int kMaxNesting = 16;

void putBigEndian(std::string &out, uint64_t value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out += static_cast<char>((value >> (8 * i)) & 0xff);
}

void encodeInteger(std::string &out, int64_t n)
{
    if (n >= 0) {
        auto u = static_cast<uint64_t>(n);
        if (u < 128) {
            out += static_cast<char>(u);
        } else if (u <= 0xff) {
            out += '\xcc';
            putBigEndian(out, u, 1);
        } else if (u <= 0xffff) {
            out += '\xcd';
            putBigEndian(out, u, 2);
        } else if (u <= 0xffffffffULL) {
            out += '\xce';
            putBigEndian(out, u, 4);
        } else {
            out += '\xcf';
            putBigEndian(out, u, 8);
        }
        return;
    }
    auto u = static_cast<uint64_t>(n);
    if (n >= -32) {
        out += static_cast<char>(static_cast<uint8_t>(n));
    } else if (n >= -128) {
        out += '\xd0';
        putBigEndian(out, u, 1);
    } else if (n >= -32768) {
        out += '\xd1';
        putBigEndian(out, u, 2);
    } else if (n >= -2147483648LL) {
        out += '\xd2';
        putBigEndian(out, u, 4);
    } else {
        out += '\xd3';
        putBigEndian(out, u, 8);
    }
}

void encodeNumber(std::string &out, double n)
{
    if (!std::isinf(n) && !std::isnan(n) && n >= -9223372036854775808.0 &&
        n < 9223372036854775808.0 && static_cast<double>(static_cast<int64_t>(n)) == n) {
        encodeInteger(out, static_cast<int64_t>(n));
        return;
    }
    auto f = static_cast<float>(n);
    if (static_cast<double>(f) == n) {
        uint32_t bits;
        std::memcpy(&bits, &f, 4);
        out += '\xca';
        putBigEndian(out, bits, 4);
    } else {
        uint64_t bits;
        std::memcpy(&bits, &n, 8);
        out += '\xcb';
        putBigEndian(out, bits, 8);
    }
}

void encodeString(std::string &out, const char *s, size_t len)
{
    if (len < 32) {
        out += static_cast<char>(0xa0 | len);
    } else if (len <= 0xff) {
        out += '\xd9';
        putBigEndian(out, len, 1);
    } else if (len <= 0xffff) {
        out += '\xda';
        putBigEndian(out, len, 2);
    } else {
        out += '\xdb';
        putBigEndian(out, len, 4);
    }
    out.append(s, len);
}

// The number of elements when the table at idx is an array (keys exactly 1..n), else -1.
long long arrayLength(lua_State *L, int idx)
{
    long long count = 0, max = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TNUMBER) {
            lua_pop(L, 1);
            return -1;
        }
        double n = lua_tonumber(L, -1);
        if (n <= 0 || std::floor(n) != n) {
            lua_pop(L, 1);
            return -1;
        }
        ++count;
        if (n > static_cast<double>(max)) max = static_cast<long long>(n);
    }
    return count == max ? count : -1;
}

void encodeValue(lua_State *L, std::string &out, int level);

void encodeTable(lua_State *L, std::string &out, int level)
{
    int idx = lua_gettop(L);
    long long length = arrayLength(L, idx);
    if (length >= 0) {
        if (length < 16) {
            out += static_cast<char>(0x90 | length);
        } else if (length <= 0xffff) {
            out += '\xdc';
            putBigEndian(out, static_cast<uint64_t>(length), 2);
        } else {
            out += '\xdd';
            putBigEndian(out, static_cast<uint64_t>(length), 4);
        }
        for (long long i = 1; i <= length; ++i) {
            lua_rawgeti(L, idx, static_cast<int>(i));
            encodeValue(L, out, level + 1);
        }
        return;
    }
    size_t pairs = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        ++pairs;
    }
    if (pairs < 16) {
        out += static_cast<char>(0x80 | pairs);
    } else if (pairs <= 0xffff) {
        out += '\xde';
        putBigEndian(out, pairs, 2);
    } else {
        out += '\xdf';
        putBigEndian(out, pairs, 4);
    }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pushvalue(L, -2);
        encodeValue(L, out, level + 1); // the key copy
        encodeValue(L, out, level + 1); // the value
    }
}

// Encodes the value on top of the stack and pops it.
void encodeValue(lua_State *L, std::string &out, int level)
{
    switch (lua_type(L, -1)) {
    case LUA_TBOOLEAN:
        out += lua_toboolean(L, -1) ? '\xc3' : '\xc2';
        break;
    case LUA_TNUMBER:
        encodeNumber(out, lua_tonumber(L, -1));
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        encodeString(out, s, len);
        break;
    }
    case LUA_TTABLE:
        if (level >= kMaxNesting) {
            out += '\xc0';
        } else {
            luaL_checkstack(L, 4, "cmsgpack: too deep");
            encodeTable(L, out, level);
        }
        break;
    default:
        out += '\xc0';
        break;
    }
    lua_pop(L, 1);
}

int pack(lua_State *L)
{
    int argc = lua_gettop(L);
    if (argc == 0) return luaL_argerror(L, 0, "MessagePack pack needs input.");
    std::string out;
    for (int i = 1; i <= argc; ++i) {
        lua_pushvalue(L, i);
        encodeValue(L, out, 0);
    }
    lua_pushlstring(L, out.data(), out.size());
    return 1;
}

struct Decoder
{
    const unsigned char *p;
    size_t left;
    bool failed = false;
    const char *error = nullptr;

    bool need(size_t n)
    {
        if (left >= n) return true;
        failed = true;
        error = "Missing bytes in input.";
        return false;
    }
    uint64_t bigEndian(int bytes)
    {
        uint64_t value = 0;
        for (int i = 0; i < bytes; ++i)
            value = value << 8 | p[i];
        p += bytes;
        left -= static_cast<size_t>(bytes);
        return value;
    }
};

void decodeValue(lua_State *L, Decoder &d);

void decodeArray(lua_State *L, Decoder &d, uint64_t count)
{
    luaL_checkstack(L, 4, "cmsgpack: too deep");
    lua_newtable(L);
    for (uint64_t i = 1; i <= count && !d.failed; ++i) {
        decodeValue(L, d);
        if (d.failed) return;
        lua_rawseti(L, -2, static_cast<int>(i));
    }
}

void decodeMap(lua_State *L, Decoder &d, uint64_t count)
{
    luaL_checkstack(L, 4, "cmsgpack: too deep");
    lua_newtable(L);
    for (uint64_t i = 0; i < count && !d.failed; ++i) {
        decodeValue(L, d);
        if (d.failed) return;
        decodeValue(L, d);
        if (d.failed) return;
        if (lua_isnil(L, -2)) { // a nil key cannot be stored
            lua_pop(L, 2);
            continue;
        }
        lua_settable(L, -3);
    }
}

void decodeString(lua_State *L, Decoder &d, uint64_t len)
{
    if (!d.need(len)) return;
    lua_pushlstring(L, reinterpret_cast<const char *>(d.p), len);
    d.p += len;
    d.left -= len;
}

// Pushes one decoded value (or sets d.failed and pushes nothing).
void decodeValue(lua_State *L, Decoder &d)
{
    if (!d.need(1)) return;
    unsigned char c = *d.p++;
    --d.left;
    if (c < 0x80) return lua_pushnumber(L, c);
    if (c >= 0xe0) return lua_pushnumber(L, static_cast<int8_t>(c));
    if ((c & 0xf0) == 0x80) return decodeMap(L, d, c & 0x0f);
    if ((c & 0xf0) == 0x90) return decodeArray(L, d, c & 0x0f);
    if ((c & 0xe0) == 0xa0) return decodeString(L, d, c & 0x1f);
    auto sized = [&](int bytes, uint64_t *out) {
        if (!d.need(static_cast<size_t>(bytes))) return false;
        *out = d.bigEndian(bytes);
        return true;
    };
    uint64_t n = 0;
    switch (c) {
    case 0xc0:
        return lua_pushnil(L);
    case 0xc2:
        return lua_pushboolean(L, 0);
    case 0xc3:
        return lua_pushboolean(L, 1);
    case 0xc4:
    case 0xd9:
        if (sized(1, &n)) decodeString(L, d, n);
        return;
    case 0xc5:
    case 0xda:
        if (sized(2, &n)) decodeString(L, d, n);
        return;
    case 0xc6:
    case 0xdb:
        if (sized(4, &n)) decodeString(L, d, n);
        return;
    case 0xca: {
        if (!sized(4, &n)) return;
        auto bits = static_cast<uint32_t>(n);
        float f;
        std::memcpy(&f, &bits, 4);
        return lua_pushnumber(L, static_cast<double>(f));
    }
    case 0xcb: {
        if (!sized(8, &n)) return;
        double value;
        std::memcpy(&value, &n, 8);
        return lua_pushnumber(L, value);
    }
    case 0xcc:
        if (sized(1, &n)) lua_pushnumber(L, static_cast<double>(n));
        return;
    case 0xcd:
        if (sized(2, &n)) lua_pushnumber(L, static_cast<double>(n));
        return;
    case 0xce:
        if (sized(4, &n)) lua_pushnumber(L, static_cast<double>(n));
        return;
    case 0xcf:
        if (sized(8, &n)) lua_pushnumber(L, static_cast<double>(n));
        return;
    case 0xd0:
        if (sized(1, &n)) lua_pushnumber(L, static_cast<int8_t>(n));
        return;
    case 0xd1:
        if (sized(2, &n)) lua_pushnumber(L, static_cast<int16_t>(n));
        return;
    case 0xd2:
        if (sized(4, &n)) lua_pushnumber(L, static_cast<int32_t>(n));
        return;
    case 0xd3:
        if (sized(8, &n)) lua_pushnumber(L, static_cast<double>(static_cast<int64_t>(n)));
        return;
    case 0xdc:
        if (sized(2, &n)) decodeArray(L, d, n);
        return;
    case 0xdd:
        if (sized(4, &n)) decodeArray(L, d, n);
        return;
    case 0xde:
        if (sized(2, &n)) decodeMap(L, d, n);
        return;
    case 0xdf:
        if (sized(4, &n)) decodeMap(L, d, n);
        return;
    default:
        d.failed = true;
        d.error = "Bad data format in input.";
        return;
    }
}

// Decodes up to `limit` objects (0: all) from offset; returns how many were pushed. With
// withOffset, the offset of the rest (or -1) is pushed first.
int unpackFrom(lua_State *L, int limit, size_t offset, bool withOffset)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    if (offset > len)
        return luaL_error(L, "Start offset %d greater than input length %d.",
                          static_cast<int>(offset), static_cast<int>(len));
    Decoder d{reinterpret_cast<const unsigned char *>(s) + offset, len - offset};
    int base = lua_gettop(L);
    if (withOffset) lua_pushnil(L); // replaced by the offset below
    int count = 0;
    while (d.left > 0 && (limit == 0 || count < limit)) {
        luaL_checkstack(L, 2, "cmsgpack: too many objects");
        decodeValue(L, d);
        if (d.failed) {
            lua_settop(L, base);
            return luaL_error(L, "%s", d.error);
        }
        ++count;
    }
    if (withOffset) {
        lua_Number next = d.left == 0 ? -1 : static_cast<lua_Number>(len - d.left);
        lua_pushnumber(L, next);
        lua_replace(L, base + 1);
        return count + 1;
    }
    return count;
}

int unpack(lua_State *L)
{
    return unpackFrom(L, 0, 0, false);
}

int unpackOne(lua_State *L)
{
    auto offset = static_cast<size_t>(luaL_optinteger(L, 2, 0));
    lua_settop(L, 1);
    return unpackFrom(L, 1, offset, true);
}

int unpackLimit(lua_State *L)
{
    int limit = static_cast<int>(luaL_checkinteger(L, 2));
    auto offset = static_cast<size_t>(luaL_optinteger(L, 3, 0));
    lua_settop(L, 1);
    return unpackFrom(L, limit, offset, true);
}

} // namespace

int openCmsgpack(lua_State *L)
{
    static const luaL_Reg functions[] = {{"pack", pack},
                                         {"unpack", unpack},
                                         {"unpack_one", unpackOne},
                                         {"unpack_limit", unpackLimit},
                                         {nullptr, nullptr}};
    lua_newtable(L);
    for (const luaL_Reg *f = functions; f->name; ++f) {
        lua_pushcfunction(L, f->func);
        lua_setfield(L, -2, f->name);
    }
    lua_pushliteral(L, "lua-cmsgpack");
    lua_setfield(L, -2, "_NAME");
    lua_pushliteral(L, "0.4.0");
    lua_setfield(L, -2, "_VERSION");
    return 1;
}

} // namespace redscope::engine::lua
