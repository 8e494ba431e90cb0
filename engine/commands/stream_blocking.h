// How a client parked in XREAD/XREADGROUP BLOCK is woken (stream_commands.cpp): the blocking
// machinery (server/blocking.cpp) asks, for each waiter on a key that became ready, whether
// to serve it (by running the read again for that one stream, without BLOCK), to leave it
// waiting, or to end its wait with an error because its stream or group is gone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

class Server;
struct Client;
struct CommandSpec;

struct StreamWake
{
    enum class Kind { Wait, Serve, Error } kind = Kind::Wait;
    std::vector<std::string> argv; // Serve: the command to run
    std::string error;             // Error: the reply
};

bool isStreamRead(const CommandSpec &spec);
StreamWake streamWakeFor(Server &server, const Client &client, int dbIndex, std::string_view key);

} // namespace redscope::engine
