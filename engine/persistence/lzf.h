// LZF compression as RDB files use it for strings (type byte 0xC3: compressed length,
// original length, data). Our own implementation of the published LZF format, byte
// compatible with liblzf's decoder:
//   000LLLLL <L+1 literal bytes>                  a run of 1..32 literals
//   LLLOOOOO OOOOOOOO                             back reference, length LLL+2 (3..8)
//   111OOOOO LLLLLLLL OOOOOOOO                    back reference, length L+9 (9..264)
// where the 13-bit O is the distance back minus one (window of 8 KiB).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redscope::engine {

// Compresses into out (resized to the result). Returns false when the result would not be
// shorter than maxOutput bytes, in which case the caller stores the data uncompressed.
bool lzfCompress(std::string_view in, size_t maxOutput, std::string *out);

// Decompresses into exactly expectedLength bytes; false on malformed input (a reference
// before the start, a run past either end, or a length mismatch). Never reads or writes
// out of bounds, so it is safe on corrupt files.
bool lzfDecompress(std::string_view in, size_t expectedLength, std::string *out);

} // namespace redscope::engine
