// FakeRedisServer: request parsing is deliberately minimal (arrays of bulk strings only, the
// only thing hiredis sends); an unparsable request closes the socket.
#include "fake_redis_server.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace redscope::test {

FakeRedisServer::FakeRedisServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FakeRedisServer::onNewConnection);
}

FakeRedisServer::~FakeRedisServer() = default;

bool FakeRedisServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeRedisServer::port() const
{
    return m_server->serverPort();
}

void FakeRedisServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (!m_greeting.isEmpty()) socket->write(m_greeting);
    }
}

void FakeRedisServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("pending").toByteArray() + socket->readAll();
    while (!buffer.isEmpty()) {
        QList<QByteArray> command;
        const int used = parseCommand(buffer, &command);
        if (used == 0) break; // incomplete
        if (used < 0) {
            socket->close();
            return;
        }
        buffer.remove(0, used);
        m_commands.append(command);
        Reaction reaction;
        reaction.handled = false;
        if (m_handler) reaction = m_handler(command);
        if (!reaction.handled) {
            const QByteArray name = command.value(0).toUpper();
            reaction.bytes = name == "PING"    ? QByteArray("+PONG\r\n")
                             : name == "HELLO" ? QByteArray("-ERR unknown command 'HELLO'\r\n")
                                               : QByteArray("+OK\r\n");
        }
        if (!reaction.bytes.isEmpty()) socket->write(reaction.bytes);
        if (reaction.close) {
            socket->flush();
            socket->disconnectFromHost();
            return;
        }
    }
    socket->setProperty("pending", buffer);
}

// Returns the bytes used by one complete request, 0 when more are needed, -1 on garbage.
int FakeRedisServer::parseCommand(const QByteArray &buffer, QList<QByteArray> *command)
{
    auto readLine = [&buffer](int from, qint64 *number, char type) -> int {
        if (from >= buffer.size()) return 0;
        if (buffer[from] != type) return -1;
        const int end = buffer.indexOf("\r\n", from);
        if (end < 0) return 0;
        bool ok = false;
        *number = buffer.mid(from + 1, end - from - 1).toLongLong(&ok);
        return ok ? end + 2 : -1;
    };
    qint64 count = 0;
    int pos = readLine(0, &count, '*');
    if (pos <= 0) return pos;
    command->clear();
    for (qint64 i = 0; i < count; ++i) {
        qint64 length = 0;
        pos = readLine(pos, &length, '$');
        if (pos <= 0) return pos;
        if (buffer.size() < pos + length + 2) return 0;
        command->append(buffer.mid(pos, int(length)));
        pos += int(length) + 2;
    }
    return pos;
}

} // namespace redscope::test
