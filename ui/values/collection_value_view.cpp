// CollectionValueView: thin widget over CollectionValueModel; all server traffic is the model's.
#include "values/collection_value_view.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QVBoxLayout>

namespace redscope {

CollectionValueView::CollectionValueView(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_model(new CollectionValueModel(connection, this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_add(new QPushButton(tr("Add…"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_streamBar(new QWidget(this))
    , m_newestFirst(new QCheckBox(tr("Newest first"), m_streamBar))
    , m_jump(new QLineEdit(m_streamBar))
{
    m_table->setObjectName(QStringLiteral("collectionTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_count->setObjectName(QStringLiteral("collectionCount"));
    m_add->setObjectName(QStringLiteral("collectionAdd"));
    m_remove->setObjectName(QStringLiteral("collectionRemove"));
    m_remove->setEnabled(false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count, 1);
    bar->addWidget(m_add);
    bar->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_streamBar);
    layout->addWidget(m_table, 1);

    m_newestFirst->setObjectName(QStringLiteral("streamNewestFirst"));
    m_jump->setObjectName(QStringLiteral("streamJump"));
    m_jump->setPlaceholderText(tr("Jump to an entry id or a time (yyyy-MM-dd HH:mm:ss)"));
    m_jump->setClearButtonEnabled(true);
    auto *go = new QPushButton(tr("Go"), m_streamBar);
    go->setObjectName(QStringLiteral("streamJumpGo"));
    auto *streamLayout = new QHBoxLayout(m_streamBar);
    streamLayout->setContentsMargins(0, 0, 0, 0);
    streamLayout->addWidget(m_newestFirst);
    streamLayout->addWidget(m_jump, 1);
    streamLayout->addWidget(go);
    m_streamBar->hide();
    connect(m_newestFirst, &QCheckBox::toggled, m_model, &CollectionValueModel::setNewestFirst);
    connect(go, &QPushButton::clicked, this, [this] { jumpTo(m_jump->text()); });
    connect(m_jump, &QLineEdit::returnPressed, this, [this] { jumpTo(m_jump->text()); });

    connect(m_add, &QPushButton::clicked, this, &CollectionValueView::addElement);
    connect(m_remove, &QPushButton::clicked, this, &CollectionValueView::removeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_remove->setEnabled(m_table->selectionModel()->hasSelection());
    });
    connect(m_model, &CollectionValueModel::failed, this, &CollectionValueView::failed);
    connect(m_model, &CollectionValueModel::changed, this, &CollectionValueView::changed);
    connect(m_model, &CollectionValueModel::totalChanged, this, &CollectionValueView::updateCount);
    connect(m_model, &CollectionValueModel::loadingChanged, this,
            &CollectionValueView::updateCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CollectionValueView::updateCount);
}

void CollectionValueView::load(const QByteArray &key, CollectionValueModel::Kind kind)
{
    const bool zset = kind == CollectionValueModel::Kind::SortedSet;
    m_table->setSortingEnabled(false);
    m_model->load(key, kind);
    m_table->horizontalHeader()->setSortIndicatorShown(zset);
    if (zset) {
        m_table->horizontalHeader()->setSortIndicator(1, Qt::AscendingOrder);
        m_table->setSortingEnabled(true);
    }
    m_table->setColumnWidth(0, kind == CollectionValueModel::Kind::List ? 70 : 220);
    const bool stream = kind == CollectionValueModel::Kind::Stream;
    m_streamBar->setVisible(stream);
    if (stream) {
        const QSignalBlocker blocker(m_newestFirst);
        m_newestFirst->setChecked(m_model->isNewestFirst());
        m_jump->setText(QString::fromUtf8(m_model->jumpedTo()));
        m_table->setColumnWidth(0, 190);
        m_table->setColumnWidth(1, 180);
    }
    // Stream entries show one "field: value" line per field.
    m_table->setWordWrap(kind == CollectionValueModel::Kind::Stream);
    if (kind == CollectionValueModel::Kind::Stream)
        m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    else
        m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    updateCount();
}

bool CollectionValueView::jumpTo(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        m_model->jumpTo({});
        return true;
    }
    static const QRegularExpression idPattern(QStringLiteral("^\\d+(-\\d+)?$"));
    if (idPattern.match(trimmed).hasMatch()) {
        QByteArray id = trimmed.toLatin1();
        // A bare ms part covers every sequence number of that millisecond.
        if (!id.contains('-')) id += m_model->isNewestFirst() ? "-18446744073709551615" : "-0";
        m_model->jumpTo(id);
        return true;
    }
    QDateTime time;
    for (const QString &format :
         {QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"), QStringLiteral("yyyy-MM-dd HH:mm:ss"),
          QStringLiteral("yyyy-MM-dd HH:mm"), QStringLiteral("yyyy-MM-dd")}) {
        time = QDateTime::fromString(trimmed, format);
        if (time.isValid()) break;
    }
    if (!time.isValid()) time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid() || time.toMSecsSinceEpoch() < 0) {
        emit failed(tr("'%1' is neither a stream entry id nor a date-time").arg(trimmed));
        return false;
    }
    const QByteArray ms = QByteArray::number(time.toMSecsSinceEpoch());
    m_model->jumpTo(ms + (m_model->isNewestFirst() ? "-18446744073709551615" : "-0"));
    return true;
}

void CollectionValueView::updateCount()
{
    const QLocale locale;
    const qint64 total = m_model->total();
    QString text = total < 0 ? tr("%1 loaded").arg(locale.toString(m_model->rowCount()))
                             : tr("%1 of %2 loaded")
                                   .arg(locale.toString(m_model->rowCount()),
                                        locale.toString(total));
    if (m_model->isLoading()) text += tr(" · loading…");
    else if (!m_model->isComplete()) text += tr(" · scroll for more");
    m_count->setText(text);
}

void CollectionValueView::addElement()
{
    using Kind = CollectionValueModel::Kind;
    const Kind kind = m_model->kind();
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add to %1").arg(QString::fromUtf8(m_model->key())));
    auto *form = new QFormLayout(&dialog);
    auto *first = new QLineEdit(&dialog);
    auto *second = new QLineEdit(&dialog);
    first->setObjectName(QStringLiteral("addFirst"));
    second->setObjectName(QStringLiteral("addSecond"));
    switch (kind) {
    case Kind::Hash:
        form->addRow(tr("Field"), first);
        form->addRow(tr("Value"), second);
        break;
    case Kind::List:
        form->addRow(tr("Element (appended)"), first);
        second->hide();
        break;
    case Kind::Set:
        form->addRow(tr("Member"), first);
        second->hide();
        break;
    case Kind::SortedSet:
        form->addRow(tr("Member"), first);
        form->addRow(tr("Score"), second);
        second->setValidator(new QDoubleValidator(second));
        second->setText(QStringLiteral("0"));
        break;
    case Kind::Stream:
        form->addRow(tr("Field"), first);
        form->addRow(tr("Value"), second);
        break;
    default: // not a collection
        return;
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel,
                                         &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return;
    m_model->addElement(first->text().toUtf8(), second->text().toUtf8());
}

void CollectionValueView::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    m_model->removeElements(rows);
}

} // namespace redscope
