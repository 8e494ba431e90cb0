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


// clang-format off
const Row kRows[] = {
    // Memory and eviction
    {"maxmemory", Type::Memory, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Memory limit for data; 0 means no limit. Past it, maxmemory-policy decides what "
         "happens.")},
    {"maxmemory-policy", Type::Enum,
     "volatile-lru allkeys-lru volatile-lfu allkeys-lfu volatile-random allkeys-random "
     "volatile-ttl noeviction",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "What to evict when maxmemory is reached; noeviction refuses writes instead.")},
    {"maxmemory-samples", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Keys sampled per eviction: more is more precise and slower.")},
    {"maxmemory-eviction-tenacity", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "How long eviction may work per command (0-100); higher evicts harder under heavy "
         "writes.")},
    {"maxmemory-clients", Type::Memory, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Limit on the memory all clients' buffers may use together (bytes or a percentage of "
         "maxmemory); 0 means none.")},
    {"lfu-log-factor", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "LFU counter growth: higher needs more hits to reach the top frequency.")},
    {"lfu-decay-time", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Minutes after which an LFU counter is halved.")},
    {"active-expire-effort", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Effort (1-10) spent reclaiming expired keys in the background.")},
    {"lazyfree-lazy-eviction", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Free evicted values in a background thread.")},
    {"lazyfree-lazy-expire", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Free expired values in a background thread.")},
    {"lazyfree-lazy-server-del", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Free values the server deletes itself (RENAME over a key...) in the background.")},
    {"lazyfree-lazy-user-del", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Make DEL behave like UNLINK.")},
    {"lazyfree-lazy-user-flush", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Make FLUSHDB, FLUSHALL, SCRIPT FLUSH and FUNCTION FLUSH asynchronous by default.")},
    {"replica-lazy-flush", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "A replica empties its old data in the background on a full resync.")},
    {"activedefrag", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Defragment memory in the background (jemalloc only).")},
    {"active-defrag-ignore-bytes", Type::Memory, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Fragmentation below this amount is left alone.")},
    {"active-defrag-threshold-lower", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Fragmentation percentage at which defragmentation starts.")},
    {"active-defrag-threshold-upper", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Fragmentation percentage at which defragmentation works hardest.")},
    {"active-defrag-cycle-min", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Minimum CPU percentage spent defragmenting.")},
    {"active-defrag-cycle-max", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Maximum CPU percentage spent defragmenting.")},
    {"active-defrag-max-scan-fields", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Fields of a big set, hash, sorted set or list handled in one defragmentation step.")},
    {"jemalloc-bg-thread", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Let jemalloc purge freed memory in a background thread.")},
    // Persistence: RDB
    {"save", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Snapshot points, \"seconds changes\" pairs (\"3600 1 300 100\"); empty disables RDB "
         "snapshots.")},
    {"dbfilename", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "File name of the RDB snapshot, inside dir.")},
    {"dir", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Working directory: where the RDB and AOF files are written.")},
    {"rdbcompression", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Compress strings in the RDB file with LZF.")},
    {"rdbchecksum", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Append a CRC64 checksum to the RDB file and verify it when loading.")},
    {"rdb-del-sync-files", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Delete the RDB file used for replication when persistence is off.")},
    {"rdb-save-incremental-fsync", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "fsync the RDB file every 4 MB while it is written.")},
    {"stop-writes-on-bgsave-error", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Refuse writes after a failed background save, so the failure is noticed.")},
    {"sanitize-dump-payload", Type::Enum, "no yes clients",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Deep checks of RESTORE payloads and RDB files: never, always, or for ordinary "
         "clients only.")},
    // Persistence: AOF
    {"appendonly", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Log every write to the append-only file (AOF).")},
    {"appendfilename", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Base name of the AOF files.")},
    {"appenddirname", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Directory of the AOF files, inside dir.")},
    {"appendfsync", Type::Enum, "always everysec no",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "When the AOF is fsynced: after every write, once per second, or when the OS decides.")},
    {"no-appendfsync-on-rewrite", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Skip fsync while a save or rewrite runs (less latency, more data at risk).")},
    {"auto-aof-rewrite-percentage", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Rewrite the AOF when it grew by this percentage since the last rewrite; 0 disables.")},
    {"auto-aof-rewrite-min-size", Type::Memory, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "The AOF must be at least this big before it is rewritten automatically.")},
    {"aof-load-truncated", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Load a truncated AOF (dropping the incomplete tail) instead of refusing to start.")},
    {"aof-use-rdb-preamble", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Rewritten AOFs start with an RDB snapshot: faster rewrites and loads.")},
    {"aof-rewrite-incremental-fsync", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "fsync the AOF every 4 MB while it is rewritten.")},
    {"aof-timestamp-enabled", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Write timestamp annotations into the AOF (for point-in-time recovery).")},
    {"aof-disable-auto-gc", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Keep old AOF files after a rewrite instead of deleting them.")},
    // Network and clients
    {"bind", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Addresses the server listens on, space-separated.")},
    {"port", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "TCP port; 0 does not listen on TCP.")},
    {"protected-mode", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Without bind or a password, accept connections from loopback only.")},
    {"tcp-backlog", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Backlog of the listening socket (capped by the kernel's somaxconn).")},
    {"tcp-keepalive", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Seconds between TCP keepalive probes to clients; 0 disables.")},
    {"timeout", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Close a client after this many idle seconds; 0 never does.")},
    {"unixsocket", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Path of the Unix socket to listen on.")},
    {"unixsocketperm", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Permissions of the Unix socket (octal).")},
    {"maxclients", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Maximum number of connected clients.")},
    {"client-query-buffer-limit", Type::Memory, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Largest query buffer a client may have.")},
    {"client-output-buffer-limit", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Per class (normal, replica, pubsub): hard limit, soft limit and soft seconds after "
         "which a client is disconnected.")},
    {"proto-max-bulk-len", Type::Memory, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Largest single string a request may carry.")},
    {"io-threads", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Threads for socket writes (and reads with io-threads-do-reads); 1 means the main "
         "thread only.")},
    {"io-threads-do-reads", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Also use the I/O threads for reading and parsing requests.")},
    {"busy-reply-threshold", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Milliseconds a script or function may run before other clients get BUSY and it may "
         "be killed.")},
    {"tracking-table-max-keys", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Keys remembered for client-side caching invalidation; 0 means no limit.")},
    {"socket-mark-id", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Mark set on the server's sockets (for routing and firewall rules).")},
    {"bind-source-addr", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Source address of outgoing connections (to a master, to cluster nodes).")},
    // Security
    {"requirepass", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Password of the default user; empty allows connections without AUTH.")},
    {"aclfile", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "File holding the ACL users (instead of user lines in the config file).")},
    {"acllog-max-len", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Entries kept in ACL LOG.")},
    {"acl-pubsub-default", Type::Enum, "allchannels resetchannels",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Channels new ACL users may use by default: all, or none.")},
    {"enable-debug-command", Type::Enum, "no yes local",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Whether DEBUG is allowed: never, always, or from local connections.")},
    {"enable-module-command", Type::Enum, "no yes local",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Whether MODULE is allowed: never, always, or from local connections.")},
    {"enable-protected-configs", Type::Enum, "no yes local",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Whether protected parameters (dir, dbfilename...) may be changed at run time.")},
    // Logging and monitoring
    {"loglevel", Type::Enum, "debug verbose notice warning",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Server log verbosity, most verbose first.")},
    {"logfile", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Log file path; empty logs to standard output.")},
    {"syslog-enabled", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Also log to syslog.")},
    {"syslog-ident", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Syslog identity.")},
    {"syslog-facility", Type::Enum, "user local0 local1 local2 local3 local4 local5 local6 local7",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Syslog facility.")},
    {"slowlog-log-slower-than", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Commands slower than this many microseconds go to the slow log; -1 logs none, 0 all.")},
    {"slowlog-max-len", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Entries kept in the slow log.")},
    {"latency-monitor-threshold", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Events slower than this many milliseconds are recorded by LATENCY; 0 disables.")},
    {"latency-tracking", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Track per-command latency percentiles (INFO latencystats).")},
    {"latency-tracking-info-percentiles", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Percentiles INFO latencystats reports, space-separated.")},
    {"notify-keyspace-events", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Keyspace notifications to publish, as flag letters (K, E, g, $, l, s, h, z, x, e, t, "
         "m, d, n, A); empty disables.")},
    {"crash-log-enabled", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Write a stack trace to the log when the server crashes.")},
    {"crash-memcheck-enabled", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Run a memory test after a crash.")},
    {"always-show-logo", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Show the ASCII logo at start-up even when not on a terminal.")},
    // Replication
    {"replicaof", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "\"host port\" of the master this server replicates; empty for a master.")},
    {"masterauth", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Password used to authenticate to the master.")},
    {"masteruser", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "ACL user used to authenticate to the master.")},
    {"replica-read-only", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Replicas refuse writes from clients.")},
    {"replica-serve-stale-data", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "A replica keeps answering with possibly stale data while its master link is down.")},
    {"replica-priority", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Sentinel promotes replicas with a lower number first; 0 is never promoted.")},
    {"replica-announced", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Whether Sentinel lists this replica.")},
    {"replica-announce-ip", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Address the replica reports to its master (behind NAT).")},
    {"replica-announce-port", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Port the replica reports to its master (behind NAT).")},
    {"replica-ignore-maxmemory", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "A replica does not evict on its own: it follows its master's deletions.")},
    {"replica-ignore-disk-write-errors", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "A replica keeps replicating when it cannot write its own files.")},
    {"repl-backlog-size", Type::Memory, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Replication backlog: how much a replica may miss and still resync partially.")},
    {"repl-backlog-ttl", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Seconds a master without replicas keeps the backlog; 0 forever.")},
    {"repl-timeout", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Seconds before a silent replication link is considered down.")},
    {"repl-ping-replica-period", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Seconds between pings from master to replicas.")},
    {"repl-disable-tcp-nodelay", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Send replication data in fewer, bigger packets (less bandwidth, more lag).")},
    {"repl-diskless-sync", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Full resyncs stream the RDB to replicas over the socket instead of through a file.")},
    {"repl-diskless-sync-delay", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Seconds to wait for more replicas before a diskless transfer starts.")},
    {"repl-diskless-sync-max-replicas", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Start a diskless transfer at once when this many replicas wait; 0 means no limit.")},
    {"repl-diskless-load", Type::Enum, "disabled on-empty-db swapdb",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "How a replica loads a full resync: from a file, from the socket when it is empty, or "
         "from the socket keeping the old data until done.")},
    {"min-replicas-to-write", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Refuse writes unless this many replicas are connected with little lag; 0 disables.")},
    {"min-replicas-max-lag", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Seconds of lag under which a replica counts for min-replicas-to-write.")},
    {"propagation-error-behavior", Type::Enum, "ignore panic panic-on-replicas",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "What a replica or AOF load does when a replicated command fails.")},
    // Cluster
    {"cluster-enabled", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Run as a Redis Cluster node (set at start-up).")},
    {"cluster-config-file", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "File where the node keeps the cluster state.")},
    {"cluster-node-timeout", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Milliseconds a node may be unreachable before it is considered failing.")},
    {"cluster-port", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Cluster bus port; 0 means port + 10000.")},
    {"cluster-replica-validity-factor", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "A replica disconnected longer than this many node timeouts does not fail over; 0 "
         "always may.")},
    {"cluster-migration-barrier", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Replicas a master keeps before one may migrate to an orphaned master.")},
    {"cluster-allow-replica-migration", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Allow replicas to migrate to orphaned masters.")},
    {"cluster-require-full-coverage", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Stop serving when some hash slots are not covered.")},
    {"cluster-replica-no-failover", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "This replica never fails over on its own.")},
    {"cluster-allow-reads-when-down", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Serve reads while the cluster is down.")},
    {"cluster-allow-pubsubshard-when-down", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Serve sharded pub/sub while the cluster is down.")},
    {"cluster-announce-ip", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Address this node announces to the cluster.")},
    {"cluster-announce-hostname", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Host name this node announces to the cluster.")},
    {"cluster-announce-port", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Client port this node announces; 0 uses port.")},
    {"cluster-announce-bus-port", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Bus port this node announces; 0 uses cluster-port.")},
    {"cluster-announce-tls-port", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "TLS port this node announces; 0 uses tls-port.")},
    {"cluster-preferred-endpoint-type", Type::Enum, "ip hostname unknown-endpoint",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "What CLUSTER SHARDS/SLOTS and redirections name nodes by.")},
    {"cluster-link-sendbuf-limit", Type::Memory, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Send buffer limit of one cluster bus link; 0 means no limit.")},
    // Encodings
    {"hash-max-listpack-entries", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Hashes with at most this many fields use the compact listpack encoding.")},
    {"hash-max-listpack-value", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Hashes whose values are at most this many bytes use the listpack encoding.")},
    {"list-max-listpack-size", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Size of each list node: positive is entries, -1 to -5 is 4 KB to 64 KB.")},
    {"list-compress-depth", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "List nodes left uncompressed at each end; 0 compresses nothing.")},
    {"set-max-intset-entries", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Sets of integers with at most this many members use the intset encoding.")},
    {"zset-max-listpack-entries", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Sorted sets with at most this many members use the listpack encoding.")},
    {"zset-max-listpack-value", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Sorted sets whose members are at most this many bytes use the listpack encoding.")},
    {"hll-sparse-max-bytes", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "HyperLogLogs switch from sparse to dense above this many bytes.")},
    {"stream-node-max-bytes", Type::Memory, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Largest stream node; 0 means no limit.")},
    {"stream-node-max-entries", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Most entries in one stream node; 0 means no limit.")},
    // Server
    {"databases", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Number of databases (set at start-up).")},
    {"hz", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Background task frequency per second (expiry, timeouts).")},
    {"dynamic-hz", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Raise hz with the number of clients.")},
    {"activerehashing", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Spend some CPU rehashing the main tables in the background.")},
    {"daemonize", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Run in the background (set at start-up).")},
    {"supervised", Type::Enum, "upstart systemd auto no",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Supervision to notify (set at start-up).")},
    {"pidfile", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "File where the server writes its process id.")},
    {"set-proc-title", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Change the process title shown by ps.")},
    {"proc-title-template", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Process title, with {title}, {listen-addr}, {server-mode}... placeholders.")},
    {"oom-score-adj", Type::Enum, "no yes relative absolute",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Whether the server sets the kernel's OOM score of its processes.")},
    {"oom-score-adj-values", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "OOM scores of master, replica and background child.")},
    {"disable-thp", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Turn off transparent huge pages for the server.")},
    {"shutdown-timeout", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Seconds SHUTDOWN waits for replicas to catch up.")},
    {"shutdown-on-sigint", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "What SIGINT does: default, or save/nosave, now, force.")},
    {"shutdown-on-sigterm", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "What SIGTERM does: default, or save/nosave, now, force.")},
    {"ignore-warnings", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Start-up warnings to silence.")},
    {"server_cpulist", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "CPUs the main and I/O threads are pinned to.")},
    {"bio_cpulist", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "CPUs the background I/O threads are pinned to.")},
    {"aof_rewrite_cpulist", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "CPUs the AOF rewrite child is pinned to.")},
    {"bgsave_cpulist", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "CPUs the background save child is pinned to.")},
    // TLS
    {"tls-port", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "TLS port; 0 disables TLS for clients.")},
    {"tls-cert-file", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Server certificate (PEM).")},
    {"tls-key-file", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Private key of the server certificate.")},
    {"tls-key-file-pass", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Passphrase of tls-key-file.")},
    {"tls-client-cert-file", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Certificate used when this server connects as a client.")},
    {"tls-client-key-file", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Private key of tls-client-cert-file.")},
    {"tls-client-key-file-pass", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Passphrase of tls-client-key-file.")},
    {"tls-ca-cert-file", Type::String, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "CA certificates trusted to sign client and peer certificates.")},
    {"tls-ca-cert-dir", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Directory of trusted CA certificates.")},
    {"tls-dh-params-file", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Diffie-Hellman parameters file.")},
    {"tls-auth-clients", Type::Enum, "yes no optional",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Whether clients must present a certificate.")},
    {"tls-replication", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Use TLS for replication links.")},
    {"tls-cluster", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Use TLS for the cluster bus.")},
    {"tls-protocols", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "TLS versions allowed, e.g. \"TLSv1.2 TLSv1.3\".")},
    {"tls-ciphers", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Ciphers allowed for TLS 1.2 and older.")},
    {"tls-ciphersuites", Type::String, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Cipher suites allowed for TLS 1.3.")},
    {"tls-prefer-server-ciphers", Type::Boolean, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "Prefer the server's cipher order.")},
    {"tls-session-caching", Type::Boolean, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Cache TLS sessions so reconnections are faster.")},
    {"tls-session-cache-size", Type::Integer, "", QT_TRANSLATE_NOOP("ConfigParameters",
         "TLS sessions kept in the cache.")},
    {"tls-session-cache-timeout", Type::Integer, "",
     QT_TRANSLATE_NOOP("ConfigParameters",
         "Seconds a cached TLS session stays valid.")},
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
