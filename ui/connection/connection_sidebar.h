// ConnectionSidebar: the left-hand tree of servers. A view over ConnectionListModel with a
// delegate that shows the name plus a smaller second line (address or error), folders for
// groups and each connection's colour tag. When connection management is enabled it also shows
// the actions on saved connections (toolbar and context menu); it only emits requests, the
// ConnectionManager carries them out. It never touches connections itself. An action is
// enabled only when it can act: Connect not while the Local engine is stopped or starting,
// where "Restart engine" takes its place in the toolbar and the context menu.
#pragma once

#include <QModelIndex>
#include <QWidget>

class QAction;
class QTreeView;

namespace redscope {

class ConnectionListModel;

class ConnectionSidebar : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionSidebar(ConnectionListModel *model, QWidget *parent = nullptr);

    void setCurrentRow(int row);
    void setCurrentIndex(const QModelIndex &index);
    QModelIndex currentIndex() const;
    // Shows the New/Edit/Duplicate/Delete/Connect/Disconnect/Import/Export actions.
    void setManagementEnabled(bool enabled);

    QAction *newAction() const { return m_new; }
    QAction *editAction() const { return m_edit; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *deleteAction() const { return m_delete; }
    QAction *connectAction() const { return m_connect; }
    QAction *disconnectAction() const { return m_disconnect; }
    QAction *importAction() const { return m_import; }
    QAction *exportAction() const { return m_export; }
    QAction *mirrorAction() const { return m_mirror; }
    QAction *restartEngineAction() const { return m_restartEngine; }

signals:
    void entryClicked(const QModelIndex &index);        // show its workspace if it has one
    void entryActivated(const QModelIndex &index);      // double-click / Enter: open or connect
    void currentEntryChanged(const QModelIndex &index); // selection moved (click, keys, code)
    void newRequested();
    void editRequested(const QModelIndex &index);
    void duplicateRequested(const QModelIndex &index);
    void deleteRequested(const QModelIndex &index);
    void connectRequested(const QModelIndex &index);
    void disconnectRequested(const QModelIndex &index);
    void importRequested();
    void exportRequested();
    // "Mirror into Local engine" on a connected server (not the Local engine itself).
    void mirrorRequested(const QModelIndex &index);
    void restartEngineRequested(); // the Local engine is stopped; start it again

private:
    void updateActions();
    void showContextMenu(const QPoint &pos);

    ConnectionListModel *m_model;
    QTreeView *m_view = nullptr;
    QWidget *m_toolbar = nullptr;
    QAction *m_new = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_connect = nullptr;
    QAction *m_disconnect = nullptr;
    QAction *m_import = nullptr;
    QAction *m_export = nullptr;
    QAction *m_mirror = nullptr;
    QAction *m_restartEngine = nullptr;
    bool m_management = false;
};

} // namespace redscope
