// ScanLoop on a single server: a SCAN loop driven by reply callbacks. A generation number
// guards against a late reply from a previous run (cancel() also cancels the request itself).
#include "keys/key_scan_loop.h"

namespace redscope::Internal {

ScanLoop::ScanLoop(RedisConnection *connection, Events events, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_events(std::move(events))
{
    connect(connection, &RedisConnection::stateChanged, this,
            [this](RedisConnection::State state, const QString &error) {
                if (!m_waitingForReady) return;
                if (state == RedisConnection::State::Ready) {
                    m_waitingForReady = false;
                    begin();
                } else if (state == RedisConnection::State::Disconnected ||
                           state == RedisConnection::State::AuthFailed) {
                    m_waitingForReady = false;
                    finish(false, error.isEmpty() ? tr("Not connected") : error, true);
                }
            });
}

ScanLoop::~ScanLoop()
{
    if (!m_connection) return;
    m_connection->cancel(m_scanRequest);
    m_connection->cancel(m_sizeRequest);
}

void ScanLoop::start(quint64 run, const KeyScanner::Options &options)
{
    if (m_running) cancel(m_run);
    m_run = run;
    m_options = options;
    if (m_options.count < 10) m_options.count = 10;
    m_counters = Counters{};
    m_counters.count = m_options.count;
    m_cursor = "0";
    m_examined = 0;
    m_running = true;
    ++m_generation;
    if (!m_connection) {
        finish(false, tr("No connection"));
        return;
    }
    switch (m_connection->state()) {
    case RedisConnection::State::Ready:
        begin();
        break;
    case RedisConnection::State::Connecting:
    case RedisConnection::State::Lost:
        m_waitingForReady = true;
        break;
    case RedisConnection::State::Disconnected:
    case RedisConnection::State::AuthFailed:
        finish(false,
               m_connection->errorText().isEmpty() ? tr("Not connected")
                                                   : m_connection->errorText(),
               true);
        break;
    }
}

void ScanLoop::cancel(quint64 run)
{
    if (!m_running || run != m_run) return;
    if (m_connection) {
        m_connection->cancel(m_scanRequest);
        m_connection->cancel(m_sizeRequest);
    }
    m_scanRequest = m_sizeRequest = 0;
    m_running = false;
    m_waitingForReady = false;
    ++m_generation;
}

void ScanLoop::begin()
{
    if (!m_connection) {
        finish(false, tr("No connection"));
        return;
    }
    const quint64 generation = m_generation;
    if (m_connection->cluster()) {
        startCluster(generation);
        return;
    }
    m_sizeRequest = m_connection->send({"DBSIZE"}, [this, generation](const RedisValue &reply) {
        if (generation != m_generation) return;
        if (reply.type() != RedisValue::Type::Integer) return;
        m_counters.dbSize = quint64(reply.toInteger());
        if (!filtered()) m_counters.expected = m_counters.dbSize;
    });
    requestNext();
}

bool ScanLoop::filtered() const
{
    return m_options.type.has_value() || (!m_options.pattern.isEmpty() && m_options.pattern != "*");
}

QList<QByteArray> ScanLoop::scanArgs(const QByteArray &cursor) const
{
    QList<QByteArray> args{"SCAN", cursor};
    if (!m_options.pattern.isEmpty() && m_options.pattern != "*")
        args << "MATCH" << m_options.pattern;
    args << "COUNT" << QByteArray::number(m_counters.count);
    if (m_options.type) args << "TYPE" << keyTypeName(*m_options.type).toLatin1();
    return args;
}

void ScanLoop::requestNext()
{
    if (!m_connection) {
        finish(false, tr("No connection"));
        return;
    }
    const quint64 generation = m_generation;
    m_callClock.start();
    m_scanRequest =
        m_connection->send(scanArgs(m_cursor), [this, generation](const RedisValue &reply) {
            onReply(generation, reply);
        });
}

void ScanLoop::onReply(quint64 generation, const RedisValue &reply)
{
    if (generation != m_generation || !m_running) return;
    if (reply.isError()) {
        finish(false, reply.text());
        return;
    }
    const RedisValue::List &parts = reply.elements();
    if (parts.size() != 2 || parts[1].type() != RedisValue::Type::Array) {
        finish(false, tr("Unexpected SCAN reply"));
        return;
    }
    ++m_counters.calls;
    const qint64 roundTrip = m_callClock.elapsed();
    m_examined += quint64(m_counters.count);
    if (m_options.maxCount > m_options.count) {
        if (roundTrip <= KeyScanner::kSlowRoundTripMs)
            m_counters.count = qMin(m_counters.count * 2, m_options.maxCount);
        else
            m_counters.count = qMax(m_counters.count / 2, m_options.count);
    }
    m_cursor = parts[0].bytes();
    if (m_cursor != "0") {
        requestNext(); // the server walks on while this batch is handed out
        if (!m_running) return;
    }
    deliver(parts[1].elements());
    if (m_cursor == "0") {
        finish(true, {});
        return;
    }
    reportProgress();
}

void ScanLoop::deliver(const RedisValue::List &names)
{
    if (names.empty()) return;
    QList<QByteArray> keys;
    keys.reserve(qsizetype(names.size()));
    for (const RedisValue &name : names)
        keys.append(name.bytes());
    m_counters.seen += quint64(keys.size());
    if (m_events.batch) m_events.batch(m_run, std::move(keys), m_counters);
}

void ScanLoop::reportProgress()
{
    const quint64 examined = filtered() ? qMax(m_counters.seen, m_examined) : m_counters.seen;
    // The total is an estimate: keep the bar short of full until the cursor says so.
    const quint64 total = qMax(m_counters.dbSize, examined + examined / 100 + 1);
    if (m_events.progress) m_events.progress(m_run, qMin(examined, total), total, m_counters);
}

void ScanLoop::finish(bool complete, const QString &error, bool neverConnected)
{
    m_running = false;
    ++m_generation;
    m_scanRequest = 0;
    if (m_events.finished) m_events.finished(m_run, complete, error, neverConnected, m_counters);
}

} // namespace redscope::Internal
