// Compression codecs under a decoder: gzip, zlib, zstd, LZ4 frame and framed Snappy carry a
// header and are detected by it; raw deflate, Brotli, LZ4 block and raw Snappy have none, so
// they are only applied when the user picks them, or proposed (never applied) after a trial
// decode succeeds. Saving compresses with the codec the value was read with. All of it is
// Debian's libraries (zlib, libzstd, liblz4, libbrotli, libsnappy) except Snappy's framing
// format, which is a few lines of chunk headers and a CRC-32C written here.
#pragma once

#include "connection/service.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <vector>

namespace redscope {

enum class Codec {
    None,
    Gzip,
    Zlib,
    Zstd,
    Lz4Frame,
    SnappyFramed,
    Deflate,
    Brotli,
    Lz4Block,
    Snappy
};

struct CodecInfo
{
    Codec codec;
    const char *id; // stable, for settings
    const char *label;
    bool hasHeader; // detected by its header; otherwise chosen or proposed only
};

const std::vector<CodecInfo> &codecTable();
const CodecInfo &codecInfo(Codec codec);
Codec codecFromId(const QString &id); // None when unknown

// The codec whose header starts data (None when none does). Headerless codecs never come out.
Codec detectCodec(QByteArrayView data);
// Headerless codecs that decode data without error and give something plausible, for the
// pane to propose. Each trial stops at maxOutput bytes.
QList<Codec> trialCodecs(QByteArrayView data, qsizetype maxOutput = 64 << 20);

// Decompressed bytes; fails past maxOutput bytes (a zip bomb stops there) or on corrupt input.
Result<QByteArray> decompress(Codec codec, QByteArrayView data, qsizetype maxOutput = 1LL << 31);
Result<QByteArray> compress(Codec codec, QByteArrayView data);

} // namespace redscope
