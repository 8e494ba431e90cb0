// ByteView paints text rows directly (no document): cost per repaint is the visible rows.
#include "values/decoders/byte_view.h"

#include "values/decoders/byte_source.h"
#include "values/decoders/formats.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QMouseEvent>
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
    m_edits.clear(); // edits belong to the bytes they were made over
    m_cursor = 0;
    m_nibble = 0;
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
    const QByteArray shown = m_edits.isModified() ? m_edits.applied(bytes, offset) : bytes;
    return m_kind == Kind::Hex ? formats::hexLine(shown, offset) : formats::bitsLine(shown, offset);
}

// Columns as formats::hexLine and bitsLine lay them out: an 8-digit offset and two spaces,
// then 16 "xx " cells with one more space after the eighth and " |" before the ASCII, or
// 4 "bbbbbbbb " cells.
int ByteView::hexColumn(int byteInRow) const
{
    if (m_kind == Kind::Bits) return 10 + byteInRow * 9;
    return 10 + byteInRow * 3 + (byteInRow >= 8 ? 1 : 0);
}

qreal ByteView::columnWidth() const
{
    return QFontMetricsF(font()).horizontalAdvance(QString(100, QLatin1Char('0'))) / 100.0;
}

int ByteView::asciiColumn(int byteInRow) const
{
    return 61 + byteInRow;
}

void ByteView::setEditable(bool editable)
{
    m_editable = editable;
    setFocusPolicy(editable ? Qt::StrongFocus : Qt::NoFocus);
    viewport()->update();
}

void ByteView::clearEdits()
{
    m_edits.clear();
    viewport()->update();
    emit editsChanged();
}

bool ByteView::undo()
{
    if (!m_edits.undo()) return false;
    viewport()->update();
    emit editsChanged();
    return true;
}

bool ByteView::redo()
{
    if (!m_edits.redo()) return false;
    viewport()->update();
    emit editsChanged();
    return true;
}

void ByteView::setCursorOffset(qint64 offset, bool ascii)
{
    m_ascii = ascii && m_kind == Kind::Hex;
    m_nibble = 0;
    moveCursor(offset);
}

void ByteView::moveCursor(qint64 offset)
{
    const qint64 size = m_source ? m_source->size() : 0;
    m_cursor = qBound<qint64>(0, offset, qMax<qint64>(0, size - 1));
    scrollToOffset(m_cursor);
    viewport()->update();
}

bool ByteView::overwrite(qint64 offset, char value)
{
    if (!m_editable || !m_source || offset < 0 || offset >= m_source->size()) return false;
    const QByteArray original = m_source->peek(offset, 1);
    if (original.isEmpty()) return false; // not here yet: nothing to overwrite
    m_edits.set(offset, original.at(0), value);
    viewport()->update();
    emit editsChanged();
    return true;
}

bool ByteView::toggleBit(qint64 offset, int bit)
{
    if (!m_source) return false;
    const QByteArray original = m_source->peek(offset, 1);
    if (original.isEmpty()) return false;
    const char now = m_edits.at(offset).value_or(original.at(0));
    return overwrite(offset, char(quint8(now) ^ (0x80 >> bit)));
}

bool ByteView::typeChar(QChar c)
{
    if (!m_editable || !m_source || m_cursor >= m_source->size()) return false;
    const QByteArray original = m_source->peek(m_cursor, 1);
    if (original.isEmpty()) return false;
    const quint8 now = quint8(m_edits.at(m_cursor).value_or(original.at(0)));
    if (m_kind == Kind::Bits) {
        const quint8 mask = quint8(0x80 >> m_nibble);
        quint8 value = now;
        if (c == QLatin1Char('0'))
            value &= quint8(~mask);
        else if (c == QLatin1Char('1'))
            value |= mask;
        else if (c == QLatin1Char(' '))
            value ^= mask;
        else
            return false;
        overwrite(m_cursor, char(value));
        if (m_nibble < 7) {
            ++m_nibble;
        } else if (m_cursor + 1 < m_source->size()) {
            m_nibble = 0;
            moveCursor(m_cursor + 1);
        }
        viewport()->update();
        return true;
    }
    if (m_ascii) {
        if (c.unicode() < 32 || c.unicode() > 126) return false;
        overwrite(m_cursor, char(c.unicode()));
        moveCursor(m_cursor + 1);
        return true;
    }
    const int digit = QStringLiteral("0123456789abcdef").indexOf(c.toLower());
    if (digit < 0) return false;
    const quint8 value =
        m_nibble == 0 ? quint8((digit << 4) | (now & 0x0f)) : quint8((now & 0xf0) | digit);
    overwrite(m_cursor, char(value));
    if (m_nibble == 0) {
        m_nibble = 1;
        viewport()->update();
    } else if (m_cursor + 1 < m_source->size()) {
        m_nibble = 0;
        moveCursor(m_cursor + 1);
    }
    return true;
}

bool ByteView::typeText(const QString &text)
{
    bool any = false;
    for (const QChar c : text)
        any = typeChar(c) || any;
    return any;
}

void ByteView::keyPressEvent(QKeyEvent *event)
{
    if (!m_editable || !m_source) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (event->matches(QKeySequence::Undo)) {
        undo();
        return;
    }
    if (event->matches(QKeySequence::Redo)) {
        redo();
        return;
    }
    const int perRow = bytesPerRow();
    const int units = m_kind == Kind::Bits ? 8 : (m_ascii ? 1 : 2); // cursor steps per byte
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const int step = event->key() == Qt::Key_Left ? -1 : 1;
        qint64 position = m_cursor * units + (units > 1 ? m_nibble : 0) + step;
        position = qBound<qint64>(0, position, m_source->size() * units - 1);
        m_nibble = units > 1 ? int(position % units) : 0;
        moveCursor(position / units);
        return;
    }
    case Qt::Key_Up:
        moveCursor(m_cursor - perRow);
        return;
    case Qt::Key_Down:
        moveCursor(m_cursor + perRow);
        return;
    case Qt::Key_PageUp:
        moveCursor(m_cursor - qint64(perRow) * visibleRows());
        return;
    case Qt::Key_PageDown:
        moveCursor(m_cursor + qint64(perRow) * visibleRows());
        return;
    case Qt::Key_Home:
        m_nibble = 0;
        moveCursor(m_cursor - m_cursor % perRow);
        return;
    case Qt::Key_End:
        m_nibble = 0;
        moveCursor(m_cursor - m_cursor % perRow + perRow - 1);
        return;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        if (m_kind == Kind::Hex) {
            m_ascii = !m_ascii;
            m_nibble = 0;
            viewport()->update();
        }
        return;
    default:
        break;
    }
    if (!event->text().isEmpty() && typeText(event->text())) return;
    QAbstractScrollArea::keyPressEvent(event);
}

void ByteView::mousePressEvent(QMouseEvent *event)
{
    if (!m_editable || !m_source || event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QFontMetrics metrics(font());
    const qreal charWidth = columnWidth();
    const int column =
        int((event->position().x() - 4 + horizontalScrollBar()->value()) / charWidth);
    const qint64 row = firstVisibleRow() + int(event->position().y()) / metrics.lineSpacing();
    const int perRow = bytesPerRow();
    for (int i = 0; i < perRow; ++i) {
        const int width = m_kind == Kind::Bits ? 8 : 2;
        if (column >= hexColumn(i) && column < hexColumn(i) + width + 1) {
            m_ascii = false;
            m_nibble = qMin(column - hexColumn(i), width - 1);
            moveCursor(row * perRow + i);
            return;
        }
        if (m_kind == Kind::Hex && column == asciiColumn(i)) {
            m_ascii = true;
            m_nibble = 0;
            moveCursor(row * perRow + i);
            return;
        }
    }
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
    // Fractional: the row is drawn as one string, so an integer advance drifts across it.
    const qreal charWidth = columnWidth();
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
            painter.fillRect(QRectF(x0 + column(from) * charWidth, y,
                                    (column(to) - column(from)) * charWidth, lineHeight),
                             palette().highlight());
        }
        const int cellWidth = m_kind == Kind::Hex ? 2 : 8;
        if (loaded && m_edits.isModified()) {
            // Edited, not saved yet: the byte's cell (and its ASCII character) in amber.
            const QColor edited(255, 179, 71, 170);
            for (int b = 0; b < perRow; ++b) {
                if (!m_edits.contains(rowStart + b)) continue;
                painter.fillRect(
                    QRectF(x0 + hexColumn(b) * charWidth, y, cellWidth * charWidth, lineHeight),
                    edited);
                if (m_kind == Kind::Hex)
                    painter.fillRect(
                        QRectF(x0 + asciiColumn(b) * charWidth, y, charWidth, lineHeight), edited);
            }
        }
        if (m_editable && m_cursor >= rowStart && m_cursor < rowStart + perRow) {
            const int b = int(m_cursor - rowStart);
            const int unit = m_ascii ? asciiColumn(b) : hexColumn(b) + m_nibble;
            const int counterpart = m_ascii ? hexColumn(b) : asciiColumn(b);
            if (m_kind == Kind::Hex) // where the same byte sits in the other column
                painter.fillRect(QRectF(x0 + counterpart * charWidth, y,
                                        (m_ascii ? 2 : 1) * charWidth, lineHeight),
                                 palette().color(QPalette::AlternateBase));
            painter.setPen(hasFocus() ? palette().color(QPalette::Highlight)
                                      : palette().color(QPalette::Mid));
            painter.drawRect(QRectF(x0 + unit * charWidth, y, charWidth - 1, lineHeight - 1));
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
