// EngineStoppedPage: what the Local engine's tab shows while the embedded engine is not
// running: why it stopped in the engine's own words (the panic message, the SHUTDOWN that was
// typed, the load error with file and offset), the engine's last log lines behind "Show log",
// and what can be done: Restart engine (same data directory; the tabs reconnect), Start with
// empty data (a file that did not load only; after a confirmation, the file is renamed aside,
// never deleted) and Open data folder. The page only reads EmbeddedEngine and calls it; the
// tab decides when the page is on screen.
#pragma once

#include "local/embedded_engine.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace redscope {

class EngineStoppedPage : public QWidget
{
    Q_OBJECT

public:
    explicit EngineStoppedPage(EmbeddedEngine *engine, QWidget *parent = nullptr);

    // The headline and the cause for a report; the sidebar's one-line summary.
    struct Explanation
    {
        QString title;
        QString cause;
        QString summary; // short, for the connection list and the status bar
    };
    static Explanation explain(const EngineHost::StopReport &report);

    QLabel *titleLabel() const { return m_title; }
    QLabel *causeLabel() const { return m_cause; }
    QLabel *noteLabel() const { return m_note; }
    QPushButton *restartButton() const { return m_restart; }
    QPushButton *emptyDataButton() const { return m_emptyData; }
    QPushButton *openFolderButton() const { return m_openFolder; }
    QToolButton *logToggle() const { return m_logToggle; }
    QPlainTextEdit *logView() const { return m_log; }

    void startWithEmptyData(); // asks first

signals:
    void logShown(); // the log view holds the engine's last lines

private:
    void update();
    void loadLog();

    QPointer<EmbeddedEngine> m_engine;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_cause;
    QLabel *m_note;
    QPushButton *m_restart;
    QPushButton *m_emptyData;
    QPushButton *m_openFolder;
    QToolButton *m_logToggle;
    QPlainTextEdit *m_log;
};

} // namespace redscope
