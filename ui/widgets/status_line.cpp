#include "widgets/status_line.h"

#include <QPainter>

namespace redscope {

StatusLine::StatusLine(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void StatusLine::setText(const QString &text)
{
    if (text == m_text) return;
    m_text = text;
    setToolTip(text);
    update();
}

void StatusLine::setColor(const QColor &color)
{
    m_color = color;
    update();
}

QSize StatusLine::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 40, fontMetrics().height() + 4};
}

QSize StatusLine::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 8, fontMetrics().height() + 4};
}

void StatusLine::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(m_color.isValid() ? m_color : palette().color(QPalette::WindowText));
    const QRect area = contentsRect().adjusted(1, 0, -1, 0);
    painter.drawText(area, Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(m_text, Qt::ElideRight, area.width()));
}

} // namespace redscope
