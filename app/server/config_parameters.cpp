// The table: one row per Redis 7.0 parameter the editor describes. Descriptions are marked for
// translation (context "ConfigParameters") and translated when looked up. Lookups scan the
// table: about 150 rows, once per row shown, far below anything a user could notice.
#include "server/config_parameters.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace redscope {

namespace {

using Type = ConfigParameter::Type;

struct Row
{
    const char *name;
    Type type;
    const char *values; // Enum: space-separated
    const char *description;
};

#define D(text) QT_TRANSLATE_NOOP("ConfigParameters", text)

// clang-format off
const Row kRows[] = {
    // Memory and eviction
    {"maxmemory", Type::Memory, "",
     D("Memory limit for data; 0 means no limit. Past it, maxmemory-policy decides what happens.")},
    {"maxmemory-policy", Type::Enum,
     "volatile-lru allkeys-lru volatile-lfu allkeys-lfu volatile-random allkeys-random "
     "volatile-ttl noeviction",
     D("What to evict when maxmemory is reached; noeviction refuses writes instead.")},
    {"maxmemory-samples", Type::Integer, "",
     D("Keys sampled per eviction: more is more precise and slower.")},
    {"maxmemory-eviction-tenacity", Type::Integer, "",
     D("How long eviction may work per command (0-100); higher evicts harder under heavy writes.")},
    {"maxmemory-clients", Type::Memory, "",
     D("Limit on the memory all clients' buffers may use together (bytes or a percentage of "
       "maxmemory); 0 means none.")},
    {"lfu-log-factor", Type::Integer, "",
     D("LFU counter growth: higher needs more hits to reach the top frequency.")},
    {"lfu-decay-time", Type::Integer, "", D("Minutes after which an LFU counter is halved.")},
    {"active-expire-effort", Type::Integer, "",
     D("Effort (1-10) spent reclaiming expired keys in the background.")},
    {"lazyfree-lazy-eviction", Type::Boolean, "", D("Free evicted values in a background thread.")},
    {"lazyfree-lazy-expire", Type::Boolean, "", D("Free expired values in a background thread.")},
    {"lazyfree-lazy-server-del", Type::Boolean, "",
     D("Free values the server deletes itself (RENAME over a key...) in the background.")},
    {"lazyfree-lazy-user-del", Type::Boolean, "", D("Make DEL behave like UNLINK.")},
    {"lazyfree-lazy-user-flush", Type::Boolean, "",
     D("Make FLUSHDB, FLUSHALL, SCRIPT FLUSH and FUNCTION FLUSH asynchronous by default.")},
    {"replica-lazy-flush", Type::Boolean, "",
     D("A replica empties its old data in the background on a full resync.")},
    {"activedefrag", Type::Boolean, "", D("Defragment memory in the background (jemalloc only).")},
    {"active-defrag-ignore-bytes", Type::Memory, "",
     D("Fragmentation below this amount is left alone.")},
    {"active-defrag-threshold-lower", Type::Integer, "",
     D("Fragmentation percentage at which defragmentation starts.")},
    {"active-defrag-threshold-upper", Type::Integer, "",
     D("Fragmentation percentage at which defragmentation works hardest.")},
    {"active-defrag-cycle-min", Type::Integer, "",
     D("Minimum CPU percentage spent defragmenting.")},
    {"active-defrag-cycle-max", Type::Integer, "",
     D("Maximum CPU percentage spent defragmenting.")},
    {"active-defrag-max-scan-fields", Type::Integer, "",
     D("Fields of a big set, hash, sorted set or list handled in one defragmentation step.")},
    {"jemalloc-bg-thread", Type::Boolean, "",
     D("Let jemalloc purge freed memory in a background thread.")},
    // Persistence: RDB
    {"save", Type::String, "",
     D("Snapshot points, \"seconds changes\" pairs (\"3600 1 300 100\"); empty disables RDB "
       "snapshots.")},
    {"dbfilename", Type::String, "", D("File name of the RDB snapshot, inside dir.")},
    {"dir", Type::String, "", D("Working directory: where the RDB and AOF files are written.")},
    {"rdbcompression", Type::Boolean, "", D("Compress strings in the RDB file with LZF.")},
    {"rdbchecksum", Type::Boolean, "",
     D("Append a CRC64 checksum to the RDB file and verify it when loading.")},
    {"rdb-del-sync-files", Type::Boolean, "",
     D("Delete the RDB file used for replication when persistence is off.")},
    {"rdb-save-incremental-fsync", Type::Boolean, "",
     D("fsync the RDB file every 4 MB while it is written.")},
    {"stop-writes-on-bgsave-error", Type::Boolean, "",
     D("Refuse writes after a failed background save, so the failure is noticed.")},
    {"sanitize-dump-payload", Type::Enum, "no yes clients",
     D("Deep checks of RESTORE payloads and RDB files: never, always, or for ordinary clients "
       "only.")},
    // Persistence: AOF
    {"appendonly", Type::Boolean, "", D("Log every write to the append-only file (AOF).")},
    {"appendfilename", Type::String, "", D("Base name of the AOF files.")},
    {"appenddirname", Type::String, "", D("Directory of the AOF files, inside dir.")},
    {"appendfsync", Type::Enum, "always everysec no",
     D("When the AOF is fsynced: after every write, once per second, or when the OS decides.")},
    {"no-appendfsync-on-rewrite", Type::Boolean, "",
     D("Skip fsync while a save or rewrite runs (less latency, more data at risk).")},
    {"auto-aof-rewrite-percentage", Type::Integer, "",
     D("Rewrite the AOF when it grew by this percentage since the last rewrite; 0 disables.")},
    {"auto-aof-rewrite-min-size", Type::Memory, "",
     D("The AOF must be at least this big before it is rewritten automatically.")},
    {"aof-load-truncated", Type::Boolean, "",
     D("Load a truncated AOF (dropping the incomplete tail) instead of refusing to start.")},
    {"aof-use-rdb-preamble", Type::Boolean, "",
     D("Rewritten AOFs start with an RDB snapshot: faster rewrites and loads.")},
    {"aof-rewrite-incremental-fsync", Type::Boolean, "",
     D("fsync the AOF every 4 MB while it is rewritten.")},
    {"aof-timestamp-enabled", Type::Boolean, "",
     D("Write timestamp annotations into the AOF (for point-in-time recovery).")},
    {"aof-disable-auto-gc", Type::Boolean, "",
     D("Keep old AOF files after a rewrite instead of deleting them.")},
    // Network and clients
    {"bind", Type::String, "", D("Addresses the server listens on, space-separated.")},
    {"port", Type::Integer, "", D("TCP port; 0 does not listen on TCP.")},
    {"protected-mode", Type::Boolean, "",
     D("Without bind or a password, accept connections from loopback only.")},
    {"tcp-backlog", Type::Integer, "",
     D("Backlog of the listening socket (capped by the kernel's somaxconn).")},
    {"tcp-keepalive", Type::Integer, "",
     D("Seconds between TCP keepalive probes to clients; 0 disables.")},
    {"timeout", Type::Integer, "", D("Close a client after this many idle seconds; 0 never does.")},
    {"unixsocket", Type::String, "", D("Path of the Unix socket to listen on.")},
    {"unixsocketperm", Type::Integer, "", D("Permissions of the Unix socket (octal).")},
    {"maxclients", Type::Integer, "", D("Maximum number of connected clients.")},
    {"client-query-buffer-limit", Type::Memory, "", D("Largest query buffer a client may have.")},
    {"client-output-buffer-limit", Type::String, "",
     D("Per class (normal, replica, pubsub): hard limit, soft limit and soft seconds after which "
       "a client is disconnected.")},
    {"proto-max-bulk-len", Type::Memory, "", D("Largest single string a request may carry.")},
    {"io-threads", Type::Integer, "",
     D("Threads for socket writes (and reads with io-threads-do-reads); 1 means the main thread "
       "only.")},
    {"io-threads-do-reads", Type::Boolean, "",
     D("Also use the I/O threads for reading and parsing requests.")},
    {"busy-reply-threshold", Type::Integer, "",
     D("Milliseconds a script or function may run before other clients get BUSY and it may be "
       "killed.")},
    {"tracking-table-max-keys", Type::Integer, "",
     D("Keys remembered for client-side caching invalidation; 0 means no limit.")},
    {"socket-mark-id", Type::Integer, "",
     D("Mark set on the server's sockets (for routing and firewall rules).")},
    {"bind-source-addr", Type::String, "",
     D("Source address of outgoing connections (to a master, to cluster nodes).")},
    // Security
    {"requirepass", Type::String, "",
     D("Password of the default user; empty allows connections without AUTH.")},
    {"aclfile", Type::String, "",
     D("File holding the ACL users (instead of user lines in the config file).")},
    {"acllog-max-len", Type::Integer, "", D("Entries kept in ACL LOG.")},
    {"acl-pubsub-default", Type::Enum, "allchannels resetchannels",
     D("Channels new ACL users may use by default: all, or none.")},
    {"enable-debug-command", Type::Enum, "no yes local",
     D("Whether DEBUG is allowed: never, always, or from local connections.")},
    {"enable-module-command", Type::Enum, "no yes local",
     D("Whether MODULE is allowed: never, always, or from local connections.")},
    {"enable-protected-configs", Type::Enum, "no yes local",
     D("Whether protected parameters (dir, dbfilename...) may be changed at run time.")},
    // Logging and monitoring
    {"loglevel", Type::Enum, "debug verbose notice warning",
     D("Server log verbosity, most verbose first.")},
    {"logfile", Type::String, "", D("Log file path; empty logs to standard output.")},
    {"syslog-enabled", Type::Boolean, "", D("Also log to syslog.")},
    {"syslog-ident", Type::String, "", D("Syslog identity.")},
    {"syslog-facility", Type::Enum, "user local0 local1 local2 local3 local4 local5 local6 local7",
     D("Syslog facility.")},
    {"slowlog-log-slower-than", Type::Integer, "",
     D("Commands slower than this many microseconds go to the slow log; -1 logs none, 0 all.")},
    {"slowlog-max-len", Type::Integer, "", D("Entries kept in the slow log.")},
    {"latency-monitor-threshold", Type::Integer, "",
     D("Events slower than this many milliseconds are recorded by LATENCY; 0 disables.")},
    {"latency-tracking", Type::Boolean, "",
     D("Track per-command latency percentiles (INFO latencystats).")},
    {"latency-tracking-info-percentiles", Type::String, "",
     D("Percentiles INFO latencystats reports, space-separated.")},
    {"notify-keyspace-events", Type::String, "",
     D("Keyspace notifications to publish, as flag letters (K, E, g, $, l, s, h, z, x, e, t, m, "
       "d, n, A); empty disables.")},
    {"crash-log-enabled", Type::Boolean, "",
     D("Write a stack trace to the log when the server crashes.")},
    {"crash-memcheck-enabled", Type::Boolean, "", D("Run a memory test after a crash.")},
    {"always-show-logo", Type::Boolean, "",
     D("Show the ASCII logo at start-up even when not on a terminal.")},
    // Replication
    {"replicaof", Type::String, "",
     D("\"host port\" of the master this server replicates; empty for a master.")},
    {"masterauth", Type::String, "", D("Password used to authenticate to the master.")},
    {"masteruser", Type::String, "", D("ACL user used to authenticate to the master.")},
    {"replica-read-only", Type::Boolean, "", D("Replicas refuse writes from clients.")},
    {"replica-serve-stale-data", Type::Boolean, "",
     D("A replica keeps answering with possibly stale data while its master link is down.")},
    {"replica-priority", Type::Integer, "",
     D("Sentinel promotes replicas with a lower number first; 0 is never promoted.")},
    {"replica-announced", Type::Boolean, "", D("Whether Sentinel lists this replica.")},
    {"replica-announce-ip", Type::String, "",
     D("Address the replica reports to its master (behind NAT).")},
    {"replica-announce-port", Type::Integer, "",
     D("Port the replica reports to its master (behind NAT).")},
    {"replica-ignore-maxmemory", Type::Boolean, "",
     D("A replica does not evict on its own: it follows its master's deletions.")},
    {"replica-ignore-disk-write-errors", Type::Boolean, "",
     D("A replica keeps replicating when it cannot write its own files.")},
    {"repl-backlog-size", Type::Memory, "",
     D("Replication backlog: how much a replica may miss and still resync partially.")},
    {"repl-backlog-ttl", Type::Integer, "",
     D("Seconds a master without replicas keeps the backlog; 0 forever.")},
    {"repl-timeout", Type::Integer, "",
     D("Seconds before a silent replication link is considered down.")},
    {"repl-ping-replica-period", Type::Integer, "",
     D("Seconds between pings from master to replicas.")},
    {"repl-disable-tcp-nodelay", Type::Boolean, "",
     D("Send replication data in fewer, bigger packets (less bandwidth, more lag).")},
    {"repl-diskless-sync", Type::Boolean, "",
     D("Full resyncs stream the RDB to replicas over the socket instead of through a file.")},
    {"repl-diskless-sync-delay", Type::Integer, "",
     D("Seconds to wait for more replicas before a diskless transfer starts.")},
    {"repl-diskless-sync-max-replicas", Type::Integer, "",
     D("Start a diskless transfer at once when this many replicas wait; 0 means no limit.")},
    {"repl-diskless-load", Type::Enum, "disabled on-empty-db swapdb",
     D("How a replica loads a full resync: from a file, from the socket when it is empty, or "
       "from the socket keeping the old data until done.")},
    {"min-replicas-to-write", Type::Integer, "",
     D("Refuse writes unless this many replicas are connected with little lag; 0 disables.")},
    {"min-replicas-max-lag", Type::Integer, "",
     D("Seconds of lag under which a replica counts for min-replicas-to-write.")},
    {"propagation-error-behavior", Type::Enum, "ignore panic panic-on-replicas",
     D("What a replica or AOF load does when a replicated command fails.")},
    // Cluster
    {"cluster-enabled", Type::Boolean, "", D("Run as a Redis Cluster node (set at start-up).")},
    {"cluster-config-file", Type::String, "", D("File where the node keeps the cluster state.")},
    {"cluster-node-timeout", Type::Integer, "",
     D("Milliseconds a node may be unreachable before it is considered failing.")},
    {"cluster-port", Type::Integer, "", D("Cluster bus port; 0 means port + 10000.")},
    {"cluster-replica-validity-factor", Type::Integer, "",
     D("A replica disconnected longer than this many node timeouts does not fail over; 0 always "
       "may.")},
    {"cluster-migration-barrier", Type::Integer, "",
     D("Replicas a master keeps before one may migrate to an orphaned master.")},
    {"cluster-allow-replica-migration", Type::Boolean, "",
     D("Allow replicas to migrate to orphaned masters.")},
    {"cluster-require-full-coverage", Type::Boolean, "",
     D("Stop serving when some hash slots are not covered.")},
    {"cluster-replica-no-failover", Type::Boolean, "",
     D("This replica never fails over on its own.")},
    {"cluster-allow-reads-when-down", Type::Boolean, "",
     D("Serve reads while the cluster is down.")},
    {"cluster-allow-pubsubshard-when-down", Type::Boolean, "",
     D("Serve sharded pub/sub while the cluster is down.")},
    {"cluster-announce-ip", Type::String, "", D("Address this node announces to the cluster.")},
    {"cluster-announce-hostname", Type::String, "",
     D("Host name this node announces to the cluster.")},
    {"cluster-announce-port", Type::Integer, "",
     D("Client port this node announces; 0 uses port.")},
    {"cluster-announce-bus-port", Type::Integer, "",
     D("Bus port this node announces; 0 uses cluster-port.")},
    {"cluster-announce-tls-port", Type::Integer, "",
     D("TLS port this node announces; 0 uses tls-port.")},
    {"cluster-preferred-endpoint-type", Type::Enum, "ip hostname unknown-endpoint",
     D("What CLUSTER SHARDS/SLOTS and redirections name nodes by.")},
    {"cluster-link-sendbuf-limit", Type::Memory, "",
     D("Send buffer limit of one cluster bus link; 0 means no limit.")},
    // Encodings
    {"hash-max-listpack-entries", Type::Integer, "",
     D("Hashes with at most this many fields use the compact listpack encoding.")},
    {"hash-max-listpack-value", Type::Integer, "",
     D("Hashes whose values are at most this many bytes use the listpack encoding.")},
    {"list-max-listpack-size", Type::Integer, "",
     D("Size of each list node: positive is entries, -1 to -5 is 4 KB to 64 KB.")},
    {"list-compress-depth", Type::Integer, "",
     D("List nodes left uncompressed at each end; 0 compresses nothing.")},
    {"set-max-intset-entries", Type::Integer, "",
     D("Sets of integers with at most this many members use the intset encoding.")},
    {"zset-max-listpack-entries", Type::Integer, "",
     D("Sorted sets with at most this many members use the listpack encoding.")},
    {"zset-max-listpack-value", Type::Integer, "",
     D("Sorted sets whose members are at most this many bytes use the listpack encoding.")},
    {"hll-sparse-max-bytes", Type::Integer, "",
     D("HyperLogLogs switch from sparse to dense above this many bytes.")},
    {"stream-node-max-bytes", Type::Memory, "", D("Largest stream node; 0 means no limit.")},
    {"stream-node-max-entries", Type::Integer, "",
     D("Most entries in one stream node; 0 means no limit.")},
    // Server
    {"databases", Type::Integer, "", D("Number of databases (set at start-up).")},
    {"hz", Type::Integer, "", D("Background task frequency per second (expiry, timeouts).")},
    {"dynamic-hz", Type::Boolean, "", D("Raise hz with the number of clients.")},
    {"activerehashing", Type::Boolean, "",
     D("Spend some CPU rehashing the main tables in the background.")},
    {"busy-poll-us", Type::Integer, "",
     D("Redscope engine: microseconds its event loop keeps polling after activity before it "
       "sleeps, on machines with several cores; 0 disables.")},
    {"daemonize", Type::Boolean, "", D("Run in the background (set at start-up).")},
    {"supervised", Type::Enum, "upstart systemd auto no",
     D("Supervision to notify (set at start-up).")},
    {"pidfile", Type::String, "", D("File where the server writes its process id.")},
    {"set-proc-title", Type::Boolean, "", D("Change the process title shown by ps.")},
    {"proc-title-template", Type::String, "",
     D("Process title, with {title}, {listen-addr}, {server-mode}... placeholders.")},
    {"oom-score-adj", Type::Enum, "no yes relative absolute",
     D("Whether the server sets the kernel's OOM score of its processes.")},
    {"oom-score-adj-values", Type::String, "",
     D("OOM scores of master, replica and background child.")},
    {"disable-thp", Type::Boolean, "", D("Turn off transparent huge pages for the server.")},
    {"shutdown-timeout", Type::Integer, "", D("Seconds SHUTDOWN waits for replicas to catch up.")},
    {"shutdown-on-sigint", Type::String, "",
     D("What SIGINT does: default, or save/nosave, now, force.")},
    {"shutdown-on-sigterm", Type::String, "",
     D("What SIGTERM does: default, or save/nosave, now, force.")},
    {"ignore-warnings", Type::String, "", D("Start-up warnings to silence.")},
    {"server_cpulist", Type::String, "", D("CPUs the main and I/O threads are pinned to.")},
    {"bio_cpulist", Type::String, "", D("CPUs the background I/O threads are pinned to.")},
    {"aof_rewrite_cpulist", Type::String, "", D("CPUs the AOF rewrite child is pinned to.")},
    {"bgsave_cpulist", Type::String, "", D("CPUs the background save child is pinned to.")},
    // TLS
    {"tls-port", Type::Integer, "", D("TLS port; 0 disables TLS for clients.")},
    {"tls-cert-file", Type::String, "", D("Server certificate (PEM).")},
    {"tls-key-file", Type::String, "", D("Private key of the server certificate.")},
    {"tls-key-file-pass", Type::String, "", D("Passphrase of tls-key-file.")},
    {"tls-client-cert-file", Type::String, "",
     D("Certificate used when this server connects as a client.")},
    {"tls-client-key-file", Type::String, "", D("Private key of tls-client-cert-file.")},
    {"tls-client-key-file-pass", Type::String, "", D("Passphrase of tls-client-key-file.")},
    {"tls-ca-cert-file", Type::String, "",
     D("CA certificates trusted to sign client and peer certificates.")},
    {"tls-ca-cert-dir", Type::String, "", D("Directory of trusted CA certificates.")},
    {"tls-dh-params-file", Type::String, "", D("Diffie-Hellman parameters file.")},
    {"tls-auth-clients", Type::Enum, "yes no optional",
     D("Whether clients must present a certificate.")},
    {"tls-replication", Type::Boolean, "", D("Use TLS for replication links.")},
    {"tls-cluster", Type::Boolean, "", D("Use TLS for the cluster bus.")},
    {"tls-protocols", Type::String, "", D("TLS versions allowed, e.g. \"TLSv1.2 TLSv1.3\".")},
    {"tls-ciphers", Type::String, "", D("Ciphers allowed for TLS 1.2 and older.")},
    {"tls-ciphersuites", Type::String, "", D("Cipher suites allowed for TLS 1.3.")},
    {"tls-prefer-server-ciphers", Type::Boolean, "", D("Prefer the server's cipher order.")},
    {"tls-session-caching", Type::Boolean, "",
     D("Cache TLS sessions so reconnections are faster.")},
    {"tls-session-cache-size", Type::Integer, "", D("TLS sessions kept in the cache.")},
    {"tls-session-cache-timeout", Type::Integer, "",
     D("Seconds a cached TLS session stays valid.")},
};

// Deprecated names the server still lists (CONFIG GET * shows both).
const std::pair<const char *, const char *> kAliases[] = {
    {"slaveof", "replicaof"},
    {"slave-read-only", "replica-read-only"},
    {"slave-serve-stale-data", "replica-serve-stale-data"},
    {"slave-priority", "replica-priority"},
    {"slave-announce-ip", "replica-announce-ip"},
    {"slave-announce-port", "replica-announce-port"},
    {"slave-ignore-maxmemory", "replica-ignore-maxmemory"},
    {"slave-lazy-flush", "replica-lazy-flush"},
    {"repl-ping-slave-period", "repl-ping-replica-period"},
    {"min-slaves-to-write", "min-replicas-to-write"},
    {"min-slaves-max-lag", "min-replicas-max-lag"},
    {"cluster-slave-validity-factor", "cluster-replica-validity-factor"},
    {"cluster-slave-no-failover", "cluster-replica-no-failover"},
    {"hash-max-ziplist-entries", "hash-max-listpack-entries"},
    {"hash-max-ziplist-value", "hash-max-listpack-value"},
    {"list-max-ziplist-size", "list-max-listpack-size"},
    {"zset-max-ziplist-entries", "zset-max-listpack-entries"},
    {"zset-max-ziplist-value", "zset-max-listpack-value"},
    {"lua-time-limit", "busy-reply-threshold"},
};
// clang-format on

#undef D

const Row *findRow(const QString &name)
{
    for (const Row &row : kRows) {
        if (name == QLatin1String(row.name)) return &row;
    }
    return nullptr;
}

ConfigParameter fromRow(const Row &row)
{
    ConfigParameter parameter;
    parameter.name = QLatin1String(row.name);
    parameter.type = row.type;
    parameter.values = QString::fromLatin1(row.values).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    parameter.description = QCoreApplication::translate("ConfigParameters", row.description);
    parameter.known = true;
    return parameter;
}

} // namespace

QString ConfigParameter::typeName(Type type)
{
    switch (type) {
    case Type::Boolean:
        return QCoreApplication::translate("ConfigParameters", "boolean");
    case Type::Enum:
        return QCoreApplication::translate("ConfigParameters", "enum");
    case Type::Integer:
        return QCoreApplication::translate("ConfigParameters", "integer");
    case Type::Memory:
        return QCoreApplication::translate("ConfigParameters", "memory");
    case Type::String:
        return QCoreApplication::translate("ConfigParameters", "string");
    }
    return {};
}

namespace ConfigParameters {

ConfigParameter lookup(const QString &name, const QString &value)
{
    if (const Row *row = findRow(name)) return fromRow(*row);
    for (const auto &[alias, target] : kAliases) {
        if (name != QLatin1String(alias)) continue;
        ConfigParameter parameter = fromRow(*findRow(QLatin1String(target)));
        parameter.aliasOf = parameter.name;
        parameter.name = name;
        parameter.description =
            QCoreApplication::translate("ConfigParameters", "Old name of %1. %2")
                .arg(parameter.aliasOf, parameter.description);
        return parameter;
    }
    ConfigParameter guess;
    guess.name = name;
    static const QRegularExpression integer(QStringLiteral("^-?\\d+$"));
    if (value == QLatin1String("yes") || value == QLatin1String("no"))
        guess.type = ConfigParameter::Type::Boolean;
    else if (integer.match(value).hasMatch())
        guess.type = ConfigParameter::Type::Integer;
    return guess;
}

QString memoryPattern(bool allowPercent)
{
    const QString bytes = QStringLiteral("\\d+([kKmMgG][bB]?|[bB])?");
    return allowPercent ? QStringLiteral("^(%1|\\d+%)$").arg(bytes)
                        : QStringLiteral("^%1$").arg(bytes);
}

bool isValid(const ConfigParameter &parameter, const QString &text)
{
    if (!parameter.known) return true; // a guessed type: let the server judge
    switch (parameter.type) {
    case ConfigParameter::Type::Boolean:
        return text == QLatin1String("yes") || text == QLatin1String("no");
    case ConfigParameter::Type::Enum:
        return parameter.values.contains(text);
    case ConfigParameter::Type::Integer: {
        static const QRegularExpression integer(QStringLiteral("^-?\\d+$"));
        return integer.match(text).hasMatch();
    }
    case ConfigParameter::Type::Memory: {
        const bool percent = parameter.name == QLatin1String("maxmemory-clients");
        return QRegularExpression(memoryPattern(percent)).match(text).hasMatch();
    }
    case ConfigParameter::Type::String:
        return true;
    }
    return true;
}

} // namespace ConfigParameters

} // namespace redscope
