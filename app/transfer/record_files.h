// Files of keys: writers for export (JSON Lines, CSV, RESP, RDB) and readers for import (the
// same four plus a plain file of redis-cli commands). Both stream: a writer takes one record at
// a time, a reader hands out one record (or command) at a time, so a file of any size costs
// one key's memory. Readers name where input is bad: "line 12, column 5" for the text formats,
// "byte offset 4096" for RESP and RDB. A problem confined to one record (a bad JSON line) is
// reported and reading goes on, so validation can list them all and "continue past errors" can
// skip them; a problem that loses the framing (truncated RESP, corrupt RDB) ends the read.
//
// Formats, as written (JSON Lines, one object per key):
//   {"key":"user:1","type":"hash","ttl_ms":5000,"value":[["name","Ann"],["pic",{"base64":"iVBO"}]]}
// Every string (key, element, field, member) is a JSON string when it is valid UTF-8, else
// {"base64":"..."}. "ttl_ms" (relative, at export time) or "expire_at_ms" (absolute Unix ms);
// neither without a TTL. Values: string: one string; list, set: array; hash: array of
// [field, value]; zset: array of [member, score] (a number, or "inf"/"-inf"); stream: array of
// {"id":"1-1","fields":[[f,v],...]}.
// CSV (RFC 4180, header key,type,field,value,ttl_ms|expire_at_ms): strings (empty field) and
// hashes (a row per field, rows of one key together); a cell that is not valid UTF-8, or starts
// with "base64:", is written "base64:<base64>". Other types are counted as skipped.
// RESP: per key DEL, the type-by-type rebuild and PEXPIREAT/PEXPIRE (record_commands.h).
// RDB: version 10, what redis-server 7.0 loads (engine's RdbFileWriter over DUMP payloads).
#pragma once

#include "transfer/record_commands.h"
#include "transfer/transfer_types.h"

#include <QCoreApplication>

#include <functional>
#include <memory>

namespace redscope {

class RecordWriter
{
public:
    virtual ~RecordWriter() = default;
    // False with a message on I/O errors. A record the format cannot hold (a list in CSV, a
    // stream without a payload in RDB) returns true with *unsupported set.
    virtual bool write(const KeyRecord &record, bool *unsupported, QString *error) = 0;
    // A command written as it is (RESP files only: the DEL of a difference export).
    virtual bool writeCommand(const TransferCommand &, QString *error)
    {
        *error = QCoreApplication::translate("redscope::Transfer",
                                             "this format holds keys, not commands");
        return false;
    }
    virtual bool finish(QString *error) = 0; // flush; an RDB file gets its checksum here
    virtual qint64 bytesWritten() const = 0;
};

// ttl: how TTLs are written (JSON Lines, CSV, RESP; RDB always stores absolute times).
// db: the database an RDB file puts the keys in.
std::unique_ptr<RecordWriter> createRecordWriter(TransferFormat format, const QString &path,
                                                 TtlMode ttl, int db, QString *error);

struct ImportItem
{
    bool isCommand = false;
    KeyRecord record;        // a key (JSON Lines, CSV, RDB)
    TransferCommand command; // a command (RESP, redis-cli command files)
    qint64 ordinal = 0;      // 0-based position among the items
    int line = 0;            // where it starts (text formats), else 0
    qint64 offset = 0;       // byte offset where it starts
};

struct ReadProblem
{
    int line = 0;      // 0 when the format has no lines
    qint64 offset = 0; // byte offset
    QString message;   // "line 3, column 7: expected ..." already includes the position
};

class RecordReader
{
public:
    virtual ~RecordReader() = default;
    // Reads the whole file. onItem returns false to stop (cancel, a write failure). Problems
    // confined to one item go to onProblem and reading goes on; a problem that ends the read
    // returns false with *fatal set (also sent to onProblem). dbFilter (RDB only): read only
    // that database's keys; -1 reads every database.
    virtual bool run(const std::function<bool(ImportItem &)> &onItem,
                     const std::function<void(const ReadProblem &)> &onProblem, QString *fatal) = 0;
    virtual qint64 fileSize() const = 0;
    virtual qint64 position() const = 0; // bytes read so far, for progress
};

std::unique_ptr<RecordReader> createRecordReader(TransferFormat format, const QString &path,
                                                 int dbFilter, QString *error);

// Shared by the text formats: strict UTF-8 (no overlongs, surrogates or code points past
// U+10FFFF), which round-trips through QString unchanged.
bool isValidUtf8(const char *data, size_t size);

} // namespace redscope
