// CompareJob: database A (a connection's database, or a dump.rdb) against database B (another
// connection, or another database of the same server): keys only in A, only in B, and keys
// whose values differ. For each page of A's keys, PEXPIRETIME + DUMP go to both sides at once
// (B's batch is sent while A's is on its way, and each side's next SCAN goes out as a page
// arrives), so the two servers work in parallel and no round trip waits for another: equal
// payload bytes mean equal values. Otherwise both payloads are decoded and compared
// by an order-independent, type-aware digest (value_digest.h), because a table-encoded hash or
// set serializes in table order and packed and table encodings differ. A payload this engine
// cannot decode (a newer RDB version, a module) is settled with DEBUG DIGEST-VALUE on both
// servers where they allow it, else with the page-by-page read. B's own SCAN runs alongside
// A's pages: names are kept as 64-bit hashes (A's, and B's that A has not reported yet, 16 MB
// per million keys); only when some of B's are left unmatched at the end is B scanned again
// for those names, and each is checked with EXISTS on a server A (created since its scan?).
//
// SyncJob: "make B equal to A" for chosen keys (the values of A written over B's with
// RESTORE or the rebuild, keys A lacks deleted from B), or, with exportPath set, the same as
// a RESP command file (redis-cli --pipe) instead of writing to B.
#pragma once

#include "connection/connection_settings.h"
#include "transfer/compare_result.h"
#include "transfer/transfer_job.h"

namespace redscope {

struct CompareSide
{
    ConnectionSettings settings; // a server's database
    QString rdbPath;             // or a dump.rdb (then rdbDb picks its database)
    int rdbDb = 0;
    bool isFile() const { return !rdbPath.isEmpty(); }
    QString label() const;
};

struct CompareOptions
{
    CompareSide a;
    ConnectionSettings b;
    QByteArray pattern; // glob; empty: every key
};

class CompareJob : public TransferJob
{
public:
    explicit CompareJob(CompareOptions options)
        : m_options(std::move(options))
        , m_result(std::make_shared<CompareResult>())
    {
    }
    CompareResultPtr result() const { return m_result; }

protected:
    void run(TransferSummary *summary) override;

private:
    CompareOptions m_options;
    CompareResultPtr m_result;
};

struct SyncOptions
{
    CompareSide a;
    ConnectionSettings b;
    QList<QByteArray> keys;
    QString exportPath; // non-empty: write the commands here instead of into B
    bool confirmedWrites = false;
};

class SyncJob : public TransferJob
{
public:
    explicit SyncJob(SyncOptions options)
        : m_options(std::move(options))
    {
    }

protected:
    void run(TransferSummary *summary) override;

private:
    SyncOptions m_options;
};

// "hash", "list"... from a DUMP payload's type byte; "module" for module values.
QByteArray payloadTypeName(const std::string &payload);
// Redis's glob (*, ?, [a-z], [^x], \x), for a dump.rdb side filtered by a pattern.
bool globMatches(const QByteArray &pattern, const QByteArray &text);

} // namespace redscope
