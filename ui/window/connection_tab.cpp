// Which page a connection's tab shows, from its state: the workspace while Ready or Lost (it
// reconnects by itself and the panels say so), and while reconnecting from there; the page
// otherwise; for the Local engine, its stopped page first while the engine is not running.
#include "window/connection_tab.h"

#include "console/console_panel.h"
#include "local/embedded_engine.h"
#include "local/engine_stopped_page.h"
#include "window/connection_error_page.h"
#include "window/connection_workspace.h"

namespace redscope {

ConnectionTab::ConnectionTab(RedisConnection *connection, QWidget *parent)
    : QStackedWidget(parent)
    , m_connection(connection)
    , m_page(new ConnectionErrorPage(connection, this))
{
    setObjectName(QStringLiteral("connectionTab"));
    addWidget(m_page);
    connect(m_page, &ConnectionErrorPage::retryRequested, this,
            [this] { m_connection.connectToServer(); });
    connect(m_page, &ConnectionErrorPage::cancelRequested, this,
            [this] { m_connection.disconnectFromServer(); });
    m_connection.whenStateChanged(
        this, [this](ConnectionLifecycle::State, const QString &) { follow(); });
    follow();
}

bool ConnectionTab::showsWorkspace() const
{
    return m_workspace && currentWidget() == m_workspace;
}

void ConnectionTab::setEngine(EmbeddedEngine *engine)
{
    if (m_engine || !engine) return;
    m_engine = engine;
    m_stopped = new EngineStoppedPage(engine, this);
    addWidget(m_stopped);
    connect(engine, &EmbeddedEngine::stateChanged, this, &ConnectionTab::follow);
    explainStopsInConsole();
    follow();
}

QStringList ConnectionTab::engineStopLines(const EmbeddedEngine *engine)
{
    if (!engine) return {};
    const EngineHost::StopReport report = engine->currentStopReport();
    if (report.cause == EngineHost::StopCause::None) return {};
    const EngineStoppedPage::Explanation what = EngineStoppedPage::explain(report);
    QString cause = what.cause;
    while (cause.endsWith(QLatin1Char('.')))
        cause.chop(1);
    return {cause.isEmpty() ? what.title : tr("%1: %2").arg(what.title, cause),
            tr("It stays stopped until it is restarted: “Restart engine” on this tab, or "
               "Connection ▸ Restart local engine. This console reconnects then.")};
}

// The console hears its connection drop, often before the engine's stopped() arrives from the
// engine's thread: it asks the engine then (currentStopReport() knows as soon as the loop ended).
void ConnectionTab::explainStopsInConsole()
{
    if (!m_engine || !m_workspace || !m_workspace->console()) return;
    m_workspace->console()->setStopExplainer(
        [engine = m_engine] { return engineStopLines(engine); });
}

void ConnectionTab::follow()
{
    if (!m_connection.isValid()) return;
    const bool engineDown = m_engine && (m_engine->state() == EmbeddedEngine::State::Stopped ||
                                         m_engine->state() == EmbeddedEngine::State::Starting);
    if (engineDown) {
        if (currentWidget() == m_stopped) return;
        setCurrentWidget(m_stopped);
        emit pageChanged();
        return;
    }
    using State = ConnectionLifecycle::State;
    const State state = m_connection.state();
    // Back from a stopped engine, the workspace waits for the reconnection as after a loss.
    const bool resuming = showsWorkspace() || (m_stopped && currentWidget() == m_stopped);
    const bool workspace = state == State::Ready || state == State::Lost ||
                           (state == State::Connecting && resuming && m_workspace);
    if (workspace && !m_workspace) {
        m_workspace = new ConnectionWorkspace(m_connection.connection(), this);
        addWidget(m_workspace);
        explainStopsInConsole();
        emit workspaceCreated(m_workspace);
    }
    QWidget *page = workspace ? static_cast<QWidget *>(m_workspace) : m_page;
    if (currentWidget() == page) return;
    setCurrentWidget(page);
    // On screen, the keyboard goes to the workspace that replaced the page (a background tab
    // keeps still; the page focuses its own password field).
    if (workspace && isVisible() && m_workspace->currentWidget())
        m_workspace->currentWidget()->setFocus();
    emit pageChanged();
}

} // namespace redscope
