// libFuzzer target for the RESP multibulk side of RequestParser ("*<n>\r\n$<len>\r\n...").
// The first byte picks a read size (1..16 bytes), the rest is what a client sends. Beyond
// the sanitizers, the target checks that parsing the stream in one read and in small reads
// gives the same requests (the parser resumes mid-header and mid-bulk).
#include "parser_driver.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const size_t chunk = 1 + data[0] % 16;
    std::string_view stream(reinterpret_cast<const char *>(data) + 1, size - 1);
    redscope::fuzz::checkChunkingInvariance(stream, chunk);
    return 0;
}
