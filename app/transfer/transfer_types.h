// The vocabulary of export, import, copy and compare (issue 27): one key's value as a record,
// the file formats, TTL and conflict choices, and the summary every job ends with. A record
// holds a typed value (engine::RdbValue, rdb.h) and, when the value came from a server or a
// dump.rdb, its DUMP payload too, so writers can RESTORE it exactly and readable formats can
// still be produced from the decoded form. Records live one batch at a time: memory is flat.
#pragma once

#include "redscope/rdb.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace redscope {

struct KeyRecord
{
    QByteArray key;
    engine::RdbValue value;
    qint64 expireAtMs = -1; // absolute Unix ms; -1: no TTL
    std::string payload;    // DUMP payload when known (server, dump.rdb); empty otherwise
    qint64 ordinal = 0;     // position in the source (file record number), for resume
    int sourceLine = 0;     // 1-based line (or 0) for messages
};

enum class TransferFormat {
    JsonLines, // one JSON object per key
    Csv,       // strings and hashes: key,type,field,value,ttl
    Resp,      // RESP commands, what `redis-cli --pipe` replays
    Rdb,       // an RDB file (dump.rdb) redis-server loads
    Commands,  // import only: a plain file of redis-cli command lines
};

enum class TtlMode { Relative, Absolute };
enum class ConflictPolicy { Skip, Replace, Fail };

QString formatName(TransferFormat format);
QString formatExtension(TransferFormat format); // "jsonl", "csv", "resp", "rdb", "txt"
// By the file's extension (and for .rdb files, their magic); JsonLines when unknown.
TransferFormat guessFormat(const QString &path);

// What a job reports at the end (and, for progress, while it runs).
struct TransferSummary
{
    qint64 keysTotal = -1;     // known total (DBSIZE, picked keys, records in the file), or -1
    qint64 keysDone = 0;       // read (export), written (import/copy), compared (compare)
    qint64 keysSkipped = 0;    // existing keys under "skip", vanished keys, unsupported types
    qint64 keysFailed = 0;     // per-key errors passed over ("continue past errors")
    qint64 keysExpired = 0;    // past their TTL in the source: not written
    qint64 wouldCreate = 0;    // dry run
    qint64 wouldReplace = 0;   // dry run
    qint64 commands = 0;       // commands sent or written
    qint64 commandsTotal = -1; // importing a command file: its commands (keysTotal unknown)
    qint64 commandsRead = 0;   // and how many of them are done (answered, or passed over)
    qint64 bytes = 0;          // bytes written (export) or read (import)
    qint64 resumeFrom = -1;    // import/copy stopped midway: the record to resume from
    // ... and the records at or after it that were sent but not confirmed: the server may hold
    // them, whole or half written, so a resume writes them again whatever the policy says.
    QList<qint64> resumeRewrite;
    bool usedRebuild = false;  // the target refused RESTORE: values were rebuilt type by type
    bool compare = false;      // a comparison: the four counts below apply
    qint64 equal = 0, onlyInA = 0, onlyInB = 0, different = 0;
    bool cancelled = false;
    QString error;        // why the job stopped; empty when it finished
    QStringList problems; // per-key messages (skipped records, refused keys), capped
    qint64 problemCount = 0;
    double seconds = 0;

    bool ok() const { return error.isEmpty() && !cancelled; }
    void addProblem(const QString &text);
    QString text() const; // a readable summary for the dialogs
};

} // namespace redscope
