// The word keeps the style's item painting (selection, focus); only the summary is drawn by
// hand, after the word, in the palette's placeholder colour (highlighted text when selected).
#include "console/completion_delegate.h"

#include "console/console_completion_model.h"

#include <QApplication>
#include <QPainter>

namespace redscope {

static constexpr int kGap = 16;
static constexpr int kSummaryColumnChars = 20;

void CompletionDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QString summary = index.data(ConsoleCompletionModel::SummaryRole).toString();
    if (summary.isEmpty()) return;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // Summaries start in one column (past the longest usual command name), so they line up.
    const int column = qMax(opt.fontMetrics.horizontalAdvance(opt.text) + kGap,
                            opt.fontMetrics.averageCharWidth() * kSummaryColumnChars);
    QRect area = opt.rect.adjusted(column + 6, 0, -6, 0);
    if (area.width() < 40) return;
    const bool selected = opt.state & QStyle::State_Selected;
    painter->save();
    QFont font = opt.font;
    font.setItalic(true);
    painter->setFont(font);
    painter->setPen(
        opt.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
    const QString elided = QFontMetrics(font).elidedText(summary, Qt::ElideRight, area.width());
    painter->drawText(area, Qt::AlignVCenter | Qt::AlignLeft, elided);
    painter->restore();
}

QSize CompletionDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString summary = index.data(ConsoleCompletionModel::SummaryRole).toString();
    if (!summary.isEmpty())
        size.setWidth(size.width() + kGap +
                      qMin(option.fontMetrics.horizontalAdvance(summary), 420));
    return size;
}

} // namespace redscope
