// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// NetworkHttpsFetcher against local servers reached under real names: verified TLS, the
// https-only redirect rule, limits, and when the callback runs.

#include "account/NetworkHttpsFetcher.h"
#include "support/LocalHttpsServers.h"
#include "support/TestCertificates.h"

#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace fumi::account;
using namespace fumi::test;
using namespace Qt::StringLiterals;

using Error = HttpsFetcher::Error;

namespace {

const QString configPath = u"/mail/config-v1.1.xml"_s;
const QUrl configUrl(u"https://autoconfig.example.test/mail/config-v1.1.xml?emailaddress=alice%40example.test"_s);

std::optional<HttpsFetcher::Result> fetchAndWait(HttpsFetcher &fetcher, const QUrl &url)
{
    std::optional<HttpsFetcher::Result> result;
    QObject context;
    fetcher.fetch(url, &context, [&result](const HttpsFetcher::Result &answer) {
        result = answer;
    });
    if (!QTest::qWaitFor(
            [&result] {
                return result.has_value();
            },
            30000))
        return std::nullopt;
    return result;
}

} // namespace

class TestNetworkHttpsFetcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void fetchesOverVerifiedTls();
    void followsRedirectsToHttps_data();
    void followsRedirectsToHttps();
    void failures_data();
    void failures();
    void bodyOfExactlyTheLimitIsAccepted();
    void callbackRunsLaterNotInsideFetch();
    void callbackNeverRunsWithoutItsContext();

private:
    NetworkHttpsFetcher::Options options(bool trustTestCa = true) const;

    LocalHttpsServers m_servers;
};

void TestNetworkHttpsFetcher::initTestCase()
{
    QString error;
    QVERIFY2(m_servers.createCertificates(&error), qPrintable(error));
}

void TestNetworkHttpsFetcher::init()
{
    QVERIFY(m_servers.start());
}

void TestNetworkHttpsFetcher::cleanup()
{
    // Whatever a test did, nothing may ever have spoken plain HTTP.
    QCOMPARE(m_servers.plainServer->connectionCount(), 0);
    QVERIFY2(m_servers.server->errors().isEmpty(), qPrintable(m_servers.server->errors().join(u'\n')));
    m_servers.server.reset();
    m_servers.untrustedServer.reset();
    m_servers.plainServer.reset();
}

NetworkHttpsFetcher::Options TestNetworkHttpsFetcher::options(bool trustTestCa) const
{
    NetworkHttpsFetcher::Options options;
    options.timeout = std::chrono::seconds(10);
    options.maxBytes = 4096;
    if (trustTestCa)
        options.caCertificates = {m_servers.certificates.ca()};
    const QHostAddress loopback(QHostAddress::LocalHost);
    options.connectTo = {
        {u"autoconfig.example.test"_s, {loopback, m_servers.server->serverPort()}},
        {u"example.test"_s, {loopback, m_servers.server->serverPort()}},
        {u"untrusted.example.test"_s, {loopback, m_servers.untrustedServer->serverPort()}},
        // The server's certificate does not name this host.
        {u"wrong-name.example.test"_s, {loopback, m_servers.server->serverPort()}},
        // Whatever reaches this one spoke plain HTTP: cleanup() fails the test.
        {u"plain.example.test"_s, {loopback, m_servers.plainServer->serverPort()}},
    };
    return options;
}

void TestNetworkHttpsFetcher::fetchesOverVerifiedTls()
{
    m_servers.server->serve("autoconfig.example.test", configPath.toLatin1(),
                            {200, "<clientConfig/>", {}, false, false});
    m_servers.server->serve("example.test", configPath.toLatin1(), {200, "the wrong virtual host", {}, false, false});
    NetworkHttpsFetcher fetcher(options());

    const auto result = fetchAndWait(fetcher, configUrl);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->body, QByteArray("<clientConfig/>"));
    QCOMPARE(result->url, configUrl);

    QCOMPARE(m_servers.server->requests().size(), 1);
    const LocalHttpsServer::Request &request = m_servers.server->requests().first();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.host, QByteArray("autoconfig.example.test"));
    QCOMPARE(request.target, QByteArray("/mail/config-v1.1.xml?emailaddress=alice%40example.test"));
}

void TestNetworkHttpsFetcher::followsRedirectsToHttps_data()
{
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QUrl>("finalUrl");

    QTest::newRow("absolute-to-another-host") << QByteArray("https://autoconfig.example.test/mail/config-v1.1.xml")
                                              << QUrl(u"https://autoconfig.example.test/mail/config-v1.1.xml"_s);
    QTest::newRow("relative-path") << QByteArray("/mail/config-v1.1.xml")
                                   << QUrl(u"https://example.test/mail/config-v1.1.xml"_s);
}

void TestNetworkHttpsFetcher::followsRedirectsToHttps()
{
    QFETCH(QByteArray, location);
    QFETCH(QUrl, finalUrl);

    m_servers.server->serveRedirect("example.test", "/.well-known/autoconfig/mail/config-v1.1.xml", location, 302);
    m_servers.server->serve("", configPath.toLatin1(), {200, "<clientConfig/>", {}, false, false});
    NetworkHttpsFetcher fetcher(options());

    const auto result
        = fetchAndWait(fetcher, QUrl(u"https://example.test/.well-known/autoconfig/mail/config-v1.1.xml"_s));
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(result->body, QByteArray("<clientConfig/>"));
    QCOMPARE(result->url, finalUrl);
    QCOMPARE(m_servers.server->requests().size(), 2);
    QCOMPARE(m_servers.server->requests().last().host, finalUrl.host().toLatin1());
}

void TestNetworkHttpsFetcher::failures_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<LocalHttpsServer::Response>("response"); // what autoconfig.example.test answers
    QTest::addColumn<bool>("trustTestCa");
    QTest::addColumn<Error>("error");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("message");

    using Response = LocalHttpsServer::Response;
    const Response config{200, "<clientConfig/>", {}, false, false};
    const QByteArray big(5000, 'x');

    QTest::newRow("http-url-refused") << QUrl(u"http://plain.example.test/mail/config-v1.1.xml"_s) << config << true
                                      << Error::NotHttps << 0 << u"not an HTTPS address"_s;
    QTest::newRow("redirect-to-http-refused")
        << configUrl
        << Response{301, {}, {{"Location", "http://plain.example.test/mail/config-v1.1.xml"}}, false, false} << true
        << Error::RedirectRefused << 301 << u"only HTTPS is followed"_s;
    QTest::newRow("redirect-to-ftp-refused")
        << configUrl << Response{302, {}, {{"Location", "ftp://plain.example.test/config.xml"}}, false, false} << true
        << Error::RedirectRefused << 302 << u"only HTTPS is followed"_s;
    QTest::newRow("redirect-loop") << configUrl
                                   << Response{307, {}, {{"Location", "/mail/config-v1.1.xml"}}, false, false} << true
                                   << Error::TooManyRedirects << 307 << u"more than 5 redirects"_s;
    QTest::newRow("redirect-without-location") << configUrl << Response{302, {}, {}, false, false} << true
                                               << Error::HttpStatus << 302 << u"without a Location"_s;
    QTest::newRow("not-found") << configUrl << Response{404, "no", {}, false, false} << true << Error::HttpStatus << 404
                               << u"answered 404"_s;
    QTest::newRow("server-error") << configUrl << Response{500, "oops", {}, false, false} << true << Error::HttpStatus
                                  << 500 << u"answered 500"_s;
    QTest::newRow("too-large-by-content-length") << configUrl << Response{200, big, {}, false, false} << true
                                                 << Error::TooLarge << 200 << u"larger than 4096 bytes"_s;
    QTest::newRow("too-large-without-content-length") << configUrl << Response{200, big, {}, true, false} << true
                                                      << Error::TooLarge << 200 << u"larger than 4096 bytes"_s;
    QTest::newRow("untrusted-certificate-authority")
        << configUrl << config << false << Error::Tls << 0 << u"TLS with autoconfig.example.test failed"_s;
    QTest::newRow("certificate-for-other-names")
        << QUrl(u"https://wrong-name.example.test/mail/config-v1.1.xml"_s) << config << true << Error::Tls << 0
        << u"TLS with wrong-name.example.test failed"_s;
    QTest::newRow("certificate-of-another-authority")
        << QUrl(u"https://untrusted.example.test/mail/config-v1.1.xml"_s) << config << true << Error::Tls << 0
        << u"TLS with untrusted.example.test failed"_s;
    QTest::newRow("host-outside-the-test-map")
        << QUrl(u"https://autoconfig.elsewhere.test/mail/config-v1.1.xml"_s) << config << true << Error::HostNotFound
        << 0 << u"not one of the hosts"_s;
}

void TestNetworkHttpsFetcher::failures()
{
    QFETCH(QUrl, url);
    QFETCH(LocalHttpsServer::Response, response);
    QFETCH(bool, trustTestCa);
    QFETCH(Error, error);
    QFETCH(int, httpStatus);
    QFETCH(QString, message);

    m_servers.server->serve("", configPath.toLatin1(), response);
    m_servers.untrustedServer->serve("", configPath.toLatin1(), response);
    NetworkHttpsFetcher fetcher(options(trustTestCa));

    const auto result = fetchAndWait(fetcher, url);
    QVERIFY(result);
    QCOMPARE(result->error, error);
    QCOMPARE(result->httpStatus, httpStatus);
    QVERIFY2(result->message.contains(message), qPrintable(result->message));
    QVERIFY(result->body.isEmpty());
    if (error == Error::Tls) {
        // TLS failed before a request was sent.
        QVERIFY(m_servers.server->requests().isEmpty());
        QVERIFY(m_servers.untrustedServer->requests().isEmpty());
    }
}

void TestNetworkHttpsFetcher::bodyOfExactlyTheLimitIsAccepted()
{
    const QByteArray body(4096, 'x');
    m_servers.server->serve("", configPath.toLatin1(), {200, body, {}, true, false});
    NetworkHttpsFetcher fetcher(options());

    const auto result = fetchAndWait(fetcher, configUrl);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(result->body, body);
}

void TestNetworkHttpsFetcher::callbackRunsLaterNotInsideFetch()
{
    NetworkHttpsFetcher fetcher(options());
    QObject context;
    int calls = 0;
    fetcher.fetch(QUrl(u"http://plain.example.test/"_s), &context, [&calls](const HttpsFetcher::Result &) {
        ++calls;
    });
    QCOMPARE(calls, 0);
    QTRY_COMPARE(calls, 1);
}

void TestNetworkHttpsFetcher::callbackNeverRunsWithoutItsContext()
{
    // The server never answers, so every fetch ends by its time limit, the first one first;
    // the first one's context is gone by then.
    m_servers.server->serve("", configPath.toLatin1(), {200, {}, {}, false, true});
    NetworkHttpsFetcher::Options shortLimit = options();
    shortLimit.timeout = std::chrono::milliseconds(300);
    NetworkHttpsFetcher fetcher(shortLimit);
    auto context = std::make_unique<QObject>();
    int calls = 0;
    fetcher.fetch(configUrl, context.get(), [&calls](const HttpsFetcher::Result &) {
        ++calls;
    });
    std::optional<HttpsFetcher::Result> later;
    QObject laterContext;
    fetcher.fetch(configUrl, &laterContext, [&later](const HttpsFetcher::Result &result) {
        later = result;
    });
    context.reset();
    QTRY_VERIFY(later.has_value());
    QCOMPARE(later->error, Error::Timeout);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestNetworkHttpsFetcher)
#include "tst_NetworkHttpsFetcher.moc"
