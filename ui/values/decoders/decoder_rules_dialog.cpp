// DecoderRulesDialog: a table over DecoderRulesModel with combo box editors for the chain's two
// links (compression, decoder), listed from the same tables the decoder pane uses.
#include "values/decoders/decoder_rules_dialog.h"

#include "values/decoders/decoder_rules_model.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace redscope {

namespace Internal {

// Compression and decoder cells: a combo box of the codec or format table, by enum value.
class ChainLinkDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        if (index.column() == DecoderRulesModel::CodecColumn) {
            auto *box = new QComboBox(parent);
            for (const CodecInfo &info : codecTable())
                box->addItem(DecoderRulesModel::tr(info.label), int(info.codec));
            return box;
        }
        if (index.column() == DecoderRulesModel::FormatColumn) {
            auto *box = new QComboBox(parent);
            for (const FormatInfo &info : formatTable())
                box->addItem(DecoderRulesModel::tr(info.label), int(info.format));
            return box;
        }
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        if (auto *box = qobject_cast<QComboBox *>(editor)) {
            box->setCurrentIndex(box->findData(index.data(Qt::EditRole)));
            return;
        }
        QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        if (auto *box = qobject_cast<QComboBox *>(editor)) {
            model->setData(index, box->currentData(), Qt::EditRole);
            return;
        }
        QStyledItemDelegate::setModelData(editor, model, index);
    }
};

} // namespace Internal

DecoderRulesDialog::DecoderRulesDialog(const QString &connection, QWidget *parent)
    : QDialog(parent)
    , m_model(new DecoderRulesModel(this))
    , m_connection(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_up(new QPushButton(tr("Move up"), this))
    , m_down(new QPushButton(tr("Move down"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    setObjectName(QStringLiteral("decoderRulesDialog"));
    setWindowTitle(tr("Decoder rules"));
    m_connection->setObjectName(QStringLiteral("decoderRulesConnection"));
    m_table->setObjectName(QStringLiteral("decoderRulesTable"));
    m_up->setObjectName(QStringLiteral("decoderRulesUp"));
    m_down->setObjectName(QStringLiteral("decoderRulesDown"));
    m_delete->setObjectName(QStringLiteral("decoderRulesDelete"));

    m_connection->addItem(tr("All connections"), QString());
    QStringList names = DecoderSettings::connectionNames();
    if (!connection.isEmpty() && !names.contains(connection)) names.append(connection);
    for (const QString &name : std::as_const(names))
        m_connection->addItem(name.isEmpty() ? tr("(unnamed)") : name, name);
    m_connection->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_connection->setMinimumContentsLength(16);

    m_table->setModel(m_model);
    m_table->setItemDelegate(new Internal::ChainLinkDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::SelectedClicked);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DecoderRulesModel::PatternColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setVisible(false);
    m_table->setAlternatingRowColors(true);

    m_empty->setWordWrap(true);
    m_empty->setText(tr("No rules. A rule is remembered when you choose a decoder for a value: "
                        "keys of the same pattern then open with it."));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    auto *hint = new QLabel(tr("For each key the first matching rule of its connection wins. "
                               "Double-click a cell to edit it; patterns are globs (* and ?)."),
                            this);
    hint->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Connection"), this));
    top->addWidget(m_connection, 1);
    auto *side = new QVBoxLayout;
    side->addWidget(m_up);
    side->addWidget(m_down);
    side->addSpacing(12);
    side->addWidget(m_delete);
    side->addStretch(1);
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_table, 1);
    middle->addLayout(side);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(hint);
    layout->addLayout(middle, 1);
    layout->addWidget(m_empty);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &DecoderRulesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DecoderRulesDialog::reject);
    connect(m_connection, &QComboBox::activated, this, &DecoderRulesDialog::showConnection);
    connect(m_up, &QPushButton::clicked, this, [this] {
        const int row = currentRow();
        if (m_model->move(row, -1)) m_table->selectRow(row - 1);
    });
    connect(m_down, &QPushButton::clicked, this, [this] {
        const int row = currentRow();
        if (m_model->move(row, 1)) m_table->selectRow(row + 1);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const int row = currentRow();
        if (row >= 0) m_model->removeRows(row, 1);
    });
    const auto update = [this] { updateButtons(); };
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, update);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, update);
    connect(m_model, &QAbstractItemModel::modelReset, this, update);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DecoderRulesDialog::updateButtons);

    const int start = connection.isEmpty() ? 0 : m_connection->findData(connection);
    m_connection->setCurrentIndex(qMax(0, start));
    showConnection(m_connection->currentIndex());
    resize(720, 420);
}

void DecoderRulesDialog::showConnection(int index)
{
    if (m_model->isModified() &&
        QMessageBox::question(this, tr("Decoder rules"),
                              tr("Save the changes to the rules shown before switching?")) ==
            QMessageBox::Yes)
        m_model->save();
    m_model->load(m_connection->itemData(index).toString());
    // One connection's rules need no connection column.
    m_table->setColumnHidden(DecoderRulesModel::ConnectionColumn, index > 0);
    updateButtons();
}

int DecoderRulesDialog::currentRow() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void DecoderRulesDialog::updateButtons()
{
    const int row = currentRow();
    m_up->setEnabled(m_model->canMove(row, -1));
    m_down->setEnabled(m_model->canMove(row, 1));
    m_delete->setEnabled(row >= 0 && row < m_model->rowCount());
    m_empty->setVisible(m_model->rowCount() == 0);
}

void DecoderRulesDialog::accept()
{
    m_model->save();
    QDialog::accept();
}

} // namespace redscope
