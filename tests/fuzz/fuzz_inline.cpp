// libFuzzer target for inline commands ("SET k \"a\\x00b\"\r\n", as telnet and redis-cli
// send them): splitInlineArguments on the raw line, then RequestParser over the stream in
// one read and in small ones. Oracle for the splitter: quoting the arguments it returned
// (every byte as \xHH inside double quotes) and splitting again gives them back unchanged.
#include "parser_driver.h"

#include <cstddef>
#include <cstdint>

namespace {

std::string quoteAll(const std::vector<std::string> &args)
{
    static const char hex[] = "0123456789abcdef";
    std::string line;
    for (const std::string &arg : args) {
        line += line.empty() ? "\"" : " \"";
        for (unsigned char c : arg) {
            line += "\\x";
            line += hex[c >> 4];
            line += hex[c & 15];
        }
        line += '"';
    }
    return line;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const size_t chunk = 1 + data[0] % 16;
    std::string_view stream(reinterpret_cast<const char *>(data) + 1, size - 1);

    std::vector<std::string> args;
    if (redscope::engine::splitInlineArguments(stream, &args)) {
        std::vector<std::string> again;
        if (!redscope::engine::splitInlineArguments(quoteAll(args), &again) || again != args)
            std::abort();
    }
    // Inline mode is chosen by a first byte other than '*'; keep the stream inline.
    if (!stream.empty() && stream[0] == '*') return 0;
    redscope::fuzz::checkChunkingInvariance(stream, chunk);
    return 0;
}
