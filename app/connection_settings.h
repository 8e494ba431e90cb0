// ConnectionSettings: everything needed to reach one server, as plain data. Kept apart from
// RedisConnection so the sidebar, a future connection dialog and the command line can build and
// validate settings without opening sockets. Also parses redis:// and unix:// URLs.
#pragma once

#include <QString>

namespace redscope {

struct ConnectionSettings
{
    QString name;
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    QString unixSocket; // when set, host and port are ignored
    QString username;   // empty: the "default" user (AUTH with the password only)
    QString password;
    int db = 0;
    int connectTimeoutMs = 5000;  // lookup + connect + AUTH/SELECT handshake
    int commandTimeoutMs = 30000; // default per-request timeout
    bool readOnly = false; // RedisConnection refuses write/admin commands before sending them
    QString namespaceSeparator = QStringLiteral(":"); // for key trees; empty: flat list
    QString localDataDir; // the embedded engine's data directory (Local engine only; not saved)

    // "unix:/run/x.sock" or "host:port"; used in tooltips, the status bar and errors.
    QString address() const;

    // redis://[[user]:password@]host[:port][/db] or unix:///path/to.sock[?db=N].
    // Returns false and a readable *error for anything else.
    static bool fromUrl(const QString &url, ConnectionSettings *settings, QString *error);
};

} // namespace redscope
