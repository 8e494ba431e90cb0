// RDB files as an export target and an import source, through the engine's public codec
// (redscope/dump.h: RdbFileWriter over DUMP payloads) and streaming reader (redscope/rdb.h).
// Export needs each key's payload; a record without one (read page by page because DUMP was
// refused) is encoded from its typed value. Import hands out each key with its payload, so the
// writer can RESTORE it exactly, and its decoded value for the type-by-type fallback.
#include "transfer/record_files.h"
#include "transfer/record_formats_p.h"

#include "redscope/dump.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace redscope::Internal {

namespace {

class RdbWriter : public RecordWriter
{
public:
    bool open(const QString &path, int db, QString *error)
    {
        std::string message;
        if (!m_writer.open(path.toStdString(), &message) || !m_writer.beginDatabase(db, &message)) {
            *error = QString::fromStdString(message);
            return false;
        }
        return true;
    }

    bool write(const KeyRecord &r, bool *unsupported, QString *error) override
    {
        std::string message;
        std::string encoded;
        const std::string *payload = &r.payload;
        *unsupported = false;
        if (r.payload.empty()) {
            if (!engine::encodeDumpPayload(r.value, &encoded, &message)) {
                *unsupported = true; // a stream read without DUMP
                return true;
            }
            payload = &encoded;
        }
        if (!m_writer.addKey(std::string_view(r.key.constData(), size_t(r.key.size())),
                             r.expireAtMs, *payload, &message)) {
            *error = QString::fromStdString(message);
            return false;
        }
        m_bytes += qint64(r.key.size() + payload->size());
        return true;
    }

    bool finish(QString *error) override
    {
        std::string message;
        if (!m_writer.finish(&message)) {
            *error = QString::fromStdString(message);
            return false;
        }
        return true;
    }
    qint64 bytesWritten() const override { return m_bytes; }

private:
    engine::RdbFileWriter m_writer;
    qint64 m_bytes = 0;
};

class RdbReader : public RecordReader, private engine::RdbVisitor
{
public:
    RdbReader(const QString &path, int dbFilter)
        : m_path(path)
        , m_dbFilter(dbFilter)
        , m_fileSize(QFileInfo(path).size())
    {
    }

    bool run(const std::function<bool(ImportItem &)> &onItem,
             const std::function<void(const ReadProblem &)> &onProblem, QString *fatal) override
    {
        m_onItem = &onItem;
        m_onProblem = &onProblem;
        engine::RdbReader reader(m_path.toStdString());
        engine::RdbWalkResult result;
        std::string error;
        const bool ok = reader.run(*this, &result, &error);
        m_size = qint64(result.bytesRead);
        if (!ok) {
            *fatal = QString::fromStdString(error);
            onProblem({0, qint64(result.bytesRead), *fatal});
        }
        return ok;
    }
    qint64 fileSize() const override { return m_fileSize; }
    qint64 position() const override { return m_size; }

private:
    engine::RdbAction onKey(const engine::RdbKey &key, engine::RdbValueAccess &value) override
    {
        if (m_dbFilter >= 0 && key.db != m_dbFilter) return engine::RdbAction::Continue;
        ImportItem &item = m_item;
        item.isCommand = false;
        item.ordinal = item.record.ordinal = m_ordinal++;
        item.offset = qint64(key.offset);
        item.record.key = QByteArray(key.key.data(), qsizetype(key.key.size()));
        item.record.expireAtMs = key.expireAtMs;
        if (!value.decode(&item.record.value)) {
            (*m_onProblem)(
                {0, qint64(key.offset),
                 QCoreApplication::translate("redscope::Transfer",
                                             "byte offset %1: key \"%2\" is a module value (%3), "
                                             "skipped")
                     .arg(key.offset)
                     .arg(QString::fromUtf8(item.record.key))
                     .arg(QString::fromUtf8(key.moduleType.data(),
                                            qsizetype(key.moduleType.size())))});
            return engine::RdbAction::Continue;
        }
        item.record.payload = value.dumpPayload();
        return (*m_onItem)(item) ? engine::RdbAction::Continue : engine::RdbAction::Stop;
    }
    engine::RdbAction onProgress(uint64_t bytesRead, uint64_t fileSize) override
    {
        m_size = qint64(bytesRead);
        m_fileSize = qint64(fileSize);
        return engine::RdbAction::Continue;
    }

    QString m_path;
    int m_dbFilter;
    qint64 m_size = 0;
    qint64 m_fileSize = 0;
    qint64 m_ordinal = 0;
    ImportItem m_item;
    const std::function<bool(ImportItem &)> *m_onItem = nullptr;
    const std::function<void(const ReadProblem &)> *m_onProblem = nullptr;
};

} // namespace

std::unique_ptr<RecordWriter> createRdbWriter(const QString &path, int db, QString *error)
{
    auto writer = std::make_unique<RdbWriter>();
    if (!writer->open(path, db, error)) return nullptr;
    return writer;
}

std::unique_ptr<RecordReader> createRdbReader(const QString &path, int dbFilter, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("redscope::Transfer", "Cannot read %1: %2")
                     .arg(path, file.errorString());
        return nullptr;
    }
    return std::make_unique<RdbReader>(path, dbFilter);
}

} // namespace redscope::Internal
