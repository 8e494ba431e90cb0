// Internal to app/transfer's file formats: a buffered output file that only appears under its
// name once finished (written as "<name>.part", renamed by finish(), removed if abandoned), a
// line reader that knows each line's byte offset, and the per-format factories.
#pragma once

#include "transfer/record_files.h"

#include <QFile>

namespace redscope::Internal {

class BufferedFile
{
public:
    ~BufferedFile();
    bool open(const QString &path, QString *error);
    QByteArray &buffer() { return m_buffer; }
    bool maybeFlush(QString *error) { return m_buffer.size() < (1 << 20) || flush(error); }
    bool flush(QString *error);
    bool finish(QString *error);
    qint64 bytesWritten() const { return m_written + m_buffer.size(); }

private:
    QString m_path;
    QFile m_file;
    QByteArray m_buffer;
    qint64 m_written = 0;
    bool m_finished = false;
};

class LineFile
{
public:
    bool open(const QString &path, QString *error);
    // The next line without its line break; false at the end.
    bool readLine(QByteArray *line);
    qint64 lineOffset() const { return m_lineOffset; } // where the last line started
    qint64 position() const { return m_offset; }
    qint64 size() const { return m_file.size(); }
    QFile &file() { return m_file; }

private:
    QFile m_file;
    qint64 m_offset = 0;
    qint64 m_lineOffset = 0;
};

// The readers of text files read line by line (CSV, JSON Lines, redis-cli commands): the
// file's size and read position are their progress.
class LineFileReader : public RecordReader
{
public:
    bool open(const QString &path, QString *error) { return m_in.open(path, error); }
    qint64 fileSize() const override { return m_in.size(); }
    qint64 position() const override { return m_in.position(); }

protected:
    LineFile m_in;
};

// A writer or reader opened on path, or null with *error set: what every create*() returns.
template<typename Format>
std::unique_ptr<Format> opened(std::unique_ptr<Format> format, const QString &path,
                               QString *error)
{
    if (!format->open(path, error)) return nullptr;
    return format;
}

std::unique_ptr<RecordWriter> createJsonLinesWriter(const QString &path, TtlMode ttl,
                                                    QString *error);
std::unique_ptr<RecordReader> createJsonLinesReader(const QString &path, QString *error);
std::unique_ptr<RecordWriter> createCsvWriter(const QString &path, TtlMode ttl, QString *error);
std::unique_ptr<RecordReader> createCsvReader(const QString &path, QString *error);
std::unique_ptr<RecordWriter> createRespWriter(const QString &path, TtlMode ttl, QString *error);
std::unique_ptr<RecordReader> createRespReader(const QString &path, QString *error);
std::unique_ptr<RecordReader> createCommandsReader(const QString &path, QString *error);
std::unique_ptr<RecordWriter> createRdbWriter(const QString &path, int db, QString *error);
std::unique_ptr<RecordReader> createRdbReader(const QString &path, int dbFilter, QString *error);

} // namespace redscope::Internal
