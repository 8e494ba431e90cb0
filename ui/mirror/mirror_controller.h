// MirrorController: "Mirror into Local engine" from the sidebar or the Connection menu. It runs
// one MirrorService at a time: the service's memory check first (a server that does not fit
// in this machine's available memory is refused), then a window-modal question that says the
// Local engine's data will be replaced, then start() (which asks again through the production
// guard on a production connection). The MirrorBanner above the tabs shows the progress and
// carries Stop (keep or discard), and "Copy instead…" (the export/copy feature's throttled copy
// into the Local engine) where the server refuses replication. Dialogs are opened with open(),
// never exec().
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QMessageBox;

namespace redscope {

class CopyDialog;
class MainWindow;
class MirrorBanner;
class MirrorService;
class RedisConnection;

class MirrorController : public QObject
{
    Q_OBJECT

public:
    MirrorController(MainWindow *window, MirrorBanner *banner);

    bool canMirror(RedisConnection *remote) const;
    void mirror(RedisConnection *remote);
    MirrorService *service() const;
    QMessageBox *openQuestion() const; // the question or refusal shown, for tests
    CopyDialog *copyDialog() const;    // the copy opened by "Copy instead…", for tests

private:
    RedisConnection *localEngine() const;
    void ask(RedisConnection *remote, const QString &summary);
    void refreshLocalKeys();
    void offerCopy();

    MainWindow *m_window;
    MirrorBanner *m_banner;
    QPointer<MirrorService> m_service;
    QPointer<QMessageBox> m_question;
    QPointer<CopyDialog> m_copyDialog;
};

} // namespace redscope
