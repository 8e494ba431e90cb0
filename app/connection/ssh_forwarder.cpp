// SshForwarder implementation. The worker is one function on a std::thread: connect, verify
// the host key against known_hosts, authenticate, open the channel, then pump bytes between the
// socketpair and the channel with poll() until either side ends. Talking back to the owner
// goes through SshWorkerLink: a mutex-guarded QPointer that the owner's destructor clears, so a
// worker that outlives its owner just stops quietly.
//
// Cost: the pump wakes at least every 100 ms (poll timeout) because libssh may hold decrypted
// channel data in its own buffers that poll() on the socket cannot see; each wake drains them.
#include "connection/ssh_forwarder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPointer>

#include <libssh/libssh.h>

#include <atomic>
#include <cerrno>
#include <mutex>
#include <thread>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace redscope::Internal {

struct SshWorkerLink
{
    std::mutex mutex;
    QPointer<SshForwarder> owner;
    std::atomic<bool> stop{false};

    template <typename F> void post(F &&call)
    {
        std::lock_guard lock(mutex);
        if (owner)
            QMetaObject::invokeMethod(owner.data(), std::forward<F>(call), Qt::QueuedConnection);
    }
};

namespace {

struct Job
{
    SshSettings ssh;
    QByteArray targetHost;
    int targetPort = 0;
    int fd = -1;
    int timeoutMs = 0;
};

QString sshError(ssh_session session)
{
    return QString::fromLocal8Bit(ssh_get_error(session));
}

QString fingerprint(ssh_session session)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(session, &key) != SSH_OK)
        return QCoreApplication::translate("redscope::SshForwarder", "unknown key");
    const QString type = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    unsigned char *hash = nullptr;
    size_t length = 0;
    QString text = QStringLiteral("?");
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) == 0) {
        char *printable = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
        if (printable) text = QString::fromLatin1(printable);
        ssh_string_free_char(printable);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    return QCoreApplication::translate("redscope::SshForwarder", "%1 key %2").arg(type, text);
}

// Returns an empty string when the host is known (or was just added), else why not.
QString checkHostKey(ssh_session session, const Job &job)
{
    const QString where = job.ssh.address();
    const QString file = job.ssh.knownHostsFile.isEmpty()
                             ? QDir::homePath() + QStringLiteral("/.ssh/known_hosts")
                             : job.ssh.knownHostsFile;
    switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
        return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        return QCoreApplication::translate(
                   "redscope::SshForwarder",
                   "The SSH host key of %1 has CHANGED (now %2). Someone may be "
                   "intercepting the connection; if the change is expected, remove "
                   "the old key from %3.")
            .arg(where, fingerprint(session), file);
    case SSH_KNOWN_HOSTS_NOT_FOUND:
    case SSH_KNOWN_HOSTS_UNKNOWN:
        if (job.ssh.acceptNewHostKey) {
            if (ssh_session_update_known_hosts(session) == SSH_OK) return {};
            return QCoreApplication::translate("redscope::SshForwarder",
                                               "Cannot add the SSH host key of %1 to %2: %3")
                .arg(where, file, sshError(session));
        }
        return QCoreApplication::translate(
                   "redscope::SshForwarder",
                   "The SSH host key of %1 is unknown (%2): it is not in %3. Check "
                   "the fingerprint and allow new host keys, or connect once with "
                   "ssh.")
            .arg(where, fingerprint(session), file);
    case SSH_KNOWN_HOSTS_ERROR:
        break;
    }
    return QCoreApplication::translate("redscope::SshForwarder",
                                       "Cannot check the SSH host key of %1: %2")
        .arg(where, sshError(session));
}

// Returns an empty string on success.
QString authenticate(ssh_session session, const Job &job)
{
    const QString who = job.ssh.address();
    int rc = SSH_AUTH_DENIED;
    if (!job.ssh.keyFile.isEmpty()) {
        ssh_key key = nullptr;
        const QByteArray passphrase = job.ssh.keyPassphrase.toUtf8();
        if (ssh_pki_import_privkey_file(QFile::encodeName(job.ssh.keyFile).constData(),
                                        passphrase.isEmpty() ? nullptr : passphrase.constData(),
                                        nullptr, nullptr, &key) != SSH_OK) {
            return QCoreApplication::translate(
                       "redscope::SshForwarder",
                       "SSH authentication failed: cannot read the private key %1 "
                       "(missing file, not a key, or wrong passphrase)")
                .arg(job.ssh.keyFile);
        }
        rc = ssh_userauth_publickey(session, nullptr, key);
        ssh_key_free(key);
    } else if (!job.ssh.password.isEmpty()) {
        rc = ssh_userauth_password(session, nullptr, job.ssh.password.toUtf8().constData());
    } else {
        rc = ssh_userauth_publickey_auto(session, nullptr, nullptr); // agent, ~/.ssh/id_*
    }
    if (rc == SSH_AUTH_SUCCESS) return {};
    if (rc == SSH_AUTH_ERROR)
        return QCoreApplication::translate("redscope::SshForwarder",
                                           "SSH authentication failed for %1: %2")
            .arg(who, sshError(session));
    const char *how = !job.ssh.keyFile.isEmpty()    ? "the key was refused"
                      : !job.ssh.password.isEmpty() ? "wrong user or password"
                                                    : "no key from the agent or ~/.ssh accepted";
    return QCoreApplication::translate("redscope::SshForwarder",
                                       "SSH authentication failed for %1: %2")
        .arg(who, QString::fromLatin1(how));
}

bool writeAll(int fd, const char *data, int size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= int(n);
    }
    return true;
}

// Returns why the pump stopped.
QString pump(ssh_session session, ssh_channel channel, int fd, const SshWorkerLink &link)
{
    char buffer[32 * 1024];
    const int sshFd = ssh_get_fd(session);
    while (!link.stop) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {sshFd, POLLIN, 0}};
        if (::poll(fds, 2, 100) < 0 && errno != EINTR)
            return QCoreApplication::translate("redscope::SshForwarder", "poll failed: %1")
                .arg(QString::fromLocal8Bit(strerror(errno)));
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) return {}; // closed here
            if (n > 0 && ssh_channel_write(channel, buffer, uint32_t(n)) != n)
                return QCoreApplication::translate("redscope::SshForwarder", "SSH write failed: %1")
                    .arg(sshError(session));
        }
        for (;;) {
            const int n = ssh_channel_read_nonblocking(channel, buffer, sizeof buffer, 0);
            if (n == SSH_EOF)
                return QCoreApplication::translate("redscope::SshForwarder",
                                                   "the SSH channel was closed by the server");
            if (n < 0)
                return QCoreApplication::translate("redscope::SshForwarder", "SSH read failed: %1")
                    .arg(sshError(session));
            if (n == 0) break;
            if (!writeAll(fd, buffer, n)) return {};
        }
        if (ssh_channel_is_eof(channel) || ssh_channel_is_closed(channel))
            return QCoreApplication::translate("redscope::SshForwarder",
                                               "the SSH channel was closed by the server");
    }
    return {};
}

void run(const std::shared_ptr<SshWorkerLink> &link, const Job &job)
{
    ssh_session session = ssh_new();
    ssh_channel channel = nullptr;
    bool opened = false;
    QString failure;
    bool authProblem = false;
    const QByteArray host = job.ssh.host.toUtf8();
    const QByteArray user = job.ssh.user.toUtf8();
    const QByteArray knownHosts = QFile::encodeName(job.ssh.knownHostsFile);
    const unsigned int port = unsigned(job.ssh.port);
    const long timeoutSeconds = qMax(1L, long((job.timeoutMs + 999) / 1000));
    const int no = 0;
    if (!session) {
        failure = QCoreApplication::translate("redscope::SshForwarder",
                                              "Out of memory starting an SSH session");
    } else {
        ssh_options_set(session, SSH_OPTIONS_HOST, host.constData());
        ssh_options_set(session, SSH_OPTIONS_PORT, &port);
        if (!user.isEmpty()) ssh_options_set(session, SSH_OPTIONS_USER, user.constData());
        ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeoutSeconds);
        ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &no); // settings say it all
        if (!knownHosts.isEmpty())
            ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, knownHosts.constData());
        if (ssh_connect(session) != SSH_OK) {
            failure = QCoreApplication::translate("redscope::SshForwarder",
                                                  "Cannot connect to the SSH server %1: %2")
                          .arg(job.ssh.address(), sshError(session));
        } else if (failure = checkHostKey(session, job); !failure.isEmpty()) {
            authProblem = true;
        } else if (failure = authenticate(session, job); !failure.isEmpty()) {
            authProblem = true;
        } else if (channel = ssh_channel_new(session); !channel) {
            failure = QCoreApplication::translate("redscope::SshForwarder",
                                                  "Cannot open an SSH channel: %1")
                          .arg(sshError(session));
        } else if (ssh_channel_open_forward(channel, job.targetHost.constData(), job.targetPort,
                                            "127.0.0.1", 0) != SSH_OK) {
            failure = QCoreApplication::translate("redscope::SshForwarder",
                                                  "The SSH server %1 cannot reach %2:%3: %4")
                          .arg(job.ssh.address(), QString::fromUtf8(job.targetHost))
                          .arg(job.targetPort)
                          .arg(sshError(session));
        } else {
            opened = true;
        }
    }
    if (link->stop) {
        // The owner is gone; nobody listens any more.
    } else if (!opened) {
        link->post([link, failure, authProblem] {
            if (link->owner) emit link->owner->failed(failure, authProblem);
        });
    } else {
        link->post([link] {
            if (link->owner) emit link->owner->opened();
        });
        const QString reason = pump(session, channel, job.fd, *link);
        link->post([link, reason] {
            if (link->owner) emit link->owner->closed(reason);
        });
    }
    ::shutdown(job.fd, SHUT_RDWR);
    ::close(job.fd);
    if (channel) {
        if (opened && !ssh_channel_is_closed(channel)) ssh_channel_close(channel);
        ssh_channel_free(channel);
    }
    if (session) {
        ssh_disconnect(session);
        ssh_free(session);
    }
}

} // namespace

SshForwarder::SshForwarder(QObject *parent)
    : QObject(parent)
    , m_link(std::make_shared<SshWorkerLink>())
{
    m_link->owner = this;
}

SshForwarder::~SshForwarder()
{
    std::lock_guard lock(m_link->mutex);
    m_link->owner = nullptr;
    m_link->stop = true;
}

void SshForwarder::start(const SshSettings &ssh, const QString &targetHost, int targetPort, int fd,
                         int timeoutMs)
{
    Job job{ssh, targetHost.toUtf8(), targetPort, fd, timeoutMs};
    std::thread(run, m_link, job).detach();
}

} // namespace redscope::Internal
