// TransferLink (see transfer_link.h). The waits are local event loops on the job's own thread;
// the reply callbacks write into the caller's vector, which outlives them because wait() does
// not return before every request has answered or been cancelled through the scope.
#include "transfer/transfer_link.h"

#include "cluster/cluster_router.h"
#include "connection/redis_connection.h"
#include "connection/request_scope.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace redscope {

TransferLink::TransferLink(const ConnectionSettings &settings)
    : m_settings(settings.named(QStringLiteral("redscope:transfer")))
{
}

TransferLink::~TransferLink()
{
    m_scope.reset(); // cancels before the connection goes
}

bool TransferLink::open(QString *error)
{
    m_connection = std::make_unique<RedisConnection>(m_settings);
    m_connection->setAutoReconnect(false);
    m_scope = std::make_unique<RequestScope>(m_connection.get());
    QEventLoop loop;
    QObject::connect(m_connection.get(), &RedisConnection::stateChanged, &loop,
                     [&loop](RedisConnection::State state) {
                         if (state != RedisConnection::State::Connecting) loop.quit();
                     });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
        if (m_cancel && m_cancel->load()) loop.quit();
    });
    poll.start(100);
    m_connection->connectToServer();
    if (m_connection->state() == RedisConnection::State::Connecting) loop.exec();
    if (m_connection->state() != RedisConnection::State::Ready) {
        *error = m_cancel && m_cancel->load()
                     ? QCoreApplication::translate("redscope::Transfer", "Cancelled")
                     : QCoreApplication::translate("redscope::Transfer", "Cannot connect to %1: %2")
                           .arg(m_settings.address(), m_connection->errorText());
        return false;
    }
    return true;
}

bool TransferLink::isCluster() const
{
    return m_connection && m_connection->cluster();
}

bool TransferLink::isReady() const
{
    return m_connection && m_connection->state() == RedisConnection::State::Ready;
}

QString TransferLink::errorText() const
{
    return m_connection ? m_connection->errorText() : QString();
}

QStringList TransferLink::masters() const
{
    return isCluster() ? m_connection->cluster()->masterAddresses() : QStringList();
}

struct TransferLink::Batch
{
    RedisConnection *connection = nullptr; // lives as long as the scope's callbacks can run
    QList<RedisValue> replies;
    qsizetype left = 0;
    qsizetype answered = 0;
    bool lost = false; // a reply came while the connection was not Ready
    QEventLoop *loop = nullptr;
};

TransferLink::Ticket TransferLink::submit(const QList<Command> &commands)
{
    return send(m_connection.get(), commands);
}

TransferLink::Ticket TransferLink::submitNode(const QString &address,
                                              const QList<Command> &commands, QString *error)
{
    RedisConnection *connection = node(address, error);
    return connection ? send(connection, commands) : nullptr;
}

qsizetype TransferLink::answeredOf(const Ticket &ticket)
{
    return ticket ? ticket->answered : 0;
}

TransferLink::Ticket TransferLink::send(RedisConnection *connection, const QList<Command> &commands)
{
    auto batch = std::make_shared<Batch>();
    batch->connection = connection;
    batch->replies.resize(commands.size());
    batch->left = commands.size();
    if (!connection || !m_scope) {
        batch->lost = true;
        batch->left = 0;
        return batch;
    }
    // One request for the whole batch where the connection takes it (a standalone server):
    // per-command bookkeeping would cost the client more than the server spends on a DUMP.
    const auto id = m_scope->sendBatch(
        connection, commands,
        [batch](QList<RedisValue> &replies, qsizetype answered) {
            const bool ready = batch->connection->state() == RedisConnection::State::Ready;
            batch->replies = std::move(replies);
            batch->answered = answered; // collected as they came: each one ran
            batch->lost = !ready || answered < batch->replies.size();
            batch->left = 0;
            if (batch->loop) batch->loop->quit();
        },
        m_confirmed);
    if (id != 0) return batch;
    for (qsizetype i = 0; i < commands.size(); ++i) {
        // The batch is shared with its callbacks: awaiting it later, or never, is safe.
        m_scope->send(
            connection, commands[i],
            [batch, i](const RedisValue &reply) {
                batch->replies[i] = reply;
                if (batch->connection->state() != RedisConnection::State::Ready)
                    batch->lost = true;
                else if (i == batch->answered)
                    ++batch->answered;
                if (--batch->left == 0 && batch->loop) batch->loop->quit();
            },
            -1, m_confirmed);
    }
    return batch;
}

bool TransferLink::await(const Ticket &batch, QList<RedisValue> *replies, QString *error)
{
    replies->clear();
    if (!batch || batch->connection == nullptr || !m_scope) {
        *error = QCoreApplication::translate("redscope::Transfer", "Not connected");
        return false;
    }
    m_answered = 0;
    if (batch->left > 0 && !m_cancelledAll) {
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
            if (m_cancel && m_cancel->load()) loop.quit();
        });
        poll.start(100);
        batch->loop = &loop;
        loop.exec();
        batch->loop = nullptr;
    }
    m_answered = batch->answered;
    *replies = std::move(batch->replies);
    if (batch->left > 0) { // cancelled: nothing may call back into this job any more
        m_scope->cancelAll();
        m_cancelledAll = true;
        for (auto &reply : *replies) {
            if (reply.type() == RedisValue::Type::Nil && reply.bytes().isEmpty())
                reply = RedisValue::error(QByteArrayLiteral("cancelled"));
        }
        *error = QCoreApplication::translate("redscope::Transfer", "Cancelled");
        return false;
    }
    if (batch->lost || batch->connection->state() != RedisConnection::State::Ready) {
        *error =
            QCoreApplication::translate("redscope::Transfer", "The connection to %1 was lost: %2")
                .arg(batch->connection->settings().address(), batch->connection->errorText());
        return false;
    }
    return true;
}

bool TransferLink::call(const QList<Command> &commands, QList<RedisValue> *replies, QString *error)
{
    return await(submit(commands), replies, error);
}

RedisValue TransferLink::call(const Command &command, QString *error)
{
    QList<RedisValue> replies;
    await(submit({command}), &replies, error);
    return replies.value(0, RedisValue::error(QByteArrayLiteral("no reply")));
}

bool TransferLink::callNode(const QString &address, const QList<Command> &commands,
                            QList<RedisValue> *replies, QString *error)
{
    const Ticket ticket = submitNode(address, commands, error);
    return ticket && await(ticket, replies, error);
}

RedisConnection *TransferLink::node(const QString &address, QString *error)
{
    RedisConnection *node =
        isCluster() ? m_connection->cluster()->nodeConnection(address) : nullptr;
    if (!node) {
        *error = QCoreApplication::translate("redscope::Transfer", "No link to cluster node %1")
                     .arg(address);
        return nullptr;
    }
    if (node->state() != RedisConnection::State::Ready) {
        QEventLoop loop;
        QObject::connect(node, &RedisConnection::stateChanged, &loop,
                         [&loop](RedisConnection::State state) {
                             if (state != RedisConnection::State::Connecting) loop.quit();
                         });
        if (node->state() == RedisConnection::State::Disconnected) node->connectToServer();
        if (node->state() == RedisConnection::State::Connecting) loop.exec();
    }
    return node;
}

} // namespace redscope
