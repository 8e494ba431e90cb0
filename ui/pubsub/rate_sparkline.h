// RateSparkline: the pub/sub panel's messages-per-second chart of the last 60 seconds, painted
// directly with QPainter. It replaced a QChartView whose once-a-second update cost the GUI
// thread about 5 ms (QGraphicsScene re-laying out axes and series) while 50k msg/s arrived;
// this paints 60 points and two axis labels in well under a millisecond. Colours come from the
// palette, so it follows the light and dark themes like the rest of the panel. The y axis uses
// the dashboard's round steps (TimeChart::niceStep), so its top reads 60k, not 57,311.
#pragma once

#include <QList>
#include <QWidget>

namespace redscope {

class RateSparkline : public QWidget
{
    Q_OBJECT

public:
    explicit RateSparkline(QWidget *parent = nullptr);

    // Messages in each of the last seconds, oldest first (RateTracker::history).
    void setHistory(const QList<int> &perSecond);
    QList<int> history() const { return m_history; }
    double axisTop() const { return m_top; } // the y axis' top value

    QSize sizeHint() const override { return {320, 170}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<int> m_history;
    double m_top = 10;
};

} // namespace redscope
