// KeyspaceWatcher: live key-browser updates from keyspace notifications. It PSUBSCRIBEs to
// __keyspace@<db>__:* on a Subscriber of its own (a separate connection on a worker thread, so
// a write storm is parsed off the GUI thread) and folds the events of each Subscriber batch
// (every kBatchMs) into one changes() signal: keys that exist after the batch, keys that are
// gone (del, expired, evicted, rename_from, move_from). The last event of a key wins, so a
// key written then deleted in one batch is reported removed once. It only listens: whether the
// server sends the events (notify-keyspace-events) is checked and changed by the caller.
#pragma once

#include "connection_settings.h"
#include "pubsub_message.h"

#include <QByteArray>
#include <QList>
#include <QObject>

namespace redscope {

class Subscriber;

class KeyspaceWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int kBatchMs = 250;

    KeyspaceWatcher(const ConnectionSettings &settings, int db, QObject *parent = nullptr);
    ~KeyspaceWatcher() override;

    bool isListening() const; // the server confirmed the subscription
    Subscriber *subscriber() const { return m_subscriber; }

    // True when a notify-keyspace-events value makes the server send what this class needs:
    // keyspace events (K) for generic and type commands (A, or g plus some type classes).
    static bool flagsSuffice(const QByteArray &flags);

signals:
    void changes(const QList<QByteArray> &present, const QList<QByteArray> &removed);
    void listeningChanged(bool listening);

private:
    void onBatch(const PubSubBatch &batch);

    Subscriber *m_subscriber;
    QByteArray m_pattern;
    QByteArray m_prefix; // "__keyspace@0__:"
};

} // namespace redscope
