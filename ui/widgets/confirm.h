// Confirmation before destructive or blocking actions (CLIENT KILL, SAVE, SLOWLOG RESET, setting
// latency-monitor-threshold, and every dangerous command on a production connection). One replaceable function: the app asks with a message box; tests
// install an answer so they can drive the real buttons without a modal dialog.
#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace redscope {

using ConfirmFunction =
    std::function<bool(QWidget *parent, const QString &title, const QString &question)>;

// Asks through the installed function (a QMessageBox::question by default).
bool confirmAction(QWidget *parent, const QString &title, const QString &question);
// Installs a replacement; an empty function restores the message box.
void setConfirmFunction(ConfirmFunction function);

// A destructive action on a server (the production questions): a warning box whose accept
// button names the action ("Run FLUSHALL") and whose default is Cancel. Tests answer it
// through the same installed function as confirmAction().
bool confirmDangerousAction(QWidget *parent, const QString &title, const QString &question,
                            const QString &action);
// Makes ProductionGuard (app/) ask with confirmDangerousAction() over the active window.
void installProductionConfirmation();

} // namespace redscope
