// KeyBrowserPanel: wiring only. A refresh clears the index synchronously (the model resets),
// then the scanner's batches stream into the index's worker; when the cursor returns to 0 the
// index sorts, and scanSettled() fires once the worker is idle.
#include "keys/key_browser_panel.h"

#include "keys/bulk_delete.h"
#include "keys/bulk_delete_dialog.h"
#include "keys/key_count_watcher.h"
#include "keys/key_index.h"
#include "keys/key_scanner.h"
#include "keys/key_tree_model.h"
#include "keys/keyspace_watcher.h"
#include "keys/new_key_dialog.h"
#include "keys/sample_data.h"
#include "server/server_admin.h"
#include "transfer/transfer_actions.h"
#include "values/value_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QWidgetAction>

#include <algorithm>
#include <climits>
#include <memory>

namespace redscope {

KeyBrowserPanel::KeyBrowserPanel(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_keys(connection)
    , m_index(new KeyIndex(QByteArrayLiteral(":"), this))
    , m_scanner(new KeyScanner(connection, this))
    , m_model(new KeyTreeModel(m_index, connection, this))
    , m_filter(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_separator(new QLineEdit(QStringLiteral(":"), this))
    , m_flat(new QCheckBox(tr("Flat list"), this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_live(new QPushButton(this))
    , m_newKey(new QPushButton(tr("New key…"), this))
    , m_bulkDelete(new QPushButton(tr("Delete matching…"), this))
    , m_sampleLoad(new QPushButton(tr("Load sample data"), this))
    , m_samplePublisher(new QPushButton(this))
    , m_sample(new SampleData(connection, this))
    , m_count(new KeyCountWatcher(connection, this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_jump(new QLineEdit(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_tree(new QTreeView(this))
    , m_value(new ValuePanel(connection, this))
{
    m_filter->setObjectName(QStringLiteral("keyFilter"));
    m_filter->setPlaceholderText(tr("Filter by pattern, e.g. user:* (Enter to scan)"));
    m_filter->setClearButtonEnabled(true);
    m_type->setObjectName(QStringLiteral("keyTypeFilter"));
    m_type->addItem(tr("All types")); // no data: every type
    for (KeyType type : kBuiltInKeyTypes)
        m_type->addItem(keyTypeName(type), QVariant::fromValue(type));
    m_separator->setObjectName(QStringLiteral("keySeparator"));
    m_separator->setToolTip(tr("Namespace separator"));
    m_separator->setMaximumWidth(40);
    m_filter->setMinimumWidth(140);
    m_flat->setObjectName(QStringLiteral("keyFlat"));
    m_refresh->setObjectName(QStringLiteral("keyRefresh"));
    m_cancel->setObjectName(QStringLiteral("keyCancel"));
    m_cancel->setEnabled(false);
    m_live->setObjectName(QStringLiteral("keyLive"));
    connect(m_live, &QPushButton::clicked, this, &KeyBrowserPanel::enableLiveUpdates);
    m_newKey->setObjectName(QStringLiteral("keyNew"));
    connect(m_newKey, &QPushButton::clicked, this, &KeyBrowserPanel::showNewKeyDialog);
    m_bulkDelete->setObjectName(QStringLiteral("keyBulkDelete"));
    m_bulkDelete->setToolTip(tr("Count the keys matching a pattern, then delete them in "
                                "batches (UNLINK)"));
    connect(m_bulkDelete, &QPushButton::clicked, this, &KeyBrowserPanel::showBulkDeleteDialog);
    m_sampleLoad->setObjectName(QStringLiteral("keySampleData"));
    m_sampleLoad->setToolTip(tr("Fill this database with a small chat app dataset (users, "
                                "rooms, leaderboards) and publish live chat messages"));
    connect(m_sampleLoad, &QPushButton::clicked, this, &KeyBrowserPanel::loadSampleData);
    m_samplePublisher->setObjectName(QStringLiteral("keySamplePublisher"));
    connect(m_samplePublisher, &QPushButton::clicked, this, [this] {
        if (m_sample->isPublishing())
            m_sample->stopPublishing();
        else
            m_sample->startPublishing();
    });
    connect(m_sample, &SampleData::publishingChanged, this, &KeyBrowserPanel::updateSampleButtons);
    connect(m_sample, &SampleData::loadProgress, this, [this](int done, int total) {
        setStatus(tr("Loading sample data… %1/%2 commands").arg(done).arg(total));
    });
    connect(m_sample, &SampleData::loaded, this, [this] {
        m_sample->startPublishing();
        refresh();
    });
    connect(m_sample, &SampleData::failed, this, [this](const QString &error) {
        setStatus(tr("Sample data: %1").arg(error), true);
        updateSampleButtons();
    });
    if (m_keys.hasConnection() && m_keys.settings().readOnly) {
        m_bulkDelete->setEnabled(false);
        m_bulkDelete->setToolTip(tr("Read-only connection"));
        m_sampleLoad->setEnabled(false);
    }
    m_progress->setObjectName(QStringLiteral("keyProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->hide();
    m_status->setObjectName(QStringLiteral("keyStatus"));
    m_jump->setObjectName(QStringLiteral("keyJump"));
    m_jump->setPlaceholderText(tr("Go to key… (exact name, Enter)"));
    m_jump->setClearButtonEnabled(true);

    m_tree->setObjectName(QStringLiteral("keyTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true); // needed for millions of rows
    // Several keys may be picked (Ctrl/Shift-click) for "Export selected…" and "Copy to…";
    // the value panel follows the current row.
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::KeyColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::TypeColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::TtlColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(KeyTreeModel::TypeColumn, 60);
    m_tree->header()->resizeSection(KeyTreeModel::TtlColumn, 90);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::MemoryColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(KeyTreeModel::MemoryColumn, 80);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::NodeColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(KeyTreeModel::NodeColumn, 120);
    m_tree->setColumnHidden(KeyTreeModel::NodeColumn, !m_keys.cluster());

    // The tree's display options (separator, flat list) sit in a small "View" menu, so both
    // rows fit a 400 px wide key column (1024 px windows) without clipping their text.
    auto *view = new QToolButton(this);
    view->setObjectName(QStringLiteral("keyView"));
    view->setText(tr("View"));
    view->setToolTip(tr("Namespace separator and flat list"));
    view->setPopupMode(QToolButton::InstantPopup);
    auto *viewMenu = new QMenu(view);
    auto *viewOptions = new QWidget(viewMenu);
    auto *viewLayout = new QHBoxLayout(viewOptions);
    viewLayout->setContentsMargins(8, 4, 8, 4);
    viewLayout->addWidget(new QLabel(tr("Separator"), viewOptions));
    viewLayout->addWidget(m_separator);
    viewLayout->addWidget(m_flat);
    auto *viewAction = new QWidgetAction(viewMenu);
    viewAction->setDefaultWidget(viewOptions);
    viewMenu->addAction(viewAction);
    view->setMenu(viewMenu);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_type);
    filters->addWidget(m_refresh);
    filters->addWidget(m_cancel);
    // Key actions on a row of their own, so the filter keeps its width. A tool bar: in a
    // narrow key column (a 1024 px window, a longer translation) the buttons that do not fit
    // go behind its "»" menu instead of widening the window past the screen.
    auto *actions = m_actions = new QToolBar(this);
    actions->setObjectName(QStringLiteral("keyActions"));
    actions->addWidget(m_newKey);
    actions->addWidget(m_bulkDelete);
    actions->addWidget(view);
    // Export and copy of the picked keys (issue 27): a menu button, and the tree's context menu.
    // Hidden while the database is empty: there is nothing to pick.
    auto *transfer = m_transfer = new QToolButton(this);
    transfer->setObjectName(QStringLiteral("keyTransfer"));
    transfer->setText(tr("Export/Copy"));
    transfer->setToolTip(tr("Export the selected keys to a file, or copy them to another "
                            "connection"));
    transfer->setPopupMode(QToolButton::InstantPopup);
    auto *transferMenu = new QMenu(transfer);
    transferMenu->setObjectName(QStringLiteral("keyTransferMenu"));
    QAction *exportSelected = transferMenu->addAction(tr("Export selected…"));
    exportSelected->setObjectName(QStringLiteral("exportSelectedAction"));
    QAction *copySelected = transferMenu->addAction(tr("Copy selected to…"));
    copySelected->setObjectName(QStringLiteral("copySelectedAction"));
    transfer->setMenu(transferMenu);
    connect(exportSelected, &QAction::triggered, this,
            [this] { TransferActions::showExport(m_keys.connection(), selectedKeyNames(), this); });
    connect(copySelected, &QAction::triggered, this,
            [this] { TransferActions::showCopy(m_keys.connection(), selectedKeyNames(), this); });
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeView::customContextMenuRequested, this,
            [transferMenu, this](const QPoint &at) {
                transferMenu->popup(m_tree->viewport()->mapToGlobal(at));
            });
    actions->addWidget(transfer);
    auto *gap = new QWidget(actions);
    gap->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    actions->addWidget(gap);
    actions->addWidget(m_live);
    showInBar(m_live, false); // until the server's keyspace events are known
    // "Load sample data" sits in the empty database's hint, where the value would be.
    m_value->setHintAction(m_sampleLoad);
    updateSampleButtons();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(actions);
    leftLayout->addWidget(m_progress);
    // The sample publisher's start/stop sits at the end of the key count's line: the tool bar
    // above would put it behind its overflow menu at 1024 px, where a widget cannot be reached.
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_samplePublisher);
    leftLayout->addLayout(statusRow);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(m_jump);

    m_splitter->addWidget(left);
    m_splitter->addWidget(m_value);
    m_splitter->setStretchFactor(0, 1); // halves: the key column keeps room at 1024 px
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    // Batches go into the index from the scanner's worker thread: a 10M-key scan then never
    // routes its names through the GUI thread's event queue.
    m_scanner->setKeySink([index = m_index](const QList<QByteArray> &keys, quint64 expected) {
        index->addKeys(keys, expected);
    });
    connect(m_scanner, &KeyScanner::progress, this, &KeyBrowserPanel::onProgress);
    connect(m_scanner, &KeyScanner::finished, this, &KeyBrowserPanel::onScanFinished);
    connect(m_index, &KeyIndex::idle, this, &KeyBrowserPanel::onIndexIdle);
    connect(m_refresh, &QPushButton::clicked, this, &KeyBrowserPanel::refresh);
    connect(m_cancel, &QPushButton::clicked, this, &KeyBrowserPanel::cancelScan);
    connect(m_filter, &QLineEdit::returnPressed, this, &KeyBrowserPanel::refresh);
    connect(m_type, &QComboBox::activated, this, &KeyBrowserPanel::refresh);
    connect(m_separator, &QLineEdit::editingFinished, this, &KeyBrowserPanel::applySeparator);
    connect(m_flat, &QCheckBox::toggled, this, &KeyBrowserPanel::applySeparator);
    connect(m_jump, &QLineEdit::returnPressed, this,
            [this] { jumpToKey(m_jump->text().toUtf8()); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &KeyBrowserPanel::onCurrentChanged);
    connect(m_tree, &QTreeView::clicked, this, &KeyBrowserPanel::onClicked);
    m_loadMore.setSingleShot(true);
    m_loadMore.setInterval(0);
    connect(&m_loadMore, &QTimer::timeout, this, &KeyBrowserPanel::loadVisibleMore);
    const auto lookForMore = [this] { m_loadMore.start(); };
    connect(m_tree->verticalScrollBar(), &QScrollBar::valueChanged, this, lookForMore);
    connect(m_tree->verticalScrollBar(), &QScrollBar::rangeChanged, this, lookForMore);
    connect(m_tree, &QTreeView::expanded, this, lookForMore);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, lookForMore);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, lookForMore);
    connect(m_model, &QAbstractItemModel::modelReset, this, lookForMore);
    connect(m_tree, &QTreeView::activated, this, &KeyBrowserPanel::onClicked);

    connect(m_value, &ValuePanel::keyDeleted, m_model, &KeyTreeModel::removeKey);
    connect(m_value, &ValuePanel::keyRenamed, this,
            [this](const QByteArray &from, const QByteArray &to) {
                m_model->removeKey(from);
                m_model->addKey(to);
            });
    connect(m_value, &ValuePanel::keyChanged, m_model, &KeyTreeModel::forgetMetadata);
    connect(m_value, &ValuePanel::keyDeleted, m_count, &KeyCountWatcher::poke);
    connect(m_count, &KeyCountWatcher::countChanged, this, &KeyBrowserPanel::showKeyCount);

    m_keys.whenReady(this, [this] {
        refresh();
        setupLiveUpdates();
    });
    m_keys.whenDbChanged(this, [this](int) {
        refresh();
        setupLiveUpdates();
    });
    if (m_keys.isReady()) {
        refresh();
        setupLiveUpdates();
    }
}

KeyBrowserPanel::~KeyBrowserPanel()
{
    m_scanner->setKeySink({}); // the index is destroyed before the scanner
}

bool KeyBrowserPanel::isBusy() const
{
    return m_scanner->isRunning() || m_waitingForIndex;
}

QString KeyBrowserPanel::statusText() const
{
    return m_status->text();
}

void KeyBrowserPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #c62828; }") : QString());
    m_statusIsError = error;
}

bool KeyBrowserPanel::typeFiltered() const
{
    return m_type->currentData().isValid();
}

void KeyBrowserPanel::refresh()
{
    if (!m_keys.hasConnection()) return;
    m_scanner->cancel();
    m_index->clear();
    KeyScanner::Options options;
    options.pattern = m_filter->text().trimmed().toUtf8();
    if (typeFiltered()) options.type = m_type->currentData().value<KeyType>();
    options.count = 1000;     // the first rows show after one small call
    options.maxCount = 32768; // then fewer, larger round trips
    m_waitingForIndex = true;
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->setEnabled(true);
    setStatus(tr("Scanning…"));
    m_scanner->start(options);
}

// Live updates need keyspace events (K) for every command class (A). Without them the tree
// changes only on Refresh; the embedded engine is ours to reconfigure, so it gets a button.
void KeyBrowserPanel::setupLiveUpdates()
{
    if (!m_keys.hasConnection()) return;
    delete m_watcher;
    m_watcher = nullptr;
    ServerAdmin(m_keys.connection())
        .keyspaceEvents(this, [this](const Result<KeyspaceEvents> &events) {
            const QByteArray flags = events.value.flags;
            const bool embedded = !m_keys.settings().localDataDir.isEmpty();
            if (m_watcher) return; // a second reply (db switched twice): the first one won
            if (!events.value.followsEveryWrite()) {
                showInBar(m_live, true);
                m_live->setEnabled(embedded && events.ok());
                m_live->setText(embedded ? tr("Enable live updates") : tr("Live updates off"));
                m_live->setToolTip(
                    embedded ? tr("Turns on keyspace notifications (notify-keyspace-events KEA) so "
                                  "the tree follows every write")
                             : tr("The server does not send keyspace notifications "
                                  "(notify-keyspace-events is \"%1\"): use Refresh to see changes")
                                   .arg(QString::fromUtf8(flags)));
                return;
            }
            // A cluster's masters each announce their own keys: the watcher listens to them all.
            m_watcher = m_keys.cluster()
                            ? new KeyspaceWatcher(m_keys.cluster(), this)
                            : new KeyspaceWatcher(m_keys.settings(), m_keys.currentDb(), this);
            connect(m_watcher, &KeyspaceWatcher::changes, this,
                    [this](const QList<QByteArray> &present, const QList<QByteArray> &removed) {
                        // A filtered tree shows a subset: new keys might not belong in it.
                        const bool filtered =
                            !m_filter->text().trimmed().isEmpty() || typeFiltered();
                        m_model->applyChanges(filtered ? QList<QByteArray>() : present, removed);
                        m_count->poke();
                    });
            m_live->setText(tr("Live"));
            m_live->setToolTip(tr("The tree follows keyspace notifications"));
            m_live->setEnabled(false);
            showInBar(m_live, true);
        });
}

void KeyBrowserPanel::showInBar(QWidget *widget, bool shown)
{
    // A tool bar shows and hides its widgets through their actions (hiding the widget itself
    // would be undone by the bar's layout).
    for (QAction *action : m_actions->actions()) {
        if (m_actions->widgetForAction(action) == widget) {
            action->setVisible(shown);
            return;
        }
    }
    widget->setVisible(shown);
}

void KeyBrowserPanel::enableLiveUpdates()
{
    if (!m_keys.hasConnection()) return;
    ServerAdmin(m_keys.connection())
        .setKeyspaceEvents(KeyspaceEvents::everything(), this, [this](const Status &status) {
            if (!status.ok()) {
                setStatus(status.error, true);
                return;
            }
            setupLiveUpdates();
        });
}

void KeyBrowserPanel::showNewKeyDialog()
{
    NewKeyDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    createKey(dialog.newKey());
}

void KeyBrowserPanel::createKey(const NewKey &key)
{
    if (!m_keys.hasConnection() || !key.isComplete()) return;
    const QByteArray name = key.name;
    m_keys.create(key, this, [this, name](const Status &status) {
        if (!status.ok()) {
            setStatus(tr("Not created: %1").arg(status.error), true);
            return;
        }
        setStatus(tr("Created \"%1\"").arg(QString::fromUtf8(name)));
        m_count->poke();
        m_model->addKey(name);
        jumpToKey(name);
    });
}

QByteArray KeyBrowserPanel::bulkDeletePattern() const
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid() && m_model->kind(current) == KeyTreeModel::RowKind::Namespace) {
        const QByteArray name =
            m_model->data(current.siblingAtColumn(0), KeyTreeModel::FullNameRole).toByteArray();
        if (!name.isEmpty() && !m_flat->isChecked())
            return BulkDelete::namespacePattern(name, m_separator->text().toUtf8());
    }
    return m_filter->text().trimmed().toUtf8();
}

void KeyBrowserPanel::showBulkDeleteDialog()
{
    if (!m_keys.hasConnection() || m_keys.settings().readOnly) return;
    auto *dialog =
        new BulkDeleteDialog(m_keys.connection(), QString::fromUtf8(bulkDeletePattern()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BulkDeleteDialog::keysDeleted, this,
            [this](const QByteArray &pattern, qint64 deleted) {
                refresh();
                setStatus(tr("Deleted %1 keys matching \"%2\"")
                              .arg(QLocale().toString(deleted), QString::fromUtf8(pattern)));
            });
    dialog->open();
}

void KeyBrowserPanel::loadSampleData()
{
    if (!m_keys.hasConnection() || m_sample->isLoading()) return;
    setStatus(tr("Loading sample data…"));
    m_sample->load();
}

void KeyBrowserPanel::updateSampleButtons()
{
    // An empty database says so where the value would be, with what to do about it.
    if (m_value->currentKey().isEmpty()) {
        if (m_emptyDb) {
            const bool offer = m_sampleLoad->isEnabled() && !m_keys.settings().readOnly;
            m_value->showHint(offer ? tr("This database is empty.\nCreate a key with \"New "
                                         "key…\", or fill it with a small chat app dataset:")
                                    : tr("This database is empty."),
                              offer);
        } else if (m_tree->currentIndex().isValid() == false) {
            m_value->showNothing();
        }
    }
    const bool writable = m_keys.hasConnection() && !m_keys.settings().readOnly;
    if (m_transfer) showInBar(m_transfer, m_keys.hasConnection() && !m_emptyDb);
    m_samplePublisher->setVisible(writable &&
                                  (m_sample->isPublishing() || m_sample->publishedCount() > 0));
    m_samplePublisher->setText(m_sample->isPublishing() ? tr("Stop sample publisher")
                                                        : tr("Start sample publisher"));
    m_samplePublisher->setToolTip(tr("Publishes a chat message on chat:room:* every 500 ms"));
}

void KeyBrowserPanel::cancelScan()
{
    m_scanner->cancel();
}

void KeyBrowserPanel::onProgress(quint64 done, quint64 total)
{
    m_progress->setValue(total ? int(done * 1000 / total) : 0);
    setStatus(tr("%1 keys · scanning %2%")
                  .arg(QLocale().toString(m_scanner->keysSeen()))
                  .arg(total ? done * 100 / total : 0));
}

void KeyBrowserPanel::onScanFinished(bool complete, const QString &error)
{
    m_cancel->setEnabled(false);
    m_progress->hide();
    m_lastComplete = complete;
    // %Ln: the count in the user's digit grouping, and "1 key" rather than "1 keys".
    const int seenCount = int(std::min<quint64>(m_scanner->keysSeen(), INT_MAX));
    if (complete) {
        setStatus(tr("%Ln key(s) (%1 s)", nullptr, seenCount)
                      .arg(double(m_scanner->elapsedMs()) / 1000.0, 0, 'f', 1));
    } else if (error == tr("Cancelled")) {
        setStatus(tr("Cancelled after %Ln key(s)", nullptr, seenCount));
    } else {
        setStatus(tr("Scan failed: %1").arg(error), true);
    }
    m_index->sort(); // also what was seen before a cancel or an error
    // An empty, unfiltered database offers the sample dataset.
    m_emptyDb = complete && m_scanner->keysSeen() == 0 && m_filter->text().trimmed().isEmpty() &&
                !typeFiltered();
    updateSampleButtons();
}

// The header's count follows DBSIZE after the scan: writes from the console or another client
// change it. The tree itself follows only with keyspace events; without them the header says
// that the tree is behind.
void KeyBrowserPanel::showKeyCount(qint64 count)
{
    if (count < 0 || m_scanner->isRunning() || m_waitingForIndex) return;
    const QLocale locale;
    const bool filtered = !m_filter->text().trimmed().isEmpty() || typeFiltered();
    const qint64 shown = qint64(m_model->keyCount());
    if (m_statusIsError) {
        // An error stays until the user's next action replaces it; a poll does not hide it.
    } else if (filtered) {
        setStatus(tr("%1 matching keys · %2 in the database")
                      .arg(locale.toString(shown), locale.toString(count)));
    } else if (shown == count || (m_watcher && m_watcher->isListening())) {
        setStatus(count == 1 ? tr("1 key") : tr("%1 keys").arg(locale.toString(count)));
    } else {
        setStatus(tr("%1 keys on the server · the tree shows %2 (Refresh to update)")
                      .arg(locale.toString(count), locale.toString(shown)));
    }
    const bool empty = count == 0 && !filtered;
    if (empty != m_emptyDb) {
        m_emptyDb = empty;
        updateSampleButtons();
    }
}

void KeyBrowserPanel::onIndexIdle()
{
    if (!m_waitingForIndex || m_scanner->isRunning()) return;
    m_waitingForIndex = false;
    if (m_count->count() >= 0 && qint64(m_model->keyCount()) != m_count->count())
        showKeyCount(m_count->count()); // written to while we scanned
    emit scanSettled(m_lastComplete);
}

void KeyBrowserPanel::applySeparator()
{
    const QByteArray separator = m_flat->isChecked() ? QByteArray() : m_separator->text().toUtf8();
    m_separator->setEnabled(!m_flat->isChecked());
    m_index->setSeparator(separator);
}

void KeyBrowserPanel::setFlat(bool flat)
{
    m_flat->setChecked(flat);
}

// The value pane always follows the selection: a key opens, a folder shows its summary, the
// "load more" row and an empty selection say what to do instead of keeping the last key.
void KeyBrowserPanel::onCurrentChanged(const QModelIndex &current)
{
    if (!current.isValid()) {
        m_value->showNothing();
        return;
    }
    switch (m_model->kind(current)) {
    case KeyTreeModel::RowKind::Key:
        m_value->openKey(m_model->keyName(current));
        return;
    case KeyTreeModel::RowKind::Namespace: {
        const QModelIndex name = current.siblingAtColumn(KeyTreeModel::KeyColumn);
        m_value->showFolder(m_model->data(name, KeyTreeModel::FullNameRole).toByteArray(),
                            m_model->data(name, KeyTreeModel::KeyCountRole).toULongLong());
        return;
    }
    case KeyTreeModel::RowKind::LoadMore:
        m_value->showHint(tr("More keys of this folder load as you scroll."));
        return;
    }
}

void KeyBrowserPanel::onClicked(const QModelIndex &index)
{
    if (index.isValid() && m_model->kind(index) == KeyTreeModel::RowKind::LoadMore)
        m_model->loadMore(index.parent());
}

// Only the rows in the viewport are looked at (a few dozen, whatever the folder's size). A page
// lands below the row that asked for it, so the next "more" row is out of sight until the user
// scrolls on: one page per screenful reached, not a cascade through the folder.
void KeyBrowserPanel::loadVisibleMore()
{
    if (!m_tree->isVisible()) return;
    const QRect area = m_tree->viewport()->rect();
    QModelIndex row = m_tree->indexAt(area.topLeft() + QPoint(1, 1));
    for (int seen = 0; row.isValid() && seen < 1000; ++seen, row = m_tree->indexBelow(row)) {
        if (m_tree->visualRect(row).top() > area.bottom()) break;
        if (m_model->kind(row) == KeyTreeModel::RowKind::LoadMore) m_model->loadMore(row.parent());
    }
}

void KeyBrowserPanel::jumpToKey(const QByteArray &name)
{
    if (name.isEmpty()) return;
    const QModelIndex found = m_model->findKey(name);
    if (found.isValid()) {
        for (QModelIndex up = found.parent(); up.isValid(); up = up.parent())
            m_tree->expand(up);
        m_tree->setCurrentIndex(found);
        m_tree->scrollTo(found);
    } else {
        m_tree->clearSelection();
        m_value->openKey(name); // not scanned (filtered or new): the server still knows it
    }
}

QList<QByteArray> KeyBrowserPanel::selectedKeyNames() const
{
    QList<QByteArray> names;
    for (const QModelIndex &index : m_tree->selectionModel()->selectedRows()) {
        if (index.data(KeyTreeModel::KindRole).toInt() == int(KeyTreeModel::RowKind::Key))
            names.append(index.data(KeyTreeModel::FullNameRole).toByteArray());
    }
    return names;
}

} // namespace redscope
