// The export button stays disabled while an export runs, so only one snapshot copy is ever in
// flight; the outcome (or the server's error) is shown under the buttons.
#include "local_engine_box.h"

#include "snapshot_export.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
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
    , m_exporter(new SnapshotExporter(connection, this))
    , m_exportButton(new QPushButton(tr("Export snapshot…"), this))
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
    m_result->setObjectName(QStringLiteral("localEngineResult"));
    m_result->setWordWrap(true);
    m_result->hide(); // until there is something to say

    connect(openButton, &QPushButton::clicked, this, &LocalEngineBox::openFolder);
    connect(m_exportButton, &QPushButton::clicked, this, &LocalEngineBox::chooseAndExport);
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

void LocalEngineBox::showResult(const QString &text, bool error)
{
    m_result->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_result->setText(text);
    m_result->setVisible(!text.isEmpty());
}

} // namespace redscope
