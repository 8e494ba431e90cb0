// CopyJob: keys from one connection to another (another server, another database, a cluster,
// the Local engine). Names and values are read in batches as for export (key_source.h), and
// written through KeyWriter: RESTORE of the DUMP payload while the target accepts it, the
// type-by-type rebuild once it does not (an older server, RESTORE denied by ACL or renamed).
// TTLs are kept as absolute times. Rate-limited in keys per second: the dialog starts at
// kDefaultCopyRate, which keeps a busy source's p99 latency within a few times its idle p99
// (an unthrottled copy of 1M keys made it 37 times worse in tests/bench/bench_transfer);
// 0 means no limit. On a cluster target every key goes to its slot's node (RedisConnection
// routes it).
#pragma once

#include "connection/connection_settings.h"
#include "transfer/key_source.h"
#include "transfer/transfer_job.h"

namespace redscope {

class KeyWriter;

// Keys per second a copy starts with (the user may change it, or lift it with 0).
constexpr int kDefaultCopyRate = 20000;

struct CopyOptions
{
    ConnectionSettings source;
    ConnectionSettings target;
    KeySelection selection;
    ConflictPolicy policy = ConflictPolicy::Skip;
    bool useRestore = true; // false: always rebuild type by type
    bool confirmedWrites = false;
};

class CopyJob : public TransferJob
{
public:
    explicit CopyJob(CopyOptions options)
        : m_options(std::move(options))
    {
    }

protected:
    void run(TransferSummary *summary) override;

private:
    // Reads names' values from the source and writes them; false when the job must stop.
    bool copyPiece(const QList<QByteArray> &names, ServerKeySource *keys, TransferLink *source,
                   KeyWriter *writer, qint64 *read, TransferSummary *s);

    CopyOptions m_options;
};

} // namespace redscope
