// ReplicationBacklog (replication/replication_backlog.h) against a plain string of the whole
// stream: after random appends, while the buffer still grows and once it wraps, every offset
// it claims to hold gives the stream's bytes from there and older ones are refused; resizing
// keeps the newest bytes; the memory it reports never passes repl-backlog-size and follows
// the history while it grows.
#include "replication/replication_backlog.h"

#include <QtTest>

#include <random>
#include <string>

using redscope::engine::ReplicationBacklog;

class TestReplicationBacklog : public QObject
{
    Q_OBJECT

private:
    // Every offset from before the history to the end: held ones copy the stream's tail.
    static void checkAgainst(const ReplicationBacklog &backlog, const std::string &stream,
                             int64_t streamStart)
    {
        const int64_t end = streamStart + static_cast<int64_t>(stream.size());
        QCOMPARE(backlog.endOffset(), end);
        const int64_t held = static_cast<int64_t>(backlog.historyLength());
        QVERIFY(held <= static_cast<int64_t>(backlog.capacity()));
        for (int64_t offset = end - held - 3; offset <= end;
             offset += std::max<int64_t>(1, held / 50)) {
            std::string out;
            const bool ok = backlog.copyFrom(offset, &out);
            if (offset < end - held) {
                QVERIFY(!ok);
                continue;
            }
            QVERIFY(ok);
            QCOMPARE(out, stream.substr(static_cast<size_t>(offset - streamStart)));
        }
        std::string out;
        QVERIFY(backlog.copyFrom(end, &out) && out.empty());
        QVERIFY(!backlog.copyFrom(end + 1, &out));
    }

private slots:
    void growsThenWraps()
    {
        std::mt19937 random(7);
        const size_t capacity = 64 * 1024;
        ReplicationBacklog backlog(capacity, 100);
        QCOMPARE(backlog.allocatedBytes(), size_t(0));
        std::string stream;
        size_t maxAllocated = 0;
        for (int round = 0; round < 400; ++round) {
            const size_t length = random() % (round % 50 == 49 ? 70000 : 3000);
            std::string bytes(length, '\0');
            for (char &c : bytes)
                c = static_cast<char>('a' + random() % 26);
            backlog.append(bytes);
            stream += bytes;
            maxAllocated = std::max(maxAllocated, backlog.allocatedBytes());
            QVERIFY(backlog.allocatedBytes() <= capacity);
            QVERIFY(backlog.allocatedBytes() >= backlog.historyLength());
            if (round % 20 == 0) checkAgainst(backlog, stream, 100);
        }
        checkAgainst(backlog, stream, 100);
        QCOMPARE(maxAllocated, capacity);
    }

    void growthFollowsTheHistory()
    {
        ReplicationBacklog backlog(1 << 20, 0);
        std::string stream;
        for (int i = 0; i < 100; ++i) {
            const std::string bytes(5000, static_cast<char>('a' + i % 26));
            backlog.append(bytes);
            stream += bytes;
            // At most an eighth more than held, or one 16 KB step.
            QVERIFY2(backlog.allocatedBytes() <=
                         backlog.historyLength() +
                             std::max<size_t>(16 * 1024, backlog.historyLength() / 8),
                     std::to_string(backlog.allocatedBytes()).c_str());
        }
        checkAgainst(backlog, stream, 0);
    }

    void resizeKeepsTheNewestBytes()
    {
        ReplicationBacklog backlog(32 * 1024, 0);
        std::string stream;
        for (int i = 0; i < 30; ++i) {
            const std::string bytes(3000, static_cast<char>('A' + i % 26));
            backlog.append(bytes);
            stream += bytes;
        }
        backlog.resize(20 * 1024);
        QCOMPARE(backlog.capacity(), size_t(20 * 1024));
        QCOMPARE(backlog.historyLength(), size_t(20 * 1024));
        checkAgainst(backlog, stream, 0);
        backlog.resize(100 * 1024);
        backlog.append(std::string(50000, 'z'));
        stream += std::string(50000, 'z');
        checkAgainst(backlog, stream, 0);
    }
};

QTEST_GUILESS_MAIN(TestReplicationBacklog)
#include "tst_replication_backlog.moc"
