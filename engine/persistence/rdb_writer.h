// Writes the whole dataset as an RDB version 10 file that Redis 7.0 loads (format in
// rdb_format.h). Used by SAVE, by the BGSAVE child, by the AOF rewrite child (as the base
// file, marked with the aof-base aux field) and at shutdown.
#pragma once

#include <cstdint>
#include <string>

namespace redscope::engine {

class Server;
class Value;

struct RdbSaveOptions
{
    bool compression = true; // LZF for strings over 20 bytes when it saves space
    bool checksum = true;    // CRC-64 trailer, else 8 zero bytes (Redis: "checksum disabled")
    bool aofBase = false;    // aof-base aux field: this file is an AOF's base
    int64_t keyDelayUs = 0;  // rdb-key-save-delay: a pause after each key (tests)
};

// Serializes every database to fd (already open, positioned). False with a message on I/O
// errors; the caller owns the fd.
bool writeRdb(Server &server, int fd, const RdbSaveOptions &options, std::string *error);

// Appends one value as RDB encodes it after a key: its type byte, then the value (the body
// of a DUMP payload).
void appendRdbValue(std::string *out, const Value &value, bool compression);

// Crash-safe save: writes tempPath, fsyncs it, renames it over finalPath and fsyncs the
// directory. A crash at any point leaves either the old or the new file, never a torn one.
bool saveRdbFile(Server &server, const std::string &tempPath, const std::string &finalPath,
                 const RdbSaveOptions &options, std::string *error);

// Writes `data` to path the same crash-safe way (temp file, fsync, rename); for manifests.
bool writeFileAtomically(const std::string &path, const std::string &data, std::string *error);

} // namespace redscope::engine
