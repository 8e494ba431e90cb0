// TransactionChannel: one plan at a time, as a chain of replies. Every callback carries the
// generation of its job, so the replies of a job that failed (and whose connection was dropped)
// never reach the next one. done() is called last in each path: it may delete the channel.
#include "connection/transaction.h"

#include "connection/redis_connection.h"

#include <memory>

namespace redscope::Internal {

TransactionChannel::TransactionChannel(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings.named(QStringLiteral("redscope:transaction")))
{
}

TransactionChannel::~TransactionChannel() = default; // the connection is a child

RedisConnection *TransactionChannel::connection() const
{
    return m_connection.data();
}

void TransactionChannel::run(int db, TransactionPlan plan, TransactionDone done)
{
    m_jobs.push_back(Job{db, std::move(plan), std::move(done)});
    if (!m_busy) next();
}

void TransactionChannel::next()
{
    if (m_busy || m_jobs.empty()) return;
    m_current = std::move(m_jobs.front());
    m_jobs.pop_front();
    m_busy = true;
    start();
}

void TransactionChannel::send(const Command &command, Reply reply, bool write)
{
    const quint64 generation = m_generation;
    auto guarded = [this, generation, reply = std::move(reply)](const RedisValue &value) {
        if (generation != m_generation) return;
        reply(value);
    };
    // The writes were confirmed by the user as a whole (the production question is asked by
    // the widget before it saves); reads and WATCH never need a confirmation.
    if (write)
        m_connection->sendConfirmed(command, std::move(guarded));
    else
        m_connection->send(command, std::move(guarded));
}

void TransactionChannel::start()
{
    using State = RedisConnection::State;
    if (m_connection && m_connection->state() != State::Ready &&
        m_connection->state() != State::Connecting) {
        m_connection->deleteLater(); // failed or lost: a fresh one below
        m_connection = nullptr;
    }
    if (!m_connection) {
        ConnectionSettings settings = m_settings;
        settings.db = m_current.db;
        m_connection = new RedisConnection(settings, this);
        m_connection->setAutoReconnect(false);
        m_connection->connectToServer(); // requests wait in its queue meanwhile
    } else if (m_connection->currentDb() != m_current.db) {
        send({"SELECT", QByteArray::number(m_current.db)}, [this](const RedisValue &reply) {
            if (reply.isError()) fail(reply.text());
        });
    }
    Command watch{"WATCH"};
    watch += m_current.plan.watch;
    send(watch, [this](const RedisValue &reply) {
        if (reply.isError()) fail(reply.text());
    });
    const qsizetype count = m_current.plan.reads.size();
    if (count == 0) {
        // Nothing to read: decide right after the WATCH is in place (replies come in order).
        send({"PING"}, [this](const RedisValue &reply) {
            if (reply.isError()) return fail(reply.text());
            onReads({});
        });
        return;
    }
    auto replies = std::make_shared<QList<RedisValue>>();
    replies->reserve(count);
    for (const Command &read : m_current.plan.reads) {
        send(read, [this, replies, count](const RedisValue &reply) {
            // A lost connection is not the server's answer to the read.
            if (reply.isError() && m_connection->state() != RedisConnection::State::Ready) {
                fail(reply.text());
                return;
            }
            replies->append(reply);
            if (replies->size() == count) onReads(*replies);
        });
    }
}

void TransactionChannel::onReads(const QList<RedisValue> &replies)
{
    const std::optional<QList<Command>> writes =
        m_current.plan.decide ? m_current.plan.decide(replies) : std::nullopt;
    if (!writes || writes->isEmpty()) {
        const auto kind =
            writes ? TransactionOutcome::Kind::Committed : TransactionOutcome::Kind::Declined;
        send({"UNWATCH"}, [this, replies, kind](const RedisValue &reply) {
            if (reply.isError()) return fail(reply.text());
            TransactionOutcome outcome;
            outcome.kind = kind;
            outcome.reads = replies;
            finish({outcome});
        });
        return;
    }
    auto queueError = std::make_shared<QString>();
    send({"MULTI"}, [this, queueError](const RedisValue &reply) {
        if (reply.isError() && queueError->isEmpty()) *queueError = reply.text();
    });
    for (const Command &write : *writes) {
        send(
            write,
            [queueError](const RedisValue &reply) {
                if (reply.isError() && queueError->isEmpty()) *queueError = reply.text();
            },
            true);
    }
    send({"EXEC"}, [this, replies, queueError](const RedisValue &reply) {
        if (reply.isError()) {
            // EXECABORT names no culprit: the queued command's own error says what was wrong.
            const QString error = queueError->isEmpty() ? reply.text() : *queueError;
            if (reply.bytes().startsWith("EXECABORT") || reply.bytes().startsWith("ERR EXEC")) {
                // The server discarded the transaction and the watch with it: still clean.
                return finish(Result<TransactionOutcome>::failure(error));
            }
            return fail(error);
        }
        TransactionOutcome outcome;
        outcome.reads = replies;
        if (reply.isNil()) {
            outcome.kind = TransactionOutcome::Kind::Aborted;
        } else {
            outcome.kind = TransactionOutcome::Kind::Committed;
            for (const RedisValue &result : reply.elements())
                outcome.results.append(result);
        }
        finish({outcome});
    });
}

void TransactionChannel::finish(const Result<TransactionOutcome> &outcome)
{
    ++m_generation;
    m_busy = false;
    const TransactionDone done = std::move(m_current.done);
    m_current = Job();
    const QPointer<TransactionChannel> self(this);
    if (done) done(outcome); // may destroy this channel (its receiver went away)
    if (self) self->next();
}

void TransactionChannel::fail(const QString &error)
{
    if (m_connection) {
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    finish(Result<TransactionOutcome>::failure(error));
}

} // namespace redscope::Internal
