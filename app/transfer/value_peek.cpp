// ValuePeek (see value_peek.h).
#include "transfer/value_peek.h"

#include "connection/redis_connection.h"
#include "connection/request_scope.h"
#include "transfer/record_commands.h"

#include "redscope/dump.h"

#include <QCoreApplication>
#include <QPointer>
#include <QtConcurrent>

#include <algorithm>

namespace redscope {

namespace {

QString shown(const std::string &s)
{
    const QByteArray bytes(s.data(), qsizetype(s.size()));
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() == bytes) {
        QString out = text;
        out.replace(QLatin1Char('\n'), QLatin1String("\\n"));
        return out;
    }
    QString out;
    for (char c : bytes) {
        const uchar u = uchar(c);
        if (u >= 0x20 && u < 0x7f && u != '\\')
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace

QString ValuePeek::format(const engine::RdbValue &v, qint64 pttlMs, int maxItems)
{
    using engine::RdbType;
    QStringList lines;
    lines << QCoreApplication::translate("redscope::Transfer", "type: %1")
                 .arg(engine::rdbTypeName(v.type));
    lines << (pttlMs >= 0
                  ? QCoreApplication::translate("redscope::Transfer", "ttl: %1 ms").arg(pttlMs)
                  : QCoreApplication::translate("redscope::Transfer", "ttl: none"));
    QStringList rows;
    const auto &items = v.items;
    switch (v.type) {
    case RdbType::String:
        rows << shown(items.empty() ? std::string() : items[0]);
        break;
    case RdbType::List:
        for (size_t i = 0; i < items.size(); ++i)
            rows << QStringLiteral("%1) %2").arg(i + 1).arg(shown(items[i]));
        break;
    case RdbType::Set:
        for (const auto &e : items)
            rows << shown(e);
        rows.sort();
        break;
    case RdbType::Hash:
        for (size_t i = 0; i + 1 < items.size(); i += 2)
            rows << QStringLiteral("%1 = %2").arg(shown(items[i]), shown(items[i + 1]));
        rows.sort();
        break;
    case RdbType::ZSet:
        for (size_t i = 0; i + 1 < items.size(); i += 2)
            rows << QStringLiteral("%1  (score %2)").arg(shown(items[i]), shown(items[i + 1]));
        break;
    case RdbType::Stream:
        for (const auto &entry : v.streamEntries) {
            QStringList fields;
            for (size_t i = 0; i + 1 < entry.fields.size(); i += 2)
                fields << QStringLiteral("%1=%2").arg(shown(entry.fields[i]),
                                                      shown(entry.fields[i + 1]));
            rows << QStringLiteral("%1  %2").arg(QString::fromStdString(entry.id),
                                                 fields.join(QLatin1Char(' ')));
        }
        break;
    case RdbType::Module:
        rows << QCoreApplication::translate("redscope::Transfer", "(module value)");
        break;
    }
    const qsizetype total = rows.size();
    if (total > maxItems) {
        rows = rows.mid(0, maxItems);
        rows << QCoreApplication::translate("redscope::Transfer", "… %1 more elements not shown")
                    .arg(total - maxItems);
    }
    if (v.type != RdbType::String)
        lines << QCoreApplication::translate("redscope::Transfer", "elements: %1").arg(total);
    lines << QString() << rows;
    return lines.join(QLatin1Char('\n'));
}

void ValuePeek::fetch(RedisConnection *connection, const QByteArray &key, QObject *receiver,
                      Done done, int maxItems)
{
    if (!connection) {
        done(QCoreApplication::translate("redscope::Transfer", "(not connected)"));
        return;
    }
    auto pttl = std::make_shared<qint64>(-1);
    RequestScope *scope = RequestScope::of(receiver);
    scope->send(connection, {QByteArrayLiteral("PTTL"), key},
                [pttl](const RedisValue &reply) { *pttl = reply.toInteger(); });
    scope->send(connection, {QByteArrayLiteral("DUMP"), key},
                [pttl, done, maxItems](const RedisValue &reply) {
                    if (reply.isNil()) {
                        done(QCoreApplication::translate("redscope::Transfer", "(no such key)"));
                        return;
                    }
                    if (reply.isError()) {
                        done(QCoreApplication::translate("redscope::Transfer", "(DUMP refused: %1)")
                                 .arg(reply.text()));
                        return;
                    }
                    engine::RdbValue value;
                    std::string error;
                    const QByteArray &b = reply.bytes();
                    if (!engine::decodeDumpValue(std::string_view(b.constData(), size_t(b.size())),
                                                 &value, &error)) {
                        done(
                            QCoreApplication::translate("redscope::Transfer", "(cannot decode: %1)")
                                .arg(QString::fromStdString(error)));
                        return;
                    }
                    done(format(value, *pttl, maxItems));
                });
}

void ValuePeek::fetchFromRdb(const QString &path, int db, const QByteArray &key, QObject *receiver,
                             Done done, int maxItems)
{
    QPointer<QObject> guard(receiver);
    auto future = QtConcurrent::run([path, db, key, maxItems]() -> QString {
        struct Find : engine::RdbVisitor
        {
            int db;
            QByteArray key;
            int maxItems;
            QString text;
            engine::RdbAction onKey(const engine::RdbKey &k, engine::RdbValueAccess &v) override
            {
                if (k.db != db || QByteArray(k.key.data(), qsizetype(k.key.size())) != key)
                    return engine::RdbAction::Continue;
                engine::RdbValue value;
                if (!v.decode(&value)) {
                    text = QCoreApplication::translate("redscope::Transfer", "(module value)");
                } else {
                    text = ValuePeek::format(value, k.expireAtMs >= 0 ? k.expireAtMs - nowMs() : -1,
                                             maxItems);
                }
                return engine::RdbAction::Stop;
            }
        } find;
        find.db = db;
        find.key = key;
        find.maxItems = maxItems;
        engine::RdbReader reader(path.toStdString());
        engine::RdbWalkResult result;
        std::string error;
        if (!reader.run(find, &result, &error)) return QString::fromStdString(error);
        return find.text.isEmpty()
                   ? QCoreApplication::translate("redscope::Transfer", "(no such key in the file)")
                   : find.text;
    });
    auto *watcher = new QFutureWatcher<QString>(receiver);
    QObject::connect(watcher, &QFutureWatcher<QString>::finished, receiver, [watcher, done] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

ValuePeeker::ValuePeeker(const ConnectionSettings &a, const QString &aRdbPath, int aRdbDb,
                         const ConnectionSettings &b, QObject *parent)
    : QObject(parent)
    , m_rdbPath(aRdbPath)
    , m_rdbDb(aRdbDb)
{
    if (aRdbPath.isEmpty()) {
        m_a = new RedisConnection(a.named(QStringLiteral("redscope:compare")), this);
        m_a->connectToServer();
    }
    m_b = new RedisConnection(b.named(QStringLiteral("redscope:compare")), this);
    m_b->connectToServer();
}

ValuePeeker::~ValuePeeker()
{
    delete m_scope; // pending replies go before the connections
}

void ValuePeeker::peek(const QByteArray &key, ValuePeek::Done doneA, ValuePeek::Done doneB)
{
    delete m_scope;
    m_scope = new QObject(this);
    if (m_a)
        ValuePeek::fetch(m_a, key, m_scope, std::move(doneA));
    else
        ValuePeek::fetchFromRdb(m_rdbPath, m_rdbDb, key, m_scope, std::move(doneA));
    ValuePeek::fetch(m_b, key, m_scope, std::move(doneB));
}

} // namespace redscope
