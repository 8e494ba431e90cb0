// ReplyFormatter: redis-cli's TTY rendering of each reply type, nesting and indentation of
// aggregates, and the limits that keep huge replies off the screen.
#include "console/reply_formatter.h"

#include <QTest>

using redscope::RedisValue;
using redscope::ReplyFormatter;

class TstReplyFormatter : public QObject
{
    Q_OBJECT

private slots:
    void scalars_data();
    void scalars();
    void flatArray();
    void nestedArrayIsIndentedUnderItsPrefix();
    void indexesAreRightAligned();
    void emptyAggregates();
    void mapsAndSets();
    void limitsCutLongStringsAndArrays();
    void textRepliesPrintAsLines();
    void nestedRepliesAreNumberedAndTyped();
};

void TstReplyFormatter::scalars_data()
{
    QTest::addColumn<RedisValue>("value");
    QTest::addColumn<QString>("text");

    QTest::newRow("string") << RedisValue::string("bar") << "\"bar\"";
    const QByteArray special("a\"b\\c\n\x01\xe9", 8);
    QTest::newRow("escaped string")
        << RedisValue::string(special) << "\"a\\\"b\\\\c\\n\\x01\\xe9\"";
    QTest::newRow("empty string") << RedisValue::string("") << "\"\"";
    QTest::newRow("integer") << RedisValue::integer(5) << "(integer) 5";
    QTest::newRow("negative") << RedisValue::integer(-42) << "(integer) -42";
    QTest::newRow("nil") << RedisValue::nil() << "(nil)";
    QTest::newRow("status") << RedisValue::status("OK") << "OK";
    QTest::newRow("error") << RedisValue::error(QByteArray("ERR unknown command 'FOO'"))
                           << "(error) ERR unknown command 'FOO'";
    QTest::newRow("double") << RedisValue::doubleValue(1.5) << "(double) 1.5";
    QTest::newRow("double text") << RedisValue::doubleValue(1e300, "inf") << "(double) inf";
    QTest::newRow("true") << RedisValue::boolean(true) << "(true)";
    QTest::newRow("false") << RedisValue::boolean(false) << "(false)";
    QTest::newRow("big number") << RedisValue::bigNumber("123456789012345678901234567890")
                                << "(big number) 123456789012345678901234567890";
    QTest::newRow("verbatim is raw")
        << RedisValue::verbatim("txt", "# Server\nredis_version:7") << "# Server\nredis_version:7";
}

void TstReplyFormatter::scalars()
{
    QFETCH(RedisValue, value);
    QFETCH(QString, text);
    QCOMPARE(ReplyFormatter::format(value), text);
}

void TstReplyFormatter::flatArray()
{
    const RedisValue value =
        RedisValue::array({RedisValue::string("a"), RedisValue::integer(2), RedisValue::nil()});
    QCOMPARE(ReplyFormatter::format(value), QStringLiteral("1) \"a\"\n2) (integer) 2\n3) (nil)"));
}

void TstReplyFormatter::nestedArrayIsIndentedUnderItsPrefix()
{
    const RedisValue inner =
        RedisValue::array({RedisValue::string("b"),
                           RedisValue::array({RedisValue::string("c"), RedisValue::string("d")})});
    const RedisValue value = RedisValue::array({RedisValue::string("a"), inner});
    QCOMPARE(ReplyFormatter::format(value), QStringLiteral("1) \"a\"\n"
                                                           "2) 1) \"b\"\n"
                                                           "   2) 1) \"c\"\n"
                                                           "      2) \"d\""));
}

void TstReplyFormatter::indexesAreRightAligned()
{
    RedisValue::List items;
    for (int i = 1; i <= 10; ++i)
        items.push_back(RedisValue::integer(i));
    items.back() = RedisValue::array({RedisValue::string("x"), RedisValue::string("y")});
    const QStringList lines =
        ReplyFormatter::format(RedisValue::array(items)).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 11);
    QCOMPARE(lines.first(), QStringLiteral(" 1) (integer) 1"));
    QCOMPARE(lines.at(9), QStringLiteral("10) 1) \"x\""));
    QCOMPARE(lines.at(10), QStringLiteral("    2) \"y\""));
}

void TstReplyFormatter::emptyAggregates()
{
    QCOMPARE(ReplyFormatter::format(RedisValue::array({})), QStringLiteral("(empty array)"));
    QCOMPARE(ReplyFormatter::format(RedisValue::set({})), QStringLiteral("(empty set)"));
    QCOMPARE(ReplyFormatter::format(RedisValue::map({})), QStringLiteral("(empty hash)"));
    const RedisValue nested = RedisValue::array({RedisValue::array({})});
    QCOMPARE(ReplyFormatter::format(nested), QStringLiteral("1) (empty array)"));
}

void TstReplyFormatter::mapsAndSets()
{
    const RedisValue map = RedisValue::map(
        {RedisValue::string("server"), RedisValue::string("redis"), RedisValue::string("modules"),
         RedisValue::array({RedisValue::string("m1"), RedisValue::string("m2")})});
    QCOMPARE(ReplyFormatter::format(map), QStringLiteral("1# \"server\" => \"redis\"\n"
                                                         "2# \"modules\" => 1) \"m1\"\n"
                                                         "                2) \"m2\""));
    const RedisValue set = RedisValue::set({RedisValue::string("a"), RedisValue::string("b")});
    QCOMPARE(ReplyFormatter::format(set), QStringLiteral("1~ \"a\"\n2~ \"b\""));
}

void TstReplyFormatter::limitsCutLongStringsAndArrays()
{
    ReplyFormatter::Limits limits;
    limits.maxStringBytes = 4;
    limits.maxElements = 2;
    QCOMPARE(ReplyFormatter::format(RedisValue::string("abcdefgh"), limits),
             QStringLiteral("\"abcd\"... (4 more bytes not shown)"));
    const RedisValue::List three{RedisValue::integer(1), RedisValue::integer(2),
                                 RedisValue::integer(3)};
    const RedisValue array = RedisValue::array(three);
    QCOMPARE(ReplyFormatter::format(array, limits),
             QStringLiteral("1) (integer) 1\n2) (integer) 2\n... (1 more elements not shown)"));
}

// INFO, CLIENT LIST and the other text replies redis-cli prints raw: lines, no quotes, no
// CR; any other bulk string keeps redis-cli's quoting even when it holds line breaks.
void TstReplyFormatter::textRepliesPrintAsLines()
{
    const RedisValue info = RedisValue::string("# Server\r\nredis_version:7.0.15\r\nos:Linux\r\n");
    QCOMPARE(ReplyFormatter::formatReply({"INFO"}, info),
             QStringLiteral("# Server\nredis_version:7.0.15\nos:Linux"));
    QCOMPARE(ReplyFormatter::formatReply({"info", "server"}, info),
             QStringLiteral("# Server\nredis_version:7.0.15\nos:Linux"));
    const RedisValue clients =
        RedisValue::string("id=3 addr=127.0.0.1:5000 name=a\nid=4 addr=127.0.0.1:5001 name=b\n");
    QCOMPARE(ReplyFormatter::formatReply({"client", "list"}, clients),
             QStringLiteral("id=3 addr=127.0.0.1:5000 name=a\nid=4 addr=127.0.0.1:5001 name=b"));
    QVERIFY(ReplyFormatter::printsRaw({"CLUSTER", "NODES"}));
    QVERIFY(ReplyFormatter::printsRaw({"memory", "doctor"}));
    QVERIFY(ReplyFormatter::printsRaw({"LATENCY", "DOCTOR"}));
    QVERIFY(!ReplyFormatter::printsRaw({"CLIENT", "ID"}));
    QVERIFY(!ReplyFormatter::printsRaw({"GET", "info"}));
    QCOMPARE(ReplyFormatter::formatReply({"GET", "k"}, RedisValue::string("a\nb")),
             QStringLiteral("\"a\\nb\""));
    // Errors and integers keep their marks whatever the command.
    QCOMPARE(ReplyFormatter::formatReply({"INFO"}, RedisValue::error(QByteArray("ERR x"))),
             QStringLiteral("(error) ERR x"));
    // A RESP3 verbatim string (INFO under HELLO 3) prints as lines too.
    QCOMPARE(ReplyFormatter::formatReply({"INFO"}, RedisValue::verbatim("txt", "a:1\r\nb:2\r\n")),
             QStringLiteral("a:1\nb:2"));
    ReplyFormatter::Limits limits;
    limits.maxStringBytes = 6;
    QCOMPARE(ReplyFormatter::formatReply({"INFO"}, info, limits),
             QStringLiteral("# Serv\n... (36 more bytes not shown)"));
}

// Arrays inside arrays: "1) 1) ...", continuation lines under their parent's prefix, and
// every RESP type marked as redis-cli marks it.
void TstReplyFormatter::nestedRepliesAreNumberedAndTyped()
{
    const RedisValue value = RedisValue::array({
        RedisValue::array({RedisValue::integer(1), RedisValue::nil(), RedisValue::string("x")}),
        RedisValue::array({}),
        RedisValue::error(QByteArray("ERR inner")),
        RedisValue::status("OK"),
    });
    QCOMPARE(ReplyFormatter::formatReply({"EVAL", "..."}, value),
             QStringLiteral("1) 1) (integer) 1\n"
                            "   2) (nil)\n"
                            "   3) \"x\"\n"
                            "2) (empty array)\n"
                            "3) (error) ERR inner\n"
                            "4) OK"));
}

QTEST_APPLESS_MAIN(TstReplyFormatter)
#include "tst_reply_formatter.moc"
