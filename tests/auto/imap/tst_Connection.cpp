// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Connection against scripted servers: every security rule, login choices, pipelining and
// routing, each asserting exactly what the client sent.

#include "imap/Connection.h"
#include "support/ScriptedImapServer.h"
#include "support/TestCertificates.h"
#include "support/TrustExactlyPolicy.h"

#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace fumi;
using namespace fumi::imap;
using namespace fumi::test;
using namespace Qt::StringLiterals;

using Security = ConnectionSettings::Security;
using Mode = ScriptedImapServer::Mode;

namespace {

// A server, a client connected to it, and spies on the client's signals.
struct Session {
    std::unique_ptr<ScriptedImapServer> server;
    std::unique_ptr<Connection> connection;
    std::unique_ptr<QSignalSpy> ready;
    std::unique_ptr<QSignalSpy> failed;
    std::unique_ptr<QSignalSpy> authenticated;
    std::unique_ptr<QSignalSpy> finished;
    std::unique_ptr<QSignalSpy> mailboxData;

    Connection::Error error() const { return failed->first().at(0).value<Connection::Error>(); }
    QString errorMessage() const { return failed->first().at(1).toString(); }
};

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void implicitTlsGreetingWithCapabilities();
    void greetingWithoutCapabilitiesAsksForThem();
    void startTlsUpgradesAndForgetsEarlierCapabilities();
    void startTlsWithInjectedBytesAborts();
    void startTlsRefusedAborts_data();
    void startTlsRefusedAborts();
    void startTlsNotOfferedAborts();
    void preauthWhenTlsRequiredAborts();
    void garbageGreetingAbortsBeforeCredentials();
    void byeGreeting();
    void loginDisabledSendsNoLogin();
    void loginWithoutSaslIrWaitsForContinuation();
    void loginRejected();
    void synchronizingLiteralWaitsForContinuation();
    void pipelinesAndRoutesResponses();
    void unknownTagIsAProtocolError();
    void untrustedCertificateRefusedThenAcceptedByPolicy();
    void timeoutWhenServerIsSilent();
    void logoutCloses();
    void saslLoginMechanism();
    void xoauth2();
    void xoauth2FailureAnswersTheChallenge();
    void oauthBearerWithoutSaslIr();
    void tokenNeverFallsBackToPassword();
    void transcriptHidesCredentialsAndLiterals();
    void idleDeliversUpdatesUntilDone();
    void idleIsRenewed();
    void commandDuringIdleEndsItFirst();
    void pollsWithNoopWithoutIdle();

private:
    Session start(Mode mode, Security security, QByteArrayList script, CertificatePolicy *policy = nullptr,
                  bool trustTestCa = true, std::chrono::milliseconds timeout = std::chrono::seconds(10),
                  std::chrono::milliseconds renewal = std::chrono::minutes(29));
    Session start(Mode mode, Security security, const std::function<QByteArrayList(quint16 port)> &script,
                  CertificatePolicy *policy = nullptr, bool trustTestCa = true,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10),
                  std::chrono::milliseconds renewal = std::chrono::minutes(29));

    QTemporaryDir m_dir;
    TestCertificates m_certificates;
};

void TestConnection::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_certificates.create(m_dir.path()), qPrintable(m_certificates.errorString()));
}

Session TestConnection::start(Mode mode, Security security, QByteArrayList script, CertificatePolicy *policy,
                              bool trustTestCa, std::chrono::milliseconds timeout, std::chrono::milliseconds renewal)
{
    return start(
        mode, security,
        [script](quint16) {
            return script;
        },
        policy, trustTestCa, timeout, renewal);
}

Session TestConnection::start(Mode mode, Security security, const std::function<QByteArrayList(quint16)> &script,
                              CertificatePolicy *policy, bool trustTestCa, std::chrono::milliseconds timeout,
                              std::chrono::milliseconds renewal)
{
    Session s;
    s.server = std::make_unique<ScriptedImapServer>(mode, m_certificates, QByteArrayList{});
    if (!s.server->start())
        qFatal("the scripted server cannot listen");
    s.server->setScript(script(s.server->serverPort()));
    ConnectionSettings settings;
    settings.host = u"127.0.0.1"_s;
    settings.port = s.server->serverPort();
    settings.security = security;
    settings.timeout = timeout;
    settings.idleRenewal = renewal;
    settings.pollInterval = renewal;
    if (trustTestCa)
        settings.caCertificates = {m_certificates.ca()};
    s.connection = std::make_unique<Connection>(settings, policy);
    s.ready = std::make_unique<QSignalSpy>(s.connection.get(), &Connection::ready);
    s.failed = std::make_unique<QSignalSpy>(s.connection.get(), &Connection::failed);
    s.authenticated = std::make_unique<QSignalSpy>(s.connection.get(), &Connection::authenticated);
    s.finished = std::make_unique<QSignalSpy>(s.connection.get(), &Connection::finished);
    s.mailboxData = std::make_unique<QSignalSpy>(s.connection.get(), &Connection::mailboxData);
    s.connection->open();
    return s;
}

void TestConnection::implicitTlsGreetingWithCapabilities()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR IDLE] ready"});
    QTRY_COMPARE(s.ready->size(), 1);
    QVERIFY(s.failed->isEmpty());
    QVERIFY(s.connection->isEncrypted());
    QVERIFY(s.connection->hasCapability("idle"));
    QCOMPARE(s.server->received(), QByteArray());
}

void TestConnection::greetingWithoutCapabilitiesAsksForThem()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK hello", "C: f1 CAPABILITY", "S: * CAPABILITY IMAP4rev1 IDLE\r\nf1 OK done"});
    QTRY_COMPARE(s.ready->size(), 1);
    QCOMPARE(s.connection->capabilities(), (QByteArrayList{"IMAP4rev1", "IDLE"}));
    QVERIFY(s.server->errors().isEmpty());
}

void TestConnection::startTlsUpgradesAndForgetsEarlierCapabilities()
{
    Session s = start(Mode::Plain, Security::StartTls, ScriptedImapServer::loadScript(u"starttls-upgrade"_s));
    QTRY_COMPARE(s.ready->size(), 1);
    QVERIFY(s.connection->isEncrypted());
    QCOMPARE(s.connection->capabilities(), (QByteArrayList{"IMAP4rev1", "AUTH=PLAIN", "SASL-IR"}));
    QVERIFY(!s.connection->hasCapability("X-BEFORE-TLS"));

    s.connection->login(u"alice"_s, u"secret"_s);
    QTRY_COMPARE(s.authenticated->size(), 1);
    QCOMPARE(s.connection->capabilities(), (QByteArrayList{"IMAP4rev1", "IDLE", "QRESYNC", "ID"}));
    QCOMPARE(s.connection->enabled(), QByteArrayList{"QRESYNC"});
    QCOMPARE(s.connection->serverId().value(0).second, "Scripted"_ba);
    QCOMPARE(s.connection->state(), Connection::State::Authenticated);
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::startTlsWithInjectedBytesAborts()
{
    Session s = start(Mode::Plain, Security::StartTls, ScriptedImapServer::loadScript(u"starttls-injection"_s));
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::Protocol);
    QVERIFY(s.ready->isEmpty());
    QCOMPARE(s.server->received(), "f1 STARTTLS\r\n"_ba);
}

void TestConnection::startTlsRefusedAborts_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("no") << "S: f1 NO TLS is broken today"_ba;
    QTest::newRow("bad") << "S: f1 BAD What is STARTTLS?"_ba;
}

void TestConnection::startTlsRefusedAborts()
{
    QFETCH(QByteArray, answer);
    Session s = start(Mode::Plain, Security::StartTls,
                      {"S: * OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] hi", "C: f1 STARTTLS", answer});
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::SecurityRequirement);
    QCOMPARE(s.server->received(), "f1 STARTTLS\r\n"_ba);
}

void TestConnection::startTlsNotOfferedAborts()
{
    Session s = start(Mode::Plain, Security::StartTls, {"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi"});
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::SecurityRequirement);
    QCOMPARE(s.server->received(), QByteArray());
}

void TestConnection::preauthWhenTlsRequiredAborts()
{
    Session s = start(Mode::Plain, Security::StartTls, {"S: * PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome"});
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::SecurityRequirement);
    QCOMPARE(s.server->received(), QByteArray());
}

void TestConnection::garbageGreetingAbortsBeforeCredentials()
{
    Session s = start(Mode::Plain, Security::Plain, {"S: SSH-2.0-OpenSSH_9.9"});
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::Protocol);
    QCOMPARE(s.server->received(), QByteArray());
}

void TestConnection::byeGreeting()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls, {"S: * BYE Too many connections"});
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::Bye);
    QVERIFY(s.errorMessage().contains(u"Too many connections"_s));
}

void TestConnection::loginDisabledSendsNoLogin()
{
    Session s = start(Mode::Plain, Security::Plain, {"S: * OK [CAPABILITY IMAP4rev1 LOGINDISABLED] hi"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->login(u"alice"_s, u"secret"_s);
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::LoginDisabled);
    QTest::qWait(50);
    QVERIFY(!s.server->received().contains("LOGIN"));
    QVERIFY(!s.server->received().contains("secret"));
}

void TestConnection::loginWithoutSaslIrWaitsForContinuation()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGINDISABLED] hi", "C: f1 AUTHENTICATE PLAIN",
                       "S: + ", "C: AGFsaWNlAHNlY3JldA==", "S: f1 OK done", "C: f2 CAPABILITY",
                       "S: * CAPABILITY IMAP4rev1 IDLE\r\nf2 OK"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->login(u"alice"_s, u"secret"_s);
    QTRY_COMPARE(s.authenticated->size(), 1);
    QVERIFY(s.connection->hasCapability("IDLE"));
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::loginRejected()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK [CAPABILITY IMAP4rev1] hi", "C: f1 LOGIN alice \"wrong\"",
                       "S: f1 NO [AUTHENTICATIONFAILED] Authentication failed."});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->login(u"alice"_s, u"wrong"_s);
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::AuthenticationFailed);
    QVERIFY(s.errorMessage().contains(u"Authentication failed."_s));
}

void TestConnection::synchronizingLiteralWaitsForContinuation()
{
    // No LITERAL+: the 8-bit user name goes as {5}, and the rest only after "+".
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK [CAPABILITY IMAP4rev1] hi", "C: f1 LOGIN {5}", "S: + go ahead", "C: j\xc3\xb6rg \"pw\"",
                       "S: f1 OK [CAPABILITY IMAP4rev1 IDLE] in"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->login(QString::fromUtf8("jörg"), u"pw"_s);
    QTRY_COMPARE(s.authenticated->size(), 1);
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::pipelinesAndRoutesResponses()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls, ScriptedImapServer::loadScript(u"pipelining"_s));
    QTRY_COMPARE(s.ready->size(), 1);
    QCOMPARE(s.connection->state(), Connection::State::Authenticated);
    const QByteArray list = s.connection->send(std::move(Command("LIST").string("").mailbox(u"*")));
    const QByteArray status = s.connection->send(std::move(Command("STATUS").mailbox(u"INBOX").raw("(MESSAGES)")));
    const QByteArray noop = s.connection->send(Command("NOOP"));
    QCOMPARE(list, "f1"_ba);
    QCOMPARE(status, "f2"_ba);
    QCOMPARE(noop, "f3"_ba);
    QTRY_COMPARE(s.finished->size(), 3);
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));

    const auto result = [&](int i) {
        return s.finished->at(i).at(1).value<CommandResult>();
    };
    QCOMPARE(s.finished->at(0).at(0).toByteArray(), "f1"_ba);
    QCOMPARE(result(0).data.size(), size_t(2));
    QCOMPARE(std::get<ListResponse>(result(0).data[1]).name, u"Sent"_s);
    QCOMPARE(result(1).data.size(), size_t(1));
    QCOMPARE(std::get<MailboxStatusResponse>(result(1).data[0]).messages, 4u);
    QVERIFY(result(2).data.empty());
    QVERIFY(result(2).ok());
    // EXISTS and FETCH went to the mailbox's owner, not to whichever command was running.
    QCOMPARE(s.mailboxData->size(), 2);
    QCOMPARE(std::get<ExistsResponse>(s.mailboxData->at(0).at(0).value<Response>()).count, 4u);
    QCOMPARE(*std::get<FetchResponse>(s.mailboxData->at(1).at(0).value<Response>()).uid, 7u);
}

void TestConnection::unknownTagIsAProtocolError()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * PREAUTH [CAPABILITY IMAP4rev1] hi", "C: f1 NOOP", "S: zz9 OK what was this"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->send(Command("NOOP"));
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::Protocol);
    QVERIFY(s.finished->isEmpty());
}

void TestConnection::untrustedCertificateRefusedThenAcceptedByPolicy()
{
    {
        TrustExactlyPolicy refuse(QSslCertificate{});
        Session s = start(Mode::ImplicitTls, Security::ImplicitTls, {"S: * OK [CAPABILITY IMAP4rev1] hi"}, &refuse,
                          /*trustTestCa=*/false);
        QTRY_COMPARE(s.failed->size(), 1);
        QCOMPARE(s.error(), Connection::Error::UntrustedCertificate);
        QVERIFY2(s.errorMessage().contains(u"SHA-256"_s), qPrintable(s.errorMessage()));
        QCOMPARE(refuse.asked, 1);
        QCOMPARE(refuse.seenHost, u"127.0.0.1"_s);
    }
    TrustExactlyPolicy trustThisOne(m_certificates.certificate());
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls, {"S: * OK [CAPABILITY IMAP4rev1] hi"}, &trustThisOne,
                      /*trustTestCa=*/false);
    QTRY_COMPARE(s.ready->size(), 1);
    QCOMPARE(trustThisOne.asked, 1);
    QVERIFY(s.connection->isEncrypted());
}

void TestConnection::timeoutWhenServerIsSilent()
{
    Session s
        = start(Mode::ImplicitTls, Security::ImplicitTls, {"C: never"}, nullptr, true, std::chrono::milliseconds(300));
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::Timeout);
}

void TestConnection::logoutCloses()
{
    Session s
        = start(Mode::ImplicitTls, Security::ImplicitTls,
                {"S: * PREAUTH [CAPABILITY IMAP4rev1] hi", "C: f1 LOGOUT", "S: * BYE bye\r\nf1 OK done", "CLOSE"});
    QTRY_COMPARE(s.ready->size(), 1);
    QSignalSpy closed(s.connection.get(), &Connection::closed);
    s.connection->close();
    QTRY_COMPARE(closed.size(), 1);
    QVERIFY(s.failed->isEmpty());
}

void TestConnection::saslLoginMechanism()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK [CAPABILITY IMAP4rev1 AUTH=LOGIN] hi", "C: f1 AUTHENTICATE LOGIN", "S: + VXNlcm5hbWU6",
                       "C: YWxpY2U=", "S: + UGFzc3dvcmQ6", "C: c2VjcmV0", "S: f1 OK [CAPABILITY IMAP4rev1] in"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->login(u"alice"_s, u"secret"_s);
    QTRY_COMPARE(s.authenticated->size(), 1);
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::xoauth2()
{
    // Written out, not built from C++ escapes: "\x01auth" in a literal is the byte 0x1a followed
    // by "uth", which once made both the client and this test send a broken payload.
    const QByteArray initial = "dXNlcj1hbGljZUBleGFtcGxlLm9yZwFhdXRoPUJlYXJlciB5YTI5LnRva2VuAQE=";
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 AUTH=PLAIN SASL-IR] hi",
                       QByteArray("C: f1 AUTHENTICATE XOAUTH2 " + initial), "S: f1 OK [CAPABILITY IMAP4rev1] in"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->loginWithToken(u"alice@example.org"_s, u"ya29.token"_s);
    QTRY_COMPARE(s.authenticated->size(), 1);
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::xoauth2FailureAnswersTheChallenge()
{
    // A rejected token comes back as a challenge carrying the error; the client answers with
    // an empty line and the server then says NO.
    const QByteArray initial = QByteArray("user=alice\x01"
                                          "auth=Bearer expired\x01\x01")
                                   .toBase64();
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 SASL-IR] hi",
                       QByteArray("C: f1 AUTHENTICATE XOAUTH2 " + initial),
                       "S: + eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiQmVhcmVyIn0=", "C: ",
                       "S: f1 NO [AUTHENTICATIONFAILED] Invalid credentials"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->loginWithToken(u"alice"_s, u"expired"_s);
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::AuthenticationFailed);
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::oauthBearerWithoutSaslIr()
{
    // RFC 7628: the payload names the host and port; preferred over XOAUTH2; without SASL-IR it
    // follows the server's first challenge, and an error challenge is answered with ^A.
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls, [](quint16 port) {
        const QByteArray payload = QByteArray("n,a=alice,\x01host=127.0.0.1\x01port=" + QByteArray::number(port)
                                              + "\x01"
                                                "auth=Bearer tok\x01\x01")
                                       .toBase64();
        return QByteArrayList{"S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 AUTH=OAUTHBEARER] hi",
                              "C: f1 AUTHENTICATE OAUTHBEARER",
                              "S: + ",
                              QByteArray("C: " + payload),
                              "S: + eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=",
                              "C: AQ==",
                              "S: f1 NO token rejected"};
    });
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->loginWithToken(u"alice"_s, u"tok"_s);
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::AuthenticationFailed);
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::tokenNeverFallsBackToPassword()
{
    Session s
        = start(Mode::ImplicitTls, Security::ImplicitTls, {"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->loginWithToken(u"alice"_s, u"token"_s);
    QTRY_COMPARE(s.failed->size(), 1);
    QCOMPARE(s.error(), Connection::Error::LoginDisabled);
    QTest::qWait(50);
    QCOMPARE(s.server->received(), QByteArray());
}

namespace {
QStringList transcript;
void captureTranscript(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (QByteArrayView(context.category) == "fumi.imap.transcript")
        transcript << message;
}
} // namespace

void TestConnection::transcriptHidesCredentialsAndLiterals()
{
    transcript.clear();
    QLoggingCategory::setFilterRules(u"fumi.imap.transcript.debug=true"_s);
    const QtMessageHandler previous = qInstallMessageHandler(captureTranscript);
    auto restore = qScopeGuard([previous] {
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
    });

    QByteArray longSearch = "S: * SEARCH";
    for (int uid = 1; uid <= 3000; ++uid)
        longSearch += ' ' + QByteArray::number(uid);
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR LITERAL+] hi",
                       "C: f1 AUTHENTICATE PLAIN AGFsaWNlAGh1bnRlcjI=", "S: f1 OK [CAPABILITY IMAP4rev1 LITERAL+] in",
                       "C: f2 APPEND Drafts {26+}", "C: Dear Bob, the code is 4711", "S: f2 OK [APPENDUID 9 1] done",
                       "C: f3 UID FETCH 1 (BODY[])",
                       "S: * 1 FETCH (UID 1 BODY[] {26}\r\nDear Bob, the code is 4711)\r\nf3 OK",
                       "C: f4 UID SEARCH ALL", longSearch, "S: f4 OK"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->login(u"alice"_s, u"hunter2"_s);
    QTRY_COMPARE(s.authenticated->size(), 1);
    s.connection->send(std::move(Command("APPEND").mailbox(u"Drafts").literal("Dear Bob, the code is 4711")));
    s.connection->send(std::move(Command("UID FETCH").sequenceSet(UidSet{1}).raw("(BODY[])")));
    s.connection->send(std::move(Command("UID SEARCH").raw("ALL")));
    QTRY_COMPARE(s.finished->size(), 3);
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));

    const QString all = transcript.join(u'\n');
    QVERIFY2(all.contains(u"C: f1 AUTHENTICATE PLAIN ***"_s), qPrintable(all));
    QVERIFY2(all.contains(u"C: f2 APPEND \"Drafts\" {26 bytes}"_s), qPrintable(all));
    QVERIFY2(all.contains(u"<26 bytes>"_s), qPrintable(all));
    for (const QString &secret : {u"hunter2"_s, u"AGFsaWNlAGh1bnRlcjI="_s, u"4711"_s})
        QVERIFY2(!all.contains(secret), qPrintable(secret + u" leaked into:\n"_s + all));

    // A long response is cut, and says how long it was.
    const auto search = std::find_if(transcript.cbegin(), transcript.cend(),
                                     [](const QString &line) { return line.contains(u"* SEARCH 1 2 3"_s); });
    QVERIFY(search != transcript.cend());
    QVERIFY2(search->size() < 2100, qPrintable(QString::number(search->size())));
    QVERIFY2(search->endsWith(u"\u2026 (%1 bytes)"_s.arg(longSearch.size() - 3)), qPrintable(search->right(40)));
}

void TestConnection::idleDeliversUpdatesUntilDone()
{
    // The command timeout is short, and IDLE outlasts it: silence while idling is no timeout.
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls, ScriptedImapServer::loadScript(u"idle"_s), nullptr,
                      true, std::chrono::milliseconds(300));
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->idle();
    QVERIFY(s.connection->isIdling());
    QTRY_COMPARE(s.mailboxData->size(), 2);
    QTest::qWait(500);
    QVERIFY(s.failed->isEmpty());
    s.connection->stopIdle();
    QTRY_VERIFY(s.server->scriptFinished());
    QTest::qWait(50);
    QVERIFY(s.failed->isEmpty());
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::idleIsRenewed()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * PREAUTH [CAPABILITY IMAP4rev1 IDLE] hi", "C: f1 IDLE", "S: + idling", "C: DONE",
                       "S: f1 OK renewed", "C: f2 IDLE", "S: + idling again"},
                      nullptr, true, std::chrono::seconds(10), std::chrono::milliseconds(200));
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->idle();
    QTRY_VERIFY(s.server->scriptFinished());
    QVERIFY(s.connection->isIdling());
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::commandDuringIdleEndsItFirst()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * PREAUTH [CAPABILITY IMAP4rev1 IDLE] hi", "C: f1 IDLE", "S: + idling", "C: DONE",
                       "S: f1 OK done", "C: f2 NOOP", "S: f2 OK nothing new"});
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->idle();
    QTRY_COMPARE(s.server->received(), "f1 IDLE\r\n"_ba);
    QTest::qWait(50); // let "+ idling" arrive
    s.connection->send(Command("NOOP"));
    QTRY_COMPARE(s.finished->size(), 1);
    QCOMPARE(s.finished->first().at(0).toByteArray(), "f2"_ba);
    QVERIFY(!s.connection->isIdling());
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

void TestConnection::pollsWithNoopWithoutIdle()
{
    Session s = start(Mode::ImplicitTls, Security::ImplicitTls,
                      {"S: * PREAUTH [CAPABILITY IMAP4rev1] no idle here", "C: f1 NOOP", "S: * 3 EXISTS\r\nf1 OK",
                       "C: f2 NOOP", "S: f2 OK"},
                      nullptr, true, std::chrono::seconds(10), std::chrono::milliseconds(100));
    QTRY_COMPARE(s.ready->size(), 1);
    s.connection->idle();
    QTRY_VERIFY(s.server->scriptFinished());
    QTRY_COMPARE(s.mailboxData->size(), 1);
    s.connection->stopIdle();
    QVERIFY2(s.server->errors().isEmpty(), qPrintable(s.server->errors().join(u'\n')));
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_Connection.moc"
