// ByteView: a virtual hex/ASCII (16 bytes a row) or bits (8 bits a byte, 4 bytes a row) view
// of a ByteSource. Only the rows on screen are formatted, from bytes peeked from the source;
// rows whose bytes are still on their way show as "…" until arrived(). The scroll bar counts
// rows, so a 512 MB value is 33M rows and scrolls like any other. A found match is
// highlighted and scrolled to.
// Editable (setEditable): the bytes are overwritten in place, never inserted or removed: hex
// digits in the hex column (a nibble at a time), characters in the ASCII column (Tab switches),
// 0/1/space on a bit in the bits view; arrows and clicks move the cursor. Edits go into a
// ByteEdits overlay (undo/redo with the usual keys) and edited bytes are painted highlighted
// until saved; the source is never written.
#pragma once

#include "values/byte_edits.h"

#include <QAbstractScrollArea>
#include <QPointer>

namespace redscope {

class ByteSource;

class ByteView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    enum class Kind { Hex, Bits };

    explicit ByteView(QWidget *parent = nullptr);

    void setSource(ByteSource *source);
    ByteSource *source() const;
    void setKind(Kind kind);
    Kind kind() const { return m_kind; }
    int bytesPerRow() const { return m_kind == Kind::Hex ? 16 : 4; }
    qint64 rowCount() const;
    qint64 firstVisibleRow() const;
    int visibleRows() const;
    void scrollToOffset(qint64 offset);
    void highlight(qint64 offset, qint64 length);
    // The text of the rows on screen (what a test or a copy sees), "…" where not loaded.
    QStringList visibleLines() const;

    // Editing: off by default. Turning it off keeps the edits; clearEdits() drops them.
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }
    const ByteEdits &edits() const { return m_edits; }
    void clearEdits();
    bool undo();
    bool redo();
    // Where typing goes: a byte offset; in the hex view also the nibble (0 high, 1 low) or
    // the ASCII column, in the bits view the bit (0 the highest).
    qint64 cursorOffset() const { return m_cursor; }
    void setCursorOffset(qint64 offset, bool ascii = false);
    bool cursorInAscii() const { return m_ascii; }
    // Types as the keyboard would: hex digits, characters in the ASCII column, 0/1 on bits.
    bool typeText(const QString &text);
    // Flips bit `bit` (0 the highest) of the byte at offset; false when not loaded.
    bool toggleBit(qint64 offset, int bit);

signals:
    void editsChanged(); // an edit, an undo or a redo

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void updateScrollBar();
    QString line(qint64 row, bool *loaded) const;
    bool overwrite(qint64 offset, char value);
    bool typeChar(QChar c);
    void moveCursor(qint64 offset);
    int hexColumn(int byteInRow) const; // character column of a byte's first hex digit / bit
    int asciiColumn(int byteInRow) const;
    qreal columnWidth() const; // of one character, fractional

    QPointer<ByteSource> m_source;
    Kind m_kind = Kind::Hex;
    qint64 m_highlightOffset = -1;
    qint64 m_highlightLength = 0;
    bool m_editable = false;
    ByteEdits m_edits;
    qint64 m_cursor = 0;
    int m_nibble = 0; // hex: 0 high, 1 low; bits: the bit, 0 the highest
    bool m_ascii = false;
};

} // namespace redscope
