// Subscriber: a dedicated pub/sub connection (SUBSCRIBE/PSUBSCRIBE) for one server. A normal
// RedisConnection refuses these commands because a subscribed connection turns into a stream
// of pushes; this class owns that stream.
//
// Threading: hiredis and its Qt adapter run on a private worker thread with its own event loop,
// so parsing 50k+ messages per second never touches the GUI thread. The worker collects parsed
// messages and hands them over in batches (default every 100 ms) through one queued signal;
// the GUI thread only ever sees a few batches per second. Subscriptions can be added and removed
// at any time; after a lost connection the worker reconnects with backoff and subscribes again.
// When the server closes the connection (for example because the subscriber's output buffer
// went over client-output-buffer-limit pubsub), the state turns Lost with a readable reason.
#pragma once

#include "connection/connection_settings.h"
#include "connection/worker_thread.h"
#include "pubsub/pubsub_message.h"

#include <QByteArray>
#include <QObject>
#include <QSet>
#include <QString>

namespace redscope {

namespace Internal {
class SubscriberWorker;
}

class Subscriber : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Idle,       // no subscriptions, no connection
        Connecting, // connecting, authenticating or sending the subscriptions
        Subscribed, // the server confirmed the subscriptions; messages flow
        Lost,       // the connection dropped; reconnecting with backoff (errorText says why)
        Failed,     // cannot connect or authenticate; no automatic retry
    };
    Q_ENUM(State)

    enum class Kind { Channel, Pattern };
    Q_ENUM(Kind)

    explicit Subscriber(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~Subscriber() override; // blocks briefly while the worker thread closes its socket

    const ConnectionSettings &settings() const { return m_settings; }
    State state() const { return m_state; }
    QString errorText() const { return m_errorText; }
    static QString stateName(State state);

    // Desired subscriptions, whether or not the server confirmed them yet.
    void subscribe(Kind kind, const QByteArray &name);
    void unsubscribe(Kind kind, const QByteArray &name);
    void unsubscribeAll();
    QList<QByteArray> subscriptions(Kind kind) const;
    bool isSubscribed(Kind kind, const QByteArray &name) const;
    bool isConfirmed(Kind kind, const QByteArray &name) const;

    // How often parsed messages are handed to the GUI thread (10..2000 ms).
    void setBatchInterval(int msecs);
    int batchInterval() const { return m_batchIntervalMs; }
    void setAutoReconnect(bool enabled);

    // Messages delivered through messagesReceived() so far.
    quint64 receivedCount() const { return m_received; }

    // Drops any backlog the worker holds (used by benchmarks and tests to synchronise): the
    // next batch is emitted right away instead of at the next tick.
    void flushNow();

signals:
    void messagesReceived(const redscope::PubSubBatch &batch);
    void stateChanged(redscope::Subscriber::State state, const QString &errorText);
    // The server confirmed (subscribed = true) or ended (false) one subscription.
    void subscriptionChanged(redscope::Subscriber::Kind kind, const QByteArray &name,
                             bool subscribed);
    // After a reconnect: why the server had closed the connection and that messages were lost.
    void connectionDropped(const QString &explanation);

private:
    friend class Internal::SubscriberWorker;
    void onWorkerState(State state, const QString &errorText);
    void onWorkerBatch(const PubSubBatch &batch);
    void onWorkerConfirmed(Kind kind, const QByteArray &name, bool subscribed);
    QSet<QByteArray> &desired(Kind kind) { return kind == Kind::Channel ? m_channels : m_patterns; }
    const QSet<QByteArray> &desired(Kind kind) const
    {
        return kind == Kind::Channel ? m_channels : m_patterns;
    }

    ConnectionSettings m_settings;
    State m_state = State::Idle;
    QString m_errorText;
    QSet<QByteArray> m_channels;
    QSet<QByteArray> m_patterns;
    QSet<QByteArray> m_confirmedChannels;
    QSet<QByteArray> m_confirmedPatterns;
    int m_batchIntervalMs = 100;
    quint64 m_received = 0;
    Internal::SubscriberWorker *m_worker = nullptr; // lives on m_thread, which owns it
    Internal::WorkerThread m_thread;
};

} // namespace redscope

Q_DECLARE_METATYPE(redscope::Subscriber::State)
Q_DECLARE_METATYPE(redscope::Subscriber::Kind)
