// KeyScanner: the GUI-thread face of a ScanLoop. Runs are numbered; the number is checked on
// both sides: the worker hands a batch to the key sink only under the lock that cancel() and
// start() take to change the current run (so a stale batch can never reach a KeyIndex that was
// cleared for the next run), and this thread drops queued events of an older run.
#include "keys/key_scanner.h"

#include "connection/background_priority.h"
#include "connection/redis_connection.h"
#include "keys/key_scan_loop.h"

#include <QMetaMethod>
#include <QMutex>
#include <QThread>

namespace redscope {

namespace Internal {
// Lives on the scanner's worker thread and owns what runs there.
struct ScanHost : QObject
{
    RedisConnection *connection = nullptr;
    ScanLoop *loop = nullptr;
};
} // namespace Internal

struct KeyScanner::Shared
{
    QMutex mutex;
    quint64 run = 0;
    KeySink sink;
};

KeyScanner::KeyScanner(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_shared(std::make_shared<Shared>())
{
}

KeyScanner::~KeyScanner()
{
    {
        QMutexLocker locker(&m_shared->mutex);
        m_shared->run = ++m_run;
        m_shared->sink = {};
    }
    stopWorker();
}

void KeyScanner::setKeySink(KeySink sink)
{
    QMutexLocker locker(&m_shared->mutex);
    m_shared->sink = std::move(sink);
}

void KeyScanner::newRun()
{
    QMutexLocker locker(&m_shared->mutex);
    m_shared->run = ++m_run;
}

void KeyScanner::start(const Options &options)
{
    if (m_running) cancel();
    m_options = options;
    if (m_options.count < 10) m_options.count = 10;
    m_count = m_options.count;
    m_seen = 0;
    m_dbSize = 0;
    m_calls = 0;
    m_sentAhead = 0;
    m_running = true;
    m_clock.start();
    newRun();
    if (!m_connection) {
        finish(false, tr("No connection"));
        return;
    }
    startLoop();
}

void KeyScanner::startLoop()
{
    const quint64 run = m_run;
    m_runOnWorker = m_useWorker && !m_workerFailed;
    if (!m_runOnWorker) {
        if (!m_localLoop) m_localLoop = makeLoop(m_connection, this);
        m_localLoop->start(run, m_options);
        return;
    }
    ensureWorker();
    Internal::ScanHost *host = m_host;
    QMetaObject::invokeMethod(
        host, [host, run, options = m_options] { host->loop->start(run, options); });
}

// One worker connection per database: a SELECT on the given connection (currentDbChanged)
// gives the next scan a fresh connection to the new db.
void KeyScanner::ensureWorker()
{
    const int db = m_connection->currentDb();
    if (m_thread && m_workerDb == db) return;
    if (!m_thread) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("redscope-keyscanner"));
        m_host = new Internal::ScanHost;
        m_host->moveToThread(m_thread);
        m_thread->start();
        QMetaObject::invokeMethod(m_host, [] { Internal::lowerThisThreadsPriority(); });
    }
    m_workerDb = db;
    ConnectionSettings settings = m_connection->settings().named(QStringLiteral("redscope:keys"));
    settings.db = db;
    Internal::ScanHost *host = m_host;
    QMetaObject::invokeMethod(host, [this, host, settings] {
        delete host->loop; // the previous db's
        delete host->connection;
        host->connection = new RedisConnection(settings, host);
        host->loop = makeLoop(host->connection, host);
        host->connection->connectToServer();
    });
}

void KeyScanner::stopWorker()
{
    if (!m_thread) return;
    Internal::ScanHost *host = m_host;
    QMetaObject::invokeMethod(
        host,
        [host] {
            delete host->loop;
            delete host->connection;
            host->loop = nullptr;
            host->connection = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_host;
    m_host = nullptr;
}

// The loop's events run on the loop's thread; they reach this object as queued calls, which
// Qt drops if it is destroyed first (its destructor stops the worker thread before that).
Internal::ScanLoop *KeyScanner::makeLoop(RedisConnection *connection, QObject *parent)
{
    Internal::ScanLoop::Events events;
    std::shared_ptr<Shared> shared = m_shared;
    events.batch = [this, shared](quint64 run, QList<QByteArray> &&keys,
                                  const Internal::ScanLoop::Counters &c) {
        {
            QMutexLocker locker(&shared->mutex);
            if (run != shared->run) return;
            if (shared->sink) shared->sink(keys, c.expected);
        }
        // The names travel on to this object's thread only for a batchReady() receiver: the
        // key browser's come through the sink, and 32768 names that nobody reads would still
        // be freed on the GUI thread. (isSignalConnected is what emit itself checks, from any
        // thread.)
        QList<QByteArray> forSignal;
        if (isSignalConnected(QMetaMethod::fromSignal(&KeyScanner::batchReady)))
            forSignal = std::move(keys);
        QMetaObject::invokeMethod(
            this, [this, run, keys = std::move(forSignal), c] { onBatch(run, keys, c); },
            Qt::QueuedConnection);
    };
    events.progress = [this](quint64 run, quint64 done, quint64 total,
                             const Internal::ScanLoop::Counters &c) {
        QMetaObject::invokeMethod(
            this, [this, run, done, total, c] { onProgress(run, done, total, c); },
            Qt::QueuedConnection);
    };
    events.finished = [this](quint64 run, bool complete, const QString &error, bool neverConnected,
                             const Internal::ScanLoop::Counters &c) {
        QMetaObject::invokeMethod(
            this,
            [this, run, complete, error, neverConnected, c] {
                onFinished(run, complete, error, neverConnected, c);
            },
            Qt::QueuedConnection);
    };
    return new Internal::ScanLoop(connection, std::move(events), parent);
}

void KeyScanner::storeCounters(const Internal::ScanCounters &counters)
{
    m_seen = counters.seen;
    m_dbSize = counters.dbSize;
    m_calls = counters.calls;
    m_sentAhead = counters.sentAhead;
    m_count = counters.count;
}

void KeyScanner::onBatch(quint64 run, const QList<QByteArray> &keys,
                         const Internal::ScanCounters &c)
{
    if (run != m_run || !m_running) return;
    storeCounters(c);
    if (!keys.isEmpty()) emit batchReady(keys);
}

void KeyScanner::onProgress(quint64 run, quint64 done, quint64 total,
                            const Internal::ScanCounters &c)
{
    if (run != m_run || !m_running) return;
    storeCounters(c);
    emit progress(done, total);
}

void KeyScanner::onFinished(quint64 run, bool complete, const QString &error, bool neverConnected,
                            const Internal::ScanCounters &c)
{
    if (run != m_run || !m_running) return;
    if (neverConnected && m_runOnWorker && m_connection &&
        m_connection->state() == RedisConnection::State::Ready) {
        // The scanner's own connection could not be opened; the given one works.
        m_workerFailed = true;
        newRun();
        startLoop();
        return;
    }
    storeCounters(c);
    finish(complete, error);
}

void KeyScanner::cancel()
{
    if (!m_running) return;
    const quint64 run = m_run;
    if (m_runOnWorker && m_host) {
        Internal::ScanHost *host = m_host;
        QMetaObject::invokeMethod(host, [host, run] {
            if (host->loop) host->loop->cancel(run);
        });
    } else if (m_localLoop) {
        m_localLoop->cancel(run);
    }
    finish(false, tr("Cancelled"));
}

void KeyScanner::finish(bool complete, const QString &error)
{
    m_running = false;
    newRun();
    if (complete) emit progress(qMax(m_dbSize, m_seen), qMax(m_dbSize, m_seen));
    emit finished(complete, error);
}

} // namespace redscope
