// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace fumi::test {

// A real Dovecot 2.4 for integration tests, started as a child process on free loopback ports.
//
// Everything it needs lives in one temporary directory: a throwaway CA and a server
// certificate for localhost and 127.0.0.1 signed by it, the configuration, a passwd-file of
// users, their Maildirs, and Dovecot's base, state and log directories. It listens on two
// ports: one plain IMAP port that offers STARTTLS, and one implicit-TLS port.
//
// Nothing outlives the fixture. stop() (and the destructor) stop Dovecot's whole process group
// and remove the directory. If the test process dies first, even by SIGKILL from a timeout,
// the kernel kills Dovecot's master too (PR_SET_PDEATHSIG), its children exit when they see
// their master gone, and the next fixture to start removes directories whose owner is gone.
class DovecotServer
{
public:
    struct User {
        QString name;
        QString password;
        // A folder below tests/data/mail whose subfolders become the user's mailboxes; empty for
        // a user with an empty INBOX. See tests/data/README.md for the layout.
        QString seed;
    };

    DovecotServer();
    ~DovecotServer();
    DovecotServer(const DovecotServer &) = delete;
    DovecotServer &operator=(const DovecotServer &) = delete;

    // Before start(): the user's mail is this existing Maildir (cur/, new/, tmp/) as it is,
    // without copying. For the benchmark's generated mailbox of 100,000 messages, which doveadm
    // save would take many minutes to import. Dovecot numbers the messages in file-name order on
    // the first access and writes its index files into the Maildir. When the fixture runs as
    // root, the Maildir is handed to 'nobody', as Dovecot's mail processes are, and every folder
    // above it must let 'nobody' through.
    void setMaildir(const QString &user, const QString &maildir) { m_maildirs.insert(user, maildir); }

    // Starts Dovecot with these users and waits until both ports accept connections. On
    // failure returns false, and errorString() says why, with the end of Dovecot's log.
    [[nodiscard]] bool start(const QList<User> &users);
    void stop();
    [[nodiscard]] bool isRunning() const;

    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] static QString host() { return QStringLiteral("127.0.0.1"); }
    [[nodiscard]] quint16 imapPort() const { return m_imapPort; }   // plain, offers STARTTLS
    [[nodiscard]] quint16 imapsPort() const { return m_imapsPort; } // implicit TLS
    [[nodiscard]] QSslCertificate caCertificate() const { return m_caCertificate; }
    // The certificate both ports present.
    [[nodiscard]] QSslCertificate serverCertificate() const { return m_serverCertificate; }
    // Gives the running server a new certificate from a new CA, as a renewal or an attacker
    // would, and waits until new connections see it. False, with errorString(), on failure.
    [[nodiscard]] bool replaceCertificate();
    // Dovecot's process group: every process of this server, for checks that none is left.
    [[nodiscard]] qint64 processGroup() const { return m_processGroup; }
    [[nodiscard]] QString directory() const;
    [[nodiscard]] QString log() const;

    // Runs doveadm against this server (for tests that change mail "from another client").
    // Returns its exit code; stdout goes to *output when given.
    int doveadm(const QStringList &arguments, const QByteArray &input = {}, QByteArray *output = nullptr,
                int timeoutMs = 60000);

    // Mailbox names, as the user sees them, below a seed folder, in the order they are created.
    [[nodiscard]] static QStringList seededMailboxes(const QString &seed);
    // How many messages the seed puts into a mailbox.
    [[nodiscard]] static int seededMessageCount(const QString &seed, const QString &mailbox);

private:
    bool prepareDirectory();
    bool makeCertificates();
    bool writeConfiguration(const QList<User> &users);
    bool launch();
    bool waitUntilListening();
    bool seed(const User &user);
    bool adoptMaildir(const QString &user, const QString &maildir);
    bool run(const QString &program, const QStringList &arguments, const QByteArray &input = {},
             QByteArray *output = nullptr, int *exitCode = nullptr, int timeoutMs = 60000);
    bool fail(const QString &message);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_dovecot;
    QString m_doveadm;
    QString m_error;
    QHash<QString, QString> m_maildirs; // user -> Maildir of setMaildir()
    QSslCertificate m_caCertificate;
    QSslCertificate m_serverCertificate;
    quint16 m_imapPort = 0;
    quint16 m_imapsPort = 0;
    qint64 m_processGroup = 0;
};

} // namespace fumi::test
