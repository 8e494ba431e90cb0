// ConfigValueDelegate: the config editor's value editor, chosen by the parameter's type
// (ConfigModel's TypeRole): a combo box of the allowed values for enums and yes/no for
// booleans, committed as soon as one is picked; a line edit that only takes whole numbers for
// integers, and sizes with units (100mb, 2gb, 512k) for memory; plain text otherwise.
#pragma once

#include <QStyledItemDelegate>

namespace redscope {

class ConfigValueDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
};

} // namespace redscope
