// ConnectionSettings: everything needed to reach one server, as plain data. Kept apart from
// RedisConnection so the sidebar, a future connection dialog and the command line can build and
// validate settings without opening sockets. Also parses redis:// and unix:// URLs.
#pragma once

#include <QString>
#include <QStringList>

namespace redscope {

// TLS to the server (see tunnel.h). Files are PEM; empty fields use the defaults noted.
struct TlsSettings
{
    bool enabled = false;
    QString caFile;          // trusted CA certificates; empty: the system's CA store
    QString certFile;        // client certificate, for servers with tls-auth-clients
    QString keyFile;         // its private key (unencrypted PEM)
    QString serverName;      // SNI and the name checked in the certificate; empty: host
    bool skipVerify = false; // encrypt without checking the certificate (warned about)
};

// An SSH jump host: the server's host:port is reached through a direct-tcpip channel.
struct SshSettings
{
    bool enabled = false;
    QString host;
    int port = 22;
    QString user;
    QString password;              // secret: keychain or session memory, never the file
    QString keyFile;               // private key; when set, public-key authentication
    QString keyPassphrase;         // secret, like password
    QString knownHostsFile;        // empty: ~/.ssh/known_hosts
    bool acceptNewHostKey = false; // unknown host keys are added instead of refused

    QString address() const; // "user@host:port"
};

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
    // Production server: FLUSHALL, FLUSHDB, bulk deletes, SHUTDOWN, CONFIG SET... wait for a
    // confirmation naming the server and the keys affected (see production_guard.h).
    bool production = false;
    QString namespaceSeparator = QStringLiteral(":"); // for key trees; empty: flat list
    QString localDataDir; // the embedded engine's data directory (Local engine only; not saved)
    // CLIENT SETNAME sent once connected ("redscope:keys"): which of the app's connections this
    // is, in CLIENT LIST. Set where each connection is created; not saved.
    QString clientName;
    // A copy for another of the app's connections to the same server, named `clientName`.
    ConnectionSettings named(const QString &client) const
    {
        ConnectionSettings copy = *this;
        copy.clientName = client;
        return copy;
    }
    TlsSettings tls;
    SshSettings ssh;

    // TLS or SSH: the connection goes through a Tunnel (tunnel.h) instead of straight to host.
    bool needsTunnel() const { return unixSocket.isEmpty() && (tls.enabled || ssh.enabled); }
    // How the server is reached: one server, a Redis Cluster through any seed node (host/port
    // above), or the master that sentinels name (host/port are then what they last answered).
    enum class Mode { Standalone, Cluster, Sentinel };
    Mode mode = Mode::Standalone;
    QString sentinelMaster;   // the master's name in the sentinels' configuration
    QStringList sentinels;    // "host:port" of each sentinel, asked in order
    QString sentinelPassword; // the sentinels' own requirepass (not the master's)

    // "unix:/run/x.sock" or "host:port"; used in tooltips, the status bar and errors.
    QString address() const;

    // redis://[[user]:password@]host[:port][/db], rediss://... (TLS on, system CAs) or
    // unix:///path/to.sock[?db=N].
    // Returns false and a readable *error for anything else.
    static bool fromUrl(const QString &url, ConnectionSettings *settings, QString *error);
};

} // namespace redscope
