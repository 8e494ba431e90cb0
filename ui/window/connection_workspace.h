// ConnectionWorkspace: everything opened for one connection, as tabs (key browser, console,
// pub/sub, dashboard, server views). MainWindow shows one workspace per open connection; each
// panel gets the connection it works on and nothing else, so panels stay independent of each
// other and of the window.
#pragma once

#include "connection/connection_lifecycle.h"

#include <QTabWidget>

namespace redscope {

class ConsolePanel;
class RedisConnection;

class ConnectionWorkspace : public QTabWidget
{
    Q_OBJECT

public:
    explicit ConnectionWorkspace(RedisConnection *connection, QWidget *parent = nullptr);
    ~ConnectionWorkspace() override;

    RedisConnection *connection() const { return m_connection.connection(); }
    ConsolePanel *console() const { return m_console; }

    // Shows the panel of the given type if the workspace has one; returns it.
    template <typename Panel>
    Panel *showPanel()
    {
        for (int i = 0; i < count(); ++i) {
            if (auto *panel = qobject_cast<Panel *>(widget(i))) {
                setCurrentIndex(i);
                return panel;
            }
        }
        return nullptr;
    }

private:
    ConnectionLifecycle m_connection;
    ConsolePanel *m_console = nullptr;
};

} // namespace redscope
