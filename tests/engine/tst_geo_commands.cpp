// The geo family (GEOADD, GEODIST, GEOHASH, GEOPOS, GEOSEARCH, GEOSEARCHSTORE, GEORADIUS,
// GEORADIUSBYMEMBER and the _RO forms) against Debian's redis-server side by side, every reply
// compared word for word: the sorted sets GEOADD builds (scores are the 52-bit geohashes), the
// "%.4f" distances and long-double coordinates, errors in Redis's order, the unsorted result
// order of a search (the cell scan), STORE/STOREDIST results, and RESP3. A seeded random run
// of searches over clustered and scattered points, near the poles and the antimeridian and
// with radii from 0 to half the earth, compares every reply too.
#include "raw_connection.h"
#include "side_by_side.h"

#include <QtTest>

#include <random>

using redscope::test::RawConnection;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

class TestGeoCommands : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    void same(const Script &script) { REDSCOPE_VERIFY_SAME(m_pair.compare(script)); }

    void addSicily()
    {
        same({{"GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669",
               "Catania", "13.583333", "37.316667", "Agrigento"}});
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
    }

    void init() { same({{"FLUSHALL"}}); }

    void geoaddBuildsTheSameSortedSet()
    {
        same({
            {"GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669",
             "Catania"},
            {"ZRANGE", "g", "0", "-1", "WITHSCORES"},
            {"OBJECT", "ENCODING", "g"},
            {"TYPE", "g"},
            {"GEOADD", "g", "NX", "1", "1", "Palermo", "2", "2", "new"},
            {"GEOADD", "g", "XX", "1", "1", "Palermo", "2", "2", "other"},
            {"GEOADD", "g", "XX", "CH", "3", "3", "Palermo"},
            {"GEOADD", "g", "CH", "3", "3", "Palermo", "4", "4", "x"},
            {"GEOADD", "g", "CH", "NX", "3", "3", "Palermo"},
            {"ZRANGE", "g", "0", "-1", "WITHSCORES"},
            {"GEOADD", "g", "-180", "-85.05112878", "sw", "180", "85.05112878", "ne", "0", "0",
             "zero"},
            {"ZSCORE", "g", "sw"},
            {"ZSCORE", "g", "ne"},
            {"ZSCORE", "g", "zero"},
            {"GEOPOS", "g", "sw", "ne", "zero"},
        });
    }

    void geoaddErrors()
    {
        same({
            {"GEOADD", "g", "200", "1", "x"},
            {"GEOADD", "g", "1", "86", "x"},
            {"GEOADD", "g", "-180.000001", "0", "x"},
            {"GEOADD", "g", "1", "1", "ok", "1", "95", "bad"},
            {"EXISTS", "g"},
            {"GEOADD", "g", "a", "1", "x"},
            {"GEOADD", "g", "1", "nan", "x"},
            {"GEOADD", "g", "NX", "XX", "1", "1", "x"},
            {"GEOADD", "g", "GT", "1", "1", "x"},
            {"GEOADD", "g", "CH", "CH", "CH"},
            {"GEOADD", "g", "1", "1", "x", "2"},
            {"GEOADD", "g", "1", "1"},
            {"SET", "s", "v"},
            {"GEOADD", "s", "1", "1", "x"},
        });
    }

    void geodistGeohashGeopos()
    {
        addSicily();
        same({
            {"GEODIST", "Sicily", "Palermo", "Catania"},
            {"GEODIST", "Sicily", "Palermo", "Catania", "km"},
            {"GEODIST", "Sicily", "Palermo", "Catania", "MI"},
            {"GEODIST", "Sicily", "Palermo", "Catania", "ft"},
            {"GEODIST", "Sicily", "Palermo", "Palermo"},
            {"GEODIST", "Sicily", "Palermo", "nobody"},
            {"GEODIST", "nokey", "a", "b"},
            {"GEODIST", "Sicily", "Palermo", "Catania", "yards"},
            {"GEODIST", "nokey", "a", "b", "yards"},
            {"GEODIST", "Sicily", "Palermo", "Catania", "km", "extra"},
            {"GEOHASH", "Sicily", "Palermo", "Catania", "nobody"},
            {"GEOHASH", "nokey", "a"},
            {"GEOHASH", "Sicily"},
            {"GEOPOS", "Sicily", "Palermo", "nobody", "Agrigento"},
            {"GEOPOS", "nokey", "a", "b"},
            {"GEOADD", "line", "10", "10", "a", "10", "20", "b"}, // same meridian
            {"GEODIST", "line", "a", "b"},
            {"SET", "s", "v"},
            {"GEODIST", "s", "a", "b"},
            {"GEOHASH", "s", "a"},
            {"GEOPOS", "s", "a"},
        });
    }

    void searchOptionsAndShapes()
    {
        addSicily();
        same({
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "DESC",
             "WITHDIST", "WITHCOORD", "WITHHASH"},
            {"GEOSEARCH", "Sicily", "FROMMEMBER", "Palermo", "BYBOX", "400", "400", "km",
             "WITHDIST"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "COUNT",
             "2"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "COUNT",
             "1", "ANY"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "m"},
            {"GEOSEARCH", "Sicily", "FROMMEMBER", "Catania", "BYRADIUS", "0", "m", "WITHDIST"},
            {"GEOSEARCH", "nokey", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "m"},
            {"GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "WITHCOORD"},
            {"GEORADIUS", "Sicily", "15", "37", "200", "km", "COUNT", "1", "DESC"},
            {"GEORADIUS_RO", "Sicily", "15", "37", "100", "mi", "WITHHASH", "ASC"},
            {"GEORADIUSBYMEMBER", "Sicily", "Agrigento", "100", "km"},
            {"GEORADIUSBYMEMBER_RO", "Sicily", "Agrigento", "100", "km", "WITHDIST", "ASC"},
            {"GEORADIUSBYMEMBER", "nokey", "x", "not-a-number", "parsecs"},
        });
    }

    void searchErrorsInRedisOrder()
    {
        addSicily();
        same({
            {"GEOSEARCH", "Sicily", "BYRADIUS", "200", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "FROMMEMBER", "Palermo", "BYRADIUS",
             "1", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "BYBOX", "1",
             "1", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "-1", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "x", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "parsec"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "x", "1", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "1", "x", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "1", "-1", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "95", "BYRADIUS", "1", "km"},
            {"GEOSEARCH", "Sicily", "FROMMEMBER", "nobody", "BYRADIUS", "1", "km"},
            {"GEOSEARCH", "nokey", "FROMMEMBER", "nobody", "BYRADIUS", "1", "km"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "COUNT", "0"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "COUNT", "x"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "ANY"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "STORE", "x"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "STOREDIST"},
            {"geoSearch", "Sicily", "FROMLONLAT", "15", "37", "COUNT", "1"},
            {"GEOSEARCHSTORE", "d", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km",
             "WITHDIST"},
            {"GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "x", "WITHCOORD"},
            {"GEORADIUS_RO", "Sicily", "15", "37", "200", "km", "STORE", "x"},
            {"GEORADIUS", "Sicily", "15", "37", "200", "km", "STOREDIST"},
            {"GEORADIUS", "Sicily", "15", "37", "200", "km", "FROMMEMBER", "x"},
            {"GEORADIUS", "Sicily", "181", "37", "200", "km"},
            {"GEORADIUSBYMEMBER", "Sicily", "nobody", "200", "km"},
            {"GEORADIUSBYMEMBER", "Sicily", "Palermo", "200", "lightyears"},
            {"SET", "s", "v"},
            {"GEOSEARCH", "s", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km"},
            {"GEORADIUS", "s", "999", "37", "200", "km"},
        });
    }

    void storeAndStoredist()
    {
        addSicily();
        same({
            {"GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"},
            {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
            {"OBJECT", "ENCODING", "dst"},
            {"GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km",
             "STOREDIST", "COUNT", "2"},
            {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
            {"GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "r"},
            {"ZRANGE", "r", "0", "-1", "WITHSCORES"},
            {"GEORADIUSBYMEMBER", "Sicily", "Palermo", "300", "km", "STOREDIST", "r", "DESC"},
            {"ZRANGE", "r", "0", "-1", "WITHSCORES"},
            {"EXPIRE", "r", "100"},
            {"GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "r"},
            {"TTL", "r"},
            {"GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m"},
            {"EXISTS", "dst"},
            {"GEORADIUS", "nokey", "15", "37", "200", "km", "STORE", "r"},
            {"EXISTS", "r"},
            {"GEOSEARCHSTORE", "Sicily", "Sicily", "FROMMEMBER", "Palermo", "BYRADIUS", "1", "m"},
            {"ZRANGE", "Sicily", "0", "-1", "WITHSCORES"},
            {"SET", "s", "v"},
            {"GEOSEARCHSTORE", "s", "nokey", "FROMLONLAT", "1", "1", "BYRADIUS", "1", "m"},
            {"EXISTS", "s"},
        });
    }

    // STORE/STOREDIST keys are keys (ACL key patterns, COMMAND GETKEYS), as in Redis.
    void storeKeysAreKeys()
    {
        same({
            {"COMMAND", "GETKEYS", "GEORADIUS", "k", "0", "0", "1", "km", "STORE", "d"},
            {"COMMAND", "GETKEYS", "GEORADIUS", "k", "0", "0", "1", "km", "STORE", "d", "STOREDIST",
             "e"},
            {"COMMAND", "GETKEYS", "GEORADIUSBYMEMBER", "k", "m", "1", "km", "storedist", "d"},
            {"COMMAND", "GETKEYS", "GEORADIUS", "k", "0", "0", "1", "km", "WITHDIST"},
            {"COMMAND", "GETKEYS", "GEOSEARCHSTORE", "d", "s", "FROMMEMBER", "m", "BYRADIUS", "1",
             "km"},
            {"COMMAND", "GETKEYS", "GEOADD", "k", "1", "1", "m"},
        });
    }

    void resp3Replies()
    {
        addSicily();
        std::vector<std::vector<std::string>> commands = {
            {"GEOPOS", "Sicily", "Palermo", "nobody"},
            {"GEODIST", "Sicily", "Palermo", "Catania", "km"},
            {"GEODIST", "Sicily", "Palermo", "nobody"},
            {"GEOHASH", "Sicily", "Palermo", "nobody"},
            {"GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC",
             "WITHDIST", "WITHCOORD", "WITHHASH"},
            {"GEORADIUS", "nokey", "15", "37", "200", "km"},
        };
        std::vector<std::string> replies[2];
        TestServer *servers[2] = {&m_pair.ours(), &m_pair.redis()};
        for (int s = 0; s < 2; ++s) {
            RawConnection c(servers[s]->port());
            QVERIFY(c.sendForReply({"HELLO", "3"}).starts_with("%"));
            for (const auto &command : commands)
                replies[s].push_back(c.sendForReply(command));
        }
        for (size_t i = 0; i < commands.size(); ++i)
            QCOMPARE(replies[0][i], replies[1][i]);
    }

    // Random points (scattered, and in clusters where cells are dense), random centres
    // including the poles' edges and the antimeridian, radii from 0 to 20000 km, boxes, every
    // option: each reply must be Redis's, unsorted orders included.
    void randomSearchesMatchRedis()
    {
        std::mt19937_64 random(2107);
        auto uniform = [&](double lo, double hi) {
            return std::uniform_real_distribution<double>(lo, hi)(random);
        };
        auto fixed = [](double value) {
            char text[32];
            std::snprintf(text, sizeof text, "%.6f", value);
            return std::string(text);
        };
        std::vector<std::string> members;
        for (int batch = 0; batch < 12; ++batch) {
            std::vector<std::string> add{"GEOADD", "g"};
            const double cx = uniform(-179, 179), cy = uniform(-84, 84);
            std::normal_distribution<double> spread(0, 0.5);
            for (int i = 0; i < 40; ++i) {
                std::string name = "p" + std::to_string(batch) + "_" + std::to_string(i);
                if (i % 2) {
                    add.push_back(fixed(uniform(-180, 180)));
                    add.push_back(fixed(uniform(-85.05, 85.05)));
                } else {
                    add.push_back(fixed(std::clamp(cx + spread(random), -180.0, 180.0)));
                    add.push_back(fixed(std::clamp(cy + spread(random), -85.05, 85.05)));
                }
                add.push_back(name);
                members.push_back(name);
            }
            same({add});
        }
        const char *units[] = {"m", "km", "ft", "mi"};
        const char *radii[] = {"0",      "1",       "500",     "5000",    "50000",
                               "200000", "1000000", "5000000", "20000000"};
        const char *edgeLongitudes[] = {"179.9", "-179.9", "0"};
        const char *edgeLatitudes[] = {"85", "-85", "84.9", "66.5", "-80.5", "0.0001"};
        auto pick = [&](auto &array) { return std::string(array[random() % std::size(array)]); };
        Script script;
        for (int i = 0; i < 250; ++i) {
            std::vector<std::string> command{"GEOSEARCH", "g"};
            const uint64_t from = random() % 3;
            if (from == 0) {
                command.insert(command.end(), {"FROMMEMBER", members[random() % members.size()]});
            } else if (from == 1) {
                command.insert(command.end(),
                               {"FROMLONLAT", fixed(uniform(-180, 180)), fixed(uniform(-85, 85))});
            } else {
                command.insert(command.end(),
                               {"FROMLONLAT", pick(edgeLongitudes), pick(edgeLatitudes)});
            }
            const std::string unit = pick(units), radius = pick(radii);
            if (random() % 2)
                command.insert(command.end(), {"BYRADIUS", radius, unit});
            else
                command.insert(command.end(), {"BYBOX", radius, pick(radii), unit});
            if (random() % 3 == 0) command.push_back(random() % 2 ? "ASC" : "DESC");
            if (random() % 3 == 0) {
                command.insert(command.end(), {"COUNT", std::to_string(1 + random() % 15)});
                if (random() % 2) command.push_back("ANY");
            }
            for (const char *with : {"WITHCOORD", "WITHDIST", "WITHHASH"})
                if (random() % 3 == 0) command.push_back(with);
            script.push_back(command);
            if (i % 10 == 0) {
                script.push_back({"GEODIST", "g", members[random() % members.size()],
                                  members[random() % members.size()], unit});
                script.push_back({"GEOHASH", "g", members[random() % members.size()]});
                script.push_back({"GEOPOS", "g", members[random() % members.size()]});
            }
        }
        same(script);
    }
};

QTEST_GUILESS_MAIN(TestGeoCommands)
#include "tst_geo_commands.moc"
