<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommandDocs</name>
    <message>
        <source>(no arguments)</source>
        <translation>（无参数）</translation>
    </message>
    <message>
        <source>(1 argument)</source>
        <translation>（1 个参数）</translation>
    </message>
    <message>
        <source>(%1 arguments)</source>
        <translation>（%1 个参数）</translation>
    </message>
    <message>
        <source>(at least 1 argument)</source>
        <translation>（至少 1 个参数）</translation>
    </message>
    <message>
        <source>(at least %1 arguments)</source>
        <translation>（至少 %1 个参数）</translation>
    </message>
</context>
<context>
    <name>ConfigParameters</name>
    <message>
        <source>Memory limit for data; 0 means no limit. Past it, maxmemory-policy decides what happens.</source>
        <translation>数据的内存上限；0 表示不限制。超过上限时由 maxmemory-policy 决定如何处理。</translation>
    </message>
    <message>
        <source>What to evict when maxmemory is reached; noeviction refuses writes instead.</source>
        <translation>达到 maxmemory 时淘汰哪些键；noeviction 表示改为拒绝写入。</translation>
    </message>
    <message>
        <source>Keys sampled per eviction: more is more precise and slower.</source>
        <translation>每次淘汰时采样的键数：越多越精确，也越慢。</translation>
    </message>
    <message>
        <source>How long eviction may work per command (0-100); higher evicts harder under heavy writes.</source>
        <translation>每条命令可用于淘汰的时间（0-100）；越高，在大量写入时淘汰越积极。</translation>
    </message>
    <message>
        <source>Limit on the memory all clients&apos; buffers may use together (bytes or a percentage of maxmemory); 0 means none.</source>
        <translation>所有客户端缓冲区合计可用的内存上限（字节数或 maxmemory 的百分比）；0 表示不限制。</translation>
    </message>
    <message>
        <source>LFU counter growth: higher needs more hits to reach the top frequency.</source>
        <translation>LFU 计数器的增长速度：越高，需要越多次访问才能达到最高频率。</translation>
    </message>
    <message>
        <source>Minutes after which an LFU counter is halved.</source>
        <translation>LFU 计数器减半的间隔（分钟）。</translation>
    </message>
    <message>
        <source>Effort (1-10) spent reclaiming expired keys in the background.</source>
        <translation>后台回收过期键时投入的力度（1-10）。</translation>
    </message>
    <message>
        <source>Free evicted values in a background thread.</source>
        <translation>在后台线程中释放被淘汰的值。</translation>
    </message>
    <message>
        <source>Free expired values in a background thread.</source>
        <translation>在后台线程中释放过期的值。</translation>
    </message>
    <message>
        <source>Free values the server deletes itself (RENAME over a key...) in the background.</source>
        <translation>在后台释放服务器自行删除的值（例如 RENAME 覆盖的键）。</translation>
    </message>
    <message>
        <source>Make DEL behave like UNLINK.</source>
        <translation>让 DEL 的行为与 UNLINK 相同。</translation>
    </message>
    <message>
        <source>Make FLUSHDB, FLUSHALL, SCRIPT FLUSH and FUNCTION FLUSH asynchronous by default.</source>
        <translation>默认以异步方式执行 FLUSHDB、FLUSHALL、SCRIPT FLUSH 和 FUNCTION FLUSH。</translation>
    </message>
    <message>
        <source>A replica empties its old data in the background on a full resync.</source>
        <translation>副本在全量同步时于后台清空旧数据。</translation>
    </message>
    <message>
        <source>Defragment memory in the background (jemalloc only).</source>
        <translation>在后台整理内存碎片（仅限 jemalloc）。</translation>
    </message>
    <message>
        <source>Fragmentation below this amount is left alone.</source>
        <translation>碎片量低于此值时不做整理。</translation>
    </message>
    <message>
        <source>Fragmentation percentage at which defragmentation starts.</source>
        <translation>开始碎片整理的碎片百分比。</translation>
    </message>
    <message>
        <source>Fragmentation percentage at which defragmentation works hardest.</source>
        <translation>碎片整理全力工作时的碎片百分比。</translation>
    </message>
    <message>
        <source>Minimum CPU percentage spent defragmenting.</source>
        <translation>碎片整理占用的最低 CPU 百分比。</translation>
    </message>
    <message>
        <source>Maximum CPU percentage spent defragmenting.</source>
        <translation>碎片整理占用的最高 CPU 百分比。</translation>
    </message>
    <message>
        <source>Fields of a big set, hash, sorted set or list handled in one defragmentation step.</source>
        <translation>大型集合、哈希、有序集合或列表在一次碎片整理步骤中处理的字段数。</translation>
    </message>
    <message>
        <source>Let jemalloc purge freed memory in a background thread.</source>
        <translation>让 jemalloc 在后台线程中清除已释放的内存。</translation>
    </message>
    <message>
        <source>Snapshot points, &quot;seconds changes&quot; pairs (&quot;3600 1 300 100&quot;); empty disables RDB snapshots.</source>
        <translation>快照触发点，“秒数 变更数”成对出现（“3600 1 300 100”）；留空则关闭 RDB 快照。</translation>
    </message>
    <message>
        <source>File name of the RDB snapshot, inside dir.</source>
        <translation>RDB 快照的文件名，位于 dir 目录中。</translation>
    </message>
    <message>
        <source>Working directory: where the RDB and AOF files are written.</source>
        <translation>工作目录：RDB 和 AOF 文件写入的位置。</translation>
    </message>
    <message>
        <source>Compress strings in the RDB file with LZF.</source>
        <translation>用 LZF 压缩 RDB 文件中的字符串。</translation>
    </message>
    <message>
        <source>Append a CRC64 checksum to the RDB file and verify it when loading.</source>
        <translation>在 RDB 文件末尾附加 CRC64 校验和，并在加载时校验。</translation>
    </message>
    <message>
        <source>Delete the RDB file used for replication when persistence is off.</source>
        <translation>持久化关闭时，删除复制所用的 RDB 文件。</translation>
    </message>
    <message>
        <source>fsync the RDB file every 4 MB while it is written.</source>
        <translation>写入 RDB 文件时每 4 MB 执行一次 fsync。</translation>
    </message>
    <message>
        <source>Refuse writes after a failed background save, so the failure is noticed.</source>
        <translation>后台保存失败后拒绝写入，以便引起注意。</translation>
    </message>
    <message>
        <source>Deep checks of RESTORE payloads and RDB files: never, always, or for ordinary clients only.</source>
        <translation>深度检查 RESTORE 载荷和 RDB 文件：从不、总是，或仅针对普通客户端。</translation>
    </message>
    <message>
        <source>Log every write to the append-only file (AOF).</source>
        <translation>将每次写入记录到追加文件（AOF）。</translation>
    </message>
    <message>
        <source>Base name of the AOF files.</source>
        <translation>AOF 文件的基础名称。</translation>
    </message>
    <message>
        <source>Directory of the AOF files, inside dir.</source>
        <translation>AOF 文件所在目录，位于 dir 目录中。</translation>
    </message>
    <message>
        <source>When the AOF is fsynced: after every write, once per second, or when the OS decides.</source>
        <translation>何时对 AOF 执行 fsync：每次写入后、每秒一次，或由操作系统决定。</translation>
    </message>
    <message>
        <source>Skip fsync while a save or rewrite runs (less latency, more data at risk).</source>
        <translation>保存或重写进行时跳过 fsync（延迟更低，但数据风险更大）。</translation>
    </message>
    <message>
        <source>Rewrite the AOF when it grew by this percentage since the last rewrite; 0 disables.</source>
        <translation>AOF 自上次重写以来增长到此百分比时重写；0 表示关闭。</translation>
    </message>
    <message>
        <source>The AOF must be at least this big before it is rewritten automatically.</source>
        <translation>AOF 至少达到此大小才会自动重写。</translation>
    </message>
    <message>
        <source>Load a truncated AOF (dropping the incomplete tail) instead of refusing to start.</source>
        <translation>加载被截断的 AOF（丢弃不完整的尾部），而不是拒绝启动。</translation>
    </message>
    <message>
        <source>Rewritten AOFs start with an RDB snapshot: faster rewrites and loads.</source>
        <translation>重写后的 AOF 以 RDB 快照开头：重写和加载都更快。</translation>
    </message>
    <message>
        <source>fsync the AOF every 4 MB while it is rewritten.</source>
        <translation>重写 AOF 时每 4 MB 执行一次 fsync。</translation>
    </message>
    <message>
        <source>Write timestamp annotations into the AOF (for point-in-time recovery).</source>
        <translation>在 AOF 中写入时间戳注释（用于按时间点恢复）。</translation>
    </message>
    <message>
        <source>Keep old AOF files after a rewrite instead of deleting them.</source>
        <translation>重写后保留旧的 AOF 文件，而不是删除。</translation>
    </message>
    <message>
        <source>Addresses the server listens on, space-separated.</source>
        <translation>服务器监听的地址，以空格分隔。</translation>
    </message>
    <message>
        <source>TCP port; 0 does not listen on TCP.</source>
        <translation>TCP 端口；0 表示不监听 TCP。</translation>
    </message>
    <message>
        <source>Without bind or a password, accept connections from loopback only.</source>
        <translation>既无 bind 也无密码时，只接受来自回环地址的连接。</translation>
    </message>
    <message>
        <source>Backlog of the listening socket (capped by the kernel&apos;s somaxconn).</source>
        <translation>监听套接字的积压队列长度（受内核 somaxconn 限制）。</translation>
    </message>
    <message>
        <source>Seconds between TCP keepalive probes to clients; 0 disables.</source>
        <translation>向客户端发送 TCP keepalive 探测的间隔秒数；0 表示关闭。</translation>
    </message>
    <message>
        <source>Close a client after this many idle seconds; 0 never does.</source>
        <translation>客户端空闲这么多秒后关闭连接；0 表示从不关闭。</translation>
    </message>
    <message>
        <source>Path of the Unix socket to listen on.</source>
        <translation>要监听的 Unix 套接字路径。</translation>
    </message>
    <message>
        <source>Permissions of the Unix socket (octal).</source>
        <translation>Unix 套接字的权限（八进制）。</translation>
    </message>
    <message>
        <source>Maximum number of connected clients.</source>
        <translation>已连接客户端的最大数量。</translation>
    </message>
    <message>
        <source>Largest query buffer a client may have.</source>
        <translation>单个客户端查询缓冲区的最大值。</translation>
    </message>
    <message>
        <source>Per class (normal, replica, pubsub): hard limit, soft limit and soft seconds after which a client is disconnected.</source>
        <translation>按类别（normal、replica、pubsub）：硬限制、软限制，以及超过软限制多少秒后断开客户端。</translation>
    </message>
    <message>
        <source>Largest single string a request may carry.</source>
        <translation>单个请求可携带的最大字符串。</translation>
    </message>
    <message>
        <source>Threads for socket writes (and reads with io-threads-do-reads); 1 means the main thread only.</source>
        <translation>用于套接字写入的线程数（启用 io-threads-do-reads 时也用于读取）；1 表示仅用主线程。</translation>
    </message>
    <message>
        <source>Also use the I/O threads for reading and parsing requests.</source>
        <translation>同时使用 I/O 线程读取和解析请求。</translation>
    </message>
    <message>
        <source>Milliseconds a script or function may run before other clients get BUSY and it may be killed.</source>
        <translation>脚本或函数运行多少毫秒后，其他客户端会收到 BUSY，且该脚本可被终止。</translation>
    </message>
    <message>
        <source>Keys remembered for client-side caching invalidation; 0 means no limit.</source>
        <translation>为客户端缓存失效记录的键数；0 表示不限制。</translation>
    </message>
    <message>
        <source>Mark set on the server&apos;s sockets (for routing and firewall rules).</source>
        <translation>设置在服务器套接字上的标记（用于路由和防火墙规则）。</translation>
    </message>
    <message>
        <source>Source address of outgoing connections (to a master, to cluster nodes).</source>
        <translation>对外连接（连接主节点、集群节点）的源地址。</translation>
    </message>
    <message>
        <source>Password of the default user; empty allows connections without AUTH.</source>
        <translation>默认用户的密码；留空则允许不经 AUTH 连接。</translation>
    </message>
    <message>
        <source>File holding the ACL users (instead of user lines in the config file).</source>
        <translation>保存 ACL 用户的文件（代替配置文件中的 user 行）。</translation>
    </message>
    <message>
        <source>Entries kept in ACL LOG.</source>
        <translation>ACL LOG 中保留的条目数。</translation>
    </message>
    <message>
        <source>Channels new ACL users may use by default: all, or none.</source>
        <translation>新 ACL 用户默认可用的频道：all（全部）或 none（无）。</translation>
    </message>
    <message>
        <source>Whether DEBUG is allowed: never, always, or from local connections.</source>
        <translation>是否允许 DEBUG：从不、总是，或仅限本地连接。</translation>
    </message>
    <message>
        <source>Whether MODULE is allowed: never, always, or from local connections.</source>
        <translation>是否允许 MODULE：从不、总是，或仅限本地连接。</translation>
    </message>
    <message>
        <source>Whether protected parameters (dir, dbfilename...) may be changed at run time.</source>
        <translation>受保护的参数（dir、dbfilename……）能否在运行时修改。</translation>
    </message>
    <message>
        <source>Server log verbosity, most verbose first.</source>
        <translation>服务器日志详细程度，最详细的在前。</translation>
    </message>
    <message>
        <source>Log file path; empty logs to standard output.</source>
        <translation>日志文件路径；留空则输出到标准输出。</translation>
    </message>
    <message>
        <source>Also log to syslog.</source>
        <translation>同时记录到 syslog。</translation>
    </message>
    <message>
        <source>Syslog identity.</source>
        <translation>Syslog 标识。</translation>
    </message>
    <message>
        <source>Syslog facility.</source>
        <translation>Syslog 设施（facility）。</translation>
    </message>
    <message>
        <source>Commands slower than this many microseconds go to the slow log; -1 logs none, 0 all.</source>
        <translation>耗时超过这么多微秒的命令记入慢日志；-1 不记录，0 全部记录。</translation>
    </message>
    <message>
        <source>Entries kept in the slow log.</source>
        <translation>慢日志中保留的条目数。</translation>
    </message>
    <message>
        <source>Events slower than this many milliseconds are recorded by LATENCY; 0 disables.</source>
        <translation>耗时超过这么多毫秒的事件由 LATENCY 记录；0 表示关闭。</translation>
    </message>
    <message>
        <source>Track per-command latency percentiles (INFO latencystats).</source>
        <translation>跟踪每条命令的延迟百分位数（INFO latencystats）。</translation>
    </message>
    <message>
        <source>Percentiles INFO latencystats reports, space-separated.</source>
        <translation>INFO latencystats 报告的百分位数，以空格分隔。</translation>
    </message>
    <message>
        <source>Keyspace notifications to publish, as flag letters (K, E, g, $, l, s, h, z, x, e, t, m, d, n, A); empty disables.</source>
        <translation>要发布的键空间通知，以标志字母表示（K、E、g、$、l、s、h、z、x、e、t、m、d、n、A）；留空则关闭。</translation>
    </message>
    <message>
        <source>Write a stack trace to the log when the server crashes.</source>
        <translation>服务器崩溃时将堆栈跟踪写入日志。</translation>
    </message>
    <message>
        <source>Run a memory test after a crash.</source>
        <translation>崩溃后运行内存测试。</translation>
    </message>
    <message>
        <source>Show the ASCII logo at start-up even when not on a terminal.</source>
        <translation>即使不在终端上，启动时也显示 ASCII 徽标。</translation>
    </message>
    <message>
        <source>&quot;host port&quot; of the master this server replicates; empty for a master.</source>
        <translation>本服务器所复制的主节点的“主机 端口”；主节点留空。</translation>
    </message>
    <message>
        <source>Password used to authenticate to the master.</source>
        <translation>向主节点认证时使用的密码。</translation>
    </message>
    <message>
        <source>ACL user used to authenticate to the master.</source>
        <translation>向主节点认证时使用的 ACL 用户。</translation>
    </message>
    <message>
        <source>Replicas refuse writes from clients.</source>
        <translation>副本拒绝来自客户端的写入。</translation>
    </message>
    <message>
        <source>A replica keeps answering with possibly stale data while its master link is down.</source>
        <translation>与主节点的链接断开时，副本仍以可能过时的数据继续应答。</translation>
    </message>
    <message>
        <source>Sentinel promotes replicas with a lower number first; 0 is never promoted.</source>
        <translation>Sentinel 优先提升编号较小的副本；0 表示永不提升。</translation>
    </message>
    <message>
        <source>Whether Sentinel lists this replica.</source>
        <translation>Sentinel 是否列出此副本。</translation>
    </message>
    <message>
        <source>Address the replica reports to its master (behind NAT).</source>
        <translation>副本向主节点报告的地址（位于 NAT 之后时）。</translation>
    </message>
    <message>
        <source>Port the replica reports to its master (behind NAT).</source>
        <translation>副本向主节点报告的端口（位于 NAT 之后时）。</translation>
    </message>
    <message>
        <source>A replica does not evict on its own: it follows its master&apos;s deletions.</source>
        <translation>副本不自行淘汰：跟随主节点的删除。</translation>
    </message>
    <message>
        <source>A replica keeps replicating when it cannot write its own files.</source>
        <translation>副本无法写入自己的文件时仍继续复制。</translation>
    </message>
    <message>
        <source>Replication backlog: how much a replica may miss and still resync partially.</source>
        <translation>复制积压缓冲区：副本最多可错过多少数据仍能部分重同步。</translation>
    </message>
    <message>
        <source>Seconds a master without replicas keeps the backlog; 0 forever.</source>
        <translation>没有副本的主节点保留积压缓冲区的秒数；0 表示永久保留。</translation>
    </message>
    <message>
        <source>Seconds before a silent replication link is considered down.</source>
        <translation>复制链接静默多少秒后视为断开。</translation>
    </message>
    <message>
        <source>Seconds between pings from master to replicas.</source>
        <translation>主节点向副本发送 ping 的间隔秒数。</translation>
    </message>
    <message>
        <source>Send replication data in fewer, bigger packets (less bandwidth, more lag).</source>
        <translation>以更少、更大的数据包发送复制数据（带宽更省，延迟更高）。</translation>
    </message>
    <message>
        <source>Full resyncs stream the RDB to replicas over the socket instead of through a file.</source>
        <translation>全量同步时通过套接字直接向副本传输 RDB，而不经过文件。</translation>
    </message>
    <message>
        <source>Seconds to wait for more replicas before a diskless transfer starts.</source>
        <translation>无盘传输开始前等待更多副本的秒数。</translation>
    </message>
    <message>
        <source>Start a diskless transfer at once when this many replicas wait; 0 means no limit.</source>
        <translation>有这么多副本在等待时立即开始无盘传输；0 表示不限制。</translation>
    </message>
    <message>
        <source>How a replica loads a full resync: from a file, from the socket when it is empty, or from the socket keeping the old data until done.</source>
        <translation>副本如何加载全量同步：从文件、在数据为空时从套接字，或从套接字加载并在完成前保留旧数据。</translation>
    </message>
    <message>
        <source>Refuse writes unless this many replicas are connected with little lag; 0 disables.</source>
        <translation>除非有这么多低延迟的副本已连接，否则拒绝写入；0 表示关闭。</translation>
    </message>
    <message>
        <source>Seconds of lag under which a replica counts for min-replicas-to-write.</source>
        <translation>副本延迟低于此秒数时才计入 min-replicas-to-write。</translation>
    </message>
    <message>
        <source>What a replica or AOF load does when a replicated command fails.</source>
        <translation>复制的命令失败时，副本或 AOF 加载如何处理。</translation>
    </message>
    <message>
        <source>Run as a Redis Cluster node (set at start-up).</source>
        <translation>作为 Redis Cluster 节点运行（启动时设定）。</translation>
    </message>
    <message>
        <source>File where the node keeps the cluster state.</source>
        <translation>节点保存集群状态的文件。</translation>
    </message>
    <message>
        <source>Milliseconds a node may be unreachable before it is considered failing.</source>
        <translation>节点不可达多少毫秒后视为故障。</translation>
    </message>
    <message>
        <source>Cluster bus port; 0 means port + 10000.</source>
        <translation>集群总线端口；0 表示端口 + 10000。</translation>
    </message>
    <message>
        <source>A replica disconnected longer than this many node timeouts does not fail over; 0 always may.</source>
        <translation>断开时间超过这么多个节点超时的副本不会故障转移；0 表示总是可以。</translation>
    </message>
    <message>
        <source>Replicas a master keeps before one may migrate to an orphaned master.</source>
        <translation>主节点至少保留多少副本后，其中一个才可迁移到孤立的主节点。</translation>
    </message>
    <message>
        <source>Allow replicas to migrate to orphaned masters.</source>
        <translation>允许副本迁移到孤立的主节点。</translation>
    </message>
    <message>
        <source>Stop serving when some hash slots are not covered.</source>
        <translation>有哈希槽未被覆盖时停止服务。</translation>
    </message>
    <message>
        <source>This replica never fails over on its own.</source>
        <translation>此副本从不自行故障转移。</translation>
    </message>
    <message>
        <source>Serve reads while the cluster is down.</source>
        <translation>集群下线时仍提供读取服务。</translation>
    </message>
    <message>
        <source>Serve sharded pub/sub while the cluster is down.</source>
        <translation>集群下线时仍提供分片发布/订阅服务。</translation>
    </message>
    <message>
        <source>Address this node announces to the cluster.</source>
        <translation>此节点向集群通告的地址。</translation>
    </message>
    <message>
        <source>Host name this node announces to the cluster.</source>
        <translation>此节点向集群通告的主机名。</translation>
    </message>
    <message>
        <source>Client port this node announces; 0 uses port.</source>
        <translation>此节点通告的客户端端口；0 表示使用 port。</translation>
    </message>
    <message>
        <source>Bus port this node announces; 0 uses cluster-port.</source>
        <translation>此节点通告的总线端口；0 表示使用 cluster-port。</translation>
    </message>
    <message>
        <source>TLS port this node announces; 0 uses tls-port.</source>
        <translation>此节点通告的 TLS 端口；0 表示使用 tls-port。</translation>
    </message>
    <message>
        <source>What CLUSTER SHARDS/SLOTS and redirections name nodes by.</source>
        <translation>CLUSTER SHARDS/SLOTS 和重定向中用什么来称呼节点。</translation>
    </message>
    <message>
        <source>Send buffer limit of one cluster bus link; 0 means no limit.</source>
        <translation>单条集群总线链接的发送缓冲区上限；0 表示不限制。</translation>
    </message>
    <message>
        <source>Hashes with at most this many fields use the compact listpack encoding.</source>
        <translation>字段数不超过此值的哈希使用紧凑的 listpack 编码。</translation>
    </message>
    <message>
        <source>Hashes whose values are at most this many bytes use the listpack encoding.</source>
        <translation>值不超过此字节数的哈希使用 listpack 编码。</translation>
    </message>
    <message>
        <source>Size of each list node: positive is entries, -1 to -5 is 4 KB to 64 KB.</source>
        <translation>每个列表节点的大小：正数表示条目数，-1 到 -5 表示 4 KB 到 64 KB。</translation>
    </message>
    <message>
        <source>List nodes left uncompressed at each end; 0 compresses nothing.</source>
        <translation>列表两端保持不压缩的节点数；0 表示不压缩。</translation>
    </message>
    <message>
        <source>Sets of integers with at most this many members use the intset encoding.</source>
        <translation>成员不超过此数量的整数集合使用 intset 编码。</translation>
    </message>
    <message>
        <source>Sorted sets with at most this many members use the listpack encoding.</source>
        <translation>成员不超过此数量的有序集合使用 listpack 编码。</translation>
    </message>
    <message>
        <source>Sorted sets whose members are at most this many bytes use the listpack encoding.</source>
        <translation>成员不超过此字节数的有序集合使用 listpack 编码。</translation>
    </message>
    <message>
        <source>HyperLogLogs switch from sparse to dense above this many bytes.</source>
        <translation>HyperLogLog 超过此字节数时从稀疏表示切换为密集表示。</translation>
    </message>
    <message>
        <source>Largest stream node; 0 means no limit.</source>
        <translation>最大的流节点；0 表示不限制。</translation>
    </message>
    <message>
        <source>Most entries in one stream node; 0 means no limit.</source>
        <translation>单个流节点中的最多条目数；0 表示不限制。</translation>
    </message>
    <message>
        <source>Number of databases (set at start-up).</source>
        <translation>数据库数量（启动时设定）。</translation>
    </message>
    <message>
        <source>Background task frequency per second (expiry, timeouts).</source>
        <translation>每秒执行后台任务（过期、超时）的频率。</translation>
    </message>
    <message>
        <source>Raise hz with the number of clients.</source>
        <translation>随客户端数量提高 hz。</translation>
    </message>
    <message>
        <source>Spend some CPU rehashing the main tables in the background.</source>
        <translation>在后台花一些 CPU 对主表进行渐进式 rehash。</translation>
    </message>
    <message>
        <source>Run in the background (set at start-up).</source>
        <translation>在后台运行（启动时设定）。</translation>
    </message>
    <message>
        <source>Supervision to notify (set at start-up).</source>
        <translation>要通知的进程监管方式（启动时设定）。</translation>
    </message>
    <message>
        <source>File where the server writes its process id.</source>
        <translation>服务器写入进程 ID 的文件。</translation>
    </message>
    <message>
        <source>Change the process title shown by ps.</source>
        <translation>修改 ps 显示的进程标题。</translation>
    </message>
    <message>
        <source>Process title, with {title}, {listen-addr}, {server-mode}... placeholders.</source>
        <translation>进程标题，可使用 {title}、{listen-addr}、{server-mode}… 等占位符。</translation>
    </message>
    <message>
        <source>Whether the server sets the kernel&apos;s OOM score of its processes.</source>
        <translation>服务器是否设置其进程的内核 OOM 分数。</translation>
    </message>
    <message>
        <source>OOM scores of master, replica and background child.</source>
        <translation>主节点、副本和后台子进程的 OOM 分数。</translation>
    </message>
    <message>
        <source>Turn off transparent huge pages for the server.</source>
        <translation>为服务器关闭透明大页。</translation>
    </message>
    <message>
        <source>Seconds SHUTDOWN waits for replicas to catch up.</source>
        <translation>SHUTDOWN 等待副本追上的秒数。</translation>
    </message>
    <message>
        <source>What SIGINT does: default, or save/nosave, now, force.</source>
        <translation>SIGINT 的行为：default，或 save/nosave、now、force。</translation>
    </message>
    <message>
        <source>What SIGTERM does: default, or save/nosave, now, force.</source>
        <translation>SIGTERM 的行为：default，或 save/nosave、now、force。</translation>
    </message>
    <message>
        <source>Start-up warnings to silence.</source>
        <translation>要屏蔽的启动警告。</translation>
    </message>
    <message>
        <source>CPUs the main and I/O threads are pinned to.</source>
        <translation>主线程和 I/O 线程绑定的 CPU。</translation>
    </message>
    <message>
        <source>CPUs the background I/O threads are pinned to.</source>
        <translation>后台 I/O 线程绑定的 CPU。</translation>
    </message>
    <message>
        <source>CPUs the AOF rewrite child is pinned to.</source>
        <translation>AOF 重写子进程绑定的 CPU。</translation>
    </message>
    <message>
        <source>CPUs the background save child is pinned to.</source>
        <translation>后台保存子进程绑定的 CPU。</translation>
    </message>
    <message>
        <source>TLS port; 0 disables TLS for clients.</source>
        <translation>TLS 端口；0 表示不为客户端启用 TLS。</translation>
    </message>
    <message>
        <source>Server certificate (PEM).</source>
        <translation>服务器证书（PEM）。</translation>
    </message>
    <message>
        <source>Private key of the server certificate.</source>
        <translation>服务器证书的私钥。</translation>
    </message>
    <message>
        <source>Passphrase of tls-key-file.</source>
        <translation>tls-key-file 的口令。</translation>
    </message>
    <message>
        <source>Certificate used when this server connects as a client.</source>
        <translation>本服务器作为客户端连接时使用的证书。</translation>
    </message>
    <message>
        <source>Private key of tls-client-cert-file.</source>
        <translation>tls-client-cert-file 的私钥。</translation>
    </message>
    <message>
        <source>Passphrase of tls-client-key-file.</source>
        <translation>tls-client-key-file 的口令。</translation>
    </message>
    <message>
        <source>CA certificates trusted to sign client and peer certificates.</source>
        <translation>受信任、可签发客户端和对端证书的 CA 证书。</translation>
    </message>
    <message>
        <source>Directory of trusted CA certificates.</source>
        <translation>受信任 CA 证书所在目录。</translation>
    </message>
    <message>
        <source>Diffie-Hellman parameters file.</source>
        <translation>Diffie-Hellman 参数文件。</translation>
    </message>
    <message>
        <source>Whether clients must present a certificate.</source>
        <translation>客户端是否必须出示证书。</translation>
    </message>
    <message>
        <source>Use TLS for replication links.</source>
        <translation>复制链接使用 TLS。</translation>
    </message>
    <message>
        <source>Use TLS for the cluster bus.</source>
        <translation>集群总线使用 TLS。</translation>
    </message>
    <message>
        <source>TLS versions allowed, e.g. &quot;TLSv1.2 TLSv1.3&quot;.</source>
        <translation>允许的 TLS 版本，例如“TLSv1.2 TLSv1.3”。</translation>
    </message>
    <message>
        <source>Ciphers allowed for TLS 1.2 and older.</source>
        <translation>TLS 1.2 及更早版本允许的加密算法。</translation>
    </message>
    <message>
        <source>Cipher suites allowed for TLS 1.3.</source>
        <translation>TLS 1.3 允许的密码套件。</translation>
    </message>
    <message>
        <source>Prefer the server&apos;s cipher order.</source>
        <translation>优先使用服务器的加密算法顺序。</translation>
    </message>
    <message>
        <source>Cache TLS sessions so reconnections are faster.</source>
        <translation>缓存 TLS 会话，以加快重新连接。</translation>
    </message>
    <message>
        <source>TLS sessions kept in the cache.</source>
        <translation>缓存中保留的 TLS 会话数。</translation>
    </message>
    <message>
        <source>Seconds a cached TLS session stays valid.</source>
        <translation>缓存的 TLS 会话有效的秒数。</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔</translation>
    </message>
    <message>
        <source>enum</source>
        <translation>枚举</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>Old name of %1. %2</source>
        <translation>%1 的旧名称。%2</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>灰色</translation>
    </message>
</context>
<context>
    <name>FunctionService</name>
    <message>
        <source>FUNCTION DUMP did not answer with a payload</source>
        <translation>FUNCTION DUMP 未返回数据</translation>
    </message>
</context>
<context>
    <name>JsonPrettyPrinter</name>
    <message>
        <source>nested too deeply</source>
        <translation>嵌套过深</translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation>意外的字符</translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation>字符串中有控制字符</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>字符串未结束</translation>
    </message>
    <message>
        <source>invalid \u escape</source>
        <translation>无效的 \u 转义</translation>
    </message>
    <message>
        <source>invalid escape</source>
        <translation>无效的转义</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>无效的数字</translation>
    </message>
    <message>
        <source>mismatched bracket</source>
        <translation>括号不匹配</translation>
    </message>
    <message>
        <source>empty document</source>
        <translation>空文档</translation>
    </message>
    <message>
        <source>expected a string key</source>
        <translation>此处应为字符串键</translation>
    </message>
    <message>
        <source>expected &apos;:&apos;</source>
        <translation>此处应为“:”</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or a closing bracket</source>
        <translation>此处应为“,”或右括号</translation>
    </message>
    <message>
        <source>garbage after the document</source>
        <translation>文档之后有多余内容</translation>
    </message>
    <message>
        <source>unexpected end</source>
        <translation>意外的结尾</translation>
    </message>
</context>
<context>
    <name>KeyService</name>
    <message>
        <source>the form is incomplete</source>
        <translation>表单未填写完整</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already exists</source>
        <translation>“%1”已存在</translation>
    </message>
    <message>
        <source>the key already exists</source>
        <translation>该键已存在</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>deletes every key in every database</source>
        <translation>删除所有数据库中的所有键</translation>
    </message>
    <message>
        <source>deletes every key of database %1</source>
        <translation>删除数据库 %1 中的所有键</translation>
    </message>
    <message>
        <source>deletes %1 keys named in the command from database %2</source>
        <translation>从数据库 %2 中删除命令指定的 %1 个键</translation>
    </message>
    <message>
        <source>stops the server without saving its data</source>
        <translation>停止服务器且不保存数据</translation>
    </message>
    <message>
        <source>stops the server</source>
        <translation>停止服务器</translation>
    </message>
    <message>
        <source>changes the server&apos;s configuration: %1</source>
        <translation>修改服务器配置：%1</translation>
    </message>
    <message>
        <source>replaces all data with a copy of %1:%2</source>
        <translation>用 %1:%2 的副本替换全部数据</translation>
    </message>
    <message>
        <source>swaps the contents of two databases</source>
        <translation>交换两个数据库的内容</translation>
    </message>
    <message>
        <source>runs a debugging command that can block, crash or reload the server</source>
        <translation>运行可能阻塞、崩溃或重新加载服务器的调试命令</translation>
    </message>
    <message>
        <source>makes this node forget the cluster and deletes its keys</source>
        <translation>使此节点忘记集群并删除其键</translation>
    </message>
    <message>
        <source>deletes every stored script or function</source>
        <translation>删除所有已存储的脚本或函数</translation>
    </message>
    <message>
        <source>deletes the function library %1</source>
        <translation>删除函数库 %1</translation>
    </message>
    <message>
        <source>replaces a function library that may already exist</source>
        <translation>替换可能已存在的函数库</translation>
    </message>
    <message>
        <source>deletes every function library, then restores the dumped ones</source>
        <translation>删除所有函数库，然后恢复转储中的函数库</translation>
    </message>
    <message>
        <source>overwrites the function libraries of the same names with the dumped ones</source>
        <translation>用转储中的同名函数库覆盖现有函数库</translation>
    </message>
    <message>
        <source>%1 on production server %2</source>
        <translation>在生产服务器 %2 上执行 %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2) is marked as a production server.

%3 %4.</source>
        <translation>“%1”（%2）被标记为生产服务器。

%3%4。</translation>
    </message>
    <message>
        <source>Keys affected: %1.</source>
        <translation>受影响的键：%1。</translation>
    </message>
    <message>
        <source>The number of keys affected could not be read.</source>
        <translation>无法读取受影响的键数。</translation>
    </message>
    <message>
        <source>

Run %1 on %2?</source>
        <translation>

在 %2 上执行 %1 吗？</translation>
    </message>
    <message>
        <source>--eval needs a script file: --eval &lt;file.lua&gt; [key ...] [, arg ...]</source>
        <translation>--eval 需要一个脚本文件：--eval &lt;file.lua&gt; [key ...] [, arg ...]</translation>
    </message>
    <message>
        <source>cannot read %1: it is a directory</source>
        <translation>无法读取 %1：这是一个目录</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>cannot read %1: %2 bytes is more than the %3 a script may have</source>
        <translation>无法读取 %1：%2 字节超过了脚本允许的 %3</translation>
    </message>
    <message>
        <source>PROD</source>
        <translation>生产</translation>
    </message>
    <message>
        <source> · read-only</source>
        <translation> · 只读</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>执行 %1</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Redscope %1&lt;/h3&gt;&lt;p&gt;Administer and monitor Redis-compatible servers: browse keys, run commands, watch pub/sub channels live, and check memory, latency and persistence. Includes its own Redis-compatible engine (Local engine).&lt;/p&gt;&lt;p&gt;Qt %2 &amp;middot; hiredis %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Redscope %1&lt;/h3&gt;&lt;p&gt;管理和监控兼容 Redis 的服务器：浏览键、执行命令、实时查看发布/订阅频道，检查内存、延迟和持久化。内置兼容 Redis 的引擎（本地引擎）。&lt;/p&gt;&lt;p&gt;Qt %2 &amp;middot; hiredis %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About Redscope</source>
        <translation>关于 Redscope</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>The list changed on the server since it was read: nothing was removed. Reload and try again.</source>
        <translation>读取后该列表已在服务器上被修改：未删除任何内容。请重新加载后再试。</translation>
    </message>
    <message>
        <source>No TTL</source>
        <translation>无 TTL</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>The key kept changing on the server while it was being written: nothing was written. Try again.</source>
        <translation>写入期间该键在服务器上不断被修改：未写入任何内容。请重试。</translation>
    </message>
    <message>
        <source>
… %L1 more bytes</source>
        <translation>
… 还有 %L1 字节</translation>
    </message>
    <message>
        <source>On the server now</source>
        <translation>服务器上的当前版本</translation>
    </message>
    <message>
        <source>(gone)</source>
        <translation>（已不存在）</translation>
    </message>
    <message>
        <source>Your version</source>
        <translation>你的版本</translation>
    </message>
    <message>
        <source>Overwrite with mine</source>
        <translation>用我的版本覆盖</translation>
    </message>
    <message>
        <source>Reload theirs</source>
        <translation>重新加载服务器上的版本</translation>
    </message>
</context>
<context>
    <name>ServerAdmin</name>
    <message>
        <source>Unknown parameter %1</source>
        <translation>未知参数 %1</translation>
    </message>
    <message>
        <source>notify-keyspace-events is unknown to the server</source>
        <translation>服务器不认识 notify-keyspace-events</translation>
    </message>
</context>
<context>
    <name>redscope</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>redscope::Analysis</name>
    <message>
        <source>dump.rdb file</source>
        <translation>dump.rdb 文件</translation>
    </message>
    <message>
        <source>snapshot pulled from the server</source>
        <translation>从服务器拉取的快照</translation>
    </message>
    <message>
        <source>live scan</source>
        <translation>实时扫描</translation>
    </message>
    <message>
        <source>mirror in the Local engine</source>
        <translation>本地引擎中的镜像</translation>
    </message>
    <message>
        <source>not a Redscope analysis report (format %1)</source>
        <translation>不是 Redscope 分析报告（格式 %1）</translation>
    </message>
    <message>
        <source>bad namespace tree</source>
        <translation>命名空间树有误</translation>
    </message>
    <message>
        <source>No TTL</source>
        <translation>无 TTL</translation>
    </message>
    <message>
        <source>&lt; 1 hour</source>
        <translation>&lt; 1 小时</translation>
    </message>
    <message>
        <source>&lt; 1 day</source>
        <translation>&lt; 1 天</translation>
    </message>
    <message>
        <source>&lt; 1 week</source>
        <translation>&lt; 1 周</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>更晚</translation>
    </message>
    <message>
        <source>&lt; 1 minute</source>
        <translation>&lt; 1 分钟</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>更久</translation>
    </message>
</context>
<context>
    <name>redscope::AnalysisView</name>
    <message>
        <source>This connection (live scan)</source>
        <translation>此连接（实时扫描）</translation>
    </message>
    <message>
        <source>Snapshot pulled from the server</source>
        <translation>从服务器拉取的快照</translation>
    </message>
    <message>
        <source>A dump.rdb file…</source>
        <translation>dump.rdb 文件…</translation>
    </message>
    <message>
        <source>Namespace separator</source>
        <translation>命名空间分隔符</translation>
    </message>
    <message>
        <source> keys/s</source>
        <translation> 键/秒</translation>
    </message>
    <message>
        <source>SAMPLES </source>
        <translation>SAMPLES </translation>
    </message>
    <message>
        <source>Analyse</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>JSON…</source>
        <translation>JSON…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG 图像…</translation>
    </message>
    <message>
        <source>Separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>Pick a source and press Analyse. A live scan is paced and read-only; a snapshot makes the server fork.</source>
        <translation>选择数据源后按“分析”。实时扫描会限速且只读；快照会使服务器 fork。</translation>
    </message>
    <message>
        <source>Open a dump.rdb file: it is analysed here, no server needed.</source>
        <translation>打开 dump.rdb 文件：在本地分析，无需服务器。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Namespaces</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Top keys</source>
        <translation>大键排行</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Saved reports</source>
        <translation>已保存的报告</translation>
    </message>
    <message>
        <source>Reading the file: %1 keys, %2 of %3</source>
        <translation>正在读取文件：%1 个键，%2 / %3</translation>
    </message>
    <message>
        <source>Scanning: %1 of about %2 keys, at %3 keys/s</source>
        <translation>正在扫描：%1 / 约 %2 个键，速度 %3 键/秒</translation>
    </message>
    <message>
        <source>No report yet: pick a source above and press Analyse, or open one from Saved reports.</source>
        <translation>尚无报告：请在上方选择数据源并按“分析”，或从“已保存的报告”中打开一份。</translation>
    </message>
    <message>
        <source>Largest keys by memory</source>
        <translation>占用内存最多的键</translation>
    </message>
    <message>
        <source>Largest keys by elements</source>
        <translation>元素最多的键</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Compare with the report shown</source>
        <translation>与当前显示的报告比较</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Keys before</source>
        <translation>之前的键数</translation>
    </message>
    <message>
        <source>Keys after</source>
        <translation>之后的键数</translation>
    </message>
    <message>
        <source>Cannot open the report: %1</source>
        <translation>无法打开报告：%1</translation>
    </message>
    <message>
        <source>Analyse dump.rdb</source>
        <translation>分析 dump.rdb</translation>
    </message>
    <message>
        <source>Redis snapshots (*.rdb);;All files (*)</source>
        <translation>Redis 快照 (*.rdb);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <source>Pull a snapshot</source>
        <translation>拉取快照</translation>
    </message>
    <message>
        <source>Pulling a snapshot makes %1 fork and write its whole dataset (like BGSAVE), which costs memory and latency on a busy server. Continue?</source>
        <translation>拉取快照会使 %1 fork 并写出整个数据集（类似 BGSAVE），在繁忙的服务器上会消耗内存并增加延迟。是否继续？</translation>
    </message>
    <message>
        <source>Pull the snapshot</source>
        <translation>拉取快照</translation>
    </message>
    <message>
        <source>Pulling the snapshot: %1 received</source>
        <translation>正在拉取快照：已接收 %1</translation>
    </message>
    <message>
        <source>Snapshot received; analysing it…</source>
        <translation>快照已接收，正在分析…</translation>
    </message>
    <message>
        <source>Asking the server for a snapshot…</source>
        <translation>正在向服务器请求快照…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused. The report shows what was analysed so far (partial).</source>
        <translation>已暂停。报告显示目前已分析的内容（不完整）。</translation>
    </message>
    <message>
        <source>Partial report: %1.</source>
        <translation>不完整的报告：%1。</translation>
    </message>
    <message>
        <source>Analysed %1 keys in %2 s.</source>
        <translation>已在 %2 秒内分析 %1 个键。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved with this connection&apos;s reports.</source>
        <translation>已与此连接的报告一同保存。</translation>
    </message>
    <message>
        <source>The analysis failed: %1</source>
        <translation>分析失败：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, taken %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2，生成于 %3</translation>
    </message>
    <message>
        <source>Memory is &lt;i&gt;modelled&lt;/i&gt;: an RDB file holds no in-memory sizes, so bytes follow Redis 7.0&apos;s structures and allocator (within a few percent of MEMORY USAGE).</source>
        <translation>内存为&lt;i&gt;模型估算&lt;/i&gt;值：RDB 文件不含内存中的大小，因此字节数按 Redis 7.0 的数据结构和内存分配器计算（与 MEMORY USAGE 相差几个百分点以内）。</translation>
    </message>
    <message>
        <source>Memory as the server reports it (MEMORY USAGE).</source>
        <translation>服务器报告的内存（MEMORY USAGE）。</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;&lt;b&gt;Partial result:&lt;/b&gt; %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c0392b&apos;&gt;&lt;b&gt;不完整的结果：&lt;/b&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;%1&lt;/b&gt; keys &amp;nbsp; &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; %3 elements &amp;nbsp; %4% of keys expire&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;font-size:large&apos;&gt;&lt;b&gt;%1&lt;/b&gt; 个键 &amp;nbsp; &lt;b&gt;%2&lt;/b&gt; &amp;nbsp; %3 个元素 &amp;nbsp; %4% 的键会过期&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Type / encoding</source>
        <translation>类型 / 编码</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Time to live</source>
        <translation>生存时间</translation>
    </message>
    <message>
        <source>Idle time (LRU policies)</source>
        <translation>空闲时间（LRU 策略）</translation>
    </message>
    <message>
        <source>Not recorded: the file was saved without LRU idle times.</source>
        <translation>未记录：保存该文件时未包含 LRU 空闲时间。</translation>
    </message>
    <message>
        <source>Access frequency (LFU policies)</source>
        <translation>访问频率（LFU 策略）</translation>
    </message>
    <message>
        <source>Not recorded: the server&apos;s maxmemory-policy is not an LFU one.</source>
        <translation>未记录：服务器的 maxmemory-policy 不是 LFU 策略。</translation>
    </message>
    <message>
        <source>Click a key to open it in the Keys browser.</source>
        <translation>点击键可在键浏览器中打开。</translation>
    </message>
    <message>
        <source>Click a key for its summary.</source>
        <translation>点击键查看其摘要。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Nothing stands out: no big keys, no collections just over their encoding limits, no namespaces with forgotten TTLs, no large compressible strings.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有值得注意的问题：没有大键，没有刚超过编码上限的集合，没有遗漏 TTL 的命名空间，也没有可压缩的大字符串。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Change: &lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;修改：&lt;code&gt;%1&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;For example: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;例如：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Findings (%1)</source>
        <translation>发现项（%1）</translation>
    </message>
    <message>
        <source>All keys</source>
        <translation>所有键</translation>
    </message>
    <message>
        <source> &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;click to drill down, right click to go up&lt;/span&gt;</source>
        <translation> &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;单击深入，右击返回上一级&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (db %2): %3, encoding %4, %5 elements, %6 (%7% of all), %8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（数据库 %2）：%3，编码 %4，%5 个元素，%6（占全部的 %7%），%8</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>不完整</translation>
    </message>
    <message>
        <source>Cannot compare: %1</source>
        <translation>无法比较：%1</translation>
    </message>
    <message>
        <source>no report shown</source>
        <translation>未显示报告</translation>
    </message>
    <message>
        <source>Compared with the report of %1: namespaces by growth.</source>
        <translation>与 %1 的报告比较：命名空间按增长排序。</translation>
    </message>
    <message>
        <source>No report</source>
        <translation>无报告</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Its mirror in the Local engine (no load on the server)</source>
        <translation>其在本地引擎中的镜像（不给服务器增加负载）</translation>
    </message>
    <message>
        <source>The mirror is not in sync any more.</source>
        <translation>镜像已不再同步。</translation>
    </message>
    <message>
        <source>The mirror&apos;s snapshot is written; analysing it…</source>
        <translation>镜像快照已写入；正在分析…</translation>
    </message>
    <message>
        <source>Live scan: the most keys per second per server (default %1), a few keys&apos; commands at a time, spread evenly. The server&apos;s idle round trip is measured first; the scan slows down by itself while its own round trips stay above twice that.</source>
        <translation>实时扫描：每台服务器每秒最多处理的键数（默认 %1），每次只发送少量键的命令，均匀分布。先测量服务器空闲时的往返时间；当扫描自身的往返时间持续高于其两倍时，扫描会自动减速。</translation>
    </message>
    <message>
        <source>Pace (default %1)</source>
        <translation>速率（默认 %1）</translation>
    </message>
    <message>
        <source>Live scan: MEMORY USAGE SAMPLES. 0: exact for collections of up to %L1 elements; larger ones are sampled with %L1 (every element would hold the server for milliseconds) and the report marks their sizes as estimates</source>
        <translation>实时扫描：MEMORY USAGE 的 SAMPLES。0：元素不超过 %L1 个的集合按精确值计算；更大的集合以 %L1 个元素采样（逐个计算每个元素会让服务器停顿数毫秒），报告会将其大小标为估算值</translation>
    </message>
    <message>
        <source>&lt;b&gt;Estimates:&lt;/b&gt; the sizes of %L1 key(s) (%2, %3% of the memory; marked ≈ in the top keys) are MEMORY USAGE estimates from %L4 sampled elements: their collections hold more.</source>
        <translation>&lt;b&gt;估算值：&lt;/b&gt;%L1 个键的大小（%2，占内存的 %3%；在最大键列表中标为 ≈）是基于 %L4 个采样元素的 MEMORY USAGE 估算值：这些集合包含更多元素。</translation>
    </message>
</context>
<context>
    <name>redscope::BulkDelete</name>
    <message numerus="yes">
        <source>deletes the %n key(s) matching &quot;%1&quot; (UNLINK, %2 keys per call)</source>
        <translation>
            <numerusform>删除匹配“%1”的 %n 个键（UNLINK，每次调用 %2 个键）</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk delete</source>
        <translation>批量删除</translation>
    </message>
    <message>
        <source>This connection is read-only: keys cannot be deleted</source>
        <translation>此连接为只读：不能删除键</translation>
    </message>
    <message>
        <source>Enter a pattern such as user:*</source>
        <translation>输入模式，例如 user:*</translation>
    </message>
    <message>
        <source>Count the matching keys first</source>
        <translation>请先统计匹配的键</translation>
    </message>
    <message>
        <source>Not confirmed: a production connection needs the bulk delete confirmed</source>
        <translation>未确认：生产连接上的批量删除需要确认</translation>
    </message>
    <message>
        <source>The connection is gone</source>
        <translation>连接已断开</translation>
    </message>
</context>
<context>
    <name>redscope::BulkDeleteDialog</name>
    <message>
        <source>Count</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Delete keys matching a pattern</source>
        <translation>删除匹配模式的键</translation>
    </message>
    <message>
        <source>Glob pattern, e.g. user:* or session:??:*</source>
        <translation>Glob 模式，例如 user:* 或 session:??:*</translation>
    </message>
    <message>
        <source>Database %1 of %2</source>
        <translation>%2 的数据库 %1</translation>
    </message>
    <message>
        <source> (production)</source>
        <translation>（生产）</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Matching keys (sample)</source>
        <translation>匹配的键（示例）</translation>
    </message>
    <message>
        <source>Press Count to see how many keys match</source>
        <translation>按“统计”查看有多少键匹配</translation>
    </message>
    <message>
        <source>Counting… %1 matching so far</source>
        <translation>正在统计… 目前已匹配 %1 个</translation>
    </message>
    <message>
        <source>Deleting… %1 of %2 keys</source>
        <translation>正在删除… %1 / %2 个键</translation>
    </message>
    <message>
        <source>Deleted %1 keys</source>
        <translation>已删除 %1 个键</translation>
    </message>
    <message>
        <source>Cancelled: %1 keys were deleted</source>
        <translation>已取消：已删除 %1 个键</translation>
    </message>
    <message>
        <source>Count cancelled</source>
        <translation>统计已取消</translation>
    </message>
    <message>
        <source>This connection is read-only: keys cannot be deleted</source>
        <translation>此连接为只读：不能删除键</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 还有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 keys match &quot;%2&quot;</source>
        <translation>%1 个键匹配“%2”</translation>
    </message>
    <message>
        <source>No key matches &quot;%1&quot;</source>
        <translation>没有键匹配“%1”</translation>
    </message>
    <message>
        <source>Delete %1 keys…</source>
        <translation>删除 %1 个键…</translation>
    </message>
    <message>
        <source>database %1 of %2</source>
        <translation>%2 的数据库 %1</translation>
    </message>
    <message>
        <source>Delete the %1 keys matching &quot;%2&quot; from %3?

They are removed with UNLINK in batches of %4; this cannot be undone.</source>
        <translation>要从 %3 中删除匹配“%2”的 %1 个键吗？

它们将以每批 %4 个的方式用 UNLINK 删除；此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete %1 keys</source>
        <translation>删除 %1 个键</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>redscope::ClientListModel</name>
    <message>
        <source>This connection</source>
        <translation>此连接</translation>
    </message>
    <message>
        <source>(this connection)</source>
        <translation>（此连接）</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Age (s)</source>
        <translation>存活（秒）</translation>
    </message>
    <message>
        <source>Idle (s)</source>
        <translation>空闲（秒）</translation>
    </message>
    <message>
        <source>DB</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Last command</source>
        <translation>最后命令</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
</context>
<context>
    <name>redscope::ClientsView</name>
    <message>
        <source>Kill selected…</source>
        <translation>断开所选…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Disabled: this connection is read-only</source>
        <translation>已禁用：此连接为只读</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n 个客户端</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n client(s) (id %1)?</source>
        <translation>
            <numerusform>断开 %n 个客户端（ID %1）吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>
This includes this panel&apos;s own connection.</source>
        <translation>
其中包括此面板自己的连接。</translation>
    </message>
    <message>
        <source>Kill clients</source>
        <translation>断开客户端</translation>
    </message>
</context>
<context>
    <name>redscope::ClusterNodePicker</name>
    <message>
        <source>Node:</source>
        <translation>节点：</translation>
    </message>
    <message>
        <source>All nodes (aggregated)</source>
        <translation>所有节点（汇总）</translation>
    </message>
    <message>
        <source>master</source>
        <translation>主节点</translation>
    </message>
    <message>
        <source>replica</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>, failing</source>
        <translation>，故障中</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (not in the cluster)</source>
        <translation>%1（不在集群中）</translation>
    </message>
</context>
<context>
    <name>redscope::ClusterPanel</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Loading the cluster topology…</source>
        <translation>正在加载集群拓扑…</translation>
    </message>
    <message>
        <source>%1 masters, %2 replicas · %3 of 16,384 slots served</source>
        <translation>%1 个主节点，%2 个副本 · 已服务 %3 / 16,384 个槽</translation>
    </message>
    <message numerus="yes">
        <source> · %n node(s) down</source>
        <translation>
            <numerusform> · %n 个节点下线</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1 redirections followed</source>
        <translation> · 已跟随 %1 次重定向</translation>
    </message>
</context>
<context>
    <name>redscope::ClusterRouter</name>
    <message>
        <source>No cluster node could be reached</source>
        <translation>无法连接任何集群节点</translation>
    </message>
    <message>
        <source>%1: no hash slot is assigned to any node yet</source>
        <translation>%1：尚未给任何节点分配哈希槽</translation>
    </message>
</context>
<context>
    <name>redscope::ClusterTopology</name>
    <message>
        <source>Unexpected CLUSTER NODES line: %1</source>
        <translation>意外的 CLUSTER NODES 行：%1</translation>
    </message>
    <message>
        <source>Unexpected node address: %1</source>
        <translation>意外的节点地址：%1</translation>
    </message>
    <message>
        <source>CLUSTER NODES returned no nodes</source>
        <translation>CLUSTER NODES 没有返回节点</translation>
    </message>
    <message>
        <source>Unexpected CLUSTER SLOTS reply</source>
        <translation>意外的 CLUSTER SLOTS 回复</translation>
    </message>
    <message>
        <source>Unexpected CLUSTER SLOTS entry</source>
        <translation>意外的 CLUSTER SLOTS 条目</translation>
    </message>
</context>
<context>
    <name>redscope::ClusterTopologyModel</name>
    <message>
        <source>master</source>
        <translation>主节点</translation>
    </message>
    <message>
        <source>replica of %1</source>
        <translation>%1 的副本</translation>
    </message>
    <message>
        <source>replica</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>suspected down</source>
        <translation>疑似下线</translation>
    </message>
    <message>
        <source>connected (queried)</source>
        <translation>已连接（已查询）</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>%1 (%2 slots)</source>
        <translation>%1（%2 个槽）</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Slots</source>
        <translation>槽</translation>
    </message>
    <message>
        <source>Cluster link</source>
        <translation>集群链接</translation>
    </message>
    <message>
        <source>Redscope link</source>
        <translation>Redscope 链接</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>redscope::CollectionElementPane</name>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Select a row to see its element whole and edit it.</source>
        <translation>选择一行以查看完整元素并编辑。</translation>
    </message>
    <message>
        <source>Field #%1</source>
        <translation>字段 #%1</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value (%1 bytes)</source>
        <translation>值（%1 字节）</translation>
    </message>
    <message>
        <source>Element at index %1</source>
        <translation>索引 %1 处的元素</translation>
    </message>
    <message>
        <source>Element (%1 bytes)</source>
        <translation>元素（%1 字节）</translation>
    </message>
    <message>
        <source>Member #%1</source>
        <translation>成员 #%1</translation>
    </message>
    <message>
        <source>Member (%1 bytes)</source>
        <translation>成员（%1 字节）</translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>条目 %1</translation>
    </message>
    <message>
        <source>Fields (entries cannot be edited, only added or deleted)</source>
        <translation>字段（条目不能编辑，只能添加或删除）</translation>
    </message>
    <message>
        <source>Decoded</source>
        <translation>已解码</translation>
    </message>
    <message>
        <source>Not UTF-8 text: read-only here; tick Decoded to see it in hex or through a decoder.</source>
        <translation>不是 UTF-8 文本：此处只读；勾选“已解码”可按十六进制或通过解码器查看。</translation>
    </message>
    <message>
        <source>Show the value through a decoder: compressed, JSON, MessagePack, Protobuf, hex…</source>
        <translation>通过解码器显示该值：压缩、JSON、MessagePack、Protobuf、十六进制…</translation>
    </message>
    <message>
        <source>Save through a detected decoder</source>
        <translation>通过检测到的解码器保存</translation>
    </message>
    <message>
        <source>The value was detected, not chosen, as shown. Save it encoded that way?</source>
        <translation>该值的格式是检测得出的，而非手动选择的，如上所示。要按此方式编码并保存吗？</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>redscope::CollectionValueModel</name>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Entry ID</source>
        <translation>条目 ID</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>The element changed on the server since it was read.</source>
        <translation>读取后该元素已在服务器上被修改。</translation>
    </message>
</context>
<context>
    <name>redscope::CollectionValueView</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <source>Jump to an entry id or a time (yyyy-MM-dd HH:mm:ss)</source>
        <translation>跳转到条目 ID 或时间（yyyy-MM-dd HH:mm:ss）</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>跳转</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither a stream entry id nor a date-time</source>
        <translation>“%1”既不是流条目 ID，也不是日期时间</translation>
    </message>
    <message>
        <source>Add to %1</source>
        <translation>添加到 %1</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Element (appended)</source>
        <translation>元素（追加）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>MATCH pattern (server-side), e.g. user:*</source>
        <translation>MATCH 模式（服务器端），例如 user:*</translation>
    </message>
    <message>
        <source>Glob-style pattern for HSCAN/SSCAN/ZSCAN: * ? [abc] \x. Press Enter to search the whole value on the server.</source>
        <translation>HSCAN/SSCAN/ZSCAN 使用的 Glob 模式：* ? [abc] \x。按 Enter 在服务器上搜索整个值。</translation>
    </message>
    <message>
        <source>By rank</source>
        <translation>按排名</translation>
    </message>
    <message>
        <source>By score</source>
        <translation>按分数</translation>
    </message>
    <message>
        <source>min (-inf)</source>
        <translation>最小值 (-inf)</translation>
    </message>
    <message>
        <source>max (+inf)</source>
        <translation>最大值 (+inf)</translation>
    </message>
    <message>
        <source>Lowest score; &quot;(1.5&quot; excludes 1.5, &quot;-inf&quot; has no limit</source>
        <translation>最低分数；“(1.5”表示不含 1.5，“-inf”表示无下限</translation>
    </message>
    <message>
        <source>Highest score; &quot;(9&quot; excludes 9, &quot;+inf&quot; has no limit</source>
        <translation>最高分数；“(9”表示不含 9，“+inf”表示无上限</translation>
    </message>
    <message>
        <source>Index (-1: last)</source>
        <translation>索引（-1：最后一个）</translation>
    </message>
    <message>
        <source>Open the list or sorted set at this index</source>
        <translation>在此索引处打开列表或有序集合</translation>
    </message>
    <message>
        <source>Find in the loaded rows</source>
        <translation>在已加载的行中查找</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <source>overwrite an element</source>
        <translation>覆盖一个元素</translation>
    </message>
    <message>
        <source>writes over an element of &quot;%1&quot;</source>
        <translation>覆盖“%1”的一个元素</translation>
    </message>
    <message>
        <source>Only lists and sorted sets (without a MATCH pattern) open at an index.</source>
        <translation>只有列表和有序集合（且未使用 MATCH 模式）才能按索引打开。</translation>
    </message>
    <message>
        <source>Element changed on the server</source>
        <translation>元素已在服务器上被修改</translation>
    </message>
    <message>
        <source>The rows moved while you were asked: nothing was written. Try again.</source>
        <translation>询问期间各行已发生移动：未写入任何内容。请重试。</translation>
    </message>
    <message>
        <source>%1 matching · %2 in all</source>
        <translation>%1 个匹配 · 共 %2 个</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>0 of %1</source>
        <translation>0 / %1</translation>
    </message>
    <message>
        <source>Rows %1–%2 of %3</source>
        <translation>第 %1–%2 行，共 %3 行</translation>
    </message>
    <message>
        <source>1 element</source>
        <translation>1 个元素</translation>
    </message>
    <message>
        <source>%1 elements</source>
        <translation>%1 个元素</translation>
    </message>
    <message>
        <source>delete elements</source>
        <translation>删除元素</translation>
    </message>
    <message>
        <source>deletes %1 of &quot;%2&quot;</source>
        <translation>删除“%2”的 %1</translation>
    </message>
    <message>
        <source>This element was removed on the server since it was read.</source>
        <translation>读取后该元素已在服务器上被删除。</translation>
    </message>
    <message>
        <source>This element changed on the server since it was read.</source>
        <translation>读取后该元素已在服务器上被修改。</translation>
    </message>
    <message>
        <source>Add an element</source>
        <translation>添加元素</translation>
    </message>
    <message>
        <source>Remove the selected elements</source>
        <translation>删除所选元素</translation>
    </message>
    <message>
        <source>· loading…</source>
        <translation>· 加载中…</translation>
    </message>
    <message>
        <source>· scroll for more</source>
        <translation>· 滚动以加载更多</translation>
    </message>
</context>
<context>
    <name>redscope::CommandLine</name>
    <message>
        <source>Unbalanced quotes: the %1 quote at column %2 is never closed</source>
        <translation>引号不配对：第 %2 列的 %1 引号没有闭合</translation>
    </message>
    <message>
        <source>Closing quote at column %1 must be followed by a space or the end of the line</source>
        <translation>第 %1 列的闭合引号之后必须是空格或行尾</translation>
    </message>
</context>
<context>
    <name>redscope::CompareDialog</name>
    <message>
        <source>dump.rdb file</source>
        <translation>dump.rdb 文件</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Export differences…</source>
        <translation>导出差异…</translation>
    </message>
    <message>
        <source>Make B equal to A</source>
        <translation>使 B 与 A 一致</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Compare databases</source>
        <translation>比较数据库</translation>
    </message>
    <message>
        <source>(no connection)</source>
        <translation>（无连接）</translation>
    </message>
    <message>
        <source>every key (or a glob pattern)</source>
        <translation>所有键（或 Glob 模式）</translation>
    </message>
    <message>
        <source>path of a dump.rdb</source>
        <translation>dump.rdb 的路径</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>db</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>A:</source>
        <translation>A：</translation>
    </message>
    <message>
        <source>B:</source>
        <translation>B：</translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation>键：</translation>
    </message>
    <message>
        <source>dump.rdb</source>
        <translation>dump.rdb</translation>
    </message>
    <message>
        <source>Export the differences</source>
        <translation>导出差异</translation>
    </message>
    <message>
        <source>Write A&apos;s values of the selected keys over B&apos;s (keys only in B are deleted from B)</source>
        <translation>用 A 中选中键的值覆盖 B 中的值（仅存在于 B 的键会从 B 中删除）</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <source>B: %1 db %2</source>
        <translation>B：%1 数据库 %2</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比较…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>overwrites or deletes the chosen keys in database %1</source>
        <translation>覆盖或删除数据库 %1 中选中的键</translation>
    </message>
    <message numerus="yes">
        <source>Making B equal to A for %n key(s)…</source>
        <translation>
            <numerusform>正在使 B 与 A 一致（%n 个键）…</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
</context>
<context>
    <name>redscope::ConfigEditor</name>
    <message>
        <source>Search parameters, values and descriptions</source>
        <translation>搜索参数、值和说明</translation>
    </message>
    <message>
        <source>a size such as 100mb or 2gb</source>
        <translation>大小，例如 100mb 或 2gb</translation>
    </message>
    <message>
        <source>Not sent: &quot;%1&quot; is not a valid value for %2 (expected %3).</source>
        <translation>未发送：“%1”不是 %2 的有效值（应为 %3）。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Rewrite config file</source>
        <translation>重写配置文件</translation>
    </message>
    <message>
        <source>CONFIG REWRITE: save the running configuration to the server&apos;s configuration file</source>
        <translation>CONFIG REWRITE：将运行中的配置保存到服务器的配置文件</translation>
    </message>
    <message>
        <source>Disabled: this connection is read-only</source>
        <translation>已禁用：此连接为只读</translation>
    </message>
    <message>
        <source>Double-click a value to change it (CONFIG SET); enums and booleans offer their values.</source>
        <translation>双击某个值即可修改（CONFIG SET）；枚举和布尔参数会列出可选值。</translation>
    </message>
    <message>
        <source>Setting %1…</source>
        <translation>正在设置 %1…</translation>
    </message>
    <message>
        <source>CONFIG SET %1 failed: %2</source>
        <translation>CONFIG SET %1 失败：%2</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>CONFIG REWRITE failed: %1</source>
        <translation>CONFIG REWRITE 失败：%1</translation>
    </message>
    <message>
        <source>Configuration file rewritten.</source>
        <translation>配置文件已重写。</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 个参数</translation>
    </message>
    <message>
        <source>%1 of %2 parameters</source>
        <translation>%1 / %2 个参数</translation>
    </message>
</context>
<context>
    <name>redscope::ConfigModel</name>
    <message>
        <source>One of: %1</source>
        <translation>可选值之一：%1</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>redscope::ConfigValueDelegate</name>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>bytes, 100mb, 2gb or 10%</source>
        <translation>字节数、100mb、2gb 或 10%</translation>
    </message>
    <message>
        <source>bytes, 100mb, 2gb</source>
        <translation>字节数、100mb、2gb</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionDialog</name>
    <message>
        <source>Store password in plain text in the config file (insecure)</source>
        <translation>以明文将密码保存在配置文件中（不安全）</translation>
    </message>
    <message>
        <source>Read-only: refuse commands that modify data</source>
        <translation>只读：拒绝修改数据的命令</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新建连接</translation>
    </message>
    <message>
        <source>Edit connection</source>
        <translation>编辑连接</translation>
    </message>
    <message>
        <source>Duplicate connection</source>
        <translation>复制连接</translation>
    </message>
    <message>
        <source>e.g. Orders cache (production)</source>
        <translation>例如：订单缓存（生产）</translation>
    </message>
    <message>
        <source>Production server: confirm FLUSHALL, FLUSHDB, bulk deletes, SHUTDOWN, CONFIG SET</source>
        <translation>生产服务器：确认 FLUSHALL、FLUSHDB、批量删除、SHUTDOWN、CONFIG SET</translation>
    </message>
    <message>
        <source>Before such a command is sent, a question names this server and the number of keys it would affect.</source>
        <translation>发送此类命令之前，会弹出提问，注明此服务器和将受影响的键数。</translation>
    </message>
    <message>
        <source>No folder</source>
        <translation>无文件夹</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>Unix socket</source>
        <translation>Unix 套接字</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Splits key names into folders in the key browser; empty shows a flat list.</source>
        <translation>在键浏览器中按此分隔符将键名分组为文件夹；留空则显示平铺列表。</translation>
    </message>
    <message>
        <source>Paste a redis://, rediss:// or unix:// URL to fill the fields</source>
        <translation>粘贴 redis://、rediss:// 或 unix:// URL 以填写各字段</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Connect with</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Username (ACL)</source>
        <translation>用户名（ACL）</translation>
    </message>
    <message>
        <source>Default database</source>
        <translation>默认数据库</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Colour tag</source>
        <translation>颜色标签</translation>
    </message>
    <message>
        <source>Namespace separator</source>
        <translation>命名空间分隔符</translation>
    </message>
    <message>
        <source>Production server: confirm FLUSHALL, FLUSHDB, bulk deletes,
SHUTDOWN and CONFIG SET</source>
        <translation>生产服务器：确认 FLUSHALL、FLUSHDB、批量删除、
SHUTDOWN 和 CONFIG SET</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>拓扑</translation>
    </message>
    <message>
        <source>Save and Connect</source>
        <translation>保存并连接</translation>
    </message>
    <message>
        <source>Stored password unchanged</source>
        <translation>已保存的密码不变</translation>
    </message>
    <message>
        <source>Anyone who can read your config file can read this password.</source>
        <translation>任何能读取你的配置文件的人都能读到此密码。</translation>
    </message>
    <message>
        <source>The password is saved in the system keychain.</source>
        <translation>密码保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>No system keychain is available: the password is kept for this session and asked for when connecting in later sessions.</source>
        <translation>没有可用的系统密钥环：密码仅在本次会话中保留，以后的会话连接时会再次询问。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Connected in %1 ms</source>
        <translation>%1 毫秒内连接成功</translation>
    </message>
    <message>
        <source>: Redis %1</source>
        <translation>：Redis %1</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionErrorPage</name>
    <message>
        <source>Save password</source>
        <translation>保存密码</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Edit connection…</source>
        <translation>编辑连接…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Keeps the password in the system keychain. Unticked, it is only remembered until Redscope quits.</source>
        <translation>将密码保存在系统密钥环中。不勾选时，只在 Redscope 退出前记住。</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Connection to %1 lost</source>
        <translation>与 %1 的连接已断开</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>已从 %1 断开</translation>
    </message>
    <message>
        <source>Cannot connect to %1</source>
        <translation>无法连接到 %1</translation>
    </message>
    <message>
        <source>Authentication failed</source>
        <translation>认证失败</translation>
    </message>
    <message>
        <source>%1 requires a password</source>
        <translation>%1 需要密码</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionListModel</name>
    <message>
        <source>Not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>Local engine</source>
        <translation>本地引擎</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n connection(s)</source>
        <translation>
            <numerusform>%1：%n 个连接</numerusform>
        </translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Production: dangerous commands are confirmed</source>
        <translation>生产：危险命令需要确认</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionManager</name>
    <message>
        <source>Saved connection &quot;%1&quot;</source>
        <translation>已保存连接“%1”</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>删除连接</translation>
    </message>
    <message>
        <source>Delete the saved connection &quot;%1&quot;? Its open tabs close and its stored password is removed.</source>
        <translation>删除已保存的连接“%1”吗？其打开的标签页将关闭，保存的密码也会被移除。</translation>
    </message>
    <message>
        <source>Deleted connection &quot;%1&quot;</source>
        <translation>已删除连接“%1”</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>%1 的密码</translation>
    </message>
    <message>
        <source>Password for %1:</source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <source>Password of user &quot;%1&quot; on %2:</source>
        <translation>用户“%1”在 %2 上的密码：</translation>
    </message>
    <message>
        <source>Saved the password of &quot;%1&quot; in the keychain</source>
        <translation>已将“%1”的密码保存到密钥环</translation>
    </message>
    <message>
        <source>Import connections</source>
        <translation>导入连接</translation>
    </message>
    <message>
        <source>Redscope connections (*.json);;All files (*)</source>
        <translation>Redscope 连接 (*.json);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n connection(s) from %1</source>
        <translation>
            <numerusform>已从 %1 导入 %n 个连接</numerusform>
        </translation>
    </message>
    <message>
        <source>There are no saved connections to export</source>
        <translation>没有可导出的已保存连接</translation>
    </message>
    <message>
        <source>Export connections</source>
        <translation>导出连接</translation>
    </message>
    <message>
        <source>Redscope connections (*.json)</source>
        <translation>Redscope 连接 (*.json)</translation>
    </message>
    <message>
        <source>Include passwords in the exported file?

They would be readable by anyone who gets the file.</source>
        <translation>在导出的文件中包含密码吗？

任何拿到该文件的人都能读到这些密码。</translation>
    </message>
    <message>
        <source>Exported connections to %1</source>
        <translation>已将连接导出到 %1</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionModeBox</name>
    <message>
        <source>Topology</source>
        <translation>拓扑</translation>
    </message>
    <message>
        <source>Standalone server</source>
        <translation>独立服务器</translation>
    </message>
    <message>
        <source>Redis Cluster (address above is any node)</source>
        <translation>Redis Cluster（上面的地址可以是任一节点）</translation>
    </message>
    <message>
        <source>Redis Sentinel (master found by name)</source>
        <translation>Redis Sentinel（按名称查找主节点）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Master name</source>
        <translation>主节点名称</translation>
    </message>
    <message>
        <source>Sentinels</source>
        <translation>哨兵</translation>
    </message>
    <message>
        <source>Sentinel password</source>
        <translation>Sentinel 密码</translation>
    </message>
    <message>
        <source>The other nodes are discovered from this one; each command goes to the node that owns its key. Database 0 only.</source>
        <translation>其他节点会从此节点发现；每条命令发送到拥有其键的节点。仅支持数据库 0。</translation>
    </message>
    <message>
        <source>The sentinels are asked for the master&apos;s address, and the connection follows a failover. The address above is not used; the password above is the master&apos;s.</source>
        <translation>向哨兵询问主节点的地址，连接会跟随故障转移。上面的地址不会使用；上面的密码是主节点的密码。</translation>
    </message>
    <message>
        <source>Sentinel needs the master&apos;s name.</source>
        <translation>Sentinel 需要主节点的名称。</translation>
    </message>
    <message>
        <source>Sentinel needs at least one sentinel address.</source>
        <translation>Sentinel 至少需要一个哨兵地址。</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionSecurityBox</name>
    <message>
        <source>Use TLS (like rediss:// URLs)</source>
        <translation>使用 TLS（与 rediss:// URL 相同）</translation>
    </message>
    <message>
        <source>Skip certificate verification (insecure)</source>
        <translation>跳过证书验证（不安全）</translation>
    </message>
    <message>
        <source>Connect through an SSH tunnel</source>
        <translation>通过 SSH 隧道连接</translation>
    </message>
    <message>
        <source>Trust a new host key on first connection and remember it</source>
        <translation>首次连接时信任新的主机密钥并记住它</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>SSH tunnel</source>
        <translation>SSH 隧道</translation>
    </message>
    <message>
        <source>Encrypt the connection to the server</source>
        <translation>加密与服务器的连接</translation>
    </message>
    <message>
        <source>Reach the server through an SSH server (a bastion or the server&apos;s own host)</source>
        <translation>经由 SSH 服务器（跳板机或服务器所在主机）访问服务器</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.cer *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>System certificate store</source>
        <translation>系统证书库</translation>
    </message>
    <message>
        <source>None (for servers with tls-auth-clients)</source>
        <translation>无（用于启用了 tls-auth-clients 的服务器）</translation>
    </message>
    <message>
        <source>Private key of the client certificate</source>
        <translation>客户端证书的私钥</translation>
    </message>
    <message>
        <source>The host name above</source>
        <translation>上面的主机名</translation>
    </message>
    <message>
        <source>Sent as SNI and checked against the server&apos;s certificate</source>
        <translation>作为 SNI 发送，并与服务器证书核对</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>Client key</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>Server name (SNI)</source>
        <translation>服务器名称（SNI）</translation>
    </message>
    <message>
        <source>bastion.example.com</source>
        <translation>bastion.example.com</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>私钥文件</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Empty: the SSH agent and ~/.ssh keys</source>
        <translation>留空：使用 SSH 代理和 ~/.ssh 中的密钥</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>SSH private key</source>
        <translation>SSH 私钥</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>密钥文件</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Sign in with</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <source>SSH server</source>
        <translation>SSH 服务器</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Known hosts</source>
        <translation>已知主机</translation>
    </message>
    <message>
        <source>known_hosts file</source>
        <translation>known_hosts 文件</translation>
    </message>
    <message>
        <source>The server address above is resolved and reached from the SSH server (127.0.0.1 is the SSH server itself).</source>
        <translation>上面的服务器地址由 SSH 服务器解析并访问（127.0.0.1 即 SSH 服务器本身）。</translation>
    </message>
    <message>
        <source>⚠ Encrypted, but anyone in between can impersonate the server.</source>
        <translation>⚠ 已加密，但中间人可以冒充服务器。</translation>
    </message>
    <message>
        <source>TLS ✔</source>
        <translation>TLS ✔</translation>
    </message>
    <message>
        <source>SSH tunnel ✔</source>
        <translation>SSH 隧道 ✔</translation>
    </message>
    <message>
        <source>TLS: a client certificate needs both the certificate and its key file.</source>
        <translation>TLS：客户端证书需要同时提供证书和密钥文件。</translation>
    </message>
    <message>
        <source>SSH tunnel: enter the SSH server&apos;s host name.</source>
        <translation>SSH 隧道：请输入 SSH 服务器的主机名。</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionSettings</name>
    <message>
        <source>Invalid database number &apos;%1&apos;</source>
        <translation>无效的数据库编号“%1”</translation>
    </message>
    <message>
        <source>Invalid URL &apos;%1&apos;: %2</source>
        <translation>无效的 URL“%1”：%2</translation>
    </message>
    <message>
        <source>A unix URL needs an absolute socket path, as in unix:///run/redis.sock</source>
        <translation>unix URL 需要绝对的套接字路径，例如 unix:///run/redis.sock</translation>
    </message>
    <message>
        <source>The URL &apos;%1&apos; names no host</source>
        <translation>URL“%1”没有指定主机</translation>
    </message>
    <message>
        <source>Port out of range in &apos;%1&apos;</source>
        <translation>“%1”中的端口超出范围</translation>
    </message>
    <message>
        <source>Unsupported URL scheme &apos;%1&apos;: use redis://, rediss:// or unix://</source>
        <translation>不支持的 URL 协议“%1”：请使用 redis://、rediss:// 或 unix://</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionSidebar</name>
    <message>
        <source>CONNECTIONS</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>New connection…</source>
        <translation>新建连接…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Duplicate…</source>
        <translation>复制…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <source>Import connections…</source>
        <translation>导入连接…</translation>
    </message>
    <message>
        <source>Export connections…</source>
        <translation>导出连接…</translation>
    </message>
    <message>
        <source>Mirror into Local engine…</source>
        <translation>镜像到本地引擎…</translation>
    </message>
    <message>
        <source>Make the Local engine a live read-only replica of this server</source>
        <translation>让本地引擎成为此服务器的实时只读副本</translation>
    </message>
    <message>
        <source>+ New</source>
        <translation>+ 新建</translation>
    </message>
    <message>
        <source>More connection actions</source>
        <translation>更多连接操作</translation>
    </message>
    <message>
        <source>Restart engine</source>
        <translation>重启引擎</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>Start the Local engine again on the same data directory; its tabs reconnect</source>
        <translation>在同一数据目录上重新启动本地引擎；其标签页会重新连接</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionStore</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a connections file: %2</source>
        <translation>%1 不是连接文件：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>the SSH password of &quot;%1&quot;</source>
        <translation>“%1”的 SSH 密码</translation>
    </message>
    <message>
        <source>the SSH key passphrase of &quot;%1&quot;</source>
        <translation>“%1”的 SSH 密钥口令</translation>
    </message>
    <message>
        <source>The password of &quot;%1&quot; could not be saved in the keychain (%2); it will be asked for in later sessions.</source>
        <translation>无法将“%1”的密码保存到密钥环（%2）；以后的会话中会再次询问。</translation>
    </message>
    <message>
        <source>There is no keychain to keep %1: it is kept for this session only.</source>
        <translation>没有可用于保存%1的密钥环：仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>%1 could not be saved in the keychain (%2); it is kept for this session only.</source>
        <translation>无法将%1保存到密钥环（%2）；仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2</source>
        <translation>%1 不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>%1 holds no &quot;connections&quot; list</source>
        <translation>%1 中没有“connections”列表</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionTab</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>It stays stopped until it is restarted: “Restart engine” on this tab, or Connection ▸ Restart local engine. This console reconnects then.</source>
        <translation>引擎将保持停止，直到重新启动：点击此标签页上的“重启引擎”，或选择“连接 ▸ 重启本地引擎”。之后此控制台会重新连接。</translation>
    </message>
</context>
<context>
    <name>redscope::ConnectionWorkspace</name>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Pub/Sub</source>
        <translation>发布/订阅</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
</context>
<context>
    <name>redscope::ConsolePanel</name>
    <message>
        <source>Type a command, e.g. PING or INFO server</source>
        <translation>输入命令，例如 PING 或 INFO server</translation>
    </message>
    <message>
        <source>Console for %1 (%2). Type a command and press Enter; &quot;clear&quot; clears.</source>
        <translation>%1（%2）的控制台。输入命令后按回车；输入“clear”清屏。</translation>
    </message>
    <message>
        <source>(error) %1</source>
        <translation>(错误) %1</translation>
    </message>
    <message>
        <source># Connected to %1 (RESP%2)</source>
        <translation># 已连接到 %1（RESP%2）</translation>
    </message>
    <message>
        <source>  — argument names unavailable: COMMAND DOCS could not be read, so this comes from COMMAND INFO</source>
        <translation>  — 无法显示参数名：读取 COMMAND DOCS 失败，以下内容来自 COMMAND INFO</translation>
    </message>
    <message>
        <source># Reconnected to %1 (RESP%2)</source>
        <translation># 已重新连接到 %1（RESP%2）</translation>
    </message>
    <message>
        <source># The connection to %1 was lost</source>
        <translation># 与 %1 的连接已断开</translation>
    </message>
    <message>
        <source># The connection to %1 was lost. Reconnecting…</source>
        <translation># 与 %1 的连接已断开。正在重新连接…</translation>
    </message>
    <message>
        <source># %1. Reconnecting…</source>
        <translation># %1。正在重新连接…</translation>
    </message>
    <message>
        <source># Still reconnecting: %1</source>
        <translation># 仍在重新连接：%1</translation>
    </message>
    <message>
        <source># Disconnected from %1</source>
        <translation># 已断开与 %1 的连接</translation>
    </message>
    <message>
        <source># Disconnected: %1</source>
        <translation># 已断开连接：%1</translation>
    </message>
    <message>
        <source>%1 (not connected)&gt;</source>
        <translation>%1（未连接）&gt;</translation>
    </message>
    <message>
        <source>(error) Not connected to %1: the command was not sent</source>
        <translation>(error) 未连接到 %1：命令未发送</translation>
    </message>
</context>
<context>
    <name>redscope::CopyDialog</name>
    <message>
        <source>Always rebuild type by type (no RESTORE)</source>
        <translation>始终按类型逐个重建（不使用 RESTORE）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Cancel copy</source>
        <translation>取消复制</translation>
    </message>
    <message>
        <source>Copy keys from %1</source>
        <translation>从 %1 复制键</translation>
    </message>
    <message>
        <source>Skip keys that exist on the target</source>
        <translation>跳过目标上已存在的键</translation>
    </message>
    <message>
        <source>Replace keys that exist on the target</source>
        <translation>替换目标上已存在的键</translation>
    </message>
    <message>
        <source>Stop at the first key that exists</source>
        <translation>遇到第一个已存在的键时停止</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限制</translation>
    </message>
    <message>
        <source> keys/s</source>
        <translation> 键/秒</translation>
    </message>
    <message>
        <source>db</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation>键：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Existing keys:</source>
        <translation>已存在的键：</translation>
    </message>
    <message>
        <source>Rate limit:</source>
        <translation>速率限制：</translation>
    </message>
    <message>
        <source>writes keys from %1 into database %2</source>
        <translation>将 %1 中的键写入数据库 %2</translation>
    </message>
    <message>
        <source>Copying to %1…</source>
        <translation>正在复制到 %1…</translation>
    </message>
    <message>
        <source>Keys per second. The default keeps a busy source server responsive; 0 copies as fast as the servers go.</source>
        <translation>每秒键数。默认值可让繁忙的源服务器保持响应；0 表示以服务器所能达到的最快速度复制。</translation>
    </message>
</context>
<context>
    <name>redscope::DashboardPanel</name>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>engine data (used_memory)</source>
        <translation>引擎数据（used_memory）</translation>
    </message>
    <message>
        <source>used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>RSS</source>
        <translation>RSS</translation>
    </message>
    <message>
        <source>Operations / s</source>
        <translation>每秒操作数</translation>
    </message>
    <message>
        <source>ops/s</source>
        <translation>次/秒</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>已阻塞</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>in</source>
        <translation>入</translation>
    </message>
    <message>
        <source>out</source>
        <translation>出</translation>
    </message>
    <message>
        <source>Keyspace hit ratio</source>
        <translation>键空间命中率</translation>
    </message>
    <message>
        <source>hits / lookups</source>
        <translation>命中 / 查找</translation>
    </message>
    <message>
        <source>Expired / evicted keys per second</source>
        <translation>每秒过期 / 淘汰的键</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>evicted</source>
        <translation>淘汰</translation>
    </message>
    <message>
        <source>Keys per database</source>
        <translation>各数据库的键数</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>PING round trip</source>
        <translation>PING 往返</translation>
    </message>
    <message>
        <source>INFO failed: %1</source>
        <translation>INFO 失败：%1</translation>
    </message>
    <message>
        <source>INFO on %1 failed: %2</source>
        <translation>%1 上的 INFO 失败：%2</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation>30 分钟</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>every %1 s</source>
        <translation>每 %1 秒</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>将图表保存为 PNG</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>时间窗：</translation>
    </message>
    <message>
        <source>Poll:</source>
        <translation>轮询：</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Engine data memory</source>
        <translation>引擎数据内存</translation>
    </message>
    <message>
        <source>Ops/s</source>
        <translation>次/秒</translation>
    </message>
    <message>
        <source>Last save</source>
        <translation>上次保存</translation>
    </message>
    <message>
        <source>AOF</source>
        <translation>AOF</translation>
    </message>
    <message>
        <source>PING round trip: no samples yet</source>
        <translation>PING 往返：暂无样本</translation>
    </message>
    <message>
        <source>Measured on a connection of its own (redscope:latency) on a worker thread, like redis-cli --latency: the app&apos;s own load does not count.</source>
        <translation>在独立的连接（redscope:latency）和工作线程上测量，与 redis-cli --latency 相同：不计入应用自身的负载。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>PING round trip to %1: no samples yet</source>
        <translation>到 %1 的 PING 往返：暂无样本</translation>
    </message>
    <message>
        <source>the default node</source>
        <translation>默认节点</translation>
    </message>
    <message>
        <source>maxmemory</source>
        <translation>maxmemory</translation>
    </message>
    <message>
        <source>p50 %1 ms · p99 %2 ms</source>
        <translation>p50 %1 毫秒 · p99 %2 毫秒</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>PING round trip: last %1 ms, %2 (last %3 samples)</source>
        <translation>PING 往返：最近 %1 毫秒，%2（最近 %3 个样本）</translation>
    </message>
    <message>
        <source>cluster: %1 masters</source>
        <translation>集群：%1 个主节点</translation>
    </message>
    <message>
        <source>%1 nodes answering</source>
        <translation>%1 个节点应答</translation>
    </message>
    <message>
        <source>Engine data memory (INFO used_memory). The Local engine runs inside this app, so the process RSS (%1) counts the whole app, not the engine.</source>
        <translation>引擎数据内存（INFO used_memory）。本地引擎运行在本应用内，因此进程 RSS（%1）统计的是整个应用，而不仅是引擎。</translation>
    </message>
    <message>
        <source>used_memory; RSS %1, fragmentation %2</source>
        <translation>used_memory；RSS %1，碎片率 %2</translation>
    </message>
    <message>
        <source>%1 (%2 blocked)</source>
        <translation>%1（%2 个阻塞）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>%1 changes since the last save at %2</source>
        <translation>自 %2 上次保存以来有 %1 次变更</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>, rewriting</source>
        <translation>，正在重写</translation>
    </message>
    <message>
        <source> (write %1)</source>
        <translation>（写入 %1）</translation>
    </message>
    <message>
        <source>server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export chart data</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save chart image</source>
        <translation>保存图表图片</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
</context>
<context>
    <name>redscope::DatabaseSelector</name>
    <message>
        <source>Database used by the key browser and the console</source>
        <translation>键浏览器和控制台使用的数据库</translation>
    </message>
    <message>
        <source>Database actions</source>
        <translation>数据库操作</translation>
    </message>
    <message>
        <source>Refresh key counts</source>
        <translation>刷新键数</translation>
    </message>
    <message>
        <source>Flush current database…</source>
        <translation>清空当前数据库…</translation>
    </message>
    <message>
        <source>Disabled: this connection is read-only</source>
        <translation>已禁用：此连接为只读</translation>
    </message>
    <message>
        <source>Cannot switch to db%1: %2</source>
        <translation>无法切换到 db%1：%2</translation>
    </message>
    <message>
        <source>Now on db%1</source>
        <translation>已切换到 db%1</translation>
    </message>
    <message>
        <source>db%1 · empty</source>
        <translation>db%1 · 空</translation>
    </message>
    <message>
        <source>db%1 · 1 key</source>
        <translation>db%1 · 1 个键</translation>
    </message>
    <message>
        <source>db%1 · %2 keys</source>
        <translation>db%1 · %2 个键</translation>
    </message>
    <message>
        <source>Flush database</source>
        <translation>清空数据库</translation>
    </message>
    <message>
        <source>Delete all %1 keys of db%2 on %3 (%4)?</source>
        <translation>删除 %3（%4）上 db%2 的全部 %1 个键吗？</translation>
    </message>
    <message>
        <source>db%1 flushed</source>
        <translation>已清空 db%1</translation>
    </message>
    <message>
        <source>FLUSHDB on db%1: %2</source>
        <translation>db%1 上的 FLUSHDB：%2</translation>
    </message>
</context>
<context>
    <name>redscope::DecoderPane</name>
    <message>
        <source>Load the whole value</source>
        <translation>加载完整的值</translation>
    </message>
    <message>
        <source>%1 (no header)</source>
        <translation>%1（无头部）</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose .proto files</source>
        <translation>选择 .proto 文件</translation>
    </message>
    <message>
        <source>.proto files, separated by ;</source>
        <translation>.proto 文件，以 ; 分隔</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Protobuf schema</source>
        <translation>Protobuf Schema</translation>
    </message>
    <message>
        <source>Protobuf (*.proto)</source>
        <translation>Protobuf (*.proto)</translation>
    </message>
    <message>
        <source>decode command (bytes on stdin)</source>
        <translation>解码命令（从 stdin 读取字节）</translation>
    </message>
    <message>
        <source>encode command (optional)</source>
        <translation>编码命令（可选）</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Find in value</source>
        <translation>在值中查找</translation>
    </message>
    <message>
        <source>Decode as</source>
        <translation>解码为</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Try %1</source>
        <translation>尝试 %1</translation>
    </message>
    <message>
        <source>These bytes decompress as %1; it has no header, so it is not applied unless you choose it.</source>
        <translation>这些字节可按 %1 解压；但它没有头部，因此除非你选择，否则不会应用。</translation>
    </message>
    <message>
        <source> (detected)</source>
        <translation>（已检测到）</translation>
    </message>
    <message>
        <source>%1 needs the whole value (%2).</source>
        <translation>%1 需要完整的值（%2）。</translation>
    </message>
    <message>
        <source>%1 of a %2 value, read in ranges as you scroll%3</source>
        <translation>%2 的值中已读取 %1，滚动时分段读取%3</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The first %1 as text (read-only); Hex and Bits show all of it</source>
        <translation>前 %1 以文本显示（只读）；Hex 和 Bits 显示全部内容</translation>
    </message>
    <message>
        <source>Cannot decompress as %1: %2</source>
        <translation>无法按 %1 解压：%2</translation>
    </message>
    <message>
        <source>%1, %2 compressed to %3; </source>
        <translation>%1，%2 压缩为 %3；</translation>
    </message>
    <message>
        <source>Give the command that decodes the value (it gets the bytes on stdin and prints text or JSON).</source>
        <translation>请填写解码该值的命令（它从 stdin 读取字节，输出文本或 JSON）。</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <source>Not %1: %2</source>
        <translation>不是 %1：%2</translation>
    </message>
    <message>
        <source> — not UTF-8: invalid bytes are shown as \xNN, backslashes as \\</source>
        <translation> — 不是 UTF-8：无效字节显示为 \xNN，反斜杠显示为 \\</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>not a PNG, JPEG, GIF or WebP image</source>
        <translation>不是 PNG、JPEG、GIF 或 WebP 图像</translation>
    </message>
    <message>
        <source>%1 image that cannot be read (is qt6-image-formats-plugins installed?)</source>
        <translation>无法读取的 %1 图像（是否已安装 qt6-image-formats-plugins？）</translation>
    </message>
    <message>
        <source>: %1, %2 × %3 pixels</source>
        <translation>：%1，%2 × %3 像素</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 为只读</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>At byte %L1</source>
        <translation>位于第 %L1 字节</translation>
    </message>
    <message>
        <source>Bytes edited, not saved: %L1 (Ctrl+Z undoes)</source>
        <translation>已编辑但未保存的字节：%L1（Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>A ranged value is saved as patches</source>
        <translation>分段读取的值按补丁方式保存</translation>
    </message>
</context>
<context>
    <name>redscope::DecoderRulesDialog</name>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Decoder rules</source>
        <translation>解码器规则</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>所有连接</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>No rules. A rule is remembered when you choose a decoder for a value: keys of the same pattern then open with it.</source>
        <translation>没有规则。为某个值选择解码器时会记住一条规则：之后同一模式的键都会用该解码器打开。</translation>
    </message>
    <message>
        <source>For each key the first matching rule of its connection wins. Double-click a cell to edit it; patterns are globs (* and ?).</source>
        <translation>每个键以其连接中第一条匹配的规则为准。双击单元格可编辑；模式为 Glob（* 和 ?）。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Save the changes to the rules shown before switching?</source>
        <translation>切换前保存对当前所示规则的更改吗？</translation>
    </message>
</context>
<context>
    <name>redscope::DecoderRulesModel</name>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Keys matching %1 open as %2</source>
        <translation>匹配 %1 的键以 %2 打开</translation>
    </message>
    <message>
        <source>
Message %1 from %2</source>
        <translation>
消息类型 %1，来自 %2</translation>
    </message>
    <message>
        <source>
Decode: %1
Encode: %2</source>
        <translation>
解码：%1
编码：%2</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Key pattern</source>
        <translation>键模式</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>解码器</translation>
    </message>
</context>
<context>
    <name>redscope::DiffModel</name>
    <message>
        <source>only in A</source>
        <translation>仅在 A 中</translation>
    </message>
    <message>
        <source>only in B</source>
        <translation>仅在 B 中</translation>
    </message>
    <message>
        <source>different type</source>
        <translation>类型不同</translation>
    </message>
    <message>
        <source>different (TTL)</source>
        <translation>不同（TTL）</translation>
    </message>
    <message>
        <source>different value</source>
        <translation>值不同</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Type in A</source>
        <translation>A 中的类型</translation>
    </message>
    <message>
        <source>Type in B</source>
        <translation>B 中的类型</translation>
    </message>
</context>
<context>
    <name>redscope::EngineHost</name>
    <message>
        <source>An import is already running</source>
        <translation>已有导入正在进行</translation>
    </message>
    <message>
        <source>The embedded engine is not running</source>
        <translation>内置引擎未运行</translation>
    </message>
    <message>
        <source>Imported %1 keys from %2</source>
        <translation>已从 %2 导入 %1 个键</translation>
    </message>
    <message>
        <source> (written by Redis %1)</source>
        <translation>（由 Redis %1 写入）</translation>
    </message>
    <message>
        <source>; %1 keys had already expired</source>
        <translation>；%1 个键已过期</translation>
    </message>
    <message>
        <source>Cannot make %1 private (mode 0700)</source>
        <translation>无法将 %1 设为私有（权限 0700）</translation>
    </message>
    <message>
        <source>Cannot create a private runtime directory for the engine socket (tried: %1)</source>
        <translation>无法为引擎套接字创建私有运行时目录（已尝试：%1）</translation>
    </message>
    <message>
        <source>Cannot create the engine data directory %1</source>
        <translation>无法创建引擎数据目录 %1</translation>
    </message>
    <message>
        <source>The embedded engine did not start: %1</source>
        <translation>内置引擎未能启动：%1</translation>
    </message>
    <message>
        <source>There is no data file that failed to load</source>
        <translation>没有加载失败的数据文件</translation>
    </message>
    <message>
        <source>Cannot rename %1 to %2</source>
        <translation>无法将 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>The engine data directory %1 is not writable: %2</source>
        <translation>引擎数据目录 %1 不可写：%2</translation>
    </message>
</context>
<context>
    <name>redscope::EngineStoppedPage</name>
    <message>
        <source>Restart engine</source>
        <translation>重启引擎</translation>
    </message>
    <message>
        <source>Start with empty data…</source>
        <translation>以空数据启动…</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>Starts the engine again on the same data directory; the open tabs reconnect</source>
        <translation>在同一数据目录上重新启动引擎；已打开的标签页会重新连接</translation>
    </message>
    <message>
        <source>Renames the file that did not load (nothing is deleted) and starts with an empty dataset</source>
        <translation>重命名未能加载的文件（不删除任何内容），并以空数据集启动</translation>
    </message>
    <message>
        <source>Show log</source>
        <translation>显示日志</translation>
    </message>
    <message>
        <source>Hide log</source>
        <translation>隐藏日志</translation>
    </message>
    <message>
        <source>The local engine stopped after a panic</source>
        <translation>本地引擎在 panic 后停止</translation>
    </message>
    <message>
        <source>Stopped: panic</source>
        <translation>已停止：panic</translation>
    </message>
    <message>
        <source>The local engine was shut down</source>
        <translation>本地引擎已关闭</translation>
    </message>
    <message>
        <source>Stopped by %1, sent by a client.</source>
        <translation>由客户端发送的 %1 停止。</translation>
    </message>
    <message>
        <source>Shut down</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Shut down (%1)</source>
        <translation>已关闭（%1）</translation>
    </message>
    <message>
        <source>The local engine could not load its data</source>
        <translation>本地引擎无法加载其数据</translation>
    </message>
    <message>
        <source>Stopped: its data did not load</source>
        <translation>已停止：数据未能加载</translation>
    </message>
    <message>
        <source>The local engine did not start</source>
        <translation>本地引擎未能启动</translation>
    </message>
    <message>
        <source>Did not start</source>
        <translation>未能启动</translation>
    </message>
    <message>
        <source>The local engine is stopped</source>
        <translation>本地引擎已停止</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Starting the local engine…</source>
        <translation>正在启动本地引擎…</translation>
    </message>
    <message>
        <source>Data directory: %1</source>
        <translation>数据目录：%1</translation>
    </message>
    <message>
        <source>“Start with empty data” renames %1 to %1.corrupt-&lt;date-time&gt; beside it; nothing is deleted.</source>
        <translation>“以空数据启动”会将 %1 在原位置重命名为 %1.corrupt-&lt;日期时间&gt;；不删除任何内容。</translation>
    </message>
    <message>
        <source>A panic stops the engine without saving. Restart loads what was saved before: the last snapshot, or the AOF when it was on.</source>
        <translation>panic 会使引擎停止且不保存。重启会加载之前保存的内容：最近的快照，或在开启时的 AOF。</translation>
    </message>
    <message>
        <source>NOSAVE: changes since the last snapshot were not written.</source>
        <translation>NOSAVE：自最近一次快照以来的更改未写入。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Start with empty data</source>
        <translation>以空数据启动</translation>
    </message>
    <message>
        <source>Move %1 aside and start the local engine with no data?

The file is renamed to %2.corrupt-&lt;date-time&gt; in the same folder; nothing is deleted, so it can still be examined or repaired.</source>
        <translation>将 %1 移到一旁并以空数据启动本地引擎？

该文件会在同一文件夹中重命名为 %2.corrupt-&lt;日期时间&gt;；不删除任何内容，因此仍可检查或修复。</translation>
    </message>
    <message>
        <source>(the log is empty)</source>
        <translation>（日志为空）</translation>
    </message>
</context>
<context>
    <name>redscope::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Export from %1</source>
        <translation>从 %1 导出</translation>
    </message>
    <message>
        <source>Relative (milliseconds left at export)</source>
        <translation>相对（导出时剩余的毫秒数）</translation>
    </message>
    <message>
        <source>Absolute (Unix time in milliseconds)</source>
        <translation>绝对（以毫秒计的 Unix 时间）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation>键：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>TTLs:</source>
        <translation>TTL：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
</context>
<context>
    <name>redscope::FunctionLibraryModel</name>
    <message>
        <source>1 function</source>
        <translation>1 个函数</translation>
    </message>
    <message>
        <source>%1 functions</source>
        <translation>%1 个函数</translation>
    </message>
    <message>
        <source>No flags: the function may write and is refused when memory is full</source>
        <translation>无标志：该函数可以写入，内存已满时会被拒绝</translation>
    </message>
    <message>
        <source>Library / function</source>
        <translation>函数库 / 函数</translation>
    </message>
    <message>
        <source>Engine / flags</source>
        <translation>引擎 / 标志</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>redscope::FunctionLoadDialog</name>
    <message>
        <source>Replace a library of the same name (REPLACE)</source>
        <translation>替换同名的函数库（REPLACE）</translation>
    </message>
    <message>
        <source>Load function library</source>
        <translation>加载函数库</translation>
    </message>
    <message>
        <source>The first line names the library: &lt;code&gt;#!lua name=&amp;lt;library&amp;gt;&lt;/code&gt;. Each &lt;code&gt;redis.register_function&lt;/code&gt; adds a function; flags such as &lt;code&gt;no-writes&lt;/code&gt; let FCALL_RO and replicas run it.</source>
        <translation>第一行指定库名：&lt;code&gt;#!lua name=&amp;lt;library&amp;gt;&lt;/code&gt;。每个 &lt;code&gt;redis.register_function&lt;/code&gt; 添加一个函数；&lt;code&gt;no-writes&lt;/code&gt; 等标志可让 FCALL_RO 和副本运行它。</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Open Lua library</source>
        <translation>打开 Lua 函数库</translation>
    </message>
    <message>
        <source>Lua files (*.lua);;All files (*)</source>
        <translation>Lua 文件 (*.lua);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>redscope::FunctionsView</name>
    <message>
        <source>Select a library to see its code.</source>
        <translation>选择一个函数库以查看其代码。</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No function library is loaded on this server.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Load one with &lt;b&gt;Load…&lt;/b&gt;: Lua code that starts with &lt;code&gt;#!lua name=&amp;lt;library&amp;gt;&lt;/code&gt; and registers functions with &lt;code&gt;redis.register_function&lt;/code&gt;.&lt;br&gt;Or restore libraries from a FUNCTION DUMP file.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;此服务器上没有加载任何函数库。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;用&lt;b&gt;加载…&lt;/b&gt;载入一个：以 &lt;code&gt;#!lua name=&amp;lt;library&amp;gt;&lt;/code&gt; 开头、用 &lt;code&gt;redis.register_function&lt;/code&gt; 注册函数的 Lua 代码。&lt;br&gt;或从 FUNCTION DUMP 文件恢复函数库。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Redis 7.0 keeps no call counters per function: the totals are INFO commandstats&apos; for FCALL and FCALL_RO (all functions, since the last CONFIG RESETSTAT).</source>
        <translation>Redis 7.0 不按函数记录调用次数：合计值来自 INFO commandstats 中的 FCALL 和 FCALL_RO（所有函数，自上次 CONFIG RESETSTAT 起）。</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <source>FUNCTION LOAD: add a library from Lua code</source>
        <translation>FUNCTION LOAD：从 Lua 代码添加函数库</translation>
    </message>
    <message>
        <source>Delete library…</source>
        <translation>删除函数库…</translation>
    </message>
    <message>
        <source>FUNCTION DELETE of the selected library</source>
        <translation>对所选函数库执行 FUNCTION DELETE</translation>
    </message>
    <message>
        <source>Flush</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>FUNCTION FLUSH: delete every library</source>
        <translation>FUNCTION FLUSH：删除所有函数库</translation>
    </message>
    <message>
        <source>Flush all libraries (ASYNC)…</source>
        <translation>清空所有函数库（ASYNC）…</translation>
    </message>
    <message>
        <source>Flush all libraries (SYNC)…</source>
        <translation>清空所有函数库（SYNC）…</translation>
    </message>
    <message>
        <source>Dump…</source>
        <translation>转储…</translation>
    </message>
    <message>
        <source>FUNCTION DUMP: save every library to a file</source>
        <translation>FUNCTION DUMP：将所有函数库保存到文件</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>FUNCTION RESTORE: load libraries from a dump file</source>
        <translation>FUNCTION RESTORE：从转储文件加载函数库</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Disabled: this connection is read-only</source>
        <translation>已禁用：此连接为只读</translation>
    </message>
    <message>
        <source>FUNCTION LIST failed: %1</source>
        <translation>FUNCTION LIST 失败：%1</translation>
    </message>
    <message>
        <source>Calls unknown: %1</source>
        <translation>调用次数未知：%1</translation>
    </message>
    <message>
        <source>no calls</source>
        <translation>无调用</translation>
    </message>
    <message>
        <source>1 call</source>
        <translation>1 次调用</translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation>%1 次调用</translation>
    </message>
    <message>
        <source>FCALL and FCALL_RO totals unknown (%1)</source>
        <translation>FCALL 和 FCALL_RO 合计未知（%1）</translation>
    </message>
    <message>
        <source>FCALL: %1 · FCALL_RO: %2</source>
        <translation>FCALL：%1 · FCALL_RO：%2</translation>
    </message>
    <message>
        <source> · %1 failed</source>
        <translation> · %1 次失败</translation>
    </message>
    <message>
        <source>no function running</source>
        <translation>没有正在运行的函数</translation>
    </message>
    <message>
        <source>running now: %1 for %2 ms (%3)</source>
        <translation>正在运行：%1，已 %2 毫秒（%3）</translation>
    </message>
    <message>
        <source>Library %1 loaded.</source>
        <translation>已加载函数库 %1。</translation>
    </message>
    <message>
        <source>Delete library</source>
        <translation>删除函数库</translation>
    </message>
    <message>
        <source>Delete the function library %1 and its functions?</source>
        <translation>删除函数库 %1 及其函数吗？</translation>
    </message>
    <message>
        <source>FUNCTION DELETE %1 failed: %2</source>
        <translation>FUNCTION DELETE %1 失败：%2</translation>
    </message>
    <message>
        <source>Library %1 deleted.</source>
        <translation>已删除函数库 %1。</translation>
    </message>
    <message>
        <source>Flush functions</source>
        <translation>清空函数</translation>
    </message>
    <message>
        <source>Delete every function library on this server?</source>
        <translation>删除此服务器上的所有函数库吗？</translation>
    </message>
    <message>
        <source>FUNCTION FLUSH %1 failed: %2</source>
        <translation>FUNCTION FLUSH %1 失败：%2</translation>
    </message>
    <message>
        <source>Every library was deleted (FUNCTION FLUSH %1).</source>
        <translation>已删除所有函数库（FUNCTION FLUSH %1）。</translation>
    </message>
    <message>
        <source>FUNCTION DUMP failed: %1</source>
        <translation>FUNCTION DUMP 失败：%1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 libraries dumped to %2 (%3 bytes).</source>
        <translation>已将 %1 个函数库转储到 %2（%3 字节）。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Restore functions</source>
        <translation>恢复函数</translation>
    </message>
    <message>
        <source>Delete every function library, then restore those of %1?</source>
        <translation>删除所有函数库，然后恢复 %1 中的函数库吗？</translation>
    </message>
    <message>
        <source>Overwrite libraries of the same names with those of %1?</source>
        <translation>用 %1 中的函数库覆盖同名函数库吗？</translation>
    </message>
    <message>
        <source>FUNCTION RESTORE failed: %1</source>
        <translation>FUNCTION RESTORE 失败：%1</translation>
    </message>
    <message>
        <source>Libraries restored from %1.</source>
        <translation>已从 %1 恢复函数库。</translation>
    </message>
    <message>
        <source>Dump function libraries</source>
        <translation>转储函数库</translation>
    </message>
    <message>
        <source>Function dumps (*.dump);;All files (*)</source>
        <translation>函数转储 (*.dump);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restore function libraries</source>
        <translation>恢复函数库</translation>
    </message>
    <message>
        <source>APPEND: add the libraries; fail if a name exists</source>
        <translation>APPEND：添加函数库；若名称已存在则失败</translation>
    </message>
    <message>
        <source>REPLACE: add the libraries, overwriting those of the same names</source>
        <translation>REPLACE：添加函数库，覆盖同名函数库</translation>
    </message>
    <message>
        <source>FLUSH: delete every library first</source>
        <translation>FLUSH：先删除所有函数库</translation>
    </message>
    <message>
        <source>How to restore:</source>
        <translation>恢复方式：</translation>
    </message>
</context>
<context>
    <name>redscope::GroupTableModel</name>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>With TTL</source>
        <translation>带 TTL</translation>
    </message>
</context>
<context>
    <name>redscope::HiredisLink</name>
    <message>
        <source>unknown host &apos;%1&apos;: %2</source>
        <translation>未知主机“%1”：%2</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>timed out after %1 ms</source>
        <translation>%1 毫秒后超时</translation>
    </message>
</context>
<context>
    <name>redscope::ImportDialog</name>
    <message>
        <source>Dry run: report what would change, write nothing</source>
        <translation>试运行：报告将发生的变更，不写入任何内容</translation>
    </message>
    <message>
        <source>Continue past errors (skip bad records, list them)</source>
        <translation>出错时继续（跳过错误记录并列出）</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Import into %1</source>
        <translation>导入到 %1</translation>
    </message>
    <message>
        <source>Skip keys that exist</source>
        <translation>跳过已存在的键</translation>
    </message>
    <message>
        <source>Replace keys that exist</source>
        <translation>替换已存在的键</translation>
    </message>
    <message>
        <source>Fail if any key exists (before writing)</source>
        <translation>有任何键已存在则失败（写入前检查）</translation>
    </message>
    <message>
        <source>all databases</source>
        <translation>所有数据库</translation>
    </message>
    <message>
        <source>dump.rdb files: which database of the file to import</source>
        <translation>dump.rdb 文件：导入文件中的哪个数据库</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Existing keys:</source>
        <translation>已存在的键：</translation>
    </message>
    <message>
        <source>Database in a dump.rdb:</source>
        <translation>dump.rdb 中的数据库：</translation>
    </message>
    <message>
        <source>Import from</source>
        <translation>导入自</translation>
    </message>
    <message>
        <source>Continue from record %1</source>
        <translation>从第 %1 条记录继续</translation>
    </message>
    <message>
        <source>writes the keys of %1 into database %2</source>
        <translation>将 %1 中的键写入数据库 %2</translation>
    </message>
    <message>
        <source>Validating %1…</source>
        <translation>正在校验 %1…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
</context>
<context>
    <name>redscope::InfoBrowser</name>
    <message>
        <source>Search fields and values</source>
        <translation>搜索字段和值</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>The Local engine runs inside Redscope: RSS, the fragmentation ratios and the process&apos;s CPU time (greyed) count the whole app. used_memory and the main thread&apos;s CPU time are the engine&apos;s own.</source>
        <translation>本地引擎运行在 Redscope 进程内：RSS、碎片率和进程 CPU 时间（灰色）统计的是整个应用。used_memory 和主线程 CPU 时间才是引擎自己的。</translation>
    </message>
</context>
<context>
    <name>redscope::InfoTreeModel</name>
    <message>
        <source>1 field</source>
        <translation>1 个字段</translation>
    </message>
    <message>
        <source>%1 fields</source>
        <translation>%1 个字段</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>%1
The Local engine runs inside Redscope&apos;s process: this figure counts the whole app, not the engine. used_memory and the main thread&apos;s CPU are the engine&apos;s own.</source>
        <translation>%1
本地引擎运行在 Redscope 进程内：此数值统计的是整个应用，而非引擎。used_memory 和主线程 CPU 才是引擎自己的。</translation>
    </message>
</context>
<context>
    <name>redscope::Internal::ScanLoop</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>没有连接</translation>
    </message>
    <message>
        <source>Unexpected SCAN reply</source>
        <translation>意外的 SCAN 回复</translation>
    </message>
    <message>
        <source>The cluster&apos;s slot map is not loaded yet</source>
        <translation>集群的槽映射尚未加载</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: unexpected SCAN reply</source>
        <translation>%1：意外的 SCAN 回复</translation>
    </message>
</context>
<context>
    <name>redscope::JsonTreeModel</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>redscope::KeyBrowserPanel</name>
    <message>
        <source>Flat list</source>
        <translation>平铺列表</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>New key…</source>
        <translation>新建键…</translation>
    </message>
    <message>
        <source>Delete matching…</source>
        <translation>删除匹配项…</translation>
    </message>
    <message>
        <source>Load sample data</source>
        <translation>加载示例数据</translation>
    </message>
    <message>
        <source>Filter by pattern, e.g. user:* (Enter to scan)</source>
        <translation>按模式过滤，如 user:*（回车扫描）</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Namespace separator</source>
        <translation>命名空间分隔符</translation>
    </message>
    <message>
        <source>Count the keys matching a pattern, then delete them in batches (UNLINK)</source>
        <translation>统计匹配模式的键，然后分批删除（UNLINK）</translation>
    </message>
    <message>
        <source>Fill this database with a small chat app dataset (users, rooms, leaderboards) and publish live chat messages</source>
        <translation>用一个小型聊天应用数据集（用户、聊天室、排行榜）填充此数据库，并实时发布聊天消息</translation>
    </message>
    <message>
        <source>Loading sample data… %1/%2 commands</source>
        <translation>正在加载示例数据… %1/%2 条命令</translation>
    </message>
    <message>
        <source>Sample data: %1</source>
        <translation>示例数据：%1</translation>
    </message>
    <message>
        <source>Read-only connection</source>
        <translation>只读连接</translation>
    </message>
    <message>
        <source>Go to key… (exact name, Enter)</source>
        <translation>转到键…（完整名称，回车）</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Namespace separator and flat list</source>
        <translation>命名空间分隔符和平铺列表</translation>
    </message>
    <message>
        <source>Separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <source>Enable live updates</source>
        <translation>启用实时更新</translation>
    </message>
    <message>
        <source>Live updates off</source>
        <translation>实时更新已关闭</translation>
    </message>
    <message>
        <source>Turns on keyspace notifications (notify-keyspace-events KEA) so the tree follows every write</source>
        <translation>开启键空间通知（notify-keyspace-events KEA），使键树跟随每次写入</translation>
    </message>
    <message>
        <source>The server does not send keyspace notifications (notify-keyspace-events is &quot;%1&quot;): use Refresh to see changes</source>
        <translation>服务器不发送键空间通知（notify-keyspace-events 为“%1”）：请用“刷新”查看变化</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>The tree follows keyspace notifications</source>
        <translation>键树跟随键空间通知更新</translation>
    </message>
    <message>
        <source>Not created: %1</source>
        <translation>未创建：%1</translation>
    </message>
    <message>
        <source>Created &quot;%1&quot;</source>
        <translation>已创建“%1”</translation>
    </message>
    <message>
        <source>Deleted %1 keys matching &quot;%2&quot;</source>
        <translation>已删除 %1 个匹配“%2”的键</translation>
    </message>
    <message>
        <source>Loading sample data…</source>
        <translation>正在加载示例数据…</translation>
    </message>
    <message>
        <source>This database is empty.</source>
        <translation>此数据库为空。</translation>
    </message>
    <message>
        <source>Stop sample publisher</source>
        <translation>停止示例发布</translation>
    </message>
    <message>
        <source>Start sample publisher</source>
        <translation>开始示例发布</translation>
    </message>
    <message>
        <source>Publishes a chat message on chat:room:* every 500 ms</source>
        <translation>每 500 毫秒在 chat:room:* 上发布一条聊天消息</translation>
    </message>
    <message>
        <source>%1 keys · scanning %2%</source>
        <translation>%1 个键 · 已扫描 %2%</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Scan failed: %1</source>
        <translation>扫描失败：%1</translation>
    </message>
    <message>
        <source>%1 matching keys · %2 in the database</source>
        <translation>%1 个匹配的键 · 数据库中共 %2 个</translation>
    </message>
    <message>
        <source>1 key</source>
        <translation>1 个键</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 个键</translation>
    </message>
    <message>
        <source>%1 keys on the server · the tree shows %2 (Refresh to update)</source>
        <translation>服务器上有 %1 个键 · 键树显示 %2 个（刷新以更新）</translation>
    </message>
    <message>
        <source>More keys of this folder load as you scroll.</source>
        <translation>滚动时会继续加载此文件夹中的更多键。</translation>
    </message>
    <message>
        <source>Export/Copy</source>
        <translation>导出/复制</translation>
    </message>
    <message>
        <source>Export the selected keys to a file, or copy them to another connection</source>
        <translation>将选中的键导出到文件，或复制到另一个连接</translation>
    </message>
    <message>
        <source>Export selected…</source>
        <translation>导出选中的键…</translation>
    </message>
    <message>
        <source>Copy selected to…</source>
        <translation>复制选中的键到…</translation>
    </message>
    <message>
        <source>This database is empty.
Create a key with &quot;New key…&quot;, or fill it with a small chat app dataset:</source>
        <translation>此数据库为空。
用“新建键…”创建一个键，或填入一个小型聊天应用数据集：</translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) (%1 s)</source>
        <translation>
            <numerusform>%Ln 个键（%1 秒）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %Ln key(s)</source>
        <translation>
            <numerusform>在 %Ln 个键后取消</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::KeyScanner</name>
    <message>
        <source>No connection</source>
        <translation>没有连接</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>redscope::KeySelectionBox</name>
    <message numerus="yes">
        <source>The %n selected key(s)</source>
        <translation>
            <numerusform>选中的 %n 个键</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys matching</source>
        <translation>匹配模式的键</translation>
    </message>
    <message>
        <source>The whole database</source>
        <translation>整个数据库</translation>
    </message>
    <message>
        <source>Glob pattern, as SCAN MATCH takes it</source>
        <translation>Glob 模式，写法与 SCAN MATCH 相同</translation>
    </message>
    <message>
        <source>any type</source>
        <translation>任意类型</translation>
    </message>
</context>
<context>
    <name>redscope::KeyTreeModel</name>
    <message>
        <source>%1 more not shown; loads %2 at a time</source>
        <translation>还有 %1 个未显示；每次加载 %2 个</translation>
    </message>
    <message>
        <source>%1: %2 keys</source>
        <translation>%1：%2 个键</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Loading more…</source>
        <translation>正在加载更多…</translation>
    </message>
</context>
<context>
    <name>redscope::Language</name>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
</context>
<context>
    <name>redscope::LatencyMonitorBox</name>
    <message>
        <source>Enable server latency monitor…</source>
        <translation>启用服务器延迟监控…</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Latest (ms)</source>
        <translation>最近（毫秒）</translation>
    </message>
    <message>
        <source>Max (ms)</source>
        <translation>最大（毫秒）</translation>
    </message>
    <message>
        <source>This server does not report latency-monitor-threshold; server latency events are not available.</source>
        <translation>此服务器未报告 latency-monitor-threshold；无法获取服务器延迟事件。</translation>
    </message>
    <message>
        <source>Server latency monitor: events slower than %1 ms (LATENCY LATEST; history plotted on the chart).</source>
        <translation>服务器延迟监控：记录耗时超过 %1 毫秒的事件（LATENCY LATEST；历史记录绘制在图表中）。</translation>
    </message>
    <message>
        <source>The server&apos;s latency monitor is off (latency-monitor-threshold is 0).</source>
        <translation>服务器的延迟监控已关闭（latency-monitor-threshold 为 0）。</translation>
    </message>
    <message>
        <source>Enable latency monitor</source>
        <translation>启用延迟监控</translation>
    </message>
    <message>
        <source>The server will record events slower than this many milliseconds
(CONFIG SET latency-monitor-threshold). Threshold in ms:</source>
        <translation>服务器将记录耗时超过此毫秒数的事件
（CONFIG SET latency-monitor-threshold）。阈值（毫秒）：</translation>
    </message>
    <message>
        <source>Could not set the threshold: %1</source>
        <translation>无法设置阈值：%1</translation>
    </message>
</context>
<context>
    <name>redscope::LiveAnalysis</name>
    <message>
        <source>The cluster&apos;s slot map is not loaded yet</source>
        <translation>集群的槽映射尚未加载</translation>
    </message>
    <message>
        <source>The connection closed during the analysis</source>
        <translation>分析期间连接已关闭</translation>
    </message>
    <message>
        <source>Unexpected SCAN reply</source>
        <translation>意外的 SCAN 回复</translation>
    </message>
    <message>
        <source>The scan failed after %1 keys: %2</source>
        <translation>扫描 %1 个键后失败：%2</translation>
    </message>
    <message>
        <source>Stopped by the user after %1 of about %2 keys</source>
        <translation>已由用户停止，共扫描了约 %2 个键中的 %1 个</translation>
    </message>
    <message>
        <source>Scan in progress</source>
        <translation>扫描进行中</translation>
    </message>
</context>
<context>
    <name>redscope::LocalEngineBox</name>
    <message>
        <source>Local engine files</source>
        <translation>本地引擎文件</translation>
    </message>
    <message>
        <source>Export snapshot…</source>
        <translation>导出快照…</translation>
    </message>
    <message>
        <source>Import RDB file…</source>
        <translation>导入 RDB 文件…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Writes a fresh snapshot (BGSAVE) and copies it to a file</source>
        <translation>生成新快照（BGSAVE）并复制到文件</translation>
    </message>
    <message>
        <source>Replaces all data in the local engine with an RDB file, e.g. a Redis dump.rdb</source>
        <translation>用 RDB 文件（例如 Redis 的 dump.rdb）替换本地引擎中的全部数据</translation>
    </message>
    <message>
        <source>Disabled: this connection is read-only</source>
        <translation>已禁用：此连接为只读</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>No file manager could open %1</source>
        <translation>没有文件管理器能打开 %1</translation>
    </message>
    <message>
        <source>Export snapshot</source>
        <translation>导出快照</translation>
    </message>
    <message>
        <source>RDB snapshots (*.rdb);;All files (*)</source>
        <translation>RDB 快照 (*.rdb);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import RDB file</source>
        <translation>导入 RDB 文件</translation>
    </message>
    <message>
        <source>The embedded engine is not running in this window</source>
        <translation>此窗口中没有运行内置引擎</translation>
    </message>
    <message>
        <source>Replace ALL data in the local engine (every database) with the contents of %1?

The current data is discarded; export a snapshot first to keep it.</source>
        <translation>用 %1 的内容替换本地引擎中的全部数据（所有数据库）吗？

当前数据将被丢弃；如需保留，请先导出快照。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
</context>
<context>
    <name>redscope::LoopbackRelay</name>
    <message>
        <source>Cannot listen on a loopback port for the mirror: %1</source>
        <translation>无法为镜像在回环端口上监听：%1</translation>
    </message>
</context>
<context>
    <name>redscope::MainWindow</name>
    <message>
        <source>%1 · PROD</source>
        <translation>%1 · 生产</translation>
    </message>
    <message>
        <source>Production server: dangerous commands are confirmed</source>
        <translation>生产服务器：危险命令需要确认</translation>
    </message>
    <message>
        <source>No connection open</source>
        <translation>没有打开的连接</translation>
    </message>
    <message>
        <source>Local engine: %1</source>
        <translation>本地引擎：%1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>The engine is starting</source>
        <translation>引擎正在启动</translation>
    </message>
    <message>
        <source>The file that did not load was kept as %1</source>
        <translation>未能加载的文件已保留为 %1</translation>
    </message>
    <message>
        <source>Local engine — %1</source>
        <translation>本地引擎 — %1</translation>
    </message>
</context>
<context>
    <name>redscope::MessageExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>redscope::MessageModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>redscope::MirrorBanner</name>
    <message>
        <source>Stop mirror</source>
        <translation>停止镜像</translation>
    </message>
    <message>
        <source>Stop and keep the copied data</source>
        <translation>停止并保留已复制的数据</translation>
    </message>
    <message>
        <source>Stop and discard the copied data</source>
        <translation>停止并丢弃已复制的数据</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Copy instead…</source>
        <translation>改为复制…</translation>
    </message>
    <message>
        <source>Copy the server&apos;s keys into the Local engine with SCAN + DUMP/RESTORE, at a rate you set</source>
        <translation>按你设定的速率，用 SCAN + DUMP/RESTORE 将服务器的键复制到本地引擎</translation>
    </message>
</context>
<context>
    <name>redscope::MirrorController</name>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>The Local engine already mirrors %1. Stop that mirror first.</source>
        <translation>本地引擎已在镜像 %1。请先停止该镜像。</translation>
    </message>
    <message>
        <source>a server</source>
        <translation>某个服务器</translation>
    </message>
    <message>
        <source>Mirror into Local engine</source>
        <translation>镜像到本地引擎</translation>
    </message>
    <message>
        <source>%1 cannot be mirrored here. %2</source>
        <translation>无法在此镜像 %1。%2</translation>
    </message>
    <message>
        <source>Make the Local engine a live, read-only replica of %1?</source>
        <translation>让本地引擎成为 %1 的实时只读副本吗？</translation>
    </message>
    <message>
        <source>The server forks for a snapshot and keeps a replica output buffer while the mirror runs.</source>
        <translation>镜像运行期间，服务器会 fork 以生成快照，并保留副本输出缓冲区。</translation>
    </message>
    <message>
        <source>Start mirror</source>
        <translation>开始镜像</translation>
    </message>
    <message>
        <source>Mirror of %1 into the Local engine</source>
        <translation>%1 到本地引擎的镜像</translation>
    </message>
</context>
<context>
    <name>redscope::MirrorService</name>
    <message>
        <source>A throttled copy (SCAN + DUMP/RESTORE at a rate you set) is the way to bring its keys here: use the export/copy tools.</source>
        <translation>要把它的键带到这里，可以用限速复制（按你设定的速率执行 SCAN + DUMP/RESTORE）：请使用导出/复制工具。</translation>
    </message>
    <message>
        <source>The Local engine&apos;s current data (1 key) will be replaced.</source>
        <translation>本地引擎的当前数据（1 个键）将被替换。</translation>
    </message>
    <message>
        <source>The Local engine&apos;s current data (%1 keys) will be replaced.</source>
        <translation>本地引擎的当前数据（%1 个键）将被替换。</translation>
    </message>
    <message>
        <source>The Local engine&apos;s current data will be replaced.</source>
        <translation>本地引擎的当前数据将被替换。</translation>
    </message>
    <message>
        <source>The server uses %1 of memory; this machine has %2 available.</source>
        <translation>服务器使用了 %1 内存；本机可用 %2。</translation>
    </message>
    <message>
        <source>The server&apos;s data does not fit in this machine&apos;s available memory.</source>
        <translation>服务器的数据超出了本机的可用内存。</translation>
    </message>
    <message>
        <source>The connection is gone.</source>
        <translation>连接已断开。</translation>
    </message>
    <message>
        <source>The server did not answer INFO memory: %1</source>
        <translation>服务器没有应答 INFO memory：%1</translation>
    </message>
    <message>
        <source>A cluster cannot be mirrored into one Local engine: mirror one of its nodes instead.</source>
        <translation>集群无法镜像到单个本地引擎：请改为镜像其中一个节点。</translation>
    </message>
    <message>
        <source>A server reached through a Unix socket cannot be mirrored: the Local engine replicates over TCP.</source>
        <translation>通过 Unix 套接字访问的服务器无法镜像：本地引擎通过 TCP 复制。</translation>
    </message>
    <message>
        <source>Starting the mirror of %1…</source>
        <translation>正在开始镜像 %1…</translation>
    </message>
    <message>
        <source>makes the Local engine a replica of this server: the server forks for a snapshot and keeps a replica output buffer while the mirror runs</source>
        <translation>使本地引擎成为此服务器的副本：镜像运行期间，服务器会 fork 以生成快照，并保留副本输出缓冲区</translation>
    </message>
    <message>
        <source>Mirror not started: not confirmed.</source>
        <translation>未开始镜像：未确认。</translation>
    </message>
    <message>
        <source>The tunnel to the server failed: %1</source>
        <translation>到服务器的隧道失败：%1</translation>
    </message>
    <message>
        <source>The Local engine refused the credentials: %1</source>
        <translation>本地引擎拒绝了凭据：%1</translation>
    </message>
    <message>
        <source>The Local engine refused REPLICAOF: %1</source>
        <translation>本地引擎拒绝了 REPLICAOF：%1</translation>
    </message>
    <message>
        <source>Connecting the Local engine to %1…</source>
        <translation>正在将本地引擎连接到 %1…</translation>
    </message>
    <message>
        <source>The Local engine&apos;s connection is gone.</source>
        <translation>本地引擎的连接已断开。</translation>
    </message>
    <message>
        <source>Copying the snapshot: %1 of %2</source>
        <translation>正在复制快照：%1 / %2</translation>
    </message>
    <message>
        <source>Copying the snapshot: %1</source>
        <translation>正在复制快照：%1</translation>
    </message>
    <message>
        <source>Live, %1 behind</source>
        <translation>实时，落后 %1</translation>
    </message>
    <message>
        <source>Live, up to date</source>
        <translation>实时，已同步</translation>
    </message>
    <message>
        <source>Waiting for the server (link down)…</source>
        <translation>正在等待服务器（链接断开）…</translation>
    </message>
    <message>
        <source>%1 refuses replication: it has no SYNC/PSYNC command (renamed or disabled, as managed services do), so it cannot be mirrored. %2</source>
        <translation>%1 拒绝复制：它没有 SYNC/PSYNC 命令（被重命名或禁用，托管服务常这样做），因此无法镜像。%2</translation>
    </message>
    <message>
        <source>Tunnel: %1</source>
        <translation>隧道：%1</translation>
    </message>
    <message>
        <source>Stopping the mirror failed: %1</source>
        <translation>停止镜像失败：%1</translation>
    </message>
    <message>
        <source>Mirror stopped; the copied data was kept.</source>
        <translation>镜像已停止；已复制的数据已保留。</translation>
    </message>
    <message>
        <source>Mirror stopped; the copied data was discarded.</source>
        <translation>镜像已停止；已复制的数据已丢弃。</translation>
    </message>
    <message>
        <source>The Local engine has not reached %1 for %2 s (it keeps retrying). The server may be unreachable from this machine. %3</source>
        <translation>本地引擎已有 %2 秒未能连接到 %1（仍在重试）。可能无法从本机访问该服务器。%3</translation>
    </message>
    <message>
        <source>%1 refuses replication to this user: &quot;%2&quot;. Its ACL must allow SYNC, PSYNC and REPLCONF for the user the mirror connects as. %3</source>
        <translation>%1 拒绝向该用户复制：“%2”。其 ACL 必须允许镜像连接时所用的用户执行 SYNC、PSYNC 和 REPLCONF。%3</translation>
    </message>
    <message>
        <source>%1 is a replica that lost its own master and refuses to be synchronized until it is back: &quot;%2&quot;.</source>
        <translation>%1 是一个已失去自身主节点的副本，在主节点恢复之前拒绝被同步：“%2”。</translation>
    </message>
    <message>
        <source>%1 refused the credentials the Local engine replicates with (masteruser/masterauth): &quot;%2&quot;. %3</source>
        <translation>%1 拒绝了本地引擎用于复制的凭据（masteruser/masterauth）：“%2”。%3</translation>
    </message>
</context>
<context>
    <name>redscope::MirrorSnapshot</name>
    <message>
        <source>The Local engine is not connected</source>
        <translation>本地引擎未连接</translation>
    </message>
    <message>
        <source>Asking the Local engine for a snapshot of the mirror…</source>
        <translation>正在请求本地引擎生成镜像快照…</translation>
    </message>
    <message>
        <source>The Local engine did not name its data directory</source>
        <translation>本地引擎未告知其数据目录</translation>
    </message>
</context>
<context>
    <name>redscope::MonitorPanel</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Runs MONITOR on a separate connection. The server streams every command it executes, which costs it throughput.</source>
        <translation>在单独的连接上运行 MONITOR。服务器会推送它执行的每条命令，这会降低其吞吐量。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Filter lines</source>
        <translation>过滤行</translation>
    </message>
    <message>
        <source> · 1 line</source>
        <translation> · 1 行</translation>
    </message>
    <message>
        <source> · %1 lines</source>
        <translation> · %1 行</translation>
    </message>
    <message>
        <source> · %1 of %2 lines</source>
        <translation> · %1 / %2 行</translation>
    </message>
    <message>
        <source> · oldest %1 dropped (limit %2)</source>
        <translation> · 已丢弃最早的 %1 行（上限 %2）</translation>
    </message>
</context>
<context>
    <name>redscope::MonitorSession</name>
    <message>
        <source>Authentication failed: %1</source>
        <translation>认证失败：%1</translation>
    </message>
    <message>
        <source>The server refused MONITOR: %1</source>
        <translation>服务器拒绝了 MONITOR：%1</translation>
    </message>
    <message>
        <source>MONITOR connection to %1 lost: %2</source>
        <translation>与 %1 的 MONITOR 连接已断开：%2</translation>
    </message>
    <message>
        <source>Cannot start MONITOR on %1: %2</source>
        <translation>无法在 %1 上启动 MONITOR：%2</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>监视中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>redscope::NamespaceTableModel</name>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>With TTL</source>
        <translation>带 TTL</translation>
    </message>
</context>
<context>
    <name>redscope::NewKeyDialog</name>
    <message>
        <source>New key</source>
        <translation>新建键</translation>
    </message>
    <message>
        <source>No expiry</source>
        <translation>不过期</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
</context>
<context>
    <name>redscope::OfflineAnalysis</name>
    <message>
        <source>%1, mirrored in the Local engine</source>
        <translation>%1，已镜像到本地引擎</translation>
    </message>
    <message>
        <source>The file is damaged after %1 keys: %2</source>
        <translation>文件在 %1 个键之后损坏：%2</translation>
    </message>
    <message>
        <source>Stopped after %1 keys (%2% of the file)</source>
        <translation>在 %1 个键后停止（文件的 %2%）</translation>
    </message>
</context>
<context>
    <name>redscope::PasswordVault</name>
    <message>
        <source>Looking for the system keychain…</source>
        <translation>正在查找系统密钥环…</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keychain.</source>
        <translation>密码保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>No system keychain is available (%1).</source>
        <translation>没有可用的系统密钥环（%1）。</translation>
    </message>
    <message>
        <source>The system keychain is not used.</source>
        <translation>未使用系统密钥环。</translation>
    </message>
</context>
<context>
    <name>redscope::PersistencePanel</name>
    <message>
        <source>RDB snapshots</source>
        <translation>RDB 快照</translation>
    </message>
    <message>
        <source>Last save</source>
        <translation>上次保存</translation>
    </message>
    <message>
        <source>Last background save</source>
        <translation>上次后台保存</translation>
    </message>
    <message>
        <source>Changes since last save</source>
        <translation>上次保存后的变更</translation>
    </message>
    <message>
        <source>Background save</source>
        <translation>后台保存</translation>
    </message>
    <message>
        <source>Save points</source>
        <translation>保存点</translation>
    </message>
    <message>
        <source>RDB file</source>
        <translation>RDB 文件</translation>
    </message>
    <message>
        <source>Append-only file</source>
        <translation>追加文件</translation>
    </message>
    <message>
        <source>AOF</source>
        <translation>AOF</translation>
    </message>
    <message>
        <source>fsync policy</source>
        <translation>fsync 策略</translation>
    </message>
    <message>
        <source>Rewrite</source>
        <translation>重写</translation>
    </message>
    <message>
        <source>Last rewrite / write</source>
        <translation>上次重写 / 写入</translation>
    </message>
    <message>
        <source>AOF size</source>
        <translation>AOF 大小</translation>
    </message>
    <message>
        <source>AOF base (last rewrite)</source>
        <translation>AOF 基础文件（上次重写）</translation>
    </message>
    <message>
        <source>SAVE…</source>
        <translation>SAVE…</translation>
    </message>
    <message>
        <source>Synchronous save: blocks the server until done</source>
        <translation>同步保存：完成前阻塞服务器</translation>
    </message>
    <message>
        <source>BGSAVE</source>
        <translation>BGSAVE</translation>
    </message>
    <message>
        <source>BGREWRITEAOF</source>
        <translation>BGREWRITEAOF</translation>
    </message>
    <message>
        <source>Turn AOF on</source>
        <translation>开启 AOF</translation>
    </message>
    <message>
        <source>seconds changes pairs, e.g. 3600 1 300 100 60 10000</source>
        <translation>“秒数 变更数”成对，例如 3600 1 300 100 60 10000</translation>
    </message>
    <message>
        <source>Apply save points</source>
        <translation>应用保存点</translation>
    </message>
    <message>
        <source>appendfsync:</source>
        <translation>appendfsync：</translation>
    </message>
    <message>
        <source>Save points:</source>
        <translation>保存点：</translation>
    </message>
    <message>
        <source>Disabled: this connection is read-only</source>
        <translation>已禁用：此连接为只读</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>, took %1 s</source>
        <translation>，耗时 %1 秒</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Turn AOF off</source>
        <translation>关闭 AOF</translation>
    </message>
    <message>
        <source> (scheduled)</source>
        <translation>（已排期）</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>未报告</translation>
    </message>
    <message>
        <source>— (AOF off)</source>
        <translation>—（AOF 已关闭）</translation>
    </message>
    <message>
        <source>Background save running</source>
        <translation>后台保存进行中</translation>
    </message>
    <message>
        <source>AOF rewrite running</source>
        <translation>AOF 重写进行中</translation>
    </message>
    <message>
        <source> for %1 s</source>
        <translation>，已 %1 秒</translation>
    </message>
    <message>
        <source>: %1 of %2 keys</source>
        <translation>：%1 / %2 个键</translation>
    </message>
    <message>
        <source>on the server (size not reported)</source>
        <translation>位于服务器上（未报告大小）</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1 (not written yet)</source>
        <translation>%1（尚未写入）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Synchronous save</source>
        <translation>同步保存</translation>
    </message>
    <message>
        <source>SAVE blocks the server, and every client, until the snapshot is written. On a large dataset that can take seconds or more.

Use BGSAVE unless the server cannot fork. Run SAVE anyway?</source>
        <translation>SAVE 会阻塞服务器及所有客户端，直到快照写完。数据集较大时可能需要数秒甚至更久。

除非服务器无法 fork，否则请使用 BGSAVE。仍要执行 SAVE 吗？</translation>
    </message>
    <message>
        <source>AOF turned on</source>
        <translation>AOF 已开启</translation>
    </message>
    <message>
        <source>AOF turned off</source>
        <translation>AOF 已关闭</translation>
    </message>
    <message>
        <source>appendfsync is %1</source>
        <translation>appendfsync 为 %1</translation>
    </message>
    <message>
        <source>snapshots disabled</source>
        <translation>快照已关闭</translation>
    </message>
    <message>
        <source>save points: %1</source>
        <translation>保存点：%1</translation>
    </message>
</context>
<context>
    <name>redscope::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Applies to every window, view and chart at once.</source>
        <translation>立即应用到所有窗口、视图和图表。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Takes effect the next time Redscope starts.</source>
        <translation>下次启动 Redscope 时生效。</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>值</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Read a string whole up to</source>
        <translation>完整读取字符串的上限</translation>
    </message>
    <message>
        <source>Larger strings open at once in hex, read in ranges as you scroll; decoders that need the whole value ask first.</source>
        <translation>更大的字符串会立即以十六进制打开，随滚动分段读取；需要完整值的解码器会先询问。</translation>
    </message>
    <message>
        <source>Decoder rules…</source>
        <translation>解码器规则…</translation>
    </message>
    <message>
        <source>Which decoder opens the keys of a pattern, per connection</source>
        <translation>按连接设定某一模式的键用哪个解码器打开</translation>
    </message>
</context>
<context>
    <name>redscope::PubSubMessage</name>
    <message>
        <source>
… (%1 of %2 bytes shown)</source>
        <translation>
…（显示了 %2 字节中的 %1 字节）</translation>
    </message>
</context>
<context>
    <name>redscope::PubSubPanel</name>
    <message>
        <source>channel</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>message to publish</source>
        <translation>要发布的消息</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Publish to</source>
        <translation>发布到</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>channel, or pattern like news.*</source>
        <translation>频道，或 news.* 这样的模式</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>取消订阅</translation>
    </message>
    <message>
        <source>Keyspace events</source>
        <translation>键空间事件</translation>
    </message>
    <message>
        <source>Subscribe to __keyspace@N__:* for the current database; offers to enable notify-keyspace-events when the server has them off</source>
        <translation>订阅当前数据库的 __keyspace@N__:*；若服务器关闭了 notify-keyspace-events，会提示开启</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>频道</translation>
    </message>
    <message>
        <source>Subs</source>
        <translation>订阅数</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>条/秒</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Channels with subscribers on the server (PUBSUB CHANNELS) and channels messages arrived on. Double-click to subscribe.</source>
        <translation>服务器上有订阅者的频道（PUBSUB CHANNELS）以及收到过消息的频道。双击即可订阅。</translation>
    </message>
    <message>
        <source>Pattern subscriptions on the server (PUBSUB NUMPAT)</source>
        <translation>服务器上的模式订阅（PUBSUB NUMPAT）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Autoscroll</source>
        <translation>自动滚动</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>过滤</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Channel or payload</source>
        <translation>频道或内容</translation>
    </message>
    <message>
        <source>Keep </source>
        <translation>保留 </translation>
    </message>
    <message>
        <source>Messages kept in memory; the oldest are dropped from the table</source>
        <translation>内存中保留的消息数；最早的消息会从表格中移除</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>JSON Lines…</source>
        <translation>JSON Lines…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Select a message to see its full payload</source>
        <translation>选择一条消息以查看其完整内容</translation>
    </message>
    <message>
        <source>pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Channel: %1
</source>
        <translation>频道：%1
</translation>
    </message>
    <message>
        <source>Pattern: %1
</source>
        <translation>模式：%1
</translation>
    </message>
    <message>
        <source>Time:    %1
</source>
        <translation>时间：%1
</translation>
    </message>
    <message>
        <source>Size:    %1 bytes (%2)

</source>
        <translation>大小：%1 字节（%2）

</translation>
    </message>
    <message>
        <source>%1 messages shown, %2 kept of %3 received</source>
        <translation>显示 %1 条消息，已接收 %3 条，保留 %2 条</translation>
    </message>
    <message>
        <source> — paused, %1 waiting</source>
        <translation> — 已暂停，%1 条等待中</translation>
    </message>
    <message>
        <source>Resume (%1)</source>
        <translation>继续（%1）</translation>
    </message>
    <message>
        <source>All channels: %L1 msg/s</source>
        <translation>所有频道：%L1 条/秒</translation>
    </message>
    <message>
        <source>Patterns: %1</source>
        <translation>模式：%1</translation>
    </message>
    <message>
        <source>Enter a channel</source>
        <translation>请输入频道</translation>
    </message>
    <message numerus="yes">
        <source>delivered to %n subscriber(s)</source>
        <translation>
            <numerusform>已送达 %n 个订阅者</numerusform>
        </translation>
    </message>
    <message>
        <source>Keyspace notifications are off</source>
        <translation>键空间通知已关闭</translation>
    </message>
    <message>
        <source>This server does not publish keyspace events (notify-keyspace-events is &quot;%1&quot;), so nothing will arrive on __keyspace@…__ channels.

Enable them now with CONFIG SET notify-keyspace-events KEA? Every write then publishes a message, which costs some CPU on busy servers.</source>
        <translation>此服务器不发布键空间事件（notify-keyspace-events 为“%1”），因此 __keyspace@…__ 频道上不会收到任何消息。

现在用 CONFIG SET notify-keyspace-events KEA 开启吗？之后每次写入都会发布一条消息，在繁忙的服务器上会消耗一些 CPU。</translation>
    </message>
    <message>
        <source>Keyspace events enabled (KEA)</source>
        <translation>已开启键空间事件（KEA）</translation>
    </message>
    <message>
        <source>Could not enable keyspace events: %1</source>
        <translation>无法开启键空间事件：%1</translation>
    </message>
    <message>
        <source>Export messages</source>
        <translation>导出消息</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.ndjson)</source>
        <translation>JSON Lines (*.jsonl *.ndjson)</translation>
    </message>
    <message>
        <source>Exporting %1 messages to %2…</source>
        <translation>正在将 %1 条消息导出到 %2…</translation>
    </message>
    <message>
        <source>Exported %1 messages to %2</source>
        <translation>已将 %1 条消息导出到 %2</translation>
    </message>
    <message>
        <source> — %1 dropped from view (arrived faster than shown)</source>
        <translation> — 已从视图中丢弃 %1 条（到达速度快于显示速度）</translation>
    </message>
</context>
<context>
    <name>redscope::RateSparkline</name>
    <message>
        <source>%1s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>redscope::RedisConnection</name>
    <message>
        <source>Unknown host &apos;%1&apos;: %2</source>
        <translation>未知主机“%1”：%2</translation>
    </message>
    <message>
        <source>Out of memory creating a connection</source>
        <translation>创建连接时内存不足</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>Timed out after %1 ms connecting to %2</source>
        <translation>连接 %2 时在 %1 毫秒后超时</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Authentication failed</source>
        <translation>认证失败</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>the server stopped in the middle of a reply</source>
        <translation>服务器在回复中途停止</translation>
    </message>
    <message>
        <source>%1 requires a password (%2)</source>
        <translation>%1 需要密码（%2）</translation>
    </message>
    <message>
        <source>Authentication failed: %1</source>
        <translation>认证失败：%1</translation>
    </message>
    <message>
        <source>Cannot select database %1: %2</source>
        <translation>无法选择数据库 %1：%2</translation>
    </message>
    <message>
        <source>The server refused PING: %1</source>
        <translation>服务器拒绝了 PING：%1</translation>
    </message>
    <message>
        <source>Connection to %1 lost: %2</source>
        <translation>与 %1 的连接已断开：%2</translation>
    </message>
    <message>
        <source>Cannot load the cluster topology: %1</source>
        <translation>无法加载集群拓扑：%1</translation>
    </message>
    <message>
        <source>the sentinels switched the master to %1</source>
        <translation>哨兵已将主节点切换到 %1</translation>
    </message>
</context>
<context>
    <name>redscope::ReportBuilder</name>
    <message numerus="yes">
        <source>%Ln big key(s) hold %1</source>
        <translation>
            <numerusform>%Ln 个大键占用 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Keys of %1 or more, or collections of %2 or more elements. Big keys block the server while they are deleted, migrated or read whole; split them or delete with UNLINK.</source>
        <translation>大小为 %1 或以上的键，或元素数为 %2 或以上的集合。删除、迁移或整体读取大键时会阻塞服务器；请拆分它们，或用 UNLINK 删除。</translation>
    </message>
    <message>
        <source>The largest has %1 elements (limit %2).</source>
        <translation>最大的有 %1 个元素（上限 %2）。</translation>
    </message>
    <message>
        <source>The largest has %1 elements (limit %2), its longest item %3 bytes (limit %4).</source>
        <translation>最大的有 %1 个元素（上限 %2），最长的项为 %3 字节（上限 %4）。</translation>
    </message>
    <message>
        <source>A packed encoding costs O(N) per access: keep the limits in the hundreds.</source>
        <translation>紧凑编码每次访问的开销为 O(N)：请将上限保持在数百以内。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln hash(es) are just over the listpack limits; packed they would save about %1</source>
        <translation>
            <numerusform>%Ln 个哈希刚好超过 listpack 上限；改为紧凑编码约可节省 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln set(s) are just over the intset limits; packed they would save about %1</source>
        <translation>
            <numerusform>%Ln 个集合刚好超过 intset 上限；改为紧凑编码约可节省 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sorted set(s) are just over the listpack limits; packed they would save about %1</source>
        <translation>
            <numerusform>%Ln 个有序集合刚好超过 listpack 上限；改为紧凑编码约可节省 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln key(s) in &quot;%1&quot; have no TTL, where %2% of its keys expire</source>
        <translation>
            <numerusform>“%1”中有 %Ln 个键没有 TTL，而该命名空间中 %2% 的键会过期</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 keys in this namespace have an expiry; the others stay until deleted. A forgotten EXPIRE is a common leak.</source>
        <translation>此命名空间的 %2 个键中有 %1 个设置了过期时间；其余的键会一直保留到被删除。忘记设置 EXPIRE 是常见的内存泄漏原因。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln string(s) of %1 or more compress to %2% with zlib; about %3 could be saved</source>
        <translation>
            <numerusform>%Ln 个大小为 %1 或以上的字符串用 zlib 可压缩到 %2%；约可节省 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Sampled %1 of them (%2). Compressing in the client (zlib, LZ4, zstd) trades a little CPU for memory.</source>
        <translation>抽样了其中 %1 个（%2）。在客户端压缩（zlib、LZ4、zstd）以少量 CPU 换取内存。</translation>
    </message>
</context>
<context>
    <name>redscope::SampleData</name>
    <message>
        <source>This connection is read-only: sample data cannot be written</source>
        <translation>此连接为只读：无法写入示例数据</translation>
    </message>
    <message>
        <source>This connection is read-only: the sample publisher is off</source>
        <translation>此连接为只读：示例发布已关闭</translation>
    </message>
</context>
<context>
    <name>redscope::SentinelWatcher</name>
    <message>
        <source>no sentinel address given</source>
        <translation>未提供哨兵地址</translation>
    </message>
    <message>
        <source>No sentinel could name master &apos;%1&apos;: %2</source>
        <translation>没有哨兵能给出主节点“%1”：%2</translation>
    </message>
    <message>
        <source>unknown master name</source>
        <translation>未知的主节点名称</translation>
    </message>
</context>
<context>
    <name>redscope::ServerPanel</name>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Slowlog</source>
        <translation>慢日志</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Persistence</source>
        <translation>持久化</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>The cluster node that Info, Clients, Slowlog, Config, Functions, Persistence and Monitor show and change</source>
        <translation>“信息”“客户端”“慢日志”“配置”“函数”“持久化”和“监视”所显示和修改的集群节点</translation>
    </message>
</context>
<context>
    <name>redscope::Service</name>
    <message>
        <source>The cluster node that holds the key is not known yet</source>
        <translation>尚不知道持有该键的集群节点</translation>
    </message>
</context>
<context>
    <name>redscope::SlowlogModel</name>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>客户端名称</translation>
    </message>
</context>
<context>
    <name>redscope::SlowlogView</name>
    <message>
        <source> µs</source>
        <translation> 微秒</translation>
    </message>
    <message>
        <source>slowlog-log-slower-than: -1 logs nothing, 0 logs every command</source>
        <translation>slowlog-log-slower-than：-1 不记录，0 记录每条命令</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Reset log…</source>
        <translation>重置日志…</translation>
    </message>
    <message>
        <source>Disabled: this connection is read-only</source>
        <translation>已禁用：此连接为只读</translation>
    </message>
    <message>
        <source>Log commands slower than</source>
        <translation>记录慢于此值的命令</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 条记录</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source>Threshold set to %1 µs</source>
        <translation>阈值已设为 %1 微秒</translation>
    </message>
    <message>
        <source>Reset slow log</source>
        <translation>重置慢日志</translation>
    </message>
    <message>
        <source>Delete all slow log entries on the server?</source>
        <translation>删除服务器上的所有慢日志记录吗？</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The slow log is off.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;slowlog-log-slower-than is -1: set a threshold above to record slow commands.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;慢日志已关闭。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;slowlog-log-slower-than 为 -1：请在上方设置阈值以记录慢命令。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The slow log is empty.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;No command has taken longer than %1 (slowlog-log-slower-than) since the log was last reset.&lt;br&gt;Lower the threshold above to record faster commands; 0 records every command.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;慢日志为空。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;自上次重置以来，没有命令耗时超过 %1（slowlog-log-slower-than）。&lt;br&gt;降低上方的阈值可记录更快的命令；0 会记录每条命令。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>redscope::SnapshotExporter</name>
    <message>
        <source>Asking the engine for a fresh snapshot…</source>
        <translation>正在请求引擎生成新快照…</translation>
    </message>
    <message>
        <source>BGSAVE failed: %1</source>
        <translation>BGSAVE 失败：%1</translation>
    </message>
    <message>
        <source>Saving a snapshot…</source>
        <translation>正在保存快照…</translation>
    </message>
    <message>
        <source>INFO persistence failed: %1</source>
        <translation>INFO persistence 失败：%1</translation>
    </message>
    <message>
        <source>The snapshot is still being written after 10 minutes.</source>
        <translation>10 分钟后快照仍在写入。</translation>
    </message>
    <message>
        <source>The background save failed (rdb_last_bgsave_status: %1).</source>
        <translation>后台保存失败（rdb_last_bgsave_status：%1）。</translation>
    </message>
    <message>
        <source>Copying the snapshot…</source>
        <translation>正在复制快照…</translation>
    </message>
    <message>
        <source>Snapshot exported to %1 (%2 bytes).</source>
        <translation>快照已导出到 %1（%2 字节）。</translation>
    </message>
    <message>
        <source>No snapshot file at %1.</source>
        <translation>%1 处没有快照文件。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot replace %1.</source>
        <translation>无法替换 %1。</translation>
    </message>
</context>
<context>
    <name>redscope::SnapshotPuller</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Unexpected reply to SYNC: %1</source>
        <translation>SYNC 的意外回复：%1</translation>
    </message>
    <message>
        <source>Bad end-of-transfer mark</source>
        <translation>传输结束标记有误</translation>
    </message>
    <message>
        <source>Bad RDB size: %1</source>
        <translation>RDB 大小有误：%1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>redscope::SshForwarder</name>
    <message>
        <source>unknown key</source>
        <translation>未知密钥</translation>
    </message>
    <message>
        <source>%1 key %2</source>
        <translation>%1 密钥 %2</translation>
    </message>
    <message>
        <source>The SSH host key of %1 has CHANGED (now %2). Someone may be intercepting the connection; if the change is expected, remove the old key from %3.</source>
        <translation>%1 的 SSH 主机密钥已更改（现为 %2）。可能有人正在拦截连接；如果这一变化在预期之中，请从 %3 中删除旧密钥。</translation>
    </message>
    <message>
        <source>Cannot add the SSH host key of %1 to %2: %3</source>
        <translation>无法将 %1 的 SSH 主机密钥添加到 %2：%3</translation>
    </message>
    <message>
        <source>The SSH host key of %1 is unknown (%2): it is not in %3. Check the fingerprint and allow new host keys, or connect once with ssh.</source>
        <translation>%1 的 SSH 主机密钥未知（%2）：它不在 %3 中。请核对指纹并允许新的主机密钥，或先用 ssh 连接一次。</translation>
    </message>
    <message>
        <source>Cannot check the SSH host key of %1: %2</source>
        <translation>无法检查 %1 的 SSH 主机密钥：%2</translation>
    </message>
    <message>
        <source>SSH authentication failed: cannot read the private key %1 (missing file, not a key, or wrong passphrase)</source>
        <translation>SSH 认证失败：无法读取私钥 %1（文件不存在、不是密钥或口令错误）</translation>
    </message>
    <message>
        <source>SSH authentication failed for %1: %2</source>
        <translation>%1 的 SSH 认证失败：%2</translation>
    </message>
    <message>
        <source>poll failed: %1</source>
        <translation>poll 失败：%1</translation>
    </message>
    <message>
        <source>SSH write failed: %1</source>
        <translation>SSH 写入失败：%1</translation>
    </message>
    <message>
        <source>the SSH channel was closed by the server</source>
        <translation>服务器关闭了 SSH 通道</translation>
    </message>
    <message>
        <source>SSH read failed: %1</source>
        <translation>SSH 读取失败：%1</translation>
    </message>
    <message>
        <source>Out of memory starting an SSH session</source>
        <translation>启动 SSH 会话时内存不足</translation>
    </message>
    <message>
        <source>Cannot connect to the SSH server %1: %2</source>
        <translation>无法连接到 SSH 服务器 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open an SSH channel: %1</source>
        <translation>无法打开 SSH 通道：%1</translation>
    </message>
    <message>
        <source>The SSH server %1 cannot reach %2:%3: %4</source>
        <translation>SSH 服务器 %1 无法访问 %2:%3：%4</translation>
    </message>
</context>
<context>
    <name>redscope::StreamConsumersModel</name>
    <message>
        <source>Consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
</context>
<context>
    <name>redscope::StreamGroupsModel</name>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Last delivered</source>
        <translation>最后投递</translation>
    </message>
    <message>
        <source>Entries read</source>
        <translation>已读条目</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>滞后</translation>
    </message>
</context>
<context>
    <name>redscope::StreamGroupsPane</name>
    <message>
        <source>New group</source>
        <translation>新组</translation>
    </message>
    <message>
        <source>$ or id</source>
        <translation>$ 或 ID</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Set ID</source>
        <translation>设置 ID</translation>
    </message>
    <message>
        <source>New consumer</source>
        <translation>新消费者</translation>
    </message>
    <message>
        <source>ACK</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Claim to</source>
        <translation>认领给</translation>
    </message>
    <message>
        <source>Create a group named on the left, reading after the id</source>
        <translation>创建左侧命名的组，从该 ID 之后开始读取</translation>
    </message>
    <message>
        <source>Delete the selected group</source>
        <translation>删除所选组</translation>
    </message>
    <message>
        <source>Set the selected group&apos;s last delivered id</source>
        <translation>设置所选组的最后投递 ID</translation>
    </message>
    <message>
        <source>Create a consumer in the selected group</source>
        <translation>在所选组中创建消费者</translation>
    </message>
    <message>
        <source>Delete the selected consumer</source>
        <translation>删除所选消费者</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consumer groups&lt;/b&gt;</source>
        <translation>&lt;b&gt;消费者组&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Pending entries&lt;/b&gt;</source>
        <translation>&lt;b&gt;待处理条目&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consumers&lt;/b&gt; (select a group)</source>
        <translation>&lt;b&gt;消费者&lt;/b&gt;（请选择一个组）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consumers of %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 的消费者&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Name the new group first</source>
        <translation>请先为新组命名</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除组</translation>
    </message>
    <message>
        <source>Delete the consumer group %1 of %2, with its consumers and its pending entries list?</source>
        <translation>删除 %2 的消费者组 %1，连同其消费者和待处理条目列表吗？</translation>
    </message>
    <message>
        <source>Set group ID</source>
        <translation>设置组 ID</translation>
    </message>
    <message>
        <source>Set the last delivered id of %1 to %2? Entries after it will be delivered (again) to the group&apos;s readers.</source>
        <translation>将 %1 的最后投递 ID 设为 %2 吗？其后的条目将（再次）投递给该组的读取者。</translation>
    </message>
    <message>
        <source>Name the new consumer first</source>
        <translation>请先为新消费者命名</translation>
    </message>
    <message>
        <source>Delete consumer</source>
        <translation>删除消费者</translation>
    </message>
    <message>
        <source>Delete the consumer %1 of %2? Its pending entries are dropped from the group&apos;s pending entries list.</source>
        <translation>删除 %2 的消费者 %1 吗？其待处理条目将从组的待处理条目列表中移除。</translation>
    </message>
    <message>
        <source>Acknowledge entries</source>
        <translation>确认条目</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledge %n pending entries of %1? They leave the pending entries list without being processed.</source>
        <translation>
            <numerusform>确认 %1 的 %n 个待处理条目吗？它们将在未经处理的情况下离开待处理条目列表。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redscope::StreamPendingModel</name>
    <message>
        <source>Pending entry</source>
        <translation>待处理条目</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>投递次数</translation>
    </message>
</context>
<context>
    <name>redscope::StringValueView</name>
    <message>
        <source>not an object or an array</source>
        <translation>不是对象或数组</translation>
    </message>
    <message>
        <source>%1 at line %2, column %3</source>
        <translation>%1，位于第 %2 行第 %3 列</translation>
    </message>
    <message>
        <source>not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>… %1 more bytes not shown
</source>
        <translation>… 还有 %1 字节未显示
</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>View as</source>
        <translation>查看方式</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Formatting…</source>
        <translation>正在格式化…</translation>
    </message>
    <message>
        <source>Valid JSON (edit in Text view)</source>
        <translation>有效的 JSON（请在“文本”视图中编辑）</translation>
    </message>
    <message>
        <source>Binary value: shown read-only</source>
        <translation>二进制值：只读显示</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>无效的 JSON：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Decoded</source>
        <translation>已解码</translation>
    </message>
    <message>
        <source>Compression, MessagePack, Protobuf, pickle, PHP, images, custom commands, hex and bits of any size</source>
        <translation>压缩、MessagePack、Protobuf、pickle、PHP、图像、自定义命令，以及任意大小值的十六进制和位视图</translation>
    </message>
    <message>
        <source>Large value: read in ranges</source>
        <translation>大值：分段读取</translation>
    </message>
    <message>
        <source>Read the whole value</source>
        <translation>读取完整的值</translation>
    </message>
    <message>
        <source>This decoder needs the whole value: %1 will be read into memory. Go on?</source>
        <translation>此解码器需要完整的值：将把 %1 读入内存。是否继续？</translation>
    </message>
    <message>
        <source>%1 remembered for keys matching %2</source>
        <translation>已为匹配 %2 的键记住 %1</translation>
    </message>
    <message>
        <source>, compressed with %1</source>
        <translation>，以 %1 压缩</translation>
    </message>
    <message>
        <source>The value was detected as %1%2, not chosen. Save it encoded that way?</source>
        <translation>该值是自动检测为 %1%2 的，并非你所选择。要按此编码保存吗？</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Decoded → Hex shows all of it, and edits it</source>
        <translation>“已解码 → 十六进制”可显示全部内容并进行编辑</translation>
    </message>
    <message>
        <source>A read-only dump: Decoded → Hex edits the bytes</source>
        <translation>只读转储：在“已解码 → 十六进制”中可编辑字节</translation>
    </message>
    <message>
        <source>Value changed on the server</source>
        <translation>值已在服务器上被修改</translation>
    </message>
    <message>
        <source>The key &quot;%1&quot; was deleted on the server since it was read.</source>
        <translation>读取后键“%1”已在服务器上被删除。</translation>
    </message>
    <message>
        <source>The bytes of &quot;%1&quot; at offset %L2 changed on the server since they were read.</source>
        <translation>读取后“%1”在偏移 %L2 处的字节已在服务器上被修改。</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; changed on the server since it was read.</source>
        <translation>读取后“%1”的值已在服务器上被修改。</translation>
    </message>
    <message>
        <source>Not saved: the value changed on the server</source>
        <translation>未保存：该值已在服务器上被修改</translation>
    </message>
</context>
<context>
    <name>redscope::Subscriber</name>
    <message>
        <source>Authentication failed: %1</source>
        <translation>认证失败：%1</translation>
    </message>
    <message>
        <source>The server dropped the subscriber because its output buffer went over client-output-buffer-limit pubsub%1. Messages published while it was disconnected were lost.</source>
        <translation>服务器断开了订阅者，因为其输出缓冲区超过了 client-output-buffer-limit pubsub%1。断开期间发布的消息已丢失。</translation>
    </message>
    <message>
        <source> while about %1 messages/s were arriving</source>
        <translation>，当时每秒约有 %1 条消息到达</translation>
    </message>
    <message>
        <source>The server closed the subscriber connection (%1)%2. Servers do this when a subscriber&apos;s output buffer goes over client-output-buffer-limit pubsub%3. Messages published while it was disconnected were lost.</source>
        <translation>服务器关闭了订阅者连接（%1）%2。当订阅者的输出缓冲区超过 client-output-buffer-limit pubsub%3 时，服务器会这样做。断开期间发布的消息已丢失。</translation>
    </message>
    <message>
        <source>Cannot subscribe on %1: %2</source>
        <translation>无法在 %1 上订阅：%2</translation>
    </message>
    <message>
        <source>Subscriber connection to %1 lost: %2</source>
        <translation>与 %1 的订阅连接已断开：%2</translation>
    </message>
    <message>
        <source>Subscriber connection to %1 lost: %2; reconnecting</source>
        <translation>与 %1 的订阅连接已断开：%2；正在重新连接</translation>
    </message>
    <message>
        <source>Not subscribed</source>
        <translation>未订阅</translation>
    </message>
    <message>
        <source>Subscribing</source>
        <translation>正在订阅</translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation>已订阅</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>redscope::SystemColorScheme</name>
    <message>
        <source>no D-Bus session bus</source>
        <translation>没有 D-Bus 会话总线</translation>
    </message>
</context>
<context>
    <name>redscope::ThemeManager</name>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>The desktop asks for a dark style (freedesktop portal, org.freedesktop.appearance color-scheme).</source>
        <translation>桌面要求深色风格（freedesktop 门户，org.freedesktop.appearance color-scheme）。</translation>
    </message>
    <message>
        <source>The desktop asks for a light style (freedesktop portal, org.freedesktop.appearance color-scheme).</source>
        <translation>桌面要求浅色风格（freedesktop 门户，org.freedesktop.appearance color-scheme）。</translation>
    </message>
    <message>
        <source>The desktop states no preference (freedesktop portal): following the platform palette, which is %1.</source>
        <translation>桌面未指定偏好（freedesktop 门户）：跟随平台调色板，当前为%1。</translation>
    </message>
    <message>
        <source>Asking the desktop for its colour scheme…</source>
        <translation>正在向桌面查询配色方案…</translation>
    </message>
    <message>
        <source>No desktop portal answered (%1): following the platform palette, which is %2.</source>
        <translation>没有桌面门户应答（%1）：跟随平台调色板，当前为%2。</translation>
    </message>
</context>
<context>
    <name>redscope::TimeFormat</name>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>in the future</source>
        <translation>未来时间</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation>%1 小时 %2 分钟前</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation>1 天前</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
</context>
<context>
    <name>redscope::TopKeysModel</name>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>%1, an estimate: MEMORY USAGE sampled part of its elements</source>
        <translation>%1，估算值：MEMORY USAGE 只采样了部分元素</translation>
    </message>
</context>
<context>
    <name>redscope::Transfer</name>
    <message>
        <source>%1 (db %2)</source>
        <translation>%1（db %2）</translation>
    </message>
    <message>
        <source>%1 db %2</source>
        <translation>%1 db %2</translation>
    </message>
    <message>
        <source>line 1: the file is empty</source>
        <translation>第 1 行：文件为空</translation>
    </message>
    <message>
        <source>line 1: expected the header key,type,field,value,ttl_ms (or expire_at_ms)</source>
        <translation>第 1 行：应为表头 key,type,field,value,ttl_ms（或 expire_at_ms）</translation>
    </message>
    <message>
        <source>line %1, %2</source>
        <translation>第 %1 行，%2</translation>
    </message>
    <message>
        <source>expected 5 cells, found %1</source>
        <translation>应为 5 个单元格，实际为 %1 个</translation>
    </message>
    <message>
        <source>invalid base64 cell</source>
        <translation>无效的 base64 单元格</translation>
    </message>
    <message>
        <source>type &quot;%1&quot;: CSV holds strings and hashes</source>
        <translation>类型“%1”：CSV 只容纳字符串和哈希</translation>
    </message>
    <message>
        <source>the TTL &quot;%1&quot; is not a non-negative integer</source>
        <translation>TTL“%1”不是非负整数</translation>
    </message>
    <message>
        <source>line %1: a quoted cell is never closed</source>
        <translation>第 %1 行：带引号的单元格没有闭合</translation>
    </message>
    <message>
        <source>%1: a %2 does not fit %3</source>
        <translation>%1：%2 无法放入 %3</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>byte offset %1</source>
        <translation>字节偏移 %1</translation>
    </message>
    <message>
        <source>%1: %2 is not a data write; refused</source>
        <translation>%1：%2 不是数据写入命令；已拒绝</translation>
    </message>
    <message>
        <source>%1: %2 without a key</source>
        <translation>%1：%2 缺少键</translation>
    </message>
    <message>
        <source>The file is not valid (%1); nothing was written.</source>
        <translation>文件无效（%1）；未写入任何内容。</translation>
    </message>
    <message>
        <source>%1 problem(s) in the file, the first: %2. Nothing was written.</source>
        <translation>文件中有 %1 个问题，第一个：%2。未写入任何内容。</translation>
    </message>
    <message>
        <source>The key &quot;%1&quot; already exists (conflict policy: fail); nothing was written.</source>
        <translation>键“%1”已存在（冲突策略：失败）；未写入任何内容。</translation>
    </message>
    <message>
        <source>command %1 (%2): %3</source>
        <translation>命令 %1（%2）：%3</translation>
    </message>
    <message>
        <source>The server refused command %1: %2</source>
        <translation>服务器拒绝了第 %1 条命令：%2</translation>
    </message>
    <message>
        <source>invalid base64</source>
        <translation>无效的 base64</translation>
    </message>
    <message>
        <source>expected a string or {&quot;base64&quot;: ...}</source>
        <translation>应为字符串或 {&quot;base64&quot;: ...}</translation>
    </message>
    <message>
        <source>&quot;value&quot; must be an array of pairs</source>
        <translation>&quot;value&quot; 必须是由值对组成的数组</translation>
    </message>
    <message>
        <source>element %1 of &quot;value&quot; is not a pair</source>
        <translation>&quot;value&quot; 的第 %1 个元素不是值对</translation>
    </message>
    <message>
        <source>element %1: %2</source>
        <translation>第 %1 个元素：%2</translation>
    </message>
    <message>
        <source>element %1: the score must be a number</source>
        <translation>第 %1 个元素：分数必须是数字</translation>
    </message>
    <message>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>&quot;key&quot; is missing</source>
        <translation>缺少 &quot;key&quot;</translation>
    </message>
    <message>
        <source>&quot;key&quot;: %1</source>
        <translation>&quot;key&quot;：%1</translation>
    </message>
    <message>
        <source>unknown &quot;type&quot;: &quot;%1&quot;</source>
        <translation>未知的 &quot;type&quot;：&quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-negative integer</source>
        <translation>&quot;%1&quot; 必须是非负整数</translation>
    </message>
    <message>
        <source>&quot;value&quot; is missing</source>
        <translation>缺少 &quot;value&quot;</translation>
    </message>
    <message>
        <source>&quot;value&quot;: %1</source>
        <translation>&quot;value&quot;：%1</translation>
    </message>
    <message>
        <source>&quot;value&quot; must be a non-empty array</source>
        <translation>&quot;value&quot; 必须是非空数组</translation>
    </message>
    <message>
        <source>element %1 of &quot;value&quot;: %2</source>
        <translation>&quot;value&quot; 的第 %1 个元素：%2</translation>
    </message>
    <message>
        <source>&quot;value&quot; is empty</source>
        <translation>&quot;value&quot; 为空</translation>
    </message>
    <message>
        <source>&quot;value&quot; must be a non-empty array of entries</source>
        <translation>&quot;value&quot; 必须是由条目组成的非空数组</translation>
    </message>
    <message>
        <source>entry %1: &quot;id&quot; must be &quot;ms-seq&quot;</source>
        <translation>第 %1 个条目：&quot;id&quot; 必须为 &quot;ms-seq&quot;</translation>
    </message>
    <message>
        <source>entry %1: %2</source>
        <translation>第 %1 个条目：%2</translation>
    </message>
    <message>
        <source>SCAN failed: %1</source>
        <translation>SCAN 失败：%1</translation>
    </message>
    <message>
        <source>unexpected scan reply</source>
        <translation>意外的 SCAN 回复</translation>
    </message>
    <message>
        <source>type %1 cannot be read</source>
        <translation>无法读取类型 %1</translation>
    </message>
    <message>
        <source>The key &quot;%1&quot; already exists (conflict policy: fail)</source>
        <translation>键“%1”已存在（冲突策略：失败）</translation>
    </message>
    <message>
        <source>The server refused the key &quot;%1&quot;: %2</source>
        <translation>服务器拒绝了键“%1”：%2</translation>
    </message>
    <message>
        <source>byte offset %1: key &quot;%2&quot; is a module value (%3), skipped</source>
        <translation>字节偏移 %1：键“%2”是模块值（%3），已跳过</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>CSV (strings and hashes)</source>
        <translation>CSV（字符串和哈希）</translation>
    </message>
    <message>
        <source>RESP commands (redis-cli --pipe)</source>
        <translation>RESP 命令（redis-cli --pipe）</translation>
    </message>
    <message>
        <source>RDB file (dump.rdb)</source>
        <translation>RDB 文件（dump.rdb）</translation>
    </message>
    <message>
        <source>redis-cli command lines</source>
        <translation>redis-cli 命令行</translation>
    </message>
    <message>
        <source>%1 keys done</source>
        <translation>已完成 %1 个键</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation>，共 %1 个</translation>
    </message>
    <message>
        <source>%1 of %2 commands</source>
        <translation>命令 %1 / %2</translation>
    </message>
    <message>
        <source>%1 equal, %2 only in A, %3 only in B, %4 different</source>
        <translation>%1 个相同，%2 个仅在 A 中，%3 个仅在 B 中，%4 个不同</translation>
    </message>
    <message>
        <source>would create %1, would replace %2</source>
        <translation>将创建 %1 个，将替换 %2 个</translation>
    </message>
    <message>
        <source>%1 skipped</source>
        <translation>跳过 %1 个</translation>
    </message>
    <message>
        <source>%1 already expired</source>
        <translation>%1 个已过期</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>失败 %1 个</translation>
    </message>
    <message>
        <source>rebuilt type by type (RESTORE not accepted)</source>
        <translation>已按类型逐个重建（不接受 RESTORE）</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Cancelled: </source>
        <translation>已取消：</translation>
    </message>
    <message>
        <source>Stopped: %1
</source>
        <translation>已停止：%1
</translation>
    </message>
    <message>
        <source>
Resume starts at record %1.</source>
        <translation>
继续时将从第 %1 条记录开始。</translation>
    </message>
    <message>
        <source>Export to %1 is not offered</source>
        <translation>不支持导出为 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
    <message>
        <source>Cannot rename to %1: %2</source>
        <translation>无法重命名为 %1：%2</translation>
    </message>
    <message>
        <source>this format holds keys, not commands</source>
        <translation>此格式保存的是键，而不是命令</translation>
    </message>
    <message>
        <source>byte offset %1: %2</source>
        <translation>字节偏移 %1：%2</translation>
    </message>
    <message>
        <source>bad argument count</source>
        <translation>参数个数有误</translation>
    </message>
    <message>
        <source>bad bulk string length %1</source>
        <translation>批量字符串长度 %1 有误</translation>
    </message>
    <message>
        <source>the file ends inside an argument</source>
        <translation>文件在参数中间结束</translation>
    </message>
    <message>
        <source>expected CRLF after a %1-byte argument</source>
        <translation>%1 字节的参数之后应为 CRLF</translation>
    </message>
    <message>
        <source>expected &apos;%1&apos;, found byte 0x%2</source>
        <translation>应为“%1”，实际为字节 0x%2</translation>
    </message>
    <message>
        <source>the file ends inside a command</source>
        <translation>文件在命令中间结束</translation>
    </message>
    <message>
        <source>a length line without CRLF</source>
        <translation>长度行缺少 CRLF</translation>
    </message>
    <message>
        <source>not a number after &apos;%1&apos;</source>
        <translation>“%1”之后不是数字</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>no command</source>
        <translation>没有命令</translation>
    </message>
    <message>
        <source>%1, db %2</source>
        <translation>%1，db %2</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>The connection to %1 was lost: %2</source>
        <translation>与 %1 的连接已断开：%2</translation>
    </message>
    <message>
        <source>No link to cluster node %1</source>
        <translation>没有到集群节点 %1 的连接</translation>
    </message>
    <message>
        <source>type: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <source>ttl: %1 ms</source>
        <translation>TTL：%1 毫秒</translation>
    </message>
    <message>
        <source>ttl: none</source>
        <translation>TTL：无</translation>
    </message>
    <message>
        <source>(module value)</source>
        <translation>（模块值）</translation>
    </message>
    <message>
        <source>… %1 more elements not shown</source>
        <translation>… 还有 %1 个元素未显示</translation>
    </message>
    <message>
        <source>elements: %1</source>
        <translation>元素数：%1</translation>
    </message>
    <message>
        <source>(not connected)</source>
        <translation>（未连接）</translation>
    </message>
    <message>
        <source>(no such key)</source>
        <translation>（键不存在）</translation>
    </message>
    <message>
        <source>(DUMP refused: %1)</source>
        <translation>（DUMP 被拒绝：%1）</translation>
    </message>
    <message>
        <source>(cannot decode: %1)</source>
        <translation>（无法解码：%1）</translation>
    </message>
    <message>
        <source>(no such key in the file)</source>
        <translation>（文件中没有此键）</translation>
    </message>
</context>
<context>
    <name>redscope::TransferProgress</name>
    <message>
        <source>Problems found in the file or refused by the server are listed here.</source>
        <translation>文件中发现的问题或被服务器拒绝的内容会列在这里。</translation>
    </message>
    <message>
        <source>Working… %1</source>
        <translation>正在处理… %1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 以及另外 %1 个</translation>
    </message>
</context>
<context>
    <name>redscope::TreemapWidget</name>
    <message>
        <source>No keys</source>
        <translation>无键</translation>
    </message>
    <message>
        <source>(keys here)</source>
        <translation>（此处的键）</translation>
    </message>
    <message>
        <source>%1
%2 keys, %3 (%4% of all)</source>
        <translation>%1
%2 个键，%3（占全部的 %4%）</translation>
    </message>
    <message>
        <source>Keys directly in %1</source>
        <translation>直接位于 %1 下的键</translation>
    </message>
    <message>
        <source>the root</source>
        <translation>根</translation>
    </message>
</context>
<context>
    <name>redscope::Ttl</name>
    <message>
        <source>No limit</source>
        <translation>不过期</translation>
    </message>
    <message>
        <source>Gone</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
</context>
<context>
    <name>redscope::Tunnel</name>
    <message>
        <source>Cannot create a private directory for the tunnel socket: %1</source>
        <translation>无法为隧道套接字创建私有目录：%1</translation>
    </message>
    <message>
        <source>Cannot create a socket pair for the SSH tunnel: %1</source>
        <translation>无法为 SSH 隧道创建套接字对：%1</translation>
    </message>
    <message>
        <source>the SSH channel closed</source>
        <translation>SSH 通道已关闭</translation>
    </message>
    <message>
        <source>TLS is not available: Qt found no OpenSSL library</source>
        <translation>TLS 不可用：Qt 未找到 OpenSSL 库</translation>
    </message>
    <message>
        <source>Cannot read CA certificates (PEM) from %1</source>
        <translation>无法从 %1 读取 CA 证书（PEM）</translation>
    </message>
    <message>
        <source>A TLS client certificate needs both the certificate and the key file</source>
        <translation>TLS 客户端证书需要同时提供证书和密钥文件</translation>
    </message>
    <message>
        <source>Cannot read a client certificate (PEM) from %1</source>
        <translation>无法从 %1 读取客户端证书（PEM）</translation>
    </message>
    <message>
        <source>Cannot read the client key %1: %2</source>
        <translation>无法读取客户端密钥 %1：%2</translation>
    </message>
    <message>
        <source>%1 holds no private key that can be read (PEM, RSA/EC, not encrypted)</source>
        <translation>%1 中没有可读取的私钥（PEM、RSA/EC、未加密）</translation>
    </message>
    <message>
        <source>TLS certificate verification is off for %1</source>
        <translation>%1 的 TLS 证书验证已关闭</translation>
    </message>
    <message>
        <source>TLS certificate of %1 NOT verified (verification is off): %2</source>
        <translation>%1 的 TLS 证书未经验证（验证已关闭）：%2</translation>
    </message>
    <message>
        <source>the server closed the TLS connection</source>
        <translation>服务器关闭了 TLS 连接</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS 握手失败：%1</translation>
    </message>
    <message>
        <source>TLS connection to %1 failed: %2</source>
        <translation>到 %1 的 TLS 连接失败：%2</translation>
    </message>
    <message>
        <source>Unknown host &apos;%1&apos;</source>
        <translation>未知主机“%1”</translation>
    </message>
    <message>
        <source>Cannot connect to %1: Connection refused</source>
        <translation>无法连接到 %1：连接被拒绝</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>TLS over SSH failed: %1</source>
        <translation>经由 SSH 的 TLS 失败：%1</translation>
    </message>
    <message>
        <source>Cannot listen on the tunnel socket %1: %2</source>
        <translation>无法在隧道套接字 %1 上监听：%2</translation>
    </message>
</context>
<context>
    <name>redscope::ValuePanel</name>
    <message>
        <source>TTL: %1</source>
        <translation>TTL：%1</translation>
    </message>
    <message>
        <source>Select a key to see its value.</source>
        <translation>选择一个键以查看其值。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the key name to the clipboard</source>
        <translation>将键名复制到剪贴板</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the key (RENAMENX)</source>
        <translation>重命名键（RENAMENX）</translation>
    </message>
    <message>
        <source>TTL…</source>
        <translation>TTL…</translation>
    </message>
    <message>
        <source>Expire the key after some seconds</source>
        <translation>让键在若干秒后过期</translation>
    </message>
    <message>
        <source>Persist</source>
        <translation>持久化</translation>
    </message>
    <message>
        <source>Clear the TTL: keep the key forever (PERSIST)</source>
        <translation>清除 TTL：永久保留该键（PERSIST）</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Read the value again</source>
        <translation>重新读取值</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the key</source>
        <translation>删除该键</translation>
    </message>
    <message>
        <source>1 key</source>
        <translation>1 个键</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 个键</translation>
    </message>
    <message>
        <source>Folder &quot;%1&quot;: %2 in its subtree.
Select a key to see its value.</source>
        <translation>文件夹“%1”：其子树中有 %2。
选择一个键以查看其值。</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>The key &quot;%1&quot; expired.</source>
        <translation>键“%1”已过期。</translation>
    </message>
    <message>
        <source>The key &quot;%1&quot; no longer exists.</source>
        <translation>键“%1”已不存在。</translation>
    </message>
    <message>
        <source>Values of type &quot;%1&quot; cannot be shown yet.</source>
        <translation>暂时无法显示“%1”类型的值。</translation>
    </message>
    <message>
        <source>Delete key</source>
        <translation>删除键</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot;? This cannot be undone.</source>
        <translation>删除“%1”吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Rename key</source>
        <translation>重命名键</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Not renamed: a key named &quot;%1&quot; already exists.</source>
        <translation>未重命名：名为“%1”的键已存在。</translation>
    </message>
    <message>
        <source>Set TTL</source>
        <translation>设置 TTL</translation>
    </message>
    <message>
        <source>Seconds until &quot;%1&quot; expires:</source>
        <translation>“%1”距离过期的秒数：</translation>
    </message>
    <message>
        <source>The key no longer exists.</source>
        <translation>该键已不存在。</translation>
    </message>
    <message>
        <source>Decoders…</source>
        <translation>解码器…</translation>
    </message>
    <message>
        <source>The decoder rules: which decoder opens the keys of a pattern</source>
        <translation>解码器规则：某一模式的键用哪个解码器打开</translation>
    </message>
</context>
<context>
    <name>redscope::WindowMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>新建连接(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Import connections…</source>
        <translation>导入连接(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export connections…</source>
        <translation>导出连接(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>控制台(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Pub/Sub</source>
        <translation>发布/订阅(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表盘(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Filter keys</source>
        <translation>过滤键(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go to key…</source>
        <translation>转到键(&amp;G)…</translation>
    </message>
    <message>
        <source>Connections &amp;sidebar</source>
        <translation>连接侧栏(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Scan the keys again, or retry a failed connection</source>
        <translation>重新扫描键，或重试失败的连接</translation>
    </message>
    <message>
        <source>&amp;Edit connection…</source>
        <translation>编辑连接(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Mirror into Local engine…</source>
        <translation>镜像到本地引擎(&amp;M)…</translation>
    </message>
    <message>
        <source>Make the Local engine a live read-only replica of this server</source>
        <translation>让本地引擎成为此服务器的实时只读副本</translation>
    </message>
    <message>
        <source>&amp;Next tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous tab</source>
        <translation>上一个标签页(&amp;P)</translation>
    </message>
    <message>
        <source>C&amp;lose tab</source>
        <translation>关闭标签页(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Redscope</source>
        <translation>关于 Redscope(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>&amp;Analyse dump.rdb…</source>
        <translation>分析 dump.rdb(&amp;A)…</translation>
    </message>
    <message>
        <source>E&amp;xport keys…</source>
        <translation>导出键(&amp;X)…</translation>
    </message>
    <message>
        <source>I&amp;mport keys…</source>
        <translation>导入键(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Copy keys to…</source>
        <translation>复制键到(&amp;C)…</translation>
    </message>
    <message>
        <source>Co&amp;mpare databases…</source>
        <translation>比较数据库(&amp;M)…</translation>
    </message>
    <message>
        <source>Analyse dump.rdb</source>
        <translation>分析 dump.rdb</translation>
    </message>
    <message>
        <source>Redis snapshots (*.rdb);;All files (*)</source>
        <translation>Redis 快照 (*.rdb);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Analysis of %1</source>
        <translation>%1 的分析</translation>
    </message>
    <message>
        <source>Re&amp;start local engine</source>
        <translation>重启本地引擎(&amp;S)</translation>
    </message>
    <message>
        <source>Start the stopped Local engine again on the same data directory</source>
        <translation>在同一数据目录上重新启动已停止的本地引擎</translation>
    </message>
</context>
</TS>
