// InfoPoller: asks one connection for INFO every interval and publishes parsed snapshots with
// the rates derived from the previous one. Never more than one INFO is in flight: a tick that
// finds the previous request unanswered is skipped, so a slow or blocked server (DEBUG SLEEP,
// a long SAVE) gets one pending INFO, not a growing queue. No widgets: the dashboard and the
// persistence panel subscribe to snapshotReady.
#pragma once

#include "connection/reply_callback.h"
#include "monitoring/info_snapshot.h"

#include "monitoring/poller.h"

#include <QPointer>

namespace redscope {

class InfoPoller : public Poller
{
    Q_OBJECT

public:
    explicit InfoPoller(RedisConnection *connection, QObject *parent = nullptr);
    ~InfoPoller() override; // cancels the request in flight

    // Polls another connection from the next tick on (a cluster node the user picked): the
    // request in flight is dropped and the rates start over, since they compare two servers.
    void setConnection(RedisConnection *connection);
    RedisConnection *connection() const;
    void pollNow() override; // no-op while a request is in flight

    bool isInFlight() const { return m_inFlight != 0; }
    int requestsSent() const { return m_requestsSent; }
    int ticksSkipped() const { return m_ticksSkipped; }
    const InfoSnapshot &last() const { return m_last; }

signals:
    void snapshotReady(const redscope::InfoSnapshot &snapshot, const redscope::InfoRates &rates);
    void pollFailed(const QString &error);

private:
    void onTick() override; // skipped (and counted) while the last INFO is unanswered
    void forgetInFlight() override;
    void onReply(const RedisValue &reply);

    QPointer<RedisConnection> m_connection;
    RequestId m_inFlight = 0;
    int m_requestsSent = 0;
    int m_ticksSkipped = 0;
    InfoSnapshot m_last;
};

} // namespace redscope
