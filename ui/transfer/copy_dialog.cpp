// CopyDialog (see copy_dialog.h).
#include "transfer/copy_dialog.h"

#include "connection/production_guard.h"
#include "transfer/copy_job.h"
#include "transfer/key_selection_box.h"
#include "transfer/transfer_progress.h"
#include "transfer/transfer_runner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>

namespace redscope {

CopyDialog::CopyDialog(const TransferEndpoint &source, const QList<QByteArray> &selectedKeys,
                       const TransferTargets &targets, QWidget *parent)
    : QDialog(parent)
    , m_source(source)
    , m_targets(targets)
    , m_keys(new KeySelectionBox(selectedKeys, KeySelectionBox::WholeDatabase::NotOffered,
                                 QStringLiteral("copy"), this))
    , m_target(new QComboBox(this))
    , m_targetDb(new QSpinBox(this))
    , m_policy(new QComboBox(this))
    , m_rate(new QSpinBox(this))
    , m_rebuild(new QCheckBox(tr("Always rebuild type by type (no RESTORE)"), this))
    , m_start(new QPushButton(tr("Copy"), this))
    , m_cancel(new QPushButton(tr("Cancel copy"), this))
    , m_runner(new TransferRunner(this))
    , m_progress(new TransferProgress(m_runner, this))
{
    setObjectName(QStringLiteral("copyDialog"));
    setWindowTitle(tr("Copy keys from %1").arg(source.label));
    m_target->setObjectName(QStringLiteral("copyTarget"));
    m_targetDb->setObjectName(QStringLiteral("copyTargetDb"));
    m_policy->setObjectName(QStringLiteral("copyPolicy"));
    m_rate->setObjectName(QStringLiteral("copyRate"));
    m_start->setObjectName(QStringLiteral("copyStart"));
    m_cancel->setObjectName(QStringLiteral("copyCancel"));
    for (const TransferTarget &t : targets)
        m_target->addItem(t.label);
    m_targetDb->setRange(0, 1023);
    if (!targets.isEmpty()) m_targetDb->setValue(targets.first().settings.db);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i < m_targets.size()) m_targetDb->setValue(m_targets[i].settings.db);
    });
    m_policy->addItem(tr("Skip keys that exist on the target"), int(ConflictPolicy::Skip));
    m_policy->addItem(tr("Replace keys that exist on the target"), int(ConflictPolicy::Replace));
    m_policy->addItem(tr("Stop at the first key that exists"), int(ConflictPolicy::Fail));
    m_rate->setRange(0, 10000000);
    m_rate->setSingleStep(1000);
    m_rate->setSpecialValueText(tr("no limit"));
    m_rate->setSuffix(tr(" keys/s"));
    m_rate->setValue(kDefaultCopyRate);
    m_rate->setToolTip(tr("Keys per second. The default keeps a busy source server responsive; "
                          "0 copies as fast as the servers go."));

    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(new QLabel(tr("db"), this));
    targetRow->addWidget(m_targetDb);
    auto *form = new QFormLayout;
    form->addRow(tr("Keys:"), m_keys);
    form->addRow(tr("To:"), targetRow);
    form->addRow(tr("Existing keys:"), m_policy);
    form->addRow(tr("Rate limit:"), m_rate);
    form->addRow(QString(), m_rebuild);
    m_progress->layOutDialog(this, form, {m_start, m_cancel}, m_cancel);

    connect(m_start, &QPushButton::clicked, this, &CopyDialog::start);
    connect(m_runner, &TransferRunner::finished, this, &CopyDialog::updateState);
    updateState();
    resize(720, 520);
}

void CopyDialog::updateState()
{
    const bool running = m_runner->isRunning();
    m_start->setEnabled(!running && m_source.valid && !m_targets.isEmpty());
    m_cancel->setEnabled(running);
    m_keys->setRunning(running);
}

void CopyDialog::start()
{
    const int index = m_target->currentIndex();
    if (!m_source.valid || m_runner->isRunning() || index < 0 || index >= m_targets.size()) return;
    const ConnectionSettings &target = m_targets[index].settings;
    const KeySelection selection = m_keys->selection();
    const bool picked = m_keys->picksSelected();
    if (target.production) {
        const ConfirmationRequest request = ProductionGuard::question(
            target, QStringLiteral("COPY"),
            tr("writes keys from %1 into database %2").arg(m_source.label).arg(m_targetDb->value()),
            picked ? selection.keys.size() : -1, picked);
        QPointer<CopyDialog> self(this);
        ProductionGuard::ask(request, [self](bool confirmed) {
            if (self && confirmed) self->run(true);
        });
        return;
    }
    run(false);
}

void CopyDialog::run(bool confirmed)
{
    const int index = m_target->currentIndex();
    if (!m_source.valid || m_runner->isRunning() || index < 0 || index >= m_targets.size()) return;
    CopyOptions options;
    options.source = m_source.settings;
    options.target = m_targets[index].settings;
    options.target.db = m_targetDb->value();
    options.selection = m_keys->selection();
    options.policy = ConflictPolicy(m_policy->currentData().toInt());
    options.useRestore = !m_rebuild->isChecked();
    options.confirmedWrites = confirmed;
    auto job = std::make_unique<CopyJob>(std::move(options));
    job->setRateLimit(m_rate->value());
    m_progress->reset(tr("Copying to %1…").arg(m_target->currentText()));
    m_runner->start(std::move(job));
    updateState();
}

} // namespace redscope
