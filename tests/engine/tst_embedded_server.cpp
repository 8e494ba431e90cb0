// The engine as a library (redscope/engine.h), the way the app runs it: started on its own
// thread inside the test process. What matters here is that the host process is safe: a
// client that hangs up while the engine writes to it must not raise SIGPIPE (whose default
// action would kill the host), and the engine stops cleanly with its socket removed.
#include "redis_test_client.h"
#include "redscope/engine.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using redscope::engine::EmbeddedServer;

namespace {

int connectUnix(const std::string &path)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

} // namespace

class EmbeddedServerTest : public QObject
{
    Q_OBJECT

private slots:
    void clientHangingUpMidReplyDoesNotKillTheHost();
};

void EmbeddedServerTest::clientHangingUpMidReplyDoesNotKillTheHost()
{
    // The default disposition, as in a host that never heard of SIGPIPE.
    std::signal(SIGPIPE, SIG_DFL);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::string socketPath = dir.filePath("engine.sock").toStdString();
    EmbeddedServer server;
    std::string error;
    QVERIFY2(server.start({{"port", "0"}, {"unixsocket", socketPath}, {"save", ""}}, &error),
             error.c_str());

    int fd = connectUnix(socketPath);
    QVERIFY(fd >= 0);
    // A 4 MB value, then 16 GETs of it pipelined: 64 MB of replies, far more than the
    // socket buffer, so the engine is still writing when the client hangs up unread.
    std::string value(4 * 1024 * 1024, 'x');
    std::string request = "*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + std::to_string(value.size()) +
                          "\r\n" + value + "\r\n";
    for (int i = 0; i < 16; ++i)
        request += "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n";
    for (size_t sent = 0; sent < request.size();) {
        ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        QVERIFY(n > 0);
        sent += static_cast<size_t>(n);
    }
    char first[64];
    QVERIFY(read(fd, first, sizeof first) > 0); // replies are flowing
    close(fd);

    // The host is alive (we are), and the engine serves the next client.
    QTest::qWait(200);
    redscope::test::RedisTestClient client(socketPath);
    QVERIFY(client.connected());
    QCOMPARE(client.run({"STRLEN", "big"}), std::string(":4194304"));
    server.stop();
    QVERIFY(!server.isRunning());
    QVERIFY(access(socketPath.c_str(), F_OK) != 0);
}

QTEST_GUILESS_MAIN(EmbeddedServerTest)
#include "tst_embedded_server.moc"
