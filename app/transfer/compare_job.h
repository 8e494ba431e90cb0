// CompareJob: database A (a connection's database, or a dump.rdb) against database B (another
// connection, or another database of the same server): keys only in A, only in B, and keys
// whose values differ. For each batch of A's keys, PTTL + DUMP from both sides in one round trip
// each: equal payload bytes mean equal values. Otherwise both payloads are decoded and compared
// by an order-independent, type-aware digest (value_digest.h), because a table-encoded hash or
// set serializes in table order and packed and table encodings differ. A payload this engine
// cannot decode (a newer RDB version, a module) is settled with DEBUG DIGEST-VALUE on both
// servers where they allow it, else with the page-by-page read. B's keys are then scanned for
// those A lacks: A's names are kept as 64-bit hashes (16 MB per million keys), and only a
// name A did not report is checked with EXISTS on a server A.
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
