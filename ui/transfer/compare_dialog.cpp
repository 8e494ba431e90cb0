// CompareDialog (see compare_dialog.h).
#include "transfer/compare_dialog.h"

#include "connection/production_guard.h"
#include "transfer/diff_model.h"
#include "transfer/transfer_progress.h"
#include "transfer/transfer_runner.h"
#include "transfer/value_peek.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace redscope {

CompareDialog::CompareDialog(const TransferEndpoint &a, const TransferTargets &targets,
                             QWidget *parent)
    : QDialog(parent)
    , m_a(a)
    , m_targets(targets)
    , m_aServer(new QRadioButton(this))
    , m_aFile(new QRadioButton(tr("dump.rdb file"), this))
    , m_rdbPath(new QLineEdit(this))
    , m_rdbDb(new QSpinBox(this))
    , m_target(new QComboBox(this))
    , m_targetDb(new QSpinBox(this))
    , m_pattern(new QLineEdit(this))
    , m_compare(new QPushButton(tr("Compare"), this))
    , m_export(new QPushButton(tr("Export differences…"), this))
    , m_sync(new QPushButton(tr("Make B equal to A"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_valueTitleA(new QLabel(tr("A"), this))
    , m_valueTitleB(new QLabel(tr("B"), this))
    , m_view(new QTableView(this))
    , m_model(new DiffModel(this))
    , m_valueA(new QPlainTextEdit(this))
    , m_valueB(new QPlainTextEdit(this))
    , m_runner(new TransferRunner(this))
    , m_progress(new TransferProgress(m_runner, this))
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare databases"));
    m_aServer->setText(a.valid ? a.label : tr("(no connection)"));
    m_aServer->setChecked(true);
    m_aServer->setObjectName(QStringLiteral("compareAServer"));
    m_aFile->setObjectName(QStringLiteral("compareAFile"));
    m_rdbPath->setObjectName(QStringLiteral("compareRdbPath"));
    m_target->setObjectName(QStringLiteral("compareTarget"));
    m_targetDb->setObjectName(QStringLiteral("compareTargetDb"));
    m_pattern->setObjectName(QStringLiteral("comparePattern"));
    m_compare->setObjectName(QStringLiteral("compareStart"));
    m_export->setObjectName(QStringLiteral("compareExport"));
    m_sync->setObjectName(QStringLiteral("compareSync"));
    m_view->setObjectName(QStringLiteral("compareDiffView"));
    m_valueA->setObjectName(QStringLiteral("compareValueA"));
    m_valueB->setObjectName(QStringLiteral("compareValueB"));
    m_pattern->setPlaceholderText(tr("every key (or a glob pattern)"));
    m_rdbPath->setPlaceholderText(tr("path of a dump.rdb"));
    m_rdbDb->setRange(0, 1023);
    m_targetDb->setRange(0, 1023);
    for (const TransferTarget &t : targets)
        m_target->addItem(t.label);
    if (!targets.isEmpty()) m_targetDb->setValue(targets.first().settings.db);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i < m_targets.size()) m_targetDb->setValue(m_targets[i].settings.db);
    });

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *aRow = new QHBoxLayout;
    aRow->addWidget(m_aServer);
    aRow->addWidget(m_aFile);
    aRow->addWidget(m_rdbPath, 1);
    aRow->addWidget(browse);
    aRow->addWidget(new QLabel(tr("db"), this));
    aRow->addWidget(m_rdbDb);
    auto *bRow = new QHBoxLayout;
    bRow->addWidget(m_target, 1);
    bRow->addWidget(new QLabel(tr("db"), this));
    bRow->addWidget(m_targetDb);
    auto *form = new QFormLayout;
    form->addRow(tr("A:"), aRow);
    form->addRow(tr("B:"), bRow);
    form->addRow(tr("Keys:"), m_pattern);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->horizontalHeader()->setSectionResizeMode(DiffModel::KeyColumn, QHeaderView::Stretch);
    m_view->verticalHeader()->hide();
    for (QPlainTextEdit *v : {m_valueA, m_valueB}) {
        v->setReadOnly(true);
        v->setLineWrapMode(QPlainTextEdit::NoWrap);
        v->setMaximumBlockCount(5000);
    }
    auto *sides = new QWidget(this);
    auto *sidesLayout = new QHBoxLayout(sides);
    sidesLayout->setContentsMargins(0, 0, 0, 0);
    auto *left = new QVBoxLayout;
    left->addWidget(m_valueTitleA);
    left->addWidget(m_valueA);
    auto *right = new QVBoxLayout;
    right->addWidget(m_valueTitleB);
    right->addWidget(m_valueB);
    sidesLayout->addLayout(left);
    sidesLayout->addLayout(right);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(sides);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    for (QPushButton *b : {m_compare, m_cancel, m_export, m_sync})
        buttons->addButton(b, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addWidget(m_progress);
    m_progress->setMaximumHeight(90);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("dump.rdb"), m_rdbPath->text());
        if (!path.isEmpty()) {
            m_rdbPath->setText(path);
            m_aFile->setChecked(true);
        }
    });
    connect(m_compare, &QPushButton::clicked, this, &CompareDialog::startCompare);
    connect(m_cancel, &QPushButton::clicked, m_runner, &TransferRunner::cancel);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the differences"), QDir::home().filePath("differences.resp"));
        if (!path.isEmpty()) exportDifferences(path);
    });
    connect(m_sync, &QPushButton::clicked, this, &CompareDialog::makeBEqualToA);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_runner, &TransferRunner::progress, m_model, &DiffModel::resultGrew);
    connect(m_runner, &TransferRunner::finished, this, [this] {
        m_model->resultGrew();
        if (m_syncing) {
            m_syncing = false;
        }
        updateState();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showValues();
        updateState();
    });
    for (QRadioButton *r : {m_aServer, m_aFile})
        connect(r, &QRadioButton::toggled, this, &CompareDialog::updateState);
    connect(m_rdbPath, &QLineEdit::textChanged, this, &CompareDialog::updateState);
    updateState();
    // As large as useful, but never past the screen (a 1024x640 display shows it whole).
    const QRect screen = this->screen()->availableGeometry();
    resize(qMin(980, screen.width() - 40), qMin(720, screen.height() - 40));
}

CompareDialog::~CompareDialog() = default;

CompareSide CompareDialog::sideA() const
{
    CompareSide side;
    if (m_aFile->isChecked()) {
        side.rdbPath = m_rdbPath->text();
        side.rdbDb = m_rdbDb->value();
    } else if (m_a.valid) {
        side.settings = m_a.settings;
    }
    return side;
}

ConnectionSettings CompareDialog::sideB() const
{
    const int i = m_target->currentIndex();
    ConnectionSettings b =
        i >= 0 && i < m_targets.size() ? m_targets[i].settings : ConnectionSettings();
    b.db = m_targetDb->value();
    return b;
}

void CompareDialog::updateState()
{
    const bool running = m_runner->isRunning();
    const bool aReady = m_aFile->isChecked() ? !m_rdbPath->text().isEmpty() : m_a.valid;
    m_compare->setEnabled(!running && aReady && !m_targets.isEmpty());
    m_cancel->setEnabled(running);
    const bool haveDiffs = m_model->rowCount() > 0 && !running;
    m_export->setEnabled(haveDiffs);
    m_sync->setEnabled(haveDiffs && m_view->selectionModel()->hasSelection());
    m_sync->setToolTip(tr("Write A's values of the selected keys over B's (keys only in B are "
                          "deleted from B)"));
}

void CompareDialog::startCompare()
{
    if (m_runner->isRunning()) return;
    CompareOptions options;
    options.a = sideA();
    options.b = sideB();
    options.pattern = m_pattern->text().trimmed().toUtf8();
    m_comparedA = options.a;
    m_comparedB = options.b;
    auto job = std::make_unique<CompareJob>(options);
    m_model->setResult(job->result());
    m_valueA->clear();
    m_valueB->clear();
    m_valueTitleA->setText(tr("A: %1").arg(options.a.label()));
    m_valueTitleB->setText(tr("B: %1 db %2").arg(options.b.address()).arg(options.b.db));
    delete m_peeker;
    m_peeker =
        new ValuePeeker(options.a.settings, options.a.rdbPath, options.a.rdbDb, options.b, this);
    m_progress->reset(tr("Comparing…"));
    m_runner->start(std::move(job));
    updateState();
}

QList<QByteArray> CompareDialog::chosenKeys() const
{
    QList<QByteArray> keys;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        keys.append(index.data(DiffModel::KeyRole).toByteArray());
    return keys;
}

void CompareDialog::showValues()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1) return;
    const DiffEntry entry = m_model->entry(rows.first().row());
    if (!m_peeker) return;
    m_valueA->setPlainText(tr("Loading…"));
    m_valueB->setPlainText(tr("Loading…"));
    QPlainTextEdit *a = m_valueA, *b = m_valueB; // the peeker is our child: dies first
    m_peeker->peek(
        entry.key, [a](const QString &text) { a->setPlainText(text); },
        [b](const QString &text) { b->setPlainText(text); });
}

void CompareDialog::exportDifferences(const QString &path)
{
    runSync(path, false);
}

void CompareDialog::makeBEqualToA()
{
    if (m_runner->isRunning() || chosenKeys().isEmpty()) return;
    if (m_comparedB.production) {
        const ConfirmationRequest request = ProductionGuard::question(
            m_comparedB, QStringLiteral("MAKE EQUAL"),
            tr("overwrites or deletes the chosen keys in database %1").arg(m_comparedB.db),
            chosenKeys().size(), true);
        QPointer<CompareDialog> self(this);
        ProductionGuard::ask(request, [self](bool confirmed) {
            if (self && confirmed) self->runSync({}, true);
        });
        return;
    }
    runSync({}, false);
}

void CompareDialog::runSync(const QString &exportPath, bool confirmed)
{
    if (m_runner->isRunning()) return;
    SyncOptions options;
    options.a = m_comparedA;
    options.b = m_comparedB;
    options.exportPath = exportPath;
    options.confirmedWrites = confirmed;
    if (exportPath.isEmpty()) {
        options.keys = chosenKeys();
    } else { // every difference, not only the rows shown so far
        const CompareResultPtr result = m_model->result();
        for (const DiffEntry &e : result->mid(0, result->size()))
            options.keys.append(e.key);
    }
    m_syncing = true;
    m_progress->reset(exportPath.isEmpty() ? tr("Making B equal to A for %n key(s)…", nullptr,
                                                int(options.keys.size()))
                                           : tr("Writing %1…").arg(exportPath));
    m_runner->start(std::make_unique<SyncJob>(std::move(options)));
    updateState();
}

} // namespace redscope
