// Geo commands (Redis's geo.c): GEOADD, GEODIST, GEOHASH, GEOPOS, GEOSEARCH, GEOSEARCHSTORE,
// GEORADIUS, GEORADIUSBYMEMBER and their _RO forms. A geo index is an ordinary sorted set
// whose scores are 52-bit geohashes (storage/geohash.h), so ZRANGE, ZREM, RDB and the rest
// work on it unchanged and the sets are identical to redis-server's.
//
// GEOADD is ZADD with the positions turned into scores (it is propagated as that ZADD, as in
// Redis). The searches share one grammar and one body (searchGeneric), which follows Redis
// 7.0's order of argument checks and errors, scans the nine cells of geohash.h in Redis's
// order, and keeps Redis's output rules: without ASC/DESC results come in scan order, COUNT
// without ANY sorts ascending, distances print as "%.4f" bulks (in RESP3 too), coordinates
// as Redis's "human" long doubles (RESP3 doubles), hashes as integers. Sorting is stable, as
// glibc's qsort (a merge sort) is for Redis. Cost: O(N + log M) for N points in the cells.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "storage/geohash.h"
#include "storage/zset.h"
#include "util/strings.h"

#include <algorithm>
#include <cstdio>

namespace redscope::engine {

namespace {

// A coordinate, radius or box size: Redis's getDoubleFromObject, with its own message.
bool geoDoubleArg(CommandContext &ctx, size_t index, double *out,
                  std::string_view message = errors::kNotFloat)
{
    if (parseDouble(ctx.arg(index), out)) return true;
    ctx.error(message);
    return false;
}

// longitude latitude at argv[index], within the geo limits.
bool lonLatArg(CommandContext &ctx, size_t index, double *longitude, double *latitude)
{
    if (!geoDoubleArg(ctx, index, longitude) || !geoDoubleArg(ctx, index + 1, latitude))
        return false;
    if (*longitude < geo::kLongitudeMin || *longitude > geo::kLongitudeMax ||
        *latitude < geo::kLatitudeMin || *latitude > geo::kLatitudeMax) {
        char text[128];
        std::snprintf(text, sizeof text, "ERR invalid longitude,latitude pair %f,%f", *longitude,
                      *latitude);
        ctx.error(text);
        return false;
    }
    return true;
}

// M, KM, FT, MI -> metres per unit; 0 after replying the error.
double unitArg(CommandContext &ctx, size_t index)
{
    std::string_view unit = ctx.arg(index);
    if (equalsIgnoreCase(unit, "m")) return 1;
    if (equalsIgnoreCase(unit, "km")) return 1000;
    if (equalsIgnoreCase(unit, "ft")) return 0.3048;
    if (equalsIgnoreCase(unit, "mi")) return 1609.34;
    ctx.error("ERR unsupported unit provided. please use M, KM, FT, MI");
    return 0;
}

// radius unit at argv[index].
bool radiusArg(CommandContext &ctx, size_t index, geo::Shape *shape)
{
    double radius;
    if (!geoDoubleArg(ctx, index, &radius, "ERR need numeric radius")) return false;
    if (radius < 0) return ctx.error("ERR radius cannot be negative"), false;
    shape->radius = radius;
    shape->toMeters = unitArg(ctx, index + 1);
    shape->isBox = false;
    return shape->toMeters > 0;
}

// width height unit at argv[index].
bool boxArg(CommandContext &ctx, size_t index, geo::Shape *shape)
{
    double width, height;
    if (!geoDoubleArg(ctx, index, &width, "ERR need numeric width") ||
        !geoDoubleArg(ctx, index + 1, &height, "ERR need numeric height"))
        return false;
    if (height < 0 || width < 0) return ctx.error("ERR height or width cannot be negative"), false;
    shape->width = width;
    shape->height = height;
    shape->toMeters = unitArg(ctx, index + 2);
    shape->isBox = true;
    return shape->toMeters > 0;
}

// A member's position as the search centre; replies Redis's error when it is not there.
bool memberPosition(CommandContext &ctx, const SortedSet &zset, std::string_view member,
                    geo::Shape *shape)
{
    std::optional<double> score = zset.score(member);
    if (!score) return ctx.error("ERR could not decode requested zset member"), false;
    geo::decode(*score, &shape->longitude, &shape->latitude);
    return true;
}

void replyDistance(CommandContext &ctx, double distance)
{
    char text[128];
    int n = std::snprintf(text, sizeof text, "%.4f", distance);
    ctx.reply.bulk(std::string_view(text, static_cast<size_t>(n)));
}

// Redis's addReplyHumanLongDouble: "%.17Lf" without trailing zeros; a RESP3 double.
void replyCoordinate(CommandContext &ctx, double value)
{
    std::string text = formatLongDouble(value);
    if (!ctx.reply.isResp3()) return ctx.reply.bulk(text);
    ctx.reply.buffer()->append(",").append(text).append("\r\n");
}

struct Point
{
    std::string_view member;
    double score;
    double distance; // metres, then the user's unit
    double longitude, latitude;
};

// Every member inside the shape, in the order Redis's cell scan finds them; with a limit
// (COUNT ... ANY) the scan stops once that many were found.
std::vector<Point> pointsInShape(const SortedSet &zset, const geo::Shape &shape, size_t limit)
{
    geo::Cell cells[9];
    geo::cellsToSearch(shape, cells);
    std::vector<Point> found;
    size_t lastScanned = 0;
    for (size_t i = 0; i < 9; ++i) {
        if (cells[i].empty()) continue;
        // With a huge radius neighbouring cells can be the same cell: skip a repeat of the
        // previous one (Redis compares with the last scanned cell other than the centre).
        if (lastScanned && cells[i].bits == cells[lastScanned].bits &&
            cells[i].step == cells[lastScanned].step)
            continue;
        if (limit && found.size() >= limit) break;
        uint64_t min, max;
        geo::scoreRange(cells[i], &min, &max);
        SortedSet::ScoreRange range;
        range.min = static_cast<double>(min);
        range.max = static_cast<double>(max);
        range.maxExclusive = true;
        zset.forScoreRange(range, false, 0, -1, [&](std::string_view member, double score) {
            if (limit && found.size() >= limit) return;
            Point point{member, score, 0, 0, 0};
            geo::decode(score, &point.longitude, &point.latitude);
            if (geo::withinShape(shape, point.longitude, point.latitude, &point.distance))
                found.push_back(point);
        });
        lastScanned = i;
    }
    return found;
}

enum SearchFlag {
    ByCoords = 1,    // GEORADIUS: longitude latitude radius unit
    ByMember = 2,    // GEORADIUSBYMEMBER: member radius unit
    Search = 4,      // GEOSEARCH grammar
    SearchStore = 8, // GEOSEARCHSTORE
    NoStore = 16,    // the _RO forms
};

void searchGeneric(CommandContext &ctx, size_t sourceIndex, int flags)
{
    Value *value = ctx.lookupRead(ctx.arg(sourceIndex), ValueType::ZSet);
    if (ctx.wrongType()) return;
    const SortedSet *zset = value ? &value->zset() : nullptr;

    geo::Shape shape;
    size_t options;
    std::string_view storeKey;
    bool hasStore = false, storeDistance = false;
    if (flags & ByCoords) {
        options = 6;
        if (!lonLatArg(ctx, 2, &shape.longitude, &shape.latitude) || !radiusArg(ctx, 4, &shape))
            return;
    } else if (flags & ByMember) {
        options = 5;
        if (zset && (!memberPosition(ctx, *zset, ctx.arg(2), &shape) || !radiusArg(ctx, 3, &shape)))
            return;
    } else {
        options = (flags & SearchStore) ? 3 : 2;
        if (flags & SearchStore) storeKey = ctx.arg(1), hasStore = true;
    }

    bool withDist = false, withHash = false, withCoord = false, any = false;
    bool fromMember = false, fromLonLat = false, byRadius = false, byBox = false;
    enum { Unsorted, Asc, Desc } sort = Unsorted;
    int64_t count = 0;
    const bool search = flags & Search;
    for (size_t i = options; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        const size_t left = ctx.argc() - i - 1;
        if (equalsIgnoreCase(option, "WITHDIST")) {
            withDist = true;
        } else if (equalsIgnoreCase(option, "WITHHASH")) {
            withHash = true;
        } else if (equalsIgnoreCase(option, "WITHCOORD")) {
            withCoord = true;
        } else if (equalsIgnoreCase(option, "ANY")) {
            any = true;
        } else if (equalsIgnoreCase(option, "ASC")) {
            sort = Asc;
        } else if (equalsIgnoreCase(option, "DESC")) {
            sort = Desc;
        } else if (equalsIgnoreCase(option, "COUNT") && left >= 1) {
            if (!ctx.int64Arg(++i, &count)) return;
            if (count <= 0) return ctx.error("ERR COUNT must be > 0");
        } else if ((equalsIgnoreCase(option, "STORE") || equalsIgnoreCase(option, "STOREDIST")) &&
                   left >= 1 && !(flags & NoStore) && !search) {
            storeDistance = option.size() == 9;
            storeKey = ctx.arg(++i);
            hasStore = true;
        } else if (equalsIgnoreCase(option, "STOREDIST") && (flags & SearchStore)) {
            storeDistance = true;
        } else if (equalsIgnoreCase(option, "FROMMEMBER") && left >= 1 && search && !fromLonLat) {
            if (zset && !memberPosition(ctx, *zset, ctx.arg(i + 1), &shape)) return;
            fromMember = true;
            ++i;
        } else if (equalsIgnoreCase(option, "FROMLONLAT") && left >= 2 && search && !fromMember) {
            if (!lonLatArg(ctx, i + 1, &shape.longitude, &shape.latitude)) return;
            fromLonLat = true;
            i += 2;
        } else if (equalsIgnoreCase(option, "BYRADIUS") && left >= 2 && search && !byBox) {
            if (!radiusArg(ctx, i + 1, &shape)) return;
            byRadius = true;
            i += 2;
        } else if (equalsIgnoreCase(option, "BYBOX") && left >= 3 && search && !byRadius) {
            if (!boxArg(ctx, i + 1, &shape)) return;
            byBox = true;
            i += 3;
        } else {
            return ctx.syntaxError();
        }
    }

    if (hasStore && (withDist || withHash || withCoord))
        return ctx.error(std::string("ERR ") +
                         ((flags & SearchStore) ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS") +
                         " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
    if (search && !(fromMember || fromLonLat))
        return ctx.error("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " +
                         std::string(ctx.arg(0)));
    if (search && !(byRadius || byBox))
        return ctx.error("ERR exactly one of BYRADIUS and BYBOX can be specified for " +
                         std::string(ctx.arg(0)));
    if (any && !count) return ctx.error("ERR the ANY argument requires COUNT argument");

    if (!zset) return hasStore ? ctx.storeEmptyResult(storeKey) : ctx.reply.arrayHeader(0);
    if (count && sort == Unsorted && !any) sort = Asc; // the closest COUNT, not any COUNT

    std::vector<Point> points = pointsInShape(*zset, shape, any ? static_cast<size_t>(count) : 0);
    if (points.empty() && !hasStore) return ctx.reply.arrayHeader(0);
    if (sort != Unsorted)
        std::stable_sort(points.begin(), points.end(), [sort](const Point &a, const Point &b) {
            return sort == Asc ? a.distance < b.distance : a.distance > b.distance;
        });
    if (count && points.size() > static_cast<size_t>(count))
        points.resize(static_cast<size_t>(count));
    for (Point &point : points)
        point.distance /= shape.toMeters;

    if (!hasStore) {
        const size_t extras = size_t(withDist) + size_t(withHash) + size_t(withCoord);
        ctx.reply.arrayHeader(points.size());
        for (const Point &point : points) {
            if (extras) ctx.reply.arrayHeader(extras + 1);
            ctx.reply.bulk(point.member);
            if (withDist) replyDistance(ctx, point.distance);
            if (withHash) ctx.reply.integer(static_cast<int64_t>(point.score));
            if (withCoord) {
                ctx.reply.arrayHeader(2);
                replyCoordinate(ctx, point.longitude);
                replyCoordinate(ctx, point.latitude);
            }
        }
        return;
    }
    if (points.empty()) return ctx.storeEmptyResult(storeKey);
    SortedSet result;
    result.convertToSkiplist();
    for (const Point &point : points)
        result.add(point.member, storeDistance ? point.distance : point.score);
    result.packIfSmall(ctx.server.zsetLimits());
    const auto stored = static_cast<int64_t>(points.size());
    points.clear(); // the members point into the source, which the store may replace
    ctx.db().set(storeKey, Value(std::move(result)));
    ctx.keyModified(storeKey);
    ctx.notify(NotifyZSet, (flags & Search) ? "geosearchstore" : "georadiusstore", storeKey);
    ctx.addDirty(static_cast<uint64_t>(stored));
    ctx.reply.integer(stored);
}

} // namespace

// GEOADD key [NX|XX] [CH] longitude latitude member [...]: ZADD with geohash scores.
void cmdGeoadd(CommandContext &ctx)
{
    bool nx = false, xx = false;
    size_t first = 2;
    for (; first < ctx.argc(); ++first) {
        std::string_view option = ctx.arg(first);
        if (equalsIgnoreCase(option, "NX"))
            nx = true;
        else if (equalsIgnoreCase(option, "XX"))
            xx = true;
        else if (!equalsIgnoreCase(option, "CH"))
            break;
    }
    if ((ctx.argc() - first) % 3 != 0 || (nx && xx)) return ctx.syntaxError();
    std::vector<std::string> zadd{"ZADD"};
    for (size_t i = 1; i < first; ++i)
        zadd.emplace_back(ctx.arg(i));
    for (size_t i = first; i < ctx.argc(); i += 3) {
        double longitude, latitude;
        if (!lonLatArg(ctx, i, &longitude, &latitude)) return;
        zadd.push_back(formatInt64(static_cast<int64_t>(geo::encode(longitude, latitude))));
        zadd.emplace_back(ctx.arg(i + 2));
    }
    std::vector<std::string_view> argv(zadd.begin(), zadd.end());
    CommandContext zaddCtx{ctx.server, ctx.client, ctx.spec, argv, ctx.reply,
                           ctx.nowMs,  false,      false,    {},   {}};
    cmdZadd(zaddCtx);
    ctx.propagateAs(std::move(zadd));
}

// GEODIST key member1 member2 [unit]: null when either member is missing.
void cmdGeodist(CommandContext &ctx)
{
    double toMeters = 1;
    if (ctx.argc() == 5 && !(toMeters = unitArg(ctx, 4))) return;
    if (ctx.argc() > 5) return ctx.syntaxError();
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::ZSet);
    if (!value) return ctx.wrongType() ? void() : ctx.reply.nullBulk();
    std::optional<double> a = value->zset().score(ctx.arg(2)), b = value->zset().score(ctx.arg(3));
    if (!a || !b) return ctx.reply.nullBulk();
    double lon1, lat1, lon2, lat2;
    geo::decode(*a, &lon1, &lat1);
    geo::decode(*b, &lon2, &lat2);
    replyDistance(ctx, geo::distance(lon1, lat1, lon2, lat2) / toMeters);
}

void cmdGeohash(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::ZSet);
    if (ctx.wrongType()) return;
    ctx.reply.arrayHeader(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i) {
        std::optional<double> score = value ? value->zset().score(ctx.arg(i)) : std::nullopt;
        if (score)
            ctx.reply.bulk(geo::standardGeohash(*score));
        else
            ctx.reply.nullBulk();
    }
}

void cmdGeopos(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::ZSet);
    if (ctx.wrongType()) return;
    ctx.reply.arrayHeader(ctx.argc() - 2);
    for (size_t i = 2; i < ctx.argc(); ++i) {
        std::optional<double> score = value ? value->zset().score(ctx.arg(i)) : std::nullopt;
        if (!score) {
            ctx.reply.nullArray();
            continue;
        }
        double longitude, latitude;
        geo::decode(*score, &longitude, &latitude);
        ctx.reply.arrayHeader(2);
        replyCoordinate(ctx, longitude);
        replyCoordinate(ctx, latitude);
    }
}

void cmdGeosearch(CommandContext &ctx)
{
    searchGeneric(ctx, 1, Search);
}
void cmdGeosearchstore(CommandContext &ctx)
{
    searchGeneric(ctx, 2, Search | SearchStore);
}
void cmdGeoradius(CommandContext &ctx)
{
    searchGeneric(ctx, 1, ByCoords);
}
void cmdGeoradiusRo(CommandContext &ctx)
{
    searchGeneric(ctx, 1, ByCoords | NoStore);
}
void cmdGeoradiusbymember(CommandContext &ctx)
{
    searchGeneric(ctx, 1, ByMember);
}
void cmdGeoradiusbymemberRo(CommandContext &ctx)
{
    searchGeneric(ctx, 1, ByMember | NoStore);
}

} // namespace redscope::engine
