// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// OAuthSignIn end to end against LocalAuthorizationServer: the test plays the browser, following
// the sign-in page's redirect to Fumi's loopback port, and sometimes tampers with it as an
// attacker would.

#include "account/OAuthSignIn.h"
#include "support/LocalAuthorizationServer.h"
#include "support/LogCapture.h"
#include "support/MemoryCredentialStore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace fumi;
using namespace fumi::account;
using namespace fumi::test;
using namespace Qt::StringLiterals;

namespace {

const QString accountId = u"3f1c2b7e-account"_s;

// The system browser, as far as a sign-in sees it: it loads the sign-in page, whose server
// answers with a redirect to the loopback port, and follows that redirect.
class Browser : public QObject
{
public:
    enum class Tampering {
        None,
        ForgeState,       // a hostile page sends the browser to Fumi's port with its own state
        ReplaceChallenge, // the request is altered on its way to the server: the PKCE challenge is not Fumi's
    };

    explicit Browser(Tampering tampering)
        : m_tampering(tampering)
    {
    }

    void open(const QUrl &url)
    {
        ++opened;
        QUrl page = url;
        if (m_tampering == Tampering::ReplaceChallenge) {
            QUrlQuery query(page);
            query.removeAllQueryItems(u"code_challenge"_s);
            query.addQueryItem(u"code_challenge"_s, QString(43, u'A'));
            page.setQuery(query);
        }
        QNetworkRequest request(page);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_manager.get(request);
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
            if (location.isEmpty()) {
                finalStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                return;
            }
            if (m_tampering == Tampering::ForgeState) {
                QUrlQuery query(location);
                query.removeAllQueryItems(u"state"_s);
                query.addQueryItem(u"state"_s, u"forged"_s);
                location.setQuery(query);
            }
            redirectedTo = location;
            QNetworkReply *callback = m_manager.get(QNetworkRequest(location));
            connect(callback, &QNetworkReply::finished, this, [this, callback] {
                callback->deleteLater();
                finalStatus = callback->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                finalPage = callback->readAll();
            });
        });
    }

    int opened = 0;
    QUrl redirectedTo;
    int finalStatus = 0;
    QByteArray finalPage;

private:
    Tampering m_tampering;
    QNetworkAccessManager m_manager;
};

bool isListening(const QUrl &url)
{
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    return socket.waitForConnected(2000);
}

} // namespace

class TestOAuthSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signsIn_data();
    void signsIn();
    void fails_data();
    void fails();
    void refusedBeforeTheBrowser_data();
    void refusedBeforeTheBrowser();
    void cancel();
};

void TestOAuthSignIn::signsIn_data()
{
    QTest::addColumn<QString>("clientSecret");
    QTest::newRow("public-client") << QString();
    QTest::newRow("installed-app-with-a-secret") << u"not-so-secret"_s;
}

void TestOAuthSignIn::signsIn()
{
    QFETCH(QString, clientSecret);

    LocalAuthorizationServer server;
    QVERIFY(server.start());
    server.clientSecret = clientSecret;
    MemoryCredentialStore store;
    store.secrets.insert(CredentialStore::key(accountId, CredentialStore::Secret::Password), u"hunter2"_s);
    OAuthProvider provider = server.provider();
    provider.authorizationParameters = {{u"prompt"_s, u"consent"_s}};

    const LogCapture log(u"fumi.account.debug=true"_s);
    OAuthSignIn signIn(provider, &store, accountId, u"alice@example.org"_s);
    Browser browser(Browser::Tampering::None);
    connect(&signIn, &OAuthSignIn::openBrowser, &browser, &Browser::open);
    QSignalSpy succeeded(&signIn, &OAuthSignIn::succeeded);
    QSignalSpy failed(&signIn, &OAuthSignIn::failed);

    signIn.start();
    const QUrl redirectUri = signIn.redirectUri();
    QCOMPARE(redirectUri.scheme(), u"http"_s);
    QCOMPARE(redirectUri.host(), u"127.0.0.1"_s);
    QVERIFY(redirectUri.port() > 0);
    QCOMPARE(redirectUri.path(), u"/"_s);

    QTRY_COMPARE(succeeded.size() + failed.size(), 1);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QVERIFY2(server.errors.isEmpty(), qPrintable(server.errors.join(u'\n')));

    // What Fumi asked for: the code flow with an S256 challenge, back to its loopback port.
    const QMap<QString, QString> &authorization = server.lastAuthorizationRequest;
    QCOMPARE(authorization.value(u"response_type"_s), u"code"_s);
    QCOMPARE(authorization.value(u"client_id"_s), server.clientId);
    QCOMPARE(authorization.value(u"redirect_uri"_s), redirectUri.toString());
    QCOMPARE(authorization.value(u"code_challenge_method"_s), u"S256"_s);
    QCOMPARE(authorization.value(u"scope"_s), u"imap smtp"_s);
    QCOMPARE(authorization.value(u"login_hint"_s), u"alice@example.org"_s);
    QCOMPARE(authorization.value(u"prompt"_s), u"consent"_s);
    QVERIFY(!authorization.value(u"state"_s).isEmpty());

    // The code was exchanged once, with the verifier the server checked against the challenge.
    QCOMPARE(server.codeExchanges, 1);
    QCOMPARE(server.lastTokenRequest.value(u"grant_type"_s), u"authorization_code"_s);
    QCOMPARE(server.lastTokenRequest.value(u"redirect_uri"_s), redirectUri.toString());
    QCOMPARE(server.lastTokenRequest.value(u"client_secret"_s), clientSecret);

    // The refresh token, and only it, went to the keychain; the password entry is untouched.
    QCOMPARE(store.secrets.size(), 2);
    const QString stored
        = store.secrets.value(CredentialStore::key(accountId, CredentialStore::Secret::OAuthRefreshToken));
    QCOMPARE(stored, server.lastRefreshToken);
    QVERIFY(server.isValidRefreshToken(stored));

    // The browser was told it may close the page, and the port no longer listens.
    QTRY_COMPARE(browser.finalStatus, 200);
    QVERIFY(browser.finalPage.contains("close this page"));
    QVERIFY(!isListening(redirectUri));

    const QString code = QUrlQuery(browser.redirectedTo).queryItemValue(u"code"_s);
    QVERIFY(!code.isEmpty());
    for (const QString &secret :
         {stored, server.lastAccessToken, code, server.lastTokenRequest.value(u"code_verifier"_s)})
        QVERIFY2(log.find(secret).isEmpty(), qPrintable(u"logged a secret: "_s + log.find(secret)));
    QVERIFY(!log.messages().isEmpty()); // the capture works: the sign-in does log, just not secrets
}

void TestOAuthSignIn::fails_data()
{
    QTest::addColumn<Browser::Tampering>("tampering");
    QTest::addColumn<bool>("consent");
    QTest::addColumn<bool>("issueRefreshTokens");
    QTest::addColumn<int>("unavailableTokenRequests");
    QTest::addColumn<QString>("wrongSecret");
    QTest::addColumn<CredentialStore::Error>("keychainError");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("codeExchanges");
    QTest::addColumn<bool>("pageSaysFailed"); // the redirect itself was bad, so the browser's page tells

    using T = Browser::Tampering;
    using E = CredentialStore::Error;
    QTest::newRow("consent-declined") << T::None << false << true << 0 << QString() << E::None << u"declined"_s << 0
                                      << true;
    QTest::newRow("state-forged") << T::ForgeState << true << true << 0 << QString() << E::None
                                  << u"did not belong to the sign-in Fumi started"_s << 0 << true;
    QTest::newRow("pkce-challenge-replaced") << T::ReplaceChallenge << true << true << 0 << QString() << E::None
                                             << u"invalid_grant (PKCE verification failed)"_s << 0 << false;
    QTest::newRow("no-refresh-token") << T::None << true << false << 0 << QString() << E::None
                                      << u"gave no refresh token"_s << 1 << false;
    QTest::newRow("client-secret-refused")
        << T::None << true << true << 0 << u"wrong"_s << E::None << u"invalid_client"_s << 0 << false;
    QTest::newRow("token-server-unavailable")
        << T::None << true << true << 1 << QString() << E::None << u"HTTP 503"_s << 0 << false;
    QTest::newRow("keychain-refuses") << T::None << true << true << 0 << QString() << E::AccessDenied
                                      << u"the keychain did not keep it: The in-memory keychain was told to fail."_s
                                      << 1 << false;
}

void TestOAuthSignIn::fails()
{
    QFETCH(Browser::Tampering, tampering);
    QFETCH(bool, consent);
    QFETCH(bool, issueRefreshTokens);
    QFETCH(int, unavailableTokenRequests);
    QFETCH(QString, wrongSecret);
    QFETCH(CredentialStore::Error, keychainError);
    QFETCH(QString, message);
    QFETCH(int, codeExchanges);
    QFETCH(bool, pageSaysFailed);

    LocalAuthorizationServer server;
    QVERIFY(server.start());
    server.consent = consent;
    server.issueRefreshTokens = issueRefreshTokens;
    server.unavailableTokenRequests = unavailableTokenRequests;
    MemoryCredentialStore store;
    store.failWith = keychainError;
    OAuthProvider provider = server.provider();
    if (!wrongSecret.isEmpty())
        provider.clientSecret = wrongSecret;

    OAuthSignIn signIn(provider, &store, accountId, QString());
    Browser browser(tampering);
    connect(&signIn, &OAuthSignIn::openBrowser, &browser, &Browser::open);
    QSignalSpy succeeded(&signIn, &OAuthSignIn::succeeded);
    QSignalSpy failed(&signIn, &OAuthSignIn::failed);
    signIn.start();
    const QUrl redirectUri = signIn.redirectUri();
    QVERIFY(!redirectUri.isEmpty());

    QTRY_COMPARE(succeeded.size() + failed.size(), 1);
    QCOMPARE(failed.size(), 1);
    const QString error = failed.first().first().toString();
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(browser.opened, 1);
    QCOMPARE(server.codeExchanges, codeExchanges);
    QTRY_COMPARE(browser.finalStatus, 200);
    QCOMPARE(browser.finalPage.contains("The sign-in did not work"), pageSaysFailed);
    if (pageSaysFailed)
        QVERIFY(browser.finalPage.contains(error.toHtmlEscaped().toUtf8()));
    QVERIFY(store.secrets.isEmpty());
    QVERIFY(!isListening(redirectUri));

    // Nothing more arrives later: one sign-in, one outcome.
    QTest::qWait(50);
    QCOMPARE(succeeded.size() + failed.size(), 1);
}

void TestOAuthSignIn::refusedBeforeTheBrowser_data()
{
    QTest::addColumn<QUrl>("tokenUrl");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("message");

    QTest::newRow("token-endpoint-over-http")
        << QUrl(u"http://oauth.example/token"_s) << u"fumi"_s << u"must be an https address"_s;
    QTest::newRow("no-client-id") << QUrl() << QString() << u"No OAuth2 client id"_s;
}

void TestOAuthSignIn::refusedBeforeTheBrowser()
{
    QFETCH(QUrl, tokenUrl);
    QFETCH(QString, clientId);
    QFETCH(QString, message);

    LocalAuthorizationServer server;
    QVERIFY(server.start());
    OAuthProvider provider = server.provider();
    if (!tokenUrl.isEmpty())
        provider.tokenUrl = tokenUrl;
    provider.clientId = clientId;
    MemoryCredentialStore store;
    OAuthSignIn signIn(provider, &store, accountId, QString());
    QSignalSpy opened(&signIn, &OAuthSignIn::openBrowser);
    QSignalSpy failed(&signIn, &OAuthSignIn::failed);

    signIn.start();
    QCOMPARE(failed.size(), 0); // never from inside start()
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY2(failed.first().first().toString().contains(message), qPrintable(failed.first().first().toString()));
    QCOMPARE(opened.size(), 0);
    QCOMPARE(server.authorizationRequests + server.tokenRequests, 0);
}

void TestOAuthSignIn::cancel()
{
    LocalAuthorizationServer server;
    QVERIFY(server.start());
    MemoryCredentialStore store;
    OAuthSignIn signIn(server.provider(), &store, accountId, QString());
    QSignalSpy opened(&signIn, &OAuthSignIn::openBrowser);
    QSignalSpy failed(&signIn, &OAuthSignIn::failed);

    signIn.start();
    QCOMPARE(opened.size(), 1);
    const QUrl redirectUri = signIn.redirectUri();
    QVERIFY(isListening(redirectUri));

    signIn.cancel();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().toString(), u"The sign-in was cancelled."_s);
    QVERIFY(!isListening(redirectUri));

    // A browser that comes back after all changes nothing.
    Browser late(Browser::Tampering::None);
    late.open(opened.first().first().toUrl());
    QTRY_VERIFY(!late.redirectedTo.isEmpty());
    QTest::qWait(100);
    QCOMPARE(failed.size(), 1);
    QVERIFY(store.secrets.isEmpty());
    QCOMPARE(server.codeExchanges, 0);
}

QTEST_GUILESS_MAIN(TestOAuthSignIn)
#include "tst_OAuthSignIn.moc"
