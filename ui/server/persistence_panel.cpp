// After an action the panel polls INFO at once, so "bgsave in progress" and the new last-save
// time appear without waiting for the next tick.
#include "server/persistence_panel.h"

#include "local/local_engine_box.h"
#include "monitoring/info_poller.h"
#include "server/server_replies.h"
#include "server/time_format.h"
#include "widgets/confirm.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace redscope {

PersistencePanel::PersistencePanel(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_admin(connection)
    , m_poller(new InfoPoller(connection, this))
    , m_busy(new QProgressBar(this))
    , m_aofButton(new QPushButton(this))
    , m_fsync(new QComboBox(this))
    , m_savePoints(new QLineEdit(this))
    , m_result(new QLabel(this))
    , m_progressText(new QLabel(this))
    , m_localDataDir(m_admin.settings().localDataDir)
{
    auto *rdbBox = new QGroupBox(tr("RDB snapshots"), this);
    auto *rdbForm = new QFormLayout(rdbBox);
    addField(rdbForm, QStringLiteral("rdb_last_save"), tr("Last save"));
    addField(rdbForm, QStringLiteral("rdb_status"), tr("Last background save"));
    addField(rdbForm, QStringLiteral("rdb_changes"), tr("Changes since last save"));
    addField(rdbForm, QStringLiteral("rdb_in_progress"), tr("Background save"));
    addField(rdbForm, QStringLiteral("rdb_save_points"), tr("Save points"));
    addField(rdbForm, QStringLiteral("rdb_file"), tr("RDB file"));

    auto *aofBox = new QGroupBox(tr("Append-only file"), this);
    auto *aofForm = new QFormLayout(aofBox);
    addField(aofForm, QStringLiteral("aof_enabled"), tr("AOF"));
    addField(aofForm, QStringLiteral("aof_fsync"), tr("fsync policy"));
    addField(aofForm, QStringLiteral("aof_rewrite"), tr("Rewrite"));
    addField(aofForm, QStringLiteral("aof_status"), tr("Last rewrite / write"));
    addField(aofForm, QStringLiteral("aof_size"), tr("AOF size"));
    addField(aofForm, QStringLiteral("aof_base_size"), tr("AOF base (last rewrite)"));

    m_busy->setObjectName(QStringLiteral("persistenceBusy"));
    m_busy->setRange(0, 0); // indeterminate: INFO has no progress figure for a fork
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(10);
    m_busy->hide();
    m_progressText->setObjectName(QStringLiteral("persistenceProgressText"));
    m_progressText->hide();

    auto *saveButton = new QPushButton(tr("SAVE…"), this);
    saveButton->setObjectName(QStringLiteral("persistenceSave"));
    saveButton->setToolTip(tr("Synchronous save: blocks the server until done"));
    auto *bgsaveButton = new QPushButton(tr("BGSAVE"), this);
    bgsaveButton->setObjectName(QStringLiteral("persistenceBgsave"));
    auto *rewriteButton = new QPushButton(tr("BGREWRITEAOF"), this);
    rewriteButton->setObjectName(QStringLiteral("persistenceRewrite"));
    m_aofButton->setObjectName(QStringLiteral("persistenceAofToggle"));
    m_aofButton->setText(tr("Turn AOF on"));
    connect(saveButton, &QPushButton::clicked, this, &PersistencePanel::save);
    connect(bgsaveButton, &QPushButton::clicked, this, &PersistencePanel::bgsave);
    connect(rewriteButton, &QPushButton::clicked, this, &PersistencePanel::bgrewriteaof);
    connect(m_aofButton, &QPushButton::clicked, this, [this] { setAppendOnly(!m_aofEnabled); });

    m_fsync->setObjectName(QStringLiteral("persistenceFsync"));
    m_fsync->addItems({QStringLiteral("always"), QStringLiteral("everysec"), QStringLiteral("no")});
    connect(m_fsync, &QComboBox::activated, this,
            [this] { setFsyncPolicy(m_fsync->currentText()); });
    m_savePoints->setObjectName(QStringLiteral("persistenceSavePoints"));
    m_savePoints->setPlaceholderText(tr("seconds changes pairs, e.g. 3600 1 300 100 60 10000"));
    auto *savePointsButton = new QPushButton(tr("Apply save points"), this);
    savePointsButton->setObjectName(QStringLiteral("persistenceApplySavePoints"));
    connect(savePointsButton, &QPushButton::clicked, this,
            [this] { setSavePoints(m_savePoints->text()); });

    m_result->setObjectName(QStringLiteral("persistenceResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *actions = new QHBoxLayout;
    actions->addWidget(bgsaveButton);
    actions->addWidget(saveButton);
    actions->addWidget(rewriteButton);
    actions->addWidget(m_aofButton);
    actions->addStretch(1);
    auto *settings = new QHBoxLayout;
    settings->addWidget(new QLabel(tr("appendfsync:"), this));
    settings->addWidget(m_fsync);
    settings->addSpacing(16);
    settings->addWidget(new QLabel(tr("Save points:"), this));
    settings->addWidget(m_savePoints, 1);
    settings->addWidget(savePointsButton);

    // A read-only connection refuses these commands anyway; say so up front instead.
    if (m_admin.settings().readOnly) {
        const QList<QWidget *> actions{saveButton, bgsaveButton, rewriteButton,   m_aofButton,
                                       m_fsync,    m_savePoints, savePointsButton};
        for (QWidget *action : actions) {
            action->setEnabled(false);
            action->setToolTip(tr("Disabled: this connection is read-only"));
        }
    }

    auto *boxes = new QHBoxLayout;
    boxes->addWidget(rdbBox, 1);
    boxes->addWidget(aofBox, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(boxes);
    layout->addWidget(m_busy);
    layout->addWidget(m_progressText);
    layout->addLayout(actions);
    layout->addLayout(settings);
    layout->addWidget(m_result);
    const QString dataDir = m_admin.settings().localDataDir;
    if (!dataDir.isEmpty()) {
        m_localEngine = new LocalEngineBox(connection, dataDir, this);
        layout->addWidget(m_localEngine);
    }
    layout->addStretch(1);

    connect(m_poller, &InfoPoller::snapshotReady, this,
            [this](const InfoSnapshot &snapshot) { onSnapshot(snapshot); });
    connect(m_poller, &InfoPoller::pollFailed, this,
            [this](const QString &error) { showResult(error, true); });
    followState();
}

void PersistencePanel::followState()
{
    disconnect(m_stateLink);
    m_stateLink = m_admin.whenReady(this, [this] {
        if (!isVisible()) return;
        m_poller->pollNow();
        refreshConfig();
    });
}

void PersistencePanel::setConnection(RedisConnection *connection)
{
    if (!m_admin.switchTo(connection, this)) return;
    m_poller->setConnection(connection);
    followState();
    for (QLabel *field : std::as_const(m_fields))
        field->setText(QStringLiteral("—"));
    if (isVisible()) refreshConfig();
}

void PersistencePanel::addField(QFormLayout *form, const QString &name, const QString &label)
{
    auto *value = new QLabel(QStringLiteral("—"), this);
    value->setObjectName(QStringLiteral("persistence_") + name);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    m_fields.insert(name, value);
}

void PersistencePanel::setField(const QString &name, const QString &text)
{
    if (QLabel *label = m_fields.value(name)) label->setText(text);
}

QString PersistencePanel::fieldText(const QString &name) const
{
    const QLabel *label = m_fields.value(name);
    return label ? label->text() : QString();
}

QString PersistencePanel::resultText() const
{
    return m_result->text();
}

bool PersistencePanel::isBusy() const
{
    return !m_busy->isHidden();
}

void PersistencePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_poller->start();
    refreshConfig();
}

void PersistencePanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_poller->stop();
}

void PersistencePanel::onSnapshot(const InfoSnapshot &s)
{
    const qint64 lastSave = s.rdbLastSaveTime();
    if (lastSave > 0) {
        // The age by the server's clock when INFO has it (a remote clock may differ from
        // ours); the poll (every second while shown) keeps it current.
        const qint64 serverMicros = s.value(QStringLiteral("server_time_usec")).toLongLong();
        const qint64 now =
            serverMicros > 0 ? serverMicros / 1000000 : QDateTime::currentSecsSinceEpoch();
        const QDateTime when = QDateTime::fromSecsSinceEpoch(lastSave);
        setField(QStringLiteral("rdb_last_save"),
                 tr("%1 (%2)").arg(TimeFormat::ago(now - lastSave),
                                   TimeFormat::clock(when, QDateTime::currentDateTime(), false)));
    }
    QString status = s.rdbLastBgsaveStatus();
    const QString seconds = s.value(QStringLiteral("rdb_last_bgsave_time_sec"));
    if (!seconds.isEmpty() && seconds != QLatin1String("-1"))
        status += tr(", took %1 s").arg(seconds);
    setField(QStringLiteral("rdb_status"), status);
    setField(QStringLiteral("rdb_changes"), QString::number(s.rdbChangesSinceLastSave()));
    setField(QStringLiteral("rdb_in_progress"),
             s.rdbBgsaveInProgress() ? tr("in progress") : tr("idle"));

    m_aofEnabled = s.aofEnabled();
    setField(QStringLiteral("aof_enabled"), m_aofEnabled ? tr("on") : tr("off"));
    m_aofButton->setText(m_aofEnabled ? tr("Turn AOF off") : tr("Turn AOF on"));
    QString rewrite = s.aofRewriteInProgress() ? tr("in progress") : tr("idle");
    if (s.aofRewriteScheduled()) rewrite += tr(" (scheduled)");
    setField(QStringLiteral("aof_rewrite"), rewrite);
    setField(QStringLiteral("aof_status"),
             QStringLiteral("%1 / %2").arg(s.aofLastRewriteStatus(), s.aofLastWriteStatus()));
    // Redis and the engine report AOF sizes only while appendonly is on.
    const std::optional<qint64> size = s.integer(QStringLiteral("aof_current_size"));
    const std::optional<qint64> base = s.integer(QStringLiteral("aof_base_size"));
    const QString none = m_aofEnabled ? tr("not reported") : tr("— (AOF off)");
    setField(QStringLiteral("aof_size"), size ? InfoSnapshot::formatBytes(double(*size)) : none);
    setField(QStringLiteral("aof_base_size"),
             base ? InfoSnapshot::formatBytes(double(*base)) : none);
    updateRdbFileSize();
    showProgress(s);
}

void PersistencePanel::showProgress(const InfoSnapshot &s)
{
    const bool saving = s.rdbBgsaveInProgress();
    const bool rewriting = s.aofRewriteInProgress();
    m_busy->setVisible(saving || rewriting);
    m_progressText->setVisible(saving || rewriting);
    if (!saving && !rewriting) return;
    const qint64 total = s.integer(QStringLiteral("current_save_keys_total")).value_or(0);
    const qint64 done = s.integer(QStringLiteral("current_save_keys_processed")).value_or(0);
    const QString seconds = s.value(saving ? QStringLiteral("rdb_current_bgsave_time_sec")
                                           : QStringLiteral("aof_current_rewrite_time_sec"));
    QString text = saving ? tr("Background save running") : tr("AOF rewrite running");
    if (!seconds.isEmpty() && seconds != QLatin1String("-1")) text += tr(" for %1 s").arg(seconds);
    if (total > 0) {
        m_busy->setRange(0, 1000);
        m_busy->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
        text += tr(": %1 of %2 keys").arg(done).arg(total);
    } else {
        m_busy->setRange(0, 0); // no figure from this server: busy indicator
    }
    m_progressText->setText(text);
}

// Only the embedded engine's files are on this machine; for any other server the RDB file
// lives on the server's host and INFO has no size for it.
void PersistencePanel::updateRdbFileSize()
{
    if (m_localDataDir.isEmpty()) {
        setField(QStringLiteral("rdb_file"), tr("on the server (size not reported)"));
        return;
    }
    const QString name = m_dbFilename.isEmpty() ? QStringLiteral("dump.rdb") : m_dbFilename;
    const QFileInfo file(QDir(m_localDataDir).filePath(name));
    setField(QStringLiteral("rdb_file"),
             file.exists() ? tr("%1, %2").arg(name, InfoSnapshot::formatBytes(double(file.size())))
                           : tr("%1 (not written yet)").arg(name));
}

void PersistencePanel::refreshConfig()
{
    m_admin.config("appendfsync", this, [this](const Result<QString> &fsync) {
        if (!fsync.ok()) return;
        m_fsync->setCurrentText(fsync.value);
        setField(QStringLiteral("aof_fsync"), fsync.value);
    });
    m_admin.config("dbfilename", this, [this](const Result<QString> &name) {
        if (!name.ok()) return;
        m_dbFilename = name.value;
        updateRdbFileSize();
    });
    m_admin.config("save", this, [this](const Result<QString> &save) {
        if (!save.ok()) return;
        const QString points = save.value;
        setField(QStringLiteral("rdb_save_points"), points.isEmpty() ? tr("none") : points);
        if (!m_savePoints->hasFocus()) m_savePoints->setText(points);
    });
}

void PersistencePanel::showResult(const QString &text, bool error)
{
    m_resultIsError = error;
    m_result->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_result->setText(text);
}

void PersistencePanel::run(const QString &label, ServerAdmin::Persistence what)
{
    showResult(tr("%1…").arg(label), false);
    m_admin.persist(what, this, [this, label](const Result<QString> &reply) {
        finished(label, reply.ok(), reply.ok() ? reply.value : reply.error);
    });
}

void PersistencePanel::setConfig(const QByteArray &name, const QByteArray &value,
                                 const QString &doneText)
{
    const QString label = QStringLiteral("CONFIG SET %1").arg(QString::fromUtf8(name));
    showResult(tr("%1…").arg(label), false);
    m_admin.setConfig(name, value, this, [this, label, doneText](const Status &status) {
        finished(label, status.ok(), status.ok() ? doneText : status.error);
    });
}

void PersistencePanel::finished(const QString &label, bool ok, const QString &text)
{
    showResult(QStringLiteral("%1: %2").arg(label, text), !ok);
    m_poller->pollNow();
    refreshConfig();
    emit actionFinished(label, ok);
}

void PersistencePanel::save()
{
    if (!confirmAction(this, tr("Synchronous save"),
                       tr("SAVE blocks the server, and every client, until the snapshot is "
                          "written. On a large dataset that can take seconds or more.\n\n"
                          "Use BGSAVE unless the server cannot fork. Run SAVE anyway?")))
        return;
    run(QStringLiteral("SAVE"), ServerAdmin::Persistence::Save);
}

void PersistencePanel::bgsave()
{
    run(QStringLiteral("BGSAVE"), ServerAdmin::Persistence::BackgroundSave);
}

void PersistencePanel::bgrewriteaof()
{
    run(QStringLiteral("BGREWRITEAOF"), ServerAdmin::Persistence::RewriteAof);
}

void PersistencePanel::setAppendOnly(bool enabled)
{
    setConfig("appendonly", enabled ? "yes" : "no",
              enabled ? tr("AOF turned on") : tr("AOF turned off"));
}

void PersistencePanel::setFsyncPolicy(const QString &policy)
{
    setConfig("appendfsync", policy.toUtf8(), tr("appendfsync is %1").arg(policy));
}

void PersistencePanel::setSavePoints(const QString &points)
{
    const QString normalized = points.simplified();
    setConfig("save", normalized.toUtf8(),
              normalized.isEmpty() ? tr("snapshots disabled")
                                   : tr("save points: %1").arg(normalized));
}

} // namespace redscope
