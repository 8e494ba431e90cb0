// One walk per server (one for a single server, one per master on a cluster). Before the
// scan: CONFIG GET for the eviction policy and the encoding limits, INFO keyspace for the
// databases, then the baseline PINGs one at a time.
//
// The scan itself is a stream of small groups, one write each, one at the server at a time
// (pump, groupDone). A group carries, in this order: the length commands (STRLEN, LLEN,
// SCARD, ZCARD, HLEN, XLEN by type) of the previous group's keys, whose TYPE is now known;
// either one candidate fetch (a collection near a packed limit) or TYPE, MEMORY USAGE, PTTL,
// OBJECT ENCODING and OBJECT FREQ/IDLETIME for the next few keys; and, when fewer keys than a
// group are left queued, the next SCAN. On a 1M-key redis-server a SCAN costs about 1.1 us
// per key it returns (COUNT 20: 23 us, COUNT 4: 6 us; its table is too big for the caches),
// about as much as the five commands of 2.6 us per key, so a SCAN COUNT 20 alone filled the
// ~25 us a write may take; the default SCAN COUNT is one group's worth (4): every group is
// the last of its batch and brings the next, some 20-25 us in all. A 20-key stretch then
// costs five round trips instead of the seven of SCAN, five bursts and the lengths one after
// the other, and every SCAN's round trip (the latency sample) still measures the server with
// at most one group of ours ahead of it.
// Groups leave on slots of the walk's own clock (keys / rate apart); a walk running late
// catches up by sending the next group as soon as the last is answered, by at most five
// groups' worth, so the average never exceeds the rate. A new database's SCAN waits until
// the previous one's keys are all answered: SELECT moves every command after it. Keys
// deleted between SCAN and TYPE are skipped.
#include "analysis/live_analysis.h"

#include "cluster/cluster_router.h"
#include "connection/redis_connection.h"

#include <QTimer>

#include <algorithm>
#include <cmath>
#include <optional>

namespace redscope {

struct LiveAnalysis::KeyReplies
{
    int db = 0;
    QList<QByteArray> keys;
    QList<RedisValue> type, memory, pttl, encoding, usage, length, items;
    qsizetype inspected = 0; // keys whose five commands have gone out
    qsizetype open = 0;      // keys not settled yet (awaiting a reply, a length or a fetch)

    // What the replies so far say of key i (views into this batch's replies).
    KeyFacts facts(qsizetype i) const
    {
        KeyFacts f;
        f.db = db;
        f.key = std::string_view(keys[i].constData(), size_t(keys[i].size()));
        const QByteArray &typeName = type[i].bytes();
        f.type = keyTypeFromName(typeName);
        f.typeName = std::string_view(typeName.constData(), size_t(typeName.size()));
        f.encoding = memmodel::encodingFromName(encoding[i].bytes().toStdString());
        f.bytes = quint64(std::max<qint64>(0, memory[i].toInteger()));
        f.elements = quint64(std::max<qint64>(0, length[i].toInteger()));
        return f;
    }
};

// One write: see the top of the file.
struct LiveAnalysis::Group
{
    std::vector<KeyRef> lengths; // the previous group's keys: their length commands
    std::optional<KeyRef> fetch; // a candidate's items
    std::vector<KeyRef> keys;    // keys whose five commands go out
    bool scan = false;           // the next SCAN, last
    RedisValue scanReply;
    double scanMs = 0;
    int pending = 0;
};

namespace {

constexpr double kMinRate = 50;
constexpr size_t kLatencyWindow = 5;    // SCAN round trips a decision looks at, at least
constexpr int kLatencyWindowKeys = 100; // and as many as scan this many keys
constexpr int kCatchUpGroups = 5;       // how far behind its clock a walk may catch up
constexpr qint64 kProgressMs = 100;     // progress() at most this often
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

// Whether MEMORY USAGE ... SAMPLES n measured only some of the value: the encodings it walks
// element by element (a hashtable's entries, a skiplist's nodes, a quicklist's or a stream's
// nodes), when there are more elements than samples. A list or stream of more elements than
// samples may still have fewer nodes (it was then exact): it counts as an estimate, as the
// server does not say.
bool sampledSize(const KeyFacts &f, int samples)
{
    using memmodel::Encoding;
    if (samples <= 0 || f.elements <= quint64(samples)) return false;
    switch (f.encoding) {
    case Encoding::Hashtable:
    case Encoding::Skiplist:
    case Encoding::Quicklist:
    case Encoding::Stream:
        return true;
    default:
        return false;
    }
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
    m_settings.burstKeys = std::clamp(m_settings.burstKeys, 1, m_settings.batchSize);
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
        connect(walk->timer, &QTimer::timeout, this, [this, index] { pump(index); });
        m_walks.push_back(std::move(walk));
    }
    m_running = true;
    m_paused = false;
    m_started = QDateTime::currentDateTimeUtc();
    m_clock.start();
    m_progressClock.invalidate();
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
        walk.paceClock.start();
        walk.nextSlotMs = 0;
        return pump(index);
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

// Sends the walk's next group when its slot has come and the last one is answered.
void LiveAnalysis::pump(int index)
{
    Walk &walk = *m_walks[size_t(index)];
    if (!m_running || m_paused || walk.done || walk.inFlight || !m_builder) return;
    if (int(walk.pings.size()) < m_settings.baselinePings) return; // the baseline runs
    if (!walk.connection) return fail(tr("The connection closed during the analysis"));
    const double now = double(walk.paceClock.nsecsElapsed()) / 1e6;
    if (now < walk.nextSlotMs) {
        walk.timer->start(int(std::ceil(walk.nextSlotMs - now)));
        return;
    }
    auto group = std::make_shared<Group>();
    group->lengths.swap(walk.needLength);
    double weight = 0;
    if (!walk.needFetch.empty()) {
        group->fetch = walk.needFetch.front();
        walk.needFetch.pop_front();
        const auto &[batch, i] = *group->fetch;
        weight += double(std::max<qint64>(0, batch->length[i].toInteger())) / 16.0;
    } else {
        for (const auto &batch : walk.batches) {
            while (batch->inspected < batch->keys.size() &&
                   group->keys.size() < size_t(m_settings.burstKeys))
                group->keys.emplace_back(batch, batch->inspected++);
            if (group->keys.size() == size_t(m_settings.burstKeys)) break;
        }
        weight += double(group->keys.size());
    }
    qsizetype queued = 0; // keys scanned whose commands have not gone out
    for (const auto &batch : walk.batches)
        queued += batch->keys.size() - batch->inspected;
    const bool alone = group->lengths.empty() && !group->fetch && group->keys.empty();
    group->scan =
        queued < m_settings.burstKeys && !walk.dbScanned && (!walk.selectPending || alone);
    if (alone && !group->scan) return; // nothing to send: groupDone moves on

    walk.inFlight = true;
    const double catchUpMs = 1000.0 * kCatchUpGroups * m_settings.burstKeys / walk.rate;
    walk.nextSlotMs = std::max(walk.nextSlotMs, now - catchUpMs) + 1000.0 * weight / walk.rate;
    const quint64 generation = m_generation;
    QPointer<LiveAnalysis> self(this);
    auto into = [self, generation, index, group](QList<RedisValue> *list, qsizetype i) {
        ++group->pending;
        return [self, generation, index, group, list, i](const RedisValue &reply) {
            (*list)[i] = reply;
            if (--group->pending == 0 && self && generation == self->m_generation)
                self->groupDone(index, group);
        };
    };
    RedisConnection *c = walk.connection;
    for (const auto &[batch, i] : group->lengths)
        m_requests.send(c, {lengthCommand(keyTypeFromName(batch->type[i].bytes())), batch->keys[i]},
                        into(&batch->length, i));
    if (group->fetch) {
        const auto &[batch, i] = *group->fetch;
        const QByteArray command = candidateFetch(batch->facts(i), m_options.limits);
        QList<QByteArray> args{command, batch->keys[i]};
        if (command == "ZRANGE")
            args << "0"
                 << "-1"
                 << "WITHSCORES";
        m_requests.send(c, args, into(&batch->items, i));
    }
    const QByteArray samples = QByteArray::number(samplesSent());
    const QByteArray usage = m_lfu ? "FREQ" : "IDLETIME";
    for (const auto &[batch, i] : group->keys) {
        const QByteArray &key = batch->keys[i];
        m_requests.send(c, {"TYPE", key}, into(&batch->type, i));
        m_requests.send(c, {"MEMORY", "USAGE", key, "SAMPLES", samples}, into(&batch->memory, i));
        m_requests.send(c, {"PTTL", key}, into(&batch->pttl, i));
        m_requests.send(c, {"OBJECT", "ENCODING", key}, into(&batch->encoding, i));
        m_requests.send(c, {"OBJECT", usage, key}, into(&batch->usage, i));
    }
    if (!group->scan) return;
    if (walk.selectPending) {
        walk.selectPending = false;
        m_requests.send(c, {"SELECT", QByteArray::number(walk.dbs[walk.dbIndex])},
                        [self, generation](const RedisValue &reply) {
                            if (!self || generation != self->m_generation) return;
                            if (reply.isError()) self->fail(reply.text());
                        });
    }
    ++group->pending;
    walk.batchClock.start();
    m_requests.send(c, {"SCAN", walk.cursor, "COUNT", QByteArray::number(m_settings.batchSize)},
                    [self, generation, index, group](const RedisValue &reply) {
                        if (!self || generation != self->m_generation) return;
                        const Walk &w = *self->m_walks[size_t(index)];
                        group->scanMs = double(w.batchClock.nsecsElapsed()) / 1e6;
                        group->scanReply = reply;
                        if (--group->pending == 0) self->groupDone(index, group);
                    });
}

// A group's replies are all in: its keys move on (to their length, a fetch, or settled),
// the SCAN's keys become a batch, finished batches go into the report in order, and the
// next group is due.
void LiveAnalysis::groupDone(int index, const std::shared_ptr<Group> &group)
{
    Walk &walk = *m_walks[size_t(index)];
    walk.inFlight = false;
    for (const KeyRef &ref : group->lengths)
        settleLength(walk, ref);
    if (group->fetch) --group->fetch->first->open;
    for (const auto &[batch, i] : group->keys) {
        if (lengthCommand(keyTypeFromName(batch->type[i].bytes())).isEmpty())
            --batch->open; // deleted meanwhile, or a type without a length
        else
            walk.needLength.emplace_back(batch, i);
    }
    if (group->scan) {
        measure(index, group->scanMs);
        const RedisValue &reply = group->scanReply;
        const auto &e = reply.elements();
        if (reply.isError() || e.size() != 2)
            return fail(reply.isError() ? reply.text() : tr("Unexpected SCAN reply"));
        walk.cursor = e[0].bytes();
        walk.dbScanned = walk.cursor == "0";
        if (!e[1].elements().empty()) {
            auto batch = std::make_shared<KeyReplies>();
            batch->db = walk.dbs.empty() ? 0 : walk.dbs[walk.dbIndex];
            for (const RedisValue &k : e[1].elements())
                batch->keys.append(k.bytes());
            const qsizetype n = batch->keys.size();
            for (auto *list : {&batch->type, &batch->memory, &batch->pttl, &batch->encoding,
                               &batch->usage, &batch->length, &batch->items})
                list->resize(n);
            batch->open = n;
            walk.batches.push_back(std::move(batch));
        }
    }
    while (!walk.batches.empty() && walk.batches.front()->open == 0 &&
           walk.batches.front()->inspected == walk.batches.front()->keys.size()) {
        finishBatch(*walk.batches.front());
        walk.batches.pop_front();
    }
    if (walk.dbScanned && walk.batches.empty()) {
        if (++walk.dbIndex >= walk.dbs.size()) return walkDone(index);
        walk.selectPending = true;
        walk.dbScanned = false;
        walk.cursor = "0";
    }
    pump(index);
}

// A key's length is in: a collection near a packed limit waits for its items, any other key
// is settled.
void LiveAnalysis::settleLength(Walk &walk, const KeyRef &ref)
{
    const auto &[batch, i] = ref;
    if (candidateFetch(batch->facts(i), m_options.limits).isEmpty())
        --batch->open;
    else
        walk.needFetch.push_back(ref);
}

// The median of the last few SCAN round trips against the idle figure: one slow reply on a
// busy machine does not halve the rate, a server that stays slower does.
void LiveAnalysis::measure(int index, double scanMs)
{
    Walk &walk = *m_walks[size_t(index)];
    walk.recent.push_back(scanMs);
    const size_t window =
        std::max(kLatencyWindow, size_t(kLatencyWindowKeys / std::max(1, m_settings.batchSize)));
    if (walk.recent.size() < window) return;
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

void LiveAnalysis::finishBatch(const KeyReplies &batch)
{
    std::vector<std::string> items;
    for (qsizetype i = 0; i < batch.keys.size(); ++i) {
        KeyFacts f = batch.facts(i);
        if (batch.type[i].bytes().isEmpty() || f.type == KeyType::None) continue; // deleted
        f.bytesEstimated = sampledSize(f, samplesSent());
        const qint64 pttl = batch.pttl[i].toInteger();
        f.ttlMs = pttl >= 0 ? pttl : -1;
        if (batch.usage[i].type() == RedisValue::Type::Integer) {
            if (m_lfu)
                f.frequency = int(batch.usage[i].toInteger());
            else
                f.idleSeconds = batch.usage[i].toInteger();
        }
        // A fetched collection: its shape by the same model the offline walk uses, with the
        // server's MEMORY USAGE as what it costs now.
        memmodel::ValueShape shape;
        const RedisValue &fetched = batch.items[i];
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
    // A batch is a group's worth of keys, some 500 a second: the view needs ten.
    if (m_progressClock.isValid() && m_progressClock.elapsed() < kProgressMs) return;
    m_progressClock.start();
    emit progress(m_builder->keys(), totalKeys(), currentRate());
}

int LiveAnalysis::samplesSent() const
{
    return m_settings.memorySamples > 0 ? m_settings.memorySamples
                                        : std::max(0, m_settings.exactLimit);
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
        pump(i);
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
    report.memorySamples = samplesSent();
    return report;
}

} // namespace redscope
