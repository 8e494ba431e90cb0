// DashboardPanel: the live monitoring tab of one connection. An InfoPoller and a LatencySampler
// (app/) feed a MetricHistory and a grid of TimeCharts: memory (with maxmemory), ops/s, clients,
// network, hit ratio, expired/evicted, keys per db and the client-side PING latency with p50/p99,
// plus the server's LATENCY LATEST/HISTORY events when latency-monitor-threshold is set (the
// LatencyMonitorBox beside the latency chart administers that setting and shows the events). Header
// cards show the current state at a glance. Pause stops polling; CSV and PNG exports go through
// exportCsv()/exportChartPng(), which the toolbar buttons call after a file dialog.
// On a Cluster connection a ClusterInfoPoller polls every node instead, and a node selector
// switches the charts and cards between the aggregate of all nodes and one node's series; the
// PING probe follows it (one node's connection, or the default node for the aggregate).
#pragma once

#include "connection/connection_lifecycle.h"
#include "monitoring/info_snapshot.h"
#include "monitoring/metric_history.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace redscope {

class ClusterInfoPoller;
class ClusterNodePicker;
class InfoPoller;
class LatencyMonitorBox;
class LatencySampler;
class RedisConnection;
class TimeChart;

class DashboardPanel : public QWidget
{
    Q_OBJECT

public:
    // The header cards, left to right; each value label is named "card_<objectName>".
    enum class Card { Version, Uptime, Role, Memory, Clients, Ops, LastSave, Aof };

    explicit DashboardPanel(RedisConnection *connection, QWidget *parent = nullptr);
    ~DashboardPanel() override;

    InfoPoller *poller() const { return m_poller; }
    LatencySampler *sampler() const { return m_sampler; }
    ClusterInfoPoller *clusterPoller() const { return m_cluster; } // null when not a cluster
    // Cluster only: "" shows the aggregate of all nodes, else one node's "host:port".
    QString selectedNode() const { return m_selectedNode; }
    void selectNode(const QString &address);
    const MetricHistory &history() const { return m_history; }
    QList<TimeChart *> charts() const { return m_charts; }
    TimeChart *chart(const QString &title) const;

    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    qint64 windowMs() const { return m_windowMs; }
    void setWindowMs(qint64 ms);
    void setPollInterval(int ms);

    // Writers behind the export buttons (no dialogs). Return false with *error on failure.
    bool exportCsv(const QString &path, QString *error) const; // the selected window
    bool exportChartPng(TimeChart *chart, const QString &path, QString *error) const;

    // CONFIG SET latency-monitor-threshold without asking (the button asks first).
    void setLatencyMonitorThreshold(int ms);
    int latencyMonitorThreshold() const; // -1: unknown or unsupported
    QString cardText(Card card) const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildToolbar(QVBoxLayout *layout);
    void buildCards(QVBoxLayout *layout);
    QWidget *buildLatencyBox();
    void onStateChanged(ConnectionState state);
    void startPolling();
    void onSnapshot(const InfoSnapshot &snapshot, const InfoRates &rates);
    void onClusterUpdated(const QString &address);
    void showRow(qint64 t, QHash<QString, double> row, const InfoSnapshot &snapshot);
    void plotRow(qint64 t, const QHash<QString, double> &row);
    void onLatencySample(qint64 atMs, double rttMs);
    void drawLatency();
    void updateCards(const InfoSnapshot &snapshot);
    void setCard(Card card, const QString &value, const QString &detail = {});
    void refreshWindow();
    void onExportCsv();
    void onExportPng(TimeChart *chart);

    ConnectionLifecycle m_connection;
    InfoPoller *m_poller;
    LatencySampler *m_sampler;
    ClusterInfoPoller *m_cluster = nullptr;
    QString m_selectedNode;
    ClusterNodePicker *m_nodePicker = nullptr;
    MetricHistory m_history;
    QList<TimeChart *> m_charts;
    TimeChart *m_memory = nullptr;
    TimeChart *m_ops = nullptr;
    TimeChart *m_clients = nullptr;
    TimeChart *m_network = nullptr;
    TimeChart *m_hits = nullptr;
    TimeChart *m_expiry = nullptr;
    TimeChart *m_keys = nullptr;
    TimeChart *m_latency = nullptr;
    QHash<Card, QLabel *> m_cards;
    QComboBox *m_windowBox = nullptr;
    QComboBox *m_intervalBox = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_latencyStats = nullptr;
    LatencyMonitorBox *m_latencyMonitor = nullptr;
    bool m_embedded = false; // the Local engine: its memory is the engine's, not the process'
    bool m_paused = false;
    bool m_chartsBehind = false; // samples arrived while hidden: replot when shown
    InfoSnapshot m_lastSnapshot;
    QList<QPointF> m_pendingRtt; // latency samples drawn with the next snapshot
    qint64 m_windowMs = 5 * 60 * 1000;
    qint64 m_lastTimeMs = 0;
    double m_lastRttMs = -1;
    int m_snapshotsSinceEvents = 0;
};

} // namespace redscope
