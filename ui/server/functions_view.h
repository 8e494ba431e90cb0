// FunctionsView: the "Functions" sub-tab. The server's function libraries (FUNCTION LIST
// WITHCODE) in a tree, libraries with their functions' flags and descriptions, and the selected
// library's code in a read-only monospace view. Below, what the server can tell about calls:
// INFO commandstats' totals for FCALL and FCALL_RO and FUNCTION STATS' running function, polled
// while the tab is visible (Redis 7.0 keeps no per-function counters; the hint says so).
//
// Actions: Load (FunctionLoadDialog), Delete library, Flush (ASYNC or SYNC), Dump to a file and
// Restore from one (APPEND, REPLACE or FLUSH). Destructive ones ask first; on a production
// connection the ProductionGuard's question is the one asked (no second dialog), and a
// read-only connection disables them. An empty server shows a hint instead of an empty tree.
#pragma once

#include "server/function_load_dialog.h"
#include "server/function_service.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace redscope {

class FunctionLibraryModel;

class FunctionsView : public QWidget
{
    Q_OBJECT

public:
    explicit FunctionsView(RedisConnection *connection, QWidget *parent = nullptr);

    FunctionLibraryModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QPlainTextEdit *codeView() const { return m_code; }
    QString statusText() const;
    bool statusIsError() const { return m_statusIsError; }
    QString callsText() const;
    bool isShowingEmptyState() const;
    FunctionLoadDialog *loadDialog() const { return m_loadDialog; }
    QString selectedLibrary() const;
    void selectLibrary(const QString &name);

    void refresh();
    void refreshStats();
    // Sends to another server from now on (a cluster node picked in the Server panel).
    void setConnection(RedisConnection *connection);

    FunctionLoadDialog *openLoadDialog();    // window-modal, not blocking
    void deleteSelected();                   // asks first
    void flush(FunctionService::Flush mode); // asks first
    void dumpTo(const QString &path);
    void restoreFrom(const QString &path, FunctionService::RestorePolicy policy);

signals:
    void refreshed(); // the library list was read (or failed: see statusText)

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showStatus(const QString &text, bool error);
    void showSelectedCode();
    void updateActions();
    bool askUnlessGuarded(const QString &title, const QString &question);
    void chooseDumpFile();
    void chooseRestoreFile();

    FunctionService m_service;
    FunctionLibraryModel *m_model;
    QTreeView *m_view;
    QPlainTextEdit *m_code;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    QLabel *m_calls;
    QLabel *m_status;
    QPushButton *m_loadButton;
    QPushButton *m_deleteButton;
    QToolButton *m_flushButton;
    QPushButton *m_dumpButton;
    QPushButton *m_restoreButton;
    QPointer<FunctionLoadDialog> m_loadDialog;
    QTimer m_statsTimer;
    bool m_statusIsError = false;
    bool m_loadedOnce = false;
    bool m_readOnly = false;
};

} // namespace redscope
