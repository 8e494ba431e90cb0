// CollectionValueView: thin widget over CollectionValueModel; all server traffic is the model's.
// It keeps the table's place when the model's window moves (windowShifted) and asks for the
// page before the window when the table is scrolled to its top.
#include "values/collection_value_view.h"

#include "connection/production_guard.h"
#include "values/collection_element_pane.h"
#include "values/conflict_question.h"
#include "widgets/confirm.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace redscope {

namespace Internal {

// The row numbers of hashes, sets and sorted sets ("4,000,001"), as wide as the widest.
// QHeaderView's own sizeHint() lays out the labels of the first and the last 100 rows and
// forgets them at every insertion and removal: 200 text layouts for each page a walk brings,
// an eighth of the GUI thread's time walking a 5M-field hash. The labels are the rows' places
// in the walk, which grow down the window: the first and the last are the ones to measure.
class RowNumberHeader : public QHeaderView
{
public:
    explicit RowNumberHeader(QWidget *parent)
        : QHeaderView(Qt::Vertical, parent)
    {
        setSectionsClickable(true); // as QTableView's own vertical header
        setHighlightSections(true);
    }

    QSize sizeHint() const override
    {
        const int rows = count();
        if (rows == 0) return QHeaderView::sizeHint();
        return sectionSizeFromContents(0).expandedTo(sectionSizeFromContents(rows - 1));
    }
};

} // namespace Internal

CollectionValueView::CollectionValueView(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_model(new CollectionValueModel(connection, this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_state(new QLabel(this))
    , m_actions(new QToolBar(this))
    , m_add(new QAction(tr("Add…"), this))
    , m_remove(new QAction(tr("Remove"), this))
    , m_streamBar(new QWidget(this))
    , m_newestFirst(new QCheckBox(tr("Newest first"), m_streamBar))
    , m_jump(new QLineEdit(m_streamBar))
    , m_browseBar(new QWidget(this))
    , m_match(new QLineEdit(m_browseBar))
    , m_zsetWalk(new QComboBox(m_browseBar))
    , m_minScore(new QLineEdit(m_browseBar))
    , m_maxScore(new QLineEdit(m_browseBar))
    , m_index(new QLineEdit(m_browseBar))
    , m_indexGo(new QToolButton(m_browseBar))
    , m_findBar(new QWidget(this))
    , m_find(new QLineEdit(m_findBar))
    , m_split(new QSplitter(Qt::Vertical, this))
    , m_pane(new CollectionElementPane(this))
    , m_totalTimer(new QTimer(this))
{
    m_table->setObjectName(QStringLiteral("collectionTable"));
    m_table->setVerticalHeader(new Internal::RowNumberHeader(m_table));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setWordWrap(false);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // "Rows 4,000,001–4,010,000 of 5,000,000" is never cut: in a narrow pane (the value pane
    // of a 1024 px window is ~320 px) the element actions give way first (they go behind the
    // tool bar's "»" menu), then the walk's state ("· scroll for more"), shown only where it
    // fits whole, and always in the count's tooltip.
    m_count->setObjectName(QStringLiteral("collectionCount"));
    m_count->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    m_state->setObjectName(QStringLiteral("collectionState"));
    m_state->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_state->setForegroundRole(QPalette::PlaceholderText);
    m_state->installEventFilter(this);
    m_actions->setObjectName(QStringLiteral("collectionActions"));
    m_add->setToolTip(tr("Add an element"));
    m_remove->setToolTip(tr("Remove the selected elements"));
    m_remove->setEnabled(false);
    // Actions, not widgets: one that does not fit is reachable in the overflow menu.
    for (QAction *action : {m_add, m_remove}) {
        m_actions->addAction(action);
        if (auto *button = qobject_cast<QToolButton *>(m_actions->widgetForAction(action)))
            button->setAutoRaise(true);
    }
    m_actions->widgetForAction(m_add)->setObjectName(QStringLiteral("collectionAdd"));
    m_actions->widgetForAction(m_remove)->setObjectName(QStringLiteral("collectionRemove"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count);
    bar->addWidget(m_state, 1);
    bar->addWidget(m_actions);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_browseBar);
    layout->addWidget(m_findBar);
    layout->addWidget(m_streamBar);
    m_split->addWidget(m_table);
    m_split->addWidget(m_pane);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setChildrenCollapsible(false);
    layout->addWidget(m_split, 1);

    // Browse bar: MATCH, sorted set walk, jump to index.
    m_match->setObjectName(QStringLiteral("collectionMatch"));
    m_match->setPlaceholderText(tr("MATCH pattern (server-side), e.g. user:*"));
    m_match->setClearButtonEnabled(true);
    m_match->setToolTip(tr("Glob-style pattern for HSCAN/SSCAN/ZSCAN: * ? [abc] \\x. "
                           "Press Enter to search the whole value on the server."));
    m_zsetWalk->setObjectName(QStringLiteral("zsetWalk"));
    m_zsetWalk->addItem(tr("By rank"));
    m_zsetWalk->addItem(tr("By score"));
    m_minScore->setObjectName(QStringLiteral("zsetMinScore"));
    m_maxScore->setObjectName(QStringLiteral("zsetMaxScore"));
    m_minScore->setPlaceholderText(tr("min (-inf)"));
    m_maxScore->setPlaceholderText(tr("max (+inf)"));
    m_minScore->setToolTip(tr("Lowest score; \"(1.5\" excludes 1.5, \"-inf\" has no limit"));
    m_maxScore->setToolTip(tr("Highest score; \"(9\" excludes 9, \"+inf\" has no limit"));
    m_index->setObjectName(QStringLiteral("collectionJumpIndex"));
    m_index->setPlaceholderText(tr("Index (-1: last)"));
    m_index->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("-?\\d{0,19}")), m_index));
    m_index->setMaximumWidth(160);
    m_indexGo->setObjectName(QStringLiteral("collectionJumpGo"));
    m_indexGo->setText(tr("Go"));
    m_indexGo->setToolTip(tr("Open the list or sorted set at this index"));
    auto *browse = new QHBoxLayout(m_browseBar);
    browse->setContentsMargins(0, 0, 0, 0);
    browse->addWidget(m_match, 2);
    browse->addWidget(m_zsetWalk);
    browse->addWidget(m_minScore, 1);
    browse->addWidget(m_maxScore, 1);
    browse->addWidget(m_index);
    browse->addWidget(m_indexGo);
    browse->addStretch(0); // takes the room of a hidden MATCH box, so the rest stays left
    connect(m_match, &QLineEdit::returnPressed, this, [this] { setMatch(m_match->text()); });
    connect(m_match, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_model->match().isEmpty()) setMatch({}); // the clear button
    });
    const auto applyScores = [this] {
        if (m_zsetWalk->currentIndex() == 1)
            m_model->setScoreRange(m_minScore->text().trimmed().toUtf8(),
                                   m_maxScore->text().trimmed().toUtf8());
        else if (m_model->hasScoreRange())
            m_model->setScoreRange({}, {});
        updateBars();
    };
    connect(m_zsetWalk, &QComboBox::activated, this, [this, applyScores] {
        if (m_zsetWalk->currentIndex() == 1) {
            const QSignalBlocker blocker(m_match);
            m_match->clear();
        }
        applyScores();
    });
    connect(m_minScore, &QLineEdit::returnPressed, this, applyScores);
    connect(m_maxScore, &QLineEdit::returnPressed, this, applyScores);
    const auto jump = [this] {
        bool ok = false;
        const qint64 index = m_index->text().toLongLong(&ok);
        if (ok) jumpToIndex(index);
    };
    connect(m_index, &QLineEdit::returnPressed, this, jump);
    connect(m_indexGo, &QToolButton::clicked, this, jump);

    // Find bar: text in the rows held.
    m_find->setObjectName(QStringLiteral("collectionFind"));
    m_find->setPlaceholderText(tr("Find in the loaded rows"));
    m_find->setClearButtonEnabled(true);
    auto *previous = new QToolButton(m_findBar);
    auto *next = new QToolButton(m_findBar);
    previous->setObjectName(QStringLiteral("collectionFindPrevious"));
    next->setObjectName(QStringLiteral("collectionFindNext"));
    previous->setArrowType(Qt::UpArrow);
    next->setArrowType(Qt::DownArrow);
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    next->setToolTip(tr("Next match (Enter)"));
    auto *find = new QHBoxLayout(m_findBar);
    find->setContentsMargins(0, 0, 0, 0);
    find->addWidget(m_find, 1);
    find->addWidget(previous);
    find->addWidget(next);
    connect(next, &QToolButton::clicked, this, [this] { findNext(m_find->text(), true); });
    connect(previous, &QToolButton::clicked, this, [this] { findNext(m_find->text(), false); });
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        findNext(m_find->text(), !(QApplication::keyboardModifiers() & Qt::ShiftModifier));
    });

    // The window moves under the table: keep the rows on screen where they were.
    // Only the user's scrolling up reads the page before the window, not this adjustment.
    connect(m_model, &CollectionValueModel::windowShifted, this, [this](int rows) {
        QScrollBar *bar = m_table->verticalScrollBar();
        m_shifting = true;
        bar->setValue(bar->value() + rows);
        m_shifting = false;
    });
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_shifting && value == m_table->verticalScrollBar()->minimum() &&
            m_model->canFetchPrevious())
            m_model->fetchPrevious();
    });
    connect(m_model, &CollectionValueModel::jumped, this, [this](int row) {
        const QPersistentModelIndex at = m_model->index(row, 0);
        m_table->setCurrentIndex(at);
        // After the element pane (shown by the selection) has taken its height.
        QTimer::singleShot(0, m_table, [this, at] {
            if (at.isValid()) m_table->scrollTo(at, QAbstractItemView::PositionAtCenter);
        });
    });
    connect(m_model, &CollectionValueModel::conflict, this, &CollectionValueView::onConflict);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                if (m_pane->row() < from.row() || m_pane->row() > to.row()) return;
                if (m_writtenRow == m_pane->row()) {
                    // The pane's own save landed: show what the server holds now, even
                    // though the editors still count as modified.
                    m_writtenRow = -1;
                    const int row = m_pane->row();
                    m_pane->showElement(m_model->kind(), row, m_model->ordinal(row),
                                        m_model->element(row), m_model->second(row));
                    return;
                }
                showSelected();
            });
    connect(m_model, &QAbstractItemModel::modelReset, m_pane, &CollectionElementPane::clear);
    // New rows (another key, a MATCH pattern): from their first column, not where the last
    // selected value cell had scrolled the table (a narrow window showed "23486" for
    // "order:0123486").
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_table->horizontalScrollBar()->setValue(0); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] { showSelected(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { showSelected(); });
    // A page in (and the pages it pushes out): the table is laid out again before it paints,
    // not after. QTableView lays out on a zero timer, which the event loop runs after the
    // paint already posted for the new rows: the table painted twice for each page, with the
    // old scroll range and then with the new one. The call queued here (normal priority)
    // runs before that paint (a low-priority event), and doItemsLayout() cancels the timer.
    const auto settle = [this] {
        if (m_settling) return;
        m_settling = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_settling = false;
                m_table->doItemsLayout();
            },
            Qt::QueuedConnection);
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, settle);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, settle);
    connect(
        m_pane, &CollectionElementPane::saveRequested, this,
        [this](int row, const QByteArray &element, const QByteArray &second) {
            if (!confirmOnProduction(
                    tr("overwrite an element"),
                    tr("writes over an element of \"%1\"").arg(QString::fromUtf8(m_model->key()))))
                return;
            m_writtenRow = row;
            m_model->editElement(row, element, second);
        });
    connect(m_pane, &CollectionElementPane::deleteRequested, this,
            [this](int row) { removeRows({row}); });

    // The total follows the server while the value is shown.
    m_totalTimer->setInterval(3000);
    connect(m_totalTimer, &QTimer::timeout, this, [this] {
        if (isVisible() && !m_model->key().isEmpty()) m_model->refreshTotal();
    });
    m_totalTimer->start();
    updateBars(); // only what the (empty) model's kind needs: a narrow minimum width

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

    connect(m_add, &QAction::triggered, this, &CollectionValueView::addElement);
    connect(m_remove, &QAction::triggered, this, &CollectionValueView::removeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_remove->setEnabled(m_table->selectionModel()->hasSelection()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CollectionValueView::showSelected);
    connect(m_model, &CollectionValueModel::failed, this, [this](const QString &error) {
        m_writtenRow = -1;
        emit failed(error);
    });
    connect(m_model, &CollectionValueModel::changed, this, &CollectionValueView::changed);
    connect(m_model, &CollectionValueModel::totalChanged, this, &CollectionValueView::updateCount);
    connect(m_model, &CollectionValueModel::loadingChanged, this,
            &CollectionValueView::updateCount);
    // Not on rowsInserted: the model inserts a page while it still counts as loading, and says
    // loadingChanged(false) once the page is in and the window trimmed. Counting on both
    // showed "· loading…" for an instant at every page: two label changes and two layouts of
    // the panel each time.
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
        m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Hashes, sets and sorted sets number their rows (rank, or place in the scan).
    m_table->verticalHeader()->setVisible(m_model->supportsMatch());
    {
        const QSignalBlocker a(m_match), b(m_zsetWalk), c(m_minScore), d(m_maxScore);
        m_match->setText(QString::fromUtf8(m_model->match()));
        m_zsetWalk->setCurrentIndex(m_model->hasScoreRange() ? 1 : 0);
        if (!m_model->hasScoreRange()) {
            m_minScore->clear();
            m_maxScore->clear();
        }
    }
    m_pane->clear();
    // On a production connection every overwrite goes through the pane, which asks first.
    m_table->setEditTriggers(m_model->settings().production
                                 ? QAbstractItemView::NoEditTriggers
                                 : QAbstractItemView::DoubleClicked |
                                       QAbstractItemView::EditKeyPressed);
    updateBars();
    updateCount();
}

void CollectionValueView::updateBars()
{
    using Kind = CollectionValueModel::Kind;
    const Kind kind = m_model->kind();
    const bool zset = kind == Kind::SortedSet;
    const bool byScore = zset && m_zsetWalk->currentIndex() == 1;
    m_match->setVisible(m_model->supportsMatch() && !byScore);
    m_zsetWalk->setVisible(zset);
    m_minScore->setVisible(byScore);
    m_maxScore->setVisible(byScore);
    const bool positional = kind == Kind::List || (zset && m_model->match().isEmpty());
    m_index->setVisible(positional);
    m_indexGo->setVisible(positional);
    m_browseBar->setVisible(kind != Kind::Stream);
    m_findBar->setVisible(true);
}

QString CollectionValueView::countText() const
{
    return m_count->text();
}

QString CollectionValueView::stateText() const
{
    return m_stateText;
}

bool CollectionValueView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_state && event->type() == QEvent::Resize) fitState();
    return QWidget::eventFilter(watched, event);
}

void CollectionValueView::fitState()
{
    const bool fits = m_state->fontMetrics().horizontalAdvance(m_stateText) <= m_state->width();
    m_state->setText(fits ? m_stateText : QString());
}

bool CollectionValueView::jumpToIndex(qint64 index)
{
    if (!m_model->jumpToIndex(index)) {
        emit failed(tr("Only lists and sorted sets (without a MATCH pattern) open at an index."));
        return false;
    }
    return true;
}

void CollectionValueView::setMatch(const QString &pattern)
{
    {
        const QSignalBlocker blocker(m_match);
        m_match->setText(pattern);
    }
    if (m_model->kind() == CollectionValueModel::Kind::SortedSet && !pattern.isEmpty())
        m_zsetWalk->setCurrentIndex(0);
    m_model->setMatch(pattern.toUtf8());
    updateBars();
}

bool CollectionValueView::findNext(const QString &text, bool forward)
{
    const QModelIndex current = m_table->currentIndex();
    const int from = current.isValid() ? current.row() : (forward ? -1 : 0);
    const int row = m_model->findLoaded(text, from, forward);
    if (row < 0) {
        m_find->setStyleSheet(text.isEmpty() ? QString()
                                             : QStringLiteral("QLineEdit { color: #c62828; }"));
        return false;
    }
    m_find->setStyleSheet({});
    const QModelIndex at = m_model->index(row, 0);
    m_table->setCurrentIndex(at);
    m_table->scrollTo(at, QAbstractItemView::PositionAtCenter);
    return true;
}

void CollectionValueView::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_pane->clear();
        return;
    }
    const int row = current.row();
    // An edit in progress in the pane is kept while the same element stays selected.
    if (m_pane->row() == row && m_pane->isModified()) return;
    m_pane->showElement(m_model->kind(), row, m_model->ordinal(row), m_model->element(row),
                        m_model->second(row));
}

void CollectionValueView::onConflict(int row, const QByteArray &element, const QByteArray &second,
                                     const QByteArray &current, bool gone)
{
    ConflictQuestion question;
    question.title = tr("Element changed on the server");
    question.text = gone ? tr("This element was removed on the server since it was read.")
                         : tr("This element changed on the server since it was read.");
    question.gone = gone;
    question.theirs = current;
    const CollectionValueModel::Kind kind = m_model->kind();
    question.yours =
        kind == CollectionValueModel::Kind::List || kind == CollectionValueModel::Kind::Set
            ? element
            : second;
    // The question's event loop may let pages arrive: the row must still be that element.
    const qint64 ordinal = m_model->ordinal(row);
    const QByteArray shown = m_model->element(row);
    switch (askConflict(this, question)) {
    case ConflictChoice::Overwrite:
        if (row < m_model->rowCount() && m_model->ordinal(row) == ordinal &&
            m_model->element(row) == shown) {
            m_writtenRow = row;
            m_model->editElement(row, element, second, true);
            return;
        }
        emit failed(tr("The rows moved while you were asked: nothing was written. Try again."));
        m_model->reload();
        return;
    case ConflictChoice::Reload:
        m_writtenRow = -1;
        m_model->reload(); // show what the server holds; the edit is dropped
        return;
    case ConflictChoice::Cancel:
        m_writtenRow = -1;
        return; // nothing written; the edit stays in the element pane
    }
}

bool CollectionValueView::confirmOnProduction(const QString &command, const QString &effect)
{
    const ConnectionSettings settings = m_model->settings();
    if (!settings.production) return true;
    const ConfirmationRequest request =
        ProductionGuard::question(settings, command, effect, -1, false);
    return confirmDangerousAction(this, request.title(), request.question(), request.command);
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
    const int rows = m_model->rowCount();
    const qint64 first = m_model->firstOrdinal();
    QString text;
    if (!m_model->match().isEmpty()) {
        // A MATCH walk: how many matched so far, among how many in all.
        text = tr("%1 matching · %2 in all")
                   .arg(locale.toString(first + rows),
                        total < 0 ? QStringLiteral("?") : locale.toString(total));
    } else if (rows == 0) {
        text = total < 0 ? tr("Loading…") : tr("0 of %1").arg(locale.toString(total));
    } else {
        text = tr("Rows %1–%2 of %3")
                   .arg(locale.toString(first + 1), locale.toString(first + rows),
                        total < 0 ? QStringLiteral("?") : locale.toString(total));
    }
    QString state;
    if (m_model->isLoading())
        state = tr("· loading…");
    else if (!m_model->isComplete())
        state = tr("· scroll for more");
    m_count->setText(text);
    m_stateText = state;
    fitState();
    const QString whole = state.isEmpty() ? text : text + QLatin1Char(' ') + state;
    m_count->setToolTip(whole);
    m_state->setToolTip(whole);
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
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
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
    removeRows(rows);
}

void CollectionValueView::removeRows(const QList<int> &rows)
{
    if (rows.isEmpty()) return;
    const QString what = rows.size() == 1 ? tr("1 element") : tr("%1 elements").arg(rows.size());
    if (!confirmOnProduction(
            tr("delete elements"),
            tr("deletes %1 of \"%2\"").arg(what, QString::fromUtf8(m_model->key()))))
        return;
    m_model->removeElements(rows);
}

} // namespace redscope
