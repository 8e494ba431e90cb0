// LatencyMonitorBox: the dashboard's view of the server's own latency monitor (LATENCY LATEST
// and HISTORY, armed by CONFIG latency-monitor-threshold): whether it is on and from what
// threshold, a button that asks for a threshold and turns it on, and the latest event of each
// kind in a table. It administers a server setting, which is why it is not part of
// DashboardPanel (INFO polling and charts); each event's history goes to the dashboard's
// latency chart through historyLoaded(), so the chart and its colours stay the dashboard's.
#pragma once

#include "server/server_admin.h"

#include <QList>
#include <QPointF>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace redscope {

class RedisConnection;

class LatencyMonitorBox : public QWidget
{
    Q_OBJECT

public:
    explicit LatencyMonitorBox(RedisConnection *connection, QWidget *parent = nullptr);

    int threshold() const { return m_threshold; } // ms; 0 off, -1 unknown or unsupported
    bool isOn() const { return m_threshold > 0; }
    // CONFIG GET latency-monitor-threshold, then the events when the monitor is on.
    void refresh();
    // LATENCY LATEST into the table, then LATENCY HISTORY of each event (historyLoaded()).
    void refreshEvents();
    // CONFIG SET latency-monitor-threshold without asking (the button asks first).
    void setThreshold(int ms);

signals:
    // One event's samples: x in milliseconds since the epoch, y in milliseconds.
    void historyLoaded(const QString &event, const QList<QPointF> &points);

private:
    void askToEnable();

    ServerAdmin m_admin;
    QLabel *m_state;
    QPushButton *m_enable;
    QTableWidget *m_events;
    int m_threshold = -1;
};

} // namespace redscope
