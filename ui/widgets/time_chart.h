// TimeChart: one live line chart of the dashboard (a QChartView over a QChart with a date-time
// x axis). Series are keyed by a short id ("used", "rss", "db0"); points older than the maximum
// window are trimmed as new ones arrive and the axes follow the selected window, with the y axis
// scaled to the visible points only. Reference lines (maxmemory) are horizontal series drawn
// across the whole window.
#pragma once

#include <QChartView>
#include <QHash>
#include <QString>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace redscope {

class TimeChart : public QChartView
{
    Q_OBJECT

public:
    explicit TimeChart(const QString &title, QWidget *parent = nullptr);

    QString title() const { return m_title; }
    void setTitleSuffix(const QString &suffix); // e.g. "p50 0.12 ms · p99 0.40 ms"

    void addSeries(const QString &key, const QString &label, const QColor &color);
    bool hasSeries(const QString &key) const { return m_series.contains(key); }
    void append(const QString &key, qint64 timeMs, double value);
    void setPoints(const QString &key, const QList<QPointF> &points); // x: ms since the epoch
    // A horizontal line at value (hidden when value <= 0).
    void setReferenceLine(const QString &key, const QString &label, double value,
                          const QColor &color);
    int pointCount(const QString &key) const;
    int totalPointCount() const;

    // Shows [nowMs - windowMs, nowMs]; keeps up to maxAgeMs of points.
    void setWindow(qint64 windowMs, qint64 nowMs);
    void setMaxAgeMs(qint64 ms) { m_maxAgeMs = ms; }
    void setFixedTop(double top) { m_fixedTop = top; } // e.g. 100 for percentages; 0: auto
    void clearPoints();

    // The chart rendered at its current size, for PNG export.
    QImage toImage() const;

private:
    void updateTitle();
    void rescale();

    QString m_title;
    QString m_suffix;
    QDateTimeAxis *m_xAxis;
    QValueAxis *m_yAxis;
    QHash<QString, QLineSeries *> m_series;
    QHash<QString, QLineSeries *> m_references;
    QHash<QString, double> m_referenceValues;
    qint64 m_windowMs = 60 * 1000;
    qint64 m_nowMs = 0;
    qint64 m_maxAgeMs = 3600 * 1000;
    double m_fixedTop = 0;
};

} // namespace redscope
