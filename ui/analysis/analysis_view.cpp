// Layout: a tool row (source, separator, rate, samples, Analyse, Pause, Stop, Export, progress)
// over the report's tabs. Every finished report is shown and saved for the connection; the
// Saved tab lists them, opens one, or compares it with the report shown (namespaces by growth).
#include "analysis/analysis_view.h"

#include "analysis/histogram_widget.h"
#include "analysis/live_analysis.h"
#include "analysis/mirror_snapshot.h"
#include "analysis/offline_analysis.h"
#include "analysis/report_models.h"
#include "analysis/report_store.h"
#include "analysis/snapshot_puller.h"
#include "analysis/treemap_widget.h"
#include "connection/service.h"
#include "mirror/mirror_registry.h"
#include "mirror/mirror_service.h"
#include "widgets/confirm.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace redscope {

namespace {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent, int sortColumn)
{
    auto *view = new QTableView(parent);
    if (qobject_cast<GroupTableModel *>(model)) {
        auto *proxy = new QSortFilterProxyModel(view);
        proxy->setSourceModel(model);
        proxy->setSortRole(Qt::UserRole);
        view->setModel(proxy);
    } else {
        view->setModel(model);
    }
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    // Columns fit their contents but may shrink: the tables share narrow windows.
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setMinimumSectionSize(40);
    view->setMinimumWidth(120);
    QObject::connect(model, &QAbstractItemModel::modelReset, view, [view] {
        for (int c = 0; c < view->model()->columnCount(); ++c)
            view->resizeColumnToContents(c);
    });
    view->setAlternatingRowColors(true);
    view->sortByColumn(sortColumn, Qt::DescendingOrder);
    return view;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// Lays a splitter's two tables side by side on a wide page and one above the other on a narrow
// one: side by side at 1024 px, each table had ~390 px and its key column showed "ch…".
class SplitterOrientation : public QObject
{
public:
    SplitterOrientation(QSplitter *splitter, int sideBySideFrom)
        : QObject(splitter)
        , m_splitter(splitter)
        , m_from(sideBySideFrom)
    {
        splitter->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_splitter && event->type() == QEvent::Resize) {
            const Qt::Orientation wanted =
                m_splitter->width() >= m_from ? Qt::Horizontal : Qt::Vertical;
            if (m_splitter->orientation() != wanted) m_splitter->setOrientation(wanted);
        }
        return false;
    }

private:
    QSplitter *m_splitter;
    int m_from;
};

} // namespace

AnalysisView::AnalysisView(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_service(connection)
{
    setObjectName(QStringLiteral("analysisView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    // -- tool row --
    auto *tools = new QHBoxLayout;
    m_source = new QComboBox(this);
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(12);
    m_source->setObjectName(QStringLiteral("analysisSource"));
    if (connection) {
        m_source->addItem(tr("This connection (live scan)"), int(Source::Live));
        if (!m_service.cluster())
            m_source->addItem(tr("Snapshot pulled from the server"), int(Source::Snapshot));
    }
    m_source->addItem(tr("A dump.rdb file…"), int(Source::File));
    m_separator = new QLineEdit(this);
    m_separator->setObjectName(QStringLiteral("analysisSeparator"));
    m_separator->setText(connection ? Service(connection).settings().namespaceSeparator
                                    : QStringLiteral(":"));
    if (m_separator->text().isEmpty()) m_separator->setText(QStringLiteral(":"));
    m_separator->setMaximumWidth(40);
    m_separator->setToolTip(tr("Namespace separator"));
    m_rate = new QSpinBox(this);
    m_rate->setObjectName(QStringLiteral("analysisRate"));
    m_rate->setRange(50, 1000000);
    m_rate->setSingleStep(1000);
    m_rate->setValue(LiveAnalysis::Settings{}.keysPerSecond);
    m_rate->setSuffix(tr(" keys/s"));
    m_rate->setToolTip(tr("Live scan: the most keys per second per server (default %1), a few "
                          "keys' commands at a time, spread evenly. The server's idle round "
                          "trip is measured first; the scan slows down by itself while its own "
                          "round trips stay above twice that.")
                           .arg(LiveAnalysis::Settings{}.keysPerSecond));
    // The default stays in sight after the user changes the pace: it is the pace the
    // benchmark measures against the server's idle latency.
    m_rateLabel =
        new QLabel(tr("Pace (default %1)").arg(LiveAnalysis::Settings{}.keysPerSecond), this);
    m_rateLabel->setObjectName(QStringLiteral("analysisRateLabel"));
    m_rateLabel->setBuddy(m_rate);
    m_samples = new QSpinBox(this);
    m_samples->setRange(0, 10000);
    m_samples->setValue(0);
    m_samples->setPrefix(tr("SAMPLES "));
    m_samples->setToolTip(
        tr("Live scan: MEMORY USAGE SAMPLES. 0: exact for collections of up to %L1 elements; "
           "larger ones are sampled with %L1 (every element would hold the server for "
           "milliseconds) and the report marks their sizes as estimates")
            .arg(LiveAnalysis::Settings{}.exactLimit));
    m_start = new QPushButton(tr("Analyse"), this);
    m_start->setObjectName(QStringLiteral("analysisStart"));
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setObjectName(QStringLiteral("analysisPause"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("analysisStop"));
    m_export = new QToolButton(this);
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("JSON…"), this, [this] { exportChosen(ExportFormat::Json); });
    exportMenu->addAction(tr("CSV…"), this, [this] { exportChosen(ExportFormat::Csv); });
    exportMenu->addAction(tr("PNG image…"), this, [this] { exportChosen(ExportFormat::Png); });
    m_export->setMenu(exportMenu);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(true);
    // Two rows, so the tab fits a 1024-pixel window beside the sidebar: what to analyse and
    // how, then the actions.
    tools->addWidget(m_source, 1);
    tools->addWidget(new QLabel(tr("Separator"), this));
    tools->addWidget(m_separator);
    tools->addWidget(m_rateLabel);
    tools->addWidget(m_rate);
    tools->addWidget(m_samples);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_start);
    actions->addWidget(m_pause);
    actions->addWidget(m_stop);
    actions->addWidget(m_progress);
    actions->addStretch();
    actions->addWidget(m_export);
    layout->addLayout(tools);
    layout->addLayout(actions);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("analysisStatus"));
    m_status->setWordWrap(true);
    m_status->setText(connection ? tr("Pick a source and press Analyse. A live scan is paced "
                                      "and read-only; a snapshot makes the server fork.")
                                 : tr("Open a dump.rdb file: it is analysed here, no server "
                                      "needed."));
    layout->addWidget(m_status);

    auto updateSourceOptions = [this] {
        const bool live = Source(m_source->currentData().toInt()) == Source::Live;
        m_rateLabel->setVisible(live);
        m_rate->setVisible(live);
        m_samples->setVisible(live);
    };
    connect(m_source, &QComboBox::currentIndexChanged, this, updateSourceOptions);
    updateSourceOptions();
    if (connection) {
        connect(MirrorRegistry::instance(), &MirrorRegistry::changed, this,
                &AnalysisView::updateMirrorSource);
        updateMirrorSource();
    }
    connect(m_start, &QPushButton::clicked, this, &AnalysisView::startSelected);
    connect(m_pause, &QPushButton::clicked, this, [this] { m_paused ? resume() : pause(); });
    connect(m_stop, &QPushButton::clicked, this, &AnalysisView::stop);

    // -- report tabs --
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("analysisTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildOverview(), tr("Overview"));
    m_tabs->addTab(buildNamespaces(), tr("Namespaces"));
    m_tabs->addTab(buildTopKeys(), tr("Top keys"));
    m_findings = new QTextBrowser(this);
    m_findings->setObjectName(QStringLiteral("analysisFindings"));
    m_findings->setOpenLinks(false);
    m_tabs->addTab(m_findings, tr("Findings"));
    m_tabs->addTab(buildSaved(), tr("Saved reports"));
    layout->addWidget(m_tabs, 1);

    m_offline = new OfflineAnalysis(this);
    connect(m_offline, &OfflineAnalysis::progress, this,
            [this](quint64 done, quint64 total, quint64 keys) {
                m_progress->setRange(0, 1000);
                m_progress->setValue(total ? int(1000.0 * double(done) / double(total)) : 0);
                m_status->setText(
                    tr("Reading the file: %1 keys, %2 of %3")
                        .arg(QLocale().toString(keys), formatBytes(done), formatBytes(total)));
            });
    connect(m_offline, &OfflineAnalysis::finished, this, &AnalysisView::finished);
    connect(m_offline, &OfflineAnalysis::failed, this, &AnalysisView::failed);
    if (connection) {
        m_live = new LiveAnalysis(connection, this);
        connect(m_live, &LiveAnalysis::progress, this,
                [this](quint64 keys, quint64 total, int rate) {
                    m_progress->setRange(0, 1000);
                    m_progress->setValue(
                        total ? int(std::min(1000.0, 1000.0 * double(keys) / double(total))) : 0);
                    m_status->setText(tr("Scanning: %1 of about %2 keys, at %3 keys/s")
                                          .arg(QLocale().toString(keys))
                                          .arg(QLocale().toString(total))
                                          .arg(QLocale().toString(rate)));
                });
        connect(m_live, &LiveAnalysis::finished, this, &AnalysisView::finished);
        connect(m_live, &LiveAnalysis::failed, this, &AnalysisView::failed);
    }
    m_banner->setText(tr("No report yet: pick a source above and press Analyse, or open one "
                         "from Saved reports."));
    setBusy(false);
    refreshSaved();
}

AnalysisView::~AnalysisView()
{
    if (!m_snapshotFile.isEmpty()) QFile::remove(m_snapshotFile);
}

QWidget *AnalysisView::buildOverview()
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    m_banner = new QLabel(page);
    m_banner->setObjectName(QStringLiteral("analysisBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::RichText);
    m_totals = new QLabel(page);
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setWordWrap(true);
    layout->addWidget(m_banner);
    layout->addWidget(m_totals);
    auto *tables = new QHBoxLayout;
    m_types = new GroupTableModel(this);
    m_encodings = new GroupTableModel(this);
    m_dbs = new GroupTableModel(this);
    // Named before the first report too, so the empty tables say what they will hold.
    m_types->setGroups({}, 0, tr("Type"));
    m_encodings->setGroups({}, 0, tr("Type / encoding"));
    m_dbs->setGroups({}, 0, tr("Database"));
    for (GroupTableModel *model : {m_types, m_encodings}) {
        QTableView *view = makeTable(model, page, GroupTableModel::BytesColumn);
        view->setMinimumHeight(160);
        tables->addWidget(view, 1);
    }
    layout->addLayout(tables, 1);
    auto *lower = new QHBoxLayout;
    QTableView *dbs = makeTable(m_dbs, page, GroupTableModel::BytesColumn);
    dbs->setMinimumHeight(90);
    lower->addWidget(dbs, 1);
    auto *charts = new QVBoxLayout;
    m_ttl = new HistogramWidget(page);
    m_idle = new HistogramWidget(page);
    m_freq = new HistogramWidget(page);
    charts->addWidget(m_ttl);
    charts->addWidget(m_idle);
    charts->addWidget(m_freq);
    charts->addStretch();
    lower->addLayout(charts, 1);
    layout->addLayout(lower, 1);
    scroll->setWidget(page);
    return scroll;
}

QWidget *AnalysisView::buildNamespaces()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    m_breadcrumb = new QLabel(page);
    m_breadcrumb->setObjectName(QStringLiteral("analysisBreadcrumb"));
    m_breadcrumb->setTextFormat(Qt::RichText);
    connect(m_breadcrumb, &QLabel::linkActivated, this,
            [this](const QString &link) { setRoot(link.toInt()); });
    layout->addWidget(m_breadcrumb);
    auto *split = new QSplitter(Qt::Vertical, page);
    m_treemap = new TreemapWidget(split);
    connect(m_treemap, &TreemapWidget::rootChanged, this, [this](int node) { setRoot(node); });
    m_namespaces = new NamespaceTableModel(this);
    m_namespaceTable = makeTable(m_namespaces, split, NamespaceTableModel::BytesColumn);
    m_namespaceTable->setObjectName(QStringLiteral("analysisNamespaceTable"));
    m_namespaceTable->horizontalHeader()->setStretchLastSection(false);
    m_namespaceTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(m_namespaceTable, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const int node = m_namespaces->nodeAt(index.row());
        if (node > 0 && m_report && !m_report->namespaces[node].children.isEmpty()) setRoot(node);
    });
    split->addWidget(m_treemap);
    split->addWidget(m_namespaceTable);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    return page;
}

QWidget *AnalysisView::buildTopKeys()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *split = new QSplitter(Qt::Horizontal, page);
    m_topBytes = new TopKeysModel(this);
    m_topElements = new TopKeysModel(this);
    for (auto [model, title] : {std::pair{m_topBytes, tr("Largest keys by memory")},
                                std::pair{m_topElements, tr("Largest keys by elements")}}) {
        auto *box = new QWidget(split);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(title), box));
        QTableView *view = makeTable(model, box,
                                     model == m_topBytes ? TopKeysModel::BytesColumn
                                                         : TopKeysModel::ElementsColumn);
        view->setObjectName(model == m_topBytes ? QStringLiteral("analysisTopBytes")
                                                : QStringLiteral("analysisTopElements"));
        view->horizontalHeader()->setStretchLastSection(false);
        view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
        TopKeysModel *m = model;
        connect(view, &QTableView::activated, this,
                [this, m](const QModelIndex &index) { keyActivated(m, index.row()); });
        connect(view, &QTableView::clicked, this,
                [this, m](const QModelIndex &index) { keyActivated(m, index.row()); });
        boxLayout->addWidget(view);
        split->addWidget(box);
    }
    split->setChildrenCollapsible(false);
    new SplitterOrientation(split, 1200);
    layout->addWidget(split, 1);
    m_keySummary = new QLabel(page);
    m_keySummary->setObjectName(QStringLiteral("analysisKeySummary"));
    m_keySummary->setWordWrap(true);
    m_keySummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_keySummary);
    return page;
}

QWidget *AnalysisView::buildSaved()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    m_saved = new QTreeWidget(page);
    m_saved->setObjectName(QStringLiteral("analysisSaved"));
    m_saved->setRootIsDecorated(false);
    m_saved->setHeaderLabels({tr("Taken"), tr("Source"), tr("Keys"), tr("Memory"), tr("")});
    m_saved->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *buttons = new QHBoxLayout;
    auto *open = new QPushButton(tr("Open"), page);
    auto *compare = new QPushButton(tr("Compare with the report shown"), page);
    buttons->addWidget(open);
    buttons->addWidget(compare);
    buttons->addStretch();
    m_compare = new QTreeWidget(page);
    m_compare->setObjectName(QStringLiteral("analysisCompare"));
    m_compare->setRootIsDecorated(false);
    m_compare->setHeaderLabels({tr("Namespace"), tr("Before"), tr("After"), tr("Change"),
                                tr("Keys before"), tr("Keys after")});
    m_compare->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *split = new QSplitter(Qt::Vertical, page);
    split->addWidget(m_saved);
    split->addWidget(m_compare);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);
    auto selectedPath = [this] {
        QTreeWidgetItem *item = m_saved->currentItem();
        return item ? item->data(0, Qt::UserRole).toString() : QString();
    };
    connect(open, &QPushButton::clicked, this, [this, selectedPath] {
        const QString path = selectedPath();
        if (path.isEmpty()) return;
        QString error;
        if (auto report = ReportStore::load(path, &error))
            showReport(*report);
        else
            m_status->setText(tr("Cannot open the report: %1").arg(error));
    });
    connect(m_saved, &QTreeWidget::itemDoubleClicked, open, &QPushButton::click);
    connect(compare, &QPushButton::clicked, this, [this, selectedPath] {
        if (!selectedPath().isEmpty()) compareWith(selectedPath());
    });
    return page;
}

QString AnalysisView::connectionName() const
{
    if (!m_service.hasConnection()) return {};
    const ConnectionSettings settings = m_service.settings();
    return settings.name.isEmpty() ? QStringLiteral("%1:%2").arg(settings.host).arg(settings.port)
                                   : settings.name;
}

void AnalysisView::setStoreRoot(const QString &root)
{
    m_storeRoot = root;
    refreshSaved();
}

void AnalysisView::startSelected()
{
    switch (Source(m_source->currentData().toInt())) {
    case Source::Live:
        return startLive();
    case Source::Snapshot:
        return startSnapshot();
    case Source::Mirror:
        return startMirror();
    case Source::File: {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Analyse dump.rdb"), QDir::homePath(),
                                         tr("Redis snapshots (*.rdb);;All files (*)"));
        if (!path.isEmpty()) analyseFile(path);
        return;
    }
    }
}

static AnalysisOptions optionsFrom(const QLineEdit *separator)
{
    AnalysisOptions options;
    options.separator = separator->text();
    return options;
}

void AnalysisView::analyseFile(const QString &path)
{
    if (isBusy()) return;
    m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    setBusy(true);
    m_offline->start(path, optionsFrom(m_separator), AnalysisSource::RdbFile, connectionName());
}

void AnalysisView::startLive()
{
    if (isBusy() || !m_live) return;
    LiveAnalysis::Settings settings;
    settings.keysPerSecond = m_rate->value();
    settings.memorySamples = m_samples->value();
    setBusy(true);
    m_status->setText(tr("Scanning…"));
    m_live->start(settings, optionsFrom(m_separator), connectionName());
}

void AnalysisView::startSnapshot()
{
    if (isBusy() || !m_service.hasConnection()) return;
    const ConnectionSettings settings = m_service.settings();
    if (settings.production &&
        !confirmDangerousAction(this, tr("Pull a snapshot"),
                                tr("Pulling a snapshot makes %1 fork and write its whole "
                                   "dataset (like BGSAVE), which costs memory and latency on a "
                                   "busy server. Continue?")
                                    .arg(connectionName()),
                                tr("Pull the snapshot")))
        return;
    if (!m_snapshotFile.isEmpty()) QFile::remove(m_snapshotFile);
    m_snapshotFile = QDir::temp().filePath(QStringLiteral("redscope-snapshot-%1-%2.rdb")
                                               .arg(QCoreApplication::applicationPid())
                                               .arg(QDateTime::currentMSecsSinceEpoch()));
    delete m_snapshot;
    m_snapshot = new SnapshotPuller(settings, this);
    connect(m_snapshot, &SnapshotPuller::progress, this, [this](quint64 received, quint64 total) {
        m_progress->setRange(0, total ? 1000 : 0);
        if (total) m_progress->setValue(int(1000.0 * double(received) / double(total)));
        m_status->setText(tr("Pulling the snapshot: %1 received").arg(formatBytes(received)));
    });
    connect(m_snapshot, &SnapshotPuller::failed, this, &AnalysisView::failed);
    connect(m_snapshot, &SnapshotPuller::finished, this, [this](const QString &path) {
        m_status->setText(tr("Snapshot received; analysing it…"));
        m_offline->start(path, optionsFrom(m_separator), AnalysisSource::Snapshot,
                         connectionName());
    });
    setBusy(true);
    m_status->setText(tr("Asking the server for a snapshot…"));
    m_snapshot->start(m_snapshotFile);
}

bool AnalysisView::mirrorOffered() const
{
    return m_source->findData(int(Source::Mirror)) >= 0;
}

// The mirror is offered while it is Live; the item goes when the mirror stops or falls out
// of sync (a run already started goes on with the snapshot it asked for).
void AnalysisView::updateMirrorSource()
{
    const bool live = MirrorRegistry::instance()->liveMirrorOf(m_service.connection());
    const int at = m_source->findData(int(Source::Mirror));
    if (live && at < 0) {
        const int after = m_source->findData(int(Source::Snapshot));
        m_source->insertItem(after >= 0 ? after + 1 : 1,
                             tr("Its mirror in the Local engine (no load on the server)"),
                             int(Source::Mirror));
    } else if (!live && at >= 0) {
        m_source->removeItem(at);
    }
}

void AnalysisView::startMirror()
{
    if (isBusy()) return;
    MirrorService *mirror = MirrorRegistry::instance()->liveMirrorOf(m_service.connection());
    if (!mirror) {
        m_status->setText(tr("The mirror is not in sync any more."));
        return;
    }
    if (!m_snapshotFile.isEmpty()) QFile::remove(m_snapshotFile);
    m_snapshotFile = QDir::temp().filePath(QStringLiteral("redscope-mirror-%1-%2.rdb")
                                               .arg(QCoreApplication::applicationPid())
                                               .arg(QDateTime::currentMSecsSinceEpoch()));
    delete m_mirror;
    m_mirror = new MirrorSnapshot(mirror->local(), this);
    connect(m_mirror, &MirrorSnapshot::progress, m_status, &QLabel::setText);
    connect(m_mirror, &MirrorSnapshot::failed, this, &AnalysisView::failed);
    connect(m_mirror, &MirrorSnapshot::finished, this, [this](const QString &path) {
        m_status->setText(tr("The mirror's snapshot is written; analysing it…"));
        m_offline->start(path, optionsFrom(m_separator), AnalysisSource::Mirror, connectionName());
    });
    setBusy(true);
    m_progress->setRange(0, 0);
    m_mirror->start(m_snapshotFile);
}

void AnalysisView::pause()
{
    if (!isBusy()) return;
    m_paused = true;
    m_offline->pause();
    if (m_live) m_live->pause();
    m_pause->setText(tr("Resume"));
    if (m_live && m_live->isRunning()) showReport(m_live->snapshot());
    m_status->setText(tr("Paused. The report shows what was analysed so far (partial)."));
}

void AnalysisView::resume()
{
    m_paused = false;
    m_offline->resume();
    if (m_live) m_live->resume();
    m_pause->setText(tr("Pause"));
}

void AnalysisView::stop()
{
    if (m_snapshot && m_snapshot->isRunning()) {
        m_snapshot->cancel();
        return;
    }
    m_offline->stop();
    m_offline->resume();
    if (m_live) m_live->stop();
}

bool AnalysisView::isBusy() const
{
    return m_offline->isRunning() || (m_live && m_live->isRunning()) ||
           (m_snapshot && m_snapshot->isRunning()) || (m_mirror && m_mirror->isRunning());
}

void AnalysisView::setBusy(bool busy)
{
    m_start->setEnabled(!busy);
    m_source->setEnabled(!busy);
    m_pause->setEnabled(busy);
    m_stop->setEnabled(busy);
    m_progress->setVisible(busy);
    m_export->setEnabled(!busy && m_report);
    if (!busy) {
        m_paused = false;
        m_pause->setText(tr("Pause"));
    }
}

void AnalysisView::finished(const AnalysisReport &report)
{
    if (!m_snapshotFile.isEmpty() &&
        (report.source == AnalysisSource::Snapshot || report.source == AnalysisSource::Mirror)) {
        QFile::remove(m_snapshotFile);
        m_snapshotFile.clear();
    }
    showReport(report);
    QString error;
    const QString saved = ReportStore(m_storeRoot).save(report, &error);
    setBusy(false);
    m_status->setText((report.partial ? tr("Partial report: %1.").arg(report.partialReason)
                                      : tr("Analysed %1 keys in %2 s.")
                                            .arg(QLocale().toString(report.totals.keys))
                                            .arg(report.seconds, 0, 'f', 1)) +
                      QLatin1Char(' ') +
                      (saved.isEmpty() ? tr("Not saved: %1").arg(error)
                                       : tr("Saved with this connection's reports.")));
    refreshSaved();
}

void AnalysisView::failed(const QString &error)
{
    if (!m_snapshotFile.isEmpty()) {
        QFile::remove(m_snapshotFile);
        m_snapshotFile.clear();
    }
    setBusy(false);
    m_status->setText(tr("The analysis failed: %1").arg(error));
}

void AnalysisView::showReport(const AnalysisReport &report)
{
    // Models and the treemap point into the report: detach them before replacing it.
    m_treemap->setReport(nullptr);
    m_namespaces->setReport(nullptr);
    m_report = std::make_unique<AnalysisReport>(report);
    const AnalysisReport &r = *m_report;
    const QLocale locale;

    QStringList notes;
    notes << tr("<b>%1</b> — %2, taken %3")
                 .arg(escaped(r.sourceName.isEmpty() ? AnalysisReport::sourceLabel(r.source)
                                                     : r.sourceName),
                      AnalysisReport::sourceLabel(r.source),
                      locale.toString(r.dataTime.toLocalTime(), QLocale::ShortFormat));
    if (r.bytesModelled)
        notes << tr("Memory is <i>modelled</i>: an RDB file holds no in-memory sizes, so bytes "
                    "follow Redis 7.0's structures and allocator (within a few percent of "
                    "MEMORY USAGE).");
    else
        notes << tr("Memory as the server reports it (MEMORY USAGE).");
    if (r.estimatedKeys > 0)
        notes << tr("<b>Estimates:</b> the sizes of %L1 key(s) (%2, %3% of the memory; marked "
                    "≈ in the top keys) are MEMORY USAGE estimates from %L4 sampled elements: "
                    "their collections hold more.")
                     .arg(r.estimatedKeys)
                     .arg(formatBytes(r.estimatedBytes))
                     .arg(r.totals.bytes ? 100.0 * double(r.estimatedBytes) / double(r.totals.bytes)
                                         : 0.0,
                          0, 'f', 1)
                     .arg(r.memorySamples);
    if (r.partial)
        notes << tr("<span style='color:#c0392b'><b>Partial result:</b> %1</span>")
                     .arg(escaped(r.partialReason));
    m_banner->setText(notes.join(QStringLiteral("<br>")));
    m_totals->setText(
        tr("<span style='font-size:large'><b>%1</b> keys &nbsp; <b>%2</b> &nbsp; "
           "%3 elements &nbsp; %4% of keys expire</span>")
            .arg(locale.toString(r.totals.keys), formatBytes(r.totals.bytes),
                 locale.toString(r.totals.elements))
            .arg(r.totals.keys ? 100.0 * double(r.totals.withExpiry) / double(r.totals.keys) : 0.0,
                 0, 'f', 1));
    m_types->setGroups(r.byType, r.totals.bytes, tr("Type"));
    m_encodings->setGroups(r.byEncoding, r.totals.bytes, tr("Type / encoding"));
    m_dbs->setGroups(r.byDb, r.totals.bytes, tr("Database"));

    QList<HistogramWidget::Bar> ttl;
    for (int i = 0; i < AnalysisReport::kTtlBuckets; ++i)
        ttl.append({AnalysisReport::ttlBucketName(i), r.ttlKeys[size_t(i)],
                    formatBytes(r.ttlBytes[size_t(i)])});
    m_ttl->setBars(tr("Time to live"), ttl);
    QList<HistogramWidget::Bar> idle, freq;
    for (int i = 0; i < AnalysisReport::kIdleBuckets; ++i)
        idle.append({AnalysisReport::idleBucketName(i), r.idleKeys[size_t(i)], {}});
    for (int i = 0; i < AnalysisReport::kFreqBuckets; ++i)
        freq.append({AnalysisReport::freqBucketName(i), r.freqKeys[size_t(i)], {}});
    m_idle->setBars(tr("Idle time (LRU policies)"), idle,
                    tr("Not recorded: the file was saved without LRU idle times."));
    m_freq->setBars(tr("Access frequency (LFU policies)"), freq,
                    tr("Not recorded: the server's maxmemory-policy is not an LFU one."));
    m_idle->setVisible(r.idleRecorded || !r.freqRecorded);
    m_freq->setVisible(r.freqRecorded);

    m_treemap->setReport(m_report.get());
    m_namespaces->setReport(m_report.get());
    m_topBytes->setKeys(r.topByBytes);
    m_topElements->setKeys(r.topByElements);
    m_keySummary->setText(r.source == AnalysisSource::Live && m_service.hasConnection()
                              ? tr("Click a key to open it in the Keys browser.")
                              : tr("Click a key for its summary."));
    updateBreadcrumb();

    QString html;
    if (r.findings.isEmpty())
        html = tr("<p>Nothing stands out: no big keys, no collections just over their "
                  "encoding limits, no namespaces with forgotten TTLs, no large compressible "
                  "strings.</p>");
    for (const AnalysisFinding &f : r.findings) {
        html += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(escaped(f.title), escaped(f.detail));
        if (!f.configChange.isEmpty())
            html += tr("<p>Change: <code>%1</code></p>").arg(escaped(f.configChange));
        if (!f.examples.isEmpty()) {
            QStringList names;
            for (const QString &e : f.examples)
                names << QStringLiteral("<code>%1</code>").arg(escaped(e));
            html += tr("<p>For example: %1</p>").arg(names.join(QStringLiteral(", ")));
        }
    }
    m_findings->setHtml(html);
    m_tabs->setTabText(3, r.findings.isEmpty() ? tr("Findings")
                                               : tr("Findings (%1)").arg(r.findings.size()));
    m_export->setEnabled(!isBusy());
    emit reportShown();
}

void AnalysisView::setRoot(int node)
{
    if (!m_report) return;
    if (m_treemap->root() != node) m_treemap->setRoot(node); // emits rootChanged: comes back
    if (m_namespaces->root() != node) m_namespaces->setRoot(node);
    updateBreadcrumb();
}

void AnalysisView::updateBreadcrumb()
{
    if (!m_report) return m_breadcrumb->clear();
    QStringList parts;
    for (int node = m_treemap->root(); node >= 0; node = m_report->namespaces[node].parent) {
        const NamespaceNode &n = m_report->namespaces[node];
        const QString name = node == 0 ? tr("All keys") : escaped(n.name);
        parts.prepend(node == m_treemap->root()
                          ? QStringLiteral("<b>%1</b> (%2)").arg(name, formatBytes(n.bytes))
                          : QStringLiteral("<a href='%1'>%2</a>").arg(node).arg(name));
    }
    m_breadcrumb->setText(parts.join(QStringLiteral(" › ")) +
                          tr(" &nbsp; <span style='color:gray'>click to drill down, right click "
                             "to go up</span>"));
}

void AnalysisView::keyActivated(const TopKeysModel *model, int row)
{
    const AnalysisKey *key = model->keyAt(row);
    if (!key || !m_report) return;
    if (m_report->source == AnalysisSource::Live && m_service.hasConnection()) {
        emit openKeyRequested(key->db, key->key);
        return;
    }
    const QLocale locale;
    m_keySummary->setText(tr("<b>%1</b> (db %2): %3, encoding %4, %5 elements, %6 (%7% of "
                             "all), %8")
                              .arg(escaped(QString::fromUtf8(key->key)))
                              .arg(key->db)
                              .arg(key->typeName, key->encoding, locale.toString(key->elements),
                                   formatBytes(key->bytes))
                              .arg(m_report->totals.bytes
                                       ? 100.0 * double(key->bytes) / double(m_report->totals.bytes)
                                       : 0.0,
                                   0, 'f', 2)
                              .arg(analysisTtlText(key->ttlMs)));
}

void AnalysisView::refreshSaved()
{
    if (!m_saved) return;
    m_saved->clear();
    const QLocale locale;
    for (const SavedReport &s : ReportStore(m_storeRoot).list(connectionName())) {
        auto *item = new QTreeWidgetItem(m_saved);
        item->setText(0, locale.toString(s.createdAt.toLocalTime(), QLocale::ShortFormat));
        item->setText(1, AnalysisReport::sourceLabel(s.source));
        item->setText(2, locale.toString(s.keys));
        item->setText(3, formatBytes(s.bytes));
        item->setText(4, s.partial ? tr("partial") : QString());
        item->setToolTip(1, s.sourceName);
        item->setData(0, Qt::UserRole, s.path);
    }
}

void AnalysisView::compareWith(const QString &savedPath)
{
    QString error;
    const auto before = ReportStore::load(savedPath, &error);
    if (!before || !m_report) {
        m_status->setText(tr("Cannot compare: %1").arg(before ? tr("no report shown") : error));
        return;
    }
    m_compare->clear();
    const QLocale locale;
    for (const NamespaceDelta &d : ReportStore::compare(*before, *m_report)) {
        auto *item = new QTreeWidgetItem(m_compare);
        item->setText(0, d.path);
        item->setText(1, formatBytes(d.bytesBefore));
        item->setText(2, formatBytes(d.bytesAfter));
        const qint64 delta = d.bytesDelta();
        item->setText(3, (delta >= 0 ? QStringLiteral("+") : QStringLiteral("−")) +
                             formatBytes(quint64(delta >= 0 ? delta : -delta)));
        item->setForeground(3, delta > 0 ? QColor(192, 57, 43) : QColor(39, 174, 96));
        item->setText(4, locale.toString(d.keysBefore));
        item->setText(5, locale.toString(d.keysAfter));
        for (int c = 1; c < 6; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_status->setText(
        tr("Compared with the report of %1: namespaces by growth.")
            .arg(locale.toString(before->createdAt.toLocalTime(), QLocale::ShortFormat)));
}

bool AnalysisView::exportTo(const QString &path, ExportFormat format, QString *error)
{
    if (!m_report) {
        if (error) *error = tr("No report");
        return false;
    }
    switch (format) {
    case ExportFormat::Json:
        return ReportStore::writeFile(path, QJsonDocument(m_report->toJson()).toJson(), error);
    case ExportFormat::Csv:
        return ReportStore::writeFile(path, m_report->toCsv(), error);
    case ExportFormat::Png: {
        const QPixmap image = m_tabs->currentWidget()->grab();
        if (!image.save(path, "PNG")) {
            if (error) *error = tr("Cannot write %1").arg(path);
            return false;
        }
        return true;
    }
    }
    return false;
}

void AnalysisView::exportChosen(ExportFormat format)
{
    const char *ext = format == ExportFormat::Json  ? "json"
                      : format == ExportFormat::Csv ? "csv"
                                                    : "png";
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the report"),
        QDir::home().filePath(QStringLiteral("redscope-analysis.%1").arg(QLatin1String(ext))));
    if (path.isEmpty()) return;
    QString error;
    m_status->setText(exportTo(path, format, &error) ? tr("Exported to %1").arg(path)
                                                     : tr("Export failed: %1").arg(error));
}

} // namespace redscope
