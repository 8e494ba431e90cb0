// A MainWindow that follows a real EmbeddedEngine, started in the background as the app does,
// with what the Local engine's tests look at: its tab and stopped page, its sidebar row, and
// its console (typing a line, reading the output). For the local/ suites only.
#pragma once

#include "connection/connection_lifecycle.h"
#include "connection/connection_list_model.h"
#include "console/console_panel.h"
#include "local/embedded_engine.h"
#include "local/engine_stopped_page.h"
#include "window/connection_tab.h"
#include "window/connection_workspace.h"
#include "window/main_window.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>

namespace redscope::test {

// Generous: a start loads the data files on a loaded 2-core machine.
constexpr int kTimeout = 15000;

struct Window
{
    explicit Window(const QString &base)
        : Window(options(base))
    {
    }
    explicit Window(const EngineHost::Options &options)
        : engine(options)
    {
        window.setLocalEngine(&engine);
        engine.start();
        window.show();
    }
    static EngineHost::Options options(const QString &base)
    {
        EngineHost::Options options;
        options.dataDir = base + QStringLiteral("/data");
        options.runtimeDir = base + QStringLiteral("/run");
        return options;
    }
    RedisConnection *local() const { return window.connections()->connectionAt(0); }
    ConnectionTab *tab() const { return window.tabFor(local()); }
    EngineStoppedPage *page() const { return tab() ? tab()->stoppedPage() : nullptr; }
    bool showsStoppedPage() const { return page() && tab()->currentWidget() == page(); }
    QString sidebarDetail() const
    {
        return window.connections()->index(0, 0).data(ConnectionListModel::ErrorRole).toString();
    }
    QString sidebarTip() const
    {
        return window.connections()->index(0, 0).data(Qt::ToolTipRole).toString();
    }
    bool ready() const
    {
        return local() && ConnectionLifecycle(local()).isReady() && tab() &&
               tab()->showsWorkspace();
    }
    // Types a line into the Local engine's console; returns false when there is none.
    bool type(const QString &line)
    {
        if (!tab() || !tab()->workspace()) return false;
        ConsolePanel *console = tab()->workspace()->showPanel<ConsolePanel>();
        auto *input = console->findChild<QLineEdit *>(QStringLiteral("consoleInput"));
        input->setFocus();
        QTest::keyClicks(input, line);
        QTest::keyClick(input, Qt::Key_Return);
        return true;
    }
    QString output() const
    {
        auto *out = tab()->workspace()->console()->findChild<QPlainTextEdit *>(
            QStringLiteral("consoleOutput"));
        return out->toPlainText();
    }

    EmbeddedEngine engine;
    MainWindow window;
};

} // namespace redscope::test
