// SampleData: fills the current database with a small, realistic chat-app dataset so a new
// user has something to browse, and runs a live publisher so the pub/sub view shows traffic.
// Keys (about 280, every type): user:<id> hashes (profiles), chat:room:<room>:messages lists
// of JSON messages, chat:room:<room>:members and chat:online sets, leaderboard:* sorted sets,
// stats:* counters, config:motd, session:* / ratelimit:* / cache:* strings with TTLs, and
// the chat:events stream with a "notifier" consumer group (two workers with pending entries,
// a third idle).
//
// load() writes everything as one pipeline of commands on the async RedisConnection (every
// request is sent at once, replies are counted as they come), so it never blocks the GUI and
// costs a few round trips, not thousands. The data comes from a fixed seed, so two loads give
// the same dataset; the lists are UNLINKed first so a second load replaces instead of
// appending. The publisher PUBLISHes one JSON chat message every interval (500 ms default) on
// chat:room:<room> through the same connection until stopPublishing() or destruction, and
// appends it to chat:events, where a notifier worker reads (and mostly acknowledges) it.
// Read-only connections are refused.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace redscope {

class RedisConnection;

class SampleData : public QObject
{
    Q_OBJECT

public:
    explicit SampleData(RedisConnection *connection, QObject *parent = nullptr);
    ~SampleData() override;

    static QList<QByteArray> rooms();                  // "general", "random", ...
    static QByteArray channel(const QByteArray &room); // chat:room:<room>
    // The commands load() sends, in order (exposed for tests and for counting).
    static QList<QList<QByteArray>> commands();

    void load();
    bool isLoading() const { return m_pending > 0; }

    void startPublishing(int intervalMs = 500);
    void stopPublishing();
    bool isPublishing() const { return m_timer.isActive(); }
    quint64 publishedCount() const { return m_published; }

signals:
    void loadProgress(int done, int total);
    void loaded(int commands);
    void failed(const QString &error);
    void publishingChanged(bool publishing);

private:
    void publishOne();

    QPointer<RedisConnection> m_connection;
    int m_pending = 0;
    quint64 m_generation = 0;
    QTimer m_timer;
    QRandomGenerator m_random;
    quint64 m_published = 0;
};

} // namespace redscope
