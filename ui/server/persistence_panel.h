// PersistencePanel: the "Persistence" sub-tab. RDB and AOF state from INFO persistence (polled by
// its own InfoPoller while the tab is visible) plus appendfsync and save points from CONFIG GET,
// and the actions SAVE (after a warning that it blocks the server), BGSAVE, BGREWRITEAOF, AOF
// on/off, fsync policy and the save points editor. Every action shows the server's reply or
// error in the result line; a progress bar runs while a background save or rewrite is in
// progress (determinate when the server reports keys saved of total, as Redis 7 does, else
// busy with the elapsed seconds). File sizes: the AOF's from INFO (current and base); the RDB
// file's only where the app can see it, i.e. for the embedded engine (stat of dir/dbfilename).
// For the embedded engine (settings().localDataDir set) a LocalEngineBox adds its data directory
// and snapshot export.
#pragma once

#include "monitoring/info_snapshot.h"
#include "server/server_admin.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace redscope {

class InfoPoller;
class LocalEngineBox;

class PersistencePanel : public QWidget
{
    Q_OBJECT

public:
    explicit PersistencePanel(RedisConnection *connection, QWidget *parent = nullptr);

    InfoPoller *poller() const { return m_poller; }
    LocalEngineBox *localEngine() const { return m_localEngine; } // null for other servers
    QString resultText() const;
    bool resultIsError() const { return m_resultIsError; }
    QString fieldText(const QString &name) const;
    bool isBusy() const;

    void save(); // asks first
    void bgsave();
    void bgrewriteaof();
    void setAppendOnly(bool enabled);
    void setFsyncPolicy(const QString &policy);
    void setSavePoints(const QString &points);
    void refreshConfig();
    // Polls and sends to another server from now on (a cluster node picked in the Server
    // panel); what is pending on the old one is dropped.
    void setConnection(RedisConnection *connection);

signals:
    void actionFinished(const QString &command, bool ok);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void addField(QFormLayout *form, const QString &name, const QString &label);
    void setField(const QString &name, const QString &text);
    void onSnapshot(const InfoSnapshot &snapshot);
    // Runs one persistence action; label names it in the result line ("BGSAVE: ...").
    void run(const QString &label, ServerAdmin::Persistence what);
    void setConfig(const QByteArray &name, const QByteArray &value, const QString &doneText);
    void finished(const QString &label, bool ok, const QString &text);
    void showResult(const QString &text, bool error);
    void updateRdbFileSize();
    void showProgress(const InfoSnapshot &snapshot);
    void followState();

    ServerAdmin m_admin;
    InfoPoller *m_poller;
    QHash<QString, QLabel *> m_fields;
    QProgressBar *m_busy;
    QPushButton *m_aofButton;
    QComboBox *m_fsync;
    QLineEdit *m_savePoints;
    QLabel *m_result;
    LocalEngineBox *m_localEngine = nullptr;
    QMetaObject::Connection m_stateLink; // the current connection's stateChanged
    QLabel *m_progressText;
    QString m_localDataDir;
    QString m_dbFilename;
    bool m_resultIsError = false;
    bool m_aofEnabled = false;
};

} // namespace redscope
