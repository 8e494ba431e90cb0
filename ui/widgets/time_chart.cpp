// Trimming removes from the front of each QLineSeries in one removePoints() call: O(k) per
// sample. The y range is recomputed over the visible points on every sample, O(points) with at
// most 3600 points per series at the default 1 s interval: negligible next to painting.
#include "widgets/time_chart.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <cmath>

namespace redscope {

TimeChart::TimeChart(const QString &title, QWidget *parent)
    : QChartView(new QChart, parent)
    , m_title(title)
    , m_xAxis(new QDateTimeAxis)
    , m_yAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("chart_") + title);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(210);
    QChart *c = chart();
    c->setMargins(QMargins(4, 4, 4, 4));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setAnimationOptions(QChart::NoAnimation);
    QFont titleFont = c->titleFont();
    titleFont.setBold(true);
    c->setTitleFont(titleFont);
    m_xAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_xAxis->setTickCount(5);
    m_yAxis->setLabelFormat(QStringLiteral("%.4g"));
    m_yAxis->setRange(0, 1);
    c->addAxis(m_xAxis, Qt::AlignBottom);
    c->addAxis(m_yAxis, Qt::AlignLeft);
    updateTitle();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setWindow(m_windowMs, now);
}

void TimeChart::setTitleSuffix(const QString &suffix)
{
    m_suffix = suffix;
    updateTitle();
}

void TimeChart::updateTitle()
{
    chart()->setTitle(m_suffix.isEmpty() ? m_title
                                         : QStringLiteral("%1  —  %2").arg(m_title, m_suffix));
}

void TimeChart::addSeries(const QString &key, const QString &label, const QColor &color)
{
    if (m_series.contains(key)) return;
    auto *series = new QLineSeries;
    series->setName(label);
    QPen pen(color);
    pen.setWidthF(1.8);
    series->setPen(pen);
    chart()->addSeries(series);
    series->attachAxis(m_xAxis);
    series->attachAxis(m_yAxis);
    m_series.insert(key, series);
}

void TimeChart::append(const QString &key, qint64 timeMs, double value)
{
    QLineSeries *series = m_series.value(key);
    if (!series || !std::isfinite(value)) return;
    series->append(double(timeMs), value);
    int old = 0;
    while (old < series->count() && series->at(old).x() < double(timeMs - m_maxAgeMs))
        ++old;
    if (old > 0) series->removePoints(0, old);
}

void TimeChart::setPoints(const QString &key, const QList<QPointF> &points)
{
    if (QLineSeries *series = m_series.value(key)) series->replace(points);
    rescale();
}

void TimeChart::setReferenceLine(const QString &key, const QString &label, double value,
                                 const QColor &color)
{
    QLineSeries *series = m_references.value(key);
    if (!series) {
        series = new QLineSeries;
        QPen pen(color);
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.5);
        series->setPen(pen);
        chart()->addSeries(series);
        series->attachAxis(m_xAxis);
        series->attachAxis(m_yAxis);
        m_references.insert(key, series);
    }
    series->setName(label);
    m_referenceValues.insert(key, value);
    series->setVisible(value > 0);
    rescale();
}

int TimeChart::pointCount(const QString &key) const
{
    const QLineSeries *series = m_series.value(key);
    return series ? series->count() : 0;
}

int TimeChart::totalPointCount() const
{
    int total = 0;
    for (const QLineSeries *series : m_series)
        total += series->count();
    return total;
}

void TimeChart::setWindow(qint64 windowMs, qint64 nowMs)
{
    m_windowMs = windowMs;
    m_nowMs = nowMs;
    m_xAxis->setFormat(windowMs > 15 * 60 * 1000 ? QStringLiteral("HH:mm")
                                                 : QStringLiteral("HH:mm:ss"));
    m_xAxis->setRange(QDateTime::fromMSecsSinceEpoch(nowMs - windowMs),
                      QDateTime::fromMSecsSinceEpoch(nowMs));
    rescale();
}

void TimeChart::clearPoints()
{
    for (QLineSeries *series : std::as_const(m_series))
        series->clear();
    rescale();
}

void TimeChart::rescale()
{
    const double from = double(m_nowMs - m_windowMs);
    double top = 0;
    for (const QLineSeries *series : std::as_const(m_series)) {
        const QList<QPointF> points = series->points();
        for (auto it = points.crbegin(); it != points.crend() && it->x() >= from; ++it)
            top = qMax(top, it->y());
    }
    for (auto it = m_references.constBegin(); it != m_references.constEnd(); ++it) {
        const double value = m_referenceValues.value(it.key());
        if (value <= 0) continue;
        it.value()->replace({QPointF(from, value), QPointF(double(m_nowMs), value)});
        top = qMax(top, value);
    }
    if (m_fixedTop > 0) {
        m_yAxis->setRange(0, m_fixedTop);
        return;
    }
    if (top <= 0) top = 1;
    m_yAxis->setRange(0, top * 1.12);
    m_yAxis->applyNiceNumbers();
}

QImage TimeChart::toImage() const
{
    return const_cast<TimeChart *>(this)->grab().toImage();
}

} // namespace redscope
