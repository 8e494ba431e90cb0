// The export button stays disabled while an export runs, so only one snapshot copy is ever in
// flight; the outcome (or the server's error) is shown under the buttons.
#include "local/local_engine_box.h"

#include "connection/connection_lifecycle.h"
#include "local/engine_host.h"
#include "local/snapshot_export.h"
#include "widgets/confirm.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace redscope {

LocalEngineBox::LocalEngineBox(RedisConnection *connection, const QString &dataDir,
                               QWidget *parent)
    : QGroupBox(tr("Local engine files"), parent)
    , m_dataDir(dataDir)
    , m_connection(connection)
    , m_exporter(new SnapshotExporter(connection, this))
    , m_exportButton(new QPushButton(tr("Export snapshot…"), this))
    , m_importButton(new QPushButton(tr("Import RDB file…"), this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("localEngineBox"));
    auto *dirLabel = new QLabel(QDir::toNativeSeparators(dataDir), this);
    dirLabel->setObjectName(QStringLiteral("localEngineDataDir"));
    dirLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *openButton = new QPushButton(tr("Open folder"), this);
    openButton->setObjectName(QStringLiteral("localEngineOpenFolder"));
    m_exportButton->setObjectName(QStringLiteral("localEngineExport"));
    m_exportButton->setToolTip(tr("Writes a fresh snapshot (BGSAVE) and copies it to a file"));
    m_importButton->setObjectName(QStringLiteral("localEngineImport"));
    m_importButton->setToolTip(
        tr("Replaces all data in the local engine with an RDB file, e.g. a Redis dump.rdb"));
    if (ConnectionLifecycle(connection).settings().readOnly) {
        m_importButton->setEnabled(false);
        m_importButton->setToolTip(tr("Disabled: this connection is read-only"));
    }
    m_result->setObjectName(QStringLiteral("localEngineResult"));
    m_result->setWordWrap(true);
    m_result->hide(); // until there is something to say

    connect(openButton, &QPushButton::clicked, this, &LocalEngineBox::openFolder);
    connect(m_exportButton, &QPushButton::clicked, this, &LocalEngineBox::chooseAndExport);
    connect(m_importButton, &QPushButton::clicked, this, &LocalEngineBox::chooseAndImport);
    connect(m_exporter, &SnapshotExporter::progress, this,
            [this](const QString &text) { showResult(text, false); });
    connect(m_exporter, &SnapshotExporter::finished, this,
            [this](bool ok, const QString &message) {
                m_exportButton->setEnabled(true);
                showResult(message, !ok);
            });

    auto *form = new QFormLayout;
    form->addRow(tr("Data directory"), dirLabel);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(openButton);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_importButton);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
}

QString LocalEngineBox::resultText() const
{
    return m_result->text();
}

void LocalEngineBox::openFolder()
{
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_dataDir)))
        showResult(tr("No file manager could open %1").arg(QDir::toNativeSeparators(m_dataDir)),
                   true);
}

void LocalEngineBox::chooseAndExport()
{
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Export snapshot"), QDir::home().filePath(QStringLiteral("redscope-dump.rdb")),
        tr("RDB snapshots (*.rdb);;All files (*)"));
    if (!target.isEmpty()) exportSnapshot(target);
}

void LocalEngineBox::exportSnapshot(const QString &targetFile)
{
    if (m_exporter->isRunning()) return;
    m_exportButton->setEnabled(false);
    m_exporter->exportTo(m_dataDir, targetFile);
}

void LocalEngineBox::chooseAndImport()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Import RDB file"), QDir::homePath(),
        tr("RDB snapshots (*.rdb);;All files (*)"));
    if (!file.isEmpty()) importFile(file);
}

// The file is validated by the engine before anything is replaced, so the question is only
// about losing the current data, not about the file.
void LocalEngineBox::importFile(const QString &rdbFile)
{
    EngineHost *host =
        EngineHost::forSocket(ConnectionLifecycle(m_connection).settings().unixSocket);
    if (!host) {
        showResult(tr("The embedded engine is not running in this window"), true);
        emit importFinished(false, m_result->text());
        return;
    }
    if (!confirmAction(this, tr("Import RDB file"),
                       tr("Replace ALL data in the local engine (every database) with the "
                          "contents of %1?\n\nThe current data is discarded; export a "
                          "snapshot first to keep it.")
                           .arg(QDir::toNativeSeparators(rdbFile))))
        return;
    m_importButton->setEnabled(false);
    showResult(tr("Importing %1…").arg(QFileInfo(rdbFile).fileName()), false);
    auto *watcher = new QFutureWatcher<EngineHost::ImportReport>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const EngineHost::ImportReport report = watcher->result();
        watcher->deleteLater();
        m_importButton->setEnabled(true);
        showResult(report.ok ? report.message : tr("Import failed: %1").arg(report.message),
                   !report.ok);
        emit importFinished(report.ok, report.message);
    });
    watcher->setFuture(host->importRdb(rdbFile));
}

void LocalEngineBox::showResult(const QString &text, bool error)
{
    m_result->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_result->setText(text);
    m_result->setVisible(!text.isEmpty());
}

} // namespace redscope
