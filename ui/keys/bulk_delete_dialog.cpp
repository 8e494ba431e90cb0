// BulkDeleteDialog: state follows BulkDelete's phases. The Delete button is enabled only in
// Previewed with at least one match, and editing the pattern invalidates the count (the
// button goes back to disabled until Count runs again), so the number confirmed is always the
// number counted for the pattern shown.
#include "keys/bulk_delete_dialog.h"

#include "connection/production_guard.h"
#include "keys/bulk_delete.h"
#include "widgets/confirm.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace redscope {

namespace {
constexpr int kSampleSize = 20;
}

BulkDeleteDialog::BulkDeleteDialog(RedisConnection *connection, const QString &pattern,
                                   QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_bulk(new BulkDelete(connection, this))
    , m_pattern(new QLineEdit(pattern, this))
    , m_count(new QPushButton(tr("Count"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_sample(new QListWidget(this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_cancel(new QPushButton(tr("Close"), this))
{
    setWindowTitle(tr("Delete keys matching a pattern"));
    setObjectName(QStringLiteral("bulkDeleteDialog"));
    m_pattern->setObjectName(QStringLiteral("bulkPattern"));
    m_pattern->setPlaceholderText(tr("Glob pattern, e.g. user:* or session:??:*"));
    m_count->setObjectName(QStringLiteral("bulkCount"));
    m_progress->setObjectName(QStringLiteral("bulkProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status->setObjectName(QStringLiteral("bulkStatus"));
    m_status->setWordWrap(true);
    m_sample->setObjectName(QStringLiteral("bulkSample"));
    m_sample->setSelectionMode(QAbstractItemView::NoSelection);
    m_delete->setObjectName(QStringLiteral("bulkDeleteButton"));
    m_delete->setEnabled(false);
    m_delete->setAutoDefault(false);
    m_cancel->setObjectName(QStringLiteral("bulkCancel"));
    m_cancel->setAutoDefault(false);

    QString where;
    if (m_connection.isValid()) {
        const ConnectionSettings s = m_connection.settings();
        where = tr("Database %1 of %2")
                    .arg(m_connection.currentDb())
                    .arg(s.name.isEmpty() ? s.host : s.name);
        if (s.production) where += tr(" (production)");
    }
    auto *target = new QLabel(where, this);
    target->setObjectName(QStringLiteral("bulkTarget"));

    auto *patternRow = new QHBoxLayout;
    patternRow->addWidget(new QLabel(tr("Pattern"), this));
    patternRow->addWidget(m_pattern, 1);
    patternRow->addWidget(m_count);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(target);
    layout->addLayout(patternRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(new QLabel(tr("Matching keys (sample)"), this));
    layout->addWidget(m_sample, 1);
    layout->addLayout(buttons);
    resize(520, 420);

    connect(m_count, &QPushButton::clicked, this, &BulkDeleteDialog::startPreview);
    connect(m_pattern, &QLineEdit::returnPressed, this, &BulkDeleteDialog::startPreview);
    connect(m_pattern, &QLineEdit::textEdited, this, [this] {
        if (m_bulk->phase() == BulkDelete::Phase::Previewing) m_bulk->cancel();
        m_delete->setEnabled(false);
        m_delete->setText(tr("Delete"));
        setStatus(tr("Press Count to see how many keys match"));
    });
    connect(m_delete, &QPushButton::clicked, this, &BulkDeleteDialog::confirmAndDelete);
    connect(m_cancel, &QPushButton::clicked, this, &BulkDeleteDialog::reject);

    const QLocale locale;
    connect(m_bulk, &BulkDelete::previewProgress, this,
            [this, locale](qint64 matched, quint64 done, quint64 total) {
                m_progress->setValue(total ? int(done * 1000 / total) : 0);
                setStatus(tr("Counting… %1 matching so far").arg(locale.toString(matched)));
                if (m_sample->count() < kSampleSize) {
                    m_sample->clear();
                    for (const QByteArray &name : m_bulk->sample(kSampleSize))
                        m_sample->addItem(QString::fromUtf8(name));
                }
            });
    connect(m_bulk, &BulkDelete::previewFinished, this, &BulkDeleteDialog::onPreviewFinished);
    connect(m_bulk, &BulkDelete::deleteProgress, this,
            [this, locale](qint64 processed, qint64 total) {
                m_progress->setValue(total ? int(processed * 1000 / total) : 1000);
                setStatus(tr("Deleting… %1 of %2 keys")
                              .arg(locale.toString(processed), locale.toString(total)));
            });
    connect(m_bulk, &BulkDelete::finished, this, [this, locale](qint64 deleted) {
        m_deleting = false;
        setBusy(false);
        m_delete->setEnabled(false);
        m_progress->setValue(1000);
        m_sample->clear();
        setStatus(tr("Deleted %1 keys").arg(locale.toString(deleted)));
        emit keysDeleted(m_bulk->pattern(), deleted);
    });
    connect(m_bulk, &BulkDelete::cancelled, this, [this, locale] {
        setBusy(false);
        m_delete->setEnabled(false);
        if (m_deleting) {
            m_deleting = false;
            setStatus(
                tr("Cancelled: %1 keys were deleted").arg(locale.toString(m_bulk->deletedCount())));
            emit keysDeleted(m_bulk->pattern(), m_bulk->deletedCount());
        } else {
            setStatus(tr("Count cancelled"));
        }
    });
    connect(m_bulk, &BulkDelete::failed, this, [this](const QString &error) {
        setBusy(false);
        m_delete->setEnabled(false);
        setStatus(error, true);
        if (m_deleting) {
            m_deleting = false;
            emit keysDeleted(m_bulk->pattern(), m_bulk->deletedCount());
        }
    });

    if (m_bulk->refusesWrites()) {
        m_pattern->setEnabled(false);
        m_count->setEnabled(false);
        setStatus(tr("This connection is read-only: keys cannot be deleted"), true);
    } else if (!pattern.trimmed().isEmpty()) {
        startPreview();
    }
}

BulkDeleteDialog::~BulkDeleteDialog() = default;

void BulkDeleteDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #c62828; }") : QString());
}

void BulkDeleteDialog::setBusy(bool busy)
{
    m_pattern->setEnabled(!busy);
    m_count->setEnabled(!busy);
    m_cancel->setText(busy ? tr("Cancel") : tr("Close"));
}

void BulkDeleteDialog::startPreview()
{
    if (m_bulk->refusesWrites()) return;
    m_sample->clear();
    m_delete->setEnabled(false);
    m_delete->setText(tr("Delete"));
    m_progress->setValue(0);
    setBusy(true);
    setStatus(tr("Counting…"));
    m_bulk->preview(m_pattern->text().trimmed().toUtf8());
}

void BulkDeleteDialog::onPreviewFinished(qint64 matched)
{
    setBusy(false);
    m_progress->setValue(1000);
    m_sample->clear();
    for (const QByteArray &name : m_bulk->sample(kSampleSize))
        m_sample->addItem(QString::fromUtf8(name));
    if (matched > kSampleSize)
        m_sample->addItem(tr("… and %n more", nullptr, int(matched - kSampleSize)));
    const QString count = QLocale().toString(matched);
    setStatus(matched ? tr("%1 keys match \"%2\"").arg(count, m_pattern->text().trimmed())
                      : tr("No key matches \"%1\"").arg(m_pattern->text().trimmed()));
    m_delete->setEnabled(matched > 0);
    m_delete->setText(matched ? tr("Delete %1 keys…").arg(count) : tr("Delete"));
}

void BulkDeleteDialog::confirmAndDelete()
{
    if (m_bulk->phase() != BulkDelete::Phase::Previewed || m_bulk->matchedCount() == 0) return;
    QPointer<BulkDeleteDialog> self(this);
    auto run = [self](bool confirmed) {
        if (!self || !confirmed) return;
        self->m_deleting = true;
        self->setBusy(true);
        self->m_delete->setEnabled(false);
        self->m_bulk->deleteMatched(self->m_bulk->isProduction());
    };
    if (m_bulk->isProduction()) {
        ProductionGuard::ask(m_bulk->confirmation(), run);
        return;
    }
    const QString count = QLocale().toString(m_bulk->matchedCount());
    QString where;
    if (m_connection.isValid()) {
        const ConnectionSettings s = m_connection.settings();
        where =
            tr("database %1 of %2")
                .arg(m_connection.currentDb())
                .arg(s.name.isEmpty() ? QStringLiteral("%1:%2").arg(s.host).arg(s.port) : s.name);
    }
    const QString question =
        tr("Delete the %1 keys matching \"%2\" from %3?\n\nThey are removed with UNLINK in "
           "batches of %4; this cannot be undone.")
            .arg(count, QString::fromUtf8(m_bulk->pattern()), where)
            .arg(m_bulk->batchSize());
    run(confirmDangerousAction(this, tr("Delete %1 keys").arg(count), question, tr("delete")));
}

void BulkDeleteDialog::reject()
{
    const BulkDelete::Phase phase = m_bulk->phase();
    if (phase == BulkDelete::Phase::Previewing || phase == BulkDelete::Phase::Deleting) {
        m_bulk->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace redscope
