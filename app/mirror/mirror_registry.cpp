// MirrorRegistry implementation: a list scanned newest first; there are one or two services.
#include "mirror/mirror_registry.h"

#include "mirror/mirror_service.h"

namespace redscope {

MirrorRegistry *MirrorRegistry::instance()
{
    static MirrorRegistry registry;
    return &registry;
}

MirrorService *MirrorRegistry::mirrorOf(const RedisConnection *remote) const
{
    if (!remote) return nullptr;
    for (auto it = m_services.crbegin(); it != m_services.crend(); ++it)
        if ((*it)->remote() == remote) return *it;
    return nullptr;
}

MirrorService *MirrorRegistry::liveMirrorOf(const RedisConnection *remote) const
{
    MirrorService *service = mirrorOf(remote);
    return service && service->local() && service->progress().phase == MirrorService::Phase::Live
               ? service
               : nullptr;
}

void MirrorRegistry::add(MirrorService *service)
{
    m_services.append(service);
    emit changed();
}

void MirrorRegistry::remove(MirrorService *service)
{
    m_services.removeAll(service);
    emit changed();
}

} // namespace redscope
