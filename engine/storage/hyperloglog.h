// HyperLogLog sketches kept in Redis's own string format, so that a value written by PFADD
// here is byte for byte what redis-server writes for the same PFADDs, and either server counts
// the other's strings (GET/SET, RDB, DUMP/RESTORE all carry HLLs as plain strings).
//
// The format, as Redis documents it: a 16-byte header ("HYLL", an encoding byte, 3 unused
// bytes, and the cached cardinality as 8 little-endian bytes whose top bit set means "stale"),
// followed by 16384 registers (P = 14) in one of two encodings:
// - dense: 6 bits per register, packed from the least significant bit of each byte up;
//   always 12288 bytes;
// - sparse: run-length opcodes, ZERO (00xxxxxx: 1..64 zero registers), XZERO (01xxxxxx
//   yyyyyyyy: 1..16384 zero registers) and VAL (1vvvvvxx: 1..4 registers of value 1..32).
//   A new sketch is one XZERO. A sparse sketch is promoted to dense when a register would
//   exceed 32 or the string would grow past hll-sparse-max-bytes (header included).
// Elements are hashed with MurmurHash64A (seed 0xadc83b19): the low 14 bits pick the
// register, the run of zero bits above them (plus one) is the value it may be raised to.
//
// Byte-identical sparse strings need more than the format: an update splits the opcode that
// covers the register in the one way Redis splits it (ZERO for short zero runs, XZERO past 64)
// and then merges same-valued neighbouring VAL opcodes within five opcodes of the change, so
// this file follows those documented rules step for step. Sparse updates cost O(size of the
// string) (at most hll-sparse-max-bytes), dense ones O(1); counting is O(16384).
//
// The estimator is Ertl's improved raw estimator ("New cardinality estimation algorithms for
// HyperLogLog sketches", 2017), the one Redis 5+ uses, computed from the register histogram
// with the same floating-point steps so both servers print the same count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace redscope::engine::hll {

constexpr size_t kRegisters = 16384;
constexpr size_t kHeaderSize = 16;
constexpr size_t kDenseSize = kHeaderSize + kRegisters * 6 / 8;
constexpr uint8_t kEncodingDense = 0;
constexpr uint8_t kEncodingSparse = 1;
constexpr uint8_t kMaxRegisterValue = 51; // Q + 1 with Q = 64 - P

// The checks Redis makes before it treats a string as a sketch: long enough for the header,
// the "HYLL" magic, a known encoding, and the exact length of a dense sketch. The registers of
// a sparse sketch are checked only when an operation walks them (corruption is then
// INVALIDOBJ, not WRONGTYPE).
bool looksValid(std::string_view value);
bool isSparse(std::string_view value);

// An empty sparse sketch, its cache valid and 0.
std::string newSketch();

uint64_t murmurHash64A(const void *data, size_t length, uint64_t seed);
// The register an element goes to and the value it proposes (1..51).
void hashElement(std::string_view element, uint32_t *index, uint8_t *value);

// Raises register `index` to `value` if that is higher. Returns 1 when the sketch changed,
// 0 when not, -1 when a sparse sketch is corrupt. May promote the sketch to dense.
int raiseRegister(std::string &sketch, uint32_t index, uint8_t value, size_t sparseMaxBytes);
// PFADD of one element: raiseRegister with the element's hash.
int add(std::string &sketch, std::string_view element, size_t sparseMaxBytes);

// The cached cardinality, when the cache is valid.
std::optional<uint64_t> cachedCount(std::string_view sketch);
void storeCount(std::string &sketch, uint64_t count);
void invalidateCount(std::string &sketch);

// The estimate from the registers; nullopt for a corrupt sparse sketch.
std::optional<uint64_t> count(std::string_view sketch);
// max[i] = max(max[i], register i) over kRegisters bytes; false for a corrupt sketch.
bool mergeInto(std::string_view sketch, uint8_t *max);
// The estimate of one register per byte (what multi-key PFCOUNT merges into).
uint64_t countRegisters(const uint8_t *registers);

// Rewrites a sparse sketch as dense (the header, cache included, is kept). False, with the
// sketch unchanged, when it is corrupt.
bool toDense(std::string &sketch);
// A dense sketch's registers, one per byte (kRegisters bytes).
void denseRegisters(std::string_view sketch, uint8_t *out);
// PFDEBUG DECODE's text ("Z:16384", "z:3 v:2,1 ..."); the sketch must be sparse.
std::string describeSparse(std::string_view sketch);

// PFSELFTEST: the register packing and the estimator's accuracy in both encodings. Empty on
// success, else what failed.
std::string selfTest();

} // namespace redscope::engine::hll
