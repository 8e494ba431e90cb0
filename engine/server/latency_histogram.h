// Per-command latency histograms for LATENCY HISTOGRAM: counts in power-of-two buckets of
// 1024 ns << k, reported as Redis 7.0 reports its HdrHistogram (2 significant figures) walked
// by powers of two from 1024 ns: each bucket labelled with its highest equivalent value in µs,
// with the cumulative count of calls up to it. Header-only: a counter array and two formulas.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace redscope::engine {

struct LatencyHistogram
{
    static constexpr int kBuckets = 48;
    std::array<uint64_t, kBuckets> counts{};
    uint64_t total = 0;

    // The largest value (ns) that falls in bucket k: 1024 << k plus its HdrHistogram
    // sub-bucket width (1024 << k) / 128, less one.
    static constexpr uint64_t highestNs(int k)
    {
        return (uint64_t{1024} << k) + (uint64_t{8} << k) - 1;
    }
    // Redis records whole microseconds as nanoseconds.
    void record(int64_t microseconds)
    {
        const uint64_t ns = static_cast<uint64_t>(microseconds < 0 ? 0 : microseconds) * 1000;
        int k = 0;
        while (k + 1 < kBuckets && ns > highestNs(k))
            ++k;
        ++counts[static_cast<std::size_t>(k)];
        ++total;
    }
};

} // namespace redscope::engine
