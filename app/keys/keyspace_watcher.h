// KeyspaceWatcher: live key-browser updates from keyspace notifications. It PSUBSCRIBEs to
// __keyspace@<db>__:* on a Subscriber of its own (a separate connection on a worker thread, so
// a write storm is parsed off the GUI thread) and folds the events of each Subscriber batch
// (every kBatchMs) into one changes() signal: keys that exist after the batch, keys that are
// gone (del, expired, evicted, rename_from, move_from). The last event of a key wins, so a
// key written then deleted in one batch is reported removed once. It only listens: whether the
// server sends the events (notify-keyspace-events) is checked and changed by the caller.
//
// On a cluster every master sends the events of its own keys only (notifications are not
// propagated over the cluster bus), so the watcher keeps one Subscriber per master and follows
// the router's topology: a promoted replica gets one, a node that is no longer a master loses
// its own. A key lives on one master at a time, so batches from different nodes never need
// merging; each is folded on its own.
#pragma once

#include "connection/connection_settings.h"
#include "pubsub/pubsub_message.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <map>

namespace redscope {

class ClusterRouter;
class Subscriber;

class KeyspaceWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int kBatchMs = 250;

    KeyspaceWatcher(const ConnectionSettings &settings, int db, QObject *parent = nullptr);
    // Cluster: database 0 of every master the router knows, now and after topology changes.
    explicit KeyspaceWatcher(ClusterRouter *router, QObject *parent = nullptr);
    ~KeyspaceWatcher() override;

    // The server confirmed the subscription (on a cluster: every master confirmed its own).
    bool isListening() const;
    Subscriber *subscriber() const; // standalone; on a cluster the first master's
    QStringList nodes() const;      // cluster: the masters listened to ("host:port")
    Subscriber *nodeSubscriber(const QString &address) const; // cluster; null if not a master

    // True when a notify-keyspace-events value makes the server send what this class needs:
    // keyspace events (K) for generic and type commands (A, or g plus some type classes).
    static bool flagsSuffice(const QByteArray &flags);

signals:
    void changes(const QList<QByteArray> &present, const QList<QByteArray> &removed);
    void listeningChanged(bool listening);

private:
    Subscriber *addSubscriber(const ConnectionSettings &settings);
    void followMasters();
    void onBatch(const PubSubBatch &batch);

    QPointer<ClusterRouter> m_router;
    Subscriber *m_subscriber = nullptr;          // standalone
    std::map<QString, Subscriber *> m_perMaster; // cluster, by address
    QByteArray m_pattern;
    QByteArray m_prefix; // "__keyspace@0__:"
    bool m_listening = false;
};

} // namespace redscope
