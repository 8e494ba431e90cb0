// Default confirmation: a modal question box with "No" as the default button, so a stray Enter
// never kills clients or blocks a server.
#include "widgets/confirm.h"

#include "connection/production_guard.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>

namespace redscope {

static ConfirmFunction &installed()
{
    static ConfirmFunction function;
    return function;
}

bool confirmAction(QWidget *parent, const QString &title, const QString &question)
{
    if (installed()) return installed()(parent, title, question);
    return QMessageBox::question(parent, title, question, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

bool confirmDangerousAction(QWidget *parent, const QString &title, const QString &question,
                            const QString &action)
{
    if (installed()) return installed()(parent, title, question);
    QMessageBox box(QMessageBox::Warning, title, question, QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("dangerConfirmation"));
    QPushButton *run = box.addButton(QObject::tr("Run %1").arg(action),
                                     QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == run;
}

void installProductionConfirmation()
{
    ProductionGuard::setConfirmer(
        [](const ConfirmationRequest &request, ProductionGuard::Answer answer) {
            answer(confirmDangerousAction(QApplication::activeWindow(), request.title(),
                                          request.question(), request.command));
        });
}

void setConfirmFunction(ConfirmFunction function)
{
    installed() = std::move(function);
}

} // namespace redscope
