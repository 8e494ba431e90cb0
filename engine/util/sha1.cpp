// SHA-1 through OpenSSL, and its lowercase hex form.
#include "util/sha1.h"

#include <openssl/sha.h>

namespace redscope::engine {

static_assert(sizeof(Sha1) == SHA_DIGEST_LENGTH);

Sha1 sha1(std::string_view data)
{
    Sha1 hash;
    SHA1(reinterpret_cast<const unsigned char *>(data.data()), data.size(), hash.data());
    return hash;
}

std::string sha1Hex(const Sha1 &hash)
{
    static const char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(2 * hash.size());
    for (unsigned char byte : hash) {
        text += hex[byte >> 4];
        text += hex[byte & 15];
    }
    return text;
}

std::string sha1Hex(std::string_view data)
{
    return sha1Hex(sha1(data));
}

} // namespace redscope::engine
