// WindowMenus: the main window's menu bar and keyboard shortcuts. File (new connection,
// import/export connections, preferences, quit), View (theme, the panels of the current
// connection, the sidebar, filter keys, go to key), Connection (connect, disconnect, restart
// the stopped Local engine, refresh, edit, close tab, next/previous tab) and Help (keyboard
// shortcuts, about). Every action does what it says, on the connection whose tab is shown;
// actions that cannot act right now are disabled (update()), none is a placeholder. The
// shortcuts dialog lists the same QActions, so it cannot drift from what the keys do.
#pragma once

#include <QList>
#include <QObject>

class QAction;
class QKeySequence;
class QMenu;
class QActionGroup;
class QDialog;

namespace redscope {

class MainWindow;

class WindowMenus : public QObject
{
    Q_OBJECT

public:
    explicit WindowMenus(MainWindow *window);

    // Enables what can act on the current tab; called when tabs, pages or states change.
    void update();
    QAction *action(const QString &objectName) const; // for tests: "newConnectionAction"...
    QList<QAction *> shortcutActions() const;         // in menu order, with a shortcut
    QDialog *showShortcuts();
    void showPreferences();

private:
    QAction *add(QMenu *menu, const QString &name, const QString &text,
                 const QList<QKeySequence> &keys, void (WindowMenus::*slot)());
    template <typename Panel> void showPanel();
    void filterKeys();
    void goToKey();
    void refresh();
    void connectCurrent();
    void disconnectCurrent();
    void restartEngine();
    void editCurrent();
    void mirrorCurrent();
    void closeTab();
    void nextTab();
    void previousTab();
    void toggleSidebar();
    void quit();
    void about();
    void newConnection();
    void importConnections();
    void exportConnections();
    void analyseDumpFile();
    void exportKeys();
    void importKeys();
    void copyKeys();
    void compareDatabases();
    void showShortcutsSlot() { showShortcuts(); }

    MainWindow *m_window;
    QList<QAction *> m_actions;
    QActionGroup *m_themes;
};

} // namespace redscope
