// TransferJob: one export, import, copy, compare or sync, run start to end on a worker thread
// by TransferRunner. A job talks to servers through TransferLinks it opens on that thread, reads
// and writes files itself, checks cancelled() between batches, and reports progress through
// report() (throttled; the runner hands it to the GUI thread). Everything it was configured
// with is a copy (settings, paths, names): nothing it touches is shared with the GUI thread
// except the atomic cancel flag and, for Compare, its CompareResult (compare_result.h).
#pragma once

#include "transfer/transfer_types.h"

#include <QElapsedTimer>

#include <atomic>
#include <functional>

namespace redscope {

class TransferJob
{
public:
    virtual ~TransferJob() = default;
    // Runs the whole job on the calling (worker) thread.
    void execute();

    void cancel() { m_cancel = true; }
    bool cancelled() const { return m_cancel.load(); }
    const std::atomic_bool *cancelFlag() const { return &m_cancel; }
    const TransferSummary &summary() const { return m_summary; }
    // Called on the worker thread with a copy of the summary, at most every 100 ms.
    void setProgressCallback(std::function<void(const TransferSummary &)> callback)
    {
        m_progress = std::move(callback);
    }
    // Keys per second, 0 for no limit (copy and import; a busy production server stays
    // responsive while a big copy runs).
    void setRateLimit(int keysPerSecond) { m_rate = keysPerSecond; }
    int rateLimit() const { return m_rate; }

protected:
    virtual void run(TransferSummary *summary) = 0;
    void report(bool force = false);
    // Sleeps as long as the rate limit asks for `keysDone` keys since the start.
    void throttle(qint64 keysDone);

    TransferSummary m_summary;

private:
    std::atomic_bool m_cancel{false};
    std::function<void(const TransferSummary &)> m_progress;
    QElapsedTimer m_clock;
    qint64 m_lastReport = -1000;
    int m_rate = 0;
};

} // namespace redscope
