// DUMP/RESTORE payloads (see dump_payload.h): the RDB writer and loader do the value, this
// file adds and checks the footer.
#include "persistence/dump_payload.h"

#include "persistence/crc64.h"
#include "persistence/rdb_format.h"
#include "persistence/rdb_loader.h"
#include "persistence/rdb_writer.h"
#include "storage/value.h"

namespace redscope::engine {

namespace {
constexpr size_t kFooterBytes = 10; // version (2) + CRC-64 (8)
}

std::string makeDumpPayload(const Value &value, bool compression)
{
    std::string payload;
    appendRdbValue(&payload, value, compression);
    rdb::appendLittleEndian(payload, kDumpRdbVersion, 2);
    rdb::appendLittleEndian(payload, crc64(0, payload.data(), payload.size()), 8);
    return payload;
}

bool dumpPayloadFooterValid(std::string_view payload)
{
    if (payload.size() < kFooterBytes) return false;
    const size_t footer = payload.size() - kFooterBytes;
    const auto byteAt = [&](size_t i) { return uint64_t{static_cast<uint8_t>(payload[i])}; };
    const uint64_t version = byteAt(footer) | byteAt(footer + 1) << 8;
    if (version > static_cast<uint64_t>(kDumpRdbVersion)) return false;
    uint64_t stored = 0;
    for (int i = 7; i >= 0; --i)
        stored = stored << 8 | byteAt(footer + 2 + static_cast<size_t>(i));
    return stored == crc64(0, payload.data(), footer + 2);
}

bool decodeDumpPayload(std::string_view payload, const RdbLoadOptions &options, Value *out,
                       std::string *error)
{
    const std::string_view body = payload.substr(0, payload.size() - kFooterBytes);
    size_t consumed = 0;
    if (!loadRdbValue(body, options, out, &consumed, error)) return false;
    if (out->type() != ValueType::String && out->isEmptyCollection()) {
        *error = "empty collection";
        return false;
    }
    return true;
}

} // namespace redscope::engine
