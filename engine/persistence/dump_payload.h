// DUMP/RESTORE payloads in Redis's format, so they move both ways with redis-server 7.0:
// the value as RDB encodes it after a key (type byte, value), the RDB version that wrote it
// as two little-endian bytes, and a CRC-64 (the RDB file checksum) of everything before it,
// little-endian. Also what MIGRATE sends and what a future copy between servers reads.
#pragma once

#include <string>
#include <string_view>

namespace redscope::engine {

class Value;
struct RdbLoadOptions;

// The RDB version written in payloads: Redis 7.0's, the newest a payload may carry.
inline constexpr int kDumpRdbVersion = 10;

std::string makeDumpPayload(const Value &value, bool compression);

// True when the footer names an RDB version this engine reads and the checksum matches
// (Redis's "DUMP payload version or checksum are wrong" otherwise).
bool dumpPayloadFooterValid(std::string_view payload);

// Decodes the value of a payload whose footer is valid. False with the loader's message
// when the body is corrupt or an empty collection (Redis's "Bad data format").
bool decodeDumpPayload(std::string_view payload, const RdbLoadOptions &options, Value *out,
                       std::string *error);

} // namespace redscope::engine
