// StatusLine: one line of text that changes often (message counts, rates) without making the
// window lay itself out again. A QLabel asks its layout for a new geometry on every setText():
// in the pub/sub panel that relaid the whole panel (table, splitters, chart) once a second per
// label, 4-5 ms of the GUI thread each time under load. This widget's size hint depends on its
// font only, so a new text is just a repaint of its own rectangle; text too long for the width
// is elided on the right (the full text is the tool tip).
#pragma once

#include <QWidget>

namespace redscope {

class StatusLine : public QWidget
{
    Q_OBJECT

public:
    explicit StatusLine(QWidget *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    // Colour of the text; invalid: the palette's window text.
    void setColor(const QColor &color);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    QColor m_color;
};

} // namespace redscope
