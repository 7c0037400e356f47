// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// OAuthProviders: the built-in Google and Microsoft definitions, and what
// oauth-providers.json may change, add or get wrong.

#include "account/OAuthProviders.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace fumi::account;
using namespace Qt::StringLiterals;

class TestOAuthProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtIns();
    void missingFileIsNoError();
    void overrides_data();
    void overrides();
    void badFile_data();
    void badFile();
    void unreadableFile();
    void validateProvider_data();
    void validateProvider();

private:
    // A fresh config directory holding `json` as the provider file.
    QString writeFile(const QByteArray &json);

    std::unique_ptr<QTemporaryDir> m_dir;
};

QString TestOAuthProviders::writeFile(const QByteArray &json)
{
    m_dir = std::make_unique<QTemporaryDir>();
    QFile file(m_dir->filePath(OAuthProviders::fileName.toString()));
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
        qFatal("cannot write the provider file");
    return m_dir->path();
}

void TestOAuthProviders::builtIns()
{
    const OAuthProviders providers = OAuthProviders::builtIn();
    QCOMPARE(providers.all().size(), 2);

    const std::optional<OAuthProvider> google = providers.find(u"google");
    QVERIFY(google);
    QCOMPARE(google->displayName, u"Google"_s);
    QCOMPARE(google->authorizationUrl.scheme(), u"https"_s);
    QCOMPARE(google->tokenUrl, QUrl(u"https://oauth2.googleapis.com/token"_s));
    QCOMPARE(google->scopes, QStringList{u"https://mail.google.com/"_s});
    QCOMPARE(google->authorizationParameters.value(u"access_type"_s), u"offline"_s);

    const std::optional<OAuthProvider> microsoft = providers.find(u"microsoft");
    QVERIFY(microsoft);
    QCOMPARE(microsoft->authorizationUrl.host(), u"login.microsoftonline.com"_s);
    QCOMPARE(microsoft->tokenUrl.scheme(), u"https"_s);
    QCOMPARE(microsoft->scopes.size(), 3);
    QVERIFY(microsoft->scopes.at(0).endsWith(u"/IMAP.AccessAsUser.All"));
    QVERIFY(microsoft->scopes.at(1).endsWith(u"/SMTP.Send"));
    QVERIFY(microsoft->scopes.contains(u"offline_access"_s));
    QVERIFY(microsoft->clientSecret.isEmpty());

    QVERIFY(!providers.find(u"yahoo"));
    QVERIFY(!providers.find(u""));
}

void TestOAuthProviders::missingFileIsNoError()
{
    const QTemporaryDir empty;
    QString error = u"stale"_s;
    const OAuthProviders providers = OAuthProviders::load(empty.path(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(providers.all() == OAuthProviders::builtIn().all());
}

void TestOAuthProviders::overrides_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("clientSecret");
    QTest::addColumn<QUrl>("tokenUrl");
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<qsizetype>("count");

    const OAuthProvider google = *OAuthProviders::builtIn().find(u"google");
    const OAuthProvider microsoft = *OAuthProviders::builtIn().find(u"microsoft");

    QTest::newRow("google-client-id-and-secret")
        << R"({"providers": [{"id": "google", "clientId": "g-123", "clientSecret": "not-secret"}]})"_ba << u"google"_s
        << google.displayName << u"g-123"_s << u"not-secret"_s << google.tokenUrl << google.scopes << qsizetype(2);
    QTest::newRow("microsoft-client-id") << R"({"providers": [{"id": "microsoft", "clientId": "m-456"}]})"_ba
                                         << u"microsoft"_s << microsoft.displayName << u"m-456"_s << QString()
                                         << microsoft.tokenUrl << microsoft.scopes << qsizetype(2);
    QTest::newRow("google-scopes-replaced")
        << R"({"providers": [{"id": "google", "scopes": ["a", "b"]}]})"_ba << u"google"_s << google.displayName
        << google.clientId << google.clientSecret << google.tokenUrl << QStringList{u"a"_s, u"b"_s} << qsizetype(2);
    QTest::newRow("custom-provider") << R"({"providers": [{"id": "corp", "displayName": "Corp mail",
              "authorizationUrl": "https://sso.corp.example/authorize", "tokenUrl": "https://sso.corp.example/token",
              "scopes": ["imap"], "clientId": "fumi", "authorizationParameters": {"prompt": "login"}}]})"_ba
                                     << u"corp"_s << u"Corp mail"_s << u"fumi"_s << QString()
                                     << QUrl(u"https://sso.corp.example/token"_s) << QStringList{u"imap"_s}
                                     << qsizetype(3);
    QTest::newRow("custom-provider-named-after-its-id")
        << R"({"providers": [{"id": "lab", "authorizationUrl": "https://lab.example/a",
              "tokenUrl": "https://lab.example/t", "clientId": "x"}]})"_ba
        << u"lab"_s << u"lab"_s << u"x"_s << QString() << QUrl(u"https://lab.example/t"_s) << QStringList()
        << qsizetype(3);
    QTest::newRow("custom-provider-on-loopback-http")
        << R"({"providers": [{"id": "dev", "authorizationUrl": "http://127.0.0.1:8080/authorize",
              "tokenUrl": "http://localhost:8080/token", "clientId": "dev"}]})"_ba
        << u"dev"_s << u"dev"_s << u"dev"_s << QString() << QUrl(u"http://localhost:8080/token"_s) << QStringList()
        << qsizetype(3);
    QTest::newRow("empty-list") << R"({"providers": []})"_ba << u"google"_s << google.displayName << google.clientId
                                << google.clientSecret << google.tokenUrl << google.scopes << qsizetype(2);
}

void TestOAuthProviders::overrides()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, id);
    QFETCH(QString, displayName);
    QFETCH(QString, clientId);
    QFETCH(QString, clientSecret);
    QFETCH(QUrl, tokenUrl);
    QFETCH(QStringList, scopes);
    QFETCH(qsizetype, count);

    QString error;
    const OAuthProviders providers = OAuthProviders::load(writeFile(json), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(providers.all().size(), count);
    const std::optional<OAuthProvider> provider = providers.find(id);
    QVERIFY(provider);
    QCOMPARE(provider->displayName, displayName);
    QCOMPARE(provider->clientId, clientId);
    QCOMPARE(provider->clientSecret, clientSecret);
    QCOMPARE(provider->tokenUrl, tokenUrl);
    QCOMPARE(provider->scopes, scopes);
    QVERIFY(validate(*provider).isEmpty() || clientId.isEmpty());
}

void TestOAuthProviders::badFile_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");

    QTest::newRow("not-json") << "{\"providers\": ["_ba << u"not valid JSON"_s;
    QTest::newRow("empty-file") << QByteArray() << u"not valid JSON"_s;
    QTest::newRow("list-at-the-top") << "[]"_ba << u"JSON object"_s;
    QTest::newRow("providers-not-a-list") << R"({"providers": {}})"_ba << u"must be a list"_s;
    QTest::newRow("misspelt-top-level-key") << R"({"provider": []})"_ba << u"unknown key \"provider\""_s;
    QTest::newRow("entry-not-an-object") << R"({"providers": [1]})"_ba << u"provider 1 is not an object"_s;
    QTest::newRow("entry-without-id") << R"({"providers": [{"clientId": "x"}]})"_ba << u"needs an \"id\""_s;
    QTest::newRow("id-with-a-slash") << R"({"providers": [{"id": "../etc", "clientId": "x"}]})"_ba
                                     << u"needs an \"id\""_s;
    QTest::newRow("id-twice") << R"({"providers": [{"id": "google"}, {"id": "google"}]})"_ba << u"appears twice"_s;
    QTest::newRow("misspelt-key") << R"({"providers": [{"id": "google", "clientID": "x"}]})"_ba
                                  << u"unknown key \"clientID\""_s;
    QTest::newRow("client-id-a-number") << R"({"providers": [{"id": "google", "clientId": 42}]})"_ba
                                        << u"\"clientId\" must be a string"_s;
    QTest::newRow("http-token-url-on-a-remote-host")
        << R"({"providers": [{"id": "google", "tokenUrl": "http://oauth.example/token"}]})"_ba
        << u"\"tokenUrl\" must be an https address"_s;
    QTest::newRow("http-authorization-url-on-a-remote-host")
        << R"({"providers": [{"id": "microsoft", "authorizationUrl": "http://10.0.0.1/authorize"}]})"_ba
        << u"\"authorizationUrl\" must be an https address"_s;
    QTest::newRow("ftp-url") << R"({"providers": [{"id": "google", "tokenUrl": "ftp://oauth.example/token"}]})"_ba
                             << u"\"tokenUrl\" must be an https address"_s;
    QTest::newRow("relative-url") << R"({"providers": [{"id": "google", "tokenUrl": "/token"}]})"_ba
                                  << u"\"tokenUrl\" must be an https address"_s;
    QTest::newRow("url-not-a-string") << R"({"providers": [{"id": "google", "tokenUrl": ["https://a/"]}]})"_ba
                                      << u"\"tokenUrl\" must be an https address"_s;
    QTest::newRow("custom-without-token-url")
        << R"({"providers": [{"id": "corp", "authorizationUrl": "https://a.example/", "clientId": "x"}]})"_ba
        << u"is new and needs"_s;
    QTest::newRow("custom-without-client-id")
        << R"({"providers": [{"id": "corp", "authorizationUrl": "https://a.example/",
              "tokenUrl": "https://a.example/t"}]})"_ba
        << u"is new and needs"_s;
    QTest::newRow("scopes-not-a-list") << R"({"providers": [{"id": "google", "scopes": "a b"}]})"_ba
                                       << u"\"scopes\" must be a list"_s;
    QTest::newRow("scope-with-a-space") << R"({"providers": [{"id": "google", "scopes": ["a b"]}]})"_ba
                                        << u"without spaces"_s;
    QTest::newRow("parameter-not-a-string")
        << R"({"providers": [{"id": "google", "authorizationParameters": {"prompt": 1}}]})"_ba
        << u"must be an object of strings"_s;
    QTest::newRow("parameter-replacing-the-redirect")
        << R"({"providers": [{"id": "google", "authorizationParameters": {"redirect_uri": "https://evil.example/"}}]})"_ba
        << u"may not set \"redirect_uri\""_s;
    QTest::newRow("second-entry-bad-so-first-not-applied")
        << R"({"providers": [{"id": "google", "clientId": "applied?"}, {"id": "microsoft", "clientId": 1}]})"_ba
        << u"\"clientId\" must be a string"_s;
    QTest::newRow("larger-than-a-mebibyte") << QByteArray(1024 * 1024 + 1, ' ') << u"larger than 1 MiB"_s;
}

void TestOAuthProviders::badFile()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);

    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"oauth-providers.json was ignored"_s));
    const OAuthProviders providers = OAuthProviders::load(writeFile(json), &error);
    QVERIFY2(error.contains(problem), qPrintable(error));
    QVERIFY2(error.contains(OAuthProviders::fileName), qPrintable(error));
    // Nothing of a bad file is applied, not even its good entries.
    QVERIFY(providers.all() == OAuthProviders::builtIn().all());

    // The error pointer may be null.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"oauth-providers.json was ignored"_s));
    QVERIFY(OAuthProviders::load(m_dir->path(), nullptr).all() == OAuthProviders::builtIn().all());
}

void TestOAuthProviders::unreadableFile()
{
    // A directory where the file should be: it exists but cannot be read as a file.
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(OAuthProviders::fileName.toString()));
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"oauth-providers.json was ignored"_s));
    const OAuthProviders providers = OAuthProviders::load(dir.path(), &error);
    QVERIFY2(error.contains(u"cannot be read"), qPrintable(error));
    QVERIFY(providers.all() == OAuthProviders::builtIn().all());
}

void TestOAuthProviders::validateProvider_data()
{
    QTest::addColumn<QString>("authorizationUrl");
    QTest::addColumn<QString>("tokenUrl");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<int>("problems");

    QTest::newRow("https") << u"https://a.example/auth"_s << u"https://a.example/token"_s << u"id"_s << 0;
    QTest::newRow("http-on-127.0.0.1") << u"http://127.0.0.1:1/auth"_s << u"http://127.0.0.1:1/token"_s << u"id"_s << 0;
    QTest::newRow("http-on-ipv6-loopback") << u"http://[::1]:1/auth"_s << u"http://[::1]:1/token"_s << u"id"_s << 0;
    QTest::newRow("http-token-url-remote")
        << u"https://a.example/auth"_s << u"http://a.example/token"_s << u"id"_s << 1;
    QTest::newRow("http-both-remote") << u"http://a.example/auth"_s << u"http://a.example/token"_s << u"id"_s << 2;
    QTest::newRow("no-client-id") << u"https://a.example/auth"_s << u"https://a.example/token"_s << QString() << 1;
    QTest::newRow("no-urls") << QString() << QString() << u"id"_s << 2;
}

void TestOAuthProviders::validateProvider()
{
    QFETCH(QString, authorizationUrl);
    QFETCH(QString, tokenUrl);
    QFETCH(QString, clientId);
    QFETCH(int, problems);

    OAuthProvider provider;
    provider.id = u"p"_s;
    provider.authorizationUrl = QUrl(authorizationUrl);
    provider.tokenUrl = QUrl(tokenUrl);
    provider.clientId = clientId;
    const QStringList found = validate(provider);
    QCOMPARE(found.size(), problems);
}

QTEST_GUILESS_MAIN(TestOAuthProviders)
#include "tst_OAuthProviders.moc"
