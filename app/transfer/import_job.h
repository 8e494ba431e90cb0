// ImportJob: a file into one database, in three passes over the file (all streaming):
//  1. validate: the whole file is parsed; problems name their line or byte offset. With
//     problems and without "continue past errors", nothing is written. Command files are
//     checked for commands that are not data writes (FLUSHALL, CONFIG, SHUTDOWN...): refused.
//  2. conflicts (policy "fail", and the dry run): EXISTS for every key; under "fail" one
//     existing key stops the import before anything is written; a dry run reports
//     would-create / would-replace / would-skip and stops there.
//  3. write: batches through KeyWriter (RESTORE of an RDB's payloads, else the rebuild).
// If the server goes away midway the job stops with the keys written and resumeFrom, the first
// record not confirmed; a new job with resumeFrom set skips what was done.
// Command files (RESP, redis-cli lines) are replayed as written, with the conflict policy
// applied to each command's first key as it was before the import: "skip" drops every command
// on an existing key, "replace" deletes it once before its first command, "fail" stops.
// They go out in windows of 1000 commands with up to four windows in flight (the server works
// on one while the next is on its way), and each window's replies are counted when it is
// answered: keys written, refused commands (with "continue past errors"), and on a lost
// server the first unanswered command to resume from. A refused command without "continue
// past errors" stops the import once the windows already sent are answered; they ran, so they
// are counted and the resume point is after them.
#pragma once

#include "connection/connection_settings.h"
#include "transfer/transfer_job.h"

namespace redscope {

class TransferLink;

struct ImportOptions
{
    ConnectionSettings target;
    QString path;
    TransferFormat format = TransferFormat::JsonLines;
    ConflictPolicy policy = ConflictPolicy::Skip;
    bool dryRun = false;
    bool continuePastErrors = false;
    bool validateOnly = false;
    qint64 resumeFrom = 0;        // records (or commands) before this one are not written
    QList<qint64> resumeRewrite;  // the stopped job's TransferSummary::resumeRewrite
    int dbFilter = -1;            // RDB files: only this database of the file; -1: all
    bool confirmedWrites = false; // the production question was answered
};

class ImportJob : public TransferJob
{
public:
    explicit ImportJob(ImportOptions options)
        : m_options(std::move(options))
    {
    }
    // Keyless commands a command file may hold, and commands it may not (not data writes).
    static bool isKeylessCommand(const QByteArray &name);
    static bool isRefusedCommand(const QByteArray &name);

protected:
    void run(TransferSummary *summary) override;

private:
    bool validate(TransferSummary *s);
    bool checkConflicts(TransferSummary *s);
    void writeRecords(TransferSummary *s);
    void writeCommands(TransferSummary *s);

    ImportOptions m_options;
    TransferLink *m_link = nullptr; // open during run()
    qint64 m_items = 0;
};

} // namespace redscope
