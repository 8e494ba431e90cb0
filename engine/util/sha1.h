// SHA-1 (FIPS 180-4), for script names: Redis names an EVAL script by the lowercase hex SHA-1
// of its body (EVALSHA, SCRIPT LOAD, redis.sha1hex), so the engine must compute the same
// digests. Written from the spec; not used for anything that needs collision resistance.
#pragma once

#include <string>
#include <string_view>

namespace redscope::engine {

// 40 lowercase hex characters.
std::string sha1Hex(std::string_view data);

} // namespace redscope::engine
