// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The parts of `fumi-cli bench` that talk to a server, against a real Dovecot serving a
// generated Maildir: the raw floor reads every message, the other device flags exactly the
// messages it says, and neomutt's runs count what they loaded, so that a broken run is an
// error and never a fast figure.

#include "app/cli/MaildirGenerator.h"
#include "app/cli/NeomuttRun.h"
#include "app/cli/RawFloor.h"
#include "app/cli/RawImapSession.h"
#include "app/cli/RemoteFlagChange.h"
#include "app/cli/RunStatistics.h"
#include "support/DovecotServer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace fumi;
using namespace fumi::cli;

namespace {

constexpr int messageCount = 250;

// The UIDs of one "* SEARCH ..." reply.
UidSet searchUids(const QByteArray &data)
{
    UidSet uids;
    for (const QByteArray &line : data.split('\n')) {
        if (!line.startsWith("* SEARCH"))
            continue;
        for (const QByteArray &word : line.mid(8).trimmed().split(' ')) {
            if (!word.isEmpty())
                uids.insert(word.toUInt());
        }
    }
    return uids;
}

} // namespace

class TestBenchHarness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rawFloorReadsEveryMessage();
    void rawSessionSkipsLiterals();
    void remoteFlagChange_data();
    void remoteFlagChange();
    void remoteFlagChangeNeedsEnoughUnflagged();
    void neomuttLoadsTheMailbox();
    void neomuttOnAMissingMailboxIsAnError();
    void medianIntervalTakesOrderStatistics_data();
    void medianIntervalTakesOrderStatistics();

private:
    [[nodiscard]] UidSet flagged();

    QTemporaryDir m_dir;
    test::DovecotServer m_dovecot;
    BenchServer m_server;
    MaildirGenerator::Summary m_summary;
};

void TestBenchHarness::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Dovecot's mail processes run as 'nobody' when the test runs as root.
    ::chmod(QFile::encodeName(m_dir.path()).constData(), 0755);
    const QString maildir = m_dir.filePath(u"Maildir"_s);
    MaildirGenerator generator(5, messageCount);
    const auto summary = generator.generate(maildir);
    QVERIFY2(summary, qPrintable(generator.errorString()));
    m_summary = *summary;
    m_dovecot.setMaildir(u"bench"_s, maildir);
    QVERIFY2(m_dovecot.start({{u"bench"_s, u"secret"_s, {}}}), qPrintable(m_dovecot.errorString()));
    const QString caPath = m_dir.filePath(u"ca.pem"_s);
    QFile ca(caPath);
    QVERIFY(ca.open(QIODevice::WriteOnly));
    QVERIFY(ca.write(m_dovecot.caCertificate().toPem()) > 0);
    ca.close();
    m_server = BenchServer{test::DovecotServer::host(),
                           m_dovecot.imapsPort(),
                           u"bench"_s,
                           u"secret"_s,
                           m_dovecot.caCertificate(),
                           caPath,
                           u"INBOX"_s,
                           messageCount};
}

void TestBenchHarness::cleanupTestCase()
{
    m_dovecot.stop();
}

UidSet TestBenchHarness::flagged()
{
    RawImapSession session(m_server);
    QString error;
    if (!session.open(true, &error)) {
        qWarning() << error;
        return {};
    }
    const auto reply = session.run("UID SEARCH FLAGGED"_ba, true, &error);
    if (!reply) {
        qWarning() << error;
        return {};
    }
    return searchUids(reply->data);
}

void TestBenchHarness::rawFloorReadsEveryMessage()
{
    QString error;
    const auto floor = measureRawFloor(m_server, &error);
    QVERIFY2(floor, qPrintable(error));
    QCOMPARE(floor->responses, messageCount);
    // An ENVELOPE alone is well over 100 bytes.
    QVERIFY2(floor->bytes > messageCount * 200, qPrintable(QString::number(floor->bytes)));
    QVERIFY(floor->seconds > 0);
}

void TestBenchHarness::rawSessionSkipsLiterals()
{
    // Headers come as literals whose lines could look like anything; the session must find the
    // tagged reply after them and keep the literal bytes when asked.
    RawImapSession session(m_server);
    QString error;
    QVERIFY2(session.open(true, &error), qPrintable(error));
    const auto reply = session.run("UID FETCH 1:20 (BODY.PEEK[HEADER])"_ba, true, &error);
    QVERIFY2(reply, qPrintable(error));
    QVERIFY2(reply->status.startsWith("OK"), reply->status.constData());
    QCOMPARE(reply->untagged, 20);
    QCOMPARE(reply->data.count("\nMessage-ID: <"), 20);
    const auto next = session.run("NOOP"_ba, false, &error);
    QVERIFY2(next && next->status.startsWith("OK"), qPrintable(error));
    QVERIFY(session.bytesReceived() > reply->bytesReceived);
}

void TestBenchHarness::remoteFlagChange_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("one-message") << 1;
    QTest::newRow("a-hundred-messages") << 100;
}

void TestBenchHarness::remoteFlagChange()
{
    QFETCH(int, count);
    const UidSet before = flagged();
    QCOMPARE(qsizetype(before.count()), m_summary.flagged);

    QString error;
    const auto change = flagMessagesRemotely(m_server, count, &error);
    QVERIFY2(change, qPrintable(error));
    QCOMPARE(int(change->uids.count()), count);
    QVERIFY(change->uids.intersected(before).isEmpty());
    QVERIFY(change->bytesSent > 0);
    QCOMPARE(flagged(), before.united(change->uids));

    QVERIFY2(unflagMessagesRemotely(m_server, change->uids, &error), qPrintable(error));
    QCOMPARE(flagged(), before);
}

void TestBenchHarness::remoteFlagChangeNeedsEnoughUnflagged()
{
    QString error;
    QVERIFY(!flagMessagesRemotely(m_server, messageCount, &error));
    QVERIFY2(error.contains(u"unflagged"_s), qPrintable(error));
}

void TestBenchHarness::neomuttLoadsTheMailbox()
{
    QVERIFY2(!NeomuttRun::program().isEmpty(), "neomutt is part of the build root");
    QTemporaryDir home;
    NeomuttRun neomutt(m_server, home.path());
    QString error;
    const auto cold = neomutt.run(false, &error);
    QVERIFY2(cold, qPrintable(error));
    QCOMPARE(cold->messages, messageCount);
    QCOMPARE(neomutt.headerCacheBytes(), 0);

    const auto filling = neomutt.run(true, &error);
    QVERIFY2(filling, qPrintable(error));
    QVERIFY(neomutt.headerCacheBytes() > 0);
    const auto warm = neomutt.run(true, &error);
    QVERIFY2(warm, qPrintable(error));
    QCOMPARE(warm->messages, messageCount);
}

void TestBenchHarness::neomuttOnAMissingMailboxIsAnError()
{
    BenchServer wrong = m_server;
    wrong.mailbox = u"NoSuchMailbox"_s;
    QTemporaryDir home;
    NeomuttRun neomutt(wrong, home.path());
    QString error;
    QVERIFY(!neomutt.run(false, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestBenchHarness)
void TestBenchHarness::medianIntervalTakesOrderStatistics_data()
{
    QTest::addColumn<int>("runs");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<double>("median");
    // The values 1 to n, shuffled: the interval is the k-th smallest and the k-th largest.
    QTest::newRow("none") << 0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("5") << 5 << 1.0 << 5.0 << 3.0;     // no 95 % interval: the extremes
    QTest::newRow("6") << 6 << 1.0 << 6.0 << 3.5;     // P(none below) = 1/64
    QTest::newRow("11") << 11 << 2.0 << 10.0 << 6.0;  // P(X ≤ 1) = 12/2048, P(X ≤ 2) = 67/2048
    QTest::newRow("25") << 25 << 8.0 << 18.0 << 13.0; // P(X ≤ 7) = 2.2 %, P(X ≤ 8) = 5.4 %
}

void TestBenchHarness::medianIntervalTakesOrderStatistics()
{
    QFETCH(int, runs);
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(double, median);
    QList<double> values;
    for (int i = 0; i < runs; ++i)
        values.append(double((i * 7) % runs + 1)); // 7 is prime to every count here
    const cli::Interval interval = cli::medianInterval(values);
    QCOMPARE(interval.low, low);
    QCOMPARE(interval.high, high);
    QCOMPARE(cli::median(values), median);
}

#include "tst_BenchHarness.moc"
