// Base64: the value is Base64 text (either alphabet, padded or not); shown decoded.
#include "values/decoders/formats.h"

namespace redscope::formats {

Result<QByteArray> fromBase64(QByteArrayView text)
{
    const QByteArray trimmed = text.toByteArray().trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(
        trimmed, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (decoded) return {decoded.decoded};
    const auto url = QByteArray::fromBase64Encoding(
        trimmed, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (url) return {url.decoded};
    return Result<QByteArray>::failure(QStringLiteral("not Base64"));
}

QByteArray toBase64(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64();
}

} // namespace redscope::formats
