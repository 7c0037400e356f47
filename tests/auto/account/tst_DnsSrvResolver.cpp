// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// DnsSrvResolver through QDnsLookup and the system's resolver library, asking a DNS server on
// loopback: records, the "." target, the error answers and the time limit.

#include "account/DnsSrvResolver.h"
#include "support/LocalDnsServer.h"

#include <QTest>

#include <optional>

using namespace fumi::account;
using namespace fumi::test;
using namespace Qt::StringLiterals;

using Error = SrvResolver::Error;
using Record = SrvResolver::Record;

class TestDnsSrvResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void answers_data();
    void answers();
    void silentServerTimesOut();
    void callbackNeverRunsWithoutItsContext();

private:
    [[nodiscard]] std::optional<SrvResolver::Result> lookUp(DnsSrvResolver &resolver, const QString &name);
    [[nodiscard]] DnsSrvResolver::Options options() const;

    std::unique_ptr<LocalDnsServer> m_dns;
};

void TestDnsSrvResolver::init()
{
    m_dns = std::make_unique<LocalDnsServer>();
    QVERIFY(m_dns->start());
    m_dns->setSrv(u"_imaps._tcp.example.test"_s,
                  {{u"imap.example.test"_s, 993, 10, 20}, {u"imap2.example.test"_s, 1993, 20, 0}});
    m_dns->setSrv(u"_imap._tcp.example.test"_s, {{u"."_s, 0, 0, 0}});
    m_dns->setSrv(u"_submissions._tcp.example.test"_s, {});
    m_dns->setResponseCode(u"_submission._tcp.example.test"_s, LocalDnsServer::ServerFailure);
    m_dns->setResponseCode(u"_imaps._tcp.refused.test"_s, LocalDnsServer::Refused);
    m_dns->setSilent(u"_imaps._tcp.silent.test"_s);
}

void TestDnsSrvResolver::cleanup()
{
    QVERIFY2(m_dns->errors().isEmpty(), qPrintable(m_dns->errors().join(u'\n')));
    m_dns.reset();
}

DnsSrvResolver::Options TestDnsSrvResolver::options() const
{
    DnsSrvResolver::Options options;
    options.nameserver = QHostAddress(QHostAddress::LocalHost);
    options.nameserverPort = m_dns->port();
    options.timeout = std::chrono::seconds(20);
    return options;
}

std::optional<SrvResolver::Result> TestDnsSrvResolver::lookUp(DnsSrvResolver &resolver, const QString &name)
{
    std::optional<SrvResolver::Result> result;
    QObject context;
    resolver.lookup(name, &context, [&result](const SrvResolver::Result &answer) {
        result = answer;
    });
    if (result) {
        qWarning("the callback ran inside lookup()");
        return std::nullopt;
    }
    if (!QTest::qWaitFor(
            [&result] {
                return result.has_value();
            },
            30000))
        return std::nullopt;
    return result;
}

void TestDnsSrvResolver::answers_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Error>("error");
    QTest::addColumn<QList<Record>>("records");

    QTest::newRow("two-records") << u"_imaps._tcp.example.test"_s << Error::None
                                 << QList<Record>{{u"imap.example.test"_s, 993, 10, 20},
                                                  {u"imap2.example.test"_s, 1993, 20, 0}};
    QTest::newRow("name-case-does-not-matter")
        << u"_IMAPS._tcp.Example.TEST"_s << Error::None
        << QList<Record>{{u"imap.example.test"_s, 993, 10, 20}, {u"imap2.example.test"_s, 1993, 20, 0}};
    QTest::newRow("root-target-means-not-offered")
        << u"_imap._tcp.example.test"_s << Error::None << QList<Record>{{u"."_s, 0, 0, 0}};
    QTest::newRow("name-without-srv-records")
        << u"_submissions._tcp.example.test"_s << Error::NotFound << QList<Record>{};
    QTest::newRow("no-such-name") << u"_imaps._tcp.nowhere.test"_s << Error::NotFound << QList<Record>{};
    QTest::newRow("server-failure") << u"_submission._tcp.example.test"_s << Error::Failed << QList<Record>{};
    QTest::newRow("refused") << u"_imaps._tcp.refused.test"_s << Error::Failed << QList<Record>{};
}

void TestDnsSrvResolver::answers()
{
    QFETCH(QString, name);
    QFETCH(Error, error);
    QFETCH(QList<Record>, records);

    DnsSrvResolver resolver(options());
    const auto result = lookUp(resolver, name);
    QVERIFY(result);
    QCOMPARE(result->error, error);
    QCOMPARE(result->records.size(), records.size());
    // The resolver library hands records on in the server's order.
    for (qsizetype i = 0; i < records.size(); ++i) {
        QCOMPARE(result->records[i].target, records[i].target);
        QCOMPARE(result->records[i].port, records[i].port);
        QCOMPARE(result->records[i].priority, records[i].priority);
        QCOMPARE(result->records[i].weight, records[i].weight);
    }
    if (error != Error::None)
        QVERIFY(!result->message.isEmpty());
    QVERIFY(m_dns->asked().contains(name.toLower()));
}

void TestDnsSrvResolver::silentServerTimesOut()
{
    DnsSrvResolver::Options shortLimit = options();
    shortLimit.timeout = std::chrono::milliseconds(300);
    DnsSrvResolver resolver(shortLimit);
    const auto result = lookUp(resolver, u"_imaps._tcp.silent.test"_s);
    QVERIFY(result);
    QCOMPARE(result->error, Error::Timeout);
    QVERIFY2(result->message.contains(u"_imaps._tcp.silent.test"_s), qPrintable(result->message));
}

void TestDnsSrvResolver::callbackNeverRunsWithoutItsContext()
{
    DnsSrvResolver resolver(options());
    auto context = std::make_unique<QObject>();
    int calls = 0;
    resolver.lookup(u"_imaps._tcp.example.test"_s, context.get(), [&calls](const SrvResolver::Result &) {
        ++calls;
    });
    context.reset();
    // A later lookup to the same server has answered: the first one would have too.
    const auto later = lookUp(resolver, u"_imaps._tcp.example.test"_s);
    QVERIFY(later);
    QCOMPARE(later->error, Error::None);
    QTest::qWait(50);
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestDnsSrvResolver)
#include "tst_DnsSrvResolver.moc"
