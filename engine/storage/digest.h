// DEBUG DIGEST and DEBUG DIGEST-VALUE: SHA-1 signatures of the dataset and of single values,
// computed the way redis-server 7.0 computes them, so the hex is the same on both servers
// for the same data and a master/replica comparison can mix them.
//
// Two operations build every signature (D is a 20-byte state, H is SHA-1):
//   add(D, x) = D xor H(x)          order-independent: sets, hashes, sorted sets, keys
//   mix(D, x) = H(D xor H(x))       order-dependent: list elements, stream entries
// A value starts from mix(0, type code as 4 big-endian bytes); strings and list elements are
// mixed in as their text (integers as decimal); a set adds its members; a hash adds, per
// field, the state mix(mix(0, field), value); a sorted set the same with the score printed
// as "%.17g"; a stream mixes "<ms>.<seq>" then each field and value of every entry. A key
// with a TTL adds the text "!!expire!!" (only its presence, not its time). The dataset state
// mixes each non-empty database's number, then adds each key's state mix(0, name) continued
// as above. Cost: O(N) over every element of the dataset.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace redscope::engine {

class Database;
class Server;
class Value;

using Digest = std::array<unsigned char, 20>;

// The state of one value (DIGEST-VALUE): the type code, the elements, and the TTL mark when
// hasExpire.
Digest valueDigest(const Value &value, bool hasExpire);
// The whole dataset (DIGEST): all zeros when every database is empty. Logically expired keys
// that are still held count, as in Redis (no lookup runs).
Digest datasetDigest(Server &server);
// 40 lowercase hex characters.
std::string digestHex(const Digest &digest);

} // namespace redscope::engine
