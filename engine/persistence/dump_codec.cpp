// The public DUMP payload codec and RDB file writer (include/redscope/dump.h). Decoding goes
// through the loader's own value decoder and encoding through the writer's, so a payload
// means exactly what RESTORE and DUMP make of it; the file writer only frames payload bodies
// with the RDB opcodes (header, SELECTDB, EXPIRETIME_MS, EOF, CRC-64), as rdb_writer.cpp does
// for a SAVE, which keeps memory flat: one key's payload at a time.
#include "redscope/dump.h"

#include "persistence/crc64.h"
#include "persistence/dump_payload.h"
#include "persistence/rdb_format.h"
#include "persistence/rdb_loader.h"
#include "persistence/rdb_value_copy.h"
#include "storage/value.h"
#include "util/strings.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace redscope::engine {

namespace {

constexpr size_t kFooterBytes = 10; // version (2) + CRC-64 (8)

bool writeAll(int fd, const std::string &data, std::string *error)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            *error = std::string("write failed: ") + std::strerror(errno);
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

void appendRdbString(std::string &out, std::string_view s)
{
    rdb::appendLength(out, s.size());
    out.append(s);
}

} // namespace

int dumpPayloadRdbVersion(std::string_view payload)
{
    if (payload.size() < kFooterBytes) return 0;
    const size_t footer = payload.size() - kFooterBytes;
    return static_cast<uint8_t>(payload[footer]) | static_cast<uint8_t>(payload[footer + 1]) << 8;
}

bool decodeDumpValue(std::string_view payload, RdbValue *out, std::string *error)
{
    if (!dumpPayloadFooterValid(payload)) {
        *error = "DUMP payload version or checksum are wrong";
        return false;
    }
    if (!payload.empty() && (payload[0] == rdb::kTypeModule || payload[0] == rdb::kTypeModule2)) {
        *error = "module values cannot be decoded without their module";
        return false;
    }
    Value value;
    RdbLoadOptions options;
    options.skipExpired = false;
    if (!decodeDumpPayload(payload, options, &value, error)) return false;
    copyToRdbValue(value, out);
    return true;
}

bool encodeDumpPayload(const RdbValue &in, std::string *payload, std::string *error)
{
    const auto &items = in.items;
    const bool pairs = in.type == RdbType::Hash || in.type == RdbType::ZSet;
    if (in.type == RdbType::Stream || in.type == RdbType::Module) {
        *error = std::string(rdbTypeName(in.type)) + " values cannot be encoded here";
        return false;
    }
    if (in.type == RdbType::String ? items.size() != 1 : items.empty()) {
        *error = in.type == RdbType::String ? "a string needs exactly one item"
                                            : "empty collections are not stored";
        return false;
    }
    if (pairs && items.size() % 2 != 0) {
        *error = "odd number of items for a hash or zset";
        return false;
    }
    Value value;
    switch (in.type) {
    case RdbType::String:
        value = Value(items.front());
        break;
    case RdbType::List:
        value = Value::newList();
        for (const auto &e : items)
            value.list().pushBack(e);
        break;
    case RdbType::Set:
        value = Value::newSet();
        for (const auto &e : items)
            value.set().add(e, SetValue::kDefaultMaxIntsetEntries);
        break;
    case RdbType::Hash:
        value = Value::newHash();
        for (size_t i = 0; i < items.size(); i += 2)
            value.hash().set(items[i], items[i + 1], HashLimits{});
        break;
    case RdbType::ZSet:
        value = Value::newSortedSet();
        for (size_t i = 0; i < items.size(); i += 2) {
            double score = 0;
            if (!parseDouble(items[i + 1], &score)) {
                *error = "not a valid score: " + items[i + 1];
                return false;
            }
            value.zset().add(items[i], score, ZsetLimits{});
        }
        break;
    default:
        break;
    }
    *payload = makeDumpPayload(value, true);
    return true;
}

struct RdbFileWriter::Impl
{
    std::string path, tempPath;
    int fd = -1;
    uint64_t crc = 0;
    uint64_t keys = 0;
    std::string buffer;
    bool finished = false;

    bool flush(std::string *error)
    {
        crc = crc64(crc, buffer.data(), buffer.size());
        const bool ok = writeAll(fd, buffer, error);
        buffer.clear();
        return ok;
    }
};

RdbFileWriter::RdbFileWriter()
    : m_impl(std::make_unique<Impl>())
{
}

RdbFileWriter::~RdbFileWriter()
{
    if (m_impl->fd >= 0) ::close(m_impl->fd);
    if (!m_impl->finished && !m_impl->tempPath.empty()) ::unlink(m_impl->tempPath.c_str());
}

bool RdbFileWriter::open(const std::string &path, std::string *error)
{
    Impl &d = *m_impl;
    d.path = path;
    d.tempPath = path + ".tmp";
    d.fd = ::open(d.tempPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (d.fd < 0) {
        *error = "cannot create " + d.tempPath + ": " + std::strerror(errno);
        d.tempPath.clear();
        return false;
    }
    char header[16];
    std::snprintf(header, sizeof header, "REDIS%04d", rdb::kVersion);
    d.buffer = header;
    const auto aux = [&d](std::string_view name, std::string_view value) {
        d.buffer.push_back(static_cast<char>(rdb::kOpAux));
        appendRdbString(d.buffer, name);
        appendRdbString(d.buffer, value);
    };
    aux("redis-ver", "7.0.15"); // the format's version: what loads it, not who wrote it
    aux("redis-bits", "64");
    aux("ctime", std::to_string(static_cast<long long>(std::time(nullptr))));
    return true;
}

bool RdbFileWriter::beginDatabase(int db, std::string *)
{
    m_impl->buffer.push_back(static_cast<char>(rdb::kOpSelectDb));
    rdb::appendLength(m_impl->buffer, static_cast<uint64_t>(db));
    return true;
}

bool RdbFileWriter::addKey(std::string_view key, int64_t expireAtMs, std::string_view payload,
                           std::string *error)
{
    Impl &d = *m_impl;
    if (d.fd < 0) {
        *error = "the file is not open";
        return false;
    }
    if (!dumpPayloadFooterValid(payload)) {
        *error = "DUMP payload version or checksum are wrong";
        return false;
    }
    if (expireAtMs >= 0) {
        d.buffer.push_back(static_cast<char>(rdb::kOpExpireTimeMs));
        rdb::appendLittleEndian(d.buffer, static_cast<uint64_t>(expireAtMs), 8);
    }
    // A payload is the type byte and the value; the key goes between them.
    d.buffer.push_back(payload[0]);
    appendRdbString(d.buffer, key);
    d.buffer.append(payload.substr(1, payload.size() - kFooterBytes - 1));
    ++d.keys;
    if (d.buffer.size() >= (1u << 20)) return d.flush(error);
    return true;
}

bool RdbFileWriter::finish(std::string *error)
{
    Impl &d = *m_impl;
    if (d.fd < 0) {
        *error = "the file is not open";
        return false;
    }
    d.buffer.push_back(static_cast<char>(rdb::kOpEof));
    if (!d.flush(error)) return false;
    std::string trailer;
    rdb::appendLittleEndian(trailer, d.crc, 8);
    if (!writeAll(d.fd, trailer, error)) return false;
    if (::fsync(d.fd) != 0 || ::close(d.fd) != 0) {
        d.fd = -1;
        *error = std::string("cannot sync ") + d.tempPath + ": " + std::strerror(errno);
        return false;
    }
    d.fd = -1;
    if (::rename(d.tempPath.c_str(), d.path.c_str()) != 0) {
        *error = "cannot rename to " + d.path + ": " + std::strerror(errno);
        return false;
    }
    d.finished = true;
    return true;
}

uint64_t RdbFileWriter::keysWritten() const
{
    return m_impl->keys;
}

} // namespace redscope::engine
