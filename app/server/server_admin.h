// ServerAdmin: what the server views, the dashboard and the pub/sub panel ask of the server
// itself rather than of its keys: CONFIG (one setting, all settings, rewrite), keyspace
// notifications, clients, the slow log, INFO, latency monitoring, persistence, flushing a
// database. Typed results (server/server_replies.h parses the lists); the command strings are
// spelled here only. Every call takes a receiver whose destruction cancels it (Service).
#pragma once

#include "connection/service.h"
#include "server/keyspace_events.h"
#include "server/server_replies.h"

namespace redscope {

class ServerAdmin : public Service
{
public:
    explicit ServerAdmin(RedisConnection *connection);

    // CONFIG GET of one parameter: its value; a failure when the server does not know it.
    void config(const QByteArray &name, QObject *receiver,
                std::function<void(const Result<QString> &)> done) const;
    void configAll(QObject *receiver,
                   std::function<void(const Result<QList<ConfigEntry>> &)> done) const;
    void setConfig(const QByteArray &name, const QByteArray &value, QObject *receiver,
                   std::function<void(const Status &)> done) const;
    void rewriteConfig(QObject *receiver, std::function<void(const Status &)> done) const;

    void keyspaceEvents(QObject *receiver,
                        std::function<void(const Result<KeyspaceEvents> &)> done) const;
    void setKeyspaceEvents(const QByteArray &flags, QObject *receiver,
                           std::function<void(const Status &)> done) const;

    // CLIENT LIST, with this connection's own id (-1 if CLIENT ID failed).
    struct Clients
    {
        QList<ClientEntry> clients;
        qint64 ownId = -1;
    };
    void clients(QObject *receiver, std::function<void(const Result<Clients> &)> done) const;
    // CLIENT KILL ID of each; the errors, "id: text" per failure.
    void killClients(const QList<qint64> &ids, QObject *receiver,
                     std::function<void(const QStringList &errors)> done) const;

    void slowlog(int count, QObject *receiver,
                 std::function<void(const Result<QList<SlowlogEntry>> &)> done) const;
    void resetSlowlog(QObject *receiver, std::function<void(const Status &)> done) const;

    void info(const QByteArray &section, QObject *receiver,
              std::function<void(const Result<QByteArray> &)> done) const;

    void latencyLatest(QObject *receiver,
                       std::function<void(const Result<QList<LatencyEvent>> &)> done) const;
    void latencyHistory(const QByteArray &event, QObject *receiver,
                        std::function<void(const Result<QList<LatencySample>> &)> done) const;

    // Persistence: BGSAVE, BGREWRITEAOF, SAVE and the like; the server's status text.
    enum class Persistence { Save, BackgroundSave, RewriteAof };
    void persist(Persistence what, QObject *receiver,
                 std::function<void(const Result<QString> &)> done) const;

    void flushDb(QObject *receiver, std::function<void(const Status &)> done) const;
};

} // namespace redscope
