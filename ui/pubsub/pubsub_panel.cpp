// Layout: subscriptions and the server's channel list on the left; the message table with
// its toolbar, the detail pane and the rate chart on the right; the publish box at the bottom.
// A one-second tick refreshes rates, the chart and the counters; batches only append rows.
#include "pubsub/pubsub_panel.h"

#include "pubsub/message_model.h"
#include "pubsub/rate_sparkline.h"
#include "widgets/status_line.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>
#include <utility>

namespace redscope {

static constexpr int kMaxChannelRows = 500;
static constexpr int kMaxHistory = 20;
static constexpr int kChannelRefreshTicks = 5;

enum SubscriptionColumn { SubName, SubKind, SubStatus };
enum ChannelColumn { ChanName, ChanSubscribers, ChanRate, ChanTotal };

static bool isPattern(const QString &text)
{
    return text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?')) ||
           text.contains(QLatin1Char('['));
}

static void remember(QComboBox *combo, const QString &text)
{
    const int existing = combo->findText(text);
    if (existing >= 0) combo->removeItem(existing);
    combo->insertItem(0, text);
    while (combo->count() > kMaxHistory)
        combo->removeItem(combo->count() - 1);
    combo->setCurrentIndex(0);
}

PubSubPanel::PubSubPanel(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_pubsub(connection)
    , m_admin(connection)
    , m_subscriber(
          new Subscriber(m_pubsub.settings().named(QStringLiteral("redscope:pubsub")), this))
    , m_model(new MessageModel(this))
    , m_tickTimer(new QTimer(this))
    , m_filterTimer(new QTimer(this))
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildSubscriptionSide());
    splitter->addWidget(buildMessageSide());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 900});
    splitter->setChildrenCollapsible(false);

    m_publishChannel = new QComboBox(this);
    m_publishChannel->setObjectName(QStringLiteral("publishChannel"));
    m_publishChannel->setEditable(true);
    m_publishChannel->lineEdit()->setPlaceholderText(tr("channel"));
    m_publishChannel->setMinimumWidth(180);
    m_publishPayload = new QComboBox(this);
    m_publishPayload->setObjectName(QStringLiteral("publishPayload"));
    m_publishPayload->setEditable(true);
    m_publishPayload->lineEdit()->setPlaceholderText(tr("message to publish"));
    m_publishPayload->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto *publishButton = new QPushButton(tr("Publish"), this);
    publishButton->setObjectName(QStringLiteral("publishButton"));
    m_publishResult = new QLabel(this);
    m_publishResult->setObjectName(QStringLiteral("publishResult"));
    auto *publishRow = new QHBoxLayout;
    publishRow->setContentsMargins(8, 4, 8, 6);
    publishRow->addWidget(new QLabel(tr("Publish to"), this));
    publishRow->addWidget(m_publishChannel);
    publishRow->addWidget(m_publishPayload, 1);
    publishRow->addWidget(publishButton);
    publishRow->addWidget(m_publishResult);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(splitter, 1);
    layout->addLayout(publishRow);

    connect(publishButton, &QPushButton::clicked, this, &PubSubPanel::publish);
    connect(m_publishPayload->lineEdit(), &QLineEdit::returnPressed, this, &PubSubPanel::publish);
    connect(m_subscriber, &Subscriber::messagesReceived, this, &PubSubPanel::onBatch);
    connect(m_subscriber, &Subscriber::stateChanged, this, &PubSubPanel::onSubscriberState);
    connect(m_subscriber, &Subscriber::subscriptionChanged, this,
            &PubSubPanel::onSubscriptionChanged);
    connect(m_subscriber, &Subscriber::connectionDropped, this, [this](const QString &why) {
        m_dropWarning->setText(why.toHtmlEscaped() +
                               QStringLiteral(" <a href=\"#dismiss\">%1</a>").arg(tr("Dismiss")));
        m_dropWarning->show();
    });
    connect(m_model, &MessageModel::heldCountChanged, this, &PubSubPanel::updateCounts);
    connect(m_tickTimer, &QTimer::timeout, this, &PubSubPanel::tick);
    m_tickTimer->start(1000);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(200);
    connect(m_filterTimer, &QTimer::timeout, this, [this] {
        m_model->setFilter(m_filterInput->text(),
                           MessageModel::FilterField(m_filterField->currentIndex()));
        updateCounts();
    });
    onSubscriberState(Subscriber::State::Idle, {});
    updateCounts();
    QTimer::singleShot(0, this, &PubSubPanel::refreshChannels);
}

PubSubPanel::~PubSubPanel()
{
    if (m_keyspaceQuestion) delete m_keyspaceQuestion;
}

QWidget *PubSubPanel::buildSubscriptionSide()
{
    auto *side = new QWidget(this);
    side->setMinimumWidth(330);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(8, 8, 4, 8);

    auto *subscriptions = new QGroupBox(tr("Subscriptions"), side);
    auto *subLayout = new QVBoxLayout(subscriptions);
    m_subscribeInput = new QLineEdit(subscriptions);
    m_subscribeInput->setObjectName(QStringLiteral("subscribeInput"));
    m_subscribeInput->setPlaceholderText(tr("channel, or pattern like news.*"));
    auto *subscribeButton = new QPushButton(tr("Subscribe"), subscriptions);
    subscribeButton->setObjectName(QStringLiteral("subscribeButton"));
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_subscribeInput, 1);
    inputRow->addWidget(subscribeButton);
    subLayout->addLayout(inputRow);

    m_subscriptionList = new QTreeWidget(subscriptions);
    m_subscriptionList->setObjectName(QStringLiteral("subscriptionList"));
    m_subscriptionList->setHeaderLabels({tr("Name"), tr("Kind"), tr("Status")});
    m_subscriptionList->setRootIsDecorated(false);
    m_subscriptionList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_subscriptionList->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_subscriptionList->header()->setSectionResizeMode(SubName, QHeaderView::Stretch);
    m_subscriptionList->header()->setStretchLastSection(false);
    subLayout->addWidget(m_subscriptionList, 1);

    auto *unsubscribeButton = new QPushButton(tr("Unsubscribe"), subscriptions);
    unsubscribeButton->setObjectName(QStringLiteral("unsubscribeButton"));
    auto *keyspaceButton = new QPushButton(tr("Keyspace events"), subscriptions);
    keyspaceButton->setObjectName(QStringLiteral("keyspaceButton"));
    keyspaceButton->setToolTip(
        tr("Subscribe to __keyspace@N__:* for the current database; offers to enable "
           "notify-keyspace-events when the server has them off"));
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(unsubscribeButton);
    buttonRow->addStretch(1);
    buttonRow->addWidget(keyspaceButton);
    subLayout->addLayout(buttonRow);
    m_stateLabel = new QLabel(subscriptions);
    m_stateLabel->setObjectName(QStringLiteral("subscriberState"));
    m_stateLabel->setWordWrap(true);
    m_stateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    subLayout->addWidget(m_stateLabel);
    layout->addWidget(subscriptions, 2);

    auto *channels = new QGroupBox(tr("Channels"), side);
    auto *chanLayout = new QVBoxLayout(channels);
    m_channelBrowser = new QTreeWidget(channels);
    m_channelBrowser->setObjectName(QStringLiteral("channelBrowser"));
    m_channelBrowser->setHeaderLabels({tr("Channel"), tr("Subs"), tr("msg/s"), tr("Received")});
    m_channelBrowser->setRootIsDecorated(false);
    // Channel names share their prefix ("chat:room:…"): keep both ends readable.
    m_channelBrowser->setTextElideMode(Qt::ElideMiddle);
    m_channelBrowser->setSortingEnabled(true);
    m_channelBrowser->sortByColumn(ChanRate, Qt::DescendingOrder);
    m_channelBrowser->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_channelBrowser->header()->setSectionResizeMode(ChanName, QHeaderView::Stretch);
    m_channelBrowser->header()->setStretchLastSection(false);
    m_channelBrowser->setToolTip(tr("Channels with subscribers on the server (PUBSUB CHANNELS) "
                                    "and channels messages arrived on. Double-click to "
                                    "subscribe."));
    chanLayout->addWidget(m_channelBrowser, 1);
    m_numpatLabel = new QLabel(channels);
    m_numpatLabel->setObjectName(QStringLiteral("numpatLabel"));
    m_numpatLabel->setToolTip(tr("Pattern subscriptions on the server (PUBSUB NUMPAT)"));
    auto *refreshButton = new QPushButton(tr("Refresh"), channels);
    refreshButton->setObjectName(QStringLiteral("refreshChannels"));
    auto *subscribeChannel = new QPushButton(tr("Subscribe"), channels);
    subscribeChannel->setObjectName(QStringLiteral("subscribeChannelButton"));
    auto *chanButtons = new QHBoxLayout;
    chanButtons->addWidget(m_numpatLabel, 1);
    chanButtons->addWidget(refreshButton);
    chanButtons->addWidget(subscribeChannel);
    chanLayout->addLayout(chanButtons);
    layout->addWidget(channels, 3);

    connect(subscribeButton, &QPushButton::clicked, this, [this] {
        subscribeTo(m_subscribeInput->text());
        m_subscribeInput->clear();
    });
    connect(m_subscribeInput, &QLineEdit::returnPressed, subscribeButton, &QPushButton::click);
    connect(unsubscribeButton, &QPushButton::clicked, this, &PubSubPanel::unsubscribeSelected);
    connect(keyspaceButton, &QPushButton::clicked, this, &PubSubPanel::watchKeyspaceEvents);
    connect(refreshButton, &QPushButton::clicked, this, &PubSubPanel::refreshChannels);
    connect(subscribeChannel, &QPushButton::clicked, this, &PubSubPanel::subscribeSelectedChannel);
    connect(m_channelBrowser, &QTreeWidget::itemDoubleClicked, this,
            &PubSubPanel::subscribeSelectedChannel);
    return side;
}

QWidget *PubSubPanel::buildMessageSide()
{
    auto *side = new QWidget(this);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(4, 8, 8, 4);

    m_pauseButton = new QPushButton(tr("Pause"), side);
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setCheckable(true);
    auto *clearButton = new QPushButton(tr("Clear"), side);
    clearButton->setObjectName(QStringLiteral("clearButton"));
    m_autoscroll = new QCheckBox(tr("Autoscroll"), side);
    m_autoscroll->setObjectName(QStringLiteral("autoscrollCheck"));
    m_autoscroll->setChecked(true);
    m_filterInput = new QLineEdit(side);
    m_filterInput->setObjectName(QStringLiteral("filterInput"));
    m_filterInput->setPlaceholderText(tr("Filter"));
    m_filterInput->setClearButtonEnabled(true);
    m_filterInput->setMinimumWidth(160);
    m_filterField = new QComboBox(side);
    m_filterField->setObjectName(QStringLiteral("filterField"));
    m_filterField->addItems({tr("Channel"), tr("Payload"), tr("Channel or payload")});
    m_filterField->setCurrentIndex(int(MessageModel::FilterField::Both));
    m_capacity = new QSpinBox(side);
    m_capacity->setObjectName(QStringLiteral("capacitySpin"));
    m_capacity->setRange(1000, 5000000);
    m_capacity->setSingleStep(10000);
    m_capacity->setValue(int(m_model->capacity()));
    m_capacity->setPrefix(tr("Keep "));
    m_capacity->setToolTip(tr("Messages kept in memory; the oldest are dropped from the table"));
    m_capacity->setKeyboardTracking(false);
    m_capacity->setGroupSeparatorShown(true);
    auto *exportButton = new QPushButton(tr("Export"), side);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("JSON Lines…"), this,
                          [this] { chooseExportFile(MessageExport::Format::JsonLines); });
    exportMenu->addAction(tr("CSV…"), this,
                          [this] { chooseExportFile(MessageExport::Format::Csv); });
    exportButton->setMenu(exportMenu);

    // Two rows, so every control keeps its text in a 1024 px window.
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_pauseButton);
    toolbar->addWidget(clearButton);
    toolbar->addWidget(m_autoscroll);
    toolbar->addStretch(1);
    toolbar->addWidget(m_capacity);
    toolbar->addWidget(exportButton);
    layout->addLayout(toolbar);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterInput, 1);
    filterRow->addWidget(m_filterField);
    layout->addLayout(filterRow);

    m_dropWarning = new QLabel(side);
    m_dropWarning->setObjectName(QStringLiteral("dropWarning"));
    m_dropWarning->setWordWrap(true);
    m_dropWarning->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #8a1c13; border: 1px solid #f5c2bd;"
                       " border-radius: 3px; padding: 4px; }"));
    m_dropWarning->setTextFormat(Qt::RichText);
    m_dropWarning->hide();
    connect(m_dropWarning, &QLabel::linkActivated, m_dropWarning, &QWidget::hide);
    layout->addWidget(m_dropWarning);

    m_table = new QTableView(side);
    m_table->setObjectName(QStringLiteral("messageTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(MessageModel::PayloadColumn, QHeaderView::Stretch);
    header->resizeSection(MessageModel::TimeColumn, 100);
    header->resizeSection(MessageModel::ChannelColumn, 170);
    header->resizeSection(MessageModel::PatternColumn, 110);
    header->resizeSection(MessageModel::FormatColumn, 60);
    header->resizeSection(MessageModel::SizeColumn, 70);

    m_detail = new QPlainTextEdit(side);
    m_detail->setObjectName(QStringLiteral("messageDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a message to see its full payload"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_detail->setFont(mono);

    m_rateChart = new RateSparkline(side);
    m_rateChart->setObjectName(QStringLiteral("rateChart"));
    m_rateChart->setMinimumSize(240, 170);
    m_rateLabel = new StatusLine(side);
    m_rateLabel->setObjectName(QStringLiteral("rateLabel"));
    auto *chartBox = new QWidget(side);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_rateLabel);
    chartLayout->addWidget(m_rateChart, 1);

    auto *bottom = new QSplitter(Qt::Horizontal, side);
    bottom->addWidget(m_detail);
    bottom->addWidget(chartBox);
    bottom->setSizes({500, 360});
    auto *vertical = new QSplitter(Qt::Vertical, side);
    vertical->addWidget(m_table);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    vertical->setChildrenCollapsible(false);
    layout->addWidget(vertical, 1);
    m_countLabel = new StatusLine(side);
    m_countLabel->setObjectName(QStringLiteral("messageCount"));
    layout->addWidget(m_countLabel);

    connect(m_pauseButton, &QPushButton::toggled, this, [this](bool paused) {
        if (!paused) m_model->appendQueued(); // nothing queued may overtake the held messages
        m_model->setPaused(paused);
        updateCounts();
        if (!paused && m_autoscroll->isChecked()) m_table->scrollToBottom();
    });
    connect(clearButton, &QPushButton::clicked, this, [this] {
        m_model->clear();
        m_rates.clear();
        m_detail->clear();
        updateCounts();
    });
    connect(m_filterInput, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterField, &QComboBox::currentIndexChanged, m_filterTimer,
            qOverload<>(&QTimer::start));
    connect(m_capacity, &QSpinBox::valueChanged, this, [this](int value) {
        m_model->setCapacity(value);
        updateCounts();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PubSubPanel::showSelectedMessage);
    connect(m_model, &MessageModel::rowsInserted, this, &PubSubPanel::scheduleScroll);
    connect(m_model, &MessageModel::modelReset, this, &PubSubPanel::scheduleScroll);
    return side;
}

// ---- subscriptions ----------------------------------------------------------------------

void PubSubPanel::subscribeTo(const QString &text)
{
    const QString name = text.trimmed();
    if (name.isEmpty()) return;
    const Subscriber::Kind kind =
        isPattern(name) ? Subscriber::Kind::Pattern : Subscriber::Kind::Channel;
    m_subscriber->subscribe(kind, name.toUtf8());
    updateSubscriptionItem(kind, name.toUtf8());
}

void PubSubPanel::unsubscribeSelected()
{
    const QList<QTreeWidgetItem *> selected = m_subscriptionList->selectedItems();
    for (QTreeWidgetItem *item : selected) {
        const auto kind = Subscriber::Kind(item->data(SubKind, Qt::UserRole).toInt());
        m_subscriber->unsubscribe(kind, item->data(SubName, Qt::UserRole).toByteArray());
        delete item;
    }
}

void PubSubPanel::subscribeSelectedChannel()
{
    QTreeWidgetItem *item = m_channelBrowser->currentItem();
    if (!item) return;
    const QByteArray channel = item->data(ChanName, Qt::UserRole).toByteArray();
    m_subscriber->subscribe(Subscriber::Kind::Channel, channel);
    updateSubscriptionItem(Subscriber::Kind::Channel, channel);
}

void PubSubPanel::onSubscriptionChanged(Subscriber::Kind kind, const QByteArray &name, bool)
{
    updateSubscriptionItem(kind, name);
}

void PubSubPanel::updateSubscriptionItem(Subscriber::Kind kind, const QByteArray &name)
{
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < m_subscriptionList->topLevelItemCount(); ++i) {
        QTreeWidgetItem *candidate = m_subscriptionList->topLevelItem(i);
        if (candidate->data(SubName, Qt::UserRole).toByteArray() == name &&
            candidate->data(SubKind, Qt::UserRole).toInt() == int(kind)) {
            item = candidate;
            break;
        }
    }
    if (!m_subscriber->isSubscribed(kind, name)) {
        delete item;
        return;
    }
    if (!item) {
        item = new QTreeWidgetItem(m_subscriptionList);
        item->setText(SubName, QString::fromUtf8(name));
        item->setData(SubName, Qt::UserRole, name);
        item->setText(SubKind, kind == Subscriber::Kind::Channel ? tr("channel") : tr("pattern"));
        item->setData(SubKind, Qt::UserRole, int(kind));
    }
    const bool confirmed = m_subscriber->isConfirmed(kind, name);
    item->setText(SubStatus, confirmed ? tr("active") : tr("pending"));
    item->setForeground(SubStatus, confirmed ? QColor(0x2e, 0x7d, 0x32) : QColor(0x9e, 0x9e, 0x9e));
}

void PubSubPanel::onSubscriberState(Subscriber::State state, const QString &errorText)
{
    QString text = Subscriber::stateName(state);
    if (!errorText.isEmpty()) text += QStringLiteral(": ") + errorText;
    m_stateLabel->setText(text);
    const bool bad = state == Subscriber::State::Lost || state == Subscriber::State::Failed;
    m_stateLabel->setStyleSheet(bad ? QStringLiteral("color: #c62828;") : QString());
}

// ---- messages ---------------------------------------------------------------------------

void PubSubPanel::onBatch(const PubSubBatch &batch)
{
    m_rates.add(batch);
    m_model->enqueue(batch); // appended over the next event-loop turns, in bounded slices
}

// Autoscroll once per turn in which rows arrived, never once per slice or per message.
void PubSubPanel::scheduleScroll()
{
    if (m_scrollPending || !m_autoscroll->isChecked() || m_model->isPaused()) return;
    m_scrollPending = true;
    QTimer::singleShot(0, this, [this] {
        m_scrollPending = false;
        if (m_autoscroll->isChecked()) m_table->scrollToBottom();
    });
}

void PubSubPanel::showSelectedMessage()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const PubSubMessage &message = m_model->message(current.row());
    QString header = tr("Channel: %1\n").arg(QString::fromUtf8(message.channel));
    if (!message.pattern.isEmpty())
        header += tr("Pattern: %1\n").arg(QString::fromUtf8(message.pattern));
    header += tr("Time:    %1\n")
                  .arg(QDateTime::fromMSecsSinceEpoch(message.timestampMs)
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    header += tr("Size:    %1 bytes (%2)\n\n")
                  .arg(message.payload.size())
                  .arg(PayloadFormat::kindName(PayloadFormat::detect(message.payload)));
    m_detail->setPlainText(header + PayloadFormat::detail(message.payload));
}

void PubSubPanel::updateCounts()
{
    QString text = tr("%1 messages shown, %2 kept of %3 received")
                       .arg(m_model->rowCount())
                       .arg(m_model->storedCount())
                       .arg(m_subscriber->receivedCount());
    // Messages that arrived faster than the table could show them and were never rows (the
    // newest ones win, as the ring buffer keeps the newest).
    if (m_model->droppedCount() > 0)
        text +=
            tr(" — %1 dropped from view (arrived faster than shown)").arg(m_model->droppedCount());
    if (m_model->isPaused()) {
        text += tr(" — paused, %1 waiting").arg(m_model->heldCount());
        m_pauseButton->setText(tr("Resume (%1)").arg(m_model->heldCount()));
    } else {
        m_pauseButton->setText(tr("Pause"));
    }
    m_countLabel->setText(text);
}

void PubSubPanel::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_rates.prune(now);
    if (!isVisible()) return; // a hidden tab draws nothing: the next tick after showing does
    updateChart(now);
    updateChannelRows(now);
    updateCounts();
    // A channel seen for the first time (a message, a publish of ours) gets its subscriber
    // count at once; otherwise the server's list is polled every few seconds while shown.
    const bool added = std::exchange(m_channelsAdded, false);
    if ((++m_ticks % kChannelRefreshTicks == 0 || added) && isVisible()) refreshChannels();
}

void PubSubPanel::updateChart(qint64 nowMs)
{
    const QList<int> history = m_rates.history(nowMs, 60);
    m_rateChart->setHistory(history);
    m_rateLabel->setText(tr("All channels: %L1 msg/s").arg(history.isEmpty() ? 0 : history.last()));
}

QTreeWidgetItem *PubSubPanel::channelItem(const QByteArray &channel, bool create)
{
    QTreeWidgetItem *item = m_channelItems.value(channel);
    if (item || !create || m_channelItems.size() >= kMaxChannelRows) return item;
    item = new QTreeWidgetItem;
    item->setText(ChanName, QString::fromUtf8(channel));
    item->setData(ChanName, Qt::UserRole, channel);
    item->setToolTip(ChanName, QString::fromUtf8(channel));
    item->setTextAlignment(ChanSubscribers, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(ChanRate, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(ChanTotal, Qt::AlignRight | Qt::AlignVCenter);
    // Every cell has a value from the start (an empty cell reads as "not loaded"); the
    // subscriber count follows with the next PUBSUB NUMSUB.
    item->setData(ChanSubscribers, Qt::DisplayRole, 0);
    item->setData(ChanRate, Qt::DisplayRole, 0);
    item->setData(ChanTotal, Qt::DisplayRole, 0);
    m_channelBrowser->addTopLevelItem(item);
    m_channelItems.insert(channel, item);
    m_channelsAdded = true;
    return item;
}

// QTreeWidget re-sorts after every setData() while sorting is on, and the cell it then repaints
// may be another row's: values showed only once the mouse passed over them. Updates go in with
// sorting off; turning it back on sorts once and repaints the whole table.
namespace {
class SortingPaused
{
public:
    explicit SortingPaused(QTreeWidget *tree)
        : m_tree(tree)
        , m_was(tree->isSortingEnabled())
    {
        m_tree->setSortingEnabled(false);
    }
    ~SortingPaused() { m_tree->setSortingEnabled(m_was); }
    SortingPaused(const SortingPaused &) = delete;
    SortingPaused &operator=(const SortingPaused &) = delete;

private:
    QTreeWidget *m_tree;
    bool m_was;
};
} // namespace

void PubSubPanel::updateChannelRows(qint64 nowMs)
{
    const QList<RateTracker::ChannelRate> rates = m_rates.channelRates(nowMs);
    const SortingPaused paused(m_channelBrowser);
    QSet<QByteArray> seen;
    for (const RateTracker::ChannelRate &rate : rates) {
        QTreeWidgetItem *item = channelItem(rate.channel, true);
        if (!item) continue;
        seen.insert(rate.channel);
        item->setData(ChanRate, Qt::DisplayRole, rate.perSecond);
        item->setData(ChanTotal, Qt::DisplayRole, rate.total);
    }
    for (auto it = m_channelItems.cbegin(); it != m_channelItems.cend(); ++it) {
        if (!seen.contains(it.key())) it.value()->setData(ChanRate, Qt::DisplayRole, 0);
    }
}

void PubSubPanel::refreshChannels()
{
    if (!m_pubsub.isReady()) return;
    m_pubsub.channels(
        kMaxChannelRows, this, [this](const Result<PubSubService::ChannelCounts> &channels) {
            if (!channels.ok()) {
                m_numpatLabel->setText(channels.error);
                return;
            }
            QSet<QByteArray> onServer;
            const SortingPaused paused(m_channelBrowser);
            for (const auto &[channel, subscribers] : channels.value) {
                onServer.insert(channel);
                if (QTreeWidgetItem *item = channelItem(channel, true))
                    item->setData(ChanSubscribers, Qt::DisplayRole, subscribers);
            }
            for (auto it = m_channelItems.cbegin(); it != m_channelItems.cend(); ++it) {
                if (!onServer.contains(it.key()))
                    it.value()->setData(ChanSubscribers, Qt::DisplayRole, 0);
            }
        });
    m_pubsub.patternCount(this, [this](const Result<qint64> &patterns) {
        m_numpatLabel->setText(patterns.ok() ? tr("Patterns: %1").arg(patterns.value)
                                             : patterns.error);
    });
}

// ---- publish, keyspace, export ----------------------------------------------------------

void PubSubPanel::publish()
{
    const QString channel = m_publishChannel->currentText().trimmed();
    const QString payload = m_publishPayload->currentText();
    if (channel.isEmpty()) {
        m_publishResult->setText(tr("Enter a channel"));
        return;
    }
    remember(m_publishChannel, channel);
    remember(m_publishPayload, payload);
    m_publishPayload->setCurrentText(QString());
    m_pubsub.publish(
        channel.toUtf8(), payload.toUtf8(), this, [this, channel](const Result<qint64> &delivered) {
            m_publishResult->setText(
                delivered.ok() ? tr("delivered to %n subscriber(s)", nullptr, int(delivered.value))
                               : delivered.error);
            if (delivered.ok()) channelItem(channel.toUtf8(), true); // listed from now on
        });
}

void PubSubPanel::watchKeyspaceEvents()
{
    subscribeTo(QStringLiteral("__keyspace@%1__:*").arg(m_pubsub.currentDb()));
    m_admin.keyspaceEvents(this, [this](const Result<KeyspaceEvents> &events) {
        if (!events.ok()) return; // cannot tell: just watch
        if (!events.value.publishesKeyspace())
            askToEnableKeyspaceEvents(QString::fromUtf8(events.value.flags));
    });
}

void PubSubPanel::askToEnableKeyspaceEvents(const QString &current)
{
    if (m_keyspaceQuestion) return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Keyspace notifications are off"),
                                tr("This server does not publish keyspace events "
                                   "(notify-keyspace-events is \"%1\"), so nothing will arrive "
                                   "on __keyspace@…__ channels.\n\nEnable them now with "
                                   "CONFIG SET notify-keyspace-events KEA? Every write then "
                                   "publishes a message, which costs some CPU on busy servers.")
                                    .arg(current),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("keyspaceQuestion"));
    box->setDefaultButton(QMessageBox::Yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_keyspaceQuestion = box;
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result != QMessageBox::Yes) return;
        m_admin.setKeyspaceEvents(KeyspaceEvents::everything(), this, [this](const Status &status) {
            m_stateLabel->setText(
                status.ok() ? tr("Keyspace events enabled (KEA)")
                            : tr("Could not enable keyspace events: %1").arg(status.error));
        });
    });
    box->open();
}

void PubSubPanel::chooseExportFile(MessageExport::Format format)
{
    const bool csv = format == MessageExport::Format::Csv;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export messages"),
        csv ? QStringLiteral("messages.csv") : QStringLiteral("messages.jsonl"),
        csv ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl *.ndjson)"));
    if (!path.isEmpty()) exportTo(path, format);
}

void PubSubPanel::exportTo(const QString &path, MessageExport::Format format)
{
    const PubSubBatch messages = m_model->visibleMessages();
    m_countLabel->setText(tr("Exporting %1 messages to %2…").arg(messages.size()).arg(path));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path, messages] {
        const QString error = watcher->result();
        watcher->deleteLater();
        m_countLabel->setText(error.isEmpty()
                                  ? tr("Exported %1 messages to %2").arg(messages.size()).arg(path)
                                  : error);
        emit exportFinished(path, error);
    });
    watcher->setFuture(MessageExport::writeFile(path, messages, format));
}

} // namespace redscope
