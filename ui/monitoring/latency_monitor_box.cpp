// The box asks for the threshold whenever the dashboard's connection becomes Ready and then
// shows one of three states: unsupported (no such CONFIG parameter), off (0, with the button to
// turn it on) or on (the events table, refreshed by the dashboard every few snapshots).
#include "monitoring/latency_monitor_box.h"

#include <QDateTime>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace redscope {

LatencyMonitorBox::LatencyMonitorBox(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_admin(connection)
    , m_state(new QLabel(this))
    , m_enable(new QPushButton(tr("Enable server latency monitor…"), this))
    , m_events(new QTableWidget(0, 4, this))
{
    m_state->setObjectName(QStringLiteral("latencyMonitorState"));
    m_state->setWordWrap(true);
    m_enable->setObjectName(QStringLiteral("enableLatencyMonitor"));
    m_enable->hide();
    connect(m_enable, &QPushButton::clicked, this, &LatencyMonitorBox::askToEnable);
    m_events->setObjectName(QStringLiteral("latencyEvents"));
    m_events->setHorizontalHeaderLabels(
        {tr("Event"), tr("Latest"), tr("Latest (ms)"), tr("Max (ms)")});
    m_events->horizontalHeader()->setStretchLastSection(true);
    m_events->verticalHeader()->hide();
    m_events->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_events->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    layout->addWidget(m_enable, 0, Qt::AlignLeft);
    layout->addWidget(m_events, 1);
    layout->addStretch(0);
}

void LatencyMonitorBox::refresh()
{
    m_admin.config("latency-monitor-threshold", this, [this](const Result<QString> &threshold) {
        if (!threshold.ok()) {
            m_threshold = -1;
            m_state->setText(tr("This server does not report latency-monitor-threshold; "
                                "server latency events are not available."));
            m_enable->hide();
            m_events->hide();
            return;
        }
        m_threshold = threshold.value.toInt();
        const bool on = m_threshold > 0;
        m_state->setText(on ? tr("Server latency monitor: events slower than %1 ms "
                                 "(LATENCY LATEST; history plotted on the chart).")
                                  .arg(m_threshold)
                            : tr("The server's latency monitor is off "
                                 "(latency-monitor-threshold is 0)."));
        m_enable->setVisible(!on);
        m_events->setVisible(on);
        if (on) refreshEvents();
    });
}

void LatencyMonitorBox::askToEnable()
{
    bool ok = false;
    const int ms =
        QInputDialog::getInt(this, tr("Enable latency monitor"),
                             tr("The server will record events slower than this many milliseconds\n"
                                "(CONFIG SET latency-monitor-threshold). Threshold in ms:"),
                             100, 1, 60000, 1, &ok);
    if (ok) setThreshold(ms);
}

void LatencyMonitorBox::setThreshold(int ms)
{
    m_admin.setConfig(
        "latency-monitor-threshold", QByteArray::number(ms), this, [this](const Status &status) {
            if (!status.ok()) {
                m_state->setText(tr("Could not set the threshold: %1").arg(status.error));
                return;
            }
            refresh();
        });
}

void LatencyMonitorBox::refreshEvents()
{
    m_admin.latencyLatest(this, [this](const Result<QList<LatencyEvent>> &latest) {
        if (!latest.ok()) return;
        const QList<LatencyEvent> &events = latest.value;
        m_events->setRowCount(int(events.size()));
        for (int row = 0; row < events.size(); ++row) {
            const LatencyEvent &event = events[row];
            const QStringList cells{
                event.name,
                QDateTime::fromSecsSinceEpoch(event.latestTimestamp).toString(Qt::ISODate),
                QString::number(event.latestMs), QString::number(event.maxMs)};
            for (int column = 0; column < cells.size(); ++column)
                m_events->setItem(row, column, new QTableWidgetItem(cells[column]));
            m_admin.latencyHistory(
                event.name.toUtf8(), this,
                [this, name = event.name](const Result<QList<LatencySample>> &history) {
                    QList<QPointF> points;
                    for (const LatencySample &s : history.value)
                        points.append(QPointF(double(s.timestamp) * 1000, s.ms));
                    emit historyLoaded(name, points);
                });
        }
    });
}

} // namespace redscope
