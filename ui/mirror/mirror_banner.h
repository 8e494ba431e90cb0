// MirrorBanner: the strip above the connection tabs while the Local engine mirrors a server.
// It shows a MirrorService's progress as it reports it: a busy bar while connecting, the RDB
// bytes read of the total while the snapshot is copied, then "Live, N behind"; errors in the
// service's words. "Stop mirror" offers keeping or discarding the copied data; once stopped,
// the banner shows the outcome until it is closed. Where the server refuses replication,
// "Copy instead…" offers the throttled copy. It only asks; MirrorController acts.
#pragma once

#include "mirror/mirror_service.h"

#include <QFrame>

class QLabel;
class QProgressBar;
class QToolButton;

namespace redscope {

class MirrorBanner : public QFrame
{
    Q_OBJECT

public:
    explicit MirrorBanner(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void showProgress(const MirrorService::Progress &progress);

    QLabel *messageLabel() const { return m_message; }
    QProgressBar *progressBar() const { return m_bar; }
    QToolButton *stopButton() const { return m_stop; }
    QToolButton *closeButton() const { return m_close; }
    QToolButton *copyButton() const { return m_copy; }

signals:
    void stopRequested(bool keepData);
    void closeRequested();
    void copyRequested();

private:
    QLabel *m_title;
    QLabel *m_message;
    QProgressBar *m_bar;
    QToolButton *m_stop;
    QToolButton *m_close;
    QToolButton *m_copy;
};

} // namespace redscope
