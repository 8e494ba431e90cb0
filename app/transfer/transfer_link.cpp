// TransferLink (see transfer_link.h). The waits are local event loops on the job's own thread;
// the reply callbacks write into the caller's vector, which outlives them because wait() does
// not return before every request has answered or been cancelled through the scope.
#include "transfer/transfer_link.h"

#include "cluster/cluster_router.h"
#include "connection/redis_connection.h"
#include "connection/request_scope.h"

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
                     ? QStringLiteral("Cancelled")
                     : QStringLiteral("Cannot connect to %1: %2")
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

bool TransferLink::call(const QList<Command> &commands, QList<RedisValue> *replies, QString *error)
{
    return wait(m_connection.get(), commands, replies, error);
}

RedisValue TransferLink::call(const Command &command, QString *error)
{
    QList<RedisValue> replies;
    wait(m_connection.get(), {command}, &replies, error);
    return replies.value(0, RedisValue::error(QByteArrayLiteral("no reply")));
}

bool TransferLink::callNode(const QString &address, const QList<Command> &commands,
                            QList<RedisValue> *replies, QString *error)
{
    RedisConnection *node =
        isCluster() ? m_connection->cluster()->nodeConnection(address) : nullptr;
    if (!node) {
        *error = QStringLiteral("No link to cluster node %1").arg(address);
        return false;
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
    return wait(node, commands, replies, error);
}

bool TransferLink::wait(RedisConnection *connection, const QList<Command> &commands,
                        QList<RedisValue> *replies, QString *error)
{
    replies->clear();
    if (!connection || !m_scope) {
        *error = QStringLiteral("Not connected");
        return false;
    }
    replies->resize(commands.size());
    if (commands.isEmpty()) return true;
    qsizetype left = commands.size();
    m_answered = 0;
    QEventLoop loop;
    for (qsizetype i = 0; i < commands.size(); ++i) {
        m_scope->send(
            connection, commands[i],
            [this, connection, replies, i, &left, &loop](const RedisValue &reply) {
                (*replies)[i] = reply;
                if (i == m_answered && connection->state() == RedisConnection::State::Ready)
                    ++m_answered;
                if (--left == 0) loop.quit();
            },
            -1, m_confirmed);
    }
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [this, &loop] {
        if (m_cancel && m_cancel->load()) loop.quit();
    });
    poll.start(100);
    if (left > 0) loop.exec();
    if (left > 0) { // cancelled: nothing may call back into this frame any more
        m_scope->cancelAll();
        for (auto &reply : *replies) {
            if (reply.type() == RedisValue::Type::Nil && reply.bytes().isEmpty())
                reply = RedisValue::error(QByteArrayLiteral("cancelled"));
        }
        *error = QStringLiteral("Cancelled");
        return false;
    }
    if (connection->state() != RedisConnection::State::Ready) {
        *error = QStringLiteral("The connection to %1 was lost: %2")
                     .arg(connection->settings().address(), connection->errorText());
        return false;
    }
    return true;
}

} // namespace redscope
