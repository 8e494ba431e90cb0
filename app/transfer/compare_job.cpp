// CompareJob and SyncJob (see compare_job.h).
#include "transfer/compare_job.h"

#include "transfer/key_source.h"
#include "transfer/key_writer.h"
#include "transfer/record_files.h"
#include "transfer/value_digest.h"

#include "redscope/dump.h"

#include <QCoreApplication>
#include <QSet>

#include <unordered_set>

namespace redscope {

namespace {

constexpr size_t kBatch = 500;

quint64 nameHash(const QByteArray &key)
{
    return qHash(key, size_t(0x5bd1e995)) * 0x9e3779b97f4a7c15ULL ^ quint64(key.size());
}

// Reads side A: a server (SCAN + DUMP) or a dump.rdb (the engine's reader), in batches.
class SideReader
{
public:
    SideReader(const CompareSide &side, TransferLink *link, const QByteArray &pattern)
        : m_side(side)
        , m_link(link)
        , m_pattern(pattern)
    {
        if (link) m_source = std::make_unique<ServerKeySource>(link, KeySelection{{}, pattern, {}});
    }
    ServerKeySource *source() const { return m_source.get(); }

    // Calls onBatch with batches of records (payload, expiry; value decoded for a file).
    // alongside(names) runs when a batch's names are known and A's values are on their way
    // (a server A) or read (a file): the caller sends B's batch then, so both are in flight.
    bool run(const std::function<void(const QList<QByteArray> &)> &alongside,
             const std::function<bool(std::vector<KeyRecord> &)> &onBatch, QString *error)
    {
        std::vector<KeyRecord> batch;
        if (m_source) {
            QList<QByteArray> names;
            while (m_source->nextNames(&names, error)) {
                if (names.isEmpty()) continue;
                const TransferLink::Ticket ticket = m_source->submitPayloads(names);
                alongside(names);
                if (!m_source->collectPayloads(ticket, names, &batch, error)) return false;
                if (!onBatch(batch)) return true;
            }
            return error->isEmpty();
        }
        const auto deliver = [&]() {
            QList<QByteArray> names;
            names.reserve(qsizetype(batch.size()));
            for (const KeyRecord &r : batch)
                names.append(r.key);
            alongside(names);
            return onBatch(batch);
        };
        auto reader = createRecordReader(TransferFormat::Rdb, m_side.rdbPath, m_side.rdbDb, error);
        if (!reader) return false;
        bool stopped = false;
        QString fatal;
        const bool ok = reader->run(
            [&](ImportItem &item) {
                if (!m_pattern.isEmpty() && !globMatches(m_pattern, item.record.key)) return true;
                batch.push_back(std::move(item.record));
                if (batch.size() < kBatch) return true;
                stopped = !deliver();
                batch.clear();
                return !stopped;
            },
            [](const ReadProblem &) {}, &fatal);
        if (!ok) {
            *error = fatal;
            return false;
        }
        if (!stopped && !batch.empty()) deliver();
        return true;
    }

private:
    const CompareSide &m_side;
    TransferLink *m_link;
    QByteArray m_pattern;
    std::unique_ptr<ServerKeySource> m_source;
};

struct Decoded
{
    bool ok = false;
    QByteArray type;
    ValueDigest digest;
};

Decoded decodeRecord(KeyRecord &r)
{
    Decoded d;
    std::string message;
    if (!r.value.items.empty() || !r.value.streamEntries.empty()) {
        d.ok = true;
    } else if (!r.payload.empty()) {
        d.ok = engine::decodeDumpValue(r.payload, &r.value, &message);
    }
    if (d.ok) {
        d.type = engine::rdbTypeName(r.value.type);
        d.digest = digestOf(r.value);
    }
    return d;
}

// The value of a key whose payload was not usable, read page by page.
Decoded pagedDigest(ServerKeySource *source, const QByteArray &key)
{
    Decoded d;
    if (!source) return d;
    KeyRecord r;
    QString error;
    if (!source->readPaged(key, &r, &error)) return d;
    d.ok = true;
    d.type = engine::rdbTypeName(r.value.type);
    d.digest = digestOf(r.value);
    return d;
}

} // namespace

QString CompareSide::label() const
{
    return isFile() ? QCoreApplication::translate("redscope::Transfer", "%1 (db %2)")
                          .arg(rdbPath)
                          .arg(rdbDb)
                    : QCoreApplication::translate("redscope::Transfer", "%1 db %2")
                          .arg(settings.address())
                          .arg(settings.db);
}

QByteArray payloadTypeName(const std::string &payload)
{
    if (payload.empty()) return {};
    switch (static_cast<unsigned char>(payload[0])) {
    case 0:
        return "string";
    case 1:
    case 10:
    case 14:
    case 18:
        return "list";
    case 2:
    case 11:
        return "set";
    case 3:
    case 5:
    case 12:
    case 17:
        return "zset";
    case 4:
    case 9:
    case 13:
    case 16:
        return "hash";
    case 15:
    case 19:
    case 21:
        return "stream";
    default:
        return "module";
    }
}

bool globMatches(const QByteArray &p, const QByteArray &s)
{
    qsizetype pi = 0, si = 0, starP = -1, starS = 0;
    const auto classMatches = [&](qsizetype &at, char c) {
        ++at; // past '['
        bool negate = false, hit = false;
        if (at < p.size() && p[at] == '^') {
            negate = true;
            ++at;
        }
        while (at < p.size() && p[at] != ']') {
            if (p[at] == '\\' && at + 1 < p.size()) {
                hit |= p[++at] == c;
            } else if (at + 2 < p.size() && p[at + 1] == '-' && p[at + 2] != ']') {
                char lo = p[at], hi = p[at + 2];
                if (lo > hi) std::swap(lo, hi);
                hit |= c >= lo && c <= hi;
                at += 2;
            } else {
                hit |= p[at] == c;
            }
            ++at;
        }
        ++at; // past ']'
        return hit != negate;
    };
    while (si < s.size()) {
        if (pi < p.size() && p[pi] == '*') {
            starP = pi++;
            starS = si;
            continue;
        }
        if (pi < p.size()) {
            qsizetype next = pi;
            bool ok = false;
            if (p[pi] == '?') {
                ok = true;
                next = pi + 1;
            } else if (p[pi] == '[') {
                ok = classMatches(next, s[si]);
            } else if (p[pi] == '\\' && pi + 1 < p.size()) {
                ok = p[pi + 1] == s[si];
                next = pi + 2;
            } else {
                ok = p[pi] == s[si];
                next = pi + 1;
            }
            if (ok) {
                pi = next;
                ++si;
                continue;
            }
        }
        if (starP < 0) return false;
        pi = starP + 1;
        si = ++starS;
    }
    while (pi < p.size() && p[pi] == '*')
        ++pi;
    return pi == p.size();
}

void CompareJob::run(TransferSummary *s)
{
    s->compare = true;
    std::unique_ptr<TransferLink> linkA;
    if (!m_options.a.isFile()) {
        linkA = std::make_unique<TransferLink>(m_options.a.settings);
        linkA->setCancelFlag(cancelFlag());
        if (!linkA->open(&s->error)) return;
    }
    TransferLink linkB(m_options.b);
    linkB.setCancelFlag(cancelFlag());
    if (!linkB.open(&s->error)) return;
    ServerKeySource sourceB(&linkB, KeySelection{{}, m_options.pattern, {}});
    SideReader sideA(m_options.a, linkA.get(), m_options.pattern);
    QString error;
    if (sideA.source()) s->keysTotal = sideA.source()->estimateTotal(&error);
    // One pass over both sides: B's own SCAN goes along with A's pages. A's names are kept as
    // 64-bit hashes (16 MB per million keys); so are B's names A has not reported (yet). Only
    // if some are left at the end is B scanned again for their names.
    std::unordered_set<quint64> namesA, unmatchedB;
    if (s->keysTotal > 0) namesA.reserve(size_t(s->keysTotal));
    ServerKeySource scanB(&linkB, KeySelection{{}, m_options.pattern, {}});
    bool scanBDone = false;
    const auto stepB = [&]() {
        QList<QByteArray> names;
        if (!scanB.nextNames(&names, &error)) {
            scanBDone = true;
            return error.isEmpty();
        }
        for (const QByteArray &name : std::as_const(names)) {
            const quint64 h = nameHash(name);
            if (!namesA.count(h)) unmatchedB.insert(h);
        }
        return true;
    };
    bool debugDigest = linkA != nullptr;
    const auto serverDigests = [&](const QByteArray &key, QByteArray *a, QByteArray *b) {
        if (!debugDigest) return false;
        const QList<TransferLink::Command> command{
            {QByteArrayLiteral("DEBUG"), QByteArrayLiteral("DIGEST-VALUE"), key}};
        QList<RedisValue> ra, rb;
        QString e;
        if (!linkA->call(command, &ra, &e) || !linkB.call(command, &rb, &e) ||
            ra.value(0).isError() || rb.value(0).isError()) {
            debugDigest = false; // not allowed here (ACL, enable-debug-command): stop asking
            return false;
        }
        const auto first = [](const RedisValue &r) {
            return r.elements().empty() ? r.bytes() : r.elements().front().bytes();
        };
        *a = first(ra.value(0));
        *b = first(rb.value(0));
        return true;
    };

    std::vector<KeyRecord> fromB;
    TransferLink::Ticket ticketB;
    QList<QByteArray> namesB;
    const bool ok = sideA.run(
        [&](const QList<QByteArray> &names) {
            namesB = names;
            ticketB = sourceB.submitPayloads(names);
        },
        [&](std::vector<KeyRecord> &fromA) {
            if (!sourceB.collectPayloads(ticketB, namesB, &fromB, &error)) return false;
            for (const KeyRecord &r : fromA) {
                const quint64 h = nameHash(r.key);
                namesA.insert(h);
                unmatchedB.erase(h);
            }
            QList<DiffEntry> diffs;
            for (size_t i = 0; i < fromA.size(); ++i) {
                KeyRecord &a = fromA[i];
                KeyRecord &b = fromB[i];
                if (a.expireAtMs == -2) continue; // gone from A meanwhile
                ++s->keysDone;
                if (b.expireAtMs == -2) {
                    ++s->onlyInA;
                    diffs.append({DiffEntry::Kind::OnlyInA,
                                  a.key,
                                  a.payload.empty() ? QByteArray() : payloadTypeName(a.payload),
                                  {},
                                  false});
                    continue;
                }
                const bool ttlDiffers = (a.expireAtMs >= 0) != (b.expireAtMs >= 0);
                bool equal = !a.payload.empty() && a.payload == b.payload;
                QByteArray typeA = payloadTypeName(a.payload), typeB = payloadTypeName(b.payload);
                if (!equal) {
                    Decoded da = decodeRecord(a), db = decodeRecord(b);
                    if (!da.ok || !db.ok) {
                        QByteArray xa, xb;
                        if (serverDigests(a.key, &xa, &xb)) {
                            da = {true, typeA, {}};
                            db = {true, typeB, {}};
                            equal = xa == xb && typeA == typeB;
                        } else {
                            if (!da.ok) da = pagedDigest(sideA.source(), a.key);
                            if (!db.ok) db = pagedDigest(&sourceB, b.key);
                            equal = da.ok && db.ok && da.type == db.type && da.digest == db.digest;
                        }
                    } else {
                        equal = da.type == db.type && da.digest == db.digest;
                    }
                    if (da.ok) typeA = da.type;
                    if (db.ok) typeB = db.type;
                }
                if (equal && !ttlDiffers) {
                    ++s->equal;
                    continue;
                }
                ++s->different;
                diffs.append({DiffEntry::Kind::Different, a.key, typeA, typeB, ttlDiffers});
            }
            m_result->append(diffs);
            report();
            return (scanBDone || stepB()) && !cancelled();
        },
        &error);
    if (!ok) {
        s->error = error;
        return;
    }
    if (cancelled()) return;

    while (!scanBDone && !cancelled())
        if (!stepB()) break;
    if (!error.isEmpty()) {
        s->error = error;
        return;
    }

    // Keys of B that A lacks: B's SCAN saw names A did not report; find them by name.
    ServerKeySource secondB(&linkB, KeySelection{{}, m_options.pattern, {}});
    QList<QByteArray> names;
    while (!unmatchedB.empty() && !cancelled() && secondB.nextNames(&names, &error)) {
        if (names.isEmpty()) continue;
        // Only the names A did not report are asked about, on a server A in case they were
        // created there since its scan.
        QList<QByteArray> candidates;
        for (const QByteArray &name : std::as_const(names))
            if (unmatchedB.erase(nameHash(name)) > 0) candidates.append(name);
        if (linkA && !candidates.isEmpty()) {
            QList<TransferLink::Command> checks;
            for (const QByteArray &name : std::as_const(candidates))
                checks.append({QByteArrayLiteral("EXISTS"), name});
            QList<RedisValue> replies;
            if (!linkA->call(checks, &replies, &error)) break;
            QList<QByteArray> absent;
            for (qsizetype i = 0; i < candidates.size(); ++i)
                if (replies[i].toInteger() == 0) absent.append(candidates[i]);
            candidates = absent;
        }
        if (candidates.isEmpty()) continue;
        QList<TransferLink::Command> types;
        for (const QByteArray &name : std::as_const(candidates))
            types.append({QByteArrayLiteral("TYPE"), name});
        QList<RedisValue> replies;
        if (!linkB.call(types, &replies, &error)) break;
        QList<DiffEntry> diffs;
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            if (replies[i].bytes() == "none") continue;
            ++s->onlyInB;
            diffs.append({DiffEntry::Kind::OnlyInB, candidates[i], {}, replies[i].bytes(), false});
        }
        m_result->append(diffs);
        report();
    }
    if (!error.isEmpty()) s->error = error;
}

void SyncJob::run(TransferSummary *s)
{
    std::unique_ptr<TransferLink> linkA, linkB;
    if (!m_options.a.isFile()) {
        linkA = std::make_unique<TransferLink>(m_options.a.settings);
        linkA->setCancelFlag(cancelFlag());
        if (!linkA->open(&s->error)) return;
    }
    std::unique_ptr<RecordWriter> file;
    std::unique_ptr<KeyWriter> writer;
    QString error;
    if (!m_options.exportPath.isEmpty()) {
        file = createRecordWriter(TransferFormat::Resp, m_options.exportPath, TtlMode::Absolute, 0,
                                  &error);
        if (!file) {
            s->error = error;
            return;
        }
    } else {
        linkB = std::make_unique<TransferLink>(m_options.b);
        linkB->setCancelFlag(cancelFlag());
        linkB->setWritesConfirmed(m_options.confirmedWrites);
        if (!linkB->open(&s->error)) return;
        writer = std::make_unique<KeyWriter>(linkB.get(), ConflictPolicy::Replace);
        writer->setContinuePastErrors(true);
    }
    s->keysTotal = m_options.keys.size();
    QSet<QByteArray> missing(m_options.keys.begin(), m_options.keys.end());

    const auto apply = [&](std::vector<KeyRecord> &records) {
        for (const KeyRecord &r : records)
            missing.remove(r.key);
        if (file) {
            for (KeyRecord &r : records) {
                decodeRecord(r);
                bool unsupported = false;
                if (!file->write(r, &unsupported, &error)) return false;
                ++(unsupported ? s->keysSkipped : s->keysDone);
            }
            return true;
        }
        qsizetype confirmed = 0;
        return writer->write(records, s, &confirmed, &error);
    };

    bool ok = true;
    if (linkA) {
        ServerKeySource source(linkA.get(), KeySelection{m_options.keys, {}, {}});
        QList<QByteArray> names;
        std::vector<KeyRecord> records;
        while (ok && !cancelled() && source.nextNames(&names, &error)) {
            QStringList problems;
            ok =
                source.fetch(names, &records, &s->keysSkipped, &problems, &error) && apply(records);
            for (const QString &p : std::as_const(problems))
                s->addProblem(p);
            report();
        }
        ok = ok && error.isEmpty();
    } else {
        const QSet<QByteArray> wanted = missing;
        auto reader =
            createRecordReader(TransferFormat::Rdb, m_options.a.rdbPath, m_options.a.rdbDb, &error);
        ok = reader != nullptr;
        std::vector<KeyRecord> batch;
        QString fatal;
        if (ok)
            ok = reader->run(
                [&](ImportItem &item) {
                    if (!wanted.contains(item.record.key)) return true;
                    batch.push_back(std::move(item.record));
                    if (batch.size() < kBatch) return !cancelled();
                    const bool written = apply(batch);
                    batch.clear();
                    report();
                    return written && !cancelled();
                },
                [](const ReadProblem &) {}, &fatal);
        if (!fatal.isEmpty()) error = fatal;
        ok = ok && error.isEmpty() && apply(batch);
    }
    if (!ok) {
        s->error = error;
        return;
    }
    if (cancelled()) return;
    // Keys A lacks are deleted from B.
    const QList<QByteArray> gone(missing.begin(), missing.end());
    if (file) {
        for (const QByteArray &key : gone) {
            if (!file->writeCommand({QByteArrayLiteral("DEL"), key}, &error)) {
                s->error = error;
                return;
            }
            ++s->keysDone;
            ++s->commands;
        }
    } else if (!writer->remove(gone, s, &error)) {
        s->error = error;
        return;
    }
    if (file && !file->finish(&error)) s->error = error;
}

} // namespace redscope
