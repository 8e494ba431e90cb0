// Trimming removes from the front of each QLineSeries in one removePoints() call: O(k) per
// sample. The y range is recomputed over the visible points on every sample, O(points) with at
// most 3600 points per series at the default 1 s interval: negligible next to painting.
// The y axis is a QCategoryAxis with labels on the tick values: QValueAxis can only print the
// raw number through a printf format, which cannot say "512 KB". Labels are rebuilt only when
// the axis' top changes, so an idle chart does not relayout every sample.
#include "widgets/time_chart.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QLocale>
#include <QPen>

#include <cmath>

namespace redscope {

static constexpr int kMaxIntervals = 5; // the smallest round step giving at most this many

static bool isBytes(TimeChart::Unit unit)
{
    return unit == TimeChart::Unit::Bytes || unit == TimeChart::Unit::BytesPerSecond;
}

// 1, 2 or 5 times a power of ten, at least x.
static double niceDecimal(double x)
{
    if (x <= 0) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(x)));
    const double f = x / power;
    const double nice = f <= 1.0 ? 1 : f <= 2.0 ? 2 : f <= 5.0 ? 5 : 10;
    return nice * power;
}

// Digits after the point that a step needs (0.25 -> 2, 5 -> 0).
static int decimalsFor(double step)
{
    if (step <= 0 || step >= 1) return 0;
    int decimals = 0;
    while (decimals < 6 && std::abs(step - std::round(step)) > 1e-9 * std::max(1.0, step)) {
        step *= 10;
        ++decimals;
    }
    return decimals;
}

double TimeChart::niceStep(double top, int ticks, Unit unit)
{
    const double raw = top / double(qMax(1, ticks));
    if (isBytes(unit) && raw >= 1) {
        double base = 1;
        while (raw / base >= 1024.0 && base < 1024.0 * 1024 * 1024 * 1024)
            base *= 1024;
        return niceDecimal(raw / base) * base;
    }
    const double step = niceDecimal(raw);
    return unit == Unit::Count ? qMax(1.0, step) : step; // no half clients
}

QString TimeChart::formatValue(double value, Unit unit, double step)
{
    const QLocale locale;
    const double scale = step > 0 ? step : std::abs(value);
    if (isBytes(unit)) {
        static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
        int index = 0;
        double divisor = 1;
        while (index < 4 && scale >= divisor * 1024) {
            divisor *= 1024;
            ++index;
        }
        const int decimals =
            step > 0 ? decimalsFor(step / divisor) : (index > 0 && value / divisor < 10 ? 1 : 0);
        QString text = QStringLiteral("%1 %2").arg(locale.toString(value / divisor, 'f', decimals),
                                                   QLatin1String(units[index]));
        if (unit == Unit::BytesPerSecond) text += QStringLiteral("/s");
        return text;
    }
    QString number;
    if ((unit == Unit::Count || unit == Unit::PerSecond) && scale >= 1000) {
        const bool millions = scale >= 1e6;
        const double divisor = millions ? 1e6 : 1e3;
        const int decimals = step > 0 ? decimalsFor(step / divisor) : (value / divisor < 10);
        number =
            locale.toString(value / divisor, 'f', decimals) + QLatin1String(millions ? "M" : "k");
    } else {
        const int decimals = step > 0 ? decimalsFor(step)
                                      : (unit == Unit::Milliseconds ? 3
                                         : value < 10               ? 1
                                                                    : 0);
        number = locale.toString(value, 'f', decimals);
    }
    switch (unit) {
    case Unit::PerSecond:
        return number + QStringLiteral("/s");
    case Unit::Milliseconds:
        return number + QStringLiteral(" ms");
    case Unit::Percent:
        return number + QStringLiteral(" %");
    default:
        return number;
    }
}

TimeChart::TimeChart(const QString &title, QWidget *parent)
    : QChartView(new QChart, parent)
    , m_title(title)
    , m_xAxis(new QDateTimeAxis)
    , m_yAxis(new QCategoryAxis)
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
    m_xAxis->setTickCount(4); // "HH:mm:ss" labels stay whole down to ~330 px wide charts
    m_yAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_yAxis->setRange(0, 1);
    c->addAxis(m_xAxis, Qt::AlignBottom);
    c->addAxis(m_yAxis, Qt::AlignLeft);
    updateTitle();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setWindow(m_windowMs, now);
}

void TimeChart::setUnit(Unit unit)
{
    m_unit = unit;
    m_top = -1;
    rescale();
}

QList<double> TimeChart::tickValues() const
{
    QList<double> values;
    values.append(m_yAxis->startValue());
    for (const QString &label : m_yAxis->categoriesLabels())
        values.append(m_yAxis->endValue(label));
    return values;
}

QStringList TimeChart::tickLabels() const
{
    return m_yAxis->categoriesLabels();
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
    if (m_fixedTop > 0) top = m_fixedTop;
    if (top <= 0) top = m_unit == Unit::Milliseconds ? 1 : isBytes(m_unit) ? 1024 : 5;
    if (m_fixedTop <= 0) top *= 1.05; // a little air above the highest point
    const double step = niceStep(top, kMaxIntervals, m_unit);
    const int intervals = qMax(1, int(std::ceil(top / step - 1e-9)));
    const double axisTop = step * intervals;
    if (axisTop == m_top) return;
    m_top = axisTop;
    for (const QString &label : m_yAxis->categoriesLabels())
        m_yAxis->remove(label);
    m_yAxis->setStartValue(0);
    for (int i = 1; i <= intervals; ++i)
        m_yAxis->append(formatValue(step * i, m_unit, step), step * i);
    m_yAxis->setRange(0, axisTop);
}

QImage TimeChart::toImage() const
{
    return const_cast<TimeChart *>(this)->grab().toImage();
}

} // namespace redscope
