// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/DovecotServer.h"

#include "support/FixtureProcesses.h"
#include "support/RunProgram.h"
#include "support/TestCertificates.h"
#include "support/TestData.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <ftw.h>
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fumi::test {

namespace {

const auto dirPrefix = u"fumi-dovecot-"_s;

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Flags encoded in a seed file name: "03-meeting.seen.flagged.eml".
QStringList flagsFromFileName(const QString &fileName)
{
    QStringList parts = fileName.split(u'.');
    parts.removeFirst(); // the name
    parts.removeLast();  // "eml"
    QStringList flags;
    for (const QString &part : std::as_const(parts)) {
        if (part == u"seen"_s)
            flags << u"\\Seen"_s;
        else if (part == u"flagged"_s)
            flags << u"\\Flagged"_s;
        else if (part == u"answered"_s)
            flags << u"\\Answered"_s;
        else if (part == u"draft"_s)
            flags << u"\\Draft"_s;
        else
            flags << part; // a keyword
    }
    return flags;
}

QStringList seedMessageFiles(const QString &directory)
{
    QStringList files = QDir(directory).entryList({u"*.eml"_s}, QDir::Files, QDir::Name);
    for (QString &file : files)
        file = QDir(directory).filePath(file);
    return files;
}

} // namespace

DovecotServer::DovecotServer() = default;

DovecotServer::~DovecotServer()
{
    stop();
}

QString DovecotServer::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString DovecotServer::log() const
{
    QFile file(QDir(directory()).filePath(u"dovecot.log"_s));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

bool DovecotServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool DovecotServer::fail(const QString &message)
{
    m_error = message;
    const QString logText = log().trimmed();
    if (!logText.isEmpty())
        m_error += u"\nDovecot's log ends with:\n"_s + logText.right(2000);
    stop();
    return false;
}

bool DovecotServer::run(const QString &program, const QStringList &arguments, const QByteArray &input,
                        QByteArray *output, int *exitCode, int timeoutMs)
{
    return runProgram(program, arguments, input, output, exitCode, &m_error, timeoutMs);
}

bool DovecotServer::start(const QList<User> &users)
{
    stop();
    m_error.clear();
    m_dovecot = findProgram(u"dovecot"_s);
    m_doveadm = findProgram(u"doveadm"_s);
    if (m_dovecot.isEmpty() || m_doveadm.isEmpty())
        return fail(u"Dovecot is not installed: dovecot and doveadm must be on PATH or in /usr/sbin"_s);

    if (!prepareDirectory() || !makeCertificates())
        return fail(m_error);

    // A free port can be taken by someone else between our probe and Dovecot's bind; then
    // Dovecot exits at once and we try other ports.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_imapPort = freeLoopbackPort();
        m_imapsPort = freeLoopbackPort();
        if (m_imapPort == 0 || m_imapsPort == 0 || m_imapPort == m_imapsPort)
            continue;
        if (!writeConfiguration(users))
            return fail(m_error);
        if (!launch())
            return fail(m_error);
        if (waitUntilListening())
            break;
        const bool portTaken = log().contains(u"Address already in use"_s);
        stop();
        if (!portTaken)
            return fail(m_error);
        if (!prepareDirectory() || !makeCertificates())
            return fail(m_error);
    }
    if (!isRunning())
        return fail(u"Dovecot could not bind free loopback ports"_s);

    for (const User &user : users) {
        if (!seed(user))
            return fail(m_error);
    }
    return true;
}

bool DovecotServer::prepareDirectory()
{
    m_dir = makeFixtureDirectory(dirPrefix, &m_error);
    if (!m_dir)
        return false;
    // When we are root, Dovecot's unprivileged processes must be able to reach their files.
    ::chmod(QFile::encodeName(m_dir->path()).constData(), 0755);
    QDir dir(m_dir->path());
    for (const auto &sub : {u"base"_s, u"state"_s, u"mail"_s, u"tls"_s}) {
        if (!dir.mkdir(sub)) {
            m_error = u"cannot create "_s + dir.filePath(sub);
            return false;
        }
    }
    if (::geteuid() == 0) {
        const passwd *nobody = ::getpwnam("nobody");
        if (!nobody) {
            m_error = u"running as root, but there is no user 'nobody' to own the mail"_s;
            return false;
        }
        if (::chown(QFile::encodeName(dir.filePath(u"mail"_s)).constData(), nobody->pw_uid, nobody->pw_gid) != 0) {
            m_error = u"cannot hand the mail directory to 'nobody'"_s;
            return false;
        }
    }
    return true;
}

bool DovecotServer::makeCertificates()
{
    TestCertificates certificates;
    if (!certificates.create(QDir(m_dir->path()).filePath(u"tls"_s))) {
        m_error = certificates.errorString();
        return false;
    }
    m_caCertificate = certificates.ca();
    m_serverCertificate = certificates.certificate();
    return true;
}

bool DovecotServer::replaceCertificate()
{
    if (!isRunning())
        return fail(u"Dovecot is not running"_s);
    const QSslCertificate old = m_serverCertificate;
    if (!makeCertificates())
        return fail(m_error);
    if (m_serverCertificate == old)
        return fail(u"the new certificate is the old one"_s);
    // A reload makes new login processes read the new files.
    if (doveadm({u"reload"_s}) != 0)
        return fail(u"doveadm reload failed: "_s + m_error);
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::QueryPeer);
        socket.connectToHostEncrypted(host(), m_imapsPort);
        if (socket.waitForEncrypted(2000) && socket.peerCertificate() == m_serverCertificate)
            return true;
        socket.abort();
        QThread::msleep(100);
    }
    return fail(u"Dovecot still presents the old certificate 20 s after a reload"_s);
}

bool DovecotServer::writeConfiguration(const QList<User> &users)
{
    const QDir dir(m_dir->path());

    QByteArray passwdLines;
    for (const User &user : users) {
        static const QRegularExpression unsafe(u"[:\\s]"_s);
        if (user.name.isEmpty() || user.name.contains(unsafe) || user.password.contains(u':')
            || user.password.contains(u'\n')) {
            m_error = u"user names and passwords for the passwd-file cannot contain ':' or white space"_s;
            return false;
        }
        passwdLines += user.name.toUtf8() + ":{PLAIN}" + user.password.toUtf8() + "::::::\n";
    }
    QFile passwdFile(dir.filePath(u"passwd"_s));
    if (!passwdFile.open(QIODevice::WriteOnly) || passwdFile.write(passwdLines) != passwdLines.size()) {
        m_error = u"cannot write "_s + passwdFile.fileName();
        return false;
    }
    passwdFile.close();

    // As root, Dovecot runs its login and internal processes as its own users and the mail as
    // 'nobody'; as anyone else, everything runs as that user.
    QByteArray identity;
    QByteArray loginChroot; // keep Dovecot's default unless we cannot chroot
    if (::geteuid() == 0) {
        const passwd *nobody = ::getpwnam("nobody");
        identity = "mail_uid = " + QByteArray::number(nobody->pw_uid)
            + "\nmail_gid = " + QByteArray::number(nobody->pw_gid) + "\n";
    } else {
        const passwd *self = ::getpwuid(::geteuid());
        const group *selfGroup = ::getgrgid(::getegid());
        if (!self || !selfGroup) {
            m_error = u"the current user or group has no name, which Dovecot needs"_s;
            return false;
        }
        identity = "default_internal_user = " + QByteArray(self->pw_name) + "\ndefault_internal_group = "
            + QByteArray(selfGroup->gr_name) + "\ndefault_login_user = " + QByteArray(self->pw_name)
            + "\nmail_uid = " + QByteArray::number(::geteuid()) + "\nmail_gid = " + QByteArray::number(::getegid())
            + "\nfirst_valid_uid = " + QByteArray::number(::geteuid())
            + "\nfirst_valid_gid = " + QByteArray::number(::getegid()) + "\n";
        loginChroot = "  chroot =\n";
    }

    const QByteArray root = QFile::encodeName(dir.path());
    QByteArray config = "dovecot_config_version = 2.4.0\n"
                        "dovecot_storage_version = 2.4.0\n"
                        "\n"
                        "base_dir = "
        + root
        + "/base\n"
          "state_dir = "
        + root
        + "/state\n"
          "log_path = "
        + root
        + "/dovecot.log\n"
          // Tests of failed logins need no brute-force protection.
          "auth_failure_delay = 0\n"
          "protocols = imap\n"
          "listen = 127.0.0.1\n"
        + identity
        + "\n"
          "ssl = yes\n"
          "ssl_server_cert_file = "
        + root
        + "/tls/server.pem\n"
          "ssl_server_key_file = "
        + root
        + "/tls/server.key\n"
          "auth_mechanisms = plain login\n"
          "\n"
          "passdb passwd-file {\n"
          "  passwd_file_path = "
        + root
        + "/passwd\n"
          "}\n"
          "userdb static {\n"
          "}\n"
          "mail_driver = maildir\n"
          "mail_home = "
        + root
        + "/mail/%{user}\n"
          "mail_path = ~/Maildir\n"
          "\n"
          "namespace inbox {\n"
          "  inbox = yes\n"
          "  separator = /\n"
          "  mailbox Drafts {\n    special_use = \\Drafts\n  }\n"
          "  mailbox Sent {\n    special_use = \\Sent\n  }\n"
          "  mailbox Trash {\n    special_use = \\Trash\n  }\n"
          "  mailbox Junk {\n    special_use = \\Junk\n  }\n"
          "  mailbox Archive {\n    special_use = \\Archive\n  }\n"
          "}\n"
          "\n"
          "service imap-login {\n"
        + loginChroot
        + "  inet_listener imap {\n"
          "    port = "
        + QByteArray::number(m_imapPort)
        + "\n"
          "  }\n"
          "  inet_listener imaps {\n"
          "    port = "
        + QByteArray::number(m_imapsPort)
        + "\n"
          "    ssl = yes\n"
          "  }\n"
          "}\n";
    QFile configFile(dir.filePath(u"dovecot.conf"_s));
    if (!configFile.open(QIODevice::WriteOnly) || configFile.write(config) != config.size()) {
        m_error = u"cannot write "_s + configFile.fileName();
        return false;
    }
    return true;
}

bool DovecotServer::launch()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(m_dovecot);
    m_process->setArguments({u"-F"_s, u"-c"_s, QDir(m_dir->path()).filePath(u"dovecot.conf"_s)});
    m_process->setStandardOutputFile(QDir(m_dir->path()).filePath(u"dovecot.out"_s));
    m_process->setStandardErrorFile(QDir(m_dir->path()).filePath(u"dovecot.out"_s), QIODevice::Append);
    const pid_t parent = ::getpid();
    m_process->setChildProcessModifier([parent] {
        // Its own process group, so that stop() can reach every Dovecot process at once, and
        // SIGKILL from the kernel when this test process dies, however it dies. Dovecot's other
        // processes exit by themselves when their master is gone.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(1);
    });
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_error = u"could not start dovecot: "_s + m_process->errorString();
        return false;
    }
    m_processGroup = m_process->processId();
    return true;
}

bool DovecotServer::waitUntilListening()
{
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning) {
            QFile out(QDir(m_dir->path()).filePath(u"dovecot.out"_s));
            out.open(QIODevice::ReadOnly);
            m_error = u"dovecot exited at start: "_s + QString::fromLocal8Bit(out.readAll()).trimmed();
            return false;
        }
        int listening = 0;
        for (quint16 port : {m_imapPort, m_imapsPort}) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (socket.waitForConnected(200))
                ++listening;
            socket.abort();
        }
        if (listening == 2)
            return true;
        QThread::msleep(50);
    }
    m_error = u"dovecot did not listen on ports %1 and %2 within 20 s"_s.arg(m_imapPort).arg(m_imapsPort);
    return false;
}

int DovecotServer::doveadm(const QStringList &arguments, const QByteArray &input, QByteArray *output, int timeoutMs)
{
    int exitCode = -1;
    run(m_doveadm, QStringList{u"-c"_s, QDir(m_dir->path()).filePath(u"dovecot.conf"_s)} + arguments, input, output,
        &exitCode, timeoutMs);
    return exitCode;
}

QStringList DovecotServer::seededMailboxes(const QString &seed)
{
    const QDir root(QDir(testDataDirectory()).filePath(u"mail/"_s + seed));
    QStringList mailboxes;
    QDirIterator it(root.path(), QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        mailboxes << root.relativeFilePath(it.next());
    // Parents before children, so that each is created under an existing parent.
    std::sort(mailboxes.begin(), mailboxes.end());
    return mailboxes;
}

int DovecotServer::seededMessageCount(const QString &seed, const QString &mailbox)
{
    return int(seedMessageFiles(QDir(testDataDirectory()).filePath(u"mail/"_s + seed + u'/' + mailbox)).size());
}

namespace {

// nftw() passes no context to its callback; the fixture runs on one thread.
uid_t s_mailUid = 0;
gid_t s_mailGid = 0;

int handToMailUser(const char *path, const struct stat *, int, FTW *)
{
    return ::lchown(path, s_mailUid, s_mailGid) == 0 ? 0 : errno;
}

} // namespace

bool DovecotServer::adoptMaildir(const QString &user, const QString &path)
{
    const QFileInfo maildir(path);
    if (!QFileInfo(QDir(path).filePath(u"cur"_s)).isDir()) {
        m_error = path + u" is not a Maildir (it has no cur/)"_s;
        return false;
    }
    const QString home = QDir(m_dir->path()).filePath(u"mail/"_s + user);
    if (!QDir().mkpath(home) || !QFile::link(maildir.absoluteFilePath(), QDir(home).filePath(u"Maildir"_s))) {
        m_error = u"cannot link %1 into %2"_s.arg(path, home);
        return false;
    }
    if (::geteuid() == 0) {
        const passwd *nobody = ::getpwnam("nobody");
        s_mailUid = nobody->pw_uid;
        s_mailGid = nobody->pw_gid;
        // FTW_PHYS: the link itself, and below the real directory, nothing is followed twice.
        if (::nftw(QFile::encodeName(home).constData(), handToMailUser, 32, FTW_PHYS) != 0
            || ::nftw(QFile::encodeName(maildir.absoluteFilePath()).constData(), handToMailUser, 32, FTW_PHYS) != 0) {
            m_error = u"cannot hand %1 to 'nobody'"_s.arg(path);
            return false;
        }
    }
    return true;
}

bool DovecotServer::seed(const User &user)
{
    if (m_maildirs.contains(user.name) && !adoptMaildir(user.name, m_maildirs.value(user.name)))
        return false;
    if (user.seed.isEmpty())
        return true;
    const QDir root(QDir(testDataDirectory()).filePath(u"mail/"_s + user.seed));
    if (!root.exists()) {
        m_error = u"no seed folder "_s + root.path();
        return false;
    }
    const QStringList mailboxes = seededMailboxes(user.seed);
    QStringList toCreate = mailboxes;
    toCreate.removeAll(u"INBOX"_s);
    if (!toCreate.isEmpty()
        && doveadm(QStringList{u"mailbox"_s, u"create"_s, u"-s"_s, u"-u"_s, user.name} + toCreate) != 0) {
        m_error = u"doveadm could not create the mailboxes of "_s + user.name + u": "_s + m_error;
        return false;
    }
    if (doveadm({u"mailbox"_s, u"subscribe"_s, u"-u"_s, user.name, u"INBOX"_s}) != 0) {
        m_error = u"doveadm could not subscribe INBOX of "_s + user.name;
        return false;
    }
    for (const QString &mailbox : mailboxes) {
        const QStringList files = seedMessageFiles(root.filePath(mailbox));
        for (qsizetype i = 0; i < files.size(); ++i) {
            QFile file(files[i]);
            if (!file.open(QIODevice::ReadOnly)) {
                m_error = u"cannot read "_s + file.fileName();
                return false;
            }
            if (doveadm({u"save"_s, u"-u"_s, user.name, u"-m"_s, mailbox}, file.readAll()) != 0) {
                m_error = u"doveadm could not save "_s + file.fileName();
                return false;
            }
            // A fresh mailbox numbers its messages 1, 2, 3… in the order they are saved.
            const QStringList flags = flagsFromFileName(QFileInfo(file).fileName());
            if (!flags.isEmpty()
                && doveadm({u"flags"_s, u"add"_s, u"-u"_s, user.name, flags.join(u' '), u"mailbox"_s, mailbox, u"uid"_s,
                            QString::number(i + 1)})
                    != 0) {
                m_error = u"doveadm could not set the flags of "_s + file.fileName() + u": "_s + m_error;
                return false;
            }
        }
    }
    return true;
}

void DovecotServer::stop()
{
    // A polite SIGTERM first, so the log says how the server ended. Dovecot's master defers it
    // while it is still starting up; the server's files are about to go anyway, so after a
    // moment the whole process group gets SIGKILL.
    if (m_process && m_process->state() != QProcess::NotRunning) {
        ::kill(-pid_t(m_processGroup), SIGTERM);
        if (!m_process->waitForFinished(1000)) {
            ::kill(-pid_t(m_processGroup), SIGKILL);
            m_process->waitForFinished(5000);
        }
    }
    // Wait until every process of the group is gone, not just the master.
    if (m_processGroup > 0) {
        QDeadlineTimer deadline(5000);
        while (processGroupExists(m_processGroup) && !deadline.hasExpired()) {
            ::kill(-pid_t(m_processGroup), SIGKILL);
            QThread::msleep(10);
        }
    }
    m_process.reset();
    m_processGroup = 0;
    m_dir.reset();
}

} // namespace fumi::test
