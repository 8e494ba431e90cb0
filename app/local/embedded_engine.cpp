// One start at a time: the worker job holds the host while it runs and nothing else touches the
// host until finish() is back on this object's thread (the engine's own thread only reads its
// report through stopReport(), which the engine guards). The engine may stop again between a
// successful start and finish(); finish() asks the host rather than trusting the job's result.
#include "local/embedded_engine.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace redscope {

EmbeddedEngine::EmbeddedEngine(const EngineHost::Options &options, QObject *parent)
    : QObject(parent)
    , m_host(std::make_unique<EngineHost>(options))
    , m_dataDir(m_host->dataDir())
    , m_logFile(m_host->logFile())
{
    // On the engine's thread, which stop() joins before this object goes: posting is safe.
    m_host->setLoopEndedCallback([this] {
        QMetaObject::invokeMethod(this, &EmbeddedEngine::onLoopEnded, Qt::QueuedConnection);
    });
}

EmbeddedEngine::~EmbeddedEngine()
{
    m_job.waitForFinished(); // a start cannot be interrupted; it loads at most one dataset
    m_host->stop();
}

EngineHost *EmbeddedEngine::host() const
{
    return m_state == State::Running ? m_host.get() : nullptr;
}

EmbeddedEngine::StopReport EmbeddedEngine::currentStopReport() const
{
    switch (m_state) {
    case State::Running:
        return m_host->stopReport(); // None until the engine's loop has ended
    case State::Stopped:
        return m_report;
    case State::Idle:
    case State::Starting:
        break;
    }
    return {};
}

void EmbeddedEngine::start()
{
    if (m_state == State::Starting || m_state == State::Running) return;
    launch(false);
}

void EmbeddedEngine::startWithEmptyData()
{
    if (m_state != State::Stopped || m_report.cause != StopCause::LoadFailed) return;
    launch(true);
}

QFuture<QStringList> EmbeddedEngine::readLog(int lines) const
{
    return QtConcurrent::run(
        [file = m_logFile, lines] { return EngineHost::readLogTail(file, lines); });
}

void EmbeddedEngine::launch(bool moveAside)
{
    m_movedAside.clear();
    setState(State::Starting);
    EngineHost *host = m_host.get();
    m_job = QtConcurrent::run([host, moveAside] {
        Outcome outcome;
        if (moveAside) {
            QString error;
            outcome.movedAside = host->moveUnloadableAside(&error);
            if (outcome.movedAside.isEmpty()) {
                outcome.report = host->stopReport();
                outcome.report.detail = error + QLatin1Char('\n') + outcome.report.detail;
                return outcome;
            }
        }
        outcome.ok = host->start(nullptr);
        outcome.socketPath = host->socketPath();
        if (!outcome.ok) outcome.report = host->stopReport();
        return outcome;
    });
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        finish(watcher->result());
    });
    watcher->setFuture(m_job);
}

void EmbeddedEngine::finish(const Outcome &outcome)
{
    if (!outcome.socketPath.isEmpty()) m_socketPath = outcome.socketPath;
    m_movedAside = outcome.movedAside;
    if (outcome.ok && m_host->isRunning()) {
        m_report = {};
        m_state = State::Running;
        emit started(); // first: whoever reconnects has done so when pages follow the state
        emit stateChanged(m_state);
        return;
    }
    m_report = outcome.ok ? m_host->stopReport() : outcome.report;
    setState(State::Stopped);
    emit stopped(m_report);
}

void EmbeddedEngine::onLoopEnded()
{
    if (m_state != State::Running) return; // finish() saw it first
    m_report = m_host->stopReport();
    setState(State::Stopped);
    emit stopped(m_report);
}

void EmbeddedEngine::setState(State state)
{
    if (m_state == state) return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace redscope
