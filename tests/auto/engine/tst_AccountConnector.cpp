// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/OAuthTokenSource.h"
#include "account/TrustStore.h"
#include "engine/AccountConnector.h"
#include "support/LocalAuthorizationServer.h"
#include "support/MemoryCredentialStore.h"
#include "support/ScriptedImapServer.h"
#include "support/TestCertificates.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fumi;
using engine::AccountConnector;
using test::ScriptedImapServer;
using Error = AccountConnector::Error;
using Secret = account::CredentialStore::Secret;

namespace {

// Tokens go on the wire base64-encoded inside the SASL payload; this finds which one was sent.
QByteArrayList sentTokens(const QByteArray &received)
{
    QByteArrayList tokens;
    for (const QByteArray &line : received.split('\n')) {
        const QByteArray decoded = QByteArray::fromBase64(line.trimmed().split(' ').last());
        const qsizetype at = decoded.indexOf("auth=Bearer ");
        if (at >= 0)
            tokens << decoded.mid(at + 12, decoded.indexOf('\x01', at) - at - 12);
    }
    return tokens;
}

} // namespace

class tst_AccountConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const auto &name : {u"server"_s, u"other"_s})
            QVERIFY(QDir(m_dir.path()).mkpath(name));
        QVERIFY2(m_certificates.create(m_dir.filePath(u"server"_s)), qPrintable(m_certificates.errorString()));
        QVERIFY2(m_other.create(m_dir.filePath(u"other"_s)), qPrintable(m_other.errorString()));
    }

    void init()
    {
        QFile::remove(trustPath());
        m_trust = std::make_unique<account::TrustStore>(trustPath());
        QVERIFY(m_trust->load());
        m_policy = std::make_unique<engine::TrustStorePolicy>(m_trust.get());
        m_credentials = std::make_unique<test::MemoryCredentialStore>();
    }

    void passwordFromTheKeychain()
    {
        auto server = startServer({"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi",
                                   "C: f1 AUTHENTICATE PLAIN " + QByteArray("\0alice\0hunter2", 14).toBase64(),
                                   "S: f1 OK [CAPABILITY IMAP4rev1] in"});
        m_credentials->secrets.insert(account::CredentialStore::key(u"id-1"_s, Secret::Password), u"hunter2"_s);
        auto connector = makeConnector(passwordAccount(), server->serverPort(), true);
        QSignalSpy connected(connector.get(), &AccountConnector::connected);
        connector->start();
        QTRY_COMPARE(connected.size(), 1);
        const auto connection = connector->takeConnection();
        QVERIFY(connection);
        QCOMPARE(connection->state(), imap::Connection::State::Authenticated);
        QVERIFY2(server->errors().isEmpty(), qPrintable(server->errors().join(u'\n')));
    }

    void missingOrUnreachableSecret_data()
    {
        QTest::addColumn<bool>("stored");
        QTest::addColumn<int>("keychainError");
        QTest::addColumn<Error>("expected");
        QTest::newRow("nothing-stored") << false << int(account::CredentialStore::Error::None) << Error::NoSecret;
        QTest::newRow("keychain-unreachable")
            << true << int(account::CredentialStore::Error::NoKeychain) << Error::Keychain;
    }

    void missingOrUnreachableSecret()
    {
        QFETCH(bool, stored);
        QFETCH(int, keychainError);
        QFETCH(Error, expected);
        auto server = startServer({"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi"});
        if (stored)
            m_credentials->secrets.insert(account::CredentialStore::key(u"id-1"_s, Secret::Password), u"hunter2"_s);
        m_credentials->failWith = account::CredentialStore::Error(keychainError);
        auto connector = makeConnector(passwordAccount(), server->serverPort(), true);
        QSignalSpy failed(connector.get(), &AccountConnector::failed);
        connector->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>(), expected);
        QVERIFY(!server->received().contains("AUTHENTICATE"));
    }

    void passwordCommand()
    {
        auto server = startServer({"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi",
                                   "C: f1 AUTHENTICATE PLAIN " + QByteArray("\0alice\0from a command", 21).toBase64(),
                                   "S: f1 OK [CAPABILITY IMAP4rev1] in"});
        account::Account account = passwordAccount();
        account.authentication = {account::Authentication::Method::PasswordCommand, u"echo 'from a command'"_s, {}};
        auto connector = makeConnector(account, server->serverPort(), true);
        QSignalSpy connected(connector.get(), &AccountConnector::connected);
        connector->start();
        QTRY_COMPARE(connected.size(), 1);
        QCOMPARE(m_credentials->calls, 0); // nothing asked of the keychain
        QVERIFY2(server->errors().isEmpty(), qPrintable(server->errors().join(u'\n')));
    }

    void certificateIsJudgedBeforeAnySecret_data()
    {
        QTest::addColumn<int>("trusted"); // 0 nothing, 1 this certificate, 2 another one
        QTest::addColumn<bool>("connects");
        QTest::addColumn<Error>("expected");
        QTest::newRow("never-trusted") << 0 << false << Error::UntrustedCertificate;
        QTest::newRow("trusted-exactly-this") << 1 << true << Error::Network;
        QTest::newRow("changed-since-trusted") << 2 << false << Error::CertificateChanged;
    }

    void certificateIsJudgedBeforeAnySecret()
    {
        QFETCH(int, trusted);
        QFETCH(bool, connects);
        QFETCH(Error, expected);
        auto server = startServer({"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi",
                                   "C: f1 AUTHENTICATE PLAIN " + QByteArray("\0alice\0hunter2", 14).toBase64(),
                                   "S: f1 OK [CAPABILITY IMAP4rev1] in"});
        m_credentials->secrets.insert(account::CredentialStore::key(u"id-1"_s, Secret::Password), u"hunter2"_s);
        if (trusted) {
            const auto &certificate = trusted == 1 ? m_certificates.certificate() : m_other.certificate();
            QVERIFY(m_trust->trust(u"127.0.0.1"_s, server->serverPort(), certificate).isEmpty());
        }
        // No CA given: the system does not trust the test certificate, only the user may.
        auto connector = makeConnector(passwordAccount(), server->serverPort(), false);
        QSignalSpy connected(connector.get(), &AccountConnector::connected);
        QSignalSpy failed(connector.get(), &AccountConnector::failed);
        connector->start();
        QTRY_COMPARE(connected.size() + failed.size(), 1);
        QCOMPARE(connected.size(), connects ? 1 : 0);
        if (connects)
            return;
        QCOMPARE(failed.first().first().value<Error>(), expected);
        QVERIFY(connector->refusal());
        QCOMPARE(connector->refusal()->certificate, m_certificates.certificate());
        QCOMPARE(connector->refusal()->port, server->serverPort());
        QCOMPARE(m_credentials->calls, 0);
    }

    void oauthTokenRefusedOnceIsRefreshedOnce()
    {
        test::LocalAuthorizationServer authorization;
        QVERIFY(authorization.start());
        const QString refreshToken = authorization.issueRefreshToken();
        m_credentials->secrets.insert(account::CredentialStore::key(u"id-1"_s, Secret::OAuthRefreshToken),
                                      refreshToken);
        auto server
            = startServer({"S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 SASL-IR] hi", "C? f1 AUTHENTICATE XOAUTH2 ",
                           "S: + eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiQmVhcmVyIn0=", "C: ",
                           "S: f1 NO [AUTHENTICATIONFAILED] Invalid credentials", "ACCEPT",
                           "S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 SASL-IR] hi", "C? f1 AUTHENTICATE XOAUTH2 ",
                           "S: f1 OK [CAPABILITY IMAP4rev1] in"});
        account::OAuthTokenSource tokens(authorization.provider(), m_credentials.get(), u"id-1"_s);
        QSignalSpy signIn(&tokens, &account::OAuthTokenSource::signInRequired);
        auto connector = makeConnector(oauthAccount(), server->serverPort(), true, &tokens);
        QSignalSpy connected(connector.get(), &AccountConnector::connected);
        QSignalSpy failed(connector.get(), &AccountConnector::failed);
        connector->start();
        QTRY_COMPARE(connected.size() + failed.size(), 1);
        QVERIFY2(connected.size() == 1, failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
        QVERIFY2(server->errors().isEmpty(), qPrintable(server->errors().join(u'\n')));
        const QByteArrayList sent = sentTokens(server->received());
        QCOMPARE(sent.size(), 2);
        QVERIFY(sent.at(0) != sent.at(1));
        QCOMPARE(QString::fromUtf8(sent.at(1)), authorization.lastAccessToken);
        QCOMPARE(authorization.refreshes, 2); // the first token, and one more after the refusal
        QCOMPARE(signIn.size(), 0);
    }

    void oauthTokenRefusedTwiceAsksToSignIn()
    {
        test::LocalAuthorizationServer authorization;
        QVERIFY(authorization.start());
        m_credentials->secrets.insert(account::CredentialStore::key(u"id-1"_s, Secret::OAuthRefreshToken),
                                      authorization.issueRefreshToken());
        QByteArrayList refusal{"S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 SASL-IR] hi", "C? f1 AUTHENTICATE XOAUTH2 ",
                               "S: + eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiQmVhcmVyIn0=", "C: ",
                               "S: f1 NO [AUTHENTICATIONFAILED] Invalid credentials"};
        auto server = startServer(refusal + QByteArrayList{"ACCEPT"} + refusal);
        account::OAuthTokenSource tokens(authorization.provider(), m_credentials.get(), u"id-1"_s);
        QSignalSpy signIn(&tokens, &account::OAuthTokenSource::signInRequired);
        auto connector = makeConnector(oauthAccount(), server->serverPort(), true, &tokens);
        QSignalSpy failed(connector.get(), &AccountConnector::failed);
        connector->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>(), Error::SignInRequired);
        QTRY_COMPARE(signIn.size(), 1);
        QVERIFY2(server->errors().isEmpty(), qPrintable(server->errors().join(u'\n')));
        QCOMPARE(sentTokens(server->received()).size(), 2); // never a third try, never a password
        QVERIFY(!server->received().contains("PLAIN") && !server->received().contains("LOGIN"));
    }

    void oauthRevokedRefreshTokenAsksToSignIn()
    {
        test::LocalAuthorizationServer authorization;
        QVERIFY(authorization.start());
        const QString refreshToken = authorization.issueRefreshToken();
        authorization.revoke(refreshToken);
        m_credentials->secrets.insert(account::CredentialStore::key(u"id-1"_s, Secret::OAuthRefreshToken),
                                      refreshToken);
        auto server = startServer({"S: * OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 AUTH=PLAIN SASL-IR] hi"});
        account::OAuthTokenSource tokens(authorization.provider(), m_credentials.get(), u"id-1"_s);
        auto connector = makeConnector(oauthAccount(), server->serverPort(), true, &tokens);
        QSignalSpy failed(connector.get(), &AccountConnector::failed);
        connector->start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>(), Error::SignInRequired);
        QVERIFY(!server->received().contains("AUTHENTICATE"));
    }

private:
    QString trustPath() const { return m_dir.filePath(u"trusted-certificates.json"_s); }

    static account::Account passwordAccount()
    {
        account::Account account;
        account.id = u"id-1"_s;
        account.displayName = u"Test"_s;
        account.imap = {u"127.0.0.1"_s, 0, account::Security::Tls};
        account.login = u"alice"_s;
        return account;
    }

    static account::Account oauthAccount()
    {
        account::Account account = passwordAccount();
        account.authentication = {account::Authentication::Method::OAuth2, {}, u"test"_s};
        return account;
    }

    std::unique_ptr<ScriptedImapServer> startServer(QByteArrayList script)
    {
        auto server = std::make_unique<ScriptedImapServer>(ScriptedImapServer::Mode::ImplicitTls, m_certificates,
                                                           std::move(script));
        if (!server->start())
            return nullptr;
        return server;
    }

    // `systemTrust`: the test CA counts as a system CA, as a real provider's would.
    std::unique_ptr<AccountConnector> makeConnector(account::Account account, quint16 port, bool systemTrust,
                                                    account::OAuthTokenSource *tokens = nullptr)
    {
        account.imap.port = port;
        imap::ConnectionSettings settings = AccountConnector::settingsFor(account);
        if (systemTrust)
            settings.caCertificates = {m_certificates.ca()};
        settings.compress = false;
        settings.enableExtensions = false;
        settings.sendId = false;
        return std::make_unique<AccountConnector>(account, settings, m_credentials.get(), m_policy.get(), tokens);
    }

    QTemporaryDir m_dir;
    test::TestCertificates m_certificates;
    test::TestCertificates m_other;
    std::unique_ptr<account::TrustStore> m_trust;
    std::unique_ptr<engine::TrustStorePolicy> m_policy;
    std::unique_ptr<test::MemoryCredentialStore> m_credentials;
};

QTEST_GUILESS_MAIN(tst_AccountConnector)
#include "tst_AccountConnector.moc"
