// ByteView paints text rows directly (no document): cost per repaint is the visible rows.
#include "values/decoders/byte_view.h"

#include "values/decoders/byte_source.h"
#include "values/decoders/formats.h"

#include <QFontDatabase>
#include <QPainter>
#include <QScrollBar>

namespace redscope {

ByteView::ByteView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(),
            qOverload<>(&QWidget::update));
}

void ByteView::setSource(ByteSource *source)
{
    if (m_source) disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    m_highlightOffset = -1;
    if (source) connect(source, &ByteSource::arrived, viewport(), qOverload<>(&QWidget::update));
    verticalScrollBar()->setValue(0);
    updateScrollBar();
    viewport()->update();
}

ByteSource *ByteView::source() const
{
    return m_source;
}

void ByteView::setKind(Kind kind)
{
    const qint64 offset = firstVisibleRow() * bytesPerRow();
    m_kind = kind;
    updateScrollBar();
    scrollToOffset(offset);
    viewport()->update();
}

qint64 ByteView::rowCount() const
{
    if (!m_source) return 0;
    return (m_source->size() + bytesPerRow() - 1) / bytesPerRow();
}

qint64 ByteView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

int ByteView::visibleRows() const
{
    return qMax(1, viewport()->height() / fontMetrics().lineSpacing());
}

void ByteView::updateScrollBar()
{
    const qint64 rows = rowCount();
    verticalScrollBar()->setRange(0, int(qMax<qint64>(0, rows - visibleRows() + 1)));
    verticalScrollBar()->setPageStep(visibleRows());
    verticalScrollBar()->setSingleStep(1);
    const int width =
        fontMetrics().horizontalAdvance(QLatin1Char('0')) * (m_kind == Kind::Hex ? 78 : 48);
    horizontalScrollBar()->setRange(0, qMax(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void ByteView::scrollToOffset(qint64 offset)
{
    const qint64 row = offset / bytesPerRow();
    if (row < firstVisibleRow() || row >= firstVisibleRow() + visibleRows() - 1)
        verticalScrollBar()->setValue(int(qMax<qint64>(0, row - visibleRows() / 3)));
}

void ByteView::highlight(qint64 offset, qint64 length)
{
    m_highlightOffset = offset;
    m_highlightLength = length;
    scrollToOffset(offset);
    viewport()->update();
}

QString ByteView::line(qint64 row, bool *loaded) const
{
    const qint64 offset = row * bytesPerRow();
    const QByteArray bytes = m_source ? m_source->peek(offset, bytesPerRow()) : QByteArray();
    *loaded = !bytes.isEmpty();
    if (!*loaded) return QStringLiteral("%1  …").arg(offset, 8, 16, QLatin1Char('0'));
    return m_kind == Kind::Hex ? formats::hexLine(bytes, offset) : formats::bitsLine(bytes, offset);
}

QStringList ByteView::visibleLines() const
{
    QStringList out;
    const qint64 rows = rowCount();
    for (qint64 row = firstVisibleRow(); row < rows && row < firstVisibleRow() + visibleRows();
         ++row) {
        bool loaded = false;
        out.append(line(row, &loaded));
    }
    return out;
}

void ByteView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setFont(font());
    const QFontMetrics metrics(font());
    const int lineHeight = metrics.lineSpacing();
    const int charWidth = metrics.horizontalAdvance(QLatin1Char('0'));
    const int x0 = 4 - horizontalScrollBar()->value();
    const qint64 rows = rowCount();
    const int perRow = bytesPerRow();
    for (int i = 0; i <= visibleRows(); ++i) {
        const qint64 row = firstVisibleRow() + i;
        if (row >= rows) break;
        bool loaded = false;
        const QString text = line(row, &loaded);
        const int y = i * lineHeight;
        const qint64 rowStart = row * perRow;
        if (m_highlightOffset >= 0 && m_highlightOffset < rowStart + perRow &&
            m_highlightOffset + m_highlightLength > rowStart) {
            // Highlight the matching bytes' columns in the hex part.
            const qint64 from = qMax(m_highlightOffset, rowStart) - rowStart;
            const qint64 to =
                qMin(m_highlightOffset + m_highlightLength, rowStart + perRow) - rowStart;
            const int cell = m_kind == Kind::Hex ? 3 : 9;
            const auto column = [&](qint64 b) {
                return 10 + int(b) * cell + (m_kind == Kind::Hex && b >= 8 ? 1 : 0);
            };
            painter.fillRect(x0 + column(from) * charWidth, y,
                             (column(to) - column(from)) * charWidth, lineHeight,
                             palette().highlight());
        }
        painter.setPen(loaded ? palette().color(QPalette::Text)
                              : palette().color(QPalette::PlaceholderText));
        painter.drawText(x0, y + metrics.ascent(), text);
    }
}

void ByteView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
}

} // namespace redscope
