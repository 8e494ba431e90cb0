// KeyTypeBadgeDelegate: paints the key tree's Type column as a small rounded badge in the
// type's colour (preferences/theme.h keyTypeColour(), light or dark after the palette the
// row is painted with), like the type labels of other Redis GUIs. Only painting changes: the
// model still says "hash", so sorting, copying and tests read the same text.
#pragma once

#include <QStyledItemDelegate>

namespace redscope {

class KeyTypeBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace redscope
