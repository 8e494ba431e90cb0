// See migrate_cache.h.
#include "server/migrate_cache.h"

#include <iterator>
#include <random>

namespace redscope::engine {

namespace {

constexpr size_t kMaxLinks = 64;
constexpr int64_t kIdleSeconds = 10;

} // namespace

MigrateSocketCache::Entry *MigrateSocketCache::find(const std::string &name, int64_t nowS)
{
    const auto it = m_entries.find(name);
    if (it == m_entries.end()) return nullptr;
    it->second->lastUseS = nowS;
    return it->second.get();
}

MigrateSocketCache::Entry *MigrateSocketCache::add(const std::string &name,
                                                   std::unique_ptr<SyncLink> link, int64_t nowS)
{
    if (m_entries.size() >= kMaxLinks) {
        static std::minstd_rand random{std::random_device{}()};
        auto victim = m_entries.begin();
        std::advance(victim, static_cast<long>(random() % m_entries.size()));
        m_entries.erase(victim);
    }
    auto entry = std::make_unique<Entry>();
    entry->link = std::move(link);
    entry->lastUseS = nowS;
    Entry *kept = entry.get();
    m_entries[name] = std::move(entry);
    return kept;
}

void MigrateSocketCache::closeIdle(int64_t nowS)
{
    if (nowS == m_lastSweepS) return;
    m_lastSweepS = nowS;
    std::erase_if(m_entries,
                  [&](const auto &item) { return nowS - item.second->lastUseS > kIdleSeconds; });
}

} // namespace redscope::engine
