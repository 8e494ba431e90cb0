// MirrorService against real servers: Debian's redis-server as the remote, the embedded engine
// (EngineHost, as the app runs it) as the Local engine. A mirror of a server holding data goes
// live, its keys and a later write arrive; stop keeps or discards the data; a production
// connection asks first; requirepass reaches the engine as masterauth; a server without
// SYNC/PSYNC is reported in words; an ACL user without PSYNC or REPLCONF, and credentials the
// server no longer takes, are refused with the server's own NOPERM / WRONGPASS before the
// engine is touched; the memory check reads MemAvailable.
#include "connection/redis_connection.h"
#include "connection/request_scope.h"
#include "local/engine_host.h"
#include "mirror/mirror_service.h"
#include "mirror/replication_status.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

class TstMirrorService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void mirrorGoesLiveAndFollowsWrites();
    void stopDiscardsData();
    void productionConnectionAsksFirst();
    void requirepassIsSentAsMasterauth();
    void refusedSyncIsSaidInWords();
    void aclRefusalIsNamedBeforeTheEngineIsTouched_data();
    void aclRefusalIsNamedBeforeTheEngineIsTouched();
    void memoryCheckComparesUsedMemoryWithMemAvailable();
    void replicationStatusParsesSyncFigures();

private:
    bool startRemote(const std::vector<std::string> &args = {});
    std::unique_ptr<RedisConnection> connect(const ConnectionSettings &settings);
    std::string local(const std::vector<std::string> &args);
    std::string remote(const std::vector<std::string> &args);

    QTemporaryDir m_dirs;
    std::unique_ptr<EngineHost> m_engine;
    std::unique_ptr<TestServer> m_remote;
    std::unique_ptr<RedisConnection> m_remoteConnection;
    std::unique_ptr<RedisConnection> m_localConnection;
    std::string m_password;
};

void TstMirrorService::init()
{
    EngineHost::Options options;
    const QString root =
        m_dirs.path() + QStringLiteral("/") + QString::fromLatin1(QTest::currentTestFunction());
    QDir().mkpath(root + QStringLiteral("/data"));
    QDir().mkpath(root + QStringLiteral("/run"));
    options.dataDir = root + QStringLiteral("/data");
    options.runtimeDir = root + QStringLiteral("/run");
    m_engine = std::make_unique<EngineHost>(options);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    ConnectionSettings settings;
    settings.name = QStringLiteral("Local engine");
    settings.unixSocket = m_engine->socketPath();
    m_localConnection = connect(settings);
    QVERIFY(m_localConnection);
}

void TstMirrorService::cleanup()
{
    m_remoteConnection.reset();
    m_localConnection.reset();
    m_engine.reset();
    m_remote.reset();
    m_password.clear();
    ProductionGuard::setConfirmer({});
}

bool TstMirrorService::startRemote(const std::vector<std::string> &args)
{
    m_remote = TestServer::startRedis(args);
    if (!m_remote->ok()) return false;
    ConnectionSettings settings;
    settings.name = QStringLiteral("remote");
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = m_remote->port();
    settings.password = QString::fromStdString(m_password);
    m_remoteConnection = connect(settings);
    return m_remoteConnection != nullptr;
}

std::unique_ptr<RedisConnection> TstMirrorService::connect(const ConnectionSettings &settings)
{
    auto connection = std::make_unique<RedisConnection>(settings);
    connection->connectToServer();
    QElapsedTimer timer;
    timer.start();
    while (connection->state() != RedisConnection::State::Ready && timer.elapsed() < 10000)
        QTest::qWait(20);
    if (connection->state() != RedisConnection::State::Ready) return nullptr;
    return connection;
}

std::string TstMirrorService::local(const std::vector<std::string> &args)
{
    RedisTestClient client(m_engine->socketPath().toStdString());
    return client.run(args);
}

std::string TstMirrorService::remote(const std::vector<std::string> &args)
{
    RedisTestClient client("127.0.0.1", m_remote->port());
    if (!m_password.empty()) client.run({"AUTH", m_password});
    return client.run(args);
}

void TstMirrorService::mirrorGoesLiveAndFollowsWrites()
{
    QVERIFY(startRemote());
    for (int i = 0; i < 500; ++i)
        remote({"SET", "user:" + std::to_string(i), std::string(100, 'x')});
    remote({"HSET", "profile:1", "name", "ada"});
    local({"SET", "old-local-key", "1"});

    MirrorService mirror(m_remoteConnection.get(), m_localConnection.get());
    QList<MirrorService::Phase> phases;
    QObject::connect(&mirror, &MirrorService::progressChanged,
                     [&phases](const MirrorService::Progress &p) {
                         if (phases.isEmpty() || phases.last() != p.phase) phases << p.phase;
                     });
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(mirror.progress().phase, MirrorService::Phase::Live, 20000);
    QVERIFY(phases.contains(MirrorService::Phase::Connecting));
    QCOMPARE(local({"DBSIZE"}), ":501");
    QCOMPARE(local({"EXISTS", "old-local-key"}), ":0"); // replaced by the server's data
    QCOMPARE(local({"HGET", "profile:1", "name"}), "$ada");
    QVERIFY(local({"SET", "x", "1"}).rfind("-READONLY", 0) == 0); // a read-only replica

    remote({"SET", "written-after-sync", "arrives"});
    QTRY_COMPARE_WITH_TIMEOUT(local({"GET", "written-after-sync"}), std::string("$arrives"), 10000);
    // The lag is measured against the remote's offset once Live.
    QTRY_VERIFY_WITH_TIMEOUT(mirror.progress().lagBytes >= 0, 5000);
    QVERIFY2(mirror.progress().message.startsWith(QLatin1String("Live")),
             qPrintable(mirror.progress().message));

    QString stopError = QStringLiteral("not called");
    mirror.stop(true, [&stopError](const QString &error) { stopError = error; });
    QTRY_VERIFY_WITH_TIMEOUT(stopError != QLatin1String("not called"), 5000);
    QVERIFY2(stopError.isEmpty(), qPrintable(stopError));
    QCOMPARE(mirror.progress().phase, MirrorService::Phase::Idle);
    QVERIFY(local({"ROLE"}).find("master") != std::string::npos);
    QCOMPARE(local({"DBSIZE"}), ":502");       // kept
    QCOMPARE(local({"SET", "x", "1"}), "+OK"); // writable again
}

void TstMirrorService::stopDiscardsData()
{
    QVERIFY(startRemote());
    for (int i = 0; i < 50; ++i)
        remote({"SET", "k" + std::to_string(i), "v"});
    MirrorService mirror(m_remoteConnection.get(), m_localConnection.get());
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(mirror.progress().phase, MirrorService::Phase::Live, 20000);
    QCOMPARE(local({"DBSIZE"}), ":50");
    bool stopped = false;
    mirror.stop(false, [&stopped](const QString &error) {
        QVERIFY2(error.isEmpty(), qPrintable(error));
        stopped = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 5000);
    QCOMPARE(local({"DBSIZE"}), ":0");
    QVERIFY(local({"ROLE"}).find("master") != std::string::npos);
    QCOMPARE(remote({"DBSIZE"}), ":50"); // the remote is untouched
    QCOMPARE(local({"CONFIG", "GET", "masterauth"}), "*[$masterauth,$]");
}

void TstMirrorService::productionConnectionAsksFirst()
{
    m_remote = TestServer::startRedis();
    QVERIFY(m_remote->ok());
    remote({"SET", "prod-key", "1"});
    ConnectionSettings settings;
    settings.name = QStringLiteral("prod");
    settings.port = m_remote->port();
    settings.production = true;
    m_remoteConnection = connect(settings);
    QVERIFY(m_remoteConnection);

    QList<ConfirmationRequest> asked;
    bool answer = false;
    ProductionGuard::setConfirmer(
        [&asked, &answer](const ConfirmationRequest &request, ProductionGuard::Answer reply) {
            asked << request;
            reply(answer);
        });
    MirrorService mirror(m_remoteConnection.get(), m_localConnection.get());
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 5000);
    QCOMPARE(asked.first().serverName, QStringLiteral("prod"));
    QVERIFY2(asked.first().effect.contains(QLatin1String("replica")),
             qPrintable(asked.first().effect));
    QCOMPARE(mirror.progress().phase, MirrorService::Phase::Idle);
    QVERIFY(mirror.progress().message.contains(QLatin1String("not confirmed")));
    QTest::qWait(300);
    QVERIFY(local({"ROLE"}).find("master") != std::string::npos); // nothing was sent

    answer = true;
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(mirror.progress().phase, MirrorService::Phase::Live, 20000);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(local({"GET", "prod-key"}), "$1");
}

void TstMirrorService::requirepassIsSentAsMasterauth()
{
    m_password = "s3cret-pw";
    QVERIFY(startRemote({"--requirepass", m_password}));
    remote({"SET", "guarded", "yes"});
    MirrorService mirror(m_remoteConnection.get(), m_localConnection.get());
    mirror.start();
    QTRY_COMPARE_WITH_TIMEOUT(mirror.progress().phase, MirrorService::Phase::Live, 20000);
    QCOMPARE(local({"GET", "guarded"}), "$yes");
    QCOMPARE(local({"CONFIG", "GET", "masterauth"}), "*[$masterauth,$s3cret-pw]");
    bool stopped = false;
    mirror.stop(true, [&stopped](const QString &) { stopped = true; });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 5000);
    // The password does not stay in the engine's configuration after the mirror.
    QTRY_COMPARE_WITH_TIMEOUT(local({"CONFIG", "GET", "masterauth"}),
                              std::string("*[$masterauth,$]"), 5000);
}

void TstMirrorService::refusedSyncIsSaidInWords()
{
    QVERIFY(startRemote({"--rename-command", "SYNC", "", "--rename-command", "PSYNC", ""}));
    remote({"SET", "a", "1"});
    MirrorService mirror(m_remoteConnection.get(), m_localConnection.get());
    mirror.start();
    QTRY_VERIFY_WITH_TIMEOUT(mirror.progress().refused, 20000);
    QCOMPARE(mirror.progress().phase, MirrorService::Phase::Failed);
    const QString message = mirror.progress().message;
    QVERIFY2(message.contains(QLatin1String("refuses replication")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("throttled copy")), qPrintable(message));
    QCOMPARE(local({"EXISTS", "a"}), ":0");
    bool stopped = false;
    mirror.stop(false, [&stopped](const QString &) { stopped = true; });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 5000);
    QVERIFY(local({"ROLE"}).find("master") != std::string::npos);
}

void TstMirrorService::aclRefusalIsNamedBeforeTheEngineIsTouched_data()
{
    QTest::addColumn<QString>("rules");
    QTest::addColumn<bool>("passwordChanged");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no PSYNC") << "-psync" << false
                              << "NOPERM this user has no permissions to run the 'psync' command";
    QTest::newRow("no REPLCONF")
        << "-replconf" << false
        << "NOPERM this user has no permissions to run the 'replconf' command";
    QTest::newRow("password changed on the server")
        << "" << true << "WRONGPASS invalid username-password pair or user is disabled.";
}

void TstMirrorService::aclRefusalIsNamedBeforeTheEngineIsTouched()
{
    QFETCH(QString, rules);
    QFETCH(bool, passwordChanged);
    QFETCH(QString, expected);
    QVERIFY(startRemote());
    remote({"SET", "a", "1"});
    std::vector<std::string> setuser = {"ACL",        "SETUSER", "mirror", "on",
                                        ">mirror-pw", "~*",      "&*",     "+@all"};
    if (!rules.isEmpty()) setuser.push_back(rules.toStdString());
    QCOMPARE(remote(setuser), std::string("+OK"));
    ConnectionSettings settings;
    settings.name = QStringLiteral("acl-user");
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = m_remote->port();
    settings.username = QStringLiteral("mirror");
    settings.password = QStringLiteral("mirror-pw");
    auto connection = connect(settings);
    QVERIFY(connection);
    if (passwordChanged)
        QCOMPARE(remote({"ACL", "SETUSER", "mirror", "resetpass", ">rotated-pw"}),
                 std::string("+OK"));
    MirrorService mirror(connection.get(), m_localConnection.get());
    mirror.start();
    QTRY_VERIFY_WITH_TIMEOUT(mirror.progress().refused, 10000);
    QCOMPARE(mirror.progress().phase, MirrorService::Phase::Failed);
    QVERIFY(!mirror.progress().linkSet);
    QVERIFY(!mirror.isRunning());
    const QString message = mirror.progress().message;
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("throttled copy")), qPrintable(message));
    // The engine was never pointed at the server, nor given the credentials.
    QVERIFY(local({"ROLE"}).find("master") != std::string::npos);
    QCOMPARE(local({"CONFIG", "GET", "masterauth"}), std::string("*[$masterauth,$]"));
    // The probe left the app's connection usable.
    bool answered = false;
    RequestScope scope(connection.get());
    scope.send({"GET", "a"}, [&answered](const RedisValue &reply) {
        answered = !reply.isError() && reply.text() == QLatin1String("1");
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
}

void TstMirrorService::memoryCheckComparesUsedMemoryWithMemAvailable()
{
    QVERIFY(startRemote());
    local({"SET", "here", "1"});
    MirrorService mirror(m_remoteConnection.get(), m_localConnection.get());
    MirrorService::Check check;
    bool done = false;
    mirror.check([&](const MirrorService::Check &c) {
        check = c;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QVERIFY2(check.error.isEmpty(), qPrintable(check.error));
    QVERIFY(check.usedMemory > 0);
    QVERIFY(check.available > 0);
    QVERIFY(check.fits());
    QCOMPARE(check.localKeys, 1);
    QVERIFY2(check.summary().contains(QLatin1String("will be replaced")),
             qPrintable(check.summary()));

    // A machine with 1 kB available: the server's data does not fit.
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("meminfo")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("MemTotal:       16000000 kB\nMemFree:  1 kB\nMemAvailable:        1 kB\n");
    file.close();
    mirror.setMeminfoPath(file.fileName());
    done = false;
    mirror.check([&](const MirrorService::Check &c) {
        check = c;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QCOMPARE(check.available, 1024);
    QVERIFY(!check.fits());
    QVERIFY2(check.summary().contains(QLatin1String("does not fit")), qPrintable(check.summary()));
}

void TstMirrorService::replicationStatusParsesSyncFigures()
{
    const auto s = ReplicationStatus::parse(
        QStringLiteral("# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7\r\n"
                       "master_link_status:down\r\nmaster_sync_in_progress:1\r\n"
                       "slave_repl_offset:10\r\nmaster_sync_total_bytes:2048\r\n"
                       "master_sync_read_bytes:512\r\nmaster_repl_offset:10\r\n"));
    QVERIFY(s.replica);
    QVERIFY(s.syncing);
    QVERIFY(!s.linkUp);
    QCOMPARE(s.masterPort, 7);
    QCOMPARE(s.syncTotalBytes, 2048);
    QCOMPARE(s.syncReadBytes, 512);
    QCOMPARE(s.replicaOffset, 10);
    QCOMPARE(ReplicationStatus::parse(QStringLiteral("role:master\n")).replica, false);
}

QTEST_MAIN(TstMirrorService)
#include "tst_mirror_service.moc"
