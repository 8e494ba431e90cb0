// SHA-256 (FIPS 180-4), for ACL password hashes: Redis stores and shows passwords as the
// lowercase hex SHA-256 of the clear text, so ACL LIST and aclfile lines are interchangeable
// with redis-server's. Written from the spec; the engine links no crypto library.
#pragma once

#include <string>
#include <string_view>

namespace redscope::engine {

// 64 lowercase hex characters.
std::string sha256Hex(std::string_view data);

} // namespace redscope::engine
