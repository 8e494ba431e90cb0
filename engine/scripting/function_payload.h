// Function libraries in Redis 7.0's serialised form, shared by FUNCTION DUMP/RESTORE and the
// RDB file: each library is the FUNCTION2 opcode (245) followed by its code as an RDB string
// (LZF-compressed when that saves space, as rdbcompression does). A DUMP payload adds the
// RDB version (2 bytes, little endian) and a CRC-64 of everything before it, like a key's
// DUMP; so payloads and dump.rdb files move both ways between the engine and redis-server.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

class ScriptEngine;

// The FUNCTION2 records of every library (empty without libraries), in name order.
std::string encodeFunctionLibraries(const ScriptEngine *engine, bool compression);
// FUNCTION DUMP's payload.
std::string functionDumpPayload(const ScriptEngine *engine);
// Reads one RDB string at `pos` (plain, integer-encoded or LZF); false if malformed.
bool readRdbString(std::string_view data, size_t *pos, std::string *out);
// FUNCTION RESTORE's payload -> the libraries' code; false with the error reply's text.
bool decodeFunctionDumpPayload(std::string_view payload, std::vector<std::string> *codes,
                               std::string *error);

} // namespace redscope::engine
