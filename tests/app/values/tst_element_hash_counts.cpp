// ElementHashCounts, the counted set of element hashes behind CollectionValueModel's repeat
// check: random adds and removes checked against std::unordered_map after every step, with
// hashes that share their home slot (so removal's backward shift moves slots that wrapped
// around the end of the array), through growth, clear() and reuse; and a sliding window as a
// walk uses it (a page added, the oldest page removed) ending empty.
#include "values/element_hash_counts.h"

#include <QTest>

#include <random>
#include <unordered_map>
#include <vector>

using namespace redscope;

class TstElementHashCounts : public QObject
{
    Q_OBJECT

private slots:
    void matchesAMapThroughRandomAddsAndRemoves();
    void slidingWindowEndsEmpty();
};

void TstElementHashCounts::matchesAMapThroughRandomAddsAndRemoves()
{
    std::mt19937_64 random(25);
    ElementHashCounts counts;
    std::unordered_map<quint64, quint32> reference;
    // Few distinct values, many of them equal in their top bits (the bits home() keeps after
    // the multiply differ, but clusters form at this load), plus zero and all ones.
    std::vector<quint64> pool{0, ~quint64(0)};
    for (int i = 0; i < 3000; ++i)
        pool.push_back(i % 3 == 0 ? quint64(i) : random());
    for (int round = 0; round < 3; ++round) {
        for (int step = 0; step < 200000; ++step) {
            const quint64 hash = pool[random() % pool.size()];
            const bool add = random() % 100 < (step < 100000 ? 60 : 40);
            if (add) {
                QCOMPARE(counts.add(hash), reference[hash]);
                ++reference[hash];
            } else {
                counts.remove(hash);
                auto it = reference.find(hash);
                if (it != reference.end() && --it->second == 0) reference.erase(it);
            }
            if (step % 997 == 0) {
                QCOMPARE(counts.size(), reference.size());
                for (quint64 value : pool) {
                    const auto it = reference.find(value);
                    QCOMPARE(counts.count(value), it == reference.end() ? 0u : it->second);
                }
            }
        }
        QCOMPARE(counts.size(), reference.size());
        counts.clear();
        reference.clear();
        QCOMPARE(counts.size(), size_t(0));
        for (quint64 value : pool)
            QCOMPARE(counts.count(value), 0u);
    }
}

void TstElementHashCounts::slidingWindowEndsEmpty()
{
    std::mt19937_64 random(7);
    ElementHashCounts counts;
    std::vector<quint64> window;
    size_t first = 0;
    for (int page = 0; page < 300; ++page) {
        for (int row = 0; row < 4000; ++row) {
            const quint64 hash = random();
            QCOMPARE(counts.add(hash), 0u);
            window.push_back(hash);
        }
        while (window.size() - first > 14000)
            counts.remove(window[first++]);
        QCOMPARE(counts.size(), window.size() - first);
    }
    for (size_t i = first; i < window.size(); ++i)
        QCOMPARE(counts.count(window[i]), 1u);
    for (size_t i = 0; i < first; i += 101)
        QCOMPARE(counts.count(window[i]), 0u);
    while (first < window.size())
        counts.remove(window[first++]);
    QCOMPARE(counts.size(), size_t(0));
}

QTEST_APPLESS_MAIN(TstElementHashCounts)
#include "tst_element_hash_counts.moc"
