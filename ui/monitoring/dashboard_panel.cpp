// The dashboard polls only while the connection is Ready and not paused. Charts get raw values
// (bytes, bytes/s, ops/s) and label their axes in human units; the CSV keeps raw units too.
#include "monitoring/dashboard_panel.h"

#include "cluster/cluster_node_picker.h"
#include "cluster/cluster_router.h"
#include "monitoring/cluster_info_poller.h"
#include "monitoring/info_poller.h"
#include "monitoring/latency_monitor_box.h"
#include "monitoring/latency_sampler.h"
#include "server/server_replies.h"
#include "server/time_format.h"
#include "widgets/confirm.h"
#include "widgets/time_chart.h"

#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>

namespace redscope {

static constexpr int kEventsEverySnapshots = 5;
// Every 2 s: redrawing eight charts costs about 1% of a core per second on screen, and an
// idle app should stay under that (1 s remains a choice in the toolbar).
static constexpr int kDefaultPollMs = 2000;

static const QList<QColor> &chartColors()
{
    static const QList<QColor> colors{QColor(0x19, 0x76, 0xd2), QColor(0xe6, 0x51, 0x00),
                                      QColor(0x2e, 0x7d, 0x32), QColor(0x8e, 0x24, 0xaa),
                                      QColor(0xc6, 0x28, 0x28), QColor(0x00, 0x83, 0x8f),
                                      QColor(0x6d, 0x4c, 0x41), QColor(0x54, 0x6e, 0x7a)};
    return colors;
}

DashboardPanel::DashboardPanel(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_poller(new InfoPoller(connection, this))
    , m_sampler(new LatencySampler(connection, this))
    , m_embedded(!ConnectionLifecycle(connection).settings().localDataDir.isEmpty())
{
    setObjectName(QStringLiteral("dashboardPanel"));
    if (ClusterRouter *router = m_connection.cluster())
        m_cluster = new ClusterInfoPoller(router, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    buildToolbar(layout);
    buildCards(layout);

    const QList<QColor> &c = chartColors();
    m_memory = new TimeChart(tr("Memory"));
    m_memory->setUnit(TimeChart::Unit::Bytes);
    if (m_embedded) {
        // The engine shares the app's process: RSS and the fragmentation ratio would count the
        // whole GUI, so only the engine's own figure for its data is drawn.
        m_memory->addSeries(QStringLiteral("used"), tr("engine data (used_memory)"), c[0]);
    } else {
        m_memory->addSeries(QStringLiteral("used"), tr("used"), c[0]);
        m_memory->addSeries(QStringLiteral("rss"), tr("RSS"), c[1]);
    }
    m_ops = new TimeChart(tr("Operations / s"));
    m_ops->setUnit(TimeChart::Unit::PerSecond);
    m_ops->addSeries(QStringLiteral("ops"), tr("ops/s"), c[2]);
    m_clients = new TimeChart(tr("Clients"));
    m_clients->addSeries(QStringLiteral("connected"), tr("connected"), c[0]);
    m_clients->addSeries(QStringLiteral("blocked"), tr("blocked"), c[4]);
    m_network = new TimeChart(tr("Network"));
    m_network->setUnit(TimeChart::Unit::BytesPerSecond);
    m_network->addSeries(QStringLiteral("in"), tr("in"), c[5]);
    m_network->addSeries(QStringLiteral("out"), tr("out"), c[3]);
    m_hits = new TimeChart(tr("Keyspace hit ratio"));
    m_hits->setUnit(TimeChart::Unit::Percent);
    m_hits->addSeries(QStringLiteral("ratio"), tr("hits / lookups"), c[2]);
    m_hits->setFixedTop(100);
    m_expiry = new TimeChart(tr("Expired / evicted keys per second"));
    m_expiry->setUnit(TimeChart::Unit::PerSecond);
    m_expiry->addSeries(QStringLiteral("expired"), tr("expired"), c[1]);
    m_expiry->addSeries(QStringLiteral("evicted"), tr("evicted"), c[4]);
    m_keys = new TimeChart(tr("Keys per database"));
    m_latency = new TimeChart(tr("Latency"));
    m_latency->setUnit(TimeChart::Unit::Milliseconds);
    m_latency->addSeries(QStringLiteral("rtt"), tr("PING round trip"), c[0]);
    m_charts = {m_memory, m_ops, m_clients, m_network, m_hits, m_expiry, m_keys, m_latency};

    auto *grid = new QGridLayout;
    grid->setSpacing(8);
    for (int i = 0; i < m_charts.size() - 1; ++i)
        grid->addWidget(m_charts[i], i / 2, i % 2);
    grid->addWidget(m_latency, 4, 0);
    grid->addWidget(buildLatencyBox(), 4, 1);
    grid->setColumnStretch(0, 1); // two equal columns, whatever the axes' label widths
    grid->setColumnStretch(1, 1);
    auto *content = new QWidget;
    content->setLayout(grid);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    layout->addWidget(scroll, 1);

    connect(m_poller, &InfoPoller::snapshotReady, this, &DashboardPanel::onSnapshot);
    connect(m_poller, &InfoPoller::pollFailed, this,
            [this](const QString &error) { m_status->setText(tr("INFO failed: %1").arg(error)); });
    connect(m_sampler, &LatencySampler::sampled, this, &DashboardPanel::onLatencySample);
    if (m_cluster) {
        connect(m_cluster, &ClusterInfoPoller::updated, this, &DashboardPanel::onClusterUpdated);
        connect(m_cluster, &ClusterInfoPoller::pollFailed, this,
                [this](const QString &address, const QString &error) {
                    m_status->setText(tr("INFO on %1 failed: %2").arg(address, error));
                });
    }
    m_connection.whenStateChanged(
        this, [this](ConnectionState state, const QString &) { onStateChanged(state); });
    setWindowMs(m_windowMs);
    setPollInterval(kDefaultPollMs);
    onStateChanged(m_connection.state());
}

DashboardPanel::~DashboardPanel() = default;

void DashboardPanel::buildToolbar(QVBoxLayout *layout)
{
    auto *bar = new QHBoxLayout;
    m_windowBox = new QComboBox(this);
    m_windowBox->setObjectName(QStringLiteral("dashboardWindow"));
    const QList<std::pair<QString, int>> windows{{tr("1 minute"), 1},
                                                 {tr("5 minutes"), 5},
                                                 {tr("15 minutes"), 15},
                                                 {tr("30 minutes"), 30},
                                                 {tr("1 hour"), 60}};
    for (const auto &[label, minutes] : windows)
        m_windowBox->addItem(label, qint64(minutes) * 60 * 1000);
    m_windowBox->setCurrentIndex(1);
    connect(m_windowBox, &QComboBox::activated, this,
            [this] { setWindowMs(m_windowBox->currentData().toLongLong()); });

    m_intervalBox = new QComboBox(this);
    m_intervalBox->setObjectName(QStringLiteral("dashboardInterval"));
    for (int seconds : {1, 2, 5, 10})
        m_intervalBox->addItem(tr("every %1 s").arg(seconds), seconds * 1000);
    connect(m_intervalBox, &QComboBox::activated, this,
            [this] { setPollInterval(m_intervalBox->currentData().toInt()); });

    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setObjectName(QStringLiteral("dashboardPause"));
    connect(m_pauseButton, &QPushButton::clicked, this, [this] { setPaused(!m_paused); });

    auto *csvButton = new QPushButton(tr("Export CSV…"), this);
    csvButton->setObjectName(QStringLiteral("dashboardExportCsv"));
    connect(csvButton, &QPushButton::clicked, this, &DashboardPanel::onExportCsv);

    auto *pngButton = new QToolButton(this);
    pngButton->setObjectName(QStringLiteral("dashboardExportPng"));
    pngButton->setText(tr("Save chart as PNG"));
    pngButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(pngButton);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        for (TimeChart *chart : std::as_const(m_charts))
            menu->addAction(chart->title(), this, [this, chart] { onExportPng(chart); });
    });
    pngButton->setMenu(menu);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    if (m_cluster) {
        m_nodePicker =
            new ClusterNodePicker(m_connection.cluster(), ClusterNodePicker::Aggregate::Offered,
                                  QStringLiteral("dashboardNode"), this);
        connect(m_nodePicker, &ClusterNodePicker::nodeActivated, this, &DashboardPanel::selectNode);
        bar->addWidget(m_nodePicker);
    }
    bar->addWidget(new QLabel(tr("Window:"), this));
    bar->addWidget(m_windowBox);
    bar->addWidget(new QLabel(tr("Poll:"), this));
    bar->addWidget(m_intervalBox);
    bar->addWidget(m_pauseButton);
    bar->addSpacing(12);
    bar->addWidget(csvButton);
    bar->addWidget(pngButton);
    bar->addStretch(1);
    bar->addWidget(m_status);
    layout->addLayout(bar);
}

void DashboardPanel::buildCards(QVBoxLayout *layout)
{
    auto *cards = new QGridLayout;
    cards->setSpacing(6);
    const QList<std::tuple<Card, QString, QString>> names{
        {Card::Version, QStringLiteral("version"), tr("Version")},
        {Card::Uptime, QStringLiteral("uptime"), tr("Uptime")},
        {Card::Role, QStringLiteral("role"), tr("Role")},
        {Card::Memory, QStringLiteral("memory"),
         m_embedded ? tr("Engine data memory") : tr("Memory")},
        {Card::Clients, QStringLiteral("clients"), tr("Clients")},
        {Card::Ops, QStringLiteral("ops"), tr("Ops/s")},
        {Card::LastSave, QStringLiteral("lastsave"), tr("Last save")},
        {Card::Aof, QStringLiteral("aof"), tr("AOF")}};
    int column = 0;
    for (const auto &[card, name, title] : names) {
        auto *frame = new QFrame(this);
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setObjectName(QStringLiteral("card"));
        frame->setStyleSheet(QStringLiteral(
            "QFrame#card { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 4px; }"));
        auto *box = new QVBoxLayout(frame);
        box->setContentsMargins(10, 6, 10, 6);
        box->setSpacing(2);
        auto *caption = new QLabel(title, frame);
        caption->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 8pt;"));
        auto *value = new QLabel(QStringLiteral("—"), frame);
        value->setObjectName(QStringLiteral("card_") + name);
        value->setStyleSheet(QStringLiteral("font-size: 12pt; font-weight: 600;"));
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        box->addWidget(caption);
        box->addWidget(value);
        cards->addWidget(frame, 0, column++);
        m_cards.insert(card, value);
    }
    layout->addLayout(cards);
}

QWidget *DashboardPanel::buildLatencyBox()
{
    auto *box = new QFrame(this);
    box->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(box);
    m_latencyStats = new QLabel(tr("PING round trip: no samples yet"), box);
    m_latencyStats->setObjectName(QStringLiteral("latencyStats"));
    m_latencyStats->setStyleSheet(QStringLiteral("font-weight: 600;"));
    m_latencyStats->setWordWrap(true); // a long line would widen its column over the charts'
    m_latencyStats->setToolTip(tr("Measured on a connection of its own (redscope:latency) on a "
                                  "worker thread, like redis-cli --latency: the app's own load "
                                  "does not count."));
    // The server's own latency monitor; its events join the latency chart.
    m_latencyMonitor = new LatencyMonitorBox(m_connection.connection(), box);
    connect(m_latencyMonitor, &LatencyMonitorBox::historyLoaded, this,
            [this](const QString &event, const QList<QPointF> &points) {
                const QString key = QStringLiteral("event:") + event;
                if (!m_latency->hasSeries(key)) {
                    const int index = 1 + int(m_latency->totalPointCount() % 7);
                    m_latency->addSeries(key, tr("server: %1").arg(event), chartColors()[index]);
                }
                m_latency->setPoints(key, points);
            });
    layout->addWidget(m_latencyStats);
    layout->addWidget(m_latencyMonitor, 1);
    return box;
}

TimeChart *DashboardPanel::chart(const QString &title) const
{
    for (TimeChart *chart : m_charts) {
        if (chart->title() == title) return chart;
    }
    return nullptr;
}

void DashboardPanel::onStateChanged(ConnectionState state)
{
    if (state == ConnectionState::Ready) {
        startPolling();
        m_latencyMonitor->refresh();
        m_status->clear();
    } else if (state != ConnectionState::Connecting) {
        m_status->setText(ConnectionLifecycle::stateName(state));
    }
}

void DashboardPanel::startPolling()
{
    if (m_paused) return;
    if (m_cluster)
        m_cluster->start();
    else
        m_poller->start();
    m_sampler->start();
}

void DashboardPanel::setPaused(bool paused)
{
    m_paused = paused;
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    if (paused) {
        m_poller->stop();
        if (m_cluster) m_cluster->stop();
        m_sampler->stop();
        m_status->setText(tr("Paused"));
    } else {
        m_status->clear();
        if (m_connection.isReady()) startPolling();
    }
}

void DashboardPanel::setWindowMs(qint64 ms)
{
    m_windowMs = ms;
    const int index = m_windowBox->findData(ms);
    if (index >= 0) m_windowBox->setCurrentIndex(index);
    refreshWindow();
}

void DashboardPanel::setPollInterval(int ms)
{
    m_poller->setInterval(ms);
    if (m_cluster) m_cluster->setInterval(ms);
    m_sampler->setInterval(ms);
    const int index = m_intervalBox->findData(ms);
    if (index >= 0) m_intervalBox->setCurrentIndex(index);
}

void DashboardPanel::refreshWindow()
{
    const qint64 now = m_lastTimeMs > 0 ? m_lastTimeMs : QDateTime::currentMSecsSinceEpoch();
    for (TimeChart *chart : std::as_const(m_charts))
        chart->setWindow(m_windowMs, now);
}

void DashboardPanel::onSnapshot(const InfoSnapshot &snapshot, const InfoRates &rates)
{
    showRow(snapshot.takenAtMs(), metricRowFor(snapshot, rates), snapshot);
}

void DashboardPanel::onClusterUpdated(const QString &address)
{
    if (address != m_selectedNode) return;
    const MetricHistory &history = m_cluster->history(address);
    if (history.rows().empty()) return;
    const MetricHistory::Row &row = history.rows().back();
    showRow(row.timeMs, row.values, m_cluster->last(address));
}

void DashboardPanel::selectNode(const QString &address)
{
    if (!m_cluster) return;
    m_selectedNode = address;
    m_nodePicker->setSelectedNode(address);
    // Replay the selection's history kept by the poller. The PING probe follows the choice
    // too (the aggregate probes the default node, as every keyless command goes there); its
    // chart starts over, since a round trip to one node says nothing about another.
    for (TimeChart *chart : std::as_const(m_charts))
        chart->clearPoints();
    ClusterRouter *router = m_connection.cluster();
    if (router) {
        m_sampler->setConnection(address.isEmpty() ? m_connection.connection()
                                                   : router->nodeConnection(address));
        m_lastRttMs = -1;
        m_pendingRtt.clear();
        m_latency->setTitleSuffix(QString());
        m_latencyStats->setText(tr("PING round trip to %1: no samples yet")
                                    .arg(address.isEmpty() ? tr("the default node") : address));
    }
    m_history.clear();
    const MetricHistory &history = m_cluster->history(address);
    for (const MetricHistory::Row &row : history.rows()) {
        plotRow(row.timeMs, row.values);
        m_history.append(row.timeMs, row.values);
    }
    const InfoSnapshot last = m_cluster->last(address);
    if (!last.isEmpty()) updateCards(last);
    refreshWindow();
}

void DashboardPanel::plotRow(qint64 t, const QHash<QString, double> &row)
{
    auto value = [&row](const char *key) { return row.value(QLatin1String(key)); };
    m_memory->append(QStringLiteral("used"), t, value("used_memory"));
    if (!m_embedded) m_memory->append(QStringLiteral("rss"), t, value("used_memory_rss"));
    m_memory->setReferenceLine(QStringLiteral("max"), tr("maxmemory"), value("maxmemory"),
                               QColor(0xc6, 0x28, 0x28));
    m_ops->append(QStringLiteral("ops"), t, value("ops_per_sec"));
    m_clients->append(QStringLiteral("connected"), t, value("connected_clients"));
    m_clients->append(QStringLiteral("blocked"), t, value("blocked_clients"));
    m_network->append(QStringLiteral("in"), t, value("net_input_bytes_per_sec"));
    m_network->append(QStringLiteral("out"), t, value("net_output_bytes_per_sec"));
    const auto ratio = row.constFind(QStringLiteral("hit_ratio_percent"));
    if (ratio != row.constEnd()) m_hits->append(QStringLiteral("ratio"), t, *ratio);
    m_expiry->append(QStringLiteral("expired"), t, value("expired_per_sec"));
    m_expiry->append(QStringLiteral("evicted"), t, value("evicted_per_sec"));
    QList<int> dbs;
    for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
        if (it.key().startsWith(QLatin1String("keys_db"))) dbs.append(it.key().mid(7).toInt());
    }
    std::sort(dbs.begin(), dbs.end());
    for (int db : std::as_const(dbs)) {
        const QString key = QStringLiteral("db%1").arg(db);
        if (!m_keys->hasSeries(key))
            m_keys->addSeries(key, key, chartColors()[db % chartColors().size()]);
        m_keys->append(key, t, row.value(QStringLiteral("keys_") + key));
    }
}

void DashboardPanel::showRow(qint64 t, QHash<QString, double> row, const InfoSnapshot &snapshot)
{
    m_lastTimeMs = t;
    if (m_lastRttMs >= 0) row.insert(QStringLiteral("ping_rtt_ms"), m_lastRttMs);
    m_history.append(t, row);
    m_lastSnapshot = snapshot;
    if (isVisible()) {
        drawLatency();
        plotRow(t, row);
        updateCards(snapshot);
        refreshWindow();
    } else {
        m_chartsBehind = true; // a hidden tab keeps the history and draws nothing
    }

    if (m_latencyMonitor->isOn() && ++m_snapshotsSinceEvents >= kEventsEverySnapshots) {
        m_snapshotsSinceEvents = 0;
        m_latencyMonitor->refreshEvents();
    }
}

void DashboardPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_chartsBehind) return;
    m_chartsBehind = false;
    // Replot from the history: one pass over at most an hour of rows, once per showing.
    for (TimeChart *chart : std::as_const(m_charts))
        chart->clearPoints();
    for (const MetricHistory::Row &row : m_history.rows()) {
        plotRow(row.timeMs, row.values);
        const auto rtt = row.values.constFind(QStringLiteral("ping_rtt_ms"));
        if (rtt != row.values.constEnd())
            m_latency->append(QStringLiteral("rtt"), row.timeMs, *rtt);
    }
    if (!m_lastSnapshot.isEmpty()) updateCards(m_lastSnapshot);
    if (m_sampler->sampleCount() > 0) drawLatency();
    refreshWindow();
}

// Samples are drawn with the next INFO snapshot, so the dashboard repaints once per poll
// instead of twice (the probe's clock and the poller's are not in step). Without snapshots
// (INFO refused) they are drawn every third sample.
void DashboardPanel::onLatencySample(qint64 atMs, double rttMs)
{
    m_lastRttMs = rttMs;
    if (!isVisible()) {
        m_chartsBehind = true;
        m_pendingRtt.clear(); // the history replays them
        return;
    }
    if (atMs >= 0) m_pendingRtt.append(QPointF(double(atMs), rttMs));
    if (m_pendingRtt.size() >= 3) drawLatency();
}

void DashboardPanel::drawLatency()
{
    if (m_lastRttMs < 0) return;
    for (const QPointF &point : std::as_const(m_pendingRtt))
        m_latency->append(QStringLiteral("rtt"), qint64(point.x()), point.y());
    m_pendingRtt.clear();
    const double rttMs = m_lastRttMs;
    const QString stats = tr("p50 %1 ms · p99 %2 ms")
                              .arg(m_sampler->percentile(50), 0, 'f', 3)
                              .arg(m_sampler->percentile(99), 0, 'f', 3);
    m_latency->setTitleSuffix(stats);
    // Dashed lines at the percentiles, so spikes stand out against the usual round trip.
    m_latency->setReferenceLine(QStringLiteral("p50"), tr("p50"), m_sampler->percentile(50),
                                QColor(0x78, 0x90, 0x9c));
    m_latency->setReferenceLine(QStringLiteral("p99"), tr("p99"), m_sampler->percentile(99),
                                QColor(0xe5, 0x39, 0x35));
    m_latencyStats->setText(tr("PING round trip: last %1 ms, %2 (last %3 samples)")
                                .arg(rttMs, 0, 'f', 3)
                                .arg(stats)
                                .arg(m_sampler->sampleCount()));
}

void DashboardPanel::setCard(Card card, const QString &value, const QString &detail)
{
    QLabel *label = m_cards.value(card);
    if (!label) return;
    label->setText(value);
    label->setToolTip(detail);
}

QString DashboardPanel::cardText(Card card) const
{
    const QLabel *label = m_cards.value(card);
    return label ? label->text() : QString();
}

void DashboardPanel::updateCards(const InfoSnapshot &s)
{
    setCard(Card::Version, s.redisVersion(), s.value(QStringLiteral("redis_mode")));
    setCard(Card::Uptime, InfoSnapshot::formatDuration(s.uptimeSeconds()));
    if (s.role() == QLatin1String("cluster")) {
        setCard(Card::Role,
                tr("cluster: %1 masters").arg(s.value(QStringLiteral("cluster_masters"))),
                tr("%1 nodes answering").arg(s.value(QStringLiteral("cluster_nodes"))));
    } else {
        setCard(Card::Role, s.role());
    }
    QString memory = InfoSnapshot::formatBytes(double(s.usedMemory()));
    if (s.maxMemory() > 0)
        memory += QStringLiteral(" / ") + InfoSnapshot::formatBytes(double(s.maxMemory()));
    if (m_embedded) {
        setCard(Card::Memory, memory,
                tr("Engine data memory (INFO used_memory). The Local engine runs inside this "
                   "app, so the process RSS (%1) counts the whole app, not the engine.")
                    .arg(InfoSnapshot::formatBytes(double(s.usedMemoryRss()))));
    } else {
        setCard(Card::Memory, memory,
                tr("used_memory; RSS %1, fragmentation %2")
                    .arg(InfoSnapshot::formatBytes(double(s.usedMemoryRss())))
                    .arg(s.value(QStringLiteral("mem_fragmentation_ratio"))));
    }
    setCard(Card::Clients,
            s.blockedClients() > 0
                ? tr("%1 (%2 blocked)").arg(s.connectedClients()).arg(s.blockedClients())
                : QString::number(s.connectedClients()));
    setCard(Card::Ops, QString::number(s.opsPerSec(), 'f', 0));
    const qint64 lastSave = s.rdbLastSaveTime();
    QString saved = tr("never");
    if (lastSave > 0) {
        const qint64 ago = QDateTime::currentSecsSinceEpoch() - lastSave;
        saved = TimeFormat::ago(ago);
    }
    if (s.rdbBgsaveInProgress()) saved = tr("saving…");
    const QString status = s.rdbLastBgsaveStatus();
    if (!status.isEmpty() && status != QLatin1String("ok")) saved += tr(" (%1)").arg(status);
    setCard(Card::LastSave, saved,
            tr("%1 changes since the last save at %2")
                .arg(s.rdbChangesSinceLastSave())
                .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(lastSave),
                                        QLocale::ShortFormat)));
    QString aof = tr("n/a");
    if (s.contains(QStringLiteral("aof_enabled"))) aof = s.aofEnabled() ? tr("on") : tr("off");
    if (s.aofRewriteInProgress()) aof += tr(", rewriting");
    const QString aofWrite = s.aofLastWriteStatus();
    if (s.aofEnabled() && !aofWrite.isEmpty() && aofWrite != QLatin1String("ok"))
        aof += tr(" (write %1)").arg(aofWrite);
    setCard(Card::Aof, aof);
}

void DashboardPanel::setLatencyMonitorThreshold(int ms)
{
    m_latencyMonitor->setThreshold(ms);
}

int DashboardPanel::latencyMonitorThreshold() const
{
    return m_latencyMonitor->threshold();
}

bool DashboardPanel::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error) *error = file.errorString();
        return false;
    }
    const qint64 now = m_lastTimeMs > 0 ? m_lastTimeMs : QDateTime::currentMSecsSinceEpoch();
    if (!m_history.writeCsv(&file, now - m_windowMs) || !file.commit()) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}

bool DashboardPanel::exportChartPng(TimeChart *chart, const QString &path, QString *error) const
{
    const QImage image = chart->toImage();
    if (image.isNull() || !image.save(path, "PNG")) {
        if (error) *error = tr("Could not write %1").arg(path);
        return false;
    }
    return true;
}

void DashboardPanel::onExportCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart data"),
                                                      QStringLiteral("redscope-metrics.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        m_status->setText(tr("Saved %1").arg(path));
}

void DashboardPanel::onExportPng(TimeChart *chart)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save chart image"),
                                                      QStringLiteral("redscope-chart.png"),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportChartPng(chart, path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        m_status->setText(tr("Saved %1").arg(path));
}

} // namespace redscope
