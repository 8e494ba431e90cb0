// Codecs: each direction is one switch over Codec calling the library. Streaming APIs are used
// where the output size is not in the input (inflate, ZSTD_decompressStream, LZ4F, Brotli);
// LZ4 block and raw Snappy know or bound their sizes.
#include "values/decoders/compression.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <QtEndian>

#include <array>

namespace redscope {

const std::vector<CodecInfo> &codecTable()
{
    static const std::vector<CodecInfo> table = {
        {Codec::None, "none", "No compression", true},
        {Codec::Gzip, "gzip", "gzip", true},
        {Codec::Zlib, "zlib", "zlib", true},
        {Codec::Zstd, "zstd", "Zstandard", true},
        {Codec::Lz4Frame, "lz4", "LZ4 frame", true},
        {Codec::SnappyFramed, "snappy-framed", "Snappy (framed)", true},
        {Codec::Deflate, "deflate", "Raw deflate", false},
        {Codec::Brotli, "brotli", "Brotli", false},
        {Codec::Lz4Block, "lz4-block", "LZ4 block", false},
        {Codec::Snappy, "snappy", "Snappy (raw)", false},
    };
    return table;
}

const CodecInfo &codecInfo(Codec codec)
{
    for (const CodecInfo &info : codecTable())
        if (info.codec == codec) return info;
    return codecTable().front();
}

Codec codecFromId(const QString &id)
{
    for (const CodecInfo &info : codecTable())
        if (id == QLatin1String(info.id)) return info.codec;
    return Codec::None;
}

static const char kSnappyStreamId[] = "\xff\x06\x00\x00sNaPpY";

Codec detectCodec(QByteArrayView data)
{
    const auto starts = [&](const char *magic, qsizetype n) {
        return data.size() >= n && memcmp(data.data(), magic, size_t(n)) == 0;
    };
    if (starts("\x1f\x8b\x08", 3)) return Codec::Gzip;
    if (starts("\x28\xb5\x2f\xfd", 4)) return Codec::Zstd;
    if (starts("\x04\x22\x4d\x18", 4)) return Codec::Lz4Frame;
    if (starts(kSnappyStreamId, 10)) return Codec::SnappyFramed;
    // zlib: CM 8 (deflate), window up to 32 KB, and the check bits make CMF*256+FLG a
    // multiple of 31. Two bytes is a weak signature, so a trial inflate confirms it.
    if (data.size() >= 6) {
        const quint8 cmf = quint8(data[0]);
        const quint8 flg = quint8(data[1]);
        if ((cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0 && !(flg & 0x20) &&
            decompress(Codec::Zlib, data, 1 << 20).ok())
            return Codec::Zlib;
    }
    return Codec::None;
}

// --- zlib family -------------------------------------------------------------------------

static int windowBits(Codec codec)
{
    switch (codec) {
    case Codec::Gzip:
        return 15 + 16;
    case Codec::Deflate:
        return -15;
    default:
        return 15;
    }
}

static Result<QByteArray> inflateAll(Codec codec, QByteArrayView data, qsizetype maxOutput)
{
    z_stream stream{};
    if (inflateInit2(&stream, windowBits(codec)) != Z_OK)
        return Result<QByteArray>::failure(QStringLiteral("zlib: cannot start"));
    QByteArray out;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    int rc = Z_OK;
    std::array<char, 64 * 1024> buffer{};
    while (rc != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer.data());
        stream.avail_out = uInt(buffer.size());
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out.append(buffer.data(), qsizetype(buffer.size() - stream.avail_out));
        if (out.size() > maxOutput) {
            inflateEnd(&stream);
            return Result<QByteArray>::failure(QStringLiteral("larger than the limit"));
        }
        if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
            rc = Z_BUF_ERROR; // input ended before the stream did
            break;
        }
    }
    const bool trailing = stream.avail_in != 0;
    inflateEnd(&stream);
    if (rc != Z_STREAM_END)
        return Result<QByteArray>::failure(QStringLiteral("%1: corrupt or truncated data")
                                               .arg(QLatin1String(codecInfo(codec).label)));
    if (trailing)
        return Result<QByteArray>::failure(
            QStringLiteral("%1: bytes after the end").arg(QLatin1String(codecInfo(codec).label)));
    return {out};
}

static Result<QByteArray> deflateAll(Codec codec, QByteArrayView data)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits(codec), 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return Result<QByteArray>::failure(QStringLiteral("zlib: cannot start"));
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    if (rc != Z_STREAM_END) return Result<QByteArray>::failure(QStringLiteral("zlib failed"));
    return {out};
}

// --- zstd, LZ4, Brotli ------------------------------------------------------------------

static Result<QByteArray> zstdDecompress(QByteArrayView data, qsizetype maxOutput)
{
    ZSTD_DStream *stream = ZSTD_createDStream();
    ZSTD_inBuffer in{data.data(), size_t(data.size()), 0};
    QByteArray out;
    std::array<char, 64 * 1024> buffer{};
    size_t rc = 1;
    while (in.pos < in.size) {
        ZSTD_outBuffer o{buffer.data(), buffer.size(), 0};
        rc = ZSTD_decompressStream(stream, &o, &in);
        if (ZSTD_isError(rc)) break;
        out.append(buffer.data(), qsizetype(o.pos));
        if (out.size() > maxOutput) {
            ZSTD_freeDStream(stream);
            return Result<QByteArray>::failure(QStringLiteral("larger than the limit"));
        }
        if (o.pos == 0 && rc != 0 && in.pos == in.size) break;
    }
    // Flush what the decoder holds after the last input byte.
    while (!ZSTD_isError(rc) && rc != 0) {
        ZSTD_outBuffer o{buffer.data(), buffer.size(), 0};
        rc = ZSTD_decompressStream(stream, &o, &in);
        if (ZSTD_isError(rc) || o.pos == 0) break;
        out.append(buffer.data(), qsizetype(o.pos));
    }
    ZSTD_freeDStream(stream);
    if (ZSTD_isError(rc))
        return Result<QByteArray>::failure(
            QStringLiteral("zstd: %1").arg(QString::fromUtf8(ZSTD_getErrorName(rc))));
    if (rc != 0) return Result<QByteArray>::failure(QStringLiteral("zstd: truncated frame"));
    return {out};
}

static Result<QByteArray> lz4FrameDecompress(QByteArrayView data, qsizetype maxOutput)
{
    LZ4F_dctx *context = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&context, LZ4F_VERSION)))
        return Result<QByteArray>::failure(QStringLiteral("lz4: cannot start"));
    QByteArray out;
    std::array<char, 64 * 1024> buffer{};
    const char *src = data.data();
    size_t left = size_t(data.size());
    size_t rc = 1;
    while (left > 0 || rc != 0) {
        size_t outSize = buffer.size();
        size_t inSize = left;
        rc = LZ4F_decompress(context, buffer.data(), &outSize, src, &inSize, nullptr);
        if (LZ4F_isError(rc)) break;
        src += inSize;
        left -= inSize;
        out.append(buffer.data(), qsizetype(outSize));
        if (out.size() > maxOutput) {
            LZ4F_freeDecompressionContext(context);
            return Result<QByteArray>::failure(QStringLiteral("larger than the limit"));
        }
        if (inSize == 0 && outSize == 0) break; // needs input that is not there
    }
    LZ4F_freeDecompressionContext(context);
    if (LZ4F_isError(rc))
        return Result<QByteArray>::failure(
            QStringLiteral("lz4: %1").arg(QString::fromUtf8(LZ4F_getErrorName(rc))));
    if (rc != 0 || left != 0)
        return Result<QByteArray>::failure(QStringLiteral("lz4: truncated frame"));
    return {out};
}

// An LZ4 block does not say how large it decompresses to: try growing capacities (LZ4 expands
// at most 255 times).
static Result<QByteArray> lz4BlockDecompress(QByteArrayView data, qsizetype maxOutput)
{
    qsizetype capacity = qMax<qsizetype>(data.size() * 4, 4096);
    const qsizetype ceiling = qMin<qsizetype>(maxOutput, data.size() * 255 + 16);
    for (;;) {
        capacity = qMin(capacity, ceiling);
        QByteArray out(capacity, Qt::Uninitialized);
        const int n = LZ4_decompress_safe(data.data(), out.data(), int(data.size()),
                                          int(qMin<qsizetype>(capacity, INT_MAX)));
        if (n >= 0) {
            out.resize(n);
            return {out};
        }
        if (capacity >= ceiling)
            return Result<QByteArray>::failure(QStringLiteral("not an LZ4 block"));
        capacity *= 4;
    }
}

static Result<QByteArray> brotliDecompress(QByteArrayView data, qsizetype maxOutput)
{
    BrotliDecoderState *state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    size_t availIn = size_t(data.size());
    const uint8_t *nextIn = reinterpret_cast<const uint8_t *>(data.data());
    QByteArray out;
    std::array<uint8_t, 64 * 1024> buffer{};
    BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        size_t availOut = buffer.size();
        uint8_t *nextOut = buffer.data();
        rc = BrotliDecoderDecompressStream(state, &availIn, &nextIn, &availOut, &nextOut, nullptr);
        out.append(reinterpret_cast<const char *>(buffer.data()),
                   qsizetype(buffer.size() - availOut));
        if (out.size() > maxOutput) {
            BrotliDecoderDestroyInstance(state);
            return Result<QByteArray>::failure(QStringLiteral("larger than the limit"));
        }
    }
    BrotliDecoderDestroyInstance(state);
    if (rc != BROTLI_DECODER_RESULT_SUCCESS || availIn != 0)
        return Result<QByteArray>::failure(QStringLiteral("not Brotli data"));
    return {out};
}

// --- Snappy -------------------------------------------------------------------------------

static Result<QByteArray> snappyRaw(QByteArrayView data, qsizetype maxOutput)
{
    size_t length = 0;
    if (snappy_uncompressed_length(data.data(), size_t(data.size()), &length) != SNAPPY_OK ||
        qsizetype(length) > maxOutput ||
        snappy_validate_compressed_buffer(data.data(), size_t(data.size())) != SNAPPY_OK)
        return Result<QByteArray>::failure(QStringLiteral("not Snappy data"));
    QByteArray out(qsizetype(length), Qt::Uninitialized);
    if (snappy_uncompress(data.data(), size_t(data.size()), out.data(), &length) != SNAPPY_OK)
        return Result<QByteArray>::failure(QStringLiteral("corrupt Snappy data"));
    return {out};
}

static QByteArray snappyCompressRaw(QByteArrayView data)
{
    size_t length = snappy_max_compressed_length(size_t(data.size()));
    QByteArray out(qsizetype(length), Qt::Uninitialized);
    snappy_compress(data.data(), size_t(data.size()), out.data(), &length);
    out.resize(qsizetype(length));
    return out;
}

// CRC-32C (Castagnoli), reflected, as the Snappy framing format checks each chunk with, then
// "masked" (rotated and offset) as that format says.
static quint32 maskedCrc32c(QByteArrayView data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? (c >> 1) ^ 0x82f63b78u : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xffffffffu;
    for (const char ch : data)
        crc = table[(crc ^ quint8(ch)) & 0xff] ^ (crc >> 8);
    crc ^= 0xffffffffu;
    return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

static Result<QByteArray> snappyFramedDecompress(QByteArrayView data, qsizetype maxOutput)
{
    const auto bad = [](const char *why) {
        return Result<QByteArray>::failure(
            QStringLiteral("framed Snappy: %1").arg(QLatin1String(why)));
    };
    QByteArray out;
    qsizetype pos = 0;
    while (pos < data.size()) {
        if (pos + 4 > data.size()) return bad("truncated chunk header");
        const quint8 type = quint8(data[pos]);
        const qsizetype length = qsizetype(quint8(data[pos + 1])) |
                                 qsizetype(quint8(data[pos + 2])) << 8 |
                                 qsizetype(quint8(data[pos + 3])) << 16;
        pos += 4;
        if (pos + length > data.size()) return bad("truncated chunk");
        const QByteArrayView body = data.sliced(pos, length);
        pos += length;
        if (type == 0xff) {
            if (body != QByteArrayView("sNaPpY")) return bad("bad stream identifier");
        } else if (type == 0x00 || type == 0x01) {
            if (length < 4) return bad("chunk without a checksum");
            const quint32 crc = qFromLittleEndian<quint32>(body.data());
            QByteArray chunk;
            if (type == 0x00) {
                Result<QByteArray> raw = snappyRaw(body.sliced(4), maxOutput - out.size());
                if (!raw.ok()) return raw;
                chunk = raw.value;
            } else {
                chunk = body.sliced(4).toByteArray();
            }
            if (maskedCrc32c(chunk) != crc) return bad("checksum mismatch");
            out += chunk;
            if (out.size() > maxOutput) return bad("larger than the limit");
        } else if (type >= 0x02 && type <= 0x7f) {
            return bad("reserved unskippable chunk");
        } // 0x80-0xfe: padding and skippable chunks
    }
    return {out};
}

static QByteArray snappyFramedCompress(QByteArrayView data)
{
    QByteArray out(kSnappyStreamId, 10);
    constexpr qsizetype kChunk = 65536; // the format's limit for uncompressed chunk data
    for (qsizetype pos = 0; pos < data.size(); pos += kChunk) {
        const QByteArrayView chunk = data.sliced(pos, qMin(kChunk, data.size() - pos));
        const QByteArray packed = snappyCompressRaw(chunk);
        const bool useRaw = packed.size() >= chunk.size();
        const QByteArrayView body = useRaw ? chunk : QByteArrayView(packed);
        const qsizetype length = body.size() + 4;
        out += char(useRaw ? 0x01 : 0x00);
        out += char(length & 0xff);
        out += char((length >> 8) & 0xff);
        out += char((length >> 16) & 0xff);
        char crc[4];
        qToLittleEndian<quint32>(maskedCrc32c(chunk), crc);
        out.append(crc, 4);
        out.append(body.data(), body.size());
    }
    return out;
}

// --- the two switches ---------------------------------------------------------------------

Result<QByteArray> decompress(Codec codec, QByteArrayView data, qsizetype maxOutput)
{
    switch (codec) {
    case Codec::None:
        return {data.toByteArray()};
    case Codec::Gzip:
    case Codec::Zlib:
    case Codec::Deflate:
        return inflateAll(codec, data, maxOutput);
    case Codec::Zstd:
        return zstdDecompress(data, maxOutput);
    case Codec::Lz4Frame:
        return lz4FrameDecompress(data, maxOutput);
    case Codec::Lz4Block:
        return lz4BlockDecompress(data, maxOutput);
    case Codec::Brotli:
        return brotliDecompress(data, maxOutput);
    case Codec::Snappy:
        return snappyRaw(data, maxOutput);
    case Codec::SnappyFramed:
        return snappyFramedDecompress(data, maxOutput);
    }
    return Result<QByteArray>::failure(QStringLiteral("unknown codec"));
}

Result<QByteArray> compress(Codec codec, QByteArrayView data)
{
    switch (codec) {
    case Codec::None:
        return {data.toByteArray()};
    case Codec::Gzip:
    case Codec::Zlib:
    case Codec::Deflate:
        return deflateAll(codec, data);
    case Codec::Zstd: {
        QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), Qt::Uninitialized);
        const size_t n =
            ZSTD_compress(out.data(), size_t(out.size()), data.data(), size_t(data.size()), 3);
        if (ZSTD_isError(n)) return Result<QByteArray>::failure(QStringLiteral("zstd failed"));
        out.resize(qsizetype(n));
        return {out};
    }
    case Codec::Lz4Frame: {
        LZ4F_preferences_t preferences{};
        preferences.frameInfo.contentSize = quint64(data.size());
        QByteArray out(qsizetype(LZ4F_compressFrameBound(size_t(data.size()), &preferences)),
                       Qt::Uninitialized);
        const size_t n = LZ4F_compressFrame(out.data(), size_t(out.size()), data.data(),
                                            size_t(data.size()), &preferences);
        if (LZ4F_isError(n)) return Result<QByteArray>::failure(QStringLiteral("lz4 failed"));
        out.resize(qsizetype(n));
        return {out};
    }
    case Codec::Lz4Block: {
        QByteArray out(LZ4_compressBound(int(data.size())), Qt::Uninitialized);
        const int n =
            LZ4_compress_default(data.data(), out.data(), int(data.size()), int(out.size()));
        if (n <= 0) return Result<QByteArray>::failure(QStringLiteral("lz4 failed"));
        out.resize(n);
        return {out};
    }
    case Codec::Brotli: {
        size_t n = BrotliEncoderMaxCompressedSize(size_t(data.size()));
        if (n == 0) n = size_t(data.size()) + 1024;
        QByteArray out(qsizetype(n), Qt::Uninitialized);
        if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW,
                                   BROTLI_MODE_GENERIC, size_t(data.size()),
                                   reinterpret_cast<const uint8_t *>(data.data()), &n,
                                   reinterpret_cast<uint8_t *>(out.data())))
            return Result<QByteArray>::failure(QStringLiteral("brotli failed"));
        out.resize(qsizetype(n));
        return {out};
    }
    case Codec::Snappy:
        return {snappyCompressRaw(data)};
    case Codec::SnappyFramed:
        return {snappyFramedCompress(data)};
    }
    return Result<QByteArray>::failure(QStringLiteral("unknown codec"));
}

// Plausible: headerless codecs decode many random inputs "successfully" into garbage (a raw
// deflate stream can be a single stored block), so a trial only counts when it consumed all of
// the input and gave at least as many bytes back.
QList<Codec> trialCodecs(QByteArrayView data, qsizetype maxOutput)
{
    QList<Codec> found;
    if (data.isEmpty()) return found;
    for (const Codec codec : {Codec::Deflate, Codec::Brotli, Codec::Lz4Block, Codec::Snappy}) {
        const Result<QByteArray> out = decompress(codec, data, maxOutput);
        if (out.ok() && out.value.size() >= data.size()) found.append(codec);
    }
    return found;
}

} // namespace redscope
