// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// OAuthTokenSource against LocalAuthorizationServer: when tokens are reused and refreshed, the
// one retry after a refusal, and every way an account ends up needing a new sign-in.

#include "account/OAuthTokenSource.h"
#include "support/LocalAuthorizationServer.h"
#include "support/LogCapture.h"
#include "support/MemoryCredentialStore.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <memory>
#include <optional>

using namespace fumi;
using namespace fumi::account;
using namespace fumi::test;
using namespace Qt::StringLiterals;

using Token = OAuthTokenSource::Token;

namespace {

const QString accountId = u"5b0e-account"_s;

// A keychain that reads and removes but cannot write, like one that turned read-only.
class WriteRefusingStore : public MemoryCredentialStore
{
public:
    void write(const QString &, Secret, const QString &, QObject *context, Callback callback) override
    {
        ++writeAttempts;
        QMetaObject::invokeMethod(
            context,
            [callback = std::move(callback)] {
                callback({Error::AccessDenied, QStringLiteral("The keychain is read-only."), {}});
            },
            Qt::QueuedConnection);
    }
    int writeAttempts = 0;
};

} // namespace

class TestOAuthTokenSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void cachedTokenIsReused();
    void concurrentRequestsShareOneRefresh();
    void refreshedBeforeExpiry_data();
    void refreshedBeforeExpiry();
    void rejectedRefreshesExactlyOnce();
    void rejectedTwiceRequiresSignIn();
    void acceptedStartsTheRuleOver();
    void staleRejectionIsNotCountedTwice();
    void signInRequired_data();
    void signInRequired();
    void rotatedRefreshTokenIsSaved();
    void rotatedRefreshTokenSurvivesAReadOnlyKeychain();
    void keychainFailureIsAClearError_data();
    void keychainFailureIsAClearError();
    void serverTroubleIsNotASignInMatter();
    void insecureTokenEndpointIsRefused();
    void noCallbackAfterTheContextIsGone();

private:
    std::unique_ptr<OAuthTokenSource> makeSource(CredentialStore *store);
    // Runs `request` and waits for its callback, checking that it did not run inside the call.
    Token await(const std::function<void(QObject *, OAuthTokenSource::Callback)> &request);
    Token accessToken()
    {
        return await([this](QObject *c, auto cb) {
            m_source->accessToken(c, cb);
        });
    }
    Token rejected()
    {
        return await([this](QObject *c, auto cb) {
            m_source->rejected(c, cb);
        });
    }

    std::unique_ptr<LocalAuthorizationServer> m_server;
    std::unique_ptr<MemoryCredentialStore> m_store;
    std::unique_ptr<OAuthTokenSource> m_source;
    std::unique_ptr<QSignalSpy> m_signInRequired;
    QString m_refreshToken;
    QDateTime m_now;
    bool m_answeredInsideCall = false;
};

void TestOAuthTokenSource::init()
{
    m_server = std::make_unique<LocalAuthorizationServer>();
    QVERIFY(m_server->start());
    m_refreshToken = m_server->issueRefreshToken();
    m_store = std::make_unique<MemoryCredentialStore>();
    m_store->secrets.insert(CredentialStore::key(accountId, CredentialStore::Secret::OAuthRefreshToken),
                            m_refreshToken);
    m_now = QDateTime(QDate(2026, 3, 1), QTime(9, 0), QTimeZone::UTC);
    m_answeredInsideCall = false;
    m_source = makeSource(m_store.get());
}

void TestOAuthTokenSource::cleanup()
{
    QVERIFY2(!m_answeredInsideCall, "a callback ran inside the call that asked for it");
    m_signInRequired.reset();
    m_source.reset();
    m_store.reset();
    m_server.reset();
}

std::unique_ptr<OAuthTokenSource> TestOAuthTokenSource::makeSource(CredentialStore *store)
{
    auto source = std::make_unique<OAuthTokenSource>(m_server->provider(), store, accountId);
    source->setClock([this] {
        return m_now;
    });
    m_signInRequired = std::make_unique<QSignalSpy>(source.get(), &OAuthTokenSource::signInRequired);
    return source;
}

Token TestOAuthTokenSource::await(const std::function<void(QObject *, OAuthTokenSource::Callback)> &request)
{
    QObject context;
    auto answer = std::make_shared<std::optional<Token>>();
    request(&context, [answer](const Token &token) {
        *answer = token;
    });
    if (answer->has_value())
        m_answeredInsideCall = true;
    if (!QTest::qWaitFor(
            [&answer] {
                return answer->has_value();
            },
            10000))
        return {{}, u"(no answer within 10 s)"_s, false};
    return **answer;
}

void TestOAuthTokenSource::cachedTokenIsReused()
{
    const Token first = accessToken();
    QVERIFY2(!first.accessToken.isEmpty(), qPrintable(first.error));
    QCOMPARE(first.accessToken, m_server->lastAccessToken);
    QVERIFY(first.error.isEmpty());
    QCOMPARE(m_source->expiry(), m_now.addSecs(3600));

    m_now = m_now.addSecs(600);
    const Token second = accessToken();
    QCOMPARE(second.accessToken, first.accessToken);
    QCOMPARE(m_server->tokenRequests, 1);

    // The refresh request itself: a public client, the provider's scopes, no secret.
    const QMap<QString, QString> &request = m_server->lastTokenRequest;
    QCOMPARE(request.value(u"grant_type"_s), u"refresh_token"_s);
    QCOMPARE(request.value(u"refresh_token"_s), m_refreshToken);
    QCOMPARE(request.value(u"client_id"_s), m_server->clientId);
    QCOMPARE(request.value(u"scope"_s), u"imap smtp"_s);
    QVERIFY(!request.contains(u"client_secret"_s));
}

void TestOAuthTokenSource::concurrentRequestsShareOneRefresh()
{
    QObject context;
    QList<Token> answers;
    for (int i = 0; i < 3; ++i) {
        m_source->accessToken(&context, [&answers](const Token &token) {
            answers << token;
        });
    }
    QVERIFY(answers.isEmpty());
    QTRY_COMPARE(answers.size(), 3);
    QVERIFY(!answers.at(0).accessToken.isEmpty());
    QCOMPARE(answers.at(1).accessToken, answers.at(0).accessToken);
    QCOMPARE(answers.at(2).accessToken, answers.at(0).accessToken);
    QCOMPARE(m_server->tokenRequests, 1);
}

void TestOAuthTokenSource::refreshedBeforeExpiry_data()
{
    QTest::addColumn<int>("secondsLater");
    QTest::addColumn<int>("expiryLead");
    QTest::addColumn<bool>("refreshed");

    // The server's tokens live 3600 s; by default one is handed out while more than 60 s are left.
    QTest::newRow("fresh") << 0 << 60 << false;
    QTest::newRow("61-seconds-left") << 3539 << 60 << false;
    QTest::newRow("60-seconds-left") << 3540 << 60 << true;
    QTest::newRow("59-seconds-left") << 3541 << 60 << true;
    QTest::newRow("expired-an-hour-ago") << 7200 << 60 << true;
    QTest::newRow("301-seconds-left-with-a-5-minute-lead") << 3299 << 300 << false;
    QTest::newRow("299-seconds-left-with-a-5-minute-lead") << 3301 << 300 << true;
}

void TestOAuthTokenSource::refreshedBeforeExpiry()
{
    QFETCH(int, secondsLater);
    QFETCH(int, expiryLead);
    QFETCH(bool, refreshed);

    m_source->setExpiryLead(std::chrono::seconds(expiryLead));
    const Token first = accessToken();
    QVERIFY2(!first.accessToken.isEmpty(), qPrintable(first.error));

    m_now = m_now.addSecs(secondsLater);
    const Token second = accessToken();
    QVERIFY2(!second.accessToken.isEmpty(), qPrintable(second.error));
    QCOMPARE(m_server->tokenRequests, refreshed ? 2 : 1);
    QCOMPARE(second.accessToken != first.accessToken, refreshed);
    QCOMPARE(second.accessToken, m_server->lastAccessToken);
}

void TestOAuthTokenSource::rejectedRefreshesExactlyOnce()
{
    const Token first = accessToken();
    QVERIFY(!first.accessToken.isEmpty());

    const Token retry = rejected();
    QVERIFY2(!retry.accessToken.isEmpty(), qPrintable(retry.error));
    QVERIFY(retry.accessToken != first.accessToken);
    QVERIFY(!retry.signInRequired);
    QCOMPARE(m_server->tokenRequests, 2);

    // The new token is cached like any other.
    QCOMPARE(accessToken().accessToken, retry.accessToken);
    QCOMPARE(m_server->tokenRequests, 2);
    QCOMPARE(m_signInRequired->size(), 0);
}

void TestOAuthTokenSource::rejectedTwiceRequiresSignIn()
{
    QVERIFY(!accessToken().accessToken.isEmpty());
    QVERIFY(!rejected().accessToken.isEmpty());

    const Token second = rejected();
    QVERIFY(second.accessToken.isEmpty());
    QVERIFY(second.signInRequired);
    QVERIFY2(second.error.contains(u"refused a freshly refreshed access token"), qPrintable(second.error));
    QTRY_COMPARE(m_signInRequired->size(), 1);
    QCOMPARE(m_signInRequired->first().first().toString(), second.error);
    QCOMPARE(m_server->tokenRequests, 2); // no third refresh

    // Until a token is accepted, a further refusal needs no more tries either.
    QVERIFY(!accessToken().accessToken.isEmpty());
    QVERIFY(rejected().signInRequired);
    QCOMPARE(m_server->tokenRequests, 3);
}

void TestOAuthTokenSource::acceptedStartsTheRuleOver()
{
    QVERIFY(!accessToken().accessToken.isEmpty());
    QVERIFY(!rejected().accessToken.isEmpty());
    m_source->accepted();

    const Token afterAccepted = rejected();
    QVERIFY2(!afterAccepted.accessToken.isEmpty(), qPrintable(afterAccepted.error));
    QVERIFY(!afterAccepted.signInRequired);
    QCOMPARE(m_server->tokenRequests, 3);
    QCOMPARE(m_signInRequired->size(), 0);
}

void TestOAuthTokenSource::staleRejectionIsNotCountedTwice()
{
    // Two connections used the same token and both were refused; the second says so late.
    const Token first = accessToken();
    const Token renewed = await([&](QObject *c, auto cb) {
        m_source->rejected(first.accessToken, c, cb);
    });
    QVERIFY(!renewed.accessToken.isEmpty());
    const Token late = await([&](QObject *c, auto cb) {
        m_source->rejected(first.accessToken, c, cb);
    });
    QCOMPARE(late.accessToken, renewed.accessToken);
    QCOMPARE(m_server->tokenRequests, 2);

    // The renewed token refused, though, is the second refusal in a row.
    const Token refused = await([&](QObject *c, auto cb) {
        m_source->rejected(renewed.accessToken, c, cb);
    });
    QVERIFY(refused.signInRequired);
    QCOMPARE(m_server->tokenRequests, 2);
}

void TestOAuthTokenSource::signInRequired_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<int>("tokenRequests");
    QTest::addColumn<QString>("message");

    QTest::newRow("refresh-token-revoked") << u"revoked"_s << 1 << u"invalid_grant"_s;
    QTest::newRow("no-refresh-token") << u"empty-keychain"_s << 0 << u"holds no sign-in"_s;
    // An OAuth2 account never falls back to a password, even when one is stored.
    QTest::newRow("only-a-password-stored") << u"password-only"_s << 0 << u"holds no sign-in"_s;
}

void TestOAuthTokenSource::signInRequired()
{
    QFETCH(QString, situation);
    QFETCH(int, tokenRequests);
    QFETCH(QString, message);

    if (situation == u"revoked") {
        m_server->revoke(m_refreshToken);
    } else {
        m_store->secrets.clear();
        if (situation == u"password-only")
            m_store->secrets.insert(CredentialStore::key(accountId, CredentialStore::Secret::Password), u"hunter2"_s);
    }

    const LogCapture log;
    const Token token = accessToken();
    QVERIFY(token.accessToken.isEmpty());
    QVERIFY(token.signInRequired);
    QVERIFY2(token.error.contains(message), qPrintable(token.error));
    QTRY_COMPARE(m_signInRequired->size(), 1);
    QCOMPARE(m_signInRequired->first().first().toString(), token.error);
    QCOMPARE(m_server->tokenRequests, tokenRequests);
    QVERIFY2(log.find(m_refreshToken).isEmpty(), "the refresh token was logged");
    QVERIFY2(log.find(u"hunter2"_s).isEmpty(), "the password was logged");
    if (situation == u"password-only")
        QVERIFY(!m_server->lastTokenRequest.values().contains(u"hunter2"_s));
}

void TestOAuthTokenSource::rotatedRefreshTokenIsSaved()
{
    m_server->rotateRefreshTokens = true;
    const QString key = CredentialStore::key(accountId, CredentialStore::Secret::OAuthRefreshToken);

    const LogCapture log(u"fumi.account.debug=true"_s);
    const Token first = accessToken();
    QVERIFY2(!first.accessToken.isEmpty(), qPrintable(first.error));
    const QString rotated = m_store->secrets.value(key);
    QVERIFY(rotated != m_refreshToken);
    QCOMPARE(rotated, m_server->lastRefreshToken);
    QVERIFY(!m_server->isValidRefreshToken(m_refreshToken));

    // The next refresh works only because the rotated token was kept.
    m_now = m_now.addSecs(3600);
    const Token second = accessToken();
    QVERIFY2(!second.accessToken.isEmpty(), qPrintable(second.error));
    QCOMPARE(m_server->lastTokenRequest.value(u"refresh_token"_s), rotated);
    QCOMPARE(m_store->secrets.value(key), m_server->lastRefreshToken);
    QVERIFY(m_store->secrets.value(key) != rotated);

    for (const QString &secret : {m_refreshToken, rotated, first.accessToken, second.accessToken})
        QVERIFY2(log.find(secret).isEmpty(), qPrintable(u"logged a secret: "_s + log.find(secret)));
}

void TestOAuthTokenSource::rotatedRefreshTokenSurvivesAReadOnlyKeychain()
{
    m_server->rotateRefreshTokens = true;
    WriteRefusingStore store;
    const QString key = CredentialStore::key(accountId, CredentialStore::Secret::OAuthRefreshToken);
    store.secrets.insert(key, m_refreshToken);
    m_source = makeSource(&store);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"could not be saved.*read-only"_s));
    const Token first = accessToken();
    QVERIFY2(!first.accessToken.isEmpty(), qPrintable(first.error));
    QCOMPARE(store.writeAttempts, 1);
    QCOMPARE(store.secrets.value(key), m_refreshToken); // the keychain holds the revoked one

    // The rotated token, kept in memory, still refreshes; saving it is tried again.
    m_now = m_now.addSecs(3600);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"could not be saved.*read-only"_s));
    const Token second = accessToken();
    QVERIFY2(!second.accessToken.isEmpty(), qPrintable(second.error));
    QCOMPARE(m_server->refreshes, 2);
    QCOMPARE(store.writeAttempts, 2);
    QCOMPARE(m_signInRequired->size(), 0);
    m_source.reset(); // before the store it points to
}

void TestOAuthTokenSource::keychainFailureIsAClearError_data()
{
    QTest::addColumn<CredentialStore::Error>("error");
    QTest::newRow("no-keychain-service") << CredentialStore::Error::NoKeychain;
    QTest::newRow("keychain-stays-locked") << CredentialStore::Error::AccessDenied;
    QTest::newRow("other-keychain-failure") << CredentialStore::Error::Other;
}

void TestOAuthTokenSource::keychainFailureIsAClearError()
{
    QFETCH(CredentialStore::Error, error);
    m_store->failWith = error;

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"keychain could not be read"_s));
    const Token token = accessToken();
    QVERIFY(token.accessToken.isEmpty());
    QVERIFY(!token.signInRequired);
    QCOMPARE(token.error, u"The keychain could not be read: The in-memory keychain was told to fail."_s);
    QCOMPARE(m_server->tokenRequests, 0);
    QTest::qWait(20);
    QCOMPARE(m_signInRequired->size(), 0);

    // Once the keychain answers, so does the source.
    m_store->failWith = CredentialStore::Error::None;
    QVERIFY(!accessToken().accessToken.isEmpty());
}

void TestOAuthTokenSource::serverTroubleIsNotASignInMatter()
{
    m_server->unavailableTokenRequests = 1;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"HTTP 503"_s));
    const Token token = accessToken();
    QVERIFY(token.accessToken.isEmpty());
    QVERIFY(!token.signInRequired);
    QVERIFY2(token.error.contains(u"HTTP 503"), qPrintable(token.error));
    QTest::qWait(20);
    QCOMPARE(m_signInRequired->size(), 0);

    const Token later = accessToken();
    QVERIFY2(!later.accessToken.isEmpty(), qPrintable(later.error));
    QCOMPARE(m_server->tokenRequests, 2);
}

void TestOAuthTokenSource::insecureTokenEndpointIsRefused()
{
    OAuthProvider provider = m_server->provider();
    provider.tokenUrl = QUrl(u"http://oauth.example/token"_s);
    m_source = std::make_unique<OAuthTokenSource>(provider, m_store.get(), accountId);

    const Token token = accessToken();
    QVERIFY(token.accessToken.isEmpty());
    QVERIFY(!token.signInRequired);
    QVERIFY2(token.error.contains(u"must be an https address"), qPrintable(token.error));
    QCOMPARE(m_store->calls, 0); // the refresh token was not even read
}

void TestOAuthTokenSource::noCallbackAfterTheContextIsGone()
{
    bool called = false;
    {
        QObject context;
        m_source->accessToken(&context, [&called](const Token &) {
            called = true;
        });
    }
    QTRY_COMPARE(m_server->refreshes, 1);
    QTest::qWait(50);
    QVERIFY(!called);

    // A cached answer is dropped the same way.
    {
        QObject context;
        m_source->accessToken(&context, [&called](const Token &) {
            called = true;
        });
    }
    QTest::qWait(20);
    QVERIFY(!called);
    QVERIFY(!accessToken().accessToken.isEmpty());
    QCOMPARE(m_server->tokenRequests, 1);
}

QTEST_GUILESS_MAIN(TestOAuthTokenSource)
#include "tst_OAuthTokenSource.moc"
