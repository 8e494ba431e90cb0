// Declarations of every command handler, grouped by the file that defines them. The command
// table (command_table.cpp) is the only user; a handler is reached only through its row.
#pragma once

namespace redscope::engine {

struct CommandContext;
#define REDSCOPE_HANDLER(name) void name(CommandContext &ctx)

// connection_commands.cpp
REDSCOPE_HANDLER(cmdPing);
REDSCOPE_HANDLER(cmdEcho);
REDSCOPE_HANDLER(cmdSelect);
REDSCOPE_HANDLER(cmdQuit);
REDSCOPE_HANDLER(cmdReset);
REDSCOPE_HANDLER(cmdAuth);
REDSCOPE_HANDLER(cmdHello);
REDSCOPE_HANDLER(cmdClient);

// keyspace_commands.cpp
REDSCOPE_HANDLER(cmdDel);
REDSCOPE_HANDLER(cmdUnlink);
REDSCOPE_HANDLER(cmdExists);
REDSCOPE_HANDLER(cmdExpire);
REDSCOPE_HANDLER(cmdPexpire);
REDSCOPE_HANDLER(cmdExpireat);
REDSCOPE_HANDLER(cmdPexpireat);
REDSCOPE_HANDLER(cmdTtl);
REDSCOPE_HANDLER(cmdPttl);
REDSCOPE_HANDLER(cmdPersist);
REDSCOPE_HANDLER(cmdType);
REDSCOPE_HANDLER(cmdKeys);
REDSCOPE_HANDLER(cmdScan);
REDSCOPE_HANDLER(cmdDbsize);
REDSCOPE_HANDLER(cmdFlushdb);
REDSCOPE_HANDLER(cmdFlushall);
// -- keyspace family additions (issue 3) below this line --

// string_commands.cpp
REDSCOPE_HANDLER(cmdGet);
REDSCOPE_HANDLER(cmdSet);
// -- string family additions (issue 3) below this line --

// list_commands.cpp
// -- list family (issue 3) below this line --

// hash_commands.cpp
// -- hash family (issue 3) below this line --

// set_commands.cpp
// -- set family (issue 3) below this line --

// zset_commands.cpp
// -- sorted set family (issue 3) below this line --

// pubsub_commands.cpp
// -- pub/sub family (issue 3) below this line --

// transaction_commands.cpp
// -- transaction family (issue 3) below this line --

// server_commands.cpp
REDSCOPE_HANDLER(cmdInfo);
REDSCOPE_HANDLER(cmdCommand);
// -- server family additions (issue 3) below this line --

// persistence_commands.cpp
// -- persistence family (issue 4) below this line --

#undef REDSCOPE_HANDLER

} // namespace redscope::engine
