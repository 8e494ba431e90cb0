// Optimistic writes against a real server (redis-server and the Local engine, BOTH_BACKENDS).
// First the service layer's transaction (connection/transaction.h): WATCH, reads, MULTI ...
// EXEC on a connection of its own; a second client that writes the watched key between the
// reads and the EXEC makes EXEC answer nil (Aborted, nothing written); a declined plan leaves
// no watch behind; the channel is its own client, in the shared connection's database, and
// dies with its receiver. Then ValueService's edits of every kind: a hash field, a list
// element by index, a set member replaced, a sorted set member and score, a whole string and
// byte patches of a big string. Each is written cleanly when nobody touched it, reports
// Changed (with what the server holds now) or Gone when a second client changed it between
// the read and the save, and writes with force.
#include "connection/redis_connection.h"
#include "connection/transaction.h"
#include "redis_test_client.h"
#include "test_backend.h"
#include "values/value_service.h"

#include <QPointer>
#include <QTest>

#include <optional>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestBackend;

namespace {

// The protected transaction() of Service, for the test.
class TransactionService : public Service
{
public:
    using Service::Service;
    using Service::transaction;
};

template <typename T> struct Answer
{
    std::optional<Result<T>> result;
    bool ready() const { return result.has_value(); }
    const T &value() const { return result->value; }
};

} // namespace

class TstValueTransactions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void transactionCommitsWhenNothingChanged();
    void writeBetweenWatchAndExecAbortsTheTransaction();
    void declinedPlanLeavesNoWatchBehind();
    void transactionRunsOnItsOwnConnectionInTheSharedDatabase();
    void destroyedReceiverIsNeverCalledBack();
    void hashFieldEdit();
    void listElementEditChecksTheIndex();
    void setMemberReplace();
    void sortedSetMemberAndScore();
    void stringReplace();
    void stringPatchesAreByteExact();
    void listRemovalChecksPositionsInOneTransaction();

private:
    Result<EditOutcome> edit(KeyType type, const ElementEdit &edit, bool force = false);
    std::string run(const std::vector<std::string> &args) { return m_client->run(args); }

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<QObject> m_receiver;
};

void TstValueTransactions::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = m_server->client();
    QVERIFY(m_client->connected());
    m_connection = m_server->connectReady();
    QVERIFY2(m_connection, "the app's connection never became Ready");
}

void TstValueTransactions::cleanupTestCase()
{
    m_receiver.reset();
    m_connection.reset();
}

void TstValueTransactions::init()
{
    run({"FLUSHALL"});
    m_receiver = std::make_unique<QObject>();
}

void TstValueTransactions::transactionCommitsWhenNothingChanged()
{
    run({"SET", "tx:k", "v1"});
    TransactionService service(m_connection.get());
    TransactionPlan plan;
    plan.watch = {"tx:k"};
    plan.reads = {{"GET", "tx:k"}};
    QByteArray seen;
    plan.decide = [&seen](const QList<RedisValue> &reads) -> std::optional<QList<Command>> {
        seen = reads.value(0).bytes();
        return QList<Command>{{"SET", "tx:k", "v2"}, {"INCR", "tx:n"}};
    };
    Answer<TransactionOutcome> answer;
    service.transaction("tx:k", plan, m_receiver.get(),
                        [&](const Result<TransactionOutcome> &r) { answer.result = r; });
    QTRY_VERIFY(answer.ready());
    QVERIFY2(answer.result->ok(), qPrintable(answer.result->error));
    QCOMPARE(answer.value().kind, TransactionOutcome::Kind::Committed);
    QCOMPARE(seen, QByteArray("v1"));
    QCOMPARE(answer.value().results.size(), 2);
    QCOMPARE(answer.value().results.at(1).toInteger(), 1);
    QCOMPARE(run({"GET", "tx:k"}), std::string("$v2"));
}

void TstValueTransactions::writeBetweenWatchAndExecAbortsTheTransaction()
{
    run({"SET", "tx:k", "v1"});
    TransactionService service(m_connection.get());
    TransactionPlan plan;
    plan.watch = {"tx:k"};
    plan.reads = {{"GET", "tx:k"}};
    // The reads are back, the key is watched: another client writes it now, before MULTI.
    plan.decide = [this](const QList<RedisValue> &) -> std::optional<QList<Command>> {
        run({"SET", "tx:k", "theirs"});
        return QList<Command>{{"SET", "tx:k", "mine"}};
    };
    Answer<TransactionOutcome> answer;
    service.transaction("tx:k", plan, m_receiver.get(),
                        [&](const Result<TransactionOutcome> &r) { answer.result = r; });
    QTRY_VERIFY(answer.ready());
    QVERIFY2(answer.result->ok(), qPrintable(answer.result->error));
    QCOMPARE(answer.value().kind, TransactionOutcome::Kind::Aborted);
    QCOMPARE(run({"GET", "tx:k"}), std::string("$theirs")); // nothing of ours written

    // The same channel goes on cleanly: the next plan commits.
    plan.decide = [](const QList<RedisValue> &) -> std::optional<QList<Command>> {
        return QList<Command>{{"SET", "tx:k", "mine"}};
    };
    answer.result.reset();
    service.transaction("tx:k", plan, m_receiver.get(),
                        [&](const Result<TransactionOutcome> &r) { answer.result = r; });
    QTRY_VERIFY(answer.ready());
    QCOMPARE(answer.value().kind, TransactionOutcome::Kind::Committed);
    QCOMPARE(run({"GET", "tx:k"}), std::string("$mine"));
}

void TstValueTransactions::declinedPlanLeavesNoWatchBehind()
{
    run({"SET", "tx:a", "1"});
    TransactionService service(m_connection.get());
    TransactionPlan decline;
    decline.watch = {"tx:a"};
    decline.reads = {{"GET", "tx:a"}};
    decline.decide = [](const QList<RedisValue> &) { return std::nullopt; };
    Answer<TransactionOutcome> answer;
    service.transaction("tx:a", decline, m_receiver.get(),
                        [&](const Result<TransactionOutcome> &r) { answer.result = r; });
    QTRY_VERIFY(answer.ready());
    QCOMPARE(answer.value().kind, TransactionOutcome::Kind::Declined);
    QCOMPARE(answer.value().reads.value(0).bytes(), QByteArray("1"));
    // tx:a changes now; a plan on tx:b must not be aborted by the old watch on tx:a.
    run({"SET", "tx:a", "2"});
    TransactionPlan other;
    other.watch = {"tx:b"};
    other.decide = [](const QList<RedisValue> &) -> std::optional<QList<Command>> {
        return QList<Command>{{"SET", "tx:b", "x"}};
    };
    answer.result.reset();
    service.transaction("tx:b", other, m_receiver.get(),
                        [&](const Result<TransactionOutcome> &r) { answer.result = r; });
    QTRY_VERIFY(answer.ready());
    QCOMPARE(answer.value().kind, TransactionOutcome::Kind::Committed);
    QCOMPARE(run({"GET", "tx:b"}), std::string("$x"));
}

void TstValueTransactions::transactionRunsOnItsOwnConnectionInTheSharedDatabase()
{
    // The shared connection moves to database 3: the transaction follows it there.
    bool selected = false;
    m_connection->send({"SELECT", "3"}, [&](const RedisValue &) { selected = true; });
    QTRY_VERIFY(selected);
    TransactionService service(m_connection.get());
    TransactionPlan plan;
    plan.watch = {"tx:db"};
    plan.reads = {{"CLIENT", "GETNAME"}};
    QByteArray name;
    plan.decide = [&name](const QList<RedisValue> &reads) -> std::optional<QList<Command>> {
        name = reads.value(0).bytes();
        return QList<Command>{{"SET", "tx:db", "three"}};
    };
    Answer<TransactionOutcome> answer;
    service.transaction("tx:db", plan, m_receiver.get(),
                        [&](const Result<TransactionOutcome> &r) { answer.result = r; });
    QTRY_VERIFY(answer.ready());
    QCOMPARE(answer.value().kind, TransactionOutcome::Kind::Committed);
    QCOMPARE(name, QByteArray("redscope:transaction"));
    QCOMPARE(run({"GET", "tx:db"}), std::string("(nil)"));
    run({"SELECT", "3"});
    QCOMPARE(run({"GET", "tx:db"}), std::string("$three"));
    run({"FLUSHALL"});
    run({"SELECT", "0"});
    selected = false;
    m_connection->send({"SELECT", "0"}, [&](const RedisValue &) { selected = true; });
    QTRY_VERIFY(selected);
}

void TstValueTransactions::destroyedReceiverIsNeverCalledBack()
{
    run({"SET", "tx:k", "v"});
    TransactionService service(m_connection.get());
    TransactionPlan plan;
    plan.watch = {"tx:k"};
    plan.reads = {{"GET", "tx:k"}};
    plan.decide = [](const QList<RedisValue> &) -> std::optional<QList<Command>> {
        return QList<Command>{{"SET", "tx:k", "late"}};
    };
    bool called = false;
    auto *receiver = new QObject;
    service.transaction("tx:k", plan, receiver,
                        [&](const Result<TransactionOutcome> &) { called = true; });
    delete receiver; // its scope, channel and connection with it
    QTest::qWait(300);
    QVERIFY(!called);
    QCOMPARE(run({"GET", "tx:k"}), std::string("$v"));
}

Result<EditOutcome> TstValueTransactions::edit(KeyType type, const ElementEdit &change, bool force)
{
    ValueService values(m_connection.get());
    std::optional<Result<EditOutcome>> out;
    values.editElement("e:key", type, change, force, m_receiver.get(),
                       [&](const Result<EditOutcome> &r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
        return Result<EditOutcome>::failure(QStringLiteral("no answer"));
    return *out;
}

void TstValueTransactions::hashFieldEdit()
{
    run({"HSET", "e:key", "f", "v1", "g", "other"});
    // Nobody touched it: written.
    Result<EditOutcome> r = edit(KeyType::Hash, {-1, "f", "v1", "f", "v2"});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"HGET", "e:key", "f"}), std::string("$v2"));
    // Another field changed meanwhile: not this element, written.
    run({"HSET", "e:key", "g", "changed"});
    r = edit(KeyType::Hash, {-1, "f", "v2", "f", "v3"});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Written);
    // A second client changed the field between the read ("v3") and the save.
    run({"HSET", "e:key", "f", "theirs"});
    r = edit(KeyType::Hash, {-1, "f", "v3", "f", "mine"});
    QVERIFY(r.ok());
    QCOMPARE(r.value.kind, EditOutcome::Kind::Changed);
    QCOMPARE(r.value.current, QByteArray("theirs"));
    QCOMPARE(run({"HGET", "e:key", "f"}), std::string("$theirs"));
    // Overwrite.
    r = edit(KeyType::Hash, {-1, "f", "v3", "f", "mine"}, true);
    QCOMPARE(r.value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"HGET", "e:key", "f"}), std::string("$mine"));
    // Renamed field: HSET new + HDEL old in one transaction.
    r = edit(KeyType::Hash, {-1, "f", "mine", "f2", "mine"});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"HEXISTS", "e:key", "f"}), std::string(":0"));
    QCOMPARE(run({"HGET", "e:key", "f2"}), std::string("$mine"));
    // The field was deleted by the second client: Gone.
    run({"HDEL", "e:key", "f2"});
    r = edit(KeyType::Hash, {-1, "f2", "mine", "f2", "x"});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Gone);
    QCOMPARE(run({"HEXISTS", "e:key", "f2"}), std::string(":0"));
}

void TstValueTransactions::listElementEditChecksTheIndex()
{
    run({"RPUSH", "e:key", "a", "b", "c"});
    Result<EditOutcome> r = edit(KeyType::List, {1, "b", {}, "B", {}});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"LINDEX", "e:key", "1"}), std::string("$B"));
    // A second client pushes at the head: index 1 now holds "a", not the "B" that was read.
    run({"LPUSH", "e:key", "z"});
    r = edit(KeyType::List, {1, "B", {}, "mine", {}});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Changed);
    QCOMPARE(r.value.current, QByteArray("a"));
    QCOMPARE(run({"LRANGE", "e:key", "0", "-1"}), std::string("*[$z,$a,$B,$c]"));
    // The list shrank below the index: Gone.
    run({"LTRIM", "e:key", "0", "0"});
    r = edit(KeyType::List, {2, "B", {}, "mine", {}});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Gone);
}

void TstValueTransactions::setMemberReplace()
{
    run({"SADD", "e:key", "old", "keep"});
    Result<EditOutcome> r = edit(KeyType::Set, {-1, "old", {}, "new", {}});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"SISMEMBER", "e:key", "old"}), std::string(":0"));
    QCOMPARE(run({"SISMEMBER", "e:key", "new"}), std::string(":1"));
    // The member was removed by the second client meanwhile: Gone, nothing added.
    run({"SREM", "e:key", "new"});
    r = edit(KeyType::Set, {-1, "new", {}, "newer", {}});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Gone);
    QCOMPARE(run({"SISMEMBER", "e:key", "newer"}), std::string(":0"));
    QCOMPARE(run({"SCARD", "e:key"}), std::string(":1"));
}

void TstValueTransactions::sortedSetMemberAndScore()
{
    run({"ZADD", "e:key", "1.5", "m", "3", "n"});
    Result<EditOutcome> r = edit(KeyType::SortedSet, {-1, "m", "1.5", "m", "2.25"});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"ZSCORE", "e:key", "m"}), std::string("$2.25"));
    // Score changed by the second client.
    run({"ZADD", "e:key", "5", "m"});
    r = edit(KeyType::SortedSet, {-1, "m", "2.25", "m", "7"});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Changed);
    QCOMPARE(r.value.current, QByteArray("5"));
    QCOMPARE(run({"ZSCORE", "e:key", "m"}), std::string("$5"));
    // Renamed member and a new score, against what is there now.
    r = edit(KeyType::SortedSet, {-1, "m", "5", "m2", "8"});
    QCOMPARE(r.value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"ZSCORE", "e:key", "m"}), std::string("(nil)"));
    QCOMPARE(run({"ZSCORE", "e:key", "m2"}), std::string("$8"));
}

void TstValueTransactions::stringReplace()
{
    ValueService values(m_connection.get());
    std::optional<Result<EditOutcome>> out;
    const auto replace = [&](const QByteArray &seen, const QByteArray &value, bool force) {
        out.reset();
        values.replaceString("s:key", seen, value, force, m_receiver.get(),
                             [&](const Result<EditOutcome> &r) { out = r; });
        return QTest::qWaitFor([&] { return out.has_value(); }, 10000);
    };
    run({"SET", "s:key", "read", "EX", "1000"});
    QVERIFY(replace("read", "mine", false));
    QCOMPARE(out->value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"GET", "s:key"}), std::string("$mine"));
    QVERIFY(std::stoi(run({"TTL", "s:key"}).substr(1)) > 900); // KEEPTTL
    run({"SET", "s:key", "theirs"});
    QVERIFY(replace("mine", "again", false));
    QCOMPARE(out->value.kind, EditOutcome::Kind::Changed);
    QCOMPARE(out->value.current, QByteArray("theirs"));
    QCOMPARE(run({"GET", "s:key"}), std::string("$theirs"));
    QVERIFY(replace("mine", "again", true));
    QCOMPARE(out->value.kind, EditOutcome::Kind::Written);
    QCOMPARE(run({"GET", "s:key"}), std::string("$again"));
    run({"DEL", "s:key"});
    QVERIFY(replace("again", "x", false));
    QCOMPARE(out->value.kind, EditOutcome::Kind::Gone);
    QCOMPARE(run({"EXISTS", "s:key"}), std::string(":0"));
}

void TstValueTransactions::stringPatchesAreByteExact()
{
    // 600 KB of every byte value: patches at the start, across a 64 KB page boundary and at
    // the very end are written with SETRANGE, and nothing else moves.
    QByteArray value(600 * 1024, '\0');
    for (qsizetype i = 0; i < value.size(); ++i)
        value[i] = char((i * 7 + i / 256) & 0xff);
    RedisTestClient::Reply set =
        m_client->command({"SET", "p:key", std::string(value.constData(), size_t(value.size()))});
    QVERIFY(set);
    const QList<BytePatch> patches{
        {0, value.mid(0, 3), QByteArray("\x00\xff\x10", 3)},
        {65534, value.mid(65534, 4), QByteArray("\xde\xad\xbe\xef", 4)},
        {value.size() - 1, value.right(1), QByteArray("\x7f", 1)},
    };
    ValueService values(m_connection.get());
    std::optional<Result<EditOutcome>> out;
    values.patchString("p:key", patches, false, m_receiver.get(),
                       [&](const Result<EditOutcome> &r) { out = r; });
    QTRY_VERIFY(out.has_value());
    QVERIFY2(out->ok(), qPrintable(out->error));
    QCOMPARE(out->value.kind, EditOutcome::Kind::Written);
    QByteArray expected = value;
    for (const BytePatch &patch : patches)
        expected.replace(patch.offset, patch.after.size(), patch.after);
    const auto server = [this] {
        RedisTestClient::Reply reply = m_client->command({"GET", "p:key"});
        return reply ? QByteArray(reply->str, qsizetype(reply->len)) : QByteArray();
    };
    QCOMPARE(server().size(), expected.size());
    QVERIFY(server() == expected);

    // A second client changes a byte outside the patches: the next patch is still written,
    // and their byte stays.
    run({"SETRANGE", "p:key", "1000", "Q"});
    expected[1000] = 'Q';
    out.reset();
    const QList<BytePatch> more{{2000, expected.mid(2000, 2), "ok"}};
    values.patchString("p:key", more, false, m_receiver.get(),
                       [&](const Result<EditOutcome> &r) { out = r; });
    QTRY_VERIFY(out.has_value());
    QCOMPARE(out->value.kind, EditOutcome::Kind::Written);
    expected.replace(2000, 2, "ok");
    QVERIFY(server() == expected);

    // Inside a patched range: Changed at that range, nothing written (not even the first
    // patch, whose bytes are still as read).
    const QList<BytePatch> raced{{0, expected.mid(0, 3), "abc"},
                                 {65534, expected.mid(65534, 4), "wxyz"}};
    run({"SETRANGE", "p:key", "65535", "X"});
    expected[65535] = 'X';
    out.reset();
    values.patchString("p:key", raced, false, m_receiver.get(),
                       [&](const Result<EditOutcome> &r) { out = r; });
    QTRY_VERIFY(out.has_value());
    QCOMPARE(out->value.kind, EditOutcome::Kind::Changed);
    QCOMPARE(out->value.offset, qint64(65534));
    QCOMPARE(out->value.current, expected.mid(65534, 4));
    QVERIFY(server() == expected);
}

void TstValueTransactions::listRemovalChecksPositionsInOneTransaction()
{
    run({"RPUSH", "e:key", "a", "b", "c", "d"});
    ValueService values(m_connection.get());
    std::optional<Status> out;
    values.removeElements("e:key", KeyType::List, {1, 3}, {"b", "d"}, m_receiver.get(),
                          [&](const Status &s) { out = s; });
    QTRY_VERIFY(out.has_value());
    QVERIFY2(out->ok(), qPrintable(out->error));
    QCOMPARE(run({"LRANGE", "e:key", "0", "-1"}), std::string("*[$a,$c]"));
    run({"LPUSH", "e:key", "z"}); // shifts: position 1 is "a" now
    out.reset();
    values.removeElements("e:key", KeyType::List, {1}, {"c"}, m_receiver.get(),
                          [&](const Status &s) { out = s; });
    QTRY_VERIFY(out.has_value());
    QVERIFY(!out->ok());
    QCOMPARE(run({"LRANGE", "e:key", "0", "-1"}), std::string("*[$z,$a,$c]"));
}

QTEST_MAIN(TstValueTransactions)
#include "tst_value_transactions.moc"
