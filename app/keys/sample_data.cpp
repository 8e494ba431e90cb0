// SampleData: the dataset is generated from word lists with a seeded generator; commands()
// returns it as plain argument lists, load() sends them all without waiting (hiredis writes
// them back to back: one pipeline) and counts the replies. The first error stops the count
// and is reported once; later replies of that load are ignored through a generation number.
#include "keys/sample_data.h"

#include "connection/redis_connection.h"
#include "connection/request_scope.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace redscope {

namespace {

constexpr int kFirstUser = 1001;
constexpr int kUsers = 200;
constexpr int kMessagesPerRoom = 150;
const QByteArray kEventStream = QByteArrayLiteral("chat:events");
const QByteArray kEventGroup = QByteArrayLiteral("notifier");
constexpr qint64 kBaseTime = 1767225600; // 2026-01-01T00:00:00Z: fixed, so loads are equal

const char *const kFirstNames[] = {"Ada",    "Grace",     "Linus",  "Margaret", "Alan",   "Barbara",
                                   "Ken",    "Radia",     "Dennis", "Frances",  "Edsger", "Hedy",
                                   "Donald", "Katherine", "Tim",    "Annie"};
const char *const kLastNames[] = {"Lovelace", "Hopper",   "Torvalds", "Hamilton", "Turing",
                                  "Liskov",   "Thompson", "Perlman",  "Ritchie",  "Allen",
                                  "Dijkstra", "Lamarr",   "Knuth",    "Johnson",  "Berners-Lee"};
const char *const kCities[] = {"London",  "Paris",   "Berlin", "Lisbon", "Oslo", "Austin",
                               "Toronto", "Nairobi", "Tokyo",  "Sydney", "Lima", "Seoul"};
const char *const kPhrases[] = {"good morning everyone",
                                "has anyone tried the new build?",
                                "lunch at noon?",
                                "the deploy went fine",
                                "I pushed a fix for the login bug",
                                "PR is ready for review",
                                "coffee break, back in 10",
                                "nice work on the release!",
                                "who is on call tonight?",
                                "the dashboard looks great",
                                "can someone restart the staging cache?",
                                "meeting moved to 3pm",
                                "thanks for the help",
                                "reading the postmortem now",
                                "+1 to that idea",
                                "see you tomorrow",
                                "which playlist are we on today?",
                                "the tests are green again",
                                "latency is back to normal",
                                "welcome to the team!"};

template <typename T, size_t N> const T &pick(QRandomGenerator &random, const T (&items)[N])
{
    return items[random.bounded(int(N))];
}

QByteArray userName(int id)
{
    return QByteArrayLiteral("user:") + QByteArray::number(id);
}

QByteArray messageJson(QRandomGenerator &random, qint64 id, const QByteArray &room, qint64 ts)
{
    const int user = kFirstUser + random.bounded(kUsers);
    QJsonObject message{{"id", id},
                        {"room", QString::fromUtf8(room)},
                        {"user", user},
                        {"text", QString::fromLatin1(pick(random, kPhrases))},
                        {"ts", ts}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

} // namespace

SampleData::SampleData(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_random(20260101)
{
    connect(&m_timer, &QTimer::timeout, this, &SampleData::publishOne);
}

SampleData::~SampleData() = default;

QList<QByteArray> SampleData::rooms()
{
    return {"general", "random", "dev", "design", "support", "music"};
}

QByteArray SampleData::channel(const QByteArray &room)
{
    return QByteArrayLiteral("chat:room:") + room;
}

QList<QList<QByteArray>> SampleData::commands()
{
    QRandomGenerator random(42);
    QList<QList<QByteArray>> out;
    const QList<QByteArray> roomList = rooms();

    // Profiles.
    for (int id = kFirstUser; id < kFirstUser + kUsers; ++id) {
        const QByteArray first = pick(random, kFirstNames);
        const QByteArray last = pick(random, kLastNames);
        const QByteArray handle = (first + "." + last + QByteArray::number(id)).toLower();
        out.append({"HSET", userName(id), "name", first + " " + last, "handle", handle, "email",
                    handle + "@example.com", "city", pick(random, kCities), "joined",
                    QByteArray::number(kBaseTime - random.bounded(86400 * 700)), "status",
                    random.bounded(4) == 0 ? "away" : "active", "karma",
                    QByteArray::number(random.bounded(5000))});
    }

    // Rooms: messages (replaced on reload), members, metadata.
    qint64 messageId = 1;
    for (const QByteArray &room : roomList) {
        const QByteArray key = channel(room) + ":messages";
        out.append({"UNLINK", key});
        qint64 ts = kBaseTime;
        QList<QByteArray> push{"RPUSH", key};
        for (int i = 0; i < kMessagesPerRoom; ++i) {
            ts += 20 + random.bounded(600);
            push.append(messageJson(random, messageId++, room, ts));
            if (push.size() == 52 || i + 1 == kMessagesPerRoom) {
                out.append(push);
                push = {"RPUSH", key};
            }
        }
        QList<QByteArray> members{"SADD", channel(room) + ":members"};
        const int count = 20 + random.bounded(60);
        for (int i = 0; i < count; ++i)
            members.append(QByteArray::number(kFirstUser + random.bounded(kUsers)));
        out.append(members);
        out.append({"HSET", channel(room), "topic", "All things " + room, "created",
                    QByteArray::number(kBaseTime - 86400 * 30), "owner",
                    QByteArray::number(kFirstUser)});
    }

    // The chat's event stream and a notifier consumer group that has read most of it: the
    // first 80 of 100 entries delivered to two workers, all but the last 6 acknowledged.
    out.append({"UNLINK", kEventStream});
    qint64 eventMs = (kBaseTime + 3600) * 1000;
    QList<QByteArray> ack{"XACK", kEventStream, kEventGroup};
    for (int i = 0; i < 100; ++i) {
        eventMs += 1000 + random.bounded(60000);
        const QByteArray id = QByteArray::number(eventMs) + "-0";
        const QByteArray room = roomList[random.bounded(int(roomList.size()))];
        out.append({"XADD", kEventStream, id, "type", "message", "room", room, "user",
                    QByteArray::number(kFirstUser + random.bounded(kUsers)), "text",
                    pick(random, kPhrases)});
        if (i < 74) ack.append(id);
    }
    out.append({"XGROUP", "CREATE", kEventStream, kEventGroup, "0"});
    out.append({"XREADGROUP", "GROUP", kEventGroup, "worker-1", "COUNT", "50", "STREAMS",
                kEventStream, ">"});
    out.append({"XREADGROUP", "GROUP", kEventGroup, "worker-2", "COUNT", "30", "STREAMS",
                kEventStream, ">"});
    out.append({"XGROUP", "CREATECONSUMER", kEventStream, kEventGroup, "worker-3"});
    out.append(ack);

    // Who is online, leaderboards.
    QList<QByteArray> online{"SADD", "chat:online"};
    for (int i = 0; i < 60; ++i)
        online.append(QByteArray::number(kFirstUser + random.bounded(kUsers)));
    out.append(online);
    for (const char *board : {"leaderboard:messages:weekly", "leaderboard:karma"}) {
        QList<QByteArray> zadd{"ZADD", board};
        for (int id = kFirstUser; id < kFirstUser + kUsers; ++id) {
            zadd.append(QByteArray::number(random.bounded(1000)));
            zadd.append(QByteArray::number(id));
        }
        out.append(zadd);
    }

    // Counters and short-lived strings.
    out.append({"SET", "stats:messages:total", QByteArray::number(messageId - 1)});
    out.append({"SET", "stats:users:total", QByteArray::number(kUsers)});
    out.append({"INCRBY", "stats:logins:today", "317"});
    out.append({"SET", "config:motd", "Welcome to Redscope chat! Be nice."});
    for (int i = 0; i < 40; ++i) {
        const QByteArray token = QByteArray::number(random.generate64(), 16);
        out.append({"SET", "session:" + token,
                    QByteArray::number(kFirstUser + random.bounded(kUsers)), "EX",
                    QByteArray::number(600 + random.bounded(3000))});
    }
    for (int i = 0; i < 10; ++i) {
        out.append({"SET", "ratelimit:" + userName(kFirstUser + i),
                    QByteArray::number(random.bounded(30)), "EX", "60"});
    }
    out.append({"SET", "cache:room:general:summary",
                R"({"messages":150,"active_users":42,"top":"dev"})", "EX", "300"});
    return out;
}

void SampleData::load()
{
    if (!m_connection || m_connection->settings().readOnly) {
        emit failed(tr("This connection is read-only: sample data cannot be written"));
        return;
    }
    const QList<QList<QByteArray>> all = commands();
    const quint64 generation = ++m_generation;
    const int total = int(all.size());
    m_pending = total;
    auto done = std::make_shared<int>(0);
    for (const QList<QByteArray> &command : all) {
        m_connection->send(command, [this, generation, total, done](const RedisValue &reply) {
            if (generation != m_generation) return;
            if (reply.isError()) {
                ++m_generation; // ignore the rest of this load
                m_pending = 0;
                emit failed(reply.text());
                return;
            }
            ++*done;
            m_pending = total - *done;
            emit loadProgress(*done, total);
            if (*done == total) emit loaded(total);
        });
    }
}

void SampleData::startPublishing(int intervalMs)
{
    if (!m_connection || m_connection->settings().readOnly) {
        emit failed(tr("This connection is read-only: the sample publisher is off"));
        return;
    }
    const bool was = m_timer.isActive();
    m_timer.start(qMax(10, intervalMs));
    if (!was) emit publishingChanged(true);
}

void SampleData::stopPublishing()
{
    if (!m_timer.isActive()) return;
    m_timer.stop();
    emit publishingChanged(false);
}

void SampleData::publishOne()
{
    if (!m_connection) {
        stopPublishing();
        return;
    }
    const QList<QByteArray> roomList = rooms();
    const QByteArray room = roomList[m_random.bounded(int(roomList.size()))];
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray message = messageJson(m_random, qint64(1000000 + m_published), room, now);
    ++m_published;
    m_connection->send({"PUBLISH", channel(room), message}, [this](const RedisValue &reply) {
        if (reply.isError()) {
            stopPublishing();
            emit failed(reply.text());
        }
    });
    // The same message on the event stream (capped near 1000 entries), read by one of the
    // notifier's workers in turn; every fourth stays unacknowledged, so the group always has
    // a few pending entries. Without the sample data's group (not loaded, or deleted) the
    // read fails and the stream just grows: that is not the publisher's error to report.
    m_connection->send({"XADD", kEventStream, "MAXLEN", "~", "1000", "*", "type", "message", "room",
                        room, "json", message},
                       [](const RedisValue &) {});
    const QByteArray worker = "worker-" + QByteArray::number(1 + m_published % 2);
    const bool acknowledge = m_published % 4 != 0;
    // The reply is this object's: its scope drops it if the publisher goes first.
    RequestScope::of(this)->send(
        m_connection,
        {"XREADGROUP", "GROUP", kEventGroup, worker, "COUNT", "1", "STREAMS", kEventStream, ">"},
        [this, acknowledge](const RedisValue &reply) {
            if (!acknowledge || !m_connection || reply.isError()) return;
            // [[stream, [[id, fields]]]]
            const RedisValue::List &streams = reply.elements();
            if (streams.empty() || streams[0].elements().size() < 2) return;
            const RedisValue::List &entries = streams[0].elements()[1].elements();
            if (entries.empty() || entries[0].elements().empty()) return;
            m_connection->send(
                {"XACK", kEventStream, kEventGroup, entries[0].elements()[0].bytes()},
                [](const RedisValue &) {});
        });
}

} // namespace redscope
