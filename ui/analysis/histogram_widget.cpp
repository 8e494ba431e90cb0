#include "analysis/histogram_widget.h"

#include <QLocale>
#include <QPainter>

namespace redscope {

HistogramWidget::HistogramWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void HistogramWidget::setBars(const QString &title, const QList<Bar> &bars,
                              const QString &emptyText)
{
    m_title = title;
    m_bars = bars;
    m_empty = emptyText;
    updateGeometry();
    update();
}

QSize HistogramWidget::sizeHint() const
{
    const int line = fontMetrics().height() + 6;
    return {360, line * int(1 + std::max<qsizetype>(1, m_bars.size())) + 4};
}

QSize HistogramWidget::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

void HistogramWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height() + 6;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, 0, width(), line), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    p.setFont(font());
    quint64 total = 0, top = 0;
    for (const Bar &b : m_bars) {
        total += b.value;
        top = std::max(top, b.value);
    }
    if (!total) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRect(0, line, width(), line), Qt::AlignLeft | Qt::AlignVCenter, m_empty);
        return;
    }
    int labelWidth = 0;
    for (const Bar &b : m_bars)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(b.label));
    labelWidth += 10;
    const QLocale locale;
    const int textWidth = fm.horizontalAdvance(QStringLiteral("00,000,000 (100.0%)  000.0 MB"));
    const int barSpace = std::max(20, width() - labelWidth - textWidth - 8);
    const QColor bar = palette().color(QPalette::Highlight);
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &b = m_bars[i];
        const int y = line * (i + 1);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(0, y, labelWidth, line), Qt::AlignLeft | Qt::AlignVCenter, b.label);
        const int w = top ? int(double(barSpace) * double(b.value) / double(top)) : 0;
        p.fillRect(QRect(labelWidth, y + 3, std::max(w, b.value ? 2 : 0), line - 6), bar);
        const QString text = QStringLiteral("%1 (%2%)%3")
                                 .arg(locale.toString(b.value))
                                 .arg(100.0 * double(b.value) / double(total), 0, 'f', 1)
                                 .arg(b.note.isEmpty() ? QString() : QStringLiteral("  ") + b.note);
        p.drawText(QRect(labelWidth + w + 6, y, width() - labelWidth - w - 6, line),
                   Qt::AlignLeft | Qt::AlignVCenter, text);
    }
}

} // namespace redscope
