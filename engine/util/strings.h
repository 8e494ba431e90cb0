// Number and string helpers shared by every command family: strict integer and float parsing
// with Redis's rules (no spaces, no leading '+', no overflow), float formatting that matches
// what Redis prints, case-insensitive comparison, and glob matching for KEYS/SCAN/PSUBSCRIBE.
// Kept free of allocation where possible because they sit on the command hot path.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace redscope::engine {

// Accepts exactly what Redis's string2ll accepts: optional '-', digits, no leading zeros
// (except "0"), no spaces, within int64 range.
bool parseInt64(std::string_view text, int64_t *out);

// Accepts what Redis's strtold-based parsing accepts for scores and INCRBYFLOAT: decimal or
// exponent notation, "inf"/"-inf"/"+inf" (case-insensitive); rejects NaN, spaces, empty text.
bool parseDouble(std::string_view text, double *out);

// Shortest text that reads back as the same double ("%.17g" style trimmed), with "inf",
// "-inf", as Redis 7 prints scores and INCRBYFLOAT results.
std::string formatDouble(double value);
// INCRBYFLOAT / HINCRBYFLOAT format: fixed notation with up to 17 significant digits,
// trailing zeros removed, like Redis's long double formatting ("%.17Lf" then trim).
std::string formatLongDouble(long double value);

std::string formatInt64(int64_t value);

bool equalsIgnoreCase(std::string_view a, std::string_view b);
void toLowerInPlace(std::string &text);
std::string toLower(std::string_view text);
std::string toUpper(std::string_view text); // ASCII letters only, as Redis names commands

// Redis-style glob: * ? [abc] [^a] [a-z] and backslash escapes; binary safe.
bool globMatch(std::string_view pattern, std::string_view text, bool noCase = false);

} // namespace redscope::engine
