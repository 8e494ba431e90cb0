// Validators keep a half-typed value from being committed (Enter does nothing until it is
// acceptable); what passes may still be refused by the server, whose error the editor shows.
#include "server/config_value_delegate.h"

#include "server/config_model.h"
#include "server/config_parameters.h"

#include <QComboBox>
#include <QLineEdit>
#include <QRegularExpressionValidator>

namespace redscope {

QWidget *ConfigValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    const auto type = ConfigParameter::Type(index.data(ConfigModel::TypeRole).toInt());
    const QStringList values = index.data(ConfigModel::AllowedValuesRole).toStringList();
    if (!values.isEmpty()) {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("configValueCombo"));
        combo->addItems(values);
        // One pick is the whole edit: commit it and close, as Enter would.
        connect(combo, &QComboBox::activated, this, [this, combo] {
            auto *self = const_cast<ConfigValueDelegate *>(this);
            emit self->commitData(combo);
            emit self->closeEditor(combo);
        });
        return combo;
    }
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    auto *line = qobject_cast<QLineEdit *>(editor);
    if (!line) return editor;
    const QString name = index.data(ConfigModel::NameRole).toString();
    if (type == ConfigParameter::Type::Integer) {
        line->setValidator(
            new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?\\d*")), line));
        line->setPlaceholderText(tr("a whole number"));
    } else if (type == ConfigParameter::Type::Memory) {
        const bool percent = name == QLatin1String("maxmemory-clients");
        // Intermediate input ("64m" on the way to "64mb") is allowed; the final text is
        // checked against the full pattern by the validator's acceptable state.
        line->setValidator(new QRegularExpressionValidator(
            QRegularExpression(ConfigParameters::memoryPattern(percent)), line));
        line->setPlaceholderText(percent ? tr("bytes, 100mb, 2gb or 10%")
                                         : tr("bytes, 100mb, 2gb"));
    }
    return editor;
}

void ConfigValueDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString value = index.data(Qt::EditRole).toString();
        int at = combo->findText(value);
        if (at < 0) { // a value the table does not list (a newer server): keep it choosable
            combo->insertItem(0, value);
            at = 0;
        }
        combo->setCurrentIndex(at);
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void ConfigValueDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                       const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentText(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace redscope
