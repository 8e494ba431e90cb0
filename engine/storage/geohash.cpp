// Geohash geometry (see geohash.h). The floating-point steps (offsets, cell bounds, the
// bounding box of a shape, the step estimate) are written in the order the published Redis
// algorithm performs them, because a different rounding would move a point that sits on a
// cell edge into another cell and change the order of unsorted search results.
#include "storage/geohash.h"

#include <algorithm>
#include <cmath>

namespace redscope::engine::geo {

namespace {

constexpr double kEarthRadiusMeters = 6372797.560856;
constexpr double kMercatorMax = 20037726.37;
constexpr double kDegToRad = M_PI / 180.0;

double toRadians(double degrees)
{
    return degrees * kDegToRad;
}
double toDegrees(double radians)
{
    return radians / kDegToRad;
}

struct Range
{
    double min, max;
};
constexpr Range kLongitudes{kLongitudeMin, kLongitudeMax};
constexpr Range kLatitudes{kLatitudeMin, kLatitudeMax};

struct Area
{
    Range longitude, latitude;
};

// Spreads the 32 bits of x over the even bits of a 64-bit word, and back.
uint64_t spread(uint32_t value)
{
    uint64_t x = value;
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFULL;
    x = (x | (x << 8)) & 0x00FF00FF00FF00FFULL;
    x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FULL;
    x = (x | (x << 2)) & 0x3333333333333333ULL;
    x = (x | (x << 1)) & 0x5555555555555555ULL;
    return x;
}

uint32_t compact(uint64_t x)
{
    x &= 0x5555555555555555ULL;
    x = (x | (x >> 1)) & 0x3333333333333333ULL;
    x = (x | (x >> 2)) & 0x0F0F0F0F0F0F0F0FULL;
    x = (x | (x >> 4)) & 0x00FF00FF00FF00FFULL;
    x = (x | (x >> 8)) & 0x0000FFFF0000FFFFULL;
    x = (x | (x >> 16)) & 0x00000000FFFFFFFFULL;
    return static_cast<uint32_t>(x);
}

// The cell of a position at `step` bits per axis over the given ranges; false when the
// position is outside them (or outside the geo limits).
bool encodeCell(const Range &longitudes, const Range &latitudes, double longitude, double latitude,
                int step, Cell *cell)
{
    if (step < 1 || step > 32) return false;
    if (longitude > kLongitudeMax || longitude < kLongitudeMin || latitude > kLatitudeMax ||
        latitude < kLatitudeMin)
        return false;
    if (latitude < latitudes.min || latitude > latitudes.max || longitude < longitudes.min ||
        longitude > longitudes.max)
        return false;
    double latOffset = (latitude - latitudes.min) / (latitudes.max - latitudes.min);
    double lonOffset = (longitude - longitudes.min) / (longitudes.max - longitudes.min);
    latOffset *= static_cast<double>(1ULL << step);
    lonOffset *= static_cast<double>(1ULL << step);
    cell->bits =
        spread(static_cast<uint32_t>(latOffset)) | (spread(static_cast<uint32_t>(lonOffset)) << 1);
    cell->step = step;
    return true;
}

Area decodeCell(const Cell &cell)
{
    const uint32_t latCell = compact(cell.bits), lonCell = compact(cell.bits >> 1);
    const double latScale = kLatitudes.max - kLatitudes.min;
    const double lonScale = kLongitudes.max - kLongitudes.min;
    const double cells = static_cast<double>(1ULL << cell.step);
    Area area;
    area.latitude.min = kLatitudes.min + (latCell * 1.0 / cells) * latScale;
    area.latitude.max = kLatitudes.min + ((latCell + 1.0) * 1.0 / cells) * latScale;
    area.longitude.min = kLongitudes.min + (lonCell * 1.0 / cells) * lonScale;
    area.longitude.max = kLongitudes.min + ((lonCell + 1.0) * 1.0 / cells) * lonScale;
    return area;
}

// Moves a cell one step east/west (longitude, the odd bits) or north/south (latitude, the
// even bits), wrapping around.
void moveCell(Cell &cell, int east, int north)
{
    const int shift = 64 - cell.step * 2;
    auto move = [&](uint64_t mask, int direction) {
        uint64_t axis = cell.bits & mask, other = cell.bits & ~mask;
        const uint64_t fill = ~mask >> shift; // the other axis' bits, to carry through
        if (direction > 0) {
            axis = axis + (fill + 1);
        } else {
            axis = axis | fill;
            axis = axis - (fill + 1);
        }
        axis &= mask >> shift;
        cell.bits = axis | other;
    };
    if (east) move(0xaaaaaaaaaaaaaaaaULL, east);
    if (north) move(0x5555555555555555ULL, north);
}

int estimateSteps(double meters, double latitude)
{
    if (meters == 0) return kMaxStep;
    int step = 1;
    while (meters < kMercatorMax) {
        meters *= 2;
        step++;
    }
    step -= 2;                             // so that the range fits in most cases
    if (latitude > 66 || latitude < -66) { // cells get narrower towards the poles
        step--;
        if (latitude > 80 || latitude < -80) step--;
    }
    return std::clamp(step, 1, kMaxStep);
}

// A score as the 52-bit hash it should hold. Scores of members added by ZADD can be anything;
// Redis converts them with a plain C cast, which on x86-64 truncates in-range values and gives
// 2^63 (below -2^63) or 0 (from 2^64 up) otherwise. Spelled out here, without the undefined
// behaviour, so GEOPOS and friends answer as redis-server does for such members.
uint64_t scoreBits(double score)
{
    constexpr double kTwo63 = 9223372036854775808.0, kTwo64 = 18446744073709551616.0;
    if (std::isnan(score) || score < -kTwo63) return uint64_t{1} << 63;
    if (score < kTwo63) return static_cast<uint64_t>(static_cast<int64_t>(score));
    if (score >= kTwo64) return 0;
    return static_cast<uint64_t>(static_cast<int64_t>(score - kTwo63)) ^ (uint64_t{1} << 63);
}

double latitudeDistance(double lat1, double lat2)
{
    return kEarthRadiusMeters * std::fabs(toRadians(lat2) - toRadians(lat1));
}

} // namespace

uint64_t encode(double longitude, double latitude)
{
    Cell cell;
    if (!encodeCell(kLongitudes, kLatitudes, longitude, latitude, kMaxStep, &cell)) return 0;
    return cell.bits << (52 - kMaxStep * 2);
}

void decode(double score, double *longitude, double *latitude)
{
    Cell cell{scoreBits(score), kMaxStep};
    Area area = decodeCell(cell);
    *longitude =
        std::clamp((area.longitude.min + area.longitude.max) / 2, kLongitudeMin, kLongitudeMax);
    *latitude = std::clamp((area.latitude.min + area.latitude.max) / 2, kLatitudeMin, kLatitudeMax);
}

std::string standardGeohash(double score)
{
    static const char kAlphabet[] = "0123456789bcdefghjkmnpqrstuvwxyz";
    double longitude, latitude;
    decode(score, &longitude, &latitude);
    Cell cell;
    if (!encodeCell({-180, 180}, {-90, 90}, longitude, latitude, kMaxStep, &cell)) cell.bits = 0;
    std::string text(11, '0');
    for (int i = 0; i < 10; ++i)
        text[static_cast<size_t>(i)] = kAlphabet[(cell.bits >> (52 - (i + 1) * 5)) & 0x1f];
    return text; // 52 bits make 10 characters; the 11th is '0' by convention
}

double distance(double lon1, double lat1, double lon2, double lat2)
{
    const double v = std::sin((toRadians(lon2) - toRadians(lon1)) / 2);
    if (v == 0.0) return latitudeDistance(lat1, lat2); // same meridian
    const double lat1r = toRadians(lat1), lat2r = toRadians(lat2);
    const double u = std::sin((lat2r - lat1r) / 2);
    const double a = u * u + std::cos(lat1r) * std::cos(lat2r) * v * v;
    return 2.0 * kEarthRadiusMeters * std::asin(std::sqrt(a));
}

void cellsToSearch(const Shape &shape, Cell out[9])
{
    // The shape's bounding box.
    const double halfHeight = shape.toMeters * (shape.isBox ? shape.height / 2 : shape.radius);
    const double halfWidth = shape.toMeters * (shape.isBox ? shape.width / 2 : shape.radius);
    const double latDelta = toDegrees(halfHeight / kEarthRadiusMeters);
    const double lonDeltaTop =
        toDegrees(halfWidth / kEarthRadiusMeters / std::cos(toRadians(shape.latitude + latDelta)));
    const double lonDeltaBottom =
        toDegrees(halfWidth / kEarthRadiusMeters / std::cos(toRadians(shape.latitude - latDelta)));
    const bool south = shape.latitude < 0;
    const double minLon = shape.longitude - (south ? lonDeltaBottom : lonDeltaTop);
    const double maxLon = shape.longitude + (south ? lonDeltaBottom : lonDeltaTop);
    const double minLat = shape.latitude - latDelta, maxLat = shape.latitude + latDelta;

    double radiusMeters = shape.isBox ? std::sqrt((shape.width / 2) * (shape.width / 2) +
                                                  (shape.height / 2) * (shape.height / 2))
                                      : shape.radius;
    radiusMeters *= shape.toMeters;
    int steps = estimateSteps(radiusMeters, shape.latitude);

    Cell centre, neighbours[8]; // N, S, E, W, NE, NW, SE, SW
    auto locate = [&] {
        encodeCell(kLongitudes, kLatitudes, shape.longitude, shape.latitude, steps, &centre);
        static const int kMoves[8][2] = {{0, 1}, {0, -1}, {1, 0},  {-1, 0},
                                         {1, 1}, {-1, 1}, {1, -1}, {-1, -1}};
        for (int i = 0; i < 8; ++i) {
            neighbours[i] = centre;
            moveCell(neighbours[i], kMoves[i][0], kMoves[i][1]);
        }
    };
    locate();
    // Near the edge of its cell, the estimated step may leave part of the shape outside the
    // nine cells: one step coarser then.
    bool coarser = decodeCell(neighbours[0]).latitude.max < maxLat ||
                   decodeCell(neighbours[1]).latitude.min > minLat ||
                   decodeCell(neighbours[2]).longitude.max < maxLon ||
                   decodeCell(neighbours[3]).longitude.min > minLon;
    if (steps > 1 && coarser) {
        steps--;
        locate();
    }
    Area area = decodeCell(centre);
    // Leave out neighbours on a side the shape does not reach.
    if (steps >= 2) {
        auto drop = [&](std::initializer_list<int> which) {
            for (int i : which)
                neighbours[i] = Cell{};
        };
        if (area.latitude.min < minLat) drop({1, 7, 6});  // S, SW, SE
        if (area.latitude.max > maxLat) drop({0, 4, 5});  // N, NE, NW
        if (area.longitude.min < minLon) drop({3, 7, 5}); // W, SW, NW
        if (area.longitude.max > maxLon) drop({2, 6, 4}); // E, SE, NE
    }
    out[0] = centre;
    for (int i = 0; i < 8; ++i)
        out[i + 1] = neighbours[i];
}

void scoreRange(const Cell &cell, uint64_t *min, uint64_t *max)
{
    const int shift = 52 - cell.step * 2;
    *min = cell.bits << shift;
    *max = (cell.bits + 1) << shift;
}

bool withinShape(const Shape &shape, double longitude, double latitude, double *meters)
{
    if (!shape.isBox) {
        *meters = distance(shape.longitude, shape.latitude, longitude, latitude);
        return *meters <= shape.radius * shape.toMeters;
    }
    if (latitudeDistance(latitude, shape.latitude) > shape.height * shape.toMeters / 2)
        return false;
    if (distance(longitude, latitude, shape.longitude, latitude) > shape.width * shape.toMeters / 2)
        return false;
    *meters = distance(shape.longitude, shape.latitude, longitude, latitude);
    return true;
}

} // namespace redscope::engine::geo
