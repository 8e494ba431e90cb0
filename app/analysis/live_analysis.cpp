// One walk per server (one for a single server, one per master on a cluster). Before the
// scan: CONFIG GET for the eviction policy and the encoding limits, INFO keyspace for the
// databases, then the baseline PINGs one at a time. A batch is up to four round trips:
// SCAN alone (its time is the latency sample), then per key TYPE, MEMORY USAGE, PTTL,
// OBJECT ENCODING and OBJECT FREQ/IDLETIME pipelined, then the lengths (STRLEN, LLEN, SCARD,
// ZCARD, HLEN, XLEN by type) pipelined, then, only for collections near a packed limit,
// their items. The next SCAN waits so that the walk's average stays at its rate (a fetched
// collection counts as one key per 16 items). Keys deleted between SCAN and TYPE are skipped.
#include "analysis/live_analysis.h"

#include "cluster/cluster_router.h"
#include "connection/redis_connection.h"

#include <QTimer>

#include <algorithm>

namespace redscope {

struct LiveAnalysis::KeyReplies
{
    int db = 0;
    QList<QByteArray> keys;
    QList<RedisValue> type, memory, pttl, encoding, usage, length, items;
    int pending = 0;
    quint64 fetchedItems = 0;
};

namespace {

constexpr double kMinRate = 50;
constexpr size_t kLatencyWindow = 5;       // SCAN round trips a decision looks at
constexpr double kLatencyFloorMs = 1.0;    // the back-off limit's floor
constexpr quint64 kFetchCeiling = 1 << 20; // no candidate fetch for a value above 1 MiB

QByteArray lengthCommand(KeyType type)
{
    switch (type) {
    case KeyType::String:
        return "STRLEN";
    case KeyType::List:
        return "LLEN";
    case KeyType::Set:
        return "SCARD";
    case KeyType::SortedSet:
        return "ZCARD";
    case KeyType::Hash:
        return "HLEN";
    case KeyType::Stream:
        return "XLEN";
    default:
        return {};
    }
}

// "db0:keys=12,expires=3,avg_ttl=0" lines: the databases that hold keys, and the sum.
std::vector<int> keyspaceDbs(const QByteArray &info, quint64 *keys)
{
    std::vector<int> dbs;
    for (const QByteArray &raw : info.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (!line.startsWith("db")) continue;
        const int colon = line.indexOf(':');
        bool ok = false;
        const int db = line.mid(2, colon - 2).toInt(&ok);
        if (!ok || colon < 0) continue;
        for (const QByteArray &field : line.mid(colon + 1).split(',')) {
            if (!field.startsWith("keys=")) continue;
            const quint64 n = field.mid(5).toULongLong();
            if (n == 0) continue;
            dbs.push_back(db);
            *keys += n;
        }
    }
    std::sort(dbs.begin(), dbs.end());
    return dbs;
}

// A collection in its big encoding with a count near its packed limit: its items decide
// whether a finding names it.
QByteArray candidateFetch(const KeyFacts &f, const memmodel::Limits &l)
{
    using memmodel::Encoding;
    if (f.bytes > kFetchCeiling) return {};
    if (f.type == KeyType::Hash && f.encoding == Encoding::Hashtable &&
        f.elements <= 2 * l.hashMaxListpackEntries)
        return "HGETALL";
    if (f.type == KeyType::Set && f.encoding == Encoding::Hashtable &&
        f.elements <= 2 * l.setMaxIntsetEntries)
        return "SMEMBERS";
    if (f.type == KeyType::SortedSet && f.encoding == Encoding::Skiplist &&
        f.elements <= 2 * l.zsetMaxListpackEntries)
        return "ZRANGE";
    return {};
}

void applyLimit(memmodel::Limits &l, const QByteArray &name, const QByteArray &value)
{
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok) return;
    if (name == "hash-max-listpack-entries")
        l.hashMaxListpackEntries = quint64(std::max<qint64>(0, n));
    if (name == "hash-max-listpack-value") l.hashMaxListpackValue = quint64(std::max<qint64>(0, n));
    if (name == "set-max-intset-entries") l.setMaxIntsetEntries = quint64(std::max<qint64>(0, n));
    if (name == "zset-max-listpack-entries")
        l.zsetMaxListpackEntries = quint64(std::max<qint64>(0, n));
    if (name == "zset-max-listpack-value") l.zsetMaxListpackValue = quint64(std::max<qint64>(0, n));
    if (name == "list-max-listpack-size") l.listMaxListpackSize = int(n);
    if (name == "stream-node-max-entries") l.streamNodeMaxEntries = quint64(std::max<qint64>(0, n));
    if (name == "stream-node-max-bytes") l.streamNodeMaxBytes = quint64(std::max<qint64>(0, n));
}

} // namespace

LiveAnalysis::LiveAnalysis(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_requests(connection)
{
}

LiveAnalysis::~LiveAnalysis()
{
    m_requests.cancelAll();
    delete m_own;
}

int LiveAnalysis::currentRate() const
{
    double slowest = m_settings.keysPerSecond;
    for (const auto &walk : m_walks)
        if (!walk->done) slowest = std::min(slowest, walk->rate);
    return int(slowest);
}

double LiveAnalysis::idleRoundTripMs() const
{
    double slowest = -1;
    for (const auto &walk : m_walks)
        slowest = std::max(slowest, walk->idleMs);
    return slowest;
}

quint64 LiveAnalysis::totalKeys() const
{
    quint64 total = 0;
    for (const auto &walk : m_walks)
        total += walk->dbSize;
    return total;
}

void LiveAnalysis::start(const Settings &settings, const AnalysisOptions &options,
                         const QString &connectionName)
{
    if (m_running || !m_connection) return;
    m_requests.cancelAll();
    ++m_generation;
    m_settings = settings;
    m_settings.keysPerSecond = std::max(1, m_settings.keysPerSecond);
    m_settings.batchSize = std::clamp(m_settings.batchSize, 1, 10000);
    m_settings.baselinePings = std::clamp(m_settings.baselinePings, 0, 1000);
    m_options = options;
    m_connectionName = connectionName;
    m_builder.reset();
    for (auto &walk : m_walks)
        delete walk->timer;
    m_walks.clear();
    delete m_own;
    m_own = nullptr;
    QList<RedisConnection *> servers;
    if (ClusterRouter *router = m_connection->cluster()) {
        for (const QString &address : router->masterAddresses())
            servers.append(router->nodeConnection(address));
    } else {
        // A connection of our own: SELECT per database must not move the browser's.
        ConnectionSettings own =
            m_connection->settings().named(QStringLiteral("redscope:analysis"));
        own.db = 0;
        m_own = new RedisConnection(own);
        m_own->connectToServer();
        servers.append(m_own);
    }
    if (servers.isEmpty()) {
        emit failed(tr("The cluster's slot map is not loaded yet"));
        return;
    }
    for (RedisConnection *server : servers) {
        auto walk = std::make_unique<Walk>();
        walk->connection = server;
        walk->rate = m_settings.keysPerSecond;
        walk->timer = new QTimer(this);
        walk->timer->setSingleShot(true);
        walk->timer->setTimerType(Qt::PreciseTimer);
        const int index = int(m_walks.size());
        connect(walk->timer, &QTimer::timeout, this, [this, index] { scanNext(index); });
        m_walks.push_back(std::move(walk));
    }
    m_running = true;
    m_paused = false;
    m_started = QDateTime::currentDateTimeUtc();
    m_clock.start();
    readConfig(servers);
}

// The eviction policy decides which of OBJECT FREQ / IDLETIME answers; the limits are what
// the findings compare with (a server that refuses CONFIG keeps Redis 7.0's defaults).
void LiveAnalysis::readConfig(const QList<RedisConnection *> &servers)
{
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    RedisConnection *first = servers.first();
    m_requests.send(first, {"CONFIG", "GET", "maxmemory-policy"},
                    [self, generation](const RedisValue &reply) {
                        if (!self || generation != self->m_generation) return;
                        const auto &e = reply.elements();
                        self->m_lfu = e.size() == 2 && e[1].bytes().contains("lfu");
                    });
    m_requests.send(first, {"CONFIG", "GET", "*-max-*"},
                    [self, generation](const RedisValue &reply) {
                        if (!self || generation != self->m_generation) return;
                        const auto &e = reply.elements();
                        for (size_t i = 0; i + 1 < e.size(); i += 2)
                            applyLimit(self->m_options.limits, e[i].bytes(), e[i + 1].bytes());
                        self->m_builder = std::make_unique<ReportBuilder>(self->m_options);
                        for (int i = 0; i < int(self->m_walks.size()); ++i)
                            self->prepare(i);
                    });
}

void LiveAnalysis::prepare(int index)
{
    Walk &walk = *m_walks[size_t(index)];
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    const bool cluster = walk.connection != m_own;
    m_requests.send(walk.connection, {"INFO", "keyspace"},
                    [self, generation, index, cluster](const RedisValue &reply) {
                        if (!self || generation != self->m_generation) return;
                        if (reply.isError()) return self->fail(reply.text());
                        Walk &w = *self->m_walks[size_t(index)];
                        w.dbs = keyspaceDbs(reply.bytes(), &w.dbSize);
                        if (cluster) w.dbs = {0}; // a cluster node serves db 0 only
                        w.dbIndex = 0;
                        w.selectPending = !cluster;
                        if (w.dbSize == 0 && !cluster) return self->walkDone(index);
                        self->ping(index);
                    });
}

// The baseline: lone PINGs 10 ms apart, none while a batch of ours is queued.
void LiveAnalysis::ping(int index)
{
    Walk &walk = *m_walks[size_t(index)];
    if (!m_running) return;
    if (int(walk.pings.size()) >= m_settings.baselinePings) {
        if (!walk.pings.empty()) {
            std::vector<double> sorted = walk.pings;
            std::sort(sorted.begin(), sorted.end());
            const size_t at = std::min(sorted.size() - 1, size_t(double(sorted.size()) * 0.95));
            walk.idleMs = sorted[at];
        }
        return scanNext(index);
    }
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    walk.batchClock.start();
    m_requests.send(walk.connection, {"PING"}, [self, generation, index](const RedisValue &reply) {
        if (!self || generation != self->m_generation) return;
        Walk &w = *self->m_walks[size_t(index)];
        if (reply.isError()) return self->fail(reply.text());
        w.pings.push_back(double(w.batchClock.nsecsElapsed()) / 1e6);
        QTimer::singleShot(10, self, [self, generation, index] {
            if (self && generation == self->m_generation) self->ping(index);
        });
    });
}

void LiveAnalysis::scheduleNext(int index, qint64 delayMs)
{
    Walk &walk = *m_walks[size_t(index)];
    if (delayMs <= 0)
        scanNext(index);
    else
        walk.timer->start(int(delayMs));
}

void LiveAnalysis::scanNext(int index)
{
    Walk &walk = *m_walks[size_t(index)];
    if (!m_running || m_paused || walk.done || walk.inFlight || !m_builder) return;
    if (int(walk.pings.size()) < m_settings.baselinePings) return; // the baseline runs
    if (!walk.connection) return fail(tr("The connection closed during the analysis"));
    walk.inFlight = true;
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    if (walk.selectPending) {
        walk.selectPending = false;
        m_requests.send(walk.connection, {"SELECT", QByteArray::number(walk.dbs[walk.dbIndex])},
                        [self, generation](const RedisValue &reply) {
                            if (!self || generation != self->m_generation) return;
                            if (reply.isError()) self->fail(reply.text());
                        });
    }
    walk.batchClock.start();
    m_requests.send(
        walk.connection, {"SCAN", walk.cursor, "COUNT", QByteArray::number(m_settings.batchSize)},
        [self, generation, index](const RedisValue &reply) {
            if (!self || generation != self->m_generation) return;
            Walk &w = *self->m_walks[size_t(index)];
            self->measure(index, double(w.batchClock.nsecsElapsed()) / 1e6);
            const auto &e = reply.elements();
            if (reply.isError() || e.size() != 2) {
                w.inFlight = false;
                return self->fail(reply.isError() ? reply.text() : tr("Unexpected SCAN reply"));
            }
            w.cursor = e[0].bytes();
            QList<QByteArray> keys;
            for (const RedisValue &k : e[1].elements())
                keys.append(k.bytes());
            self->inspect(index, keys);
        });
}

// The median of the last few SCAN round trips against the idle figure: one slow reply on a
// busy machine does not halve the rate, a server that stays slower does.
void LiveAnalysis::measure(int index, double scanMs)
{
    Walk &walk = *m_walks[size_t(index)];
    walk.recent.push_back(scanMs);
    if (walk.recent.size() < kLatencyWindow) return;
    std::vector<double> sorted(walk.recent.begin(), walk.recent.end());
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    // factor × idle, but not under a millisecond: on loopback the idle figure is a tenth of
    // that, and a client's own scheduling jitter would halve the rate for nothing.
    double limit = double(m_settings.latencyLimitMs);
    if (walk.idleMs >= 0)
        limit = std::min(limit, std::max(kLatencyFloorMs, m_settings.latencyFactor * walk.idleMs));
    if (median > limit) {
        walk.rate = std::max(kMinRate, walk.rate / 2);
        walk.recent.clear();
    } else if (median <= limit / std::max(1.0, m_settings.latencyFactor)) {
        // As fast as idle (with no limit at all, never: the test's forced back-off).
        walk.rate = std::min(double(m_settings.keysPerSecond), walk.rate * 1.25 + 10);
        walk.recent.clear();
    } else {
        walk.recent.pop_front();
    }
}

void LiveAnalysis::inspect(int index, const QList<QByteArray> &keys)
{
    Walk &walk = *m_walks[size_t(index)];
    auto batch = std::make_shared<KeyReplies>();
    batch->db = walk.dbs.empty() ? 0 : walk.dbs[walk.dbIndex];
    batch->keys = keys;
    const qsizetype n = keys.size();
    for (auto *list : {&batch->type, &batch->memory, &batch->pttl, &batch->encoding, &batch->usage,
                       &batch->length, &batch->items})
        list->resize(n);
    if (keys.isEmpty()) return finishBatch(index, batch);

    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    const QByteArray samples = QByteArray::number(m_settings.memorySamples);
    const QByteArray usage = m_lfu ? "FREQ" : "IDLETIME";
    batch->pending = int(n) * 5;
    auto collect = [self, generation, index, batch](QList<RedisValue> *into, qsizetype i) {
        return [self, generation, index, batch, into, i](const RedisValue &reply) {
            (*into)[i] = reply;
            if (--batch->pending == 0 && self && generation == self->m_generation)
                self->lengths(index, batch);
        };
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QByteArray &key = keys[i];
        m_requests.send(walk.connection, {"TYPE", key}, collect(&batch->type, i));
        m_requests.send(walk.connection, {"MEMORY", "USAGE", key, "SAMPLES", samples},
                        collect(&batch->memory, i));
        m_requests.send(walk.connection, {"PTTL", key}, collect(&batch->pttl, i));
        m_requests.send(walk.connection, {"OBJECT", "ENCODING", key}, collect(&batch->encoding, i));
        m_requests.send(walk.connection, {"OBJECT", usage, key}, collect(&batch->usage, i));
    }
}

void LiveAnalysis::lengths(int index, const std::shared_ptr<KeyReplies> &batch)
{
    Walk &walk = *m_walks[size_t(index)];
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    int pending = 0;
    for (qsizetype i = 0; i < batch->keys.size(); ++i)
        if (!lengthCommand(keyTypeFromName(batch->type[i].bytes())).isEmpty()) ++pending;
    batch->pending = pending;
    if (!pending) return candidates(index, batch);
    for (qsizetype i = 0; i < batch->keys.size(); ++i) {
        const QByteArray command = lengthCommand(keyTypeFromName(batch->type[i].bytes()));
        if (command.isEmpty()) continue;
        m_requests.send(walk.connection, {command, batch->keys[i]},
                        [self, generation, index, batch, i](const RedisValue &reply) {
                            batch->length[i] = reply;
                            if (--batch->pending == 0 && self && generation == self->m_generation)
                                self->candidates(index, batch);
                        });
    }
}

void LiveAnalysis::candidates(int index, const std::shared_ptr<KeyReplies> &batch)
{
    Walk &walk = *m_walks[size_t(index)];
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    std::vector<std::pair<qsizetype, QList<QByteArray>>> fetches;
    for (qsizetype i = 0; i < batch->keys.size(); ++i) {
        KeyFacts f;
        f.type = keyTypeFromName(batch->type[i].bytes());
        f.encoding = memmodel::encodingFromName(batch->encoding[i].bytes().toStdString());
        f.bytes = quint64(std::max<qint64>(0, batch->memory[i].toInteger()));
        f.elements = quint64(std::max<qint64>(0, batch->length[i].toInteger()));
        const QByteArray command = candidateFetch(f, m_options.limits);
        if (command.isEmpty()) continue;
        QList<QByteArray> args{command, batch->keys[i]};
        if (command == "ZRANGE")
            args << "0"
                 << "-1"
                 << "WITHSCORES";
        fetches.emplace_back(i, args);
        batch->fetchedItems += f.elements;
    }
    batch->pending = int(fetches.size());
    if (fetches.empty()) return finishBatch(index, batch);
    for (const auto &[i, args] : fetches)
        m_requests.send(walk.connection, args,
                        [self, generation, index, batch, i = i](const RedisValue &reply) {
                            batch->items[i] = reply;
                            if (--batch->pending == 0 && self && generation == self->m_generation)
                                self->finishBatch(index, batch);
                        });
}

void LiveAnalysis::finishBatch(int index, const std::shared_ptr<KeyReplies> &batch)
{
    Walk &w = *m_walks[size_t(index)];
    std::vector<std::string> items;
    for (qsizetype i = 0; i < batch->keys.size(); ++i) {
        const QByteArray typeName = batch->type[i].bytes();
        const KeyType type = keyTypeFromName(typeName);
        if (typeName.isEmpty() || type == KeyType::None) continue; // deleted meanwhile
        KeyFacts f;
        f.db = batch->db;
        f.key = std::string_view(batch->keys[i].constData(), size_t(batch->keys[i].size()));
        f.type = type;
        f.typeName = std::string_view(typeName.constData(), size_t(typeName.size()));
        f.encoding = memmodel::encodingFromName(batch->encoding[i].bytes().toStdString());
        f.bytes = quint64(std::max<qint64>(0, batch->memory[i].toInteger()));
        f.elements = quint64(std::max<qint64>(0, batch->length[i].toInteger()));
        const qint64 pttl = batch->pttl[i].toInteger();
        f.ttlMs = pttl >= 0 ? pttl : -1;
        if (batch->usage[i].type() == RedisValue::Type::Integer) {
            if (m_lfu)
                f.frequency = int(batch->usage[i].toInteger());
            else
                f.idleSeconds = batch->usage[i].toInteger();
        }
        // A fetched collection: its shape by the same model the offline walk uses, with the
        // server's MEMORY USAGE as what it costs now.
        memmodel::ValueShape shape;
        const RedisValue &fetched = batch->items[i];
        if (fetched.type() == RedisValue::Type::Array && !fetched.elements().empty()) {
            items.clear();
            for (const RedisValue &item : fetched.elements())
                items.push_back(item.bytes().toStdString());
            const uint64_t keyLength = f.key.size();
            if (f.type == KeyType::Hash)
                shape = memmodel::hashShape(keyLength, f.encoding, items, m_options.limits);
            else if (f.type == KeyType::Set)
                shape = memmodel::setShape(keyLength, f.encoding, items, m_options.limits);
            else
                shape = memmodel::zsetShape(keyLength, f.encoding, items, m_options.limits);
            shape.bytes = f.bytes;
            f.shape = &shape;
        }
        m_builder->add(f);
    }
    w.inFlight = false;
    emit progress(m_builder->keys(), totalKeys(), currentRate());
    if (w.cursor == "0") {
        if (++w.dbIndex >= w.dbs.size()) return walkDone(index);
        w.selectPending = true;
    }
    const double weight = double(batch->keys.size()) + double(batch->fetchedItems) / 16.0;
    const qint64 due = qint64(1000.0 * weight / w.rate);
    scheduleNext(index, due - w.batchClock.elapsed());
}

void LiveAnalysis::walkDone(int index)
{
    m_walks[size_t(index)]->done = true;
    for (const auto &walk : m_walks)
        if (!walk->done) return;
    m_running = false;
    emit finished(finalReport(false, {}));
}

void LiveAnalysis::fail(const QString &error)
{
    if (!m_running) return;
    m_running = false;
    m_requests.cancelAll();
    ++m_generation;
    for (auto &walk : m_walks)
        walk->timer->stop();
    if (m_builder && m_builder->keys() > 0) {
        emit finished(finalReport(
            true, tr("The scan failed after %1 keys: %2").arg(m_builder->keys()).arg(error)));
        return;
    }
    emit failed(error);
}

void LiveAnalysis::pause()
{
    if (!m_running) return;
    m_paused = true;
    for (auto &walk : m_walks)
        walk->timer->stop();
}

void LiveAnalysis::resume()
{
    if (!m_running || !m_paused) return;
    m_paused = false;
    for (int i = 0; i < int(m_walks.size()); ++i)
        scanNext(i);
}

void LiveAnalysis::stop()
{
    if (!m_running) return;
    m_running = false;
    m_requests.cancelAll();
    ++m_generation;
    for (auto &walk : m_walks)
        walk->timer->stop();
    emit finished(finalReport(true, tr("Stopped by the user after %1 of about %2 keys")
                                        .arg(m_builder ? m_builder->keys() : 0)
                                        .arg(totalKeys())));
}

AnalysisReport LiveAnalysis::snapshot() const
{
    return finalReport(m_running, m_running ? tr("Scan in progress") : QString());
}

AnalysisReport LiveAnalysis::finalReport(bool partial, const QString &reason) const
{
    AnalysisReport report = m_builder ? m_builder->build() : AnalysisReport{};
    report.source = AnalysisSource::Live;
    report.sourceName = m_connectionName;
    report.connectionName = m_connectionName;
    report.createdAt = QDateTime::currentDateTimeUtc();
    report.dataTime = m_started;
    report.bytesModelled = false;
    report.partial = partial;
    report.partialReason = reason;
    report.seconds = double(m_clock.elapsed()) / 1000.0;
    return report;
}

} // namespace redscope
