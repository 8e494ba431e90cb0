// Accumulation is O(1) per key apart from the namespace path (one hash lookup per level) and
// the top lists (a heap push when a key beats the smallest kept). Findings are derived at
// build(): from per-namespace counters (missing TTLs), from per-type candidate lists kept
// while walking (encoding limits, big keys: bounded), from the compression samples.
#include "analysis/report_builder.h"

#include <QLocale>

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace redscope {

namespace {

constexpr int kExamples = 5;

// A count for a plural text (%Ln takes an int): counts past INT_MAX read as INT_MAX.
int countForText(quint64 count)
{
    return int(std::min<quint64>(count, quint64(std::numeric_limits<int>::max())));
}

struct Counter
{
    AnalysisTotals totals;
    void add(const KeyFacts &f)
    {
        ++totals.keys;
        totals.bytes += f.bytes;
        totals.elements += f.elements;
        if (f.ttlMs >= 0) ++totals.withExpiry;
    }
};

struct TreeNode
{
    std::string name;
    int parent = -1;
    std::unordered_map<std::string, int> children;
    quint64 keys = 0, bytes = 0, withExpiry = 0, direct = 0;
    std::vector<std::string> noTtlExamples;
};

struct TopKey
{
    quint64 weight = 0;
    AnalysisKey key;
};
bool lighter(const TopKey &a, const TopKey &b)
{
    return a.weight > b.weight; // a min-heap on weight
}

// Keys that would pack into a smaller encoding with a nearby limit, per type.
struct PackCandidates
{
    quint64 count = 0;
    quint64 saving = 0;
    quint64 maxElements = 0;
    quint64 maxItemLength = 0;
    std::vector<std::pair<quint64, std::string>> examples; // saving, name
};

QString keyLabel(int db, std::string_view key)
{
    const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
    return db == 0 ? name : QStringLiteral("db%1 %2").arg(db).arg(name);
}

void keepExample(std::vector<std::pair<quint64, std::string>> &examples, quint64 weight,
                 std::string label)
{
    examples.emplace_back(weight, std::move(label));
    std::sort(examples.begin(), examples.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    if (examples.size() > size_t(kExamples)) examples.pop_back();
}

QString bytesText(quint64 bytes)
{
    return QLocale::c().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

bool isIdentifier(std::string_view s)
{
    if (s.empty()) return false;
    bool digits = true, hex = true;
    int dashes = 0;
    for (char c : s) {
        const bool d = c >= '0' && c <= '9';
        digits = digits && d;
        if (c == '-')
            ++dashes;
        else if (!d && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            hex = false;
    }
    if (digits) return true;
    if (hex && s.size() == 36 && dashes == 4) return true; // a UUID
    return hex && dashes == 0 && s.size() >= 16;           // a hash, an ObjectId-like id
}

// A limit value "just above" what the candidates need: the next multiple of 64.
quint64 roundedLimit(quint64 needed)
{
    return (needed + 63) / 64 * 64;
}

} // namespace

struct ReportBuilder::State
{
    AnalysisOptions options;
    std::string separator;
    AnalysisTotals totals;
    quint64 estimatedKeys = 0, estimatedBytes = 0;
    std::map<std::string, Counter> byType, byEncoding;
    std::map<int, Counter> byDb;
    std::vector<TreeNode> tree;
    int otherBudgetWarned = 0;
    std::vector<TopKey> topBytes, topElements;
    std::array<quint64, AnalysisReport::kTtlBuckets> ttlKeys{}, ttlBytes{};
    quint64 expiringWithinHour = 0;
    std::array<quint64, AnalysisReport::kIdleBuckets> idle{};
    quint64 idleRecorded = 0;
    std::array<quint64, AnalysisReport::kFreqBuckets> freq{};
    quint64 freqRecorded = 0;
    // findings
    quint64 bigCount = 0, bigBytes = 0;
    std::vector<std::pair<quint64, std::string>> bigExamples;
    PackCandidates hashPack, setPack, zsetPack;
    quint64 largeStrings = 0, largeStringBytes = 0;
    quint64 sampled = 0, sampledBytes = 0, sampledCompressed = 0;
    std::vector<std::pair<quint64, std::string>> compressExamples;

    int child(int parent, std::string_view segment)
    {
        TreeNode &p = tree[size_t(parent)];
        auto it = p.children.find(std::string(segment));
        if (it != p.children.end()) return it->second;
        std::string name(segment);
        if (int(tree.size()) >= options.maxNamespaceNodes ||
            int(p.children.size()) >= options.maxChildrenPerNode) {
            name = "(other)";
            it = p.children.find(name);
            if (it != p.children.end()) return it->second;
        }
        const int index = int(tree.size());
        p.children.emplace(name, index);
        TreeNode node;
        node.name = std::move(name);
        node.parent = parent;
        tree.push_back(std::move(node));
        return index;
    }

    void pushTop(std::vector<TopKey> &heap, quint64 weight, const KeyFacts &f)
    {
        if (int(heap.size()) >= options.topKeys) {
            if (heap.empty() || weight <= heap.front().weight) return;
            std::pop_heap(heap.begin(), heap.end(), lighter);
            heap.pop_back();
        }
        TopKey top;
        top.weight = weight;
        top.key.db = f.db;
        top.key.key = QByteArray(f.key.data(), qsizetype(f.key.size()));
        top.key.type = f.type;
        top.key.typeName = QString::fromUtf8(f.typeName.data(), qsizetype(f.typeName.size()));
        top.key.encoding = QString::fromLatin1(memmodel::encodingName(f.encoding));
        top.key.bytes = f.bytes;
        top.key.elements = f.elements;
        top.key.ttlMs = f.ttlMs;
        top.key.estimated = f.bytesEstimated;
        heap.push_back(std::move(top));
        std::push_heap(heap.begin(), heap.end(), lighter);
    }

    void packCandidate(PackCandidates &c, const KeyFacts &f, quint64 entriesLimit,
                       quint64 valueLimit)
    {
        const memmodel::ValueShape &s = *f.shape;
        if (f.elements > 2 * entriesLimit) return;
        if (valueLimit && s.maxItemLength > 2 * valueLimit) return;
        if (!s.packedBytes || s.packedBytes >= s.bytes) return;
        ++c.count;
        c.saving += s.bytes - s.packedBytes;
        c.maxElements = std::max(c.maxElements, f.elements);
        c.maxItemLength = std::max<quint64>(c.maxItemLength, s.maxItemLength);
        if (c.examples.size() < size_t(kExamples) ||
            s.bytes - s.packedBytes > c.examples.back().first)
            keepExample(c.examples, s.bytes - s.packedBytes, keyLabel(f.db, f.key).toStdString());
    }
};

ReportBuilder::ReportBuilder(AnalysisOptions options)
    : m_state(std::make_unique<State>())
{
    m_state->options = std::move(options);
    m_state->separator = m_state->options.separator.toStdString();
    m_state->tree.emplace_back();
    m_state->tree.back().name = "";
}

ReportBuilder::~ReportBuilder() = default;

const AnalysisOptions &ReportBuilder::options() const
{
    return m_state->options;
}

quint64 ReportBuilder::keys() const
{
    return m_state->totals.keys;
}

void ReportBuilder::add(const KeyFacts &f)
{
    State &s = *m_state;
    ++s.totals.keys;
    s.totals.bytes += f.bytes;
    s.totals.elements += f.elements;
    if (f.bytesEstimated) {
        ++s.estimatedKeys;
        s.estimatedBytes += f.bytes;
    }
    const bool expires = f.ttlMs >= 0;
    if (expires) ++s.totals.withExpiry;

    const std::string type(f.typeName);
    s.byType[type].add(f);
    s.byEncoding[type + "/" + memmodel::encodingName(f.encoding)].add(f);
    s.byDb[f.db].add(f);

    // Namespace path: every segment but the last, up to the depth cap.
    int node = 0;
    bool grouped = false;
    auto account = [&](int index) {
        TreeNode &n = s.tree[size_t(index)];
        ++n.keys;
        n.bytes += f.bytes;
        if (expires) {
            ++n.withExpiry;
        } else if (n.noTtlExamples.size() < 3) {
            n.noTtlExamples.push_back(keyLabel(f.db, f.key).toStdString());
        }
    };
    account(0);
    if (!s.separator.empty()) {
        size_t from = 0;
        for (int depth = 0; depth < s.options.maxNamespaceDepth; ++depth) {
            const size_t at = f.key.find(s.separator, from);
            if (at == std::string_view::npos) break;
            std::string_view segment = f.key.substr(from, at - from);
            if (s.options.groupIdentifiers && isIdentifier(segment)) segment = "*";
            grouped = grouped || segment == "*";
            node = s.child(node, segment);
            account(node);
            from = at + s.separator.size();
        }
        // Under an identifier, the last segment names the kind of key (user:*:profile,
        // user:*:last_seen): a level of its own, unless it is an identifier itself.
        const std::string_view last = f.key.substr(std::min(from, f.key.size()));
        if (grouped && node != 0 && !last.empty() && !isIdentifier(last) &&
            last.find(s.separator) == std::string_view::npos) {
            node = s.child(node, last);
            account(node);
        }
    }
    ++s.tree[size_t(node)].direct;

    s.pushTop(s.topBytes, f.bytes, f);
    if (f.type != KeyType::String) s.pushTop(s.topElements, f.elements, f);

    int bucket = 0;
    if (expires) {
        bucket = f.ttlMs < 3600000LL ? 1 : f.ttlMs < 86400000LL ? 2 : f.ttlMs < 604800000LL ? 3 : 4;
        if (bucket == 1) ++s.expiringWithinHour;
    }
    ++s.ttlKeys[size_t(bucket)];
    s.ttlBytes[size_t(bucket)] += f.bytes;

    if (f.idleSeconds >= 0) {
        const qint64 i = f.idleSeconds;
        ++s.idle[i < 60 ? 0 : i < 3600 ? 1 : i < 86400 ? 2 : i < 604800 ? 3 : 4];
        ++s.idleRecorded;
    }
    if (f.frequency >= 0) {
        const int q = f.frequency;
        ++s.freq[q == 0 ? 0 : q < 5 ? 1 : q < 16 ? 2 : q < 64 ? 3 : 4];
        ++s.freqRecorded;
    }

    const bool big = f.bytes >= s.options.bigKeyBytes ||
                     (f.type != KeyType::String && f.elements >= s.options.bigKeyElements);
    if (big) {
        ++s.bigCount;
        s.bigBytes += f.bytes;
        if (s.bigExamples.size() < size_t(kExamples) || f.bytes > s.bigExamples.back().first)
            keepExample(s.bigExamples, f.bytes, keyLabel(f.db, f.key).toStdString());
    }
    if (f.shape) {
        const memmodel::Limits &l = s.options.limits;
        using memmodel::Encoding;
        if (f.type == KeyType::Hash && f.encoding == Encoding::Hashtable)
            s.packCandidate(s.hashPack, f, l.hashMaxListpackEntries, l.hashMaxListpackValue);
        else if (f.type == KeyType::Set && f.encoding == Encoding::Hashtable &&
                 f.shape->allIntegers)
            s.packCandidate(s.setPack, f, l.setMaxIntsetEntries, 0);
        else if (f.type == KeyType::SortedSet && f.encoding == Encoding::Skiplist)
            s.packCandidate(s.zsetPack, f, l.zsetMaxListpackEntries, l.zsetMaxListpackValue);
    }
    if (f.type == KeyType::String && f.elements >= s.options.compressMinBytes) {
        ++s.largeStrings;
        s.largeStringBytes += f.bytes;
    }
}

bool ReportBuilder::wantsCompressionSample(quint64 length)
{
    State &s = *m_state;
    if (length < s.options.compressMinBytes || s.sampled >= 2000) return false;
    // The first 256 large strings, then a thinning share of the rest (largeStrings counts
    // the string being decided once add() ran for it).
    const quint64 seen = s.largeStrings;
    return seen <= 256 || seen % std::max<quint64>(1, seen / 256) == 0;
}

void ReportBuilder::addCompressionSample(const KeyFacts &f, std::string_view value)
{
    State &s = *m_state;
    const std::string_view part = value.substr(0, 256 * 1024);
    const QByteArray packed =
        qCompress(reinterpret_cast<const uchar *>(part.data()), qsizetype(part.size()), 6);
    const quint64 compressed = quint64(std::max<qsizetype>(packed.size() - 4, 0));
    ++s.sampled;
    s.sampledBytes += part.size();
    s.sampledCompressed += compressed;
    if (compressed * 2 < part.size()) {
        const quint64 saving =
            quint64(double(f.elements) * (1.0 - double(compressed) / double(part.size())));
        keepExample(s.compressExamples, saving, keyLabel(f.db, f.key).toStdString());
    }
}

AnalysisReport ReportBuilder::build() const
{
    const State &s = *m_state;
    AnalysisReport r;
    r.separator = s.options.separator;
    r.totals = s.totals;
    r.estimatedKeys = s.estimatedKeys;
    r.estimatedBytes = s.estimatedBytes;
    for (const auto &[name, c] : s.byType)
        r.byType.append({QString::fromStdString(name), c.totals});
    for (const auto &[name, c] : s.byEncoding)
        r.byEncoding.append({QString::fromStdString(name), c.totals});
    for (const auto &[db, c] : s.byDb)
        r.byDb.append({QStringLiteral("db%1").arg(db), c.totals});
    auto bySize = [](const AnalysisGroup &a, const AnalysisGroup &b) {
        return a.totals.bytes > b.totals.bytes;
    };
    std::sort(r.byType.begin(), r.byType.end(), bySize);
    std::sort(r.byEncoding.begin(), r.byEncoding.end(), bySize);

    r.namespaces.reserve(qsizetype(s.tree.size()));
    for (const TreeNode &t : s.tree) {
        NamespaceNode n;
        n.name = QString::fromStdString(t.name);
        n.parent = t.parent;
        n.keys = t.keys;
        n.bytes = t.bytes;
        n.withExpiry = t.withExpiry;
        n.directKeys = t.direct;
        if (t.parent >= 0) {
            const QString &parentPath = r.namespaces[t.parent].path;
            n.path = parentPath.isEmpty() ? n.name : parentPath + r.separator + n.name;
        }
        r.namespaces.append(n);
    }
    for (size_t i = 0; i < s.tree.size(); ++i) {
        QList<int> children;
        for (const auto &[name, index] : s.tree[i].children)
            children.append(index);
        std::sort(children.begin(), children.end(),
                  [&](int a, int b) { return r.namespaces[a].bytes > r.namespaces[b].bytes; });
        r.namespaces[qsizetype(i)].children = children;
    }

    auto sorted = [](std::vector<TopKey> heap) {
        std::sort(heap.begin(), heap.end(), lighter);
        QList<AnalysisKey> keys;
        for (TopKey &t : heap)
            keys.append(std::move(t.key));
        return keys;
    };
    r.topByBytes = sorted(s.topBytes);
    r.topByElements = sorted(s.topElements);
    r.ttlKeys = s.ttlKeys;
    r.ttlBytes = s.ttlBytes;
    r.expiringWithinHour = s.expiringWithinHour;
    r.idleKeys = s.idle;
    r.idleRecorded = s.idleRecorded;
    r.freqKeys = s.freq;
    r.freqRecorded = s.freqRecorded;

    auto examples = [](const std::vector<std::pair<quint64, std::string>> &list) {
        QStringList out;
        for (const auto &[weight, name] : list)
            out.append(QString::fromStdString(name));
        return out;
    };
    const QLocale c = QLocale::c();
    if (s.bigCount) {
        AnalysisFinding f;
        f.kind = FindingKind::BigKey;
        f.title = tr("%Ln big key(s) hold %1", nullptr, countForText(s.bigCount))
                      .arg(bytesText(s.bigBytes));
        f.detail = tr("Keys of %1 or more, or collections of %2 or more elements. "
                      "Big keys block the server while they are deleted, "
                      "migrated or read whole; split them or delete with UNLINK.")
                       .arg(bytesText(s.options.bigKeyBytes), c.toString(s.options.bigKeyElements));
        f.examples = examples(s.bigExamples);
        r.findings.append(f);
    }
    const memmodel::Limits &l = s.options.limits;
    // title: "%Ln <type>(s) are just over ...; ... save about %1", one text per type so that
    // each language can inflect the type's name.
    auto packFinding = [&](const PackCandidates &p, const char *title, const QString &entriesName,
                           quint64 entriesLimit, const QString &valueName, quint64 valueLimit) {
        if (!p.count) return;
        AnalysisFinding f;
        f.kind = FindingKind::EncodingLimit;
        f.title = tr(title, nullptr, countForText(p.count)).arg(bytesText(p.saving));
        QStringList changes;
        if (p.maxElements > entriesLimit)
            changes.append(QStringLiteral("CONFIG SET %1 %2")
                               .arg(entriesName)
                               .arg(roundedLimit(p.maxElements)));
        if (!valueName.isEmpty() && p.maxItemLength > valueLimit)
            changes.append(QStringLiteral("CONFIG SET %1 %2")
                               .arg(valueName)
                               .arg(roundedLimit(p.maxItemLength)));
        f.configChange = changes.join(QStringLiteral("; "));
        const QString largest =
            valueName.isEmpty()
                ? tr("The largest has %1 elements (limit %2).")
                      .arg(c.toString(p.maxElements), c.toString(entriesLimit))
                : tr("The largest has %1 elements (limit %2), its longest item %3 bytes "
                     "(limit %4).")
                      .arg(c.toString(p.maxElements), c.toString(entriesLimit),
                           c.toString(p.maxItemLength), c.toString(valueLimit));
        f.detail = largest + QLatin1Char(' ') +
                   tr("A packed encoding costs O(N) per access: keep the limits in the "
                      "hundreds.");
        f.savingBytes = p.saving;
        f.examples = examples(p.examples);
        r.findings.append(f);
    };
    packFinding(s.hashPack,
                QT_TR_N_NOOP("%Ln hash(es) are just over the listpack limits; packed they would "
                             "save about %1"),
                QStringLiteral("hash-max-listpack-entries"), l.hashMaxListpackEntries,
                QStringLiteral("hash-max-listpack-value"), l.hashMaxListpackValue);
    packFinding(s.setPack,
                QT_TR_N_NOOP("%Ln set(s) are just over the intset limits; packed they would save "
                             "about %1"),
                QStringLiteral("set-max-intset-entries"), l.setMaxIntsetEntries, QString(), 0);
    packFinding(s.zsetPack,
                QT_TR_N_NOOP("%Ln sorted set(s) are just over the listpack limits; packed they "
                             "would save about %1"),
                QStringLiteral("zset-max-listpack-entries"), l.zsetMaxListpackEntries,
                QStringLiteral("zset-max-listpack-value"), l.zsetMaxListpackValue);

    // Namespaces where most keys expire but some do not: report the deepest such
    // namespace (a parent whose missing keys are all in one reported child is skipped).
    constexpr quint64 kMinKeys = 10;
    auto qualifies = [&](const TreeNode &t) {
        return t.keys >= kMinKeys && t.withExpiry < t.keys && t.withExpiry * 5 >= t.keys * 4;
    };
    std::vector<int> missing;
    for (size_t i = 1; i < s.tree.size(); ++i) {
        const TreeNode &t = s.tree[i];
        if (!qualifies(t)) continue;
        bool coveredByChild = false;
        for (const auto &[name, index] : t.children) {
            const TreeNode &ch = s.tree[size_t(index)];
            if (qualifies(ch) && ch.keys - ch.withExpiry == t.keys - t.withExpiry)
                coveredByChild = true;
        }
        if (!coveredByChild) missing.push_back(int(i));
    }
    std::sort(missing.begin(), missing.end(), [&](int a, int b) {
        const TreeNode &x = s.tree[size_t(a)], &y = s.tree[size_t(b)];
        return x.keys - x.withExpiry > y.keys - y.withExpiry;
    });
    if (missing.size() > 10) missing.resize(10);
    for (int index : missing) {
        const TreeNode &t = s.tree[size_t(index)];
        AnalysisFinding f;
        f.kind = FindingKind::MissingTtl;
        const QString path = r.namespaces[index].path;
        f.title = tr("%Ln key(s) in \"%1\" have no TTL, where %2% of its keys expire", nullptr,
                     countForText(t.keys - t.withExpiry))
                      .arg(path)
                      .arg(int(100 * t.withExpiry / t.keys));
        f.detail = tr("%1 of %2 keys in this namespace have an expiry; the others "
                      "stay until deleted. A forgotten EXPIRE is a common leak.")
                       .arg(c.toString(t.withExpiry), c.toString(t.keys));
        for (const std::string &e : t.noTtlExamples)
            f.examples.append(QString::fromStdString(e));
        r.findings.append(f);
    }

    if (s.sampled && s.sampledBytes) {
        const double ratio = double(s.sampledCompressed) / double(s.sampledBytes);
        if (ratio <= 0.5) {
            AnalysisFinding f;
            f.kind = FindingKind::CompressibleStrings;
            f.savingBytes = quint64(double(s.largeStringBytes) * (1.0 - ratio));
            f.title = tr("%Ln string(s) of %1 or more compress to %2% with zlib; "
                         "about %3 could be saved",
                         nullptr, countForText(s.largeStrings))
                          .arg(bytesText(s.options.compressMinBytes))
                          .arg(int(ratio * 100 + 0.5))
                          .arg(bytesText(f.savingBytes));
            f.detail = tr("Sampled %1 of them (%2). Compressing in the client "
                          "(zlib, LZ4, zstd) trades a little CPU for memory.")
                           .arg(c.toString(s.sampled), bytesText(s.sampledBytes));
            f.examples = examples(s.compressExamples);
            r.findings.append(f);
        }
    }
    return r;
}

} // namespace redscope
