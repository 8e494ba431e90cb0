// TransferRunner: runs one TransferJob on a thread of its own and brings its progress and end
// to the GUI thread as signals. The dialogs own a runner; destroying it cancels the job and
// waits for the thread (the job notices within ~100 ms: its waits poll the cancel flag).
#pragma once

#include "transfer/transfer_job.h"

#include <QObject>

#include <memory>

class QThread;

namespace redscope {

class TransferRunner : public QObject
{
    Q_OBJECT

public:
    explicit TransferRunner(QObject *parent = nullptr);
    ~TransferRunner() override;

    // Starts job (one at a time: false while another runs).
    bool start(std::unique_ptr<TransferJob> job);
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    // Blocks until the job ends (tests, and the destructor).
    void wait();
    const TransferSummary &lastSummary() const { return m_last; }

signals:
    void progress(const redscope::TransferSummary &summary);
    void finished(const redscope::TransferSummary &summary);

private:
    void onFinished();

    std::unique_ptr<TransferJob> m_job;
    QThread *m_thread = nullptr;
    TransferSummary m_last;
};

} // namespace redscope
