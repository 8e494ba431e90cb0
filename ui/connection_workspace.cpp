// Builds the panel tabs of one connection. Adding a view to the app means one line here.
#include "connection_workspace.h"

#include "console_panel.h"
#include "redis_connection.h"

namespace redscope {

ConnectionWorkspace::ConnectionWorkspace(RedisConnection *connection, QWidget *parent)
    : QTabWidget(parent)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("workspace"));
    setDocumentMode(true);
    setTabPosition(QTabWidget::North);

    // -- panels: one line each, in tab order --
    m_console = new ConsolePanel(connection, this);
    addTab(m_console, tr("Console"));
    // -- end of panels --

    setCurrentWidget(m_console);
}

ConnectionWorkspace::~ConnectionWorkspace() = default;

} // namespace redscope
