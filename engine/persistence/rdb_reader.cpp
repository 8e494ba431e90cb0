// The streaming RDB reader behind include/redscope/rdb.h. It walks the file with the
// loader's own byte reader (rdb_cursor.h) over a buffer (1 MiB by default) and decodes each value
// with the loader's own value decoder (loadRdbValueAt), so the type, element count and encoding it
// reports are exactly what redscope-server would hold after loading the file with its default
// limits, which are Redis 7.0's. The value is dropped before the next key: memory is the buffer
// plus the largest single value. DUMP payloads are read again from the file with pread() when
// asked, so keys nobody asks about cost nothing extra; decode() copies the already decoded value
// out.
//
// What the loader refuses but a reader can step over is handled here: module values in the
// MODULE_2 format and MODULE_AUX records (a self-describing opcode stream that ends with an
// EOF opcode) are reported and skipped. Module values in the old MODULE format (RDB type 6)
// cannot be skipped without the module and end the walk with an error.
#include "redscope/rdb.h"

#include "persistence/crc64.h"
#include "persistence/rdb_cursor.h"
#include "persistence/rdb_format.h"
#include "persistence/rdb_loader.h"
#include "persistence/rdb_value_copy.h"
#include "storage/value.h"
#include "util/strings.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>

namespace redscope::engine {

namespace {

constexpr uint64_t kProgressEvery = 4 << 20;

// Module serialization opcodes (a MODULE_2 value or MODULE_AUX body).
constexpr uint64_t kModuleOpEof = 0;
constexpr uint64_t kModuleOpSInt = 1;
constexpr uint64_t kModuleOpUInt = 2;
constexpr uint64_t kModuleOpFloat = 3;
constexpr uint64_t kModuleOpDouble = 4;
constexpr uint64_t kModuleOpString = 5;

using rdb::FileSource;

// The current key's value bytes in the file, turned into a DUMP payload on request.
class FileValueAccess : public RdbValueAccess
{
public:
    explicit FileValueAccess(const FileSource &file)
        : m_file(file)
    {
    }

    void setVersion(int version) { m_version = version; }

    void set(uint8_t type, uint64_t valueStart, uint64_t valueEnd, const Value *value)
    {
        m_value = value;
        m_type = type;
        m_start = valueStart;
        m_end = valueEnd;
    }

    bool decode(RdbValue *out) override
    {
        *out = RdbValue{};
        if (!m_value) return false;
        copyToRdbValue(*m_value, out);
        return true;
    }

    std::string dumpPayload() override
    {
        if (!m_value) return {}; // a module value
        std::string payload(1 + (m_end - m_start), '\0');
        payload[0] = static_cast<char>(m_type);
        if (!m_file.readAt(m_start, m_end - m_start, payload.data() + 1)) return {};
        rdb::appendLittleEndian(payload, static_cast<uint64_t>(m_version), 2);
        rdb::appendLittleEndian(payload, crc64(0, payload.data(), payload.size()), 8);
        return payload;
    }

private:
    const FileSource &m_file;
    int m_version = 0;
    uint8_t m_type = 0;
    uint64_t m_start = 0, m_end = 0;
    const Value *m_value = nullptr; // null for a module value
};

// A module id packs a 9-character name (6 bits each, from the top) and a 10-bit version.
std::string moduleTypeName(uint64_t id)
{
    static const char charset[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string name(9, ' ');
    for (int i = 0; i < 9; ++i)
        name[static_cast<size_t>(i)] = charset[(id >> (64 - 6 * (i + 1))) & 63];
    return name;
}

bool skipModuleOpcodes(rdb::Cursor &c)
{
    while (true) {
        const uint64_t at = c.offset();
        uint64_t op, ignored;
        std::string_view raw;
        std::string text;
        if (!c.length(&op)) return false;
        switch (op) {
        case kModuleOpEof:
            return true;
        case kModuleOpSInt:
        case kModuleOpUInt:
            if (!c.length(&ignored)) return false;
            break;
        case kModuleOpFloat:
            if (!c.bytes(4, &raw)) return false;
            break;
        case kModuleOpDouble:
            if (!c.bytes(8, &raw)) return false;
            break;
        case kModuleOpString:
            if (!c.string(&text)) return false;
            break;
        default:
            c.setErrorPos(at);
            return c.fail("unknown module serialization opcode " + std::to_string(op) +
                          " (expected 0-5)");
        }
    }
}

RdbType typeOf(const Value &value)
{
    switch (value.type()) {
    case ValueType::String:
        return RdbType::String;
    case ValueType::List:
        return RdbType::List;
    case ValueType::Hash:
        return RdbType::Hash;
    case ValueType::Set:
        return RdbType::Set;
    case ValueType::ZSet:
        return RdbType::ZSet;
    case ValueType::Stream:
        return RdbType::Stream;
    }
    return RdbType::String;
}

uint64_t elementsOf(const Value &value)
{
    switch (value.type()) {
    case ValueType::String:
        return value.string().size();
    case ValueType::List:
        return value.list().size();
    case ValueType::Hash:
        return value.hash().size();
    case ValueType::Set:
        return value.set().size();
    case ValueType::ZSet:
        return value.zset().size();
    case ValueType::Stream:
        return value.stream().length();
    }
    return 0;
}

// "#!lua name=mylib ..." -> engine "lua", name "mylib".
void parseShebang(std::string_view code, std::string_view *engine, std::string_view *name)
{
    *engine = *name = {};
    if (code.substr(0, 2) != "#!") return;
    const std::string_view line = code.substr(2, std::min(code.find('\n'), code.size()) - 2);
    const size_t space = line.find(' ');
    *engine = line.substr(0, space);
    for (size_t at = space; at != std::string_view::npos && at < line.size();) {
        const size_t start = at + 1;
        const size_t end = line.find(' ', start);
        const std::string_view arg = line.substr(start, end - start);
        if (arg.substr(0, 5) == "name=") *name = arg.substr(5);
        at = end;
    }
}

class Walk
{
public:
    Walk(FileSource &file, size_t bufferBytes, RdbVisitor &visitor, RdbWalkResult *result)
        : m_file(file)
        , m_c(&file, std::max<size_t>(bufferBytes, 16))
        , m_visitor(visitor)
        , m_result(result)
        , m_access(file)
    {
    }

    bool run(std::string *error)
    {
        const bool ok = walk();
        m_result->bytesRead = m_c.offset();
        if (!ok) *error = m_c.error();
        return ok;
    }

private:
    // Returns false on an error; a Stop sets m_result->stopped and returns true.
    bool walk()
    {
        if (!rdb::readHeader(m_c, &m_result->version)) return false;
        m_access.setVersion(m_result->version);
        int db = 0;
        int64_t expireAt = -1, idle = -1;
        int freq = -1;
        uint64_t recordStart = m_c.offset();
        uint64_t nextProgress = kProgressEvery;
        RdbKey key;
        std::string name, text;
        Value value;
        auto stop = [&](RdbAction action) {
            if (action == RdbAction::Stop) m_result->stopped = true;
            return action == RdbAction::Stop;
        };
        while (true) {
            if (m_c.offset() >= nextProgress) {
                nextProgress = m_c.offset() + kProgressEvery;
                if (stop(m_visitor.onProgress(m_c.offset(), m_file.size()))) return true;
            }
            const uint64_t opStart = m_c.offset();
            const bool pending = expireAt != -1 || idle != -1 || freq != -1;
            if (!pending) recordStart = opStart;
            uint8_t type;
            if (!m_c.byte(&type)) return false;
            switch (type) {
            case rdb::kOpEof:
                return eof();
            case rdb::kOpSelectDb: {
                uint64_t index;
                if (!m_c.length(&index)) return false;
                if (index > INT32_MAX) {
                    m_c.setErrorPos(opStart);
                    return m_c.fail("SELECTDB " + std::to_string(index) + " out of range");
                }
                db = static_cast<int>(index);
                if (stop(m_visitor.onDatabase(db))) return true;
                continue;
            }
            case rdb::kOpResizeDb: {
                uint64_t keys, expires;
                if (!m_c.length(&keys) || !m_c.length(&expires)) return false;
                if (stop(m_visitor.onResizeHint(db, keys, expires))) return true;
                continue;
            }
            case rdb::kOpExpireTime: {
                uint64_t seconds;
                if (!m_c.littleEndian(4, &seconds)) return false;
                expireAt = static_cast<int64_t>(seconds) * 1000;
                continue;
            }
            case rdb::kOpExpireTimeMs: {
                uint64_t ms;
                if (!m_c.littleEndian(8, &ms)) return false;
                expireAt = static_cast<int64_t>(ms);
                continue;
            }
            case rdb::kOpIdle: {
                uint64_t seconds;
                if (!m_c.length(&seconds)) return false;
                idle = static_cast<int64_t>(seconds);
                continue;
            }
            case rdb::kOpFreq: {
                uint8_t f;
                if (!m_c.byte(&f)) return false;
                freq = f;
                continue;
            }
            case rdb::kOpAux:
                if (!m_c.string(&name) || !m_c.string(&text)) return false;
                if (stop(m_visitor.onAux(name, text))) return true;
                continue;
            case rdb::kOpModuleAux: {
                uint64_t id, when, whenOp;
                if (!m_c.length(&id) || !m_c.length(&whenOp)) return false;
                if (whenOp != kModuleOpUInt) {
                    m_c.setErrorPos(opStart);
                    return m_c.fail("MODULE_AUX without its 'when' field");
                }
                if (!m_c.length(&when)) return false;
                const std::string module = moduleTypeName(id);
                if (stop(m_visitor.onModuleAux(module))) return true;
                if (!skipModuleOpcodes(m_c)) return false;
                continue;
            }
            case rdb::kOpFunction2: {
                if (!m_c.string(&text)) return false;
                std::string_view engine, library;
                parseShebang(text, &engine, &library);
                if (stop(m_visitor.onFunctionLibrary(engine, library, text))) return true;
                continue;
            }
            case rdb::kOpFunction:
                m_c.setErrorPos(opStart);
                return m_c.fail("function library of a 7.0 release candidate (FUNCTION "
                                "opcode 246): not supported");
            default:
                break;
            }
            key = RdbKey{};
            key.db = db;
            key.rdbType = type;
            key.expireAtMs = expireAt;
            key.idleSeconds = idle;
            key.lfuFrequency = freq;
            key.offset = recordStart;
            expireAt = idle = -1;
            freq = -1;
            if (!m_c.string(&name)) return false;
            const uint64_t valueStart = m_c.offset();
            std::string module;
            bool empty = false;
            if (type == rdb::kTypeModule2) {
                uint64_t id;
                if (!m_c.length(&id)) return false;
                module = moduleTypeName(id);
                if (!skipModuleOpcodes(m_c)) return false;
                key.type = RdbType::Module;
                key.encoding = "raw";
                key.moduleType = module;
            } else if (type == rdb::kTypeModule) {
                m_c.setErrorPos(opStart);
                return m_c.fail("module value in the pre-4.0.11 MODULE format (RDB type 6): "
                                "cannot be skipped without the module");
            } else {
                if (!loadRdbValueAt(m_c, type, m_options, &value)) return false;
                key.type = typeOf(value);
                key.encoding = value.encodingName();
                key.elements = elementsOf(value);
                if (value.type() == ValueType::Stream)
                    key.streamGroups = value.stream().groups.size();
                // Redis drops empty collections when it loads a file; so does this walk.
                empty = value.type() != ValueType::String && value.isEmptyCollection();
            }
            key.key = name;
            key.serializedBytes = m_c.offset() - recordStart;
            if (empty) {
                value = Value();
                continue;
            }
            ++m_result->keys;
            m_access.set(type, valueStart, m_c.offset(),
                         key.type == RdbType::Module ? nullptr : &value);
            const RdbAction action = m_visitor.onKey(key, m_access);
            value = Value();
            if (stop(action)) return true;
        }
    }

    bool eof()
    {
        const uint64_t eofEnd = m_c.offset();
        const uint64_t computed = m_c.checksum();
        if (m_result->version >= 5) {
            uint64_t stored;
            if (!m_c.littleEndian(8, &stored)) return false;
            if (stored != 0 && stored != computed) {
                m_c.setErrorPos(eofEnd);
                return m_c.fail("RDB checksum mismatch (wrong CRC-64)");
            }
            m_result->checksumVerified = stored != 0;
        }
        m_visitor.onProgress(m_c.offset(), m_file.size());
        return true;
    }

    FileSource &m_file;
    rdb::Cursor m_c;
    RdbVisitor &m_visitor;
    RdbWalkResult *m_result;
    FileValueAccess m_access;
    RdbLoadOptions m_options; // the defaults: Redis 7.0's encoding limits
};

} // namespace

const char *rdbTypeName(RdbType type)
{
    static const char *const names[] = {"string", "list",   "set",   "zset",
                                        "hash",   "stream", "module"};
    const auto index = static_cast<size_t>(type);
    return index < std::size(names) ? names[index] : "unknown";
}

RdbAction RdbVisitor::onAux(std::string_view, std::string_view)
{
    return RdbAction::Continue;
}
RdbAction RdbVisitor::onDatabase(int)
{
    return RdbAction::Continue;
}
RdbAction RdbVisitor::onResizeHint(int, uint64_t, uint64_t)
{
    return RdbAction::Continue;
}
RdbAction RdbVisitor::onKey(const RdbKey &, RdbValueAccess &)
{
    return RdbAction::Continue;
}
RdbAction RdbVisitor::onFunctionLibrary(std::string_view, std::string_view, std::string_view)
{
    return RdbAction::Continue;
}
RdbAction RdbVisitor::onModuleAux(std::string_view)
{
    return RdbAction::Continue;
}
RdbAction RdbVisitor::onProgress(uint64_t, uint64_t)
{
    return RdbAction::Continue;
}

RdbReader::RdbReader(std::string path, size_t bufferBytes)
    : m_path(std::move(path))
    , m_bufferBytes(bufferBytes)
{
}

RdbReader::~RdbReader() = default;

bool RdbReader::run(RdbVisitor &visitor, RdbWalkResult *result, std::string *error)
{
    *result = RdbWalkResult{};
    FileSource file;
    if (!file.open(m_path, error)) return false;
    Walk walk(file, m_bufferBytes, visitor, result);
    return walk.run(error);
}

} // namespace redscope::engine
