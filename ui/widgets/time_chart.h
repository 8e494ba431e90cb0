// TimeChart: one live line chart of the dashboard (a QChartView over a QChart with a date-time
// x axis). Series are keyed by a short id ("used", "rss", "db0"); points older than the maximum
// window are trimmed as new ones arrive and the axes follow the selected window, with the y axis
// scaled to the visible points only. Reference lines (maxmemory) are horizontal series drawn
// across the whole window. The y axis uses round steps (1, 2 or 5 times a power of ten; for
// bytes powers of 1024 first) and labels them in the chart's unit ("512 KB", "1.5k ops/s"), so
// a reader never sees "4e+05" or a 33.33 tick.
#pragma once

#include <QChartView>
#include <QHash>
#include <QString>

class QCategoryAxis;
class QDateTimeAxis;
class QLineSeries;

namespace redscope {

class TimeChart : public QChartView
{
    Q_OBJECT

public:
    // What the values are, for the y axis labels.
    enum class Unit { Count, Bytes, BytesPerSecond, PerSecond, Milliseconds, Percent };

    explicit TimeChart(const QString &title, QWidget *parent = nullptr);

    void setUnit(Unit unit);
    Unit unit() const { return m_unit; }
    // A value as the axis writes it ("1.5 MB", "250 ops/s", "0.12 ms").
    static QString formatValue(double value, Unit unit, double step = 0);
    // The smallest round step that spans 0..top in at most `ticks` intervals.
    static double niceStep(double top, int ticks, Unit unit);
    // The y axis ticks as drawn (values and labels), for tests.
    QList<double> tickValues() const;
    QStringList tickLabels() const;

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
    QCategoryAxis *m_yAxis;
    Unit m_unit = Unit::Count;
    double m_top = -1; // the last range's top, to relabel only when it changes
    QHash<QString, QLineSeries *> m_series;
    QHash<QString, QLineSeries *> m_references;
    QHash<QString, double> m_referenceValues;
    qint64 m_windowMs = 60 * 1000;
    qint64 m_nowMs = 0;
    qint64 m_maxAgeMs = 3600 * 1000;
    double m_fixedTop = 0;
};

} // namespace redscope
