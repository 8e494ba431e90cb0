// FakeRedisServer: a hostile stand-in for a server, for tests of what the app does when replies
// are not what Redis would send. A QTcpServer on a free loopback port, on the test's own event
// loop (the code under test is asynchronous, so no thread is needed): it parses each request
// (RESP arrays of bulk strings, as hiredis writes them) and lets the test's handler answer with
// any bytes at all (garbage, half a reply, nothing) and optionally close the socket.
// PING answers +PONG and HELLO an error unless the handler says otherwise, so a connection can
// get through RedisConnection's handshake and become Ready before the trouble starts.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace redscope::test {

class FakeRedisServer : public QObject
{
    Q_OBJECT

public:
    struct Reaction
    {
        QByteArray bytes;    // written as is (may be empty: stay silent)
        bool close = false;  // close the connection after writing
        bool handled = true; // false: fall back to the default PING/HELLO answers
    };
    using Handler = std::function<Reaction(const QList<QByteArray> &command)>;

    explicit FakeRedisServer(QObject *parent = nullptr);
    ~FakeRedisServer() override;

    bool listen(); // on 127.0.0.1, a port chosen by the system
    quint16 port() const;
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // Bytes sent to every client right after it connects (before any request).
    void setGreeting(const QByteArray &bytes) { m_greeting = bytes; }

    int connectionCount() const { return m_connections; }
    QList<QList<QByteArray>> commands() const { return m_commands; } // every request seen

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    static int parseCommand(const QByteArray &buffer, QList<QByteArray> *command);

    QTcpServer *m_server;
    Handler m_handler;
    QByteArray m_greeting;
    int m_connections = 0;
    QList<QList<QByteArray>> m_commands;
};

} // namespace redscope::test
