// TreemapWidget: one level of an analysis report's namespace tree as a squarified treemap
// (Bruls, Huizing, van Wijk): each child namespace a rectangle whose area is its share of the
// level's bytes, laid out in rows that keep rectangles close to square. Keys directly at the
// level (no deeper namespace) are one more rectangle. Clicking a namespace with children
// drills into it (nodeActivated), right click or Backspace goes up; the view's breadcrumb
// follows rootChanged. Painting only: the layout is recomputed on resize and root change.
#pragma once

#include "analysis/analysis_report.h"

#include <QWidget>

namespace redscope {

class TreemapWidget : public QWidget
{
    Q_OBJECT

public:
    explicit TreemapWidget(QWidget *parent = nullptr);

    void setReport(const AnalysisReport *report); // not owned; nullptr clears
    void setRoot(int node);
    int root() const { return m_root; }
    // The rectangles laid out now: node index (-1: keys directly at the level), area.
    struct Cell
    {
        int node = -1;
        QRectF rect;
        quint64 bytes = 0;
    };
    const QList<Cell> &cells() const { return m_cells; }
    int nodeAt(const QPoint &pos) const; // -2 when no cell

    QSize sizeHint() const override { return {480, 320}; }

signals:
    void rootChanged(int node);
    void nodeActivated(int node); // a click on a namespace (drilled into when it has children)

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void layoutCells();

    const AnalysisReport *m_report = nullptr;
    int m_root = 0;
    int m_hover = -2;
    QList<Cell> m_cells;
};

} // namespace redscope
