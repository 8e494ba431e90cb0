// What the list suites read off both servers to compare their lists: DEBUG OBJECT's quicklist
// figures and single bulk replies (LINDEX, DUMP). Shared by tst_list_plain_nodes and
// tst_quicklist_layout_diff.
#pragma once

#include "redis_test_client.h"

#include <string>
#include <vector>

namespace redscope::test {

// DEBUG OBJECT's quicklist figures (from ql_nodes on): the address and LRU before them differ
// between any two servers.
inline std::string quicklistFields(RedisTestClient &client, const std::string &key)
{
    const std::string reply = client.run({"DEBUG", "OBJECT", key});
    const size_t at = reply.find("ql_nodes");
    return at == std::string::npos ? reply : reply.substr(at);
}

// A command's bulk-string reply; `otherwise` when the reply is anything else (nil, an error).
inline std::string bulkReply(RedisTestClient &client, const std::vector<std::string> &args,
                             const std::string &otherwise = "<no bulk>")
{
    RedisTestClient::Reply reply = client.command(args);
    if (!reply || reply->type != REDIS_REPLY_STRING) return otherwise;
    return std::string(reply->str, reply->len);
}

} // namespace redscope::test
