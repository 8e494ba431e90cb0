// Public DUMP payload codec and RDB file writer, for the app's export, import, copy and
// compare (app/transfer). A DUMP payload is what DUMP returns and RESTORE takes: the value as
// RDB encodes it after a key, the RDB version that wrote it and a CRC-64. The app reads values
// from servers as payloads (one round trip per batch of keys, whatever their size) and needs
// them as typed values for readable formats and digests, and typed values back as payloads or
// as an RDB file that redis-server loads. Values are the RdbValue of rdb.h. No Qt, nothing of
// the engine's internals here.
#pragma once

#include "redscope/rdb.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace redscope::engine {

// The RDB version in a payload's footer; 0 when it is too short to have one.
int dumpPayloadRdbVersion(std::string_view payload);

// Decodes a payload (footer and checksum checked, any RDB version up to 10) into a typed
// value as rdb.h describes it: a set in its encoding's order, a zset in score order with
// scores as ZSCORE prints them, a stream's entries (its consumer groups are not part of
// RdbValue). False with a message on a bad footer, checksum or body, or a module value.
bool decodeDumpValue(std::string_view payload, RdbValue *out, std::string *error);

// The opposite: a payload (RDB version 10, what Redis 7.0 writes) for a string, list, set,
// hash or zset value. Scores are parsed as ZADD parses them. Streams and module values, and
// empty collections (which no server stores), are refused with a message.
bool encodeDumpPayload(const RdbValue &value, std::string *payload, std::string *error);

// Writes an RDB file (version 10) key by key from DUMP payloads: memory stays flat whatever
// the number of keys. Keys must come database by database (beginDatabase() before each run of
// keys). The file is written to path + ".tmp" and renamed over path by finish(), so a
// cancelled or failed export never leaves a torn file behind under the real name.
class RdbFileWriter
{
public:
    RdbFileWriter();
    ~RdbFileWriter(); // without finish(): the temporary file is removed
    RdbFileWriter(const RdbFileWriter &) = delete;
    RdbFileWriter &operator=(const RdbFileWriter &) = delete;

    bool open(const std::string &path, std::string *error);
    bool beginDatabase(int db, std::string *error);
    // payload: a DUMP payload of RDB version <= 10 (its body is copied after the key as it is,
    // so a payload written by an older server keeps its older encoding, which 7.0 loads).
    // expireAtMs: absolute Unix time in ms, -1 for none.
    bool addKey(std::string_view key, int64_t expireAtMs, std::string_view payload,
                std::string *error);
    // EOF opcode and CRC-64, fsync, rename. False with a message on I/O errors.
    bool finish(std::string *error);
    uint64_t keysWritten() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace redscope::engine
