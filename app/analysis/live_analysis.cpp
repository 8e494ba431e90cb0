// One walk per server (one for a single server, one per master on a cluster). A walk is a
// loop of three round trips: SCAN alone (its time is the latency sample), then per key TYPE,
// MEMORY USAGE, PTTL, OBJECT ENCODING and OBJECT FREQ/IDLETIME pipelined, then the lengths
// (STRLEN, LLEN, SCARD, ZCARD, HLEN, XLEN by type) pipelined. The next SCAN waits so that
// the walk's average stays at its rate. Keys deleted between SCAN and TYPE are skipped.
#include "analysis/live_analysis.h"

#include "cluster/cluster_router.h"
#include "connection/redis_connection.h"

#include <QTimer>

namespace redscope {

struct LiveAnalysis::KeyReplies
{
    QList<QByteArray> keys;
    QList<RedisValue> type, memory, pttl, encoding, usage, length;
    int pending = 0;
};

namespace {

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

} // namespace

LiveAnalysis::LiveAnalysis(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_requests(connection)
{
}

LiveAnalysis::~LiveAnalysis() = default;

int LiveAnalysis::currentRate() const
{
    double slowest = m_settings.keysPerSecond;
    for (const auto &walk : m_walks)
        if (!walk->done) slowest = std::min(slowest, walk->rate);
    return int(slowest);
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
    m_options = options;
    m_connectionName = connectionName;
    m_builder = std::make_unique<ReportBuilder>(options);
    for (auto &walk : m_walks)
        delete walk->timer;
    m_walks.clear();
    QList<RedisConnection *> servers;
    if (ClusterRouter *router = m_connection->cluster()) {
        for (const QString &address : router->masterAddresses())
            servers.append(router->nodeConnection(address));
    } else {
        servers.append(m_connection);
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
        const int index = int(m_walks.size());
        connect(walk->timer, &QTimer::timeout, this, [this, index] { scanNext(index); });
        m_walks.push_back(std::move(walk));
    }
    m_running = true;
    m_paused = false;
    m_started = QDateTime::currentDateTimeUtc();
    m_clock.start();
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    // The eviction policy decides which of OBJECT FREQ / IDLETIME answers.
    m_requests.send(servers.first(), {"CONFIG", "GET", "maxmemory-policy"},
                    [self, generation](const RedisValue &reply) {
                        if (!self || generation != self->m_generation) return;
                        const auto &e = reply.elements();
                        self->m_lfu = e.size() == 2 && e[1].bytes().contains("lfu");
                        for (int i = 0; i < int(self->m_walks.size()); ++i) {
                            Walk &walk = *self->m_walks[size_t(i)];
                            self->m_requests.send(walk.connection, {"DBSIZE"},
                                                  [self, generation, i](const RedisValue &size) {
                                                      if (!self || generation != self->m_generation)
                                                          return;
                                                      self->m_walks[size_t(i)]->dbSize = quint64(
                                                          std::max<qint64>(0, size.toInteger()));
                                                  });
                            self->scanNext(i);
                        }
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
    if (!m_running || m_paused || walk.done || walk.inFlight) return;
    if (!walk.connection) return fail(tr("The connection closed during the analysis"));
    walk.inFlight = true;
    walk.batchClock.start();
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    m_requests.send(
        walk.connection, {"SCAN", walk.cursor, "COUNT", QByteArray::number(m_settings.batchSize)},
        [self, generation, index](const RedisValue &reply) {
            if (!self || generation != self->m_generation) return;
            Walk &w = *self->m_walks[size_t(index)];
            self->measure(index, w.batchClock.elapsed());
            const auto &e = reply.elements();
            if (reply.isError() || e.size() != 2) {
                w.inFlight = false;
                return self->fail(reply.isError() ? reply.text() : tr("Unexpected SCAN reply"));
            }
            w.cursor = e[0].bytes();
            w.started = true;
            QList<QByteArray> keys;
            for (const RedisValue &k : e[1].elements())
                keys.append(k.bytes());
            self->inspect(index, keys);
        });
}

void LiveAnalysis::measure(int index, qint64 scanMs)
{
    Walk &walk = *m_walks[size_t(index)];
    if (scanMs > m_settings.latencyLimitMs)
        walk.rate = std::max(50.0, walk.rate / 2);
    else if (scanMs * 2 < m_settings.latencyLimitMs)
        walk.rate = std::min(double(m_settings.keysPerSecond), walk.rate * 1.1 + 10);
}

void LiveAnalysis::inspect(int index, const QList<QByteArray> &keys)
{
    auto batch = std::make_shared<KeyReplies>();
    batch->keys = keys;
    const qsizetype n = keys.size();
    for (auto *list : {&batch->type, &batch->memory, &batch->pttl, &batch->encoding, &batch->usage,
                       &batch->length})
        list->resize(n);
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    auto finishBatch = [self, generation, index, batch] {
        if (!self || generation != self->m_generation) return;
        LiveAnalysis &me = *self;
        for (qsizetype i = 0; i < batch->keys.size(); ++i) {
            const QByteArray typeName = batch->type[i].bytes();
            const KeyType type = keyTypeFromName(typeName);
            if (typeName.isEmpty() || type == KeyType::None) continue; // deleted meanwhile
            KeyFacts f;
            f.db = me.m_connection ? me.m_connection->currentDb() : 0;
            f.key = std::string_view(batch->keys[i].constData(), size_t(batch->keys[i].size()));
            f.type = type;
            f.typeName = std::string_view(typeName.constData(), size_t(typeName.size()));
            f.encoding = memmodel::encodingFromName(batch->encoding[i].bytes().toStdString());
            f.bytes = quint64(std::max<qint64>(0, batch->memory[i].toInteger()));
            f.elements = quint64(std::max<qint64>(0, batch->length[i].toInteger()));
            const qint64 pttl = batch->pttl[i].toInteger();
            f.ttlMs = pttl >= 0 ? pttl : -1;
            if (batch->usage[i].type() == RedisValue::Type::Integer) {
                if (me.m_lfu)
                    f.frequency = int(batch->usage[i].toInteger());
                else
                    f.idleSeconds = batch->usage[i].toInteger();
            }
            me.m_builder->add(f);
        }
        Walk &w = *me.m_walks[size_t(index)];
        w.inFlight = false;
        quint64 total = 0;
        for (const auto &walk : me.m_walks)
            total += walk->dbSize;
        emit me.progress(me.m_builder->keys(), total, me.currentRate());
        if (w.cursor == "0") return me.walkDone(index);
        const qint64 due = qint64(1000.0 * double(batch->keys.size()) / w.rate);
        me.scheduleNext(index, due - w.batchClock.elapsed());
    };
    if (keys.isEmpty()) return finishBatch();

    Walk &walk = *m_walks[size_t(index)];
    const QByteArray samples = QByteArray::number(m_settings.memorySamples);
    const QByteArray usage = m_lfu ? "FREQ" : "IDLETIME";
    batch->pending = int(n) * 5;
    auto lengths = [self, generation, batch, finishBatch, conn = walk.connection] {
        if (!self || generation != self->m_generation) return;
        int pending = 0;
        for (qsizetype i = 0; i < batch->keys.size(); ++i)
            if (!lengthCommand(keyTypeFromName(batch->type[i].bytes())).isEmpty()) ++pending;
        batch->pending = pending;
        if (!pending) return finishBatch();
        for (qsizetype i = 0; i < batch->keys.size(); ++i) {
            const QByteArray command = lengthCommand(keyTypeFromName(batch->type[i].bytes()));
            if (command.isEmpty()) continue;
            self->m_requests.send(conn, {command, batch->keys[i]},
                                  [batch, i, finishBatch](const RedisValue &reply) {
                                      batch->length[i] = reply;
                                      if (--batch->pending == 0) finishBatch();
                                  });
        }
    };
    auto collect = [batch, lengths](QList<RedisValue> *into, qsizetype i) {
        return [batch, lengths, into, i](const RedisValue &reply) {
            (*into)[i] = reply;
            if (--batch->pending == 0) lengths();
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
    quint64 total = 0;
    for (const auto &walk : m_walks)
        total += walk->dbSize;
    emit finished(finalReport(
        true,
        tr("Stopped by the user after %1 of about %2 keys").arg(m_builder->keys()).arg(total)));
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
