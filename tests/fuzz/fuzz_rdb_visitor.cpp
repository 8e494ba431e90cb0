// libFuzzer target for the public streaming RDB reader (redscope/rdb.h,
// persistence/rdb_reader.cpp): the input is a whole RDB file, handed to the reader through a
// memfd (it reads paths) with a buffer of 16 to 79 bytes, so the cursor's refill runs at
// every boundary. A failed walk must name an offset; a key's record must lie inside what was
// read, after the previous one; and a key's DUMP payload, cut from the same bytes the reader
// decoded, must decode again, and the decoded copy must hold as many elements as reported
// (every third key, and every key of small inputs). Seeds are
// dumps of every type and encoding from both servers, most without a checksum so mutations
// reach the end, plus module records.
#include "persistence/dump_payload.h"
#include "persistence/rdb_loader.h"
#include "redscope/rdb.h"
#include "storage/value.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

using namespace redscope::engine;

namespace {

class Checker : public RdbVisitor
{
public:
    RdbAction onKey(const RdbKey &key, RdbValueAccess &value) override
    {
        // Type byte, key and value take one byte each at least (a key may be LZF-compressed or
        // an integer, so shorter in the file than in memory).
        if (key.offset < previousEnd || key.serializedBytes < 3) std::abort();
        previousEnd = key.offset + key.serializedBytes;
        ++reported;
        if (key.encoding.empty()) std::abort();
        if (key.type != RdbType::Module && (keys++ % 3 == 0 || small)) {
            const std::string payload = value.dumpPayload();
            if (!dumpPayloadFooterValid(payload)) std::abort();
            Value decoded;
            std::string error;
            RdbLoadOptions options;
            options.nowMs = 0;
            if (!decodeDumpPayload(payload, options, &decoded, &error) ||
                decoded.encodingName() != key.encoding)
                std::abort(); // the reader decoded these very bytes a moment ago
            RdbValue copy;
            if (!value.decode(&copy) || copy.type != key.type) std::abort();
            const uint64_t count = key.type == RdbType::Stream   ? copy.streamEntries.size()
                                   : key.type == RdbType::String ? copy.items[0].size()
                                   : key.type == RdbType::Hash || key.type == RdbType::ZSet
                                       ? copy.items.size() / 2
                                       : copy.items.size();
            if (count != key.elements) std::abort();
        }
        return RdbAction::Continue;
    }

    RdbAction onProgress(uint64_t bytesRead, uint64_t fileSize) override
    {
        if (bytesRead > fileSize) std::abort();
        return RdbAction::Continue;
    }

    bool small = false;
    uint64_t keys = 0;     // non-module keys, for the every-third choice
    uint64_t reported = 0; // every key
    uint64_t previousEnd = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const int fd = memfd_create("rdb", MFD_CLOEXEC);
    if (fd < 0) std::abort();
    size_t written = 0;
    while (written < size) {
        const ssize_t n = write(fd, data + written, size - written);
        if (n <= 0) std::abort();
        written += static_cast<size_t>(n);
    }
    Checker checker;
    checker.small = size < 4096;
    RdbReader reader("/proc/self/fd/" + std::to_string(fd), 16 + size % 64);
    RdbWalkResult result;
    std::string error;
    const bool ok = reader.run(checker, &result, &error);
    close(fd);
    if (!ok && error.find(" at offset ") == std::string::npos) std::abort();
    if (result.bytesRead > size || checker.previousEnd > result.bytesRead) std::abort();
    if (ok && !result.stopped && result.keys != checker.reported) std::abort();
    return 0;
}
