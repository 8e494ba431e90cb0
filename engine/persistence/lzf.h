// LZF compression as RDB files use it for strings (type byte 0xC3: compressed length,
// original length, data) and as compressed list nodes hold their bytes. The codec is Debian's
// liblzf (liblzf-dev, the same LZF that Redis embeds, so the bytes written match Redis's);
// this header keeps the engine's std::string interface over its C API, so callers size and
// check nothing themselves.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace redscope::engine {

// Compresses into out (resized to the result). Returns false when the result would not be
// shorter than maxOutput bytes, in which case the caller stores the data uncompressed.
bool lzfCompress(std::string_view in, size_t maxOutput, std::string *out);

// Decompresses into exactly expectedLength bytes; false on malformed input (a reference
// before the start, a run past either end, or a length mismatch). liblzf checks its input
// (built with CHECK_INPUT), so this never reads or writes out of bounds on corrupt files.
bool lzfDecompress(std::string_view in, size_t expectedLength, std::string *out);

// The same into a caller's buffer of exactly expectedLength bytes (no std::string), for
// compressed list nodes that decompress into their own node buffer.
bool lzfDecompressInto(std::string_view in, char *out, size_t expectedLength);

} // namespace redscope::engine
