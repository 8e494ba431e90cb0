// Tunnel (TLS and SSH transports) against real servers. TLS: Debian's redis-server with
// --tls-port and certificates made here with the openssl CLI (a CA, a server certificate for
// localhost/127.0.0.1, a client certificate, and an unrelated CA), with and without
// tls-auth-clients. SSH: Debian's sshd started on a free port as the current user with its own
// host key and authorized_keys in a temp dir, forwarding to a redscope-server (and to the TLS
// redis-server for TLS over SSH). Commands, pub/sub and the key scanner go through both.
#include "connection/connection_dialog.h"
#include "connection/connection_security_box.h"
#include "connection/redis_connection.h"
#include "keys/key_scanner.h"
#include "local/engine_host.h"
#include "mirror/mirror_service.h"
#include "pubsub/subscriber.h"
#include "redis_test_client.h"
#include "server/monitor_session.h"
#include "test_server.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace redscope;
using redscope::test::TestServer;

class TstTunnel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void tlsCommandsScanAndPubSub();
    void tlsUrlOpensTls();
    void tlsWrongCaFailsHandshake();
    void tlsWrongServerNameFails();
    void tlsSkipVerifyWarns();
    void tlsClientCertificate();
    void tlsRefusedAndUnknownHost();
    void tlsReconnectsAfterKill();

    void sshCommandsScanAndPubSub();
    void sshKeyWithPassphrase();
    void sshRefusedKeyFails();
    void sshUnknownHostKey();
    void sshTlsOverSsh();

    void dialogTestConnectionUsesTlsAndSsh();

    void mirrorThroughTls();
    void mirrorThroughSsh();

private:
    bool run(const QString &program, const QStringList &args);
    QString path(const QString &name) const { return m_dir.filePath(name); }
    ConnectionSettings tlsSettings(int port) const;
    ConnectionSettings sshSettings(int targetPort) const;
    static bool waitReady(RedisConnection &connection);
    static RedisValue call(RedisConnection &connection, const QList<QByteArray> &args);
    void checkScanAndPubSub(const ConnectionSettings &settings, RedisConnection &connection);
    void requireSsh();
    void mirrorThrough(const ConnectionSettings &settings, int plainPort);

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_tls;        // redis-server, TLS port + plain port
    std::unique_ptr<TestServer> m_tlsClients; // redis-server with tls-auth-clients yes
    int m_tlsPort = 0;
    int m_tlsClientsPort = 0;
    std::unique_ptr<TestServer> m_redscope; // behind sshd
    QProcess m_sshd;
    int m_sshPort = 0;
    QString m_sshError; // why sshd could not run: the SSH tests then fail (never skip)
    QString m_user;
};

bool TstTunnel::run(const QString &program, const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(program, args);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("%s %s failed: %s", qPrintable(program), qPrintable(args.join(' ')),
                 process.readAllStandardError().constData());
        return false;
    }
    return true;
}

void TstTunnel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Certificates: a CA, a server certificate for localhost and 127.0.0.1, a client one.
    const QString openssl = QStringLiteral("openssl");
    auto makeCa = [&](const QString &name) {
        return run(openssl,
                   {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout",
                    name + ".key", "-out", name + ".crt", "-subj", "/CN=Redscope test " + name});
    };
    auto makeSigned = [&](const QString &name, const QString &cn, const QString &ext) {
        QFile extFile(path(name + ".ext"));
        if (!extFile.open(QIODevice::WriteOnly)) return false;
        extFile.write(ext.toUtf8());
        extFile.close();
        return run(openssl, {"req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key",
                             "-out", name + ".csr", "-subj", "/CN=" + cn}) &&
               run(openssl, {"x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey",
                             "ca.key", "-CAcreateserial", "-days", "2", "-out", name + ".crt",
                             "-extfile", name + ".ext"});
    };
    QVERIFY(makeCa("ca"));
    QVERIFY(makeCa("otherca"));
    QVERIFY(makeSigned("server", "localhost",
                       "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                       "extendedKeyUsage=serverAuth\n"));
    QVERIFY(makeSigned("client", "redscope-client", "extendedKeyUsage=clientAuth\n"));

    const auto tlsArgs = [&](int port, bool authClients) {
        return std::vector<std::string>{"--tls-port",         std::to_string(port),
                                        "--tls-cert-file",    path("server.crt").toStdString(),
                                        "--tls-key-file",     path("server.key").toStdString(),
                                        "--tls-ca-cert-file", path("ca.crt").toStdString(),
                                        "--tls-auth-clients", authClients ? "yes" : "no"};
    };
    m_tlsPort = TestServer::freePort();
    m_tls = TestServer::startRedis(tlsArgs(m_tlsPort, false));
    QVERIFY2(m_tls && m_tls->ok(), m_tls ? m_tls->error().c_str() : "no server");
    m_tlsClientsPort = TestServer::freePort();
    m_tlsClients = TestServer::startRedis(tlsArgs(m_tlsClientsPort, true));
    QVERIFY2(m_tlsClients && m_tlsClients->ok(), "no tls-auth-clients server");

    m_redscope = TestServer::startRedscope();
    QVERIFY2(m_redscope && m_redscope->ok(), m_redscope ? m_redscope->error().c_str() : "none");

    // sshd as the current user (root here in CI: then privilege separation needs /run/sshd).
    const passwd *me = getpwuid(getuid());
    m_user = me ? QString::fromLocal8Bit(me->pw_name) : QString();
    const QString sshd = QStringLiteral("/usr/sbin/sshd");
    if (!QFile::exists(sshd)) {
        m_sshError = QStringLiteral("no /usr/sbin/sshd (install openssh-server)");
        return;
    }
    if (getuid() == 0 && !QDir(QStringLiteral("/run/sshd")).exists() &&
        !QDir().mkpath(QStringLiteral("/run/sshd"))) {
        m_sshError = QStringLiteral("sshd needs /run/sshd, which cannot be created");
        return;
    }
    QVERIFY(run("ssh-keygen", {"-q", "-t", "ed25519", "-N", "", "-f", "host_key"}));
    QVERIFY(run("ssh-keygen", {"-q", "-t", "ed25519", "-N", "", "-f", "client_key"}));
    QVERIFY(run("ssh-keygen", {"-q", "-t", "ed25519", "-N", "s3cret", "-f", "client_key_pw"}));
    QVERIFY(run("ssh-keygen", {"-q", "-t", "ed25519", "-N", "", "-f", "stranger_key"}));
    QFile authorized(path("authorized_keys"));
    QVERIFY(authorized.open(QIODevice::WriteOnly));
    for (const char *name : {"client_key.pub", "client_key_pw.pub"}) {
        QFile pub(path(QString::fromLatin1(name)));
        QVERIFY(pub.open(QIODevice::ReadOnly));
        authorized.write(pub.readAll());
    }
    authorized.close();
    m_sshPort = TestServer::freePort();
    QFile config(path("sshd_config"));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2\n"
                                "AuthorizedKeysFile %3\nPidFile %4\nPasswordAuthentication no\n"
                                "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
                                "UsePAM no\nStrictModes no\nPermitRootLogin yes\n"
                                "AllowTcpForwarding yes\nLogLevel ERROR\n")
                     .arg(m_sshPort)
                     .arg(path("host_key"), path("authorized_keys"), path("sshd.pid"))
                     .toUtf8());
    config.close();
    QFile known(path("known_hosts"));
    QFile hostPub(path("host_key.pub"));
    QVERIFY(known.open(QIODevice::WriteOnly) && hostPub.open(QIODevice::ReadOnly));
    known.write(QStringLiteral("[127.0.0.1]:%1 ").arg(m_sshPort).toUtf8() +
                hostPub.readAll().split(' ').mid(0, 2).join(' ') + '\n');
    known.close();

    m_sshd.start(sshd, {"-D", "-e", "-f", path("sshd_config")});
    const bool up = QTest::qWaitFor(
        [&] {
            if (m_sshd.state() == QProcess::NotRunning) return true;
            QTcpSocket probe;
            probe.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_sshPort));
            return probe.waitForConnected(200);
        },
        10000);
    if (!up || m_sshd.state() == QProcess::NotRunning) {
        m_sshError = QStringLiteral("sshd did not start: %1")
                         .arg(QString::fromLocal8Bit(m_sshd.readAllStandardError()));
    }
}

void TstTunnel::cleanupTestCase()
{
    if (m_sshd.state() != QProcess::NotRunning) {
        m_sshd.terminate(); // our own child, by PID
        if (!m_sshd.waitForFinished(5000)) m_sshd.kill();
    }
}

void TstTunnel::requireSsh()
{
    if (!m_sshError.isEmpty()) QFAIL(qPrintable(m_sshError));
}

ConnectionSettings TstTunnel::tlsSettings(int port) const
{
    ConnectionSettings s;
    s.name = QStringLiteral("tls");
    s.port = port;
    s.tls.enabled = true;
    s.tls.caFile = path("ca.crt");
    return s;
}

ConnectionSettings TstTunnel::sshSettings(int targetPort) const
{
    ConnectionSettings s;
    s.name = QStringLiteral("ssh");
    s.port = targetPort; // as the SSH server sees it: 127.0.0.1 there
    s.ssh.enabled = true;
    s.ssh.host = QStringLiteral("127.0.0.1");
    s.ssh.port = m_sshPort;
    s.ssh.user = m_user;
    s.ssh.keyFile = path("client_key");
    s.ssh.knownHostsFile = path("known_hosts");
    return s;
}

bool TstTunnel::waitReady(RedisConnection &connection)
{
    (void)QTest::qWaitFor(
        [&] {
            return connection.state() == RedisConnection::State::Ready ||
                   connection.state() == RedisConnection::State::Disconnected ||
                   connection.state() == RedisConnection::State::AuthFailed;
        },
        15000);
    if (connection.state() != RedisConnection::State::Ready)
        qWarning("not ready: %s", qPrintable(connection.errorText()));
    return connection.state() == RedisConnection::State::Ready;
}

// Waits for a failed first attempt and returns its message.
static QString failureOf(const ConnectionSettings &settings)
{
    RedisConnection connection(settings);
    connection.setAutoReconnect(false);
    connection.connectToServer();
    (void)QTest::qWaitFor(
        [&] {
            return connection.state() == RedisConnection::State::Disconnected ||
                   connection.state() == RedisConnection::State::AuthFailed ||
                   connection.state() == RedisConnection::State::Ready;
        },
        15000);
    if (connection.state() == RedisConnection::State::Ready) return QStringLiteral("READY");
    qInfo("refused as expected: %s", qPrintable(connection.errorText()));
    return connection.errorText();
}

RedisValue TstTunnel::call(RedisConnection &connection, const QList<QByteArray> &args)
{
    RedisValue result = RedisValue::error(QByteArray("test: no reply"));
    bool done = false;
    connection.send(args, [&](const RedisValue &reply) {
        result = reply;
        done = true;
    });
    (void)QTest::qWaitFor([&] { return done; }, 15000);
    return result;
}

// The key scanner on `connection`, then a Subscriber and a MonitorSession with the same
// settings (their own tunnels), fed by PUBLISH through `connection`.
void TstTunnel::checkScanAndPubSub(const ConnectionSettings &settings, RedisConnection &connection)
{
    const QByteArray prefix = "tun:" + settings.name.toUtf8() + ":";
    for (int i = 0; i < 50; ++i)
        QCOMPARE(call(connection, {"SET", prefix + QByteArray::number(i), "v"}).text(),
                 QStringLiteral("OK"));
    // A big value crosses many TLS records / SSH packets in both directions.
    const QByteArray big(1024 * 1024 + 17, 'x');
    QCOMPARE(call(connection, {"SET", prefix + "big", big}).text(), QStringLiteral("OK"));
    QCOMPARE(call(connection, {"GET", prefix + "big"}).bytes(), big);

    KeyScanner scanner(&connection);
    QSet<QByteArray> seen;
    connect(&scanner, &KeyScanner::batchReady, this, [&](const QList<QByteArray> &keys) {
        for (const QByteArray &key : keys)
            seen.insert(key);
    });
    QSignalSpy finished(&scanner, &KeyScanner::finished);
    KeyScanner::Options options;
    options.pattern = prefix + "*";
    options.count = 10;
    scanner.start(options);
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(scanner.ranOnWorker()); // its own connection, through a tunnel of its own
    QCOMPARE(seen.size(), 51);

    Subscriber subscriber(settings);
    PubSubBatch got;
    connect(&subscriber, &Subscriber::messagesReceived, this,
            [&](const PubSubBatch &batch) { got.append(batch); });
    subscriber.subscribe(Subscriber::Kind::Channel, "tunnel-news");
    QVERIFY2(QTest::qWaitFor(
                 [&] { return subscriber.isConfirmed(Subscriber::Kind::Channel, "tunnel-news"); },
                 15000),
             qPrintable(RedisConnection::tr("subscriber state %1").arg(int(subscriber.state()))));
    QCOMPARE(call(connection, {"PUBLISH", "tunnel-news", "through the tunnel"}).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 1, 10000);
    QCOMPARE(got.first().payload, QByteArray("through the tunnel"));
}

// ---- TLS --------------------------------------------------------------------------------

void TstTunnel::tlsCommandsScanAndPubSub()
{
    ConnectionSettings settings = tlsSettings(m_tlsPort);
    settings.tls.serverName = QStringLiteral("localhost"); // SNI + the name checked
    RedisConnection connection(settings);
    QSignalSpy warnings(&connection, &RedisConnection::warning);
    connection.connectToServer();
    QVERIFY(waitReady(connection));
    QVERIFY(warnings.isEmpty());
    // The server sees us on its TLS port.
    QVERIFY(call(connection, {"CLIENT", "INFO"})
                .text()
                .contains("laddr=127.0.0.1:" + QByteArray::number(m_tlsPort)));
    checkScanAndPubSub(settings, connection);
}

void TstTunnel::tlsUrlOpensTls()
{
    ConnectionSettings settings;
    QString error;
    QVERIFY(ConnectionSettings::fromUrl(QStringLiteral("rediss://127.0.0.1:%1/2").arg(m_tlsPort),
                                        &settings, &error));
    QVERIFY(settings.tls.enabled);
    // System CAs do not know the test CA: the URL alone fails verification...
    QVERIFY(failureOf(settings).contains(QLatin1String("TLS handshake failed")));
    // ...and succeeds once the CA file is set.
    settings.tls.caFile = path("ca.crt");
    RedisConnection connection(settings);
    connection.connectToServer();
    QVERIFY(waitReady(connection));
    QCOMPARE(connection.currentDb(), 2);
    QCOMPARE(call(connection, {"PING"}).text(), QStringLiteral("PONG"));
}

void TstTunnel::tlsWrongCaFailsHandshake()
{
    ConnectionSettings settings = tlsSettings(m_tlsPort);
    settings.tls.caFile = path("otherca.crt");
    const QString error = failureOf(settings);
    QVERIFY2(error.startsWith(QLatin1String("TLS handshake failed: ")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("issuer"), Qt::CaseInsensitive) ||
                 error.contains(QLatin1String("certificate"), Qt::CaseInsensitive),
             qPrintable(error));
    settings.tls.caFile = path("missing.crt");
    QVERIFY(failureOf(settings).contains(QLatin1String("Cannot read CA certificates")));
}

void TstTunnel::tlsWrongServerNameFails()
{
    ConnectionSettings settings = tlsSettings(m_tlsPort);
    settings.tls.serverName = QStringLiteral("db.example.org");
    const QString error = failureOf(settings);
    QVERIFY2(error.startsWith(QLatin1String("TLS handshake failed: ")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("host name"), Qt::CaseInsensitive), qPrintable(error));
}

void TstTunnel::tlsSkipVerifyWarns()
{
    ConnectionSettings settings = tlsSettings(m_tlsPort);
    settings.tls.caFile = path("otherca.crt");
    settings.tls.skipVerify = true;
    RedisConnection connection(settings);
    QSignalSpy warnings(&connection, &RedisConnection::warning);
    connection.connectToServer();
    QVERIFY(waitReady(connection));
    QCOMPARE(call(connection, {"SET", "tun:skip", "1"}).text(), QStringLiteral("OK"));
    QCOMPARE(warnings.size(), 1);
    const QString warning = warnings.first().at(0).toString();
    QVERIFY2(warning.contains(QLatin1String("NOT verified")), qPrintable(warning));
}

void TstTunnel::tlsClientCertificate()
{
    ConnectionSettings settings = tlsSettings(m_tlsClientsPort);
    const QString error = failureOf(settings);
    QVERIFY2(error.contains(QLatin1String("TLS handshake failed")) ||
                 error.contains(QLatin1String("closed the TLS connection")),
             qPrintable(error));
    settings.tls.certFile = path("client.crt");
    QVERIFY(failureOf(settings).contains(QLatin1String("needs both")));
    settings.tls.keyFile = path("client.key");
    RedisConnection connection(settings);
    connection.connectToServer();
    QVERIFY(waitReady(connection));
    QCOMPARE(call(connection, {"PING"}).text(), QStringLiteral("PONG"));
}

void TstTunnel::tlsRefusedAndUnknownHost()
{
    ConnectionSettings settings = tlsSettings(TestServer::freePort());
    QString error = failureOf(settings);
    QVERIFY2(error.contains(QLatin1String("Connection refused")), qPrintable(error));
    settings.host = QStringLiteral("no-such-host.invalid");
    error = failureOf(settings);
    QVERIFY2(error.contains(QLatin1String("Unknown host 'no-such-host.invalid'")),
             qPrintable(error));
}

void TstTunnel::tlsReconnectsAfterKill()
{
    RedisConnection connection(tlsSettings(m_tlsPort));
    connection.connectToServer();
    QVERIFY(waitReady(connection));
    const qint64 id = call(connection, {"CLIENT", "ID"}).toInteger();
    RedisConnection admin(tlsSettings(m_tlsPort));
    admin.connectToServer();
    QVERIFY(waitReady(admin));
    QCOMPARE(call(admin, {"CLIENT", "KILL", "ID", QByteArray::number(id)}).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Lost, 10000);
    QVERIFY(waitReady(connection));
    QVERIFY(call(connection, {"CLIENT", "ID"}).toInteger() != id);
}

// ---- SSH --------------------------------------------------------------------------------

void TstTunnel::sshCommandsScanAndPubSub()
{
    requireSsh();
    const ConnectionSettings settings = sshSettings(m_redscope->port());
    RedisConnection connection(settings);
    connection.connectToServer();
    QVERIFY(waitReady(connection));
    QCOMPARE(call(connection, {"PING"}).text(), QStringLiteral("PONG"));
    checkScanAndPubSub(settings, connection);

    MonitorSession monitor(settings);
    monitor.start();
    QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), MonitorSession::State::Monitoring, 15000);
    monitor.stop();
}

void TstTunnel::sshKeyWithPassphrase()
{
    requireSsh();
    ConnectionSettings settings = sshSettings(m_redscope->port());
    settings.ssh.keyFile = path("client_key_pw");
    settings.ssh.keyPassphrase = QStringLiteral("wrong");
    QString error = failureOf(settings);
    QVERIFY2(error.startsWith(QLatin1String("SSH authentication failed")), qPrintable(error));
    settings.ssh.keyPassphrase = QStringLiteral("s3cret");
    QCOMPARE(failureOf(settings), QStringLiteral("READY"));
}

void TstTunnel::sshRefusedKeyFails()
{
    requireSsh();
    ConnectionSettings settings = sshSettings(m_redscope->port());
    settings.ssh.keyFile = path("stranger_key");
    const QString error = failureOf(settings);
    QVERIFY2(error.startsWith(QLatin1String("SSH authentication failed for ")), qPrintable(error));
    settings.ssh.keyFile.clear();
    settings.ssh.password = QStringLiteral("not-the-password"); // sshd allows no passwords
    QVERIFY(failureOf(settings).startsWith(QLatin1String("SSH authentication failed")));
}

void TstTunnel::sshUnknownHostKey()
{
    requireSsh();
    ConnectionSettings settings = sshSettings(m_redscope->port());
    settings.ssh.knownHostsFile = path("fresh_known_hosts");
    const QString error = failureOf(settings);
    QVERIFY2(error.contains(QLatin1String("host key")) &&
                 error.contains(QLatin1String("unknown")) &&
                 error.contains(QLatin1String("SHA256:")),
             qPrintable(error));
    settings.ssh.acceptNewHostKey = true;
    QCOMPARE(failureOf(settings), QStringLiteral("READY"));
    QVERIFY(QFile(path("fresh_known_hosts")).size() > 0);
    settings.ssh.acceptNewHostKey = false; // now it is known
    QCOMPARE(failureOf(settings), QStringLiteral("READY"));
}

void TstTunnel::sshTlsOverSsh()
{
    requireSsh();
    ConnectionSettings settings = sshSettings(m_tlsPort);
    settings.tls.enabled = true;
    settings.tls.caFile = path("ca.crt");
    RedisConnection connection(settings);
    connection.connectToServer();
    QVERIFY(waitReady(connection));
    QVERIFY(call(connection, {"CLIENT", "INFO"})
                .text()
                .contains("laddr=127.0.0.1:" + QByteArray::number(m_tlsPort)));
    settings.tls.caFile = path("otherca.crt");
    const QString error = failureOf(settings);
    QVERIFY2(error.startsWith(QLatin1String("TLS handshake failed")), qPrintable(error));
    // Nothing listens there: the SSH server reports it cannot reach the target.
    settings = sshSettings(TestServer::freePort());
    QVERIFY(failureOf(settings).contains(QLatin1String("cannot reach")));
}

// ---- the connection dialog's "Test connection" ----------------------------------------

static QString runDialogTest(ConnectionDialog &dialog, bool *ok)
{
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    dialog.testConnection();
    if (!finished.wait(20000)) return QStringLiteral("no answer");
    *ok = finished.first().at(0).toBool();
    return finished.first().at(1).toString();
}

void TstTunnel::dialogTestConnectionUsesTlsAndSsh()
{
    ConnectionDialog dialog(ConnectionDialog::Mode::Add, ConnectionProfile(), {}, false);
    ConnectionSecurityBox *box = dialog.securityBox();
    QVERIFY(box);
    dialog.hostEdit()->setText(QStringLiteral("127.0.0.1"));
    dialog.portSpin()->setValue(m_tlsPort);
    box->tlsCheck()->setChecked(true);
    box->caFileEdit()->setText(path("otherca.crt"));
    bool ok = true;
    QString message = runDialogTest(dialog, &ok);
    QVERIFY2(!ok && message.contains(QLatin1String("TLS handshake failed")), qPrintable(message));

    box->skipVerifyCheck()->setChecked(true);
    message = runDialogTest(dialog, &ok);
    QVERIFY2(ok && message.contains(QLatin1String("NOT verified")), qPrintable(message));

    box->skipVerifyCheck()->setChecked(false);
    box->caFileEdit()->setText(path("ca.crt"));
    message = runDialogTest(dialog, &ok);
    QVERIFY2(ok && message.startsWith(QLatin1String("Connected")), qPrintable(message));
    const ConnectionProfile profile = dialog.profile();
    QVERIFY(profile.settings.tls.enabled);
    QCOMPARE(profile.settings.tls.caFile, path("ca.crt"));

    if (!m_sshError.isEmpty()) QFAIL(qPrintable(m_sshError));
    box->tlsCheck()->setChecked(false);
    dialog.portSpin()->setValue(m_redscope->port());
    box->sshCheck()->setChecked(true);
    box->sshHostEdit()->setText(QStringLiteral("127.0.0.1"));
    box->sshPortSpin()->setValue(m_sshPort);
    box->sshUserEdit()->setText(m_user);
    box->sshKeyFileEdit()->setText(path("client_key_pw"));
    box->knownHostsEdit()->setText(path("known_hosts"));
    message = runDialogTest(dialog, &ok);
    QVERIFY2(!ok && message.contains(QLatin1String("SSH authentication failed")),
             qPrintable(message));
    QTest::keyClicks(box->sshPassphraseEdit(), QStringLiteral("s3cret"));
    message = runDialogTest(dialog, &ok);
    QVERIFY2(ok && message.startsWith(QLatin1String("Connected")), qPrintable(message));
    // The typed passphrase goes to the store (keychain); signing in with a key removes a
    // stored SSH password (empty, not null).
    QCOMPARE(dialog.profile().settings.ssh.keyPassphrase, QStringLiteral("s3cret"));
    QVERIFY(!dialog.profile().settings.ssh.password.isNull());
    QVERIFY(dialog.profile().settings.ssh.password.isEmpty());
}

// The Local engine mirrors a server reached through the tunnel: REPLICAOF names the
// LoopbackRelay's port, the keys arrive, a later write too (sent on the plain port).
void TstTunnel::mirrorThrough(const ConnectionSettings &settings, int plainPort)
{
    QTemporaryDir dirs;
    EngineHost::Options options;
    QDir().mkpath(dirs.filePath(QStringLiteral("data")));
    QDir().mkpath(dirs.filePath(QStringLiteral("run")));
    options.dataDir = dirs.filePath(QStringLiteral("data"));
    options.runtimeDir = dirs.filePath(QStringLiteral("run"));
    EngineHost engine(options);
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    ConnectionSettings localSettings;
    localSettings.unixSocket = engine.socketPath();
    RedisConnection local(localSettings);
    local.connectToServer();
    QVERIFY(waitReady(local));
    RedisConnection remote(settings);
    remote.connectToServer();
    QVERIFY2(waitReady(remote), qPrintable(remote.errorText()));

    redscope::test::RedisTestClient plain("127.0.0.1", plainPort);
    plain.run({"FLUSHALL"});
    for (int i = 0; i < 100; ++i)
        plain.run({"SET", "tunnelled:" + std::to_string(i), "v"});

    MirrorService mirror(&remote, &local);
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(mirror.progress().phase, MirrorService::Phase::Live, 30000);
    QVERIFY(mirror.relayPort() > 0);
    redscope::test::RedisTestClient engineClient(engine.socketPath().toStdString());
    const std::string role = engineClient.run({"ROLE"});
    QVERIFY2(role.find(std::to_string(mirror.relayPort())) != std::string::npos, role.c_str());
    QCOMPARE(engineClient.run({"DBSIZE"}), ":100");
    plain.run({"SET", "after-sync", "through-the-tunnel"});
    QTRY_COMPARE_WITH_TIMEOUT(engineClient.run({"GET", "after-sync"}),
                              std::string("$through-the-tunnel"), 10000);
    bool stopped = false;
    mirror.stop(false, [&stopped](const QString &) { stopped = true; });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 5000);
    QCOMPARE(engineClient.run({"DBSIZE"}), ":0");
}

void TstTunnel::mirrorThroughTls()
{
    mirrorThrough(tlsSettings(m_tlsPort), m_tls->port());
}

void TstTunnel::mirrorThroughSsh()
{
    requireSsh();
    mirrorThrough(sshSettings(m_redscope->port()), m_redscope->port());
}

QTEST_MAIN(TstTunnel)
#include "tst_tunnel.moc"
