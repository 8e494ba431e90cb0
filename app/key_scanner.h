// KeyScanner: walks a server's keyspace with SCAN (never KEYS, never a script) over an async
// RedisConnection and hands the names out in batches. One SCAN is in flight at a time with a
// large COUNT (the key browser asks for 5000): each call costs the server O(COUNT), about a
// millisecond, and the round trips stay few (200 for a million keys). MATCH and TYPE filters run server-side. Progress is measured
// against DBSIZE read at the start: keys seen, or keys examined (calls x COUNT) when a filter
// hides most of them. cancel() drops the request in flight; no callback arrives afterwards.
#pragma once

#include "redis_connection.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

namespace redscope {

class KeyScanner : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QByteArray pattern;  // empty or "*": everything
        QByteArray type;     // empty: every type; else "string", "hash", ... (Redis >= 6)
        int count = 2000;
    };

    explicit KeyScanner(RedisConnection *connection, QObject *parent = nullptr);
    ~KeyScanner() override;

    void start(const Options &options);
    void cancel();
    bool isRunning() const { return m_running; }
    quint64 keysSeen() const { return m_seen; }
    quint64 dbSize() const { return m_dbSize; }
    int calls() const { return m_calls; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

signals:
    void batchReady(const QList<QByteArray> &keys);
    void progress(quint64 done, quint64 total);
    // complete: the cursor came back to 0. Otherwise error says why (cancelled or a failure).
    void finished(bool complete, const QString &error);

private:
    void requestNext();
    void onReply(quint64 generation, const RedisValue &reply);
    void finish(bool complete, const QString &error);

    QPointer<RedisConnection> m_connection;
    Options m_options;
    QByteArray m_cursor = "0";
    quint64 m_generation = 0;
    RedisConnection::RequestId m_scanRequest = 0;
    RedisConnection::RequestId m_sizeRequest = 0;
    bool m_running = false;
    quint64 m_seen = 0;
    quint64 m_dbSize = 0;
    int m_calls = 0;
    QElapsedTimer m_clock;
};

} // namespace redscope
