// The Lua libraries Redis exposes to scripts that Debian does not package: cmsgpack
// (MessagePack, which BullMQ uses to pass job options) and struct (binary packing in the
// style of Roberto Ierusalimschy's struct library). Both are written here against their
// documented behaviour; cjson and bit come from Debian's lua-cjson and lua-bitop.
#pragma once

struct lua_State;

namespace redscope::engine::lua {

// Each pushes the library table (cmsgpack / struct) on the stack.
int openCmsgpack(lua_State *L);
int openStruct(lua_State *L);

} // namespace redscope::engine::lua
