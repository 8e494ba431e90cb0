// CompletionDelegate: paints a row of the console's completion popup as the word, then its
// summary in a dimmer colour and elided to the row's width ("GET  Returns the string value of
// a key"), so choosing a command does not need the documentation open beside it.
#pragma once

#include <QStyledItemDelegate>

namespace redscope {

class CompletionDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace redscope
