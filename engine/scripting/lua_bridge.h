// The conversions between Redis replies and Lua values, both ways, as Redis 7.0 defines them
// (the EVAL documentation's "Conversion between Lua and Redis data types"):
//
//   reply -> Lua (redis.call's result), by the script's protocol (redis.setresp):
//     integer -> number   bulk -> string   null bulk / null array (RESP2) -> false
//     array -> table      status -> {ok=...}   error -> {err=...}
//     RESP3: null -> nil, map -> {map={...}}, set -> {set={k=true}}, double -> {double=n},
//     boolean -> boolean, big number -> {big_number="..."},
//     verbatim -> {verbatim_string={format=..., string=...}}
//   Lua -> reply (the script's result):
//     number -> integer (truncated)   string -> bulk   table -> array up to the first nil
//     {err=...} -> error   {ok=...} -> status   {double=n} -> double   {map=t} -> map
//     {set=t} -> set   {big_number=s} -> big number   nil -> null
//     boolean: with setresp(2) true -> 1 and false -> null; with setresp(3) a boolean
//
// The reply side reads the RESP bytes a command wrote into the script client's buffer, the
// way Redis parses its fake client's reply: every command family stays unaware of Lua.
#pragma once

#include <string>
#include <string_view>

struct lua_State;

namespace redscope::engine {

class ReplyWriter;

namespace lua {

// Pushes the value of the reply in `resp` (one complete reply). Returns false (pushing
// nothing) if the bytes are not one well-formed reply.
bool pushReply(lua_State *L, std::string_view resp);

// Writes the Lua value at the top of the stack as a reply; scriptResp is the protocol the
// script chose with redis.setresp (it decides what booleans become).
void writeValue(lua_State *L, ReplyWriter &reply, int scriptResp);

// Pushes an error table {err="CODE message"} built from an error text as Redis does: a text
// starting with '-' carries its own code ("-WRONGTYPE ..."; "-X" alone becomes "ERR X"),
// any other gets "ERR "; a trailing CRLF is trimmed.
void pushErrorTable(lua_State *L, std::string_view text);

// A number passed to redis.call as Redis writes it: %.17g ("3", "1.5", "1e+20",
// "0.10000000000000001").
std::string numberArgument(double value);

} // namespace lua
} // namespace redscope::engine
