// ScanLoop on a single server: a SCAN loop driven by reply callbacks, one SCAN ahead (see
// key_scan_loop.h). A generation number guards against a late reply or cursor from a previous
// run (cancel() also cancels the requests themselves).
#include "keys/key_scan_loop.h"

#include <utility>

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
    m_connection->cancel(m_previousScan);
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
    m_continued = false;
    m_inFlightCounts.clear();
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
        m_connection->cancel(m_previousScan);
        m_connection->cancel(m_sizeRequest);
    }
    m_scanRequest = m_previousScan = m_sizeRequest = 0;
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
    m_previousScan = m_scanRequest;
    m_scanRequest =
        m_connection->send(scanArgs(m_cursor), [this, generation](const RedisValue &reply) {
            onReply(generation, reply);
        });
    m_inFlightCounts.push_back(m_counters.count);
    m_connection->watchFirstElement(m_scanRequest, [this, generation](const QByteArray &cursor) {
        onCursor(generation, cursor);
    });
}

// The cursor of the oldest SCAN in flight, read ahead of its names.
void ScanLoop::onCursor(quint64 generation, const QByteArray &cursor)
{
    if (generation != m_generation || !m_running) return;
    if (cursor == "0") return; // the last reply: its names end the run in onReply()
    m_continued = true;
    ++m_counters.sentAhead;
    continueFrom(cursor);
}

void ScanLoop::continueFrom(const QByteArray &cursor)
{
    const qint64 roundTrip = m_callClock.elapsed();
    if (m_options.maxCount > m_options.count) {
        if (roundTrip <= KeyScanner::kSlowRoundTripMs)
            m_counters.count = qMin(m_counters.count * 2, m_options.maxCount);
        else
            m_counters.count = qMax(m_counters.count / 2, m_options.count);
    }
    m_cursor = cursor;
    if (m_cursor != "0") requestNext(); // the server walks on while this batch is handed out
}

void ScanLoop::onReply(quint64 generation, const RedisValue &reply)
{
    if (generation != m_generation || !m_running) return;
    const bool continued = std::exchange(m_continued, false);
    int count = m_counters.count;
    if (!m_inFlightCounts.empty()) {
        count = m_inFlightCounts.front();
        m_inFlightCounts.pop_front();
    }
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
    m_examined += quint64(count);
    const QByteArray cursor = parts[0].bytes();
    if (!continued) {
        continueFrom(cursor);
        if (!m_running) return;
    }
    deliver(parts[1].elements());
    if (cursor == "0") {
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
    if (m_connection) { // a SCAN sent ahead of an error reply, say
        m_connection->cancel(m_scanRequest);
        m_connection->cancel(m_previousScan);
    }
    m_scanRequest = m_previousScan = 0;
    m_continued = false;
    m_inFlightCounts.clear();
    if (m_events.finished) m_events.finished(m_run, complete, error, neverConnected, m_counters);
}

} // namespace redscope::Internal
