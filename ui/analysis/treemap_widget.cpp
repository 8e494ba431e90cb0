// Squarified layout: items sorted by size, largest first, are added to the current row along
// the shorter side of the remaining rectangle while that does not worsen the row's worst
// aspect ratio; then the row is fixed and the rest fills what remains. O(n) per level after
// the sort; levels are capped by the report's tree (a thousand children at most), and cells
// under two pixels are skipped when painting.
#include "analysis/treemap_widget.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace redscope {

namespace {

struct Item
{
    int node;
    quint64 bytes;
};

double worst(const std::vector<double> &row, double side)
{
    double sum = 0, lo = 1e300, hi = 0;
    for (double a : row) {
        sum += a;
        lo = std::min(lo, a);
        hi = std::max(hi, a);
    }
    if (sum <= 0 || lo <= 0) return 1e300;
    const double s2 = side * side, sum2 = sum * sum;
    return std::max(s2 * hi / sum2, sum2 / (s2 * lo));
}

// Neighbours differ: colours go by rank among the level's cells (largest first), from a
// fixed set of soft hues, so a report looks the same every time it is opened.
QColor colorFor(int rank)
{
    static const int hues[] = {200, 30, 120, 340, 50, 260, 170, 10, 90, 290, 150, 230};
    return QColor::fromHsv(hues[rank % int(std::size(hues))], 85, 220);
}

} // namespace

TreemapWidget::TreemapWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("analysisTreemap"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(200, 140);
}

void TreemapWidget::setReport(const AnalysisReport *report)
{
    m_report = report;
    m_root = 0;
    layoutCells();
    update();
    emit rootChanged(m_root);
}

void TreemapWidget::setRoot(int node)
{
    if (!m_report || node < 0 || node >= m_report->namespaces.size() || node == m_root) return;
    m_root = node;
    layoutCells();
    update();
    emit rootChanged(m_root);
}

void TreemapWidget::layoutCells()
{
    m_cells.clear();
    m_hover = -2;
    if (!m_report || m_report->namespaces.isEmpty()) return;
    const NamespaceNode &root = m_report->namespaces[m_root];
    std::vector<Item> items;
    quint64 childBytes = 0;
    for (int child : root.children) {
        const quint64 b = m_report->namespaces[child].bytes;
        childBytes += b;
        if (b) items.push_back({child, b});
    }
    if (root.bytes > childBytes) items.push_back({-1, root.bytes - childBytes});
    std::sort(items.begin(), items.end(),
              [](const Item &a, const Item &b) { return a.bytes > b.bytes; });
    double total = 0;
    for (const Item &i : items)
        total += double(i.bytes);
    QRectF free = QRectF(rect()).adjusted(1, 1, -1, -1);
    if (total <= 0 || free.width() <= 0 || free.height() <= 0) return;
    const double scale = free.width() * free.height() / total;

    size_t next = 0;
    while (next < items.size()) {
        const double side = std::min(free.width(), free.height());
        std::vector<double> row{double(items[next].bytes) * scale};
        size_t end = next + 1;
        while (end < items.size()) {
            std::vector<double> longer = row;
            longer.push_back(double(items[end].bytes) * scale);
            if (worst(longer, side) > worst(row, side)) break;
            row = std::move(longer);
            ++end;
        }
        double rowArea = 0;
        for (double a : row)
            rowArea += a;
        const bool horizontal = free.width() >= free.height(); // row as a column on the left
        const double thickness = rowArea / side;
        double offset = 0;
        for (size_t i = next; i < end; ++i) {
            const double length = row[i - next] / thickness;
            QRectF r = horizontal ? QRectF(free.left(), free.top() + offset, thickness, length)
                                  : QRectF(free.left() + offset, free.top(), length, thickness);
            offset += length;
            m_cells.append({items[i].node, r, items[i].bytes});
        }
        if (horizontal)
            free.setLeft(free.left() + thickness);
        else
            free.setTop(free.top() + thickness);
        next = end;
    }
}

int TreemapWidget::nodeAt(const QPoint &pos) const
{
    for (const Cell &cell : m_cells)
        if (cell.rect.contains(pos)) return cell.node;
    return -2;
}

void TreemapWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (m_cells.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No keys"));
        return;
    }
    const QLocale locale;
    const QFontMetrics fm(font());
    int rank = -1;
    for (const Cell &cell : m_cells) {
        ++rank;
        if (cell.rect.width() < 2 || cell.rect.height() < 2) continue;
        const QString name =
            cell.node >= 0 ? m_report->namespaces[cell.node].name : tr("(keys here)");
        QColor fill = cell.node >= 0 ? colorFor(rank) : QColor(200, 200, 200);
        if (cell.node == m_hover) fill = fill.lighter(112);
        p.fillRect(cell.rect, fill);
        p.setPen(QPen(palette().color(QPalette::Base), 1.5));
        p.drawRect(cell.rect);
        const QRectF text = cell.rect.adjusted(5, 3, -4, -3);
        if (text.width() > 24 && text.height() > fm.height()) {
            p.setPen(QColor(30, 30, 30));
            QString label = fm.elidedText(name, Qt::ElideRight, int(text.width()));
            p.drawText(text, Qt::AlignLeft | Qt::AlignTop, label);
            if (text.height() > 2 * fm.height() + 2) {
                const QString size = locale.formattedDataSize(qint64(cell.bytes), 1,
                                                              QLocale::DataSizeTraditionalFormat);
                p.drawText(text.adjusted(0, fm.height() + 1, 0, 0), Qt::AlignLeft | Qt::AlignTop,
                           fm.elidedText(size, Qt::ElideRight, int(text.width())));
            }
        }
    }
}

void TreemapWidget::resizeEvent(QResizeEvent *)
{
    layoutCells();
}

void TreemapWidget::mousePressEvent(QMouseEvent *event)
{
    if (!m_report) return;
    if (event->button() == Qt::RightButton) {
        const int parent = m_report->namespaces[m_root].parent;
        if (parent >= 0) setRoot(parent);
        return;
    }
    const int node = nodeAt(event->position().toPoint());
    if (node < 0) return;
    emit nodeActivated(node);
    if (!m_report->namespaces[node].children.isEmpty()) setRoot(node);
}

void TreemapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const int node = nodeAt(event->position().toPoint());
    if (node != m_hover) {
        m_hover = node;
        update();
    }
    if (!m_report || node == -2) return QToolTip::hideText();
    const QLocale locale;
    const NamespaceNode &n = node >= 0 ? m_report->namespaces[node] : m_report->namespaces[m_root];
    quint64 bytes = n.bytes, keys = n.keys;
    if (node < 0) {
        for (const Cell &c : m_cells)
            if (c.node == -1) bytes = c.bytes;
        keys = n.directKeys;
    }
    QToolTip::showText(
        event->globalPosition().toPoint(),
        tr("%1\n%2 keys, %3 (%4% of all)")
            .arg(node >= 0
                     ? n.path
                     : tr("Keys directly in %1").arg(n.path.isEmpty() ? tr("the root") : n.path))
            .arg(locale.toString(keys))
            .arg(locale.formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat))
            .arg(m_report->totals.bytes ? 100.0 * double(bytes) / double(m_report->totals.bytes)
                                        : 0.0,
                 0, 'f', 1),
        this);
}

void TreemapWidget::keyPressEvent(QKeyEvent *event)
{
    if (m_report && event->key() == Qt::Key_Backspace) {
        const int parent = m_report->namespaces[m_root].parent;
        if (parent >= 0) setRoot(parent);
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace redscope
