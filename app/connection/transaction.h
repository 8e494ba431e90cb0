// Transactions: WATCH, reads, then MULTI ... EXEC, on a connection of their own.
//
// WATCH belongs to a connection, and a MULTI queues whatever that connection sends next: on the
// shared connection every panel multiplexes, another panel's request would land inside the
// transaction and any EXEC, DISCARD or UNWATCH of another panel would drop the watch. So a
// transaction runs on a TransactionChannel, a private RedisConnection to the same server (on a
// cluster, to the node that owns the key) that carries nothing else, one plan at a time.
//
// A channel is owned by a RequestScope (RequestScope::transactions()): it is opened on first use,
// kept for the next edit, and closed with the scope, that is with the widget that asked. Closing
// it mid-transaction is safe: the server forgets WATCH and MULTI with the connection, and an
// EXEC that was already written has run whole. A plan whose request fails (timeout, lost
// connection) drops the connection, so the next plan never inherits a half-done WATCH or MULTI.
//
// Services use it through Service::transaction(): the plan names the keys to WATCH and the reads
// that check what the user saw, and decide() turns the reads into the writes (or declines, which
// UNWATCHes). EXEC answering nil means a watched key changed between the WATCH and the EXEC:
// the outcome is Aborted and nothing was written.
#pragma once

#include "connection/connection_settings.h"
#include "connection/redis_value.h"
#include "connection/service.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <optional>

namespace redscope {

class RedisConnection;

using Command = QList<QByteArray>;

struct TransactionPlan
{
    QList<QByteArray> watch; // keys
    QList<Command> reads;    // sent right after WATCH; their replies go to decide()
    // The writes to run between MULTI and EXEC, or nullopt to stop here (UNWATCH, Declined).
    std::function<std::optional<QList<Command>>(const QList<RedisValue> &reads)> decide;
};

struct TransactionOutcome
{
    enum class Kind {
        Committed, // EXEC ran the writes (results holds their replies, errors included)
        Aborted,   // EXEC answered nil: a watched key changed meanwhile; nothing written
        Declined,  // decide() returned nullopt; nothing written
    };
    Kind kind = Kind::Committed;
    QList<RedisValue> reads;
    QList<RedisValue> results;
};

using TransactionDone = std::function<void(const Result<TransactionOutcome> &)>;

namespace Internal {

class TransactionChannel : public QObject
{
    Q_OBJECT

public:
    explicit TransactionChannel(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~TransactionChannel() override;

    const ConnectionSettings &settings() const { return m_settings; }
    // Queued behind the plan in progress; db is SELECTed first when the channel is elsewhere.
    void run(int db, TransactionPlan plan, TransactionDone done);
    int queued() const { return int(m_jobs.size()) + (m_busy ? 1 : 0); }
    RedisConnection *connection() const; // null until the first plan

private:
    struct Job
    {
        int db = 0;
        TransactionPlan plan;
        TransactionDone done;
    };
    void next();
    void start();
    void onReads(const QList<RedisValue> &replies);
    void finish(const Result<TransactionOutcome> &outcome);
    void fail(const QString &error); // drops the connection: its WATCH/MULTI state is unknown
    using Reply = std::function<void(const RedisValue &)>;
    void send(const Command &command, Reply reply, bool write = false);

    ConnectionSettings m_settings;
    QPointer<RedisConnection> m_connection;
    std::deque<Job> m_jobs;
    Job m_current;
    bool m_busy = false;
    quint64 m_generation = 0; // bumped when a job ends: late replies of a failed one are dropped
};

} // namespace Internal
} // namespace redscope
