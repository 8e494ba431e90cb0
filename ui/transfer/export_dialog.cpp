// ExportDialog (see export_dialog.h).
#include "transfer/export_dialog.h"

#include "transfer/export_job.h"
#include "transfer/key_selection_box.h"
#include "transfer/transfer_progress.h"
#include "transfer/transfer_runner.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace redscope {

ExportDialog::ExportDialog(const TransferEndpoint &source, const QList<QByteArray> &selectedKeys,
                           QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_keys(new KeySelectionBox(selectedKeys, KeySelectionBox::WholeDatabase::Offered,
                                 QStringLiteral("export"), this))
    , m_format(new QComboBox(this))
    , m_ttl(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_start(new QPushButton(tr("Export"), this))
    , m_cancel(new QPushButton(tr("Cancel export"), this))
    , m_runner(new TransferRunner(this))
    , m_progress(new TransferProgress(m_runner, this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export from %1").arg(source.label));
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_ttl->setObjectName(QStringLiteral("exportTtl"));
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_start->setObjectName(QStringLiteral("exportStart"));
    m_cancel->setObjectName(QStringLiteral("exportCancel"));

    for (TransferFormat f : {TransferFormat::JsonLines, TransferFormat::Csv, TransferFormat::Resp,
                             TransferFormat::Rdb})
        m_format->addItem(formatName(f), int(f));
    m_ttl->addItem(tr("Relative (milliseconds left at export)"), int(TtlMode::Relative));
    m_ttl->addItem(tr("Absolute (Unix time in milliseconds)"), int(TtlMode::Absolute));
    m_path->setText(QDir::home().filePath(QStringLiteral("redis-export.jsonl")));

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("Keys:"), m_keys);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("TTLs:"), m_ttl);
    form->addRow(tr("File:"), pathRow);

    m_progress->layOutDialog(this, form, {m_start, m_cancel}, m_cancel);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_start, &QPushButton::clicked, this, &ExportDialog::start);
    connect(m_runner, &TransferRunner::finished, this, &ExportDialog::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        const auto format = TransferFormat(m_format->currentData().toInt());
        const QFileInfo info(m_path->text());
        m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') +
                                            formatExtension(format)));
        m_ttl->setEnabled(format != TransferFormat::Rdb);
    });
    connect(m_keys, &KeySelectionBox::changed, this, &ExportDialog::updateState);
    updateState();
    resize(720, 520);
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_path->text());
    if (!path.isEmpty()) m_path->setText(path);
}

void ExportDialog::updateState()
{
    const bool running = m_runner->isRunning();
    m_start->setEnabled(!running && m_source.valid);
    m_cancel->setEnabled(running);
    m_keys->setRunning(running);
}

void ExportDialog::start()
{
    if (!m_source.valid || m_runner->isRunning()) return;
    ExportOptions options;
    options.source = m_source.settings;
    options.selection = m_keys->selection();
    options.format = TransferFormat(m_format->currentData().toInt());
    options.ttl = TtlMode(m_ttl->currentData().toInt());
    options.path = m_path->text();
    m_progress->reset(tr("Exporting to %1…").arg(options.path));
    m_runner->start(std::make_unique<ExportJob>(std::move(options)));
    updateState();
}

} // namespace redscope
