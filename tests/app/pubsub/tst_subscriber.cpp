// Subscriber against real servers (Debian's redis-server and redscope-server): SUBSCRIBE and
// PSUBSCRIBE deliveries with channel and pattern, live unsubscribe (and the hiredis
// unsubscribe/resubscribe race), going idle, reconnect + resubscribe after CLIENT KILL, the
// explanation shown when the server drops a subscriber for its output buffer limit, auth
// failures, and that 20k messages arrive complete in a handful of batches.
#include "connection/redis_connection.h"
#include "pubsub/subscriber.h"
#include "test_server.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace redscope;
using redscope::test::TestServer;
using Kind = Subscriber::Kind;

class TstSubscriber : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void subscribeAndReceive();
    void psubscribeCarriesPattern();
    void unsubscribeStopsDelivery();
    void unsubscribeThenResubscribeKeepsDelivering();
    void removingLastSubscriptionGoesIdle();
    void reconnectsAndResubscribes();
    void outputBufferDropIsExplained();
    void wrongPasswordFails();
    void manyMessagesArriveInFewBatches();
    void worksAgainstRedscopeServer();

private:
    ConnectionSettings settings(int port) const;
    RedisValue call(const QList<QByteArray> &args);
    bool waitConfirmed(Subscriber &subscriber, Kind kind, const QByteArray &name);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<RedisConnection> m_admin;
};

struct Collector
{
    explicit Collector(Subscriber &subscriber)
    {
        QObject::connect(&subscriber, &Subscriber::messagesReceived, &subscriber,
                         [this](const PubSubBatch &batch) {
                             messages.append(batch);
                             ++batches;
                         });
    }
    PubSubBatch messages;
    int batches = 0;
};

ConnectionSettings TstSubscriber::settings(int port) const
{
    ConnectionSettings s;
    s.name = QStringLiteral("sub");
    s.port = port;
    return s;
}

void TstSubscriber::initTestCase()
{
    m_server = TestServer::startRedis();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_admin = std::make_unique<RedisConnection>(settings(m_server->port()));
    m_admin->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_admin->state(), RedisConnection::State::Ready, 10000);
}

RedisValue TstSubscriber::call(const QList<QByteArray> &args)
{
    RedisValue result = RedisValue::error(QByteArray("test: no reply"));
    bool done = false;
    m_admin->send(args, [&](const RedisValue &reply) {
        result = reply;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000)) qWarning("no reply");
    return result;
}

bool TstSubscriber::waitConfirmed(Subscriber &subscriber, Kind kind, const QByteArray &name)
{
    return QTest::qWaitFor([&] { return subscriber.isConfirmed(kind, name); }, 10000);
}

void TstSubscriber::subscribeAndReceive()
{
    Subscriber subscriber(settings(m_server->port()));
    QCOMPARE(subscriber.state(), Subscriber::State::Idle);
    Collector got(subscriber);
    QSignalSpy changes(&subscriber, &Subscriber::subscriptionChanged);
    subscriber.subscribe(Kind::Channel, "news");
    QVERIFY(subscriber.isSubscribed(Kind::Channel, "news"));
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "news"));
    QCOMPARE(subscriber.state(), Subscriber::State::Subscribed);
    QCOMPARE(changes.first().at(1).toByteArray(), "news");
    QCOMPARE(call({"PUBLISH", "news", "hello"}).toInteger(), 1);
    QCOMPARE(call({"PUBLISH", "news", QByteArray("bin\0ary", 7)}).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 2, 5000);
    QCOMPARE(got.messages.at(0).channel, "news");
    QCOMPARE(got.messages.at(0).payload, "hello");
    QVERIFY(got.messages.at(0).pattern.isEmpty());
    QCOMPARE(got.messages.at(1).payload, QByteArray("bin\0ary", 7));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(qAbs(got.messages.at(0).timestampMs - now) < 5000);
    QCOMPARE(subscriber.receivedCount(), 2u);
}

void TstSubscriber::psubscribeCarriesPattern()
{
    Subscriber subscriber(settings(m_server->port()));
    Collector got(subscriber);
    subscriber.subscribe(Kind::Pattern, "ev.*");
    subscriber.subscribe(Kind::Channel, "ev.exact");
    QVERIFY(waitConfirmed(subscriber, Kind::Pattern, "ev.*"));
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "ev.exact"));
    QCOMPARE(call({"PUBLISH", "ev.login", "u1"}).toInteger(), 1);
    QCOMPARE(call({"PUBLISH", "ev.exact", "u2"}).toInteger(), 2); // pattern + channel
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 3, 5000);
    QCOMPARE(got.messages.at(0).channel, "ev.login");
    QCOMPARE(got.messages.at(0).pattern, "ev.*");
    QCOMPARE(got.messages.at(0).payload, "u1");
    int viaPattern = 0;
    for (int i = 1; i < 3; ++i) {
        QCOMPARE(got.messages.at(i).channel, "ev.exact");
        if (got.messages.at(i).pattern == "ev.*") ++viaPattern;
    }
    QCOMPARE(viaPattern, 1);
}

void TstSubscriber::unsubscribeStopsDelivery()
{
    Subscriber subscriber(settings(m_server->port()));
    Collector got(subscriber);
    subscriber.subscribe(Kind::Channel, "u.a");
    subscriber.subscribe(Kind::Channel, "u.b");
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "u.a"));
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "u.b"));
    subscriber.unsubscribe(Kind::Channel, "u.a");
    QVERIFY(!subscriber.isSubscribed(Kind::Channel, "u.a"));
    QTRY_COMPARE_WITH_TIMEOUT(call({"PUBSUB", "NUMSUB", "u.a"}).elements().at(1).toInteger(), 0,
                              5000);
    QCOMPARE(call({"PUBLISH", "u.a", "gone"}).toInteger(), 0);
    QCOMPARE(call({"PUBLISH", "u.b", "kept"}).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 1, 5000);
    QCOMPARE(got.messages.at(0).payload, "kept");
    QCOMPARE(subscriber.state(), Subscriber::State::Subscribed);
}

// hiredis forgets a channel's callback when the UNSUBSCRIBE confirmation arrives, even when a
// SUBSCRIBE for it followed; the worker must subscribe again instead of going deaf.
void TstSubscriber::unsubscribeThenResubscribeKeepsDelivering()
{
    Subscriber subscriber(settings(m_server->port()));
    Collector got(subscriber);
    subscriber.subscribe(Kind::Channel, "r.keep");
    subscriber.subscribe(Kind::Channel, "r.flip");
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "r.flip"));
    QSignalSpy changes(&subscriber, &Subscriber::subscriptionChanged);
    subscriber.unsubscribe(Kind::Channel, "r.flip");
    subscriber.subscribe(Kind::Channel, "r.flip");
    // Settled once the server has confirmed a SUBSCRIBE sent after the UNSUBSCRIBE (a worker
    // that went deaf never gets there), however long a loaded machine takes.
    const auto resubscribed = [&] {
        return std::any_of(changes.cbegin(), changes.cend(), [](const QList<QVariant> &args) {
            return args.at(1).toByteArray() == "r.flip" && args.at(2).toBool();
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(resubscribed(), 10000);
    QVERIFY(subscriber.isConfirmed(Kind::Channel, "r.flip"));
    QCOMPARE(call({"PUBLISH", "r.flip", "still here"}).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 1, 5000);
    QCOMPARE(got.messages.at(0).payload, "still here");
}

void TstSubscriber::removingLastSubscriptionGoesIdle()
{
    Subscriber subscriber(settings(m_server->port()));
    subscriber.subscribe(Kind::Pattern, "idle.*");
    QVERIFY(waitConfirmed(subscriber, Kind::Pattern, "idle.*"));
    QCOMPARE(call({"PUBSUB", "NUMPAT"}).toInteger(), 1);
    subscriber.unsubscribe(Kind::Pattern, "idle.*");
    QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), Subscriber::State::Idle, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(call({"PUBSUB", "NUMPAT"}).toInteger(), 0, 5000);
    // And it can start over.
    Collector got(subscriber);
    subscriber.subscribe(Kind::Channel, "idle.again");
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "idle.again"));
    QCOMPARE(call({"PUBLISH", "idle.again", "x"}).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 1, 5000);
}

void TstSubscriber::reconnectsAndResubscribes()
{
    Subscriber subscriber(settings(m_server->port()));
    Collector got(subscriber);
    subscriber.subscribe(Kind::Channel, "rc.chan");
    subscriber.subscribe(Kind::Pattern, "rc.p.*");
    QVERIFY(waitConfirmed(subscriber, Kind::Pattern, "rc.p.*"));
    QSignalSpy states(&subscriber, &Subscriber::stateChanged);
    QVERIFY(call({"CLIENT", "KILL", "TYPE", "pubsub"}).toInteger() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 5000);
    QCOMPARE(states.first().first().value<Subscriber::State>(), Subscriber::State::Lost);
    QVERIFY2(states.first().at(1).toString().contains("lost"),
             qPrintable(states.first().at(1).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), Subscriber::State::Subscribed, 10000);
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "rc.chan"));
    QVERIFY(waitConfirmed(subscriber, Kind::Pattern, "rc.p.*"));
    QCOMPARE(call({"PUBLISH", "rc.chan", "back"}).toInteger(), 1);
    QCOMPARE(call({"PUBLISH", "rc.p.1", "back2"}).toInteger(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 2, 5000);
}

void TstSubscriber::outputBufferDropIsExplained()
{
    auto limited = TestServer::startRedis({"--client-output-buffer-limit", "pubsub 64kb 32kb 60"});
    QVERIFY2(limited && limited->ok(), limited ? limited->error().c_str() : "no server");
    Subscriber subscriber(settings(limited->port()));
    Collector got(subscriber);
    QSignalSpy dropped(&subscriber, &Subscriber::connectionDropped);
    subscriber.subscribe(Kind::Channel, "big");
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "big"));

    RedisConnection publisher(settings(limited->port()));
    publisher.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(publisher.state(), RedisConnection::State::Ready, 10000);
    bool done = false;
    publisher.send({"PUBLISH", "big", QByteArray(200 * 1024, 'x')},
                   [&](const RedisValue &) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!dropped.isEmpty(), 15000);
    const QString why = dropped.first().first().toString();
    QVERIFY2(why.contains("client-output-buffer-limit pubsub"), qPrintable(why));
    QVERIFY2(why.contains("65536 32768 60"), qPrintable(why)); // the server's configured limit
    QVERIFY2(why.contains("lost"), qPrintable(why));
    QCOMPARE(subscriber.state(), Subscriber::State::Subscribed); // and it is back
    QCOMPARE(got.messages.size(), 0);
}

void TstSubscriber::wrongPasswordFails()
{
    auto secured = TestServer::startRedis({"--requirepass", "right"});
    QVERIFY2(secured && secured->ok(), secured ? secured->error().c_str() : "no server");
    ConnectionSettings s = settings(secured->port());
    s.password = QStringLiteral("wrong");
    Subscriber subscriber(s);
    subscriber.subscribe(Kind::Channel, "x");
    QTRY_COMPARE_WITH_TIMEOUT(subscriber.state(), Subscriber::State::Failed, 10000);
    QVERIFY2(subscriber.errorText().contains("WRONGPASS") ||
                 subscriber.errorText().contains("Authentication"),
             qPrintable(subscriber.errorText()));

    s.password = QStringLiteral("right");
    Subscriber good(s);
    good.subscribe(Kind::Channel, "x");
    QVERIFY(waitConfirmed(good, Kind::Channel, "x"));
}

void TstSubscriber::manyMessagesArriveInFewBatches()
{
    Subscriber subscriber(settings(m_server->port()));
    Collector got(subscriber);
    subscriber.subscribe(Kind::Channel, "flood");
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "flood"));
    constexpr int count = 20000;
    int answered = 0;
    for (int i = 0; i < count; ++i)
        m_admin->send({"PUBLISH", "flood", QByteArray::number(i)},
                      [&](const RedisValue &) { ++answered; });
    QTRY_COMPARE_WITH_TIMEOUT(answered, count, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), count, 10000);
    for (int i = 0; i < count; i += 997)
        QCOMPARE(got.messages.at(i).payload, QByteArray::number(i));
    QVERIFY2(got.batches < count / 100, qPrintable(QString::number(got.batches)));
}

void TstSubscriber::worksAgainstRedscopeServer()
{
    auto engine = TestServer::startRedscope();
    QVERIFY2(engine && engine->ok(), engine ? engine->error().c_str() : "no server");
    Subscriber subscriber(settings(engine->port()));
    Collector got(subscriber);
    subscriber.subscribe(Kind::Channel, "eng");
    subscriber.subscribe(Kind::Pattern, "eng.*");
    QVERIFY(waitConfirmed(subscriber, Kind::Channel, "eng"));
    QVERIFY(waitConfirmed(subscriber, Kind::Pattern, "eng.*"));
    RedisConnection publisher(settings(engine->port()));
    publisher.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(publisher.state(), RedisConnection::State::Ready, 10000);
    publisher.send({"PUBLISH", "eng", "one"}, {});
    publisher.send({"PUBLISH", "eng.two", "two"}, {});
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 2, 5000);
    QCOMPARE(got.messages.at(0).payload, "one");
    QCOMPARE(got.messages.at(1).pattern, "eng.*");
    QCOMPARE(got.messages.at(1).channel, "eng.two");
    subscriber.unsubscribe(Kind::Channel, "eng");
    // The server, not a fixed wait, says when the UNSUBSCRIBE has been processed.
    QTRY_COMPARE_WITH_TIMEOUT(test::sendRawCommand(engine->port(), {"PUBSUB", "NUMSUB", "eng"}),
                              std::string("*2\r\n$3\r\neng\r\n:0\r\n"), 10000);
    publisher.send({"PUBLISH", "eng", "none"}, {});
    publisher.send({"PUBLISH", "eng.3", "three"}, {});
    QTRY_COMPARE_WITH_TIMEOUT(got.messages.size(), 3, 5000);
    QTest::qWait(200);
    QCOMPARE(got.messages.size(), 3);
    QCOMPARE(got.messages.at(2).payload, "three");
}

QTEST_GUILESS_MAIN(TstSubscriber)
#include "tst_subscriber.moc"
