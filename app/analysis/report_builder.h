// ReportBuilder: adds up keys one at a time into an AnalysisReport, in bounded memory (no
// list of keys is kept: totals, a capped namespace tree, fixed-size top lists, histograms,
// and the few examples findings quote). Every source feeds it KeyFacts: the offline walker
// with modelled bytes and the value's shape, the live scanner with MEMORY USAGE. Not thread
// safe; one builder per walk (the live cluster scan merges per-node builders' input on the
// GUI thread).
#pragma once

#include "analysis/analysis_report.h"
#include "analysis/memory_model.h"

#include <QCoreApplication>

#include <memory>
#include <string_view>

namespace redscope {

struct AnalysisOptions
{
    QString separator = QStringLiteral(":");
    int topKeys = 100;
    quint64 bigKeyBytes = 1024 * 1024; // a finding from this size up
    quint64 bigKeyElements = 10000;    // or this many elements
    int maxNamespaceDepth = 6;
    int maxNamespaceNodes = 20000; // then new namespaces fold into "(other)"
    int maxChildrenPerNode = 1000;
    // Segments that are identifiers (decimal numbers, UUIDs, long hex) group as "*", so
    // user:1001:profile and user:1002:profile both count in "user:*".
    bool groupIdentifiers = true;
    quint64 compressMinBytes = 1024; // strings from this length are sampled for zlib
    memmodel::Limits limits;         // the encoding limits the findings compare with
};

struct KeyFacts
{
    int db = 0;
    std::string_view key;
    KeyType type = KeyType::Other;
    std::string_view typeName; // TYPE's word or the module's name
    memmodel::Encoding encoding = memmodel::Encoding::Other;
    quint64 bytes = 0;
    quint64 elements = 0;
    qint64 ttlMs = -1;       // relative to the report's data time; -1 without expiry
    qint64 idleSeconds = -1; // -1: not recorded
    int frequency = -1;      // -1: not recorded
    const memmodel::ValueShape *shape = nullptr; // offline only
    bool bytesEstimated = false;                 // live: MEMORY USAGE sampled some of its elements
};

class ReportBuilder
{
    Q_DECLARE_TR_FUNCTIONS(redscope::ReportBuilder) // the findings' texts

public:
    explicit ReportBuilder(AnalysisOptions options = {});
    ~ReportBuilder();
    ReportBuilder(const ReportBuilder &) = delete;
    ReportBuilder &operator=(const ReportBuilder &) = delete;

    void add(const KeyFacts &facts);
    // Large strings: whether to compress this one (a sample), and its result.
    bool wantsCompressionSample(quint64 length);
    void addCompressionSample(const KeyFacts &facts, std::string_view value);

    quint64 keys() const;
    // The report so far (the builder stays usable: a paused live scan shows its partial).
    AnalysisReport build() const;
    const AnalysisOptions &options() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace redscope
