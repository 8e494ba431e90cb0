// struct for scripts: struct.pack(fmt, ...), struct.unpack(fmt, s [, pos]) and
// struct.size(fmt), the binary packing library Redis bundles. A format is a sequence of
// options:
//   > big endian   < little endian   = native   ![n] alignment (max n, default native)
//   x pad byte   b/B signed/unsigned char   h/H short   l/L long (8)   T size_t
//   i/I[n] integer of n bytes (default 4)   f float   d double
//   s zero-terminated string   c[n] n chars (c0: pack the whole string; unpack the length
//   given by the previous value)   ' ' ignored
// unpack returns the values then the position after the last byte read (1-based).
#include "scripting/lua_libs.h"

extern "C" {
#include <lauxlib.h>
#include <lua.h>
}

#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>

namespace redscope::engine::lua {

namespace {

constexpr int kMaxIntSize = 32;
constexpr int kNativeAlign = 8;

struct Header
{
    bool little = true;
    int align = 1;
};

size_t readNumber(const char **fmt, size_t deflt)
{
    if (!std::isdigit(static_cast<unsigned char>(**fmt))) return deflt;
    size_t n = 0;
    while (std::isdigit(static_cast<unsigned char>(**fmt)))
        n = n * 10 + static_cast<size_t>(*(*fmt)++ - '0');
    return n;
}

// The size of the option at *fmt (consuming it); 0 for options without a fixed size.
size_t optionSize(lua_State *L, char opt, const char **fmt)
{
    switch (opt) {
    case 'B':
    case 'b':
        return 1;
    case 'H':
    case 'h':
        return 2;
    case 'L':
    case 'l':
        return 8;
    case 'T':
        return sizeof(size_t);
    case 'f':
        return sizeof(float);
    case 'd':
        return sizeof(double);
    case 'x':
        return 1;
    case 'c':
        return readNumber(fmt, 1);
    case 'i':
    case 'I': {
        size_t size = readNumber(fmt, 4);
        if (size > kMaxIntSize)
            luaL_error(L, "integral size %d is larger than limit of %d", static_cast<int>(size),
                       kMaxIntSize);
        return size;
    }
    default:
        return 0;
    }
}

size_t padding(const Header &h, size_t offset, size_t size)
{
    size_t align = size;
    if (align <= 1 || h.align <= 1) return 0;
    if (align > static_cast<size_t>(h.align)) align = static_cast<size_t>(h.align);
    if ((align & (align - 1)) != 0) return 0;
    return (align - (offset & (align - 1))) & (align - 1);
}

// Header-changing options; returns true when opt was one.
bool controlOption(lua_State *L, char opt, const char **fmt, Header &h)
{
    switch (opt) {
    case ' ':
        return true;
    case '>':
        h.little = false;
        return true;
    case '<':
        h.little = true;
        return true;
    case '=':
        h.little = true;
        return true; // x86-64
    case '!': {
        size_t a = readNumber(fmt, kNativeAlign);
        if ((a & (a - 1)) != 0)
            luaL_error(L, "alignment %d is not a power of 2", static_cast<int>(a));
        h.align = static_cast<int>(a);
        return true;
    }
    default:
        return false;
    }
}

// The two's-complement bits of a number packed as an integer: truncated toward zero, values
// up to 2^64 kept for unsigned formats, anything else (NaN, out of range) the bits x86-64's
// conversion gives, 2^63, without the undefined behaviour of a plain cast.
uint64_t integerBits(double n)
{
    if (n >= -9223372036854775808.0 && n < 9223372036854775808.0)
        return static_cast<uint64_t>(static_cast<int64_t>(n));
    if (n >= 0 && n < 18446744073709551616.0) return static_cast<uint64_t>(n);
    return uint64_t{1} << 63;
}

void putInteger(std::string &out, uint64_t value, bool little, size_t size)
{
    char buffer[kMaxIntSize];
    for (size_t i = 0; i < size; ++i) {
        unsigned char byte = i < 8 ? static_cast<unsigned char>(value >> (8 * i)) : 0;
        // Sign-extend negative values beyond 8 bytes.
        if (i >= 8 && (value >> 63)) byte = 0xff;
        buffer[little ? i : size - 1 - i] = static_cast<char>(byte);
    }
    out.append(buffer, size);
}

int pack(lua_State *L)
{
    const char *fmt = luaL_checkstring(L, 1);
    Header h;
    std::string out;
    int arg = 2;
    while (*fmt) {
        char opt = *fmt++;
        if (controlOption(L, opt, &fmt, h)) continue;
        size_t size = optionSize(L, opt, &fmt);
        size_t pad = padding(h, out.size(), size);
        out.append(pad, '\0');
        switch (opt) {
        case 'b':
        case 'B':
        case 'h':
        case 'H':
        case 'l':
        case 'L':
        case 'T':
        case 'i':
        case 'I': {
            putInteger(out, integerBits(luaL_checknumber(L, arg++)), h.little, size);
            break;
        }
        case 'x':
            out += '\0';
            break;
        case 'f': {
            auto f = static_cast<float>(luaL_checknumber(L, arg++));
            uint32_t bits;
            std::memcpy(&bits, &f, 4);
            putInteger(out, bits, h.little, 4);
            break;
        }
        case 'd': {
            double d = luaL_checknumber(L, arg++);
            uint64_t bits;
            std::memcpy(&bits, &d, 8);
            putInteger(out, bits, h.little, 8);
            break;
        }
        case 'c':
        case 's': {
            size_t len;
            const char *s = luaL_checklstring(L, arg++, &len);
            if (opt == 's') {
                out.append(s, len);
                out += '\0';
                break;
            }
            if (size == 0) size = len;
            luaL_argcheck(L, len >= size, arg - 1, "string too short");
            out.append(s, size);
            break;
        }
        default:
            return luaL_error(L, "invalid format option '%c'", opt);
        }
    }
    lua_pushlstring(L, out.data(), out.size());
    return 1;
}

uint64_t getInteger(const unsigned char *p, bool little, size_t size)
{
    uint64_t value = 0;
    size_t limit = size < 8 ? size : 8;
    for (size_t i = 0; i < limit; ++i) {
        unsigned char byte = little ? p[i] : p[size - 1 - i];
        value |= static_cast<uint64_t>(byte) << (8 * i);
    }
    return value;
}

int unpack(lua_State *L)
{
    const char *fmt = luaL_checkstring(L, 1);
    size_t len;
    const auto *data = reinterpret_cast<const unsigned char *>(luaL_checklstring(L, 2, &len));
    lua_Integer start = luaL_optinteger(L, 3, 1);
    luaL_argcheck(L, start > 0, 3, "offset must be 1 or greater");
    auto pos = static_cast<size_t>(start - 1);
    Header h;
    int results = 0;
    while (*fmt) {
        char opt = *fmt++;
        if (controlOption(L, opt, &fmt, h)) continue;
        size_t size = optionSize(L, opt, &fmt);
        pos += padding(h, pos, size);
        luaL_argcheck(L, pos <= len && size <= len - pos, 2, "data string too short");
        luaL_checkstack(L, 2, "too many results");
        switch (opt) {
        case 'b':
        case 'h':
        case 'l':
        case 'i': {
            uint64_t v = getInteger(data + pos, h.little, size);
            if (size < 8) {
                uint64_t sign = uint64_t(1) << (size * 8 - 1);
                v = (v ^ sign) - sign; // sign-extend
            }
            lua_pushnumber(L, static_cast<lua_Number>(static_cast<int64_t>(v)));
            ++results;
            break;
        }
        case 'B':
        case 'H':
        case 'L':
        case 'T':
        case 'I':
            lua_pushnumber(L, static_cast<lua_Number>(getInteger(data + pos, h.little, size)));
            ++results;
            break;
        case 'x':
            break;
        case 'f': {
            auto bits = static_cast<uint32_t>(getInteger(data + pos, h.little, 4));
            float f;
            std::memcpy(&f, &bits, 4);
            lua_pushnumber(L, static_cast<lua_Number>(f));
            ++results;
            break;
        }
        case 'd': {
            uint64_t bits = getInteger(data + pos, h.little, 8);
            double d;
            std::memcpy(&d, &bits, 8);
            lua_pushnumber(L, d);
            ++results;
            break;
        }
        case 'c': {
            if (size == 0) {
                luaL_argcheck(L, results > 0 && lua_isnumber(L, -1), 1,
                              "format 'c0' needs a previous size");
                size = static_cast<size_t>(lua_tonumber(L, -1));
                lua_pop(L, 1);
                --results;
                luaL_argcheck(L, size <= len - pos, 2, "data string too short");
            }
            lua_pushlstring(L, reinterpret_cast<const char *>(data + pos), size);
            ++results;
            break;
        }
        case 's': {
            const void *end = std::memchr(data + pos, '\0', len - pos);
            if (!end) return luaL_error(L, "unfinished string in data");
            size = static_cast<size_t>(static_cast<const unsigned char *>(end) - (data + pos)) + 1;
            lua_pushlstring(L, reinterpret_cast<const char *>(data + pos), size - 1);
            ++results;
            break;
        }
        default:
            return luaL_error(L, "invalid format option '%c'", opt);
        }
        pos += size;
    }
    lua_pushinteger(L, static_cast<lua_Integer>(pos + 1));
    return results + 1;
}

int size(lua_State *L)
{
    const char *fmt = luaL_checkstring(L, 1);
    Header h;
    size_t pos = 0;
    while (*fmt) {
        char opt = *fmt++;
        if (controlOption(L, opt, &fmt, h)) continue;
        size_t size = optionSize(L, opt, &fmt);
        pos += padding(h, pos, size);
        if (opt == 's') luaL_argerror(L, 1, "options 's' has no fixed size");
        if (opt == 'c' && size == 0) luaL_argerror(L, 1, "option 'c0' has no fixed size");
        if (!std::strchr("bBhHlLTiIfdxc", opt)) luaL_error(L, "invalid format option '%c'", opt);
        pos += size;
    }
    lua_pushinteger(L, static_cast<lua_Integer>(pos));
    return 1;
}

} // namespace

int openStruct(lua_State *L)
{
    lua_newtable(L);
    lua_pushcfunction(L, pack);
    lua_setfield(L, -2, "pack");
    lua_pushcfunction(L, unpack);
    lua_setfield(L, -2, "unpack");
    lua_pushcfunction(L, size);
    lua_setfield(L, -2, "size");
    return 1;
}

} // namespace redscope::engine::lua
