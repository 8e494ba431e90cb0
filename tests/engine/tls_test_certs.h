// Test certificates made with the openssl CLI, shared by the TLS tests (tst_tls_listener,
// tst_migrate_tls): a CA, a server and a client certificate it signed, a rogue self-signed
// certificate, and the server key encrypted (passphrase "s3cret") for tls-key-file-pass.
#pragma once

#include <QDir>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>

namespace redscope::test {

inline bool makeTestCertificates(const QString &dir)
{
    auto run = [&](const QStringList &args) {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start("openssl", args);
        return p.waitForFinished(60000) && p.exitCode() == 0;
    };
    return run({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=Test CA", "-keyout", "ca.key", "-out", "ca.crt"}) &&
           run({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout",
                "server.key", "-out", "server.csr"}) &&
           run({"x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-out", "server.crt"}) &&
           run({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=client", "-keyout",
                "client.key", "-out", "client.csr"}) &&
           run({"x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-out", "client.crt"}) &&
           run({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rogue",
                "-keyout", "rogue.key", "-out", "rogue.crt"}) &&
           run({"pkey", "-in", "server.key", "-aes256", "-passout", "pass:s3cret", "-out",
                "server-enc.key"});
}

// The paths of the files makeTestCertificates wrote into dir.
struct TestCertificates
{
    explicit TestCertificates(const QString &dir = {})
        : ca(in(dir, "ca.crt"))
        , cert(in(dir, "server.crt"))
        , key(in(dir, "server.key"))
        , clientCert(in(dir, "client.crt"))
        , clientKey(in(dir, "client.key"))
        , rogueCert(in(dir, "rogue.crt"))
        , rogueKey(in(dir, "rogue.key"))
        , encryptedKey(in(dir, "server-enc.key"))
    {
    }

    std::string ca, cert, key, clientCert, clientKey, rogueCert, rogueKey, encryptedKey;

private:
    static std::string in(const QString &dir, const char *name)
    {
        return QDir(dir).filePath(QString::fromLatin1(name)).toStdString();
    }
};

} // namespace redscope::test
