// MirrorRegistry: the MirrorServices that exist, so another feature can find the mirror of a
// connection without holding the window's controller: the analysis' source picker offers
// "the mirror in the Local engine" when mirrorOf(its connection) is Live. Services register
// themselves (constructor, every progress change, destructor); changed() follows each.
// GUI thread only.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

namespace redscope {

class MirrorService;
class RedisConnection;

class MirrorRegistry : public QObject
{
    Q_OBJECT

public:
    static MirrorRegistry *instance();

    // The service mirroring `remote` (the newest if there were several), or nullptr.
    MirrorService *mirrorOf(const RedisConnection *remote) const;
    // The same, only when it is Live: in sync and following the command stream.
    MirrorService *liveMirrorOf(const RedisConnection *remote) const;

    void add(MirrorService *service);
    void remove(MirrorService *service);
    void notify() { emit changed(); }

signals:
    void changed();

private:
    QList<MirrorService *> m_services;
};

} // namespace redscope
