// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Proves the Dovecot fixture: real TLS with the throwaway CA, login, the seeded folders, and
// that nothing of the server outlives the fixture, not even when the test process is killed.
// (The IMAP protocol layer comes later; these tests speak just enough IMAP by hand.)

#include "core/Flags.h"
#include "core/ModifiedUtf7.h"
#include "support/DovecotServer.h"

#include <QDir>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSslSocket>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace fumi;
using namespace fumi::test;
using namespace Qt::StringLiterals;

namespace {

const QList<DovecotServer::User> seededUsers{
    {u"alice"_s, u"alice-secret"_s, u"alice"_s},
    {u"bob"_s, u"bob-secret"_s, u"bob"_s},
};

// One IMAP conversation over a socket that is already connected (and encrypted where asked).
class ImapTalk
{
public:
    explicit ImapTalk(QSslSocket &socket)
        : m_socket(socket)
    {
    }

    QByteArray readLine()
    {
        while (!m_socket.canReadLine()) {
            if (!m_socket.waitForReadyRead(10000))
                return {};
        }
        return m_socket.readLine();
    }

    // Sends `tag command` and returns every line up to and including the tagged one.
    QByteArrayList command(const QByteArray &tag, const QByteArray &command)
    {
        m_socket.write(tag + ' ' + command + "\r\n");
        QByteArrayList lines;
        while (true) {
            const QByteArray line = readLine();
            if (line.isEmpty())
                return lines;
            lines << line.trimmed();
            if (line.startsWith(QByteArray(tag + ' ')))
                return lines;
        }
    }

private:
    QSslSocket &m_socket;
};

QSslConfiguration trustingOnly(const QList<QSslCertificate> &cas)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(cas);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return config;
}

// Run as a child of this very test: start a server, report it, and wait to be killed.
int runOrphanChild()
{
    DovecotServer server;
    if (!server.start({seededUsers.first()})) {
        std::fprintf(stderr, "%s\n", qPrintable(server.errorString()));
        return 1;
    }
    std::printf("%lld %s\n", server.processGroup(), qPrintable(server.directory()));
    std::fflush(stdout);
    while (true)
        ::pause();
}

} // namespace

class TestDovecotServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void implicitTlsVerifiesAgainstTestCa_data();
    void implicitTlsVerifiesAgainstTestCa();
    void loginAndListSeededFolders();
    void seededMessagesAndFlags();
    void wrongPasswordIsRefused();
    void startTlsOnPlainPort();
    void stopLeavesNothingBehind();
    void killedTestLeavesNoServerBehind();

private:
    // Connects to the implicit-TLS port trusting only the test CA, and reads the greeting.
    [[nodiscard]] bool connectOverTls(QSslSocket &socket);

    DovecotServer m_server;
};

bool TestDovecotServer::connectOverTls(QSslSocket &socket)
{
    socket.setSslConfiguration(trustingOnly({m_server.caCertificate()}));
    socket.connectToHostEncrypted(DovecotServer::host(), m_server.imapsPort(), u"localhost"_s);
    return socket.waitForEncrypted(10000) && ImapTalk(socket).readLine().startsWith("* OK ");
}

void TestDovecotServer::initTestCase()
{
    QVERIFY2(m_server.start(seededUsers), qPrintable(m_server.errorString()));
    QVERIFY(m_server.imapPort() != 0 && m_server.imapsPort() != 0);
    QVERIFY(m_server.imapPort() != m_server.imapsPort());
}

void TestDovecotServer::cleanupTestCase()
{
    m_server.stop();
}

void TestDovecotServer::implicitTlsVerifiesAgainstTestCa_data()
{
    QTest::addColumn<bool>("trustTestCa");
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<bool>("expectEncrypted");
    QTest::addColumn<int>("expectedError");

    QTest::newRow("test-ca-localhost") << true << u"localhost"_s << true << int(QSslError::NoError);
    QTest::newRow("test-ca-ip-address") << true << u"127.0.0.1"_s << true << int(QSslError::NoError);
    QTest::newRow("system-cas-only") << false << u"localhost"_s << false
                                     << int(QSslError::UnableToGetLocalIssuerCertificate);
    QTest::newRow("test-ca-wrong-name") << true << u"mail.example.org"_s << false << int(QSslError::HostNameMismatch);
}

void TestDovecotServer::implicitTlsVerifiesAgainstTestCa()
{
    QFETCH(bool, trustTestCa);
    QFETCH(QString, peerName);
    QFETCH(bool, expectEncrypted);
    QFETCH(int, expectedError);

    QList<QSslCertificate> cas = QSslConfiguration::systemCaCertificates();
    if (trustTestCa)
        cas << m_server.caCertificate();
    QSslSocket socket;
    socket.setSslConfiguration(trustingOnly(cas));
    QList<QSslError> errors;
    connect(&socket, &QSslSocket::sslErrors, this, [&errors](const QList<QSslError> &list) {
        errors = list;
    });
    socket.connectToHostEncrypted(DovecotServer::host(), m_server.imapsPort(), peerName);
    const bool encrypted = socket.waitForEncrypted(10000);

    QCOMPARE(encrypted, expectEncrypted);
    if (expectEncrypted) {
        QVERIFY(errors.isEmpty());
        ImapTalk imap(socket);
        QVERIFY(imap.readLine().startsWith("* OK "));
    } else {
        QStringList seen;
        bool found = false;
        for (const QSslError &error : std::as_const(errors)) {
            seen << error.errorString();
            found = found || int(error.error()) == expectedError;
        }
        QVERIFY2(found, qPrintable(seen.join(u"; "_s)));
    }
}

void TestDovecotServer::loginAndListSeededFolders()
{
    QSslSocket socket;
    QVERIFY(connectOverTls(socket));
    ImapTalk imap(socket);

    const QByteArrayList login = imap.command("a1", "LOGIN alice alice-secret");
    QVERIFY2(login.last().startsWith("a1 OK"), login.join('\n').constData());

    const QByteArrayList list = imap.command("a2", "LIST \"\" \"*\"");
    QVERIFY2(list.last().startsWith("a2 OK"), list.join('\n').constData());
    // * LIST (\HasNoChildren \Sent) "/" Sent   or   * LIST (...) "/" "quoted name"
    static const QRegularExpression listLine(uR"re(^\* LIST \(([^)]*)\) "/" (?:"(.*)"|(\S+))$)re"_s);
    QSet<QString> names;
    QHash<QString, QString> attributes;
    for (const QByteArray &line : list) {
        if (!line.startsWith("* LIST"))
            continue;
        const auto match = listLine.match(QString::fromLatin1(line));
        QVERIFY2(match.hasMatch(), line.constData());
        const QString encoded = match.captured(2).isEmpty() ? match.captured(3) : match.captured(2);
        const auto decoded = ModifiedUtf7::decode(encoded.toLatin1());
        QVERIFY2(decoded.ok(), line.constData());
        names.insert(decoded.value());
        attributes.insert(decoded.value(), match.captured(1));
    }
    const QStringList seeded = DovecotServer::seededMailboxes(u"alice"_s);
    QCOMPARE(names, QSet<QString>(seeded.cbegin(), seeded.cend()));
    QVERIFY(names.contains(u"プロジェクト"_s));
    QVERIFY(names.contains(u"Work/Projects"_s));
    QVERIFY(attributes.value(u"Sent"_s).contains(u"\\Sent"_s));
    QVERIFY(attributes.value(u"Trash"_s).contains(u"\\Trash"_s));

    QVERIFY(imap.command("a3", "LOGOUT").last().startsWith("a3 OK"));
}

void TestDovecotServer::seededMessagesAndFlags()
{
    QSslSocket socket;
    QVERIFY(connectOverTls(socket));
    ImapTalk imap(socket);
    QVERIFY(imap.command("a1", "LOGIN alice alice-secret").last().startsWith("a1 OK"));

    int tag = 2;
    for (const QString &mailbox : DovecotServer::seededMailboxes(u"alice"_s)) {
        const QByteArray t = "a" + QByteArray::number(tag++);
        const QByteArrayList status = imap.command(t, "STATUS \"" + ModifiedUtf7::encode(mailbox) + "\" (MESSAGES)");
        QVERIFY2(status.last().startsWith(QByteArray(t + " OK")), status.join('\n').constData());
        const QByteArray expected
            = "(MESSAGES " + QByteArray::number(DovecotServer::seededMessageCount(u"alice"_s, mailbox)) + ")";
        QVERIFY2(status.first().endsWith(expected), QByteArray(mailbox.toUtf8() + ": " + status.first()).constData());
    }

    // File names carry the flags: 04-invoice.flagged, 05-newsletter.seen.$Newsletter.
    QVERIFY(imap.command("s", "EXAMINE INBOX").last().startsWith("s OK"));
    const QByteArrayList fetch = imap.command("f", "UID FETCH 1:* (FLAGS)");
    QVERIFY2(fetch.last().startsWith("f OK"), fetch.join('\n').constData());
    static const QRegularExpression fetchLine(uR"re(UID (\d+) FLAGS (\([^)]*\)))re"_s);
    QMap<int, QByteArray> flagsByUid;
    for (const QByteArray &line : fetch) {
        const auto match = fetchLine.match(QString::fromLatin1(line));
        if (!match.hasMatch())
            continue;
        auto flags = Flags::fromImapList(match.captured(2).toLatin1());
        QVERIFY2(flags.ok(), line.constData());
        Flags value = flags.value();
        value.set(Flags::System::Recent, false); // Dovecot's first session sees every message as recent
        flagsByUid.insert(match.captured(1).toInt(), value.toImapList());
    }
    const QMap<int, QByteArray> expected{
        {1, "(\\Seen)"_ba}, {2, "()"_ba}, {3, "()"_ba}, {4, "(\\Flagged)"_ba}, {5, "(\\Seen $Newsletter)"_ba},
    };
    QCOMPARE(flagsByUid, expected);

    // The ISO-2022-JP subject arrived byte for byte.
    const QByteArrayList subject = imap.command("h", "UID FETCH 3 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
    QVERIFY2(subject.join('\n').contains("=?ISO-2022-JP?B?GyRCJCo4K0BRPXEkTkF3SVUbKEI=?="),
             subject.join('\n').constData());
}

void TestDovecotServer::wrongPasswordIsRefused()
{
    QSslSocket socket;
    QVERIFY(connectOverTls(socket));
    ImapTalk imap(socket);
    const QByteArrayList login = imap.command("a1", "LOGIN alice wrong-password");
    QVERIFY2(login.last().startsWith("a1 NO"), login.join('\n').constData());
}

void TestDovecotServer::startTlsOnPlainPort()
{
    QSslSocket socket;
    socket.setSslConfiguration(trustingOnly({m_server.caCertificate()}));
    socket.setPeerVerifyName(u"localhost"_s);
    socket.connectToHost(DovecotServer::host(), m_server.imapPort());
    QVERIFY(socket.waitForConnected(10000));
    ImapTalk imap(socket);
    const QByteArray greeting = imap.readLine();
    QVERIFY2(greeting.contains("STARTTLS"), greeting.constData());
    QVERIFY(imap.command("a1", "STARTTLS").last().startsWith("a1 OK"));
    socket.startClientEncryption();
    QVERIFY(socket.waitForEncrypted(10000));
    QVERIFY(imap.command("a2", "LOGIN bob bob-secret").last().startsWith("a2 OK"));
    const QByteArrayList status = imap.command("a3", "STATUS INBOX (MESSAGES)");
    const QByteArray expected
        = "(MESSAGES " + QByteArray::number(DovecotServer::seededMessageCount(u"bob"_s, u"INBOX"_s)) + ")";
    QVERIFY2(status.first().endsWith(expected), status.join('\n').constData());
}

void TestDovecotServer::stopLeavesNothingBehind()
{
    DovecotServer server;
    QVERIFY2(server.start({{u"carol"_s, u"carol-secret"_s, QString()}}), qPrintable(server.errorString()));
    const qint64 group = server.processGroup();
    const QString dir = server.directory();
    QVERIFY(group > 0);
    QVERIFY(QDir(dir).exists());
    QCOMPARE(::kill(-pid_t(group), 0), 0);

    server.stop();
    QVERIFY(!server.isRunning());
    QCOMPARE(::kill(-pid_t(group), 0), -1);
    QCOMPARE(errno, ESRCH);
    QVERIFY(!QDir(dir).exists());
}

void TestDovecotServer::killedTestLeavesNoServerBehind()
{
    // A test process killed by a timeout never runs a destructor: stand in for one.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"FUMI_FIXTURE_ORPHAN"_s, u"1"_s);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.state() == QProcess::NotRunning, 60000);
    const QByteArrayList report = child.readLine().trimmed().split(' ');
    QVERIFY2(report.size() == 2, child.readAllStandardError().constData());
    const qint64 group = report[0].toLongLong();
    const QString dir = QString::fromLocal8Bit(report[1]);
    QCOMPARE(::kill(-pid_t(group), 0), 0);

    child.kill(); // SIGKILL, as CTest's timeout would
    QVERIFY(child.waitForFinished());
    QTRY_VERIFY_WITH_TIMEOUT(::kill(-pid_t(group), 0) == -1 && errno == ESRCH, 15000);

    // Its directory is left; the next fixture to start removes it.
    QVERIFY(QDir(dir).exists());
    DovecotServer next;
    QVERIFY2(next.start({}), qPrintable(next.errorString()));
    QVERIFY(!QDir(dir).exists());
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("FUMI_FIXTURE_ORPHAN"))
        return runOrphanChild();
    TestDovecotServer test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_DovecotServer.moc"
