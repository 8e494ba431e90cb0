// KeyScanner: a SCAN loop driven by reply callbacks. A generation number guards against a
// late reply from a previous run (cancel() also cancels the request itself).
#include "key_scanner.h"

namespace redscope {

KeyScanner::KeyScanner(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{}

KeyScanner::~KeyScanner()
{
    if (m_connection) {
        m_connection->cancel(m_scanRequest);
        m_connection->cancel(m_sizeRequest);
    }
}

void KeyScanner::start(const Options &options)
{
    if (m_running) cancel();
    m_options = options;
    if (m_options.count < 10) m_options.count = 10;
    m_count = m_options.count;
    m_cursor = "0";
    m_seen = 0;
    m_dbSize = 0;
    m_calls = 0;
    m_examined = 0;
    m_running = true;
    m_clock.start();
    const quint64 generation = ++m_generation;
    if (!m_connection) {
        finish(false, tr("No connection"));
        return;
    }
    if (m_connection->cluster()) {
        startCluster(generation);
        return;
    }
    m_sizeRequest = m_connection->send({"DBSIZE"}, [this, generation](const RedisValue &reply) {
        if (generation != m_generation) return;
        if (reply.type() == RedisValue::Type::Integer) m_dbSize = quint64(reply.toInteger());
    });
    requestNext();
}

void KeyScanner::cancel()
{
    if (!m_running) return;
    if (m_connection) {
        m_connection->cancel(m_scanRequest);
        m_connection->cancel(m_sizeRequest);
    }
    finish(false, tr("Cancelled"));
}

void KeyScanner::requestNext()
{
    QList<QByteArray> args{"SCAN", m_cursor};
    if (!m_options.pattern.isEmpty() && m_options.pattern != "*")
        args << "MATCH" << m_options.pattern;
    args << "COUNT" << QByteArray::number(m_count);
    if (!m_options.type.isEmpty()) args << "TYPE" << m_options.type;
    const quint64 generation = m_generation;
    m_callClock.start();
    m_scanRequest = m_connection->send(
        args, [this, generation](const RedisValue &reply) { onReply(generation, reply); });
}

void KeyScanner::onReply(quint64 generation, const RedisValue &reply)
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
    ++m_calls;
    const qint64 roundTrip = m_callClock.elapsed();
    const int examinedNow = m_count;
    if (m_options.maxCount > m_options.count) {
        if (roundTrip <= kSlowRoundTripMs)
            m_count = qMin(m_count * 2, m_options.maxCount);
        else
            m_count = qMax(m_count / 2, m_options.count);
    }
    m_examined += quint64(examinedNow);
    m_cursor = parts[0].bytes();
    const RedisValue::List &names = parts[1].elements();
    if (!names.empty()) {
        QList<QByteArray> keys;
        keys.reserve(qsizetype(names.size()));
        for (const RedisValue &name : names) keys.append(name.bytes());
        m_seen += quint64(keys.size());
        emit batchReady(keys);
        if (generation != m_generation) return; // a slot cancelled or restarted us
    }
    const bool filtered = !m_options.type.isEmpty() ||
                          (!m_options.pattern.isEmpty() && m_options.pattern != "*");
    const quint64 examined = filtered ? qMax(m_seen, m_examined) : m_seen;
    const bool done = m_cursor == "0";
    if (done) {
        finish(true, {});
        return;
    }
    // The total is an estimate: keep the bar short of full until the cursor says so.
    const quint64 total = qMax(m_dbSize, examined + examined / 100 + 1);
    emit progress(qMin(examined, total), total);
    requestNext();
}

void KeyScanner::finish(bool complete, const QString &error)
{
    m_running = false;
    ++m_generation;
    m_scanRequest = 0;
    if (complete) emit progress(qMax(m_dbSize, m_seen), qMax(m_dbSize, m_seen));
    emit finished(complete, error);
}

} // namespace redscope
