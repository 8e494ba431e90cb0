// SshForwarder: one SSH direct-tcpip channel (what `ssh -W host:port` opens) carried over a
// socketpair, for Tunnel. libssh's API is blocking (connect, host-key check, authentication,
// channel writes), so all of it runs on a detached worker thread that owns the session and
// its end of the socketpair; the owner only gets queued signals on its own thread and is
// never blocked, not even by its destructor: the worker notices the closed socketpair (or
// the stop flag after a slow connect) and cleans up on its own.
#pragma once

#include "connection/connection_settings.h"

#include <QObject>

#include <memory>

namespace redscope::Internal {

struct SshWorkerLink;

class SshForwarder : public QObject
{
    Q_OBJECT

public:
    explicit SshForwarder(QObject *parent = nullptr);
    ~SshForwarder() override;

    // Connects to ssh.host, checks its host key, authenticates and opens a channel to
    // targetHost:targetPort (as seen from the SSH server). Takes ownership of `fd`, one end of
    // a connected socketpair: bytes written to the other end go to the target and back.
    void start(const SshSettings &ssh, const QString &targetHost, int targetPort, int fd,
               int timeoutMs);

signals:
    void opened();
    // The channel could not be opened. authProblem: the host key or the credentials were
    // refused, so retrying without a change in the settings is pointless.
    void failed(const QString &message, bool authProblem);
    void closed(const QString &reason); // after opened(): the channel or session ended

private:
    std::shared_ptr<SshWorkerLink> m_link;
};

} // namespace redscope::Internal
