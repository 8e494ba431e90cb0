// HyperLogLog sketches in Redis's string format (see hyperloglog.h for the format and why
// the sparse update follows Redis's split-and-merge rules exactly).
#include "storage/hyperloglog.h"

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace redscope::engine::hll {

namespace {

constexpr uint32_t kIndexBits = 14;
constexpr uint32_t kValueBits = 64 - kIndexBits; // Q
constexpr uint8_t kSparseMaxValue = 32;
constexpr uint32_t kSparseMaxRun = 4;
constexpr uint32_t kZeroMaxRun = 64;
constexpr uint64_t kHashSeed = 0xadc83b19ULL;

// ---- sparse opcodes
bool isZero(uint8_t op)
{
    return (op & 0xc0) == 0;
}
bool isXzero(uint8_t op)
{
    return (op & 0xc0) == 0x40;
}
bool isVal(uint8_t op)
{
    return (op & 0x80) != 0;
}
uint32_t zeroRun(uint8_t op)
{
    return (op & 0x3fu) + 1;
}
uint32_t xzeroRun(uint8_t high, uint8_t low)
{
    return (((high & 0x3fu) << 8) | low) + 1;
}
uint8_t valValue(uint8_t op)
{
    return static_cast<uint8_t>(((op >> 2) & 0x1f) + 1);
}
uint32_t valRun(uint8_t op)
{
    return (op & 0x3u) + 1;
}
uint8_t makeVal(uint32_t value, uint32_t run)
{
    return static_cast<uint8_t>(0x80 | ((value - 1) << 2) | (run - 1));
}

// Appends the shortest zero-run opcode for `run` registers (ZERO up to 64, else XZERO).
void appendZeroRun(std::string &out, uint32_t run)
{
    if (run > kZeroMaxRun) {
        out.push_back(static_cast<char>(0x40 | ((run - 1) >> 8)));
        out.push_back(static_cast<char>((run - 1) & 0xff));
    } else {
        out.push_back(static_cast<char>(run - 1));
    }
}

// Walks the opcodes of a sparse body: fn(firstRegister, run, value) for each, value 0 for a
// zero run. Returns the number of registers covered. An XZERO cut short by the end reads a 0
// low byte, as the format's reference implementation reads its string's terminator.
template <typename F> uint64_t walkSparse(std::string_view sketch, F &&fn)
{
    const auto *p = reinterpret_cast<const uint8_t *>(sketch.data());
    size_t pos = kHeaderSize;
    uint64_t covered = 0;
    while (pos < sketch.size()) {
        uint8_t op = p[pos];
        uint32_t run;
        uint8_t value = 0;
        if (isZero(op)) {
            run = zeroRun(op);
            pos += 1;
        } else if (isXzero(op)) {
            run = xzeroRun(op, pos + 1 < sketch.size() ? p[pos + 1] : 0);
            pos += 2;
        } else {
            run = valRun(op);
            value = valValue(op);
            pos += 1;
        }
        if (!fn(covered, run, value)) return covered;
        covered += run;
    }
    return covered;
}

// ---- dense registers: 6 bits each, least significant bits first
uint8_t *registersOf(std::string &sketch)
{
    return reinterpret_cast<uint8_t *>(sketch.data()) + kHeaderSize;
}

uint8_t denseGet(const uint8_t *registers, uint32_t index)
{
    const uint32_t bit = index * 6, byte = bit / 8, shift = bit & 7;
    unsigned word = registers[byte];
    if (shift > 2) word |= static_cast<unsigned>(registers[byte + 1]) << 8;
    return static_cast<uint8_t>((word >> shift) & 63);
}

void denseSet(uint8_t *registers, uint32_t index, uint8_t value)
{
    const uint32_t bit = index * 6, byte = bit / 8, shift = bit & 7;
    registers[byte] = static_cast<uint8_t>((registers[byte] & ~(63u << shift)) | (value << shift));
    if (shift > 2) {
        const uint32_t high = 8 - shift;
        registers[byte + 1] =
            static_cast<uint8_t>((registers[byte + 1] & ~(63u >> high)) | (value >> high));
    }
}

int denseRaise(std::string &sketch, uint32_t index, uint8_t value)
{
    uint8_t *registers = registersOf(sketch);
    if (denseGet(registers, index) >= value) return 0;
    denseSet(registers, index, value);
    return 1;
}

// Promotion: the sketch becomes dense, then the register is raised there (a promotion only
// happens for a register that needs raising, so this always answers 1).
int promoteAndRaise(std::string &sketch, uint32_t index, uint8_t value)
{
    if (!toDense(sketch)) return -1;
    return denseRaise(sketch, index, value);
}

// After a sparse update: merges neighbouring VAL opcodes of equal value whose runs fit one
// opcode, looking at up to five opcodes from `from` (the opcode before the changed one).
void mergeValRuns(std::string &sketch, size_t from)
{
    size_t pos = from;
    for (int budget = 5; pos < sketch.size() && budget > 0; --budget) {
        auto op = static_cast<uint8_t>(sketch[pos]);
        if (isXzero(op)) {
            pos += 2;
            continue;
        }
        if (isZero(op)) {
            pos += 1;
            continue;
        }
        if (pos + 1 < sketch.size()) {
            auto next = static_cast<uint8_t>(sketch[pos + 1]);
            if (isVal(next) && valValue(op) == valValue(next) &&
                valRun(op) + valRun(next) <= kSparseMaxRun) {
                sketch[pos + 1] =
                    static_cast<char>(makeVal(valValue(op), valRun(op) + valRun(next)));
                sketch.erase(pos, 1);
                continue; // the merged opcode may merge again with the one after it
            }
        }
        pos += 1;
    }
}

int sparseRaise(std::string &sketch, uint32_t index, uint8_t value, size_t sparseMaxBytes)
{
    if (value > kSparseMaxValue) return promoteAndRaise(sketch, index, value);
    // Find the opcode covering `index`.
    const auto *p = reinterpret_cast<const uint8_t *>(sketch.data());
    size_t pos = kHeaderSize, previous = std::string::npos, opLength = 1;
    uint32_t first = 0, run = 0;
    while (pos < sketch.size()) {
        uint8_t op = p[pos];
        opLength = 1;
        if (isZero(op)) {
            run = zeroRun(op);
        } else if (isVal(op)) {
            run = valRun(op);
        } else {
            run = xzeroRun(op, pos + 1 < sketch.size() ? p[pos + 1] : 0);
            opLength = 2;
        }
        if (index <= first + run - 1) break;
        previous = pos;
        pos += opLength;
        first += run;
    }
    if (pos >= sketch.size()) return -1; // the opcodes end before the register

    const uint8_t op = p[pos];
    const size_t mergeFrom = previous == std::string::npos ? kHeaderSize : previous;
    if (isVal(op)) {
        if (valValue(op) >= value) return 0;
        if (run == 1) {
            sketch[pos] = static_cast<char>(makeVal(value, 1));
            mergeValRuns(sketch, mergeFrom);
            return 1;
        }
    } else if (isZero(op) && run == 1) {
        sketch[pos] = static_cast<char>(makeVal(value, 1));
        mergeValRuns(sketch, mergeFrom);
        return 1;
    }

    // Split the run into [left part] VAL(value, 1) [right part].
    const uint32_t last = first + run - 1;
    std::string replacement;
    if (isVal(op)) {
        const uint8_t current = valValue(op);
        if (index != first)
            replacement.push_back(static_cast<char>(makeVal(current, index - first)));
        replacement.push_back(static_cast<char>(makeVal(value, 1)));
        if (index != last) replacement.push_back(static_cast<char>(makeVal(current, last - index)));
    } else {
        if (index != first) appendZeroRun(replacement, index - first);
        replacement.push_back(static_cast<char>(makeVal(value, 1)));
        if (index != last) appendZeroRun(replacement, last - index);
    }
    if (replacement.size() > opLength &&
        sketch.size() + replacement.size() - opLength > sparseMaxBytes)
        return promoteAndRaise(sketch, index, value);
    sketch.replace(pos, opLength, replacement);
    mergeValRuns(sketch, mergeFrom);
    return 1;
}

void histogramOfRegisters(const uint8_t *registers, int *histogram)
{
    for (size_t i = 0; i < kRegisters; ++i)
        ++histogram[registers[i]];
}

// Ertl's sigma and tau series, iterated until the sum stops changing.
double sigma(double x)
{
    if (x == 1.) return INFINITY;
    double previous, y = 1, z = x;
    do {
        x *= x;
        previous = z;
        z += x * y;
        y += y;
    } while (previous != z);
    return z;
}

double tau(double x)
{
    if (x == 0. || x == 1.) return 0.;
    double previous, y = 1.0, z = 1 - x;
    do {
        x = std::sqrt(x);
        previous = z;
        y *= 0.5;
        z -= std::pow(1 - x, 2) * y;
    } while (previous != z);
    return z / 3;
}

uint64_t estimate(const int *histogram)
{
    const double m = kRegisters;
    double z = m * tau((m - histogram[kValueBits + 1]) / m);
    for (int j = kValueBits; j >= 1; --j) {
        z += histogram[j];
        z *= 0.5;
    }
    z += m * sigma(histogram[0] / m);
    constexpr double kAlphaInf = 0.721347520444481703680; // 1 / (2 ln 2)
    return static_cast<uint64_t>(std::llround(kAlphaInf * m * m / z));
}

} // namespace

bool looksValid(std::string_view value)
{
    if (value.size() < kHeaderSize || value.substr(0, 4) != "HYLL") return false;
    const auto encoding = static_cast<uint8_t>(value[4]);
    if (encoding > kEncodingSparse) return false;
    return encoding != kEncodingDense || value.size() == kDenseSize;
}

bool isSparse(std::string_view value)
{
    return static_cast<uint8_t>(value[4]) == kEncodingSparse;
}

std::string newSketch()
{
    std::string sketch(kHeaderSize, '\0');
    std::memcpy(sketch.data(), "HYLL", 4);
    sketch[4] = static_cast<char>(kEncodingSparse);
    appendZeroRun(sketch, kRegisters);
    return sketch;
}

// MurmurHash64A by Austin Appleby (public domain), reading 8-byte blocks little-endian.
uint64_t murmurHash64A(const void *data, size_t length, uint64_t seed)
{
    constexpr uint64_t m = 0xc6a4a7935bd1e995ULL;
    constexpr int r = 47;
    uint64_t h = seed ^ (length * m);
    const auto *bytes = static_cast<const uint8_t *>(data);
    const size_t blocks = length / 8;
    for (size_t i = 0; i < blocks; ++i) {
        uint64_t k = 0;
        for (int b = 7; b >= 0; --b)
            k = (k << 8) | bytes[i * 8 + static_cast<size_t>(b)];
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
    }
    const uint8_t *tail = bytes + blocks * 8;
    const size_t rest = length & 7;
    if (rest) {
        for (size_t b = rest; b-- > 0;)
            h ^= static_cast<uint64_t>(tail[b]) << (8 * b);
        h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

void hashElement(std::string_view element, uint32_t *index, uint8_t *value)
{
    uint64_t hash = murmurHash64A(element.data(), element.size(), kHashSeed);
    *index = static_cast<uint32_t>(hash & (kRegisters - 1));
    hash >>= kIndexBits;
    hash |= uint64_t{1} << kValueBits; // bounds the run at Q zeros
    *value = static_cast<uint8_t>(__builtin_ctzll(hash) + 1);
}

int raiseRegister(std::string &sketch, uint32_t index, uint8_t value, size_t sparseMaxBytes)
{
    if (isSparse(sketch)) return sparseRaise(sketch, index, value, sparseMaxBytes);
    return denseRaise(sketch, index, value);
}

int add(std::string &sketch, std::string_view element, size_t sparseMaxBytes)
{
    uint32_t index;
    uint8_t value;
    hashElement(element, &index, &value);
    return raiseRegister(sketch, index, value, sparseMaxBytes);
}

std::optional<uint64_t> cachedCount(std::string_view sketch)
{
    if (static_cast<uint8_t>(sketch[15]) & 0x80) return std::nullopt;
    uint64_t count = 0;
    for (int i = 7; i >= 0; --i)
        count = (count << 8) | static_cast<uint8_t>(sketch[8 + static_cast<size_t>(i)]);
    return count;
}

void storeCount(std::string &sketch, uint64_t count)
{
    for (size_t i = 0; i < 8; ++i)
        sketch[8 + i] = static_cast<char>((count >> (8 * i)) & 0xff);
}

void invalidateCount(std::string &sketch)
{
    sketch[15] = static_cast<char>(static_cast<uint8_t>(sketch[15]) | 0x80);
}

std::optional<uint64_t> count(std::string_view sketch)
{
    int histogram[64] = {};
    if (isSparse(sketch)) {
        uint64_t covered = walkSparse(sketch, [&](uint64_t, uint32_t run, uint8_t value) {
            histogram[value] += static_cast<int>(run);
            return true;
        });
        if (covered != kRegisters) return std::nullopt;
    } else {
        const auto *registers = reinterpret_cast<const uint8_t *>(sketch.data()) + kHeaderSize;
        for (uint32_t i = 0; i < kRegisters; ++i)
            ++histogram[denseGet(registers, i)];
    }
    return estimate(histogram);
}

bool mergeInto(std::string_view sketch, uint8_t *max)
{
    if (!isSparse(sketch)) {
        const auto *registers = reinterpret_cast<const uint8_t *>(sketch.data()) + kHeaderSize;
        for (uint32_t i = 0; i < kRegisters; ++i)
            max[i] = std::max(max[i], denseGet(registers, i));
        return true;
    }
    bool overflow = false;
    uint64_t covered = walkSparse(sketch, [&](uint64_t first, uint32_t run, uint8_t value) {
        if (value == 0) return true;
        if (first + run > kRegisters) return !(overflow = true);
        for (uint64_t i = first; i < first + run; ++i)
            max[i] = std::max(max[i], value);
        return true;
    });
    return !overflow && covered == kRegisters;
}

uint64_t countRegisters(const uint8_t *registers)
{
    int histogram[64] = {};
    histogramOfRegisters(registers, histogram);
    return estimate(histogram);
}

bool toDense(std::string &sketch)
{
    if (!isSparse(sketch)) return true;
    std::string dense(kDenseSize, '\0');
    std::memcpy(dense.data(), sketch.data(), kHeaderSize);
    dense[4] = static_cast<char>(kEncodingDense);
    uint8_t *registers = registersOf(dense);
    bool overflow = false;
    uint64_t covered = walkSparse(sketch, [&](uint64_t first, uint32_t run, uint8_t value) {
        if (value == 0) return true;
        if (first + run > kRegisters) return !(overflow = true);
        for (uint64_t i = first; i < first + run; ++i)
            denseSet(registers, static_cast<uint32_t>(i), value);
        return true;
    });
    if (overflow || covered != kRegisters) return false;
    sketch = std::move(dense);
    return true;
}

void denseRegisters(std::string_view sketch, uint8_t *out)
{
    const auto *registers = reinterpret_cast<const uint8_t *>(sketch.data()) + kHeaderSize;
    for (uint32_t i = 0; i < kRegisters; ++i)
        out[i] = denseGet(registers, i);
}

std::string describeSparse(std::string_view sketch)
{
    std::string text;
    const auto *p = reinterpret_cast<const uint8_t *>(sketch.data());
    size_t pos = kHeaderSize;
    while (pos < sketch.size()) {
        if (!text.empty()) text.push_back(' ');
        uint8_t op = p[pos];
        if (isZero(op)) {
            text += "z:" + std::to_string(zeroRun(op));
            pos += 1;
        } else if (isXzero(op)) {
            text += "Z:" + std::to_string(xzeroRun(op, pos + 1 < sketch.size() ? p[pos + 1] : 0));
            pos += 2;
        } else {
            text += "v:" + std::to_string(valValue(op)) + "," + std::to_string(valRun(op));
            pos += 1;
        }
    }
    return text;
}

std::string selfTest()
{
    // 1. Dense packing: every register reads back what was written, neighbours untouched.
    std::mt19937_64 rng(0x5eed);
    std::string dense(kDenseSize, '\0');
    std::vector<uint8_t> expected(kRegisters, 0);
    for (int round = 0; round < 1000; ++round) {
        for (uint32_t i = 0; i < kRegisters; ++i) {
            expected[i] = static_cast<uint8_t>(rng() & 63);
            denseSet(registersOf(dense), i, expected[i]);
        }
        for (uint32_t i = 0; i < kRegisters; ++i)
            if (denseGet(registersOf(dense), i) != expected[i])
                return "TESTFAILED Register error at " + std::to_string(i);
        if (round == 9) break; // ten full rounds are plenty for the packing itself
    }
    // 2. Sparse and dense sketches of the same elements hold the same registers and count the
    //    same, within the estimator's error bound. The sparse one, kept sparse past any
    //    hll-sparse-max-bytes, follows up to 10,000 elements (a sparse add walks the whole
    //    string, so more would only make the test slow); the dense one goes on to 100,000.
    std::string sparse = newSketch(), forcedDense = newSketch();
    if (!toDense(forcedDense)) return "TESTFAILED conversion of an empty sketch";
    const double relativeError = 1.04 / std::sqrt(static_cast<double>(kRegisters));
    constexpr uint64_t kSparseElements = 10000;
    std::string denseOfTheSparseElements;
    uint64_t checkpoint = 1;
    for (uint64_t n = 1; n <= 100000; ++n) {
        std::string element = "element:" + std::to_string(rng());
        if ((n <= kSparseElements && add(sparse, element, SIZE_MAX) < 0) ||
            add(forcedDense, element, 0) < 0)
            return "TESTFAILED add";
        if (n == kSparseElements) denseOfTheSparseElements = forcedDense;
        if (n != checkpoint) continue;
        checkpoint *= 10;
        std::optional<uint64_t> a = count(n <= kSparseElements ? sparse : forcedDense),
                                b = count(forcedDense);
        if (!a || !b || *a != *b)
            return "TESTFAILED sparse and dense counts differ at " + std::to_string(n);
        double maxError = n < 1000 ? relativeError * 4 * static_cast<double>(n) + 1
                                   : relativeError * 6 * static_cast<double>(n);
        if (std::fabs(static_cast<double>(*a) - static_cast<double>(n)) > maxError)
            return "TESTFAILED too big error. card:" + std::to_string(n) +
                   " abserr:" + std::to_string(std::fabs(double(*a) - double(n)));
    }
    std::string converted = sparse;
    if (!toDense(converted) ||
        converted.substr(kHeaderSize) != denseOfTheSparseElements.substr(kHeaderSize))
        return "TESTFAILED sparse to dense conversion";
    return {};
}

} // namespace redscope::engine::hll
