// Layout: y labels in a left margin as wide as the widest label, x labels (-60s … 0s) below,
// a light grid at the y steps, the line over the plot area.
#include "pubsub/rate_sparkline.h"

#include "widgets/time_chart.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace redscope {

static constexpr int kSeconds = 60;
static constexpr int kYTicks = 4;

RateSparkline::RateSparkline(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void RateSparkline::setHistory(const QList<int> &perSecond)
{
    if (perSecond == m_history) return;
    m_history = perSecond;
    int peak = 0;
    for (int value : perSecond)
        peak = qMax(peak, value);
    const double top = qMax(10.0, peak * 1.1);
    const double step = TimeChart::niceStep(top, kYTicks, TimeChart::Unit::PerSecond);
    m_top = step * std::ceil(top / step);
    update();
}

void RateSparkline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetrics fm = fontMetrics();
    const double step = TimeChart::niceStep(m_top, kYTicks, TimeChart::Unit::PerSecond);
    QStringList yLabels;
    int labelWidth = 0;
    for (double v = 0; v <= m_top + step / 2; v += step) {
        // 0 reads as "0", not "0k" (the step's unit would otherwise be written on it too).
        yLabels.append(v == 0 ? QStringLiteral("0")
                              : TimeChart::formatValue(v, TimeChart::Unit::Count, step));
        labelWidth = qMax(labelWidth, fm.horizontalAdvance(yLabels.last()));
    }
    const QRect plot = rect().adjusted(labelWidth + 10, fm.height() / 2 + 2,
                                       -fm.averageCharWidth() * 2, -(fm.height() + 6));
    if (plot.width() < 10 || plot.height() < 10) return;

    const QColor text = pal.color(QPalette::WindowText);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(90);
    for (int i = 0; i < yLabels.size(); ++i) {
        const double y = plot.bottom() - plot.height() * (i * step) / m_top;
        painter.setPen(grid);
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(text);
        painter.drawText(QRectF(0, y - fm.height() / 2.0, labelWidth + 4, fm.height()),
                         Qt::AlignRight | Qt::AlignVCenter, yLabels[i]);
    }
    for (int seconds : {-60, -40, -20, 0}) {
        const double x = plot.left() + plot.width() * double(seconds + kSeconds) / kSeconds;
        const QString label = tr("%1s").arg(seconds);
        painter.drawText(QRectF(x - 30, plot.bottom() + 3, 60, fm.height()), Qt::AlignHCenter,
                         label);
    }
    if (m_history.isEmpty()) return;
    QPainterPath path;
    const int n = int(m_history.size());
    for (int i = 0; i < n; ++i) {
        const double x = plot.left() + plot.width() * double(kSeconds - (n - 1 - i)) / kSeconds;
        const double y = plot.bottom() - plot.height() * qMin(1.0, m_history[i] / m_top);
        if (i == 0)
            path.moveTo(x, y);
        else
            path.lineTo(x, y);
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(pal.color(QPalette::Highlight), 2));
    painter.drawPath(path);
}

} // namespace redscope
