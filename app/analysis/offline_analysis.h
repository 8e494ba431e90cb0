// OfflineAnalysis: a memory analysis of a dump.rdb, with no server. The engine's streaming
// reader (redscope/rdb.h) walks the file on a worker thread, never the GUI thread; each key's
// bytes come from the Redis 7.0 memory model (memory_model.h) and go into a ReportBuilder, so
// memory stays flat whatever the file's size. Progress is reported by bytes read; the walk
// pauses, resumes, and stops early with a report labelled partial. The snapshot source pulls
// its file first (snapshot_puller.h) and then runs this.
#pragma once

#include "analysis/analysis_report.h"
#include "analysis/report_builder.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace redscope {

class OfflineAnalysis : public QObject
{
    Q_OBJECT

public:
    explicit OfflineAnalysis(QObject *parent = nullptr);
    ~OfflineAnalysis() override; // stops the walk and waits for the worker

    // The report's source says what the file is (a user's dump.rdb or a pulled snapshot).
    void start(const QString &path, const AnalysisOptions &options,
               AnalysisSource source = AnalysisSource::RdbFile, const QString &connectionName = {});
    void pause(); // before start(): the walk starts paused
    void resume();
    void stop(); // ends the walk; finished() comes with a partial report
    bool isRunning() const;
    bool isPaused() const;

    struct Control
    {
        std::atomic<bool> stop{false};
        std::atomic<bool> paused{false};
    };
    using ProgressFn = std::function<void(quint64 bytesRead, quint64 fileSize, quint64 keys)>;
    // The walk itself, on the calling thread (the worker, tests, the benchmark).
    static bool analyse(const QString &path, const AnalysisOptions &options, AnalysisReport *report,
                        QString *error, Control *control = nullptr,
                        const ProgressFn &progress = {});

signals:
    void progress(quint64 bytesRead, quint64 fileSize, quint64 keys);
    void finished(const redscope::AnalysisReport &report);
    void failed(const QString &error);

private:
    struct Worker;
    std::unique_ptr<Worker> m_worker;
    bool m_startPaused = false; // pause() before start()
};

} // namespace redscope
