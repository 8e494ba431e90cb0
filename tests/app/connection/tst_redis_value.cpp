// RedisValue::fromHiredis on replies produced by hiredis' own protocol reader from raw RESP
// bytes, so the conversion is checked against real redisReply trees without a server.
#include "connection/redis_value.h"

#include <QTest>

#include <hiredis/hiredis.h>

using redscope::RedisValue;

class TstRedisValue : public QObject
{
    Q_OBJECT

private slots:
    void fromResp_data();
    void fromResp();
    void nullReplyIsNil();
};

static RedisValue parse(const QByteArray &resp)
{
    redisReader *reader = redisReaderCreate();
    redisReaderFeed(reader, resp.constData(), size_t(resp.size()));
    void *reply = nullptr;
    const int rc = redisReaderGetReply(reader, &reply);
    redisReaderFree(reader);
    if (rc != REDIS_OK || !reply) return RedisValue::error(QByteArray("test: reader failed"));
    RedisValue value = RedisValue::fromHiredis(static_cast<redisReply *>(reply));
    freeReplyObject(reply);
    return value;
}

void TstRedisValue::fromResp_data()
{
    QTest::addColumn<QByteArray>("resp");
    QTest::addColumn<RedisValue>("expected");

    QTest::newRow("status") << QByteArray("+OK\r\n") << RedisValue::status("OK");
    QTest::newRow("error") << QByteArray("-ERR nope\r\n")
                           << RedisValue::error(QByteArray("ERR nope"));
    QTest::newRow("integer") << QByteArray(":-7\r\n") << RedisValue::integer(-7);
    QTest::newRow("bulk") << QByteArray("$3\r\nfoo\r\n") << RedisValue::string("foo");
    QTest::newRow("binary bulk") << QByteArray("$3\r\na\0b\r\n", 9)
                                 << RedisValue::string(QByteArray("a\0b", 3));
    QTest::newRow("nil bulk") << QByteArray("$-1\r\n") << RedisValue::nil();
    QTest::newRow("nested array") << QByteArray("*2\r\n$1\r\na\r\n*2\r\n:1\r\n$-1\r\n")
                                  << RedisValue::array({RedisValue::string("a"),
                                                        RedisValue::array({RedisValue::integer(1),
                                                                           RedisValue::nil()})});
    QTest::newRow("empty array") << QByteArray("*0\r\n") << RedisValue::array({});
#ifdef REDIS_REPLY_MAP
    QTest::newRow("map") << QByteArray("%1\r\n+k\r\n:1\r\n")
                         << RedisValue::map({RedisValue::status("k"), RedisValue::integer(1)});
    QTest::newRow("double") << QByteArray(",1.5\r\n") << RedisValue::doubleValue(1.5, "1.5");
    QTest::newRow("bool") << QByteArray("#t\r\n") << RedisValue::boolean(true);
#endif
}

void TstRedisValue::fromResp()
{
    QFETCH(QByteArray, resp);
    QFETCH(RedisValue, expected);
    const RedisValue value = parse(resp);
    QCOMPARE(int(value.type()), int(expected.type()));
    QVERIFY(value == expected);
}

void TstRedisValue::nullReplyIsNil()
{
    QVERIFY(RedisValue::fromHiredis(nullptr).isNil());
}

QTEST_APPLESS_MAIN(TstRedisValue)
#include "tst_redis_value.moc"
