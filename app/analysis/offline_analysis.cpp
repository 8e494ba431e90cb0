// The visitor turns each RdbKey into KeyFacts: strings are sized from their length alone;
// collections are decoded (the reader has them decoded already) so the model can size their
// items. TTLs are taken relative to the file's ctime, the moment the snapshot describes.
#include "analysis/offline_analysis.h"

#include "redscope/rdb.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimeZone>

#include <thread>

namespace redscope {

namespace {

using namespace redscope::engine;

KeyType keyTypeOf(RdbType type)
{
    switch (type) {
    case RdbType::String:
        return KeyType::String;
    case RdbType::List:
        return KeyType::List;
    case RdbType::Set:
        return KeyType::Set;
    case RdbType::ZSet:
        return KeyType::SortedSet;
    case RdbType::Hash:
        return KeyType::Hash;
    case RdbType::Stream:
        return KeyType::Stream;
    case RdbType::Module:
        break;
    }
    return KeyType::Other;
}

bool parseStreamId(const std::string &id, int64_t *ms, int64_t *seq)
{
    const size_t dash = id.find('-');
    if (dash == std::string::npos) return false;
    *ms = std::strtoll(id.c_str(), nullptr, 10);
    *seq = std::strtoll(id.c_str() + dash + 1, nullptr, 10);
    return true;
}

class Walker : public RdbVisitor
{
public:
    Walker(ReportBuilder &builder, OfflineAnalysis::Control *control,
           const OfflineAnalysis::ProgressFn &progress)
        : m_builder(builder)
        , m_control(control)
        , m_progress(progress)
    {
    }

    RdbAction onAux(std::string_view name, std::string_view value) override
    {
        if (name == "redis-ver") serverVersion = QString::fromUtf8(value.data(), value.size());
        if (name == "ctime") {
            ctimeMs = std::strtoll(std::string(value).c_str(), nullptr, 10) * 1000;
            if (ctimeMs > 0) referenceMs = ctimeMs;
        }
        return RdbAction::Continue;
    }

    RdbAction onKey(const RdbKey &key, RdbValueAccess &access) override
    {
        if ((++m_seen & 1023) == 0 && interrupted()) return RdbAction::Stop;
        KeyFacts f;
        f.db = key.db;
        f.key = key.key;
        f.type = keyTypeOf(key.type);
        f.typeName = key.type == RdbType::Module && !key.moduleType.empty()
                         ? key.moduleType
                         : std::string_view(rdbTypeName(key.type));
        f.encoding = memmodel::encodingFromName(key.encoding);
        f.elements = key.elements;
        if (key.expireAtMs != -1) f.ttlMs = std::max<int64_t>(0, key.expireAtMs - referenceMs);
        f.idleSeconds = key.idleSeconds;
        f.frequency = key.lfuFrequency;
        const uint64_t keyLength = key.key.size();
        const memmodel::Limits &limits = m_builder.options().limits;
        memmodel::ValueShape shape;
        switch (key.type) {
        case RdbType::String:
            f.bytes =
                memmodel::stringBytes(f.encoding, key.elements) + memmodel::keyOverhead(keyLength);
            m_builder.add(f);
            if (m_builder.wantsCompressionSample(key.elements) && access.decode(&m_value) &&
                !m_value.items.empty())
                m_builder.addCompressionSample(f, m_value.items.front());
            return RdbAction::Continue;
        case RdbType::List:
        case RdbType::Set:
        case RdbType::ZSet:
        case RdbType::Hash:
            if (!access.decode(&m_value)) break;
            if (key.type == RdbType::List)
                shape = memmodel::listShape(keyLength, m_value.items, limits);
            else if (key.type == RdbType::Set)
                shape = memmodel::setShape(keyLength, f.encoding, m_value.items, limits);
            else if (key.type == RdbType::Hash)
                shape = memmodel::hashShape(keyLength, f.encoding, m_value.items, limits);
            else
                shape = memmodel::zsetShape(keyLength, f.encoding, m_value.items, limits);
            break;
        case RdbType::Stream: {
            if (!access.decode(&m_value)) break;
            m_entries.clear();
            for (const RdbStreamEntry &e : m_value.streamEntries) {
                memmodel::StreamEntryView view;
                parseStreamId(e.id, &view.ms, &view.seq);
                view.fields = &e.fields;
                m_entries.push_back(view);
            }
            shape = memmodel::streamShape(keyLength, m_entries, key.streamGroups, limits);
            break;
        }
        case RdbType::Module:
            // No model for a module's memory: its serialized size stands in.
            shape.bytes = key.serializedBytes + memmodel::keyOverhead(keyLength);
            break;
        }
        f.bytes = shape.bytes;
        f.shape = &shape;
        m_builder.add(f);
        return RdbAction::Continue;
    }

    RdbAction onProgress(uint64_t bytesRead, uint64_t fileSize) override
    {
        if (m_progress) m_progress(bytesRead, fileSize, m_builder.keys());
        return interrupted() ? RdbAction::Stop : RdbAction::Continue;
    }

    bool interrupted()
    {
        if (!m_control) return false;
        while (m_control->paused.load() && !m_control->stop.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return m_control->stop.load();
    }

    QString serverVersion;
    int64_t ctimeMs = 0;
    int64_t referenceMs = QDateTime::currentMSecsSinceEpoch();

private:
    ReportBuilder &m_builder;
    OfflineAnalysis::Control *m_control;
    const OfflineAnalysis::ProgressFn &m_progress;
    RdbValue m_value;
    std::vector<memmodel::StreamEntryView> m_entries;
    uint64_t m_seen = 0;
};

} // namespace

struct OfflineAnalysis::Worker
{
    Control control;
    std::thread thread;
};

OfflineAnalysis::OfflineAnalysis(QObject *parent)
    : QObject(parent)
{
}

OfflineAnalysis::~OfflineAnalysis()
{
    if (m_worker) {
        m_worker->control.stop = true;
        if (m_worker->thread.joinable()) m_worker->thread.join();
    }
}

bool OfflineAnalysis::analyse(const QString &path, const AnalysisOptions &options,
                              AnalysisReport *report, QString *error, Control *control,
                              const ProgressFn &progress)
{
    QElapsedTimer timer;
    timer.start();
    ReportBuilder builder(options);
    Walker walker(builder, control, progress);
    RdbReader reader(QFile::encodeName(path).toStdString());
    RdbWalkResult result;
    std::string message;
    const bool ok = reader.run(walker, &result, &message);
    if (!ok && result.keys == 0) {
        if (error) *error = QString::fromStdString(message);
        return false;
    }
    *report = builder.build();
    report->source = AnalysisSource::RdbFile;
    report->sourceName = path;
    report->createdAt = QDateTime::currentDateTimeUtc();
    report->dataTime = walker.ctimeMs > 0 ? QDateTime::fromMSecsSinceEpoch(walker.ctimeMs, Qt::UTC)
                                          : QFileInfo(path).lastModified().toUTC();
    report->bytesModelled = true;
    report->serverVersion = walker.serverVersion;
    report->seconds = double(timer.elapsed()) / 1000.0;
    if (!ok) {
        report->partial = true;
        report->partialReason = tr("The file is damaged after %1 keys: %2")
                                    .arg(result.keys)
                                    .arg(QString::fromStdString(message));
    } else if (result.stopped) {
        report->partial = true;
        report->partialReason = tr("Stopped after %1 keys (%2% of the file)")
                                    .arg(result.keys)
                                    .arg(int(100.0 * double(result.bytesRead) /
                                             double(std::max<qint64>(1, QFileInfo(path).size()))));
    }
    return true;
}

void OfflineAnalysis::start(const QString &path, const AnalysisOptions &options,
                            AnalysisSource source, const QString &connectionName)
{
    if (isRunning()) return;
    if (m_worker && m_worker->thread.joinable()) m_worker->thread.join();
    m_worker = std::make_unique<Worker>();
    Control *control = &m_worker->control;
    control->paused = std::exchange(m_startPaused, false);
    m_worker->thread = std::thread([this, path, options, source, connectionName, control] {
        // Progress at most every 100 ms; queued to the GUI thread through this object,
        // whose destructor joins the thread before anything queued could outlive it.
        QElapsedTimer throttle;
        throttle.start();
        auto onProgress = [&](quint64 done, quint64 total, quint64 keys) {
            if (throttle.elapsed() < 100 && done < total) return;
            throttle.restart();
            QMetaObject::invokeMethod(
                this, [this, done, total, keys] { emit progress(done, total, keys); },
                Qt::QueuedConnection);
        };
        AnalysisReport report;
        QString error;
        if (!analyse(path, options, &report, &error, control, onProgress)) {
            QMetaObject::invokeMethod(
                this,
                [this, error] {
                    if (m_worker && m_worker->thread.joinable()) m_worker->thread.join();
                    emit failed(error);
                },
                Qt::QueuedConnection);
            return;
        }
        report.source = source;
        report.connectionName = connectionName;
        if (source == AnalysisSource::Mirror) // its file is a temporary copy: name the server
            report.sourceName = tr("%1, mirrored in the Local engine").arg(connectionName);
        QMetaObject::invokeMethod(
            this,
            [this, report = std::move(report)] {
                if (m_worker && m_worker->thread.joinable()) m_worker->thread.join();
                emit finished(report);
            },
            Qt::QueuedConnection);
    });
}

void OfflineAnalysis::pause()
{
    if (isRunning())
        m_worker->control.paused = true;
    else
        m_startPaused = true;
}

void OfflineAnalysis::resume()
{
    if (m_worker) m_worker->control.paused = false;
}

void OfflineAnalysis::stop()
{
    if (m_worker) m_worker->control.stop = true;
}

bool OfflineAnalysis::isRunning() const
{
    return m_worker && m_worker->thread.joinable();
}

bool OfflineAnalysis::isPaused() const
{
    return m_worker && m_worker->control.paused.load();
}

} // namespace redscope
