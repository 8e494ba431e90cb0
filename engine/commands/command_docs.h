// Argument documentation for COMMAND DOCS: the tree of arguments of every command and
// subcommand ("config|get"), as Redis 7 reports it (name, type, token, optional / multiple
// flags, nested oneof and block arguments, the key spec of each key). Clients such as the
// Redscope console build syntax hints and complete option tokens from it.
//
// The docs are data next to the command table (command_docs.cpp): one synopsis line per
// command in the notation redis.io uses, parsed once into trees on first use. A test checks
// that every row of the command table and of the subcommand table has one, and no more.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

class ReplyWriter;

struct ArgumentDoc
{
    std::string name;
    std::string type;  // string, integer, double, key, pattern, unix-time, pure-token, oneof, block
    std::string token; // literal that precedes the value (or is the value, for pure-token)
    bool optional = false;
    bool multiple = false;
    bool multipleToken = false;         // the token repeats with each value ("GET p [GET p ...]")
    // The key spec (COMMAND INFO's key_specs, commands/key_specs.h) that finds this key or
    // key pattern; -1 for other arguments.
    int keySpecIndex = -1;
    std::vector<ArgumentDoc> arguments; // for oneof and block
};

namespace CommandDocs {

// The arguments of "set" or "config|get" (case-insensitive); nullptr when undocumented.
const std::vector<ArgumentDoc> *arguments(std::string_view fullName);
// The synopsis line the tree was parsed from (empty when undocumented).
std::string_view synopsis(std::string_view fullName);
// Every documented name ("set", "config|get", ...), for the completeness test.
std::vector<std::string_view> documentedNames();
// Writes the "arguments" value of a COMMAND DOCS reply: an array of argument maps.
void writeArguments(ReplyWriter &reply, const std::vector<ArgumentDoc> &arguments);

} // namespace CommandDocs

} // namespace redscope::engine
