// Geohash geometry for the geo commands (commands/geo_commands.cpp), as Redis documents and
// uses it, so that a geo set here is the same sorted set redis-server builds and a search
// visits the same cells in the same order:
// - a position is a 52-bit integer score: latitude in [-85.05112878, 85.05112878] and
//   longitude in [-180, 180] each cut into 2^26 steps, the two 26-bit cell numbers interleaved
//   (latitude on the even bits, longitude on the odd ones); the score decodes to the centre of
//   its cell;
// - a search covers its shape (circle or box) with the cell of the centre, at a precision
//   chosen from the radius, and its eight neighbours (fewer where a neighbour cannot hold a
//   match); each cell is a score range of the sorted set;
// - distances are haversine great-circle distances on a sphere of 6372797.560856 m.
// GEOHASH's strings re-encode the decoded position on the standard [-90, 90] latitude range,
// in base 32, 11 characters (the last always '0').
#pragma once

#include <cstdint>
#include <string>

namespace redscope::engine::geo {

constexpr double kLongitudeMin = -180, kLongitudeMax = 180;
constexpr double kLatitudeMin = -85.05112878, kLatitudeMax = 85.05112878;
constexpr int kMaxStep = 26;

struct Cell
{
    uint64_t bits = 0;
    int step = 0; // 0 with bits 0: no cell (a neighbour excluded from the search)
    bool empty() const { return bits == 0 && step == 0; }
};

// The score of a position (already checked to be within the limits above).
uint64_t encode(double longitude, double latitude);
// The centre of a score's cell: longitude, latitude.
void decode(double score, double *longitude, double *latitude);
// GEOHASH's 11-character standard geohash of a score.
std::string standardGeohash(double score);

double distance(double lon1, double lat1, double lon2, double lat2);

// A search shape: a circle of radius metres, or a box width x height metres, around the
// centre. `toMeters` converts the user's unit; sizes here are in the user's unit.
struct Shape
{
    double longitude = 0, latitude = 0;
    bool isBox = false;
    double radius = 0, width = 0, height = 0;
    double toMeters = 1;
};

// The cells to scan, in Redis's order: the centre's cell, then N, S, E, W, NE, NW, SE, SW
// (empty() for those left out).
void cellsToSearch(const Shape &shape, Cell out[9]);
// The score range [*min, *max) a cell covers.
void scoreRange(const Cell &cell, uint64_t *min, uint64_t *max);
// Whether a position is inside the shape; its distance from the centre in metres if so.
bool withinShape(const Shape &shape, double longitude, double latitude, double *meters);

} // namespace redscope::engine::geo
