// The engine's LZF entry points over Debian's liblzf (see lzf.h). liblzf works on unsigned
// int lengths: anything at or above 4 GiB is refused here (stored raw, or reported corrupt)
// rather than truncated.
#include "persistence/lzf.h"

#include <liblzf/lzf.h>

#include <algorithm>
#include <climits>

namespace redscope::engine {

bool lzfCompress(std::string_view in, size_t maxOutput, std::string *out)
{
    out->clear();
    // liblzf returns 0 when the output would exceed its limit: asking for at most
    // maxOutput - 1 bytes makes "not shorter than maxOutput" a refusal.
    if (in.empty() || maxOutput < 2 || in.size() > UINT_MAX) return false;
    const size_t limit = std::min<size_t>(maxOutput - 1, UINT_MAX);
    out->resize(limit);
    const unsigned written = lzf_compress(in.data(), static_cast<unsigned>(in.size()), out->data(),
                                          static_cast<unsigned>(limit));
    out->resize(written);
    return written != 0;
}

bool lzfDecompressInto(std::string_view in, char *out, size_t expectedLength)
{
    if (in.empty() || in.size() > UINT_MAX || expectedLength > UINT_MAX) return false;
    if (expectedLength == 0) return false;
    const unsigned written = lzf_decompress(in.data(), static_cast<unsigned>(in.size()), out,
                                            static_cast<unsigned>(expectedLength));
    return written == expectedLength;
}

bool lzfDecompress(std::string_view in, size_t expectedLength, std::string *out)
{
    out->assign(expectedLength, '\0');
    return lzfDecompressInto(in, out->data(), expectedLength);
}

} // namespace redscope::engine
