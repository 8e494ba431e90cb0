// SHA-1, for script names and DEBUG DIGEST: Redis names an EVAL script by the lowercase hex SHA-1
// of its body (EVALSHA, SCRIPT LOAD, redis.sha1hex) and builds its dataset signatures from SHA-1,
// so the engine must compute the same digests. OpenSSL's libcrypto computes them (the engine
// links it for TLS); not used for anything that needs collision resistance.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace redscope::engine {

using Sha1 = std::array<unsigned char, 20>;

Sha1 sha1(std::string_view data);

// 40 lowercase hex characters.
std::string sha1Hex(const Sha1 &hash);
std::string sha1Hex(std::string_view data);

} // namespace redscope::engine
