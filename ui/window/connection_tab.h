// ConnectionTab: the main window's tab for one connection. A stack of two pages: the
// ConnectionErrorPage while the connection is connecting for the first time, failed, or was
// disconnected, and the ConnectionWorkspace (Keys, Console, ...) once it is Ready. The
// workspace is built on the first Ready, so a connection that never works never shows a
// workspace of empty tabs; it is kept (with its console history, filters...) when the
// connection drops and shown again when it is back.
//
// The Local engine's tab also follows the embedded engine (setEngine): while it is stopped or
// restarting, the EngineStoppedPage replaces both, whatever the connection says, and the
// workspace's console is told why its connection dropped (engineStopLines()).
#pragma once

#include "connection/connection_lifecycle.h"

#include <QPointer>
#include <QStackedWidget>
#include <QStringList>

namespace redscope {

class ConnectionErrorPage;
class ConnectionWorkspace;
class EmbeddedEngine;
class EngineStoppedPage;
class RedisConnection;

class ConnectionTab : public QStackedWidget
{
    Q_OBJECT

public:
    explicit ConnectionTab(RedisConnection *connection, QWidget *parent = nullptr);

    RedisConnection *connection() const { return m_connection.connection(); }
    ConnectionErrorPage *errorPage() const { return m_page; }
    ConnectionWorkspace *workspace() const { return m_workspace; } // null until first Ready
    bool showsWorkspace() const; // the workspace, not the page, is on screen
    // This tab is the embedded engine's: its stopped page shows while it is not running.
    void setEngine(EmbeddedEngine *engine);
    EngineStoppedPage *stoppedPage() const { return m_stopped; } // null unless setEngine
    // Why the engine stopped and how to bring it back, for the console; empty while it runs.
    static QStringList engineStopLines(const EmbeddedEngine *engine);

signals:
    void workspaceCreated(redscope::ConnectionWorkspace *workspace);
    void pageChanged();

private:
    void follow();
    void explainStopsInConsole();

    ConnectionLifecycle m_connection;
    ConnectionErrorPage *m_page;
    ConnectionWorkspace *m_workspace = nullptr;
    QPointer<EmbeddedEngine> m_engine;
    EngineStoppedPage *m_stopped = nullptr;
};

} // namespace redscope
