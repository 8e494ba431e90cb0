// ImportDialog (see import_dialog.h).
#include "transfer/import_dialog.h"

#include "connection/production_guard.h"
#include "transfer/import_job.h"
#include "transfer/transfer_progress.h"
#include "transfer/transfer_runner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>

namespace redscope {

ImportDialog::ImportDialog(const TransferEndpoint &target, QWidget *parent)
    : QDialog(parent)
    , m_target(target)
    , m_path(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_policy(new QComboBox(this))
    , m_rdbDb(new QSpinBox(this))
    , m_dryRun(new QCheckBox(tr("Dry run: report what would change, write nothing"), this))
    , m_continue(new QCheckBox(tr("Continue past errors (skip bad records, list them)"), this))
    , m_validate(new QPushButton(tr("Validate"), this))
    , m_import(new QPushButton(tr("Import"), this))
    , m_resume(new QPushButton(tr("Resume"), this))
    , m_cancel(new QPushButton(tr("Cancel import"), this))
    , m_runner(new TransferRunner(this))
    , m_progress(new TransferProgress(m_runner, this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import into %1").arg(target.label));
    m_path->setObjectName(QStringLiteral("importPath"));
    m_format->setObjectName(QStringLiteral("importFormat"));
    m_policy->setObjectName(QStringLiteral("importPolicy"));
    m_dryRun->setObjectName(QStringLiteral("importDryRun"));
    m_continue->setObjectName(QStringLiteral("importContinue"));
    m_validate->setObjectName(QStringLiteral("importValidate"));
    m_import->setObjectName(QStringLiteral("importStart"));
    m_resume->setObjectName(QStringLiteral("importResume"));
    m_cancel->setObjectName(QStringLiteral("importCancel"));
    for (TransferFormat f : {TransferFormat::JsonLines, TransferFormat::Csv, TransferFormat::Resp,
                             TransferFormat::Rdb, TransferFormat::Commands})
        m_format->addItem(formatName(f), int(f));
    m_policy->addItem(tr("Skip keys that exist"), int(ConflictPolicy::Skip));
    m_policy->addItem(tr("Replace keys that exist"), int(ConflictPolicy::Replace));
    m_policy->addItem(tr("Fail if any key exists (before writing)"), int(ConflictPolicy::Fail));
    m_rdbDb->setRange(-1, 1023);
    m_rdbDb->setSpecialValueText(tr("all databases"));
    m_rdbDb->setValue(-1);
    m_rdbDb->setToolTip(tr("dump.rdb files: which database of the file to import"));

    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Existing keys:"), m_policy);
    form->addRow(tr("Database in a dump.rdb:"), m_rdbDb);
    form->addRow(QString(), m_dryRun);
    form->addRow(QString(), m_continue);

    m_progress->layOutDialog(this, form, {m_validate, m_import, m_resume, m_cancel}, m_cancel);

    connect(browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_path, &QLineEdit::editingFinished, this, [this] { setPath(m_path->text()); });
    connect(m_path, &QLineEdit::textChanged, this, &ImportDialog::updateState);
    connect(m_validate, &QPushButton::clicked, this, &ImportDialog::validate);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_resume, &QPushButton::clicked, this, &ImportDialog::resume);
    connect(m_runner, &TransferRunner::finished, this, [this](const TransferSummary &s) {
        m_resumeFrom = s.resumeFrom;
        m_resumeRewrite = s.resumeRewrite;
        updateState();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::updateState);
    updateState();
    resize(760, 560);
}

void ImportDialog::setPath(const QString &path)
{
    m_path->setText(path);
    if (QFileInfo::exists(path))
        m_format->setCurrentIndex(m_format->findData(int(guessFormat(path))));
    m_resumeFrom = -1;
    updateState();
}

void ImportDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import from"), m_path->text());
    if (!path.isEmpty()) setPath(path);
}

void ImportDialog::updateState()
{
    const bool running = m_runner->isRunning();
    const bool ready = !running && m_target.valid && !m_path->text().isEmpty();
    m_validate->setEnabled(ready);
    m_import->setEnabled(ready);
    m_resume->setEnabled(ready && m_resumeFrom > 0);
    m_resume->setToolTip(m_resumeFrom > 0 ? tr("Continue from record %1").arg(m_resumeFrom)
                                          : QString());
    m_cancel->setEnabled(running);
    m_rdbDb->setEnabled(TransferFormat(m_format->currentData().toInt()) == TransferFormat::Rdb);
}

void ImportDialog::validate()
{
    launch(true, 0);
}

void ImportDialog::startImport()
{
    launch(false, 0);
}

void ImportDialog::resume()
{
    if (m_resumeFrom > 0) launch(false, m_resumeFrom);
}

void ImportDialog::launch(bool validateOnly, qint64 resumeFrom)
{
    if (!m_target.valid || m_runner->isRunning()) return;
    const bool writes = !validateOnly && !m_dryRun->isChecked();
    if (writes && m_target.settings.production) {
        const ConfirmationRequest request =
            ProductionGuard::question(m_target.settings, QStringLiteral("IMPORT"),
                                      tr("writes the keys of %1 into database %2")
                                          .arg(QFileInfo(m_path->text()).fileName())
                                          .arg(m_target.settings.db),
                                      -1, false);
        QPointer<ImportDialog> self(this);
        ProductionGuard::ask(request, [self, resumeFrom](bool confirmed) {
            if (self && confirmed) self->run(false, resumeFrom, true);
        });
        return;
    }
    run(validateOnly, resumeFrom, false);
}

void ImportDialog::run(bool validateOnly, qint64 resumeFrom, bool confirmed)
{
    if (!m_target.valid || m_runner->isRunning()) return;
    ImportOptions options;
    options.target = m_target.settings;
    options.path = m_path->text();
    options.format = TransferFormat(m_format->currentData().toInt());
    options.policy = ConflictPolicy(m_policy->currentData().toInt());
    options.dryRun = m_dryRun->isChecked();
    options.continuePastErrors = m_continue->isChecked();
    options.validateOnly = validateOnly;
    options.resumeFrom = resumeFrom;
    if (resumeFrom > 0) options.resumeRewrite = m_resumeRewrite;
    options.dbFilter = m_rdbDb->value();
    options.confirmedWrites = confirmed;
    m_progress->reset(validateOnly ? tr("Validating %1…").arg(options.path)
                                   : tr("Importing %1…").arg(options.path));
    m_runner->start(std::make_unique<ImportJob>(std::move(options)));
    updateState();
}

} // namespace redscope
