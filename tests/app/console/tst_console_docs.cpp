// The console's syntax hint and argument completion, offscreen against Debian's redis-server
// and redscope-server (data-driven, same checks on both): typing SET shows the syntax built
// from COMMAND DOCS, option tokens complete with Tab and drop out once used, subcommands of
// a container are offered, and CLIENT KILL (whose docs are nested deeper than hiredis 0.14
// can parse) still gets a hint through the COMMAND INFO fallback. The console's own
// connection is never dropped, and the docs connection closes when idle. Also the pure
// parts: syntax rendering and token lists from a hand-built reply.
#include "connection/redis_connection.h"
#include "console/command_docs.h"
#include "console/command_docs_provider.h"
#include "console/console_completion_model.h"
#include "console/console_panel.h"
#include "test_server.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QCompleter>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;
using redscope::test::TestServer;

class TstConsoleDocs : public QObject
{
    Q_OBJECT

private slots:
    void syntaxFromReply();
    void argumentBeingTyped();
    void hintsAndTokens_data();
    void hintsAndTokens();

private:
    static RedisValue s(const char *text) { return RedisValue::string(text); }
};

// The SET docs as Redis 7 sends them in RESP2 (flattened maps), trimmed to what matters.
void TstConsoleDocs::syntaxFromReply()
{
    auto token = [](const char *name, const char *tok) {
        return RedisValue::array(
            {s("name"), s(name), s("type"), s("pure-token"), s("token"), s(tok)});
    };
    const RedisValue condition =
        RedisValue::array({s("name"), s("condition"), s("type"), s("oneof"), s("flags"),
                           RedisValue::array({RedisValue::status("optional")}), s("arguments"),
                           RedisValue::array({token("nx", "NX"), token("xx", "XX")})});
    const RedisValue seconds =
        RedisValue::array({s("name"), s("seconds"), s("type"), s("integer"), s("token"), s("EX")});
    const RedisValue expiration =
        RedisValue::array({s("name"), s("expiration"), s("type"), s("oneof"), s("flags"),
                           RedisValue::array({RedisValue::status("optional")}), s("arguments"),
                           RedisValue::array({seconds, token("keepttl", "KEEPTTL")})});
    const RedisValue key = RedisValue::array(
        {s("name"), s("key"), s("type"), s("key"), s("key_spec_index"), RedisValue::integer(0)});
    const RedisValue value = RedisValue::array({s("name"), s("value"), s("type"), s("string")});
    const RedisValue docs =
        RedisValue::array({s("summary"), s("Set the string value of a key"), s("arguments"),
                           RedisValue::array({key, value, condition, expiration})});
    const QHash<QString, CommandDoc> parsed =
        CommandDocs::parseDocs(RedisValue::array({s("set"), docs}));
    QVERIFY(parsed.contains(QStringLiteral("set")));
    const CommandDoc &set = parsed[QStringLiteral("set")];
    QCOMPARE(CommandDocs::syntax(set),
             QStringLiteral("SET key value [NX | XX] [EX seconds | KEEPTTL]"));
    QCOMPARE(CommandDocs::tokens(set), (QStringList{"NX", "XX", "EX", "KEEPTTL"}));
    QCOMPARE(CommandDocs::tokens(set, {"k", "v", "nx"}), (QStringList{"XX", "EX", "KEEPTTL"}));

    // Repeating arguments, required oneof with a token, and multiple_token.
    CommandArgument element;
    element.name = QStringLiteral("element");
    element.type = QStringLiteral("string");
    element.multiple = true;
    QCOMPARE(CommandDocs::argumentSyntax(element), QStringLiteral("element [element ...]"));
    CommandArgument prefix;
    prefix.name = QStringLiteral("prefix");
    prefix.type = QStringLiteral("string");
    prefix.token = QStringLiteral("PREFIX");
    prefix.optional = prefix.multiple = prefix.multipleToken = true;
    QCOMPARE(CommandDocs::argumentSyntax(prefix),
             QStringLiteral("[PREFIX prefix [PREFIX prefix ...]]"));
    CommandDoc tracking;
    tracking.name = QStringLiteral("CLIENT TRACKING");
    tracking.arguments = {prefix};
    QCOMPARE(CommandDocs::tokens(tracking, {"PREFIX", "a"}), QStringList{"PREFIX"});

    // The COMMAND INFO fallback: arity only.
    const RedisValue info =
        RedisValue::array({RedisValue::array({s("client|kill"), RedisValue::integer(-3),
                                              RedisValue::array({RedisValue::status("admin")})})});
    const QHash<QString, CommandDoc> fromInfo = CommandDocs::parseInfo(info);
    QVERIFY(fromInfo.contains(QStringLiteral("client|kill")));
    QCOMPARE(CommandDocs::syntax(fromInfo[QStringLiteral("client|kill")]),
             QStringLiteral("CLIENT KILL (at least 1 argument)"));
}

// Which argument of SET key value [NX | XX] [EX seconds | KEEPTTL] [LIMIT offset count] the
// word under the cursor fills: positional words in order, tokens wherever they appear, a
// token's values after it, and a token still being typed by its prefix.
void TstConsoleDocs::argumentBeingTyped()
{
    auto plain = [](const char *name, const char *type = "string") {
        CommandArgument a;
        a.name = QLatin1String(name);
        a.type = QLatin1String(type);
        return a;
    };
    auto token = [](const char *tok) {
        CommandArgument a;
        a.name = QLatin1String(tok).toString().toLower();
        a.type = QStringLiteral("pure-token");
        a.token = QLatin1String(tok);
        return a;
    };
    CommandArgument condition = plain("condition", "oneof");
    condition.optional = true;
    condition.arguments = {token("NX"), token("XX")};
    CommandArgument seconds = plain("seconds", "integer");
    seconds.token = QStringLiteral("EX");
    CommandArgument expiration = plain("expiration", "oneof");
    expiration.optional = true;
    expiration.arguments = {seconds, token("KEEPTTL")};
    CommandArgument limit = plain("limit", "block");
    limit.token = QStringLiteral("LIMIT");
    limit.optional = true;
    limit.arguments = {plain("offset", "integer"), plain("count", "integer")};
    CommandDoc set;
    set.name = QStringLiteral("SET");
    set.arguments = {plain("key", "key"), plain("value"), condition, expiration, limit};

    using CommandDocs::argumentAt;
    QCOMPARE(argumentAt(set, {}, true), 0);               // "SET |": the key comes next
    QCOMPARE(argumentAt(set, {"k"}, false), 0);           // "SET k|"
    QCOMPARE(argumentAt(set, {"k"}, true), 1);            // "SET k |"
    QCOMPARE(argumentAt(set, {"k", "v"}, false), 1);      // "SET k v|"
    QCOMPARE(argumentAt(set, {"k", "v", "x"}, false), 2); // "XX" being typed
    QCOMPARE(argumentAt(set, {"k", "v", "ex"}, false), 3);
    QCOMPARE(argumentAt(set, {"k", "v", "EX"}, true), 3); // EX's seconds come next
    QCOMPARE(argumentAt(set, {"k", "v", "EX", "10"}, false), 3);
    QCOMPARE(argumentAt(set, {"k", "v", "KEEPTTL", "NX"}, false), 2); // tokens in any order
    QCOMPARE(argumentAt(set, {"k", "v", "LIMIT", "0"}, false), 4);
    QCOMPARE(argumentAt(set, {"k", "v", "LIMIT", "0", "5"}, false), 4);
    QCOMPARE(argumentAt(set, {"k", "v", "LIMIT", "0", "5", "extra"}, false), -1);
    CommandDoc info; // COMMAND INFO fallback: no tree, nothing to highlight
    info.name = QStringLiteral("CLIENT KILL");
    info.fromDocs = false;
    QCOMPARE(argumentAt(info, {"a"}, false), -1);
}

void TstConsoleDocs::hintsAndTokens_data()
{
    QTest::addColumn<bool>("engine");
    QTest::newRow("redis-server") << false;
    QTest::newRow("redscope-server") << true;
}

void TstConsoleDocs::hintsAndTokens()
{
    QFETCH(bool, engine);
    auto server = engine ? TestServer::startRedscope() : TestServer::startRedis();
    QVERIFY2(server->ok(), server->error().c_str());
    ConnectionSettings settings;
    settings.name = QStringLiteral("test");
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    int stateChanges = 0;
    connect(&connection, &RedisConnection::stateChanged, this, [&] { ++stateChanges; });

    ConsolePanel console(&connection);
    QAbstractItemModelTester completionTester(console.completionModel());
    console.resize(900, 500);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    console.docsProvider()->setIdleTimeout(300);
    QTRY_VERIFY_WITH_TIMEOUT(console.completions().contains(QStringLiteral("ZRANGE")), 5000);
    auto *input = console.findChild<QLineEdit *>(QStringLiteral("consoleInput"));
    QVERIFY(input);
    input->setFocus();

    // The completion popup's rows carry each command's summary, fetched for the candidates.
    QTest::keyClicks(input, QStringLiteral("getd"));
    QTRY_VERIFY_WITH_TIMEOUT(
        console.completionModel()
            ->index(int(console.currentCompletions().indexOf(QStringLiteral("GETDEL"))))
            .data(ConsoleCompletionModel::SummaryRole)
            .toString()
            .contains(QLatin1String("delet"), Qt::CaseInsensitive),
        5000);
    input->clear();

    QTest::keyClicks(input, QStringLiteral("set k"));
    QTRY_COMPARE_WITH_TIMEOUT(console.highlightedArgument(), QStringLiteral("key"), 5000);
    QTest::keyClicks(input, QStringLiteral(" v "));
    QTRY_VERIFY_WITH_TIMEOUT(!console.syntaxHint().isEmpty(), 5000);
    QVERIFY2(console.syntaxHint().startsWith(
                 QStringLiteral("SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | "
                                "EXAT unix-time-seconds | PXAT unix-time-milliseconds | "
                                "KEEPTTL]")),
             qPrintable(console.syntaxHint()));
    for (const char *token : {"NX", "XX", "GET", "EX", "PX", "KEEPTTL"})
        QVERIFY2(console.currentCompletions().contains(QLatin1String(token)), token);
    QCOMPARE(console.highlightedArgument(), QStringLiteral("[NX | XX]")); // what comes next
    QTest::keyClicks(input, QStringLiteral("k"));
    QCOMPARE(console.highlightedArgument(), // KEEPTTL being typed
             QStringLiteral("[EX seconds | PX milliseconds | EXAT unix-time-seconds | "
                            "PXAT unix-time-milliseconds | KEEPTTL]"));
    QTest::keyClick(input, Qt::Key_Tab);
    QCOMPARE(input->text(), QStringLiteral("set k v KEEPTTL "));
    QVERIFY(!console.currentCompletions().contains(QStringLiteral("KEEPTTL")));
    QVERIFY(console.currentCompletions().contains(QStringLiteral("NX")));
    input->clear();

    QTest::keyClicks(input, QStringLiteral("zrange z 0 -1 with"));
    QTRY_VERIFY_WITH_TIMEOUT(console.syntaxHint().startsWith(QStringLiteral("ZRANGE key")), 5000);
    QVERIFY(console.currentCompletions().contains(QStringLiteral("BYSCORE")));
    QVERIFY(console.currentCompletions().contains(QStringLiteral("LIMIT")));
    QTest::keyClick(input, Qt::Key_Tab);
    QCOMPARE(input->text(), QStringLiteral("zrange z 0 -1 WITHSCORES "));
    input->clear();

    // A container: its subcommands complete; CONFIG GET has its own hint.
    QTest::keyClicks(input, QStringLiteral("config "));
    QTRY_VERIFY_WITH_TIMEOUT(console.currentCompletions().contains(QStringLiteral("GET")), 5000);
    QVERIFY(console.currentCompletions().contains(QStringLiteral("SET")));
    QTest::keyClicks(input, QStringLiteral("get "));
    QTRY_VERIFY_WITH_TIMEOUT(
        console.syntaxHint().startsWith(QStringLiteral("CONFIG GET parameter [parameter ...]")),
        5000);
    input->clear();

    // CLIENT KILL's docs are too deep for hiredis 0.14 (on both servers): the docs
    // connection breaks, COMMAND INFO answers instead, and the console's connection is fine.
    QTest::keyClicks(input, QStringLiteral("client kill "));
    QTRY_VERIFY_WITH_TIMEOUT(console.syntaxHint().startsWith(QStringLiteral("CLIENT KILL")), 8000);
    QVERIFY2(console.docsProvider()->fellBack().contains(QStringLiteral("client|kill")),
             qPrintable(console.docsProvider()->fellBack().join(QLatin1Char(' '))));
    input->clear();

    // Multi-line results print like redis-cli, one numbered line per element.
    QTest::keyClicks(input, QStringLiteral("rpush list a b c"));
    input->completer()->popup()->hide(); // an open popup takes Return for itself
    QTest::keyClick(input, Qt::Key_Return);
    QTest::keyClicks(input, QStringLiteral("lrange list 0 -1"));
    input->completer()->popup()->hide();
    QTest::keyClick(input, Qt::Key_Return);
    auto *output = console.findChild<QPlainTextEdit *>(QStringLiteral("consoleOutput"));
    QTRY_VERIFY_WITH_TIMEOUT(
        output->toPlainText().endsWith(QStringLiteral("1) \"a\"\n2) \"b\"\n3) \"c\"")), 5000);

    // INFO and CLIENT LIST print as lines, as redis-cli prints them.
    QTest::keyClicks(input, QStringLiteral("info server"));
    input->completer()->popup()->hide();
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().contains(QStringLiteral("\n# Server\n")), 5000);
    QVERIFY(output->toPlainText().contains(QStringLiteral("\nredis_version:")));
    QVERIFY(!output->toPlainText().contains(QStringLiteral("\\r\\n")));
    QTest::keyClicks(input, QStringLiteral("client list"));
    input->completer()->popup()->hide();
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().contains(QRegularExpression(
                                 QStringLiteral("client list\n(id=\\d+ addr=[^\n]*\n)*id=\\d+ "))),
                             5000);

    // EVAL and FCALL have hints; --eval runs a script file as redis-cli does.
    QTest::keyClicks(input, QStringLiteral("eval "));
    QTRY_VERIFY_WITH_TIMEOUT(console.syntaxHint().startsWith(QStringLiteral("EVAL script numkeys")),
                             5000);
    input->clear();
    QTest::keyClicks(input, QStringLiteral("fcall "));
    QTRY_VERIFY_WITH_TIMEOUT(
        console.syntaxHint().startsWith(QStringLiteral("FCALL function numkeys")), 5000);
    input->clear();
    QTemporaryDir scripts;
    QFile script(scripts.filePath(QStringLiteral("pair.lua")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("redis.call('SET', KEYS[1], ARGV[1])\n"
                 "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], redis.call('GET', KEYS[1])}\n");
    script.close();
    input->setText(QStringLiteral("--eval %1 k1 k2 , v1 v2").arg(script.fileName()));
    input->completer()->popup()->hide();
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().endsWith(QStringLiteral(
                                 "1) \"k1\"\n2) \"k2\"\n3) \"v1\"\n4) \"v2\"\n5) \"v1\"")),
                             5000);
    input->setText(QStringLiteral("--eval %1 k").arg(scripts.filePath(QStringLiteral("none.lua"))));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().contains(QStringLiteral("(error) cannot read ")),
                             5000);
    QVERIFY(output->toPlainText().contains(QStringLiteral("none.lua")));

    QCOMPARE(stateChanges, 0);
    QCOMPARE(connection.state(), RedisConnection::State::Ready);
    QTRY_VERIFY_WITH_TIMEOUT(!console.docsProvider()->hasConnection(), 5000);
}

QTEST_MAIN(TstConsoleDocs)
#include "tst_console_docs.moc"
