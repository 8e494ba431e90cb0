// Implementation of the parsing/formatting helpers declared in strings.h.
// Float formatting: Redis 7 prints doubles with "%.17g" and then trims to the shortest
// representation that round-trips; we do the same with std::to_chars, which gives the
// shortest round-trip form directly.
#include "util/strings.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace redscope::engine {

bool parseInt64(std::string_view text, int64_t *out)
{
    if (text.empty() || text.size() > 20) return false;
    size_t i = 0;
    bool negative = false;
    if (text[0] == '-') {
        negative = true;
        i = 1;
        if (text.size() == 1) return false;
    }
    if (text[i] == '0' && text.size() > i + 1) return false; // leading zeros
    if (text[i] == '0' && negative) return false;            // "-0" is rejected by Redis
    uint64_t value = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return false;
        uint64_t digit = static_cast<uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return false;
        value = value * 10 + digit;
    }
    if (negative) {
        if (value > static_cast<uint64_t>(INT64_MAX) + 1) return false;
        *out = value == static_cast<uint64_t>(INT64_MAX) + 1 ? INT64_MIN
                                                             : -static_cast<int64_t>(value);
    } else {
        if (value > static_cast<uint64_t>(INT64_MAX)) return false;
        *out = static_cast<int64_t>(value);
    }
    return true;
}

bool parseDouble(std::string_view text, double *out)
{
    // Scores are mostly plain integers (ZADD key 1234 member): up to 15 digits, with an
    // optional '-', convert exactly without strtod, which costs ~10x more. "-0" stays -0.0.
    if (!text.empty() && text.size() <= 16) {
        size_t i = text[0] == '-' ? 1 : 0;
        if (i < text.size() && text.size() - i <= 15) {
            uint64_t digits = 0;
            size_t j = i;
            while (j < text.size() && text[j] >= '0' && text[j] <= '9')
                digits = digits * 10 + static_cast<uint64_t>(text[j++] - '0');
            if (j == text.size()) {
                double value = static_cast<double>(digits); // < 10^15 < 2^53: exact
                *out = i ? -value : value;
                return true;
            }
        }
    }
    if (text.empty() || text.size() > 256) return false;
    if (std::isspace(static_cast<unsigned char>(text.front())) ||
        std::isspace(static_cast<unsigned char>(text.back())))
        return false;
    char buffer[257];
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    if (std::strlen(buffer) != text.size()) return false; // embedded NUL
    char *end = nullptr;
    errno = 0;
    double value = std::strtod(buffer, &end);
    if (end != buffer + text.size()) return false;
    if (std::isnan(value)) return false;
    // Like Redis's getDoubleFromObject: overflow (1e400) and underflow to zero (1e-400) are
    // errors; a denormal result (1e-320) is accepted.
    if (errno == ERANGE && (std::isinf(value) || value == 0)) return false;
    *out = value;
    return true;
}

std::string formatDouble(double value)
{
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[64];
    // Redis 7.0 uses "%.17g" and keeps it: fpconv-style shortest output only arrived in 7.2.
    int n = std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return std::string(buffer, static_cast<size_t>(n));
}

std::string formatLongDouble(long double value)
{
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[5600];
    int n = std::snprintf(buffer, sizeof buffer, "%.17Lf", value);
    if (n <= 0) return "0";
    std::string text(buffer, static_cast<size_t>(n));
    if (text.find('.') != std::string::npos) {
        while (!text.empty() && text.back() == '0') text.pop_back();
        if (!text.empty() && text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return text;
}

std::string formatInt64(int64_t value)
{
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

static inline char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
    return true;
}

void toLowerInPlace(std::string &text)
{
    for (char &c : text) c = lowerAscii(c);
}

std::string toLower(std::string_view text)
{
    std::string result(text);
    toLowerInPlace(result);
    return result;
}

std::string toUpper(std::string_view text)
{
    std::string result(text);
    for (char &c : result)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return result;
}

// Iterative glob matcher with single-star backtracking: O(|p|*|t|) worst case, no recursion,
// so a hostile pattern like "*a*a*a*a*b" cannot blow the stack.
bool globMatch(std::string_view pattern, std::string_view text, bool noCase)
{
    auto same = [noCase](char a, char b) {
        return noCase ? lowerAscii(a) == lowerAscii(b) : a == b;
    };
    size_t p = 0, t = 0;
    size_t starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        bool advanced = false;
        if (p < pattern.size()) {
            char pc = pattern[p];
            if (pc == '*') {
                while (p < pattern.size() && pattern[p] == '*') ++p;
                if (p == pattern.size()) return true;
                starP = p;
                starT = t;
                continue;
            }
            if (pc == '?') {
                ++p;
                ++t;
                advanced = true;
            } else if (pc == '[') {
                size_t q = p + 1;
                bool negate = false;
                if (q < pattern.size() && pattern[q] == '^') {
                    negate = true;
                    ++q;
                }
                bool match = false;
                while (q < pattern.size() && pattern[q] != ']') {
                    if (pattern[q] == '\\' && q + 1 < pattern.size()) {
                        ++q;
                        if (same(pattern[q], text[t])) match = true;
                        ++q;
                    } else if (q + 2 < pattern.size() && pattern[q + 1] == '-') {
                        char lo = pattern[q], hi = pattern[q + 2];
                        if (lo > hi) std::swap(lo, hi);
                        char c = text[t];
                        if (noCase) {
                            c = lowerAscii(c);
                            lo = lowerAscii(lo);
                            hi = lowerAscii(hi);
                        }
                        if (c >= lo && c <= hi) match = true;
                        q += 3;
                    } else {
                        if (same(pattern[q], text[t])) match = true;
                        ++q;
                    }
                }
                // An unterminated class ends the pattern, as in Redis.
                p = q < pattern.size() ? q + 1 : q;
                if (negate) match = !match;
                if (match) {
                    ++t;
                    advanced = true;
                }
            } else {
                if (pc == '\\' && p + 1 < pattern.size()) ++p;
                if (same(pattern[p], text[t])) {
                    ++p;
                    ++t;
                    advanced = true;
                }
            }
        }
        if (advanced) continue;
        if (starP == std::string_view::npos) return false;
        p = starP;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

} // namespace redscope::engine
