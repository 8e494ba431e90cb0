// EmbeddedEngine: the Local engine's life as the window sees it. It owns the EngineHost and
// runs every start (the first one, Restart, Start with empty data) on a worker thread, since a
// start loads the data files; the GUI thread only hears started() and stopped(). The engine
// also stops by itself (SHUTDOWN, DEBUG PANIC): the host's callback comes from the engine's
// thread and is posted here, so stopped() is always emitted on this object's thread with the
// engine's own report of why (the panic message, the SHUTDOWN as typed, the loader's error).
#pragma once

#include "local/engine_host.h"

#include <QFuture>
#include <QObject>
#include <QStringList>

#include <memory>

namespace redscope {

class EmbeddedEngine : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Idle,     // not started yet
        Starting, // a start runs on a worker thread
        Running,
        Stopped, // stopped by itself or never came up: stopReport() says why
    };
    Q_ENUM(State)
    using StopCause = EngineHost::StopCause;
    using StopReport = EngineHost::StopReport;

    explicit EmbeddedEngine(const EngineHost::Options &options = {}, QObject *parent = nullptr);
    ~EmbeddedEngine() override; // waits for a start in progress, then stops the engine

    State state() const { return m_state; }
    StopReport stopReport() const { return m_report; } // meaningful while Stopped
    // Why the engine is not running as the host knows it now: stopReport() once Stopped, and
    // also in the moment between the end of the engine's loop and stopped() (posted from the
    // engine's thread), for a client that sees its connection close first. Cause None while
    // the engine runs, starts or was never started.
    StopReport currentStopReport() const;
    QString socketPath() const { return m_socketPath; }
    QString dataDir() const { return m_dataDir; }
    QString logFile() const { return m_logFile; }
    // The file moved aside by the last startWithEmptyData(), empty otherwise.
    QString movedAside() const { return m_movedAside; }
    // The host, for what the running engine offers (importRdb); null unless Running.
    EngineHost *host() const;

    // Each starts in the background and ends in started() or stopped(); ignored while
    // Starting or Running. restart() is start() after a stop: same data directory, same
    // socket, the persistence options the engine ended with.
    void start();
    void restart() { start(); }
    // After a LoadFailed only: moves the file that did not load aside (renamed with a
    // .corrupt-<timestamp> suffix, never deleted), then starts on what is left.
    void startWithEmptyData();

    // The last `lines` lines of engine.log, read on a worker thread.
    QFuture<QStringList> readLog(int lines = 200) const;

signals:
    // started() comes just before stateChanged(Running), so that connections reconnected on
    // started() are already Connecting when views follow the state; stopped() comes after
    // stateChanged(Stopped).
    void stateChanged(redscope::EmbeddedEngine::State state);
    void started();
    void stopped(const redscope::EngineHost::StopReport &why);

private:
    struct Outcome
    {
        bool ok = false;
        StopReport report;
        QString socketPath;
        QString movedAside;
    };
    void launch(bool moveAside);
    void finish(const Outcome &outcome);
    void onLoopEnded();
    void setState(State state);

    std::unique_ptr<EngineHost> m_host;
    State m_state = State::Idle;
    StopReport m_report;
    QString m_socketPath;
    QString m_dataDir;
    QString m_logFile;
    QString m_movedAside;
    QFuture<Outcome> m_job;
};

} // namespace redscope
