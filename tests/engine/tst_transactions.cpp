// MULTI/EXEC/DISCARD/WATCH against real servers: each scenario runs on redscope-server and
// on Debian's redis-server and the transcripts must match, including the error texts,
// EXECABORT after a rejected command, runtime errors inside the EXEC array, a second client
// invalidating a WATCH, and Redis 7.0's rule that a watched key expiring aborts EXEC.
#include "side_by_side.h"

#include <QtTest>

#include <thread>

using redscope::test::RedisTestClient;
using redscope::test::ServerPair;
using redscope::test::TestServer;

class TestTransactions : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair; // servers only: the scenarios open their own connections

    // Runs `scenario` on both servers and compares the transcripts it returns (same
    // length, same text, no I/O error or timeout on our side).
    template <typename Scenario> void compareBoth(Scenario scenario)
    {
        REDSCOPE_VERIFY_SAME(m_pair.compareBoth(scenario));
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error, false), error.c_str());
    }

    void init()
    {
        for (TestServer *server : {&m_pair.ours(), &m_pair.redis()}) {
            RedisTestClient client("127.0.0.1", server->port());
            QCOMPARE(client.run({"FLUSHALL"}), std::string("+OK"));
        }
    }

    void controlErrors()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"EXEC"}));
            t.push_back(c.run({"DISCARD"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"MULTI"})); // an error, but it does not abort the transaction
            t.push_back(c.run({"WATCH", "k"}));
            t.push_back(c.run({"SET", "k", "1"}));
            t.push_back(c.run({"EXEC"}));
            t.push_back(c.run({"GET", "k"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"SET", "k", "2"}));
            t.push_back(c.run({"DISCARD"}));
            t.push_back(c.run({"GET", "k"}));
            t.push_back(c.run({"EXEC"}));
            t.push_back(c.run({"UNWATCH"}));
            return t;
        });
    }

    void execRunsQueueWithRuntimeErrors()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"SET", "a", "1"}));
            t.push_back(c.run({"INCR", "a"}));
            t.push_back(c.run({"HSET", "a", "f", "v"})); // WRONGTYPE at run time
            t.push_back(c.run({"INCRBY", "a", "x"}));
            t.push_back(c.run({"GET", "a"}));
            t.push_back(c.run({"EXEC"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"EXEC"})); // empty transaction
            return t;
        });
    }

    void execAbortAfterRejectedCommand()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"SET", "a", "1"}));
            t.push_back(c.run({"NOSUCHCOMMAND", "x"}));
            t.push_back(c.run({"EXEC"}));
            t.push_back(c.run({"GET", "a"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"GET"})); // arity error also aborts
            t.push_back(c.run({"SET", "a", "1"}));
            t.push_back(c.run({"EXEC"}));
            t.push_back(c.run({"EXISTS", "a"}));
            return t;
        });
    }

    void watchInvalidatedBySecondClient()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            RedisTestClient other("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"SET", "w", "1"}));
            t.push_back(c.run({"WATCH", "w", "unrelated"}));
            t.push_back(other.run({"SET", "w", "2"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"SET", "w", "3"}));
            t.push_back(c.run({"EXEC"})); // nil: w changed
            t.push_back(c.run({"GET", "w"}));
            // Watch state is gone after EXEC: a new transaction runs.
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"SET", "w", "4"}));
            t.push_back(c.run({"EXEC"}));
            // Untouched watch: EXEC runs. A write of an unwatched key does not matter.
            t.push_back(c.run({"WATCH", "w"}));
            t.push_back(other.run({"SET", "z", "1"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"GET", "w"}));
            t.push_back(c.run({"EXEC"}));
            // UNWATCH forgets; DEL of a watched key invalidates.
            t.push_back(c.run({"WATCH", "w"}));
            t.push_back(c.run({"UNWATCH"}));
            t.push_back(other.run({"SET", "w", "5"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"EXEC"}));
            t.push_back(c.run({"WATCH", "w"}));
            t.push_back(other.run({"DEL", "w"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"PING"}));
            t.push_back(c.run({"EXEC"}));
            // The client's own write before MULTI also counts.
            t.push_back(c.run({"WATCH", "w"}));
            t.push_back(c.run({"SET", "w", "6"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"EXEC"}));
            return t;
        });
    }

    void watchedKeyExpiringAbortsExec()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            // The key must still be there at WATCH: a 1 s TTL leaves a loaded machine room
            // between the two commands (100 ms may not).
            t.push_back(c.run({"SET", "e", "v", "PX", "1000"}));
            t.push_back(c.run({"WATCH", "e"}));
            std::this_thread::sleep_for(std::chrono::milliseconds(1200));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"PING"}));
            t.push_back(c.run({"EXEC"}));
            // A key that does not exist at WATCH and still does not: EXEC runs.
            t.push_back(c.run({"WATCH", "never"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"PING"}));
            t.push_back(c.run({"EXEC"}));
            return t;
        });
    }

    void blockingCommandInsideExecDoesNotBlock()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"BLPOP", "nolist", "0"}));
            t.push_back(c.run({"RPUSH", "l", "x"}));
            t.push_back(c.run({"BLPOP", "l", "0"}));
            t.push_back(c.run({"EXEC"}));
            return t;
        });
    }

    void selectInsideTransactionAndPipelining()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            c.append({"MULTI"});
            c.append({"SELECT", "1"});
            c.append({"SET", "k", "db1"});
            c.append({"EXEC"});
            c.append({"GET", "k"});
            c.append({"SELECT", "0"});
            c.append({"GET", "k"});
            std::vector<std::string> t;
            for (int i = 0; i < 7; ++i)
                t.push_back(c.readReply());
            return t;
        });
    }

    void execCountsInInfo()
    {
        RedisTestClient c("127.0.0.1", m_pair.ours().port());
        QCOMPARE(c.run({"CONFIG", "RESETSTAT"}), std::string("+OK"));
        c.run({"MULTI"});
        c.run({"SET", "a", "1"});
        c.run({"GET", "a"});
        c.run({"EXEC"});
        std::string info = c.run({"INFO", "commandstats"});
        QVERIFY2(info.find("cmdstat_set:calls=1,") != std::string::npos, info.c_str());
        QVERIFY2(info.find("cmdstat_get:calls=1,") != std::string::npos, info.c_str());
        QVERIFY2(info.find("cmdstat_exec:calls=1,") != std::string::npos, info.c_str());
    }
};

QTEST_GUILESS_MAIN(TestTransactions)
#include "tst_transactions.moc"
