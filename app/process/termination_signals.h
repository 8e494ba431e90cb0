// Turns SIGTERM, SIGINT and SIGHUP into a normal QCoreApplication::quit(), so a desktop
// session logout or `kill` still runs destructors: the embedded engine then stops cleanly and
// saves its dataset instead of losing it. Signal handlers only write one byte to a socket
// pair (async-signal-safe); the Qt event loop reads it and quits.
#pragma once

class QCoreApplication;

namespace redscope {

void quitOnTerminationSignals(QCoreApplication &app);

} // namespace redscope
