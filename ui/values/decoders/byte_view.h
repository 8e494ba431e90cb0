// ByteView: a virtual hex/ASCII (16 bytes a row) or bits (8 bits a byte, 4 bytes a row) view
// of a ByteSource. Only the rows on screen are formatted, from bytes peeked from the source;
// rows whose bytes are still on their way show as "…" until arrived(). The scroll bar counts
// rows, so a 512 MB value is 33M rows and scrolls like any other. A found match is
// highlighted and scrolled to.
#pragma once

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

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateScrollBar();
    QString line(qint64 row, bool *loaded) const;

    QPointer<ByteSource> m_source;
    Kind m_kind = Kind::Hex;
    qint64 m_highlightOffset = -1;
    qint64 m_highlightLength = 0;
};

} // namespace redscope
