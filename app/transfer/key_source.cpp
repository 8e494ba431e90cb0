// ServerKeySource (see key_source.h).
#include "transfer/key_source.h"

#include "transfer/record_commands.h"

#include "redscope/dump.h"

#include <QCoreApplication>
#include <QSet>

#include <utility>

namespace redscope {

namespace {

constexpr int kPage = 1000;

std::string str(const QByteArray &b)
{
    return std::string(b.constData(), size_t(b.size()));
}

bool refusal(const RedisValue &reply)
{
    // NOPERM (ACL), unknown command (renamed or disabled): read page by page instead.
    return reply.isError();
}

} // namespace

ServerKeySource::ServerKeySource(TransferLink *link, KeySelection selection)
    : m_link(link)
    , m_selection(std::move(selection))
{
}

qint64 ServerKeySource::estimateTotal(QString *error)
{
    if (!m_selection.keys.isEmpty()) return m_selection.keys.size();
    // A pattern or a type picks an unknown share of the database: DBSIZE would make the
    // progress stop at that share, so the total stays unknown (the bar shows activity).
    const bool everyKey = m_selection.pattern.isEmpty() || m_selection.pattern == "*";
    if (!everyKey || !m_selection.type.isEmpty()) return -1;
    qint64 total = 0;
    QList<RedisValue> replies;
    if (m_link->isCluster()) {
        for (const QString &node : m_link->masters()) {
            if (!m_link->callNode(node, {{QByteArrayLiteral("DBSIZE")}}, &replies, error))
                return -1;
            total += replies.value(0).toInteger();
        }
        return total;
    }
    const RedisValue reply = m_link->call({QByteArrayLiteral("DBSIZE")}, error);
    return reply.type() == RedisValue::Type::Integer ? reply.toInteger() : -1;
}

bool ServerKeySource::nextNames(QList<QByteArray> *names, QString *error)
{
    names->clear();
    if (!m_selection.keys.isEmpty()) {
        if (m_nextPicked >= m_selection.keys.size()) return false;
        *names = m_selection.keys.mid(m_nextPicked, 500);
        m_nextPicked += names->size();
        return true;
    }
    if (!m_started) {
        m_started = true;
        m_nodes = m_link->masters();
    }
    if (m_done) return false;
    const TransferLink::Ticket ticket = m_scan ? std::exchange(m_scan, nullptr) : submitScan(error);
    if (!ticket) return false;
    QList<RedisValue> replies;
    if (!m_link->await(ticket, &replies, error)) return false;
    const RedisValue &reply = replies.value(0);
    if (reply.isError() || reply.elements().size() != 2) {
        *error =
            QCoreApplication::translate("redscope::Transfer", "SCAN failed: %1").arg(reply.text());
        return false;
    }
    m_cursor = reply.elements()[0].bytes();
    for (const RedisValue &name : reply.elements()[1].elements())
        names->append(name.bytes());
    if (m_cursor == "0") {
        if (!m_nodes.isEmpty()) m_nodes.removeFirst();
        m_done = m_nodes.isEmpty();
    }
    if (!m_done) {
        QString ignored; // a failed send shows again when the next page is asked for
        m_scan = submitScan(&ignored);
    }
    return true;
}

TransferLink::Ticket ServerKeySource::submitScan(QString *error)
{
    QList<QByteArray> scan{QByteArrayLiteral("SCAN"), m_cursor};
    if (!m_selection.pattern.isEmpty() && m_selection.pattern != "*")
        scan << QByteArrayLiteral("MATCH") << m_selection.pattern;
    scan << QByteArrayLiteral("COUNT") << QByteArray::number(kPage);
    if (!m_selection.type.isEmpty()) scan << QByteArrayLiteral("TYPE") << m_selection.type;
    return m_nodes.isEmpty() ? m_link->submit({scan})
                             : m_link->submitNode(m_nodes.first(), {scan}, error);
}

bool ServerKeySource::fetchPayloads(const QList<QByteArray> &names, std::vector<KeyRecord> *out,
                                    QString *error)
{
    return collectPayloads(submitPayloads(names), names, out, error);
}

TransferLink::Ticket ServerKeySource::submitPayloads(const QList<QByteArray> &names)
{
    QList<TransferLink::Command> commands;
    commands.reserve(names.size() * 2);
    // PEXPIRETIME (7.0) gives the exact expiry; PTTL (older servers) is relative to now.
    const QByteArray ttlCommand =
        m_expireTime ? QByteArrayLiteral("PEXPIRETIME") : QByteArrayLiteral("PTTL");
    for (const QByteArray &name : names) {
        commands.append({ttlCommand, name});
        commands.append({QByteArrayLiteral("DUMP"), name});
    }
    return m_link->submit(commands);
}

bool ServerKeySource::collectPayloads(const TransferLink::Ticket &ticket,
                                      const QList<QByteArray> &names, std::vector<KeyRecord> *out,
                                      QString *error)
{
    out->clear();
    const bool expireTime = m_expireTime;
    QList<RedisValue> replies;
    if (!m_link->await(ticket, &replies, error)) return false;
    if (expireTime && !names.isEmpty() && replies[0].isError()) {
        m_expireTime = false;
        return fetchPayloads(names, out, error);
    }
    const qint64 now = nowMs();
    out->resize(size_t(names.size()));
    for (qsizetype i = 0; i < names.size(); ++i) {
        KeyRecord &r = (*out)[size_t(i)];
        r.key = names[i];
        const RedisValue &ttl = replies[2 * i];
        const RedisValue &dump = replies[2 * i + 1];
        const qint64 pttl = ttl.type() == RedisValue::Type::Integer ? ttl.toInteger() : -1;
        if (pttl == -2 || dump.isNil()) {
            r.expireAtMs = -2;
            continue;
        }
        r.expireAtMs = pttl < 0 ? -1 : expireTime ? pttl : now + pttl;
        if (refusal(dump))
            m_dumpRefused = true;
        else
            r.payload = str(dump.bytes());
    }
    return true;
}

bool ServerKeySource::fetch(const QList<QByteArray> &names, std::vector<KeyRecord> *out,
                            qint64 *vanished, QStringList *problems, QString *error)
{
    std::vector<KeyRecord> raw;
    if (!m_dumpRefused) {
        if (!fetchPayloads(names, &raw, error)) return false;
    } else {
        raw.resize(size_t(names.size()));
        for (qsizetype i = 0; i < names.size(); ++i)
            raw[size_t(i)].key = names[i];
    }
    out->clear();
    out->reserve(raw.size());
    for (KeyRecord &r : raw) {
        if (r.expireAtMs == -2) {
            ++*vanished;
            continue;
        }
        std::string message;
        if (!r.payload.empty() && engine::decodeDumpValue(r.payload, &r.value, &message)) {
            out->push_back(std::move(r));
            continue;
        }
        // Refused DUMP, or a payload this engine cannot decode: page by page.
        r.payload.clear();
        if (!readPaged(r.key, &r, error)) {
            if (!m_link->isReady()) return false;
            if (error->isEmpty()) {
                ++*vanished;
            } else {
                problems->append(QStringLiteral("%1: %2").arg(QString::fromUtf8(r.key), *error));
                error->clear();
            }
            continue;
        }
        out->push_back(std::move(r));
    }
    return true;
}

bool ServerKeySource::readPaged(const QByteArray &key, KeyRecord *record, QString *error)
{
    using engine::RdbType;
    error->clear();
    QList<RedisValue> replies;
    if (!m_link->call({{QByteArrayLiteral("TYPE"), key},
                       {QByteArrayLiteral("PTTL"), key},
                       {QByteArrayLiteral("PEXPIRETIME"), key}},
                      &replies, error))
        return false;
    const QByteArray type = replies[0].bytes();
    const qint64 pttl = replies[1].toInteger();
    if (type == "none") return false;
    record->key = key;
    record->expireAtMs = pttl < 0                ? -1
                         : !replies[2].isError() ? replies[2].toInteger()
                                                 : nowMs() + pttl;
    record->value = engine::RdbValue{};
    auto &items = record->value.items;
    const auto one = [&](const TransferLink::Command &command, RedisValue *reply) {
        *reply = m_link->call(command, error);
        if (!error->isEmpty()) return false;
        if (reply->isError()) {
            *error = reply->text();
            return false;
        }
        return true;
    };
    RedisValue reply;
    if (type == "string") {
        record->value.type = RdbType::String;
        if (!one({QByteArrayLiteral("GET"), key}, &reply)) return false;
        if (reply.isNil()) return false;
        items.push_back(str(reply.bytes()));
    } else if (type == "list" || type == "zset") {
        const bool zset = type == "zset";
        record->value.type = zset ? RdbType::ZSet : RdbType::List;
        for (qint64 start = 0;; start += kPage) {
            TransferLink::Command command{
                zset ? QByteArrayLiteral("ZRANGE") : QByteArrayLiteral("LRANGE"), key,
                QByteArray::number(start), QByteArray::number(start + kPage - 1)};
            if (zset) command.append(QByteArrayLiteral("WITHSCORES"));
            if (!one(command, &reply)) return false;
            for (const RedisValue &e : reply.elements())
                items.push_back(str(e.bytes()));
            if (reply.elements().size() < size_t(zset ? 2 * kPage : kPage)) break;
        }
    } else if (type == "hash" || type == "set") {
        const bool hash = type == "hash";
        record->value.type = hash ? RdbType::Hash : RdbType::Set;
        QSet<QByteArray> seen; // SCAN may return an element twice
        QByteArray cursor = "0";
        do {
            if (!one({hash ? QByteArrayLiteral("HSCAN") : QByteArrayLiteral("SSCAN"), key, cursor,
                      QByteArrayLiteral("COUNT"), QByteArray::number(kPage)},
                     &reply))
                return false;
            if (reply.elements().size() != 2) {
                *error = QCoreApplication::translate("redscope::Transfer", "unexpected scan reply");
                return false;
            }
            cursor = reply.elements()[0].bytes();
            const auto &elements = reply.elements()[1].elements();
            const size_t step = hash ? 2 : 1;
            for (size_t i = 0; i + step <= elements.size(); i += step) {
                if (seen.contains(elements[i].bytes())) continue;
                seen.insert(elements[i].bytes());
                items.push_back(str(elements[i].bytes()));
                if (hash) items.push_back(str(elements[i + 1].bytes()));
            }
        } while (cursor != "0");
    } else if (type == "stream") {
        record->value.type = RdbType::Stream;
        QByteArray start = "-";
        while (true) {
            if (!one({QByteArrayLiteral("XRANGE"), key, start, QByteArrayLiteral("+"),
                      QByteArrayLiteral("COUNT"), QByteArray::number(kPage)},
                     &reply))
                return false;
            for (const RedisValue &entry : reply.elements()) {
                engine::RdbStreamEntry e;
                if (entry.elements().size() != 2) continue;
                e.id = str(entry.elements()[0].bytes());
                for (const RedisValue &f : entry.elements()[1].elements())
                    e.fields.push_back(str(f.bytes()));
                record->value.streamEntries.push_back(std::move(e));
            }
            if (reply.elements().size() < size_t(kPage)) break;
            start = "(" + QByteArray::fromStdString(record->value.streamEntries.back().id);
        }
    } else {
        *error = QCoreApplication::translate("redscope::Transfer", "type %1 cannot be read")
                     .arg(QString::fromUtf8(type));
        return false;
    }
    if (items.empty() && record->value.streamEntries.empty()) return false; // gone meanwhile
    return true;
}

} // namespace redscope
