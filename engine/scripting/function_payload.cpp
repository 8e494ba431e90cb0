// Function libraries as RDB records and DUMP payloads (see function_payload.h).
#include "scripting/function_payload.h"

#include "persistence/crc64.h"
#include "persistence/lzf.h"
#include "persistence/rdb_format.h"
#include "scripting/script_engine.h"

#include <cstring>

namespace redscope::engine {

namespace {

void appendRdbString(std::string &out, std::string_view s, bool compression)
{
    std::string compressed;
    if (compression && s.size() > 20 && lzfCompress(s, s.size() - 4, &compressed)) {
        out.push_back(static_cast<char>((rdb::kEncVal << 6) | rdb::kEncLzf));
        rdb::appendLength(out, compressed.size());
        rdb::appendLength(out, s.size());
        out.append(compressed);
        return;
    }
    rdb::appendLength(out, s.size());
    out.append(s);
}

bool readLength(std::string_view data, size_t *pos, uint64_t *len, bool *encoded)
{
    *encoded = false;
    if (*pos >= data.size()) return false;
    auto first = static_cast<uint8_t>(data[(*pos)++]);
    int kind = first >> 6;
    if (kind == rdb::kLen6) {
        *len = first & 0x3f;
    } else if (kind == rdb::kLen14) {
        if (*pos >= data.size()) return false;
        *len = (static_cast<uint64_t>(first & 0x3f) << 8) | static_cast<uint8_t>(data[(*pos)++]);
    } else if (kind == rdb::kEncVal) {
        *encoded = true;
        *len = first & 0x3f;
    } else {
        int bytes = first == rdb::kLen32 ? 4 : first == rdb::kLen64 ? 8 : 0;
        if (bytes == 0 || data.size() - *pos < static_cast<size_t>(bytes)) return false;
        *len = 0;
        for (int i = 0; i < bytes; ++i)
            *len = (*len << 8) | static_cast<uint8_t>(data[(*pos)++]);
    }
    return true;
}

} // namespace

bool readRdbString(std::string_view data, size_t *pos, std::string *out)
{
    uint64_t len;
    bool encoded;
    if (!readLength(data, pos, &len, &encoded)) return false;
    if (!encoded) {
        if (data.size() - *pos < len) return false;
        out->assign(data.substr(*pos, len));
        *pos += len;
        return true;
    }
    if (len <= rdb::kEncInt32) {
        size_t n = size_t{1} << len;
        if (data.size() - *pos < n) return false;
        uint64_t raw = 0;
        for (size_t i = 0; i < n; ++i)
            raw |= static_cast<uint64_t>(static_cast<uint8_t>(data[*pos + i])) << (8 * i);
        *pos += n;
        uint64_t sign = uint64_t{1} << (n * 8 - 1);
        *out = std::to_string(static_cast<int64_t>(((raw & ((sign << 1) - 1)) ^ sign) - sign));
        return true;
    }
    if (len != rdb::kEncLzf) return false;
    uint64_t compressed, plain;
    bool ignored;
    if (!readLength(data, pos, &compressed, &ignored) || !readLength(data, pos, &plain, &ignored))
        return false;
    if (data.size() - *pos < compressed || plain > compressed * 100 + 64) return false;
    if (!lzfDecompress(data.substr(*pos, compressed), plain, out)) return false;
    *pos += compressed;
    return true;
}

std::string encodeFunctionLibraries(const ScriptEngine *engine, bool compression)
{
    std::string out;
    if (!engine) return out;
    for (const auto &entry : engine->libraries()) {
        out.push_back(static_cast<char>(rdb::kOpFunction2));
        appendRdbString(out, entry.second.code, compression);
    }
    return out;
}

std::string functionDumpPayload(const ScriptEngine *engine)
{
    std::string payload = encodeFunctionLibraries(engine, true);
    rdb::appendLittleEndian(payload, rdb::kVersion, 2);
    uint64_t crc = crc64(0, payload.data(), payload.size());
    rdb::appendLittleEndian(payload, crc, 8);
    return payload;
}

bool decodeFunctionDumpPayload(std::string_view payload, std::vector<std::string> *codes,
                               std::string *error)
{
    if (payload.size() < 10) {
        *error = "ERR DUMP payload version or checksum are wrong";
        return false;
    }
    const auto *footer =
        reinterpret_cast<const unsigned char *>(payload.data() + payload.size() - 10);
    int version = footer[0] | (footer[1] << 8);
    uint64_t crc = 0;
    for (int i = 0; i < 8; ++i)
        crc |= static_cast<uint64_t>(footer[2 + i]) << (8 * i);
    if (version > rdb::kVersion || crc64(0, payload.data(), payload.size() - 8) != crc) {
        *error = "ERR DUMP payload version or checksum are wrong";
        return false;
    }
    std::string_view body = payload.substr(0, payload.size() - 10);
    size_t pos = 0;
    while (pos < body.size()) {
        if (static_cast<uint8_t>(body[pos++]) != rdb::kOpFunction2) {
            *error = "ERR given type is not a function";
            return false;
        }
        std::string code;
        if (!readRdbString(body, &pos, &code)) {
            *error = "ERR failed loading the given functions payload";
            return false;
        }
        codes->push_back(std::move(code));
    }
    return true;
}

} // namespace redscope::engine
