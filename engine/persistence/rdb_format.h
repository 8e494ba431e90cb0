// The RDB file format as Redis 7.0 writes it (RDB version 10): opcodes, value type ids and
// the variable-length integer ("length") encoding shared by the writer and the loader.
//
//   "REDIS0010"  AUX*  ( SELECTDB n  RESIZEDB keys expires  ( [EXPIRETIME_MS t] type key value )*
//   )* EOF  crc64 (8 bytes little endian, 0 when rdbchecksum is off)
//
// Lengths: 00xxxxxx (6 bits), 01xxxxxx xxxxxxxx (14 bits, big endian), 0x80 + 4 bytes
// big endian, 0x81 + 8 bytes big endian. 11xxxxxx marks a specially encoded string:
// 0/1/2 = an integer in 1/2/4 little-endian bytes, 3 = LZF (compressed len, len, data).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace redscope::engine::rdb {

inline constexpr int kVersion = 10;
inline constexpr std::string_view kMagic = "REDIS";

// Opcodes (the byte where a value type would be).
inline constexpr uint8_t kOpFunction2 = 245;
inline constexpr uint8_t kOpFunction = 246; // 7.0 release candidates
inline constexpr uint8_t kOpModuleAux = 247;
inline constexpr uint8_t kOpIdle = 248;
inline constexpr uint8_t kOpFreq = 249;
inline constexpr uint8_t kOpAux = 250;
inline constexpr uint8_t kOpResizeDb = 251;
inline constexpr uint8_t kOpExpireTimeMs = 252;
inline constexpr uint8_t kOpExpireTime = 253;
inline constexpr uint8_t kOpSelectDb = 254;
inline constexpr uint8_t kOpEof = 255;

// Value types.
inline constexpr uint8_t kTypeString = 0;
inline constexpr uint8_t kTypeList = 1;
inline constexpr uint8_t kTypeSet = 2;
inline constexpr uint8_t kTypeZSet = 3;
inline constexpr uint8_t kTypeHash = 4;
inline constexpr uint8_t kTypeZSet2 = 5;
inline constexpr uint8_t kTypeModule = 6;
inline constexpr uint8_t kTypeModule2 = 7;
inline constexpr uint8_t kTypeHashZipmap = 9;
inline constexpr uint8_t kTypeListZiplist = 10;
inline constexpr uint8_t kTypeSetIntset = 11;
inline constexpr uint8_t kTypeZSetZiplist = 12;
inline constexpr uint8_t kTypeHashZiplist = 13;
inline constexpr uint8_t kTypeListQuicklist = 14;
inline constexpr uint8_t kTypeStreamListpacks = 15;
inline constexpr uint8_t kTypeHashListpack = 16;
inline constexpr uint8_t kTypeZSetListpack = 17;
inline constexpr uint8_t kTypeListQuicklist2 = 18;
inline constexpr uint8_t kTypeStreamListpacks2 = 19;

// Quicklist 2 node containers.
inline constexpr uint64_t kQuicklistNodePlain = 1;
inline constexpr uint64_t kQuicklistNodePacked = 2;

// Length-encoding markers.
inline constexpr uint8_t kLen6 = 0;
inline constexpr uint8_t kLen14 = 1;
inline constexpr uint8_t kLen32 = 0x80;
inline constexpr uint8_t kLen64 = 0x81;
inline constexpr uint8_t kEncVal = 3;
inline constexpr uint8_t kEncInt8 = 0;
inline constexpr uint8_t kEncInt16 = 1;
inline constexpr uint8_t kEncInt32 = 2;
inline constexpr uint8_t kEncLzf = 3;

inline void appendLength(std::string &out, uint64_t len)
{
    if (len < (1u << 6)) {
        out.push_back(static_cast<char>(len));
    } else if (len < (1u << 14)) {
        out.push_back(static_cast<char>((kLen14 << 6) | (len >> 8)));
        out.push_back(static_cast<char>(len & 0xff));
    } else if (len <= UINT32_MAX) {
        out.push_back(static_cast<char>(kLen32));
        for (int shift = 24; shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((len >> shift) & 0xff));
    } else {
        out.push_back(static_cast<char>(kLen64));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((len >> shift) & 0xff));
    }
}

inline void appendLittleEndian(std::string &out, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

} // namespace redscope::engine::rdb
