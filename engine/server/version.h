// The Redis version the engine answers as: HELLO's `version`, INFO's redis_version, the RDB
// header's redis-ver aux field and redis.REDIS_VERSION in scripts all read these, so the
// figures the engine reports never disagree. The bar is Debian's redis-server 7.0.15.
#pragma once

namespace redscope::engine {

inline constexpr const char *kRedisVersion = "7.0.15";
// MAJOR << 16 | MINOR << 8 | PATCH, as redis.REDIS_VERSION_NUM.
inline constexpr int kRedisVersionNum = 0x07000f;

} // namespace redscope::engine
