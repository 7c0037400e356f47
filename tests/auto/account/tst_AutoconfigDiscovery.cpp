// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// AutoconfigDiscovery with the real HTTPS fetcher against local servers that stand for
// autoconfig.example.test and example.test, and a fake SRV resolver: the order of attempts,
// every fallback, merging and ranking, and the security rules (HTTPS only, verified
// certificates, no plain text to remote hosts).

#include "account/AutoconfigDiscovery.h"
#include "account/NetworkHttpsFetcher.h"
#include "support/FakeSrvResolver.h"
#include "support/LocalHttpsServers.h"
#include "support/TestCertificates.h"
#include "support/TestData.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace fumi::account;
using namespace fumi::test;
using namespace Qt::StringLiterals;

using Source = ServerCandidate::Source;
using Record = SrvResolver::Record;

namespace {

const QByteArray configPath = "/mail/config-v1.1.xml";
const QByteArray wellKnownPath = "/.well-known/autoconfig/mail/config-v1.1.xml";

QByteArray dataFile(const QString &name)
{
    return readTestData(u"autoconfig/"_s + name);
}

QString dump(const ServerCandidate &c)
{
    QString text = u"%1 %2 %3"_s.arg(formatHostAndPort(c.host, c.port), securityName(c.security),
                                     ServerCandidate::sourceName(c.source));
    if (!c.verified)
        text += u" unverified"_s;
    return text;
}

QStringList dump(const QList<ServerCandidate> &candidates)
{
    QStringList lines;
    for (const ServerCandidate &candidate : candidates)
        lines << dump(candidate);
    return lines;
}

QStringList outcomes(const DiscoveryResult &result)
{
    QStringList lines;
    for (const DiscoveryResult::Attempt &attempt : result.attempts)
        lines << ServerCandidate::sourceName(attempt.source) + u' ' + DiscoveryResult::outcomeName(attempt.outcome);
    return lines;
}

ServerCandidate candidate(Source source, const QString &host, quint16 port, Security security, quint16 priority = 0,
                          quint16 weight = 0)
{
    ServerCandidate c;
    c.protocol = Protocol::Imap;
    c.host = host;
    c.port = port;
    c.security = security;
    c.source = source;
    c.verified = source != Source::Guess;
    c.srvPriority = priority;
    c.srvWeight = weight;
    return c;
}

// The real fetcher, with a record of what was asked of it and of answers delivered.
class RecordingFetcher : public HttpsFetcher
{
public:
    RecordingFetcher(std::unique_ptr<HttpsFetcher> inner, QStringList *journal)
        : m_inner(std::move(inner))
        , m_journal(journal)
    {
    }

    void fetch(const QUrl &url, QObject *context, Callback callback) override
    {
        urls << url;
        *m_journal << u"fetch "_s + url.toString(QUrl::FullyEncoded);
        m_inner->fetch(url, context, [this, callback = std::move(callback)](const Result &result) {
            ++answered;
            callback(result);
        });
    }

    QList<QUrl> urls;
    int answered = 0;

private:
    std::unique_ptr<HttpsFetcher> m_inner;
    QStringList *m_journal;
};

} // namespace

class TestAutoconfigDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void autoconfigFileWins();
    void fallbacks_data();
    void fallbacks();
    void guessesFillOnlyWhatNothingStated();
    void srvMergesWithTheFileAndRanks();
    void srvFailuresAreNotedAndSkipped();
    void redirectToHttpIsRefusedAndTheNextSourceTried();
    void untrustedCertificateFailsAndTheNextSourceIsTried();
    void plainTextOnlyForLoopback();
    void invalidAddress_data();
    void invalidAddress();
    void addressForms_data();
    void addressForms();
    void rank_data();
    void rank();
    void newDiscoveryAbandonsTheRunningOne();
    void resultAsJsonAndText();

private:
    void makeDiscovery(QHash<QString, NetworkHttpsFetcher::Endpoint> connectTo = {});
    [[nodiscard]] std::optional<DiscoveryResult> run(const QString &address);

    LocalHttpsServers m_servers;
    QStringList m_journal;
    std::unique_ptr<AutoconfigDiscovery> m_discovery;
    RecordingFetcher *m_fetcher = nullptr; // owned by m_discovery
    FakeSrvResolver *m_resolver = nullptr; // owned by m_discovery
    QList<DiscoveryResult> m_results;
};

void TestAutoconfigDiscovery::initTestCase()
{
    QString error;
    QVERIFY2(m_servers.createCertificates(&error), qPrintable(error));
}

void TestAutoconfigDiscovery::init()
{
    QVERIFY(m_servers.start());
    m_journal.clear();
    m_results.clear();
    makeDiscovery();
}

void TestAutoconfigDiscovery::cleanup()
{
    // Whatever a test did: only HTTPS was asked for, and nothing ever spoke plain HTTP.
    for (const QUrl &url : std::as_const(m_fetcher->urls))
        QCOMPARE(url.scheme(), u"https"_s);
    QCOMPARE(m_servers.plainServer->connectionCount(), 0);
    m_discovery.reset();
    m_servers.server.reset();
    m_servers.untrustedServer.reset();
    m_servers.plainServer.reset();
}

void TestAutoconfigDiscovery::makeDiscovery(QHash<QString, NetworkHttpsFetcher::Endpoint> connectTo)
{
    const QHostAddress loopback(QHostAddress::LocalHost);
    if (connectTo.isEmpty()) {
        connectTo = {
            {u"autoconfig.example.test"_s, {loopback, m_servers.server->serverPort()}},
            {u"example.test"_s, {loopback, m_servers.server->serverPort()}},
        };
    }
    // Whatever reaches this one spoke plain HTTP: cleanup() fails the test.
    connectTo.insert(u"plain.example.test"_s, {loopback, m_servers.plainServer->serverPort()});
    NetworkHttpsFetcher::Options options;
    options.caCertificates = {m_servers.certificates.ca()};
    options.connectTo = connectTo;
    options.timeout = std::chrono::seconds(10);
    auto fetcher = std::make_unique<RecordingFetcher>(std::make_unique<NetworkHttpsFetcher>(options), &m_journal);
    auto resolver = std::make_unique<FakeSrvResolver>();
    resolver->journal = &m_journal;
    m_fetcher = fetcher.get();
    m_resolver = resolver.get();
    m_discovery = std::make_unique<AutoconfigDiscovery>(std::move(fetcher), std::move(resolver));
    connect(m_discovery.get(), &AutoconfigDiscovery::finished, this, [this](const DiscoveryResult &result) {
        m_results << result;
    });
}

std::optional<DiscoveryResult> TestAutoconfigDiscovery::run(const QString &address)
{
    m_results.clear();
    m_discovery->discover(address);
    if (!m_results.isEmpty()) {
        qWarning("finished() was emitted inside discover()");
        return std::nullopt;
    }
    if (!QTest::qWaitFor(
            [this] {
                return !m_results.isEmpty();
            },
            60000))
        return std::nullopt;
    return m_results.first();
}

void TestAutoconfigDiscovery::autoconfigFileWins()
{
    m_servers.server->serve("autoconfig.example.test", configPath,
                            {200, dataFile(u"example.test.xml"_s), {}, false, false});
    m_servers.server->serve("example.test", wellKnownPath, {200, dataFile(u"local-parts.xml"_s), {}, false, false});

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    QVERIFY(result->ok());
    QCOMPARE(result->emailAddress, u"alice@example.test"_s);
    QCOMPARE(result->domain, u"example.test"_s);
    QCOMPARE(result->displayName, u"Example Mail"_s);
    QCOMPARE(dump(result->imap),
             QStringList({u"imap.example.test:993 tls autoconfig"_s, u"imap.example.test:143 starttls autoconfig"_s}));
    QCOMPARE(dump(result->smtp),
             QStringList({u"smtp.example.test:465 tls autoconfig"_s, u"smtp.example.test:587 starttls autoconfig"_s}));
    QCOMPARE(result->imap.first().login, u"alice@example.test"_s);
    QCOMPARE(result->imap.first().authMethods,
             QList<ServerCandidate::AuthMethod>(
                 {ServerCandidate::AuthMethod::OAuth2, ServerCandidate::AuthMethod::PasswordCleartext}));

    // The well-known file is not fetched once the autoconfig host gave one; SRV is still asked,
    // after the file, all four names.
    QCOMPARE(m_journal,
             QStringList({
                 u"fetch https://autoconfig.example.test/mail/config-v1.1.xml?emailaddress=alice%40example.test"_s,
                 u"srv _imaps._tcp.example.test"_s,
                 u"srv _imap._tcp.example.test"_s,
                 u"srv _submissions._tcp.example.test"_s,
                 u"srv _submission._tcp.example.test"_s,
             }));
    QCOMPARE(outcomes(*result),
             QStringList({u"autoconfig found"_s, u"srv not-found"_s, u"srv not-found"_s, u"srv not-found"_s,
                          u"srv not-found"_s}));
    QCOMPARE(result->attempts.first().target,
             u"https://autoconfig.example.test/mail/config-v1.1.xml?emailaddress=alice%40example.test"_s);
    QCOMPARE(m_servers.server->requests().size(), 1);
    QCOMPARE(m_servers.server->requests().first().host, QByteArray("autoconfig.example.test"));
    QCOMPARE(m_servers.server->requests().first().query().queryItemValue(u"emailaddress"_s, QUrl::FullyDecoded),
             u"alice@example.test"_s);
}

void TestAutoconfigDiscovery::fallbacks_data()
{
    QTest::addColumn<QString>("autoconfigFile"); // empty: 404
    QTest::addColumn<QString>("wellKnownFile");  // empty: 404
    QTest::addColumn<bool>("srvRecords");
    QTest::addColumn<QStringList>("expectedOutcomes");
    QTest::addColumn<QString>("expectedFirstImap");
    QTest::addColumn<QString>("expectedFirstSmtp");

    const QString file = u"example.test.xml"_s;
    const QStringList noSrv{u"srv not-found"_s, u"srv not-found"_s, u"srv not-found"_s, u"srv not-found"_s};
    QTest::newRow("autoconfig-host") << file << file << true
                                     << QStringList({u"autoconfig found"_s, u"srv found"_s, u"srv not-found"_s,
                                                     u"srv found"_s, u"srv not-found"_s})
                                     << u"imap.example.test:993 tls autoconfig"_s
                                     << u"smtp.example.test:465 tls autoconfig"_s;
    QTest::newRow("well-known-after-not-found")
        << QString() << file << false << QStringList({u"autoconfig not-found"_s, u"well-known found"_s}) + noSrv
        << u"imap.example.test:993 tls well-known"_s << u"smtp.example.test:465 tls well-known"_s;
    QTest::newRow("well-known-after-broken-file")
        << u"not-well-formed.xml"_s << file << false
        << QStringList({u"autoconfig failed"_s, u"well-known found"_s}) + noSrv
        << u"imap.example.test:993 tls well-known"_s << u"smtp.example.test:465 tls well-known"_s;
    QTest::newRow("well-known-after-html-page")
        << u"html-error-page.xml"_s << file << false
        << QStringList({u"autoconfig failed"_s, u"well-known found"_s}) + noSrv
        << u"imap.example.test:993 tls well-known"_s << u"smtp.example.test:465 tls well-known"_s;
    QTest::newRow("well-known-after-file-without-usable-servers")
        << u"pop3-only.xml"_s << file << false << QStringList({u"autoconfig empty"_s, u"well-known found"_s}) + noSrv
        << u"imap.example.test:993 tls well-known"_s << u"smtp.example.test:465 tls well-known"_s;
    QTest::newRow("srv-after-both-files-fail")
        << QString() << u"not-well-formed.xml"_s << true
        << QStringList({u"autoconfig not-found"_s, u"well-known failed"_s, u"srv found"_s, u"srv not-found"_s,
                        u"srv found"_s, u"srv not-found"_s})
        << u"mail.example.test:993 tls srv"_s << u"mail.example.test:465 tls srv"_s;
    QTest::newRow("guesses-when-nothing-is-stated")
        << QString() << QString() << false
        << QStringList({u"autoconfig not-found"_s, u"well-known not-found"_s}) + noSrv
            + QStringList({u"guess found"_s, u"guess found"_s})
        << u"imap.example.test:993 tls guess unverified"_s << u"smtp.example.test:465 tls guess unverified"_s;
}

void TestAutoconfigDiscovery::fallbacks()
{
    QFETCH(QString, autoconfigFile);
    QFETCH(QString, wellKnownFile);
    QFETCH(bool, srvRecords);
    QFETCH(QStringList, expectedOutcomes);
    QFETCH(QString, expectedFirstImap);
    QFETCH(QString, expectedFirstSmtp);

    if (!autoconfigFile.isEmpty())
        m_servers.server->serve("autoconfig.example.test", configPath,
                                {200, dataFile(autoconfigFile), {}, false, false});
    if (!wellKnownFile.isEmpty())
        m_servers.server->serve("example.test", wellKnownPath, {200, dataFile(wellKnownFile), {}, false, false});
    if (srvRecords) {
        m_resolver->setRecords(u"_imaps._tcp.example.test"_s, {{u"mail.example.test"_s, 993, 0, 1}});
        m_resolver->setRecords(u"_submissions._tcp.example.test"_s, {{u"mail.example.test"_s, 465, 0, 1}});
    }

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    QVERIFY(result->ok());
    QCOMPARE(outcomes(*result), expectedOutcomes);
    QVERIFY(!result->imap.isEmpty());
    QVERIFY(!result->smtp.isEmpty());
    QCOMPARE(dump(result->imap.first()), expectedFirstImap);
    QCOMPARE(dump(result->smtp.first()), expectedFirstSmtp);

    // The order of trying: the autoconfig host, the well-known location only when the first gave
    // nothing usable, then SRV.
    QStringList fetched;
    for (const QUrl &url : std::as_const(m_fetcher->urls))
        fetched << url.host() + url.path();
    QStringList expectedFetches{u"autoconfig.example.test/mail/config-v1.1.xml"_s};
    if (!expectedOutcomes.contains(u"autoconfig found"_s))
        expectedFetches << u"example.test/.well-known/autoconfig/mail/config-v1.1.xml"_s;
    QCOMPARE(fetched, expectedFetches);
    QCOMPARE(m_journal.mid(fetched.size()),
             QStringList({
                 u"srv _imaps._tcp.example.test"_s,
                 u"srv _imap._tcp.example.test"_s,
                 u"srv _submissions._tcp.example.test"_s,
                 u"srv _submission._tcp.example.test"_s,
             }));
    for (const ServerCandidate &candidate : result->imap + result->smtp)
        QCOMPARE(candidate.verified, candidate.source != Source::Guess);
}

void TestAutoconfigDiscovery::guessesFillOnlyWhatNothingStated()
{
    // A file with an IMAP server and no SMTP one: submission is guessed, IMAP is not.
    m_servers.server->serve("autoconfig.example.test", configPath,
                            {200,
                             "<clientConfig version=\"1.1\"><emailProvider id=\"example.test\">"
                             "<incomingServer type=\"imap\"><hostname>imap.example.test</hostname><port>993</port>"
                             "<socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>"
                             "</emailProvider></clientConfig>",
                             {},
                             false,
                             false});

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    QCOMPARE(dump(result->imap), QStringList{u"imap.example.test:993 tls autoconfig"_s});
    QCOMPARE(dump(result->smtp),
             QStringList({
                 u"smtp.example.test:465 tls guess unverified"_s,
                 u"mail.example.test:465 tls guess unverified"_s,
                 u"smtp.example.test:587 starttls guess unverified"_s,
                 u"mail.example.test:587 starttls guess unverified"_s,
             }));
    for (const ServerCandidate &guess : result->smtp)
        QCOMPARE(guess.login, u"alice@example.test"_s);
    QCOMPARE(outcomes(*result).last(), u"guess found"_s);
    QCOMPARE(result->attempts.last().target, u"smtp.example.test, mail.example.test"_s);
}

void TestAutoconfigDiscovery::srvMergesWithTheFileAndRanks()
{
    m_servers.server->serve("autoconfig.example.test", configPath,
                            {200, dataFile(u"example.test.xml"_s), {}, false, false});
    m_resolver->setRecords(u"_imaps._tcp.example.test"_s,
                           {
                               {u"imap.example.test."_s, 993, 0, 0}, // the file's
                               {u"imap2.example.test"_s, 993, 10, 0},
                           });
    m_resolver->setRecords(u"_imap._tcp.example.test"_s, {{u"imap.example.test"_s, 143, 0, 0}});
    m_resolver->setRecords(u"_submissions._tcp.example.test"_s, {{u"."_s, 0, 0, 0}});
    m_resolver->setRecords(u"_submission._tcp.example.test"_s,
                           {
                               {u"smtp2.example.test"_s, 2587, 5, 10},
                               {u"smtp.example.test"_s, 587, 0, 0},
                               {u"smtp3.example.test"_s, 587, 5, 50},
                           });
    // Answers arrive in the reverse order of the questions; the record stays in question order.
    m_resolver->setDelay(u"_imaps._tcp.example.test"_s, std::chrono::milliseconds(60));
    m_resolver->setDelay(u"_imap._tcp.example.test"_s, std::chrono::milliseconds(40));
    m_resolver->setDelay(u"_submissions._tcp.example.test"_s, std::chrono::milliseconds(20));

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    // Implicit TLS before STARTTLS across sources; the file before SRV for the same security;
    // SRV by priority, then weight; a server both sources state is proposed once, as the file's.
    QCOMPARE(dump(result->imap),
             QStringList({
                 u"imap.example.test:993 tls autoconfig"_s,
                 u"imap2.example.test:993 tls srv"_s,
                 u"imap.example.test:143 starttls autoconfig"_s,
             }));
    QCOMPARE(dump(result->smtp),
             QStringList({
                 u"smtp.example.test:465 tls autoconfig"_s,
                 u"smtp.example.test:587 starttls autoconfig"_s,
                 u"smtp3.example.test:587 starttls srv"_s,
                 u"smtp2.example.test:2587 starttls srv"_s,
             }));
    // The merged server keeps the file's sign-in methods and login.
    QCOMPARE(result->imap.first().authMethods.size(), 2);
    QCOMPARE(result->imap.first().login, u"alice@example.test"_s);
    QCOMPARE(result->smtp.last().login, u"alice@example.test"_s); // RFC 6186: the whole address
    QCOMPARE(result->smtp.last().srvPriority, quint16(5));
    QCOMPARE(result->smtp.last().srvWeight, quint16(10));

    QCOMPARE(outcomes(*result),
             QStringList({u"autoconfig found"_s, u"srv found"_s, u"srv found"_s, u"srv empty"_s, u"srv found"_s}));
    QCOMPARE(result->attempts[3].target, u"_submissions._tcp.example.test"_s);
    QVERIFY2(result->attempts[3].message.contains(u"not offered"_s), qPrintable(result->attempts[3].message));
}

void TestAutoconfigDiscovery::srvFailuresAreNotedAndSkipped()
{
    m_resolver->setError(u"_imaps._tcp.example.test"_s, SrvResolver::Error::Failed, u"SERVFAIL"_s);
    m_resolver->setError(u"_imap._tcp.example.test"_s, SrvResolver::Error::Timeout, u"no answer"_s);
    m_resolver->setRecords(u"_submissions._tcp.example.test"_s,
                           {
                               {u"bad host"_s, 465, 0, 0},
                               {u"smtp.example.test"_s, 0, 0, 0},
                           });
    m_resolver->setRecords(u"_submission._tcp.example.test"_s, {{u"smtp.example.test"_s, 587, 0, 0}});

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    QCOMPARE(outcomes(*result),
             QStringList({u"autoconfig not-found"_s, u"well-known not-found"_s, u"srv failed"_s, u"srv failed"_s,
                          u"srv empty"_s, u"srv found"_s, u"guess found"_s}));
    QCOMPARE(result->attempts[2].message, u"SERVFAIL"_s);
    QCOMPARE(result->attempts[3].message, u"no answer"_s);
    QCOMPARE(dump(result->smtp), QStringList{u"smtp.example.test:587 starttls srv"_s});
    QCOMPARE(result->imap.size(), 4); // guesses
    QCOMPARE(result->warnings.size(), 2);
    QVERIFY2(result->warnings[0].contains(u"bad host"_s), qPrintable(result->warnings[0]));
}

void TestAutoconfigDiscovery::redirectToHttpIsRefusedAndTheNextSourceTried()
{
    m_servers.server->serveRedirect("autoconfig.example.test", configPath,
                                    "http://plain.example.test/mail/config-v1.1.xml");
    m_servers.server->serve("example.test", wellKnownPath, {200, dataFile(u"example.test.xml"_s), {}, false, false});

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    QCOMPARE(outcomes(*result).mid(0, 2), QStringList({u"autoconfig failed"_s, u"well-known found"_s}));
    QVERIFY2(result->attempts.first().message.contains(u"refused the redirect"_s),
             qPrintable(result->attempts.first().message));
    QVERIFY2(result->attempts.first().message.contains(u"http://plain.example.test"_s),
             qPrintable(result->attempts.first().message));
    QCOMPARE(dump(result->imap.first()), u"imap.example.test:993 tls well-known"_s);
    // cleanup() checks that the plain-HTTP server saw no connection.
}

void TestAutoconfigDiscovery::untrustedCertificateFailsAndTheNextSourceIsTried()
{
    // The autoconfig host presents a certificate for its name from a CA nobody trusts, and
    // serves a file that must not be used.
    const QHostAddress loopback(QHostAddress::LocalHost);
    makeDiscovery({
        {u"autoconfig.example.test"_s, {loopback, m_servers.untrustedServer->serverPort()}},
        {u"example.test"_s, {loopback, m_servers.server->serverPort()}},
    });
    m_servers.untrustedServer->serve("", configPath, {200, dataFile(u"example.test.xml"_s), {}, false, false});
    m_servers.server->serve("example.test", wellKnownPath, {200, dataFile(u"local-parts.xml"_s), {}, false, false});

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    QCOMPARE(outcomes(*result).mid(0, 2), QStringList({u"autoconfig failed"_s, u"well-known found"_s}));
    QVERIFY2(result->attempts.first().message.contains(u"TLS with autoconfig.example.test failed"_s),
             qPrintable(result->attempts.first().message));
    QVERIFY(m_servers.untrustedServer->requests().isEmpty());
    QCOMPARE(dump(result->imap.first()), u"mail.example.test:993 tls well-known"_s);
}

void TestAutoconfigDiscovery::plainTextOnlyForLoopback()
{
    m_servers.server->serve("autoconfig.example.test", configPath,
                            {200, dataFile(u"local-parts.xml"_s), {}, false, false});

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    QCOMPARE(result->displayName, u"example.test mail"_s);
    QCOMPARE(dump(result->imap),
             QStringList({
                 u"mail.example.test:993 tls autoconfig"_s,
                 u"127.0.0.1:1143 plain autoconfig"_s,
             }));
    QCOMPARE(result->imap.first().login, u"alice"_s);
    QCOMPARE(dump(result->smtp), QStringList{u"mail.example.test:587 starttls autoconfig"_s});
    QCOMPARE(result->smtp.first().login, u"alice@example.test"_s);
    QCOMPARE(result->warnings.size(), 1);
    QVERIFY2(result->warnings.first().contains(u"legacy.example.test:143"_s), qPrintable(result->warnings.first()));
    for (const ServerCandidate &c : result->imap + result->smtp)
        QVERIFY(c.security != Security::Plain || isLoopbackHost(c.host));
}

void TestAutoconfigDiscovery::invalidAddress_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << u"No email address"_s;
    QTest::newRow("only-spaces") << u"   "_s << u"No email address"_s;
    QTest::newRow("no-at") << u"alice.example.test"_s << u"has no @"_s;
    QTest::newRow("nothing-before-the-at") << u"@example.test"_s << u"nothing comes before"_s;
    QTest::newRow("nothing-after-the-at") << u"alice@"_s << u"no domain"_s;
    QTest::newRow("two-ats") << u"alice@bob@example.test"_s << u"more than one @"_s;
    QTest::newRow("space-inside") << u"alice smith@example.test"_s << u"space"_s;
    QTest::newRow("single-label-domain") << u"alice@localhost"_s << u"not a full domain name"_s;
    QTest::newRow("address-literal") << u"alice@[127.0.0.1]"_s << u"address literal"_s;
    QTest::newRow("ip-address-domain") << u"alice@127.0.0.1"_s << u"address literal"_s;
    QTest::newRow("empty-label") << u"alice@example..test"_s << u"not a domain name"_s;
    QTest::newRow("slash-in-domain") << u"alice@example.test/evil"_s << u"not a domain name"_s;
    QTest::newRow("too-long") << QString(u"a"_s.repeated(250) + u"@example.test"_s) << u"longer than 254"_s;
}

void TestAutoconfigDiscovery::invalidAddress()
{
    QFETCH(QString, address);
    QFETCH(QString, message);

    const auto result = run(address);
    QVERIFY(result);
    QCOMPARE(result->error, DiscoveryResult::Error::InvalidAddress);
    QVERIFY(!result->ok());
    QVERIFY2(result->errorMessage.contains(message), qPrintable(result->errorMessage));
    QVERIFY(result->attempts.isEmpty());
    QVERIFY(result->imap.isEmpty());
    QVERIFY(result->smtp.isEmpty());
    QVERIFY(m_journal.isEmpty()); // nothing fetched, nothing looked up
    QCOMPARE(m_results.size(), 1);
}

void TestAutoconfigDiscovery::addressForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("localPart");
    QTest::addColumn<QString>("domain");

    QTest::newRow("plain") << u"alice@example.test"_s << u"alice@example.test"_s << u"alice"_s << u"example.test"_s;
    QTest::newRow("spaces-around") << u"  alice@example.test\t"_s << u"alice@example.test"_s << u"alice"_s
                                   << u"example.test"_s;
    QTest::newRow("upper-case-domain") << u"Alice@Example.TEST"_s << u"Alice@Example.TEST"_s << u"Alice"_s
                                       << u"example.test"_s;
    QTest::newRow("international-domain")
        << u"alice@bücher.example"_s << u"alice@bücher.example"_s << u"alice"_s << u"xn--bcher-kva.example"_s;
    QTest::newRow("quoted-local-part-with-at")
        << u"\"a@b\"@example.test"_s << u"\"a@b\"@example.test"_s << u"\"a@b\""_s << u"example.test"_s;
    QTest::newRow("plus-and-dots") << u"a.b+tag@mail.example.test"_s << u"a.b+tag@mail.example.test"_s << u"a.b+tag"_s
                                   << u"mail.example.test"_s;
}

void TestAutoconfigDiscovery::addressForms()
{
    QFETCH(QString, text);
    QFETCH(QString, address);
    QFETCH(QString, localPart);
    QFETCH(QString, domain);

    const AutoconfigDiscovery::Address parsed = AutoconfigDiscovery::parseAddress(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error));
    QCOMPARE(parsed.address, address);
    QCOMPARE(parsed.localPart, localPart);
    QCOMPARE(parsed.domain, domain);
}

void TestAutoconfigDiscovery::rank_data()
{
    QTest::addColumn<QList<ServerCandidate>>("candidates");
    QTest::addColumn<QStringList>("expected");

    const QString h = u"imap.example.test"_s;
    QTest::newRow("tls-before-starttls-whatever-the-source")
        << QList<ServerCandidate>{candidate(Source::AutoconfigXml, h, 143, Security::StartTls),
                                  candidate(Source::Srv, u"srv.example.test"_s, 993, Security::Tls)}
        << QStringList{u"srv.example.test:993 tls srv"_s, u"imap.example.test:143 starttls autoconfig"_s};
    QTest::newRow("source-order-for-equal-security")
        << QList<ServerCandidate>{candidate(Source::Srv, u"c.example.test"_s, 993, Security::Tls),
                                  candidate(Source::WellKnown, u"b.example.test"_s, 993, Security::Tls),
                                  candidate(Source::AutoconfigXml, u"a.example.test"_s, 993, Security::Tls)}
        << QStringList{u"a.example.test:993 tls autoconfig"_s, u"b.example.test:993 tls well-known"_s,
                       u"c.example.test:993 tls srv"_s};
    QTest::newRow("srv-priority-then-weight")
        << QList<ServerCandidate>{candidate(Source::Srv, u"p10.example.test"_s, 993, Security::Tls, 10, 100),
                                  candidate(Source::Srv, u"p0w1.example.test"_s, 993, Security::Tls, 0, 1),
                                  candidate(Source::Srv, u"p0w9.example.test"_s, 993, Security::Tls, 0, 9)}
        << QStringList{u"p0w9.example.test:993 tls srv"_s, u"p0w1.example.test:993 tls srv"_s,
                       u"p10.example.test:993 tls srv"_s};
    QTest::newRow("guesses-after-stated-servers-even-with-better-security")
        << QList<ServerCandidate>{candidate(Source::Guess, h, 993, Security::Tls),
                                  candidate(Source::Srv, u"srv.example.test"_s, 143, Security::StartTls)}
        << QStringList{u"srv.example.test:143 starttls srv"_s, u"imap.example.test:993 tls guess unverified"_s};
    QTest::newRow("plain-last") << QList<ServerCandidate>{candidate(Source::AutoconfigXml, u"127.0.0.1"_s, 143,
                                                                    Security::Plain),
                                                          candidate(Source::Srv, h, 143, Security::StartTls)}
                                << QStringList{u"imap.example.test:143 starttls srv"_s,
                                               u"127.0.0.1:143 plain autoconfig"_s};
    QTest::newRow("duplicate-keeps-the-best-source")
        << QList<ServerCandidate>{candidate(Source::Srv, h, 993, Security::Tls),
                                  candidate(Source::Guess, h, 993, Security::Tls),
                                  candidate(Source::AutoconfigXml, h, 993, Security::Tls)}
        << QStringList{u"imap.example.test:993 tls autoconfig"_s};
    QTest::newRow("same-host-other-port-or-security-kept")
        << QList<ServerCandidate>{candidate(Source::AutoconfigXml, h, 993, Security::Tls),
                                  candidate(Source::AutoconfigXml, h, 143, Security::StartTls),
                                  candidate(Source::Srv, h, 1993, Security::Tls)}
        << QStringList{u"imap.example.test:993 tls autoconfig"_s, u"imap.example.test:1993 tls srv"_s,
                       u"imap.example.test:143 starttls autoconfig"_s};
    QTest::newRow("order-of-the-source-kept-for-ties")
        << QList<ServerCandidate>{candidate(Source::AutoconfigXml, u"z.example.test"_s, 993, Security::Tls),
                                  candidate(Source::AutoconfigXml, u"a.example.test"_s, 993, Security::Tls)}
        << QStringList{u"z.example.test:993 tls autoconfig"_s, u"a.example.test:993 tls autoconfig"_s};
    QTest::newRow("empty") << QList<ServerCandidate>{} << QStringList{};
}

void TestAutoconfigDiscovery::rank()
{
    QFETCH(QList<ServerCandidate>, candidates);
    QFETCH(QStringList, expected);

    QCOMPARE(dump(AutoconfigDiscovery::rank(candidates)), expected);
}

void TestAutoconfigDiscovery::newDiscoveryAbandonsTheRunningOne()
{
    m_servers.server->serve("autoconfig.example.test", configPath,
                            {200, dataFile(u"example.test.xml"_s), {}, false, false});
    m_discovery->discover(u"alice@example.test"_s);
    m_discovery->discover(u"bob@example.test"_s);
    QVERIFY(m_discovery->isRunning());
    QTRY_COMPARE(m_results.size(), 1);
    QVERIFY(!m_discovery->isRunning());
    // Both fetches have answered; the first one's answer changed nothing.
    QTRY_COMPARE(m_fetcher->answered, 2);
    QCOMPARE(m_results.size(), 1);
    QCOMPARE(m_results.first().emailAddress, u"bob@example.test"_s);
    QCOMPARE(outcomes(m_results.first()).first(), u"autoconfig found"_s);
    QCOMPARE(m_results.first().attempts.size(), 5);
    QCOMPARE(m_resolver->asked().size(), 4);
}

void TestAutoconfigDiscovery::resultAsJsonAndText()
{
    m_servers.server->serve("autoconfig.example.test", configPath,
                            {200, dataFile(u"example.test.xml"_s), {}, false, false});
    m_resolver->setRecords(u"_imaps._tcp.example.test"_s, {{u"imap2.example.test"_s, 993, 10, 5}});

    const auto result = run(u"alice@example.test"_s);
    QVERIFY(result);
    const QJsonObject json = result->toJson();
    QCOMPARE(json.value(u"emailAddress"_s).toString(), u"alice@example.test"_s);
    QCOMPARE(json.value(u"displayName"_s).toString(), u"Example Mail"_s);
    QVERIFY(json.value(u"error"_s).isNull());
    const QJsonArray imap = json.value(u"imap"_s).toArray();
    QCOMPARE(imap.size(), 3);
    const QJsonObject first = imap.at(0).toObject();
    QCOMPARE(first.value(u"protocol"_s).toString(), u"imap"_s);
    QCOMPARE(first.value(u"host"_s).toString(), u"imap.example.test"_s);
    QCOMPARE(first.value(u"port"_s).toInt(), 993);
    QCOMPARE(first.value(u"security"_s).toString(), u"tls"_s);
    QCOMPARE(first.value(u"source"_s).toString(), u"autoconfig"_s);
    QCOMPARE(first.value(u"verified"_s).toBool(), true);
    QCOMPARE(first.value(u"login"_s).toString(), u"alice@example.test"_s);
    QCOMPARE(first.value(u"authentication"_s).toArray(), QJsonArray({u"OAuth2"_s, u"password-cleartext"_s}));
    QVERIFY(!first.contains(u"srvPriority"_s));
    const QJsonObject srv = imap.at(1).toObject();
    QCOMPARE(srv.value(u"source"_s).toString(), u"srv"_s);
    QCOMPARE(srv.value(u"srvPriority"_s).toInt(), 10);
    QCOMPARE(srv.value(u"srvWeight"_s).toInt(), 5);
    const QJsonArray attempts = json.value(u"attempts"_s).toArray();
    QCOMPARE(attempts.size(), 5);
    QCOMPARE(attempts.at(0).toObject().value(u"outcome"_s).toString(), u"found"_s);
    QCOMPARE(attempts.at(1).toObject().value(u"target"_s).toString(), u"_imaps._tcp.example.test"_s);

    const QString text = result->toText();
    QVERIFY2(text.contains(u"1. imap.example.test:993 tls, login alice@example.test, OAuth2 or password-cleartext "
                           "(autoconfig)"_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"2. imap2.example.test:993 tls, login alice@example.test (srv priority 10 weight 5)"_s),
             qPrintable(text));

    const DiscoveryResult invalid = *run(u"nobody"_s);
    QCOMPARE(invalid.toJson().value(u"error"_s).toString(), u"invalid-address"_s);
}

QTEST_GUILESS_MAIN(TestAutoconfigDiscovery)
#include "tst_AutoconfigDiscovery.moc"
