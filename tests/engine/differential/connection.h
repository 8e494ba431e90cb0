// One synchronous hiredis connection (RESP2) used by the differential harness. Replies come
// back as diff::Reply with the two RESP2 nulls kept apart (see reply.h). A read timeout turns
// a server that hangs into a Failure reply instead of a hung test.
#pragma once

#include "reply.h"

#include <string>
#include <vector>

struct redisContext;

namespace redscope::test::diff {

class Connection
{
public:
    Connection(const std::string &host, int port, int timeoutMs = 10000);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool ok() const { return m_context && m_error.empty(); }
    const std::string &error() const { return m_error; }

    Reply call(const std::vector<std::string> &argv);
    // Reads one more reply (pub/sub messages) without sending anything.
    Reply read();

private:
    redisContext *m_context = nullptr;
    std::string m_error;
};

} // namespace redscope::test::diff
