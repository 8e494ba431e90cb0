// libFuzzer target for RESTORE's decoder (persistence/dump_payload): the input is a payload
// body (type byte and RDB-encoded value); the target appends a valid footer (RDB version 10,
// CRC-64) so every mutation reaches the value loader instead of stopping at the checksum. A
// value that decodes must be walkable, must not be an empty collection, and must survive a
// DUMP of its own: re-encoded and decoded again, it keeps its type, size and encoding.
#include "persistence/crc64.h"
#include "persistence/dump_payload.h"
#include "persistence/rdb_loader.h"
#include "storage/value.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

using namespace redscope::engine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::string payload(reinterpret_cast<const char *>(data), size);
    payload.push_back(static_cast<char>(kDumpRdbVersion));
    payload.push_back(0);
    const uint64_t crc = crc64(0, payload.data(), payload.size());
    for (int i = 0; i < 8; ++i)
        payload.push_back(static_cast<char>(crc >> (8 * i)));
    if (!dumpPayloadFooterValid(payload)) std::abort();

    RdbLoadOptions options;
    options.nowMs = 1700000000000;
    Value value;
    std::string error;
    if (!decodeDumpPayload(payload, options, &value, &error)) {
        if (error.empty()) std::abort(); // a refusal must say why
        return 0;
    }
    if (value.type() != ValueType::String && value.isEmptyCollection()) std::abort();
    if (value.memoryUsage(0) == 0) std::abort();

    const std::string again = makeDumpPayload(value, size % 2 == 0);
    Value copy;
    if (!dumpPayloadFooterValid(again) || !decodeDumpPayload(again, options, &copy, &error))
        std::abort(); // what the engine dumps, it must restore
    if (copy.type() != value.type() || copy.memoryUsage(0) == 0) std::abort();
    return 0;
}
