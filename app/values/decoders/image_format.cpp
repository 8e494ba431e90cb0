// Images are recognised by their signatures; the pane renders them with QImage (WebP through
// Debian's qt6-image-formats-plugins, which the package depends on).
#include "values/decoders/formats.h"

namespace redscope::formats {

QByteArray imageFormat(QByteArrayView bytes)
{
    if (bytes.startsWith("\x89PNG\r\n\x1a\n")) return "PNG";
    if (bytes.startsWith("\xff\xd8\xff")) return "JPEG";
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a")) return "GIF";
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.sliced(8, 4) == "WEBP")
        return "WebP";
    return {};
}

} // namespace redscope::formats
