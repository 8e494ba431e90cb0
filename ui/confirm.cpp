// Default confirmation: a modal question box with "No" as the default button, so a stray Enter
// never kills clients or blocks a server.
#include "confirm.h"

#include <QMessageBox>

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

void setConfirmFunction(ConfirmFunction function)
{
    installed() = std::move(function);
}

} // namespace redscope
