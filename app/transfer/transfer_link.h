// TransferLink: a blocking view of one RedisConnection for the transfer jobs, which run on a
// worker thread of their own (TransferRunner) and read best as straight-line code: "send this
// batch, wait for its replies". The connection is created on that worker thread, so waiting
// (a local QEventLoop) blocks nobody but the job; the GUI thread never waits on it. Batches
// are pipelined: every command of a batch is written before the first reply is read. A job
// that wants more than one batch in flight (the next SCAN while this page's DUMPs come back,
// both sides of a compare at once, an import's next window while the server works on this
// one) submit()s batches and await()s them later; call() is submit + await. On a busy
// machine a round trip costs a scheduling delay on each side, so overlapping them is what
// keeps the server busy and the job fast.
//
// Cluster connections route keyed commands to their slot's node by themselves (RedisConnection
// does it); node() gives a master's own connection for SCAN. Writes go out confirmed
// (sendConfirmed) on production connections, because the dialog asked the production question
// for the whole job first. Automatic reconnection is off: a server that goes away mid-job
// ends the job with the keys done so far, rather than a silent wait.
#pragma once

#include "connection/connection_settings.h"
#include "connection/redis_value.h"

#include <QList>
#include <QString>

#include <atomic>
#include <memory>

namespace redscope {

class RedisConnection;
class RequestScope;

class TransferLink
{
public:
    using Command = QList<QByteArray>;

    explicit TransferLink(const ConnectionSettings &settings);
    ~TransferLink();
    TransferLink(const TransferLink &) = delete;
    TransferLink &operator=(const TransferLink &) = delete;

    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }
    void setWritesConfirmed(bool confirmed) { m_confirmed = confirmed; }

    // Connects and waits until Ready (a cluster: its slot map loaded). False with a message.
    bool open(QString *error);
    bool isCluster() const;
    bool isReady() const;
    QString errorText() const;
    const ConnectionSettings &settings() const { return m_settings; }
    // Masters' addresses on a cluster, in slot order; empty otherwise.
    QStringList masters() const;

    // A batch sent and not yet awaited (see submit()).
    struct Batch;
    using Ticket = std::shared_ptr<Batch>;
    // Sends the batch pipelined and returns at once; await() waits for its replies. Replies
    // of other batches in flight (on this or another link of the thread) are taken in while
    // waiting, so batches may be awaited in any order.
    Ticket submit(const QList<Command> &commands);
    // The same on one cluster master, by address from masters(); null with *error set when
    // there is no link to it.
    Ticket submitNode(const QString &address, const QList<Command> &commands, QString *error);
    // Same contract as call().
    bool await(const Ticket &ticket, QList<RedisValue> *replies, QString *error);
    // After await() failed: how many leading commands of that batch were answered while the
    // connection was still up.
    static qsizetype answeredOf(const Ticket &ticket);

    // Sends the batch pipelined and waits for every reply (in order). False when the wait was
    // cancelled or the connection went away: replies that arrived are kept, the rest are
    // errors. Server error replies are not failures here: callers look at each reply.
    bool call(const QList<Command> &commands, QList<RedisValue> *replies, QString *error);
    RedisValue call(const Command &command, QString *error);
    // The same on one cluster master (SCAN, DBSIZE), by address from masters().
    bool callNode(const QString &address, const QList<Command> &commands,
                  QList<RedisValue> *replies, QString *error);
    // After a call that failed: how many leading commands were answered while the connection
    // was still up (their effect is certain); the rest may or may not have run.
    qsizetype answeredBeforeFailure() const { return m_answered; }

private:
    Ticket send(RedisConnection *connection, const QList<Command> &commands);
    RedisConnection *node(const QString &address, QString *error);

    ConnectionSettings m_settings;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<RequestScope> m_scope;
    const std::atomic_bool *m_cancel = nullptr;
    bool m_confirmed = false;
    qsizetype m_answered = 0;
    bool m_cancelledAll = false; // the scope dropped every request: tickets never complete
};

} // namespace redscope
