// RDB serialization. Values are written in the plain encodings every Redis since 2.x
// understands, except lists, which use Redis 7.0's own QUICKLIST_2 with one listpack per
// node of the list (bounded by its list-max-listpack-size), so a list loads into Redis 7.0
// without a conversion pass, packed hashes written as the listpack they are in Redis 7.0, and sets held
// as IntSets, whose block is already the intset blob:
//   string  -> STRING (int8/16/32 when the text is a canonical integer, LZF when smaller)
//   list    -> QUICKLIST_2 (packed listpack nodes, plain nodes for elements over the
//              packed threshold)
//   hash    -> HASH_LISTPACK (field, value string entries) when packed, else HASH (pairs)
//   set     -> SET_INTSET (the IntSet blob) or SET (members) for a hash table
//   zset    -> ZSET_LISTPACK while packed (member, score pairs; integral scores as listpack
//              integers, others as "%.17g" text, as Redis 7.0 writes them), else ZSET_2
//              (member, binary little-endian double)
//   stream  -> STREAM_LISTPACKS_2 (Redis 7.0's: listpack nodes, groups, PEL, consumers)
//
// Output goes through a 1 MiB buffer; the CRC-64 is computed over each chunk as it leaves,
// so the file is read never and written once.
#include "scripting/function_payload.h"
#include "persistence/rdb_writer.h"

#include "persistence/compact_encodings.h"
#include "persistence/crc64.h"
#include "persistence/lzf.h"
#include "persistence/rdb_format.h"
#include "server/server.h"
#include "server/version.h"
#include "storage/zset.h"
#include "util/debug_delay.h"
#include "util/strings.h"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

constexpr size_t kFlushThreshold = 1 << 20;

class RdbWriter
{
public:
    RdbWriter(int fd, const RdbSaveOptions &options)
        : m_fd(fd)
        , m_options(options)
    {
        m_buffer.reserve(kFlushThreshold + 65536);
    }

    std::string &buffer() { return m_buffer; }

    // An in-memory writer (fd < 0, for DUMP payloads) never flushes.
    bool maybeFlush() { return m_fd < 0 || m_buffer.size() < kFlushThreshold || flush(); }

    bool flush()
    {
        if (m_options.checksum) m_crc = crc64(m_crc, m_buffer.data(), m_buffer.size());
        size_t done = 0;
        while (done < m_buffer.size()) {
            ssize_t n = ::write(m_fd, m_buffer.data() + done, m_buffer.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                m_error = std::string("write error saving the DB: ") + std::strerror(errno);
                return false;
            }
            done += static_cast<size_t>(n);
        }
        m_buffer.clear();
        return true;
    }

    void type(uint8_t t) { m_buffer.push_back(static_cast<char>(t)); }
    void length(uint64_t len) { rdb::appendLength(m_buffer, len); }

    void string(std::string_view s)
    {
        if (s.size() <= 11 && tryInteger(s)) return;
        if (m_options.compression && lzfString(s)) return;
        length(s.size());
        m_buffer.append(s);
    }

    // The LZF form of a string (compressed length, original length, data) when it pays:
    // as Redis, when liblzf fits it in size - 4 bytes (lzfCompress's bound is exclusive).
    bool lzfString(std::string_view s)
    {
        if (s.size() <= 20 || !lzfCompress(s, s.size() - 3, &m_scratch)) return false;
        m_buffer.push_back(static_cast<char>((rdb::kEncVal << 6) | rdb::kEncLzf));
        length(m_scratch.size());
        length(s.size());
        m_buffer.append(m_scratch);
        return true;
    }

    void value(const Value &v)
    {
        switch (v.type()) {
        case ValueType::String:
            string(v.string());
            break;
        case ValueType::List:
            list(v.list());
            break;
        case ValueType::Hash:
            hash(v.hash());
            break;
        case ValueType::Set:
            if (const IntSet *ints = v.set().intSet()) {
                string(ints->toBlob()); // LZF-compressed like any string when it pays
                break;
            }
            length(v.set().size());
            v.set().forEach([this](std::string_view m) { string(m); });
            break;
        case ValueType::ZSet:
            zset(v.zset());
            break;
        case ValueType::Stream:
            stream(v.stream());
            break;
        }
    }

    uint64_t crc() const { return m_crc; }
    const std::string &error() const { return m_error; }

private:
    // Redis stores a string as an integer only when it reads back byte for byte the same.
    bool tryInteger(std::string_view s)
    {
        int64_t v;
        if (!parseInt64(s, &v) || formatInt64(v) != s) return false;
        if (v >= INT8_MIN && v <= INT8_MAX) {
            m_buffer.push_back(static_cast<char>((rdb::kEncVal << 6) | rdb::kEncInt8));
            rdb::appendLittleEndian(m_buffer, static_cast<uint64_t>(v), 1);
        } else if (v >= INT16_MIN && v <= INT16_MAX) {
            m_buffer.push_back(static_cast<char>((rdb::kEncVal << 6) | rdb::kEncInt16));
            rdb::appendLittleEndian(m_buffer, static_cast<uint64_t>(v), 2);
        } else if (v >= INT32_MIN && v <= INT32_MAX) {
            m_buffer.push_back(static_cast<char>((rdb::kEncVal << 6) | rdb::kEncInt32));
            rdb::appendLittleEndian(m_buffer, static_cast<uint64_t>(v), 4);
        } else {
            return false;
        }
        return true;
    }

    // A packed sorted set becomes one listpack blob (member, score, ...); a skiplist, a count
    // and the pairs with binary scores (ZSET_2).
    void zset(const SortedSet &z)
    {
        if (z.isPacked()) {
            rdb::ListpackBuilder builder;
            z.forEach([&builder](std::string_view member, double score) {
                builder.add(member);
                // Exact integers only: |score| < 2^53 converts to int64 and back unchanged.
                if (std::fabs(score) < 9007199254740992.0 && score == std::trunc(score))
                    builder.addInteger(static_cast<int64_t>(score));
                else
                    builder.add(formatDouble(score));
            });
            string(builder.finish());
            return;
        }
        length(z.size());
        z.forEach([this](std::string_view m, double score) {
            string(m);
            uint64_t bits;
            std::memcpy(&bits, &score, sizeof bits);
            rdb::appendLittleEndian(m_buffer, bits, 8);
        });
    }

    void rawId(StreamId id)
    {
        for (uint64_t part : {id.ms, id.seq})
            for (int shift = 56; shift >= 0; shift -= 8)
                m_buffer.push_back(static_cast<char>((part >> shift) & 0xff));
    }

    void streamId(StreamId id)
    {
        length(id.ms);
        length(id.seq);
    }

    // STREAM_LISTPACKS_2 (Redis 7.0): one listpack per node, keyed by its master ID, in
    // Redis's layout (master entry: count, deleted, fields, 0; then flags, ms and seq deltas,
    // [field count], fields or values, lp-count), then the stream's IDs and counters, then
    // the groups with their PEL and consumers. Only live entries are written.
    void stream(const Stream &s)
    {
        size_t nodes = 0;
        s.forEachNode([&nodes](StreamId, const Stream::NodeEntries &) { ++nodes; });
        length(nodes);
        s.forEachNode([this](StreamId master, const Stream::NodeEntries &entries) {
            std::string key;
            std::swap(key, m_buffer);
            rawId(master);
            std::swap(key, m_buffer);
            string(key);
            rdb::ListpackBuilder lp;
            const Stream::Fields &first = entries.front().second;
            const size_t masterFields = first.size() / 2;
            lp.addInteger(static_cast<int64_t>(entries.size()));
            lp.addInteger(0);
            lp.addInteger(static_cast<int64_t>(masterFields));
            for (size_t i = 0; i < first.size(); i += 2)
                lp.add(first[i]);
            lp.addInteger(0);
            for (const auto &[id, fields] : entries) {
                bool same = fields.size() / 2 == masterFields;
                for (size_t i = 0; same && i < fields.size(); i += 2)
                    same = fields[i] == first[i];
                lp.addInteger(same ? 2 : 0);
                lp.addInteger(static_cast<int64_t>(id.ms - master.ms));
                lp.addInteger(static_cast<int64_t>(id.seq - master.seq));
                if (!same) lp.addInteger(static_cast<int64_t>(fields.size() / 2));
                for (size_t i = 0; i < fields.size(); ++i)
                    if (!same || i % 2) lp.add(fields[i]);
                lp.addInteger(
                    static_cast<int64_t>(same ? fields.size() / 2 + 3 : fields.size() + 4));
            }
            string(lp.finish());
            maybeFlush();
        });
        length(s.length());
        streamId(s.lastId);
        streamId(s.firstId());
        streamId(s.maxDeletedId);
        length(s.entriesAdded);
        length(s.groups.size());
        for (const auto &[name, group] : s.groups) {
            string(name);
            streamId(group.lastId);
            length(static_cast<uint64_t>(group.entriesRead));
            length(group.pel.size());
            for (const auto &[id, nack] : group.pel) {
                rawId(id);
                rdb::appendLittleEndian(m_buffer, static_cast<uint64_t>(nack.deliveryTime), 8);
                length(nack.deliveryCount);
            }
            length(group.consumers.size());
            for (const auto &[consumerName, consumer] : group.consumers) {
                string(consumerName);
                rdb::appendLittleEndian(m_buffer, static_cast<uint64_t>(consumer.seenTime), 8);
                length(consumer.pel.size());
                for (StreamId id : consumer.pel)
                    rawId(id);
            }
            maybeFlush();
        }
    }

    // A packed hash becomes one listpack blob of string entries (field, value, ...); a
    // table, a count and the pairs as strings.
    void hash(const HashValue &fields)
    {
        if (fields.packed()) {
            rdb::ListpackBuilder builder;
            fields.forEach([&](std::string_view f, std::string_view val) {
                builder.add(f);
                builder.add(val);
            });
            string(builder.finish());
            return;
        }
        length(fields.size());
        fields.forEach([this](std::string_view f, std::string_view val) {
            string(f);
            string(val);
        });
    }

    // A list is written node by node, as it is held (its fill bounds each node, as Redis's
    // quicklist nodes are its listpacks): the node count, then one listpack per node, or
    // for a plain node (an element over the packed threshold) the element itself.
    void list(const ListValue &items)
    {
        const std::vector<uint32_t> counts = items.nodeCounts();
        length(counts.size());
        rdb::ListpackBuilder builder;
        size_t node = 0;
        items.forEach([&](std::string_view element) {
            if (items.nodePlain(node)) {
                length(rdb::kQuicklistNodePlain);
                if (!items.nodeCompressed(node) || m_options.compression || !lzfString(element))
                    string(element);
                maybeFlush();
                ++node;
                return;
            }
            builder.addElement(element);
            if (builder.count() < counts[node]) return;
            length(rdb::kQuicklistNodePacked);
            // A node the list holds compressed (list-compress-depth) is written as an LZF
            // blob whatever rdbcompression says, as Redis writes its compressed nodes.
            const std::string listpack = builder.finish();
            if (!items.nodeCompressed(node) || m_options.compression || !lzfString(listpack))
                string(listpack);
            maybeFlush();
            ++node;
        });
    }

    int m_fd;
    RdbSaveOptions m_options;
    std::string m_buffer;
    std::string m_scratch;
    uint64_t m_crc = 0;
    std::string m_error;
};

uint8_t rdbTypeOf(const Value &v)
{
    switch (v.type()) {
    case ValueType::String:
        return rdb::kTypeString;
    case ValueType::List:
        return rdb::kTypeListQuicklist2;
    case ValueType::Hash:
        return v.hash().packed() ? rdb::kTypeHashListpack : rdb::kTypeHash;
    case ValueType::Set:
        return v.set().isIntSet() ? rdb::kTypeSetIntset : rdb::kTypeSet;
    case ValueType::ZSet:
        return v.zset().isPacked() ? rdb::kTypeZSetListpack : rdb::kTypeZSet2;
    case ValueType::Stream:
        return rdb::kTypeStreamListpacks2;
    }
    return rdb::kTypeString;
}

void aux(RdbWriter &w, std::string_view key, std::string_view value)
{
    w.type(rdb::kOpAux);
    w.string(key);
    w.string(value);
}

bool fsyncDirectoryOf(const std::string &path)
{
    const size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash ? slash : 1);
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return false;
    ::fsync(fd);
    ::close(fd);
    return true;
}

} // namespace

bool writeRdb(Server &server, int fd, const RdbSaveOptions &options, std::string *error)
{
    RdbWriter w(fd, options);
    w.buffer() = "REDIS0010";
    aux(w, "redis-ver", kRedisVersion);
    aux(w, "redis-bits", "64");
    aux(w, "ctime", std::to_string(std::time(nullptr)));
    aux(w, "used-mem", std::to_string(server.usedMemoryEstimate()));
    aux(w, "aof-base", options.aofBase ? "1" : "0");
    // Function libraries (FUNCTION2 records) come before the databases, as in Redis 7.0.
    w.buffer() += encodeFunctionLibraries(server.scriptingIfCreated(), options.compression);
    bool ok = true;
    for (int i = 0; i < server.dbCount() && ok; ++i) {
        Database &db = server.db(i);
        if (db.size() == 0) continue;
        w.type(rdb::kOpSelectDb);
        w.length(static_cast<uint64_t>(i));
        w.type(rdb::kOpResizeDb);
        w.length(db.size());
        w.length(db.expiresCount());
        Dict<int64_t> &expires = db.expires();
        db.keys().forEach([&](std::string_view key, Value &value) {
            if (!ok) return;
            if (const int64_t *when = expires.find(key)) {
                w.type(rdb::kOpExpireTimeMs);
                rdb::appendLittleEndian(w.buffer(), static_cast<uint64_t>(*when), 8);
            }
            w.type(rdbTypeOf(value));
            w.string(key);
            w.value(value);
            ok = w.maybeFlush();
            if (options.keyDelayUs) debugDelay(options.keyDelayUs);
        });
    }
    if (ok) {
        w.type(rdb::kOpEof);
        ok = w.flush(); // the checksum covers everything up to and including EOF
    }
    if (ok) {
        rdb::appendLittleEndian(w.buffer(), options.checksum ? w.crc() : 0, 8);
        ok = w.flush();
    }
    if (!ok) *error = w.error();
    return ok;
}

void appendRdbValue(std::string *out, const Value &value, bool compression)
{
    RdbSaveOptions options;
    options.compression = compression;
    RdbWriter w(-1, options);
    w.buffer().swap(*out);
    w.type(rdbTypeOf(value));
    w.value(value);
    w.buffer().swap(*out);
}

bool saveRdbFile(Server &server, const std::string &tempPath, const std::string &finalPath,
                 const RdbSaveOptions &options, std::string *error)
{
    int fd = ::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        *error = "Failed opening the temp RDB file " + tempPath + " (in server root dir " +
                 server.config().dir + ") for saving: " + std::strerror(errno);
        return false;
    }
    bool ok = writeRdb(server, fd, options, error);
    if (ok && ::fsync(fd) != 0) {
        *error = std::string("fsync error saving the DB: ") + std::strerror(errno);
        ok = false;
    }
    ::close(fd);
    if (ok && ::rename(tempPath.c_str(), finalPath.c_str()) != 0) {
        *error = "Error moving temp DB file " + tempPath + " on the final destination " +
                 finalPath + ": " + std::strerror(errno);
        ok = false;
    }
    if (!ok) {
        ::unlink(tempPath.c_str());
        return false;
    }
    fsyncDirectoryOf(finalPath);
    return true;
}

bool writeFileAtomically(const std::string &path, const std::string &data, std::string *error)
{
    const std::string temp = path + ".tmp";
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        *error = "Can't open " + temp + ": " + std::strerror(errno);
        return false;
    }
    size_t done = 0;
    bool ok = true;
    while (done < data.size()) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ok = false;
            break;
        }
        done += static_cast<size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
        *error = "Can't write " + path + ": " + std::strerror(errno);
        ::unlink(temp.c_str());
        return false;
    }
    fsyncDirectoryOf(path);
    return true;
}

} // namespace redscope::engine
