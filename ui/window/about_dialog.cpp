// About box text and display (see about_dialog.h).
#include "window/about_dialog.h"

#include "process/version.h"

#include <QMessageBox>
#include <QWidget>

namespace redscope {

QString aboutText()
{
    return QObject::tr("<h3>Redscope %1</h3>"
                       "<p>Administer and monitor Redis-compatible servers: browse keys, run "
                       "commands, watch pub/sub channels live, and check memory, latency and "
                       "persistence. Includes its own Redis-compatible engine (Local engine).</p>"
                       "<p>Qt %2 &middot; hiredis %3</p>")
        .arg(applicationVersion(), QString::fromLatin1(qVersion()), hiredisVersion());
}

void showAboutDialog(QWidget *parent)
{
    QMessageBox::about(parent, QObject::tr("About Redscope"), aboutText());
}

} // namespace redscope
