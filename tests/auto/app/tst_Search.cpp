// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Server search end to end: fumi-cli search --json against a real Dovecot seeded from
// tests/data/mail (alice: English, UTF-8 and ISO-2022-JP encoded-word subjects and names, flags,
// a keyword, sizes from 290 to 423 bytes, several folders including a Japanese one; bob: a
// message with attachments; dave: multipart/related mail with and without an attached file). Each query must return
// exactly the expected (mailbox, UID) pairs, first with nothing cached (every row fetched) and again after a sync (rows
// from the store). Then several folders, every account at once, and an account whose server is down, which must not
// hide the others' results.

#include "support/DovecotServer.h"
#include "support/RunProgram.h"
#include "support/SecretServiceSession.h"

#include "account/TrustStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString alicePassword = u"Search-s3cret-alice-7"_s;
const QString bobPassword = u"Search-s3cret-bob-9"_s;
const QString davePassword = u"Search-s3cret-dave-4"_s;

using Run = fumi::test::ProgramRun;

// "account/mailbox/uid" of every row, sorted (the order is checked on its own).
QStringList hitsOf(const QByteArray &json)
{
    QStringList hits;
    const QJsonArray rows = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        hits.append(u"%1/%2/%3"_s.arg(row.value(u"account").toString(), row.value(u"mailbox").toString())
                        .arg(row.value(u"uid").toInt()));
    }
    hits.sort();
    return hits;
}

} // namespace

class tst_Search : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void queries_data();
    void queries();
    void queriesFromTheCache_data() { queries_data(); }
    void queriesFromTheCache();
    void newestFirstAndTabSeparated();
    void unknownFolderDoesNotStopTheOthers();
    void everyAccountAtOnceDespiteABrokenOne();
    void onlyABrokenAccountFails();
    void badQueryIsAUsageError();

private:
    void addAccount(const QString &name, const QString &login, const QString &password, quint16 port);
    void check(const QString &account, const QString &query, const QStringList &expected);
    Run cli(const QStringList &arguments, const QByteArray &input = {})
    {
        QProcessEnvironment env = m_keyring.environment();
        env.insert(u"QT_LOGGING_RULES"_s, u"fumi.*.debug=false"_s);
        return fumi::test::runToEnd(QStringLiteral(FUMI_CLI), QStringList{u"--profile"_s, m_profile.path()} + arguments,
                                    env, input);
    }

    fumi::test::SecretServiceSession m_keyring;
    fumi::test::DovecotServer m_dovecot;
    QTemporaryDir m_profile;
    bool m_synced = false;
};

void tst_Search::addAccount(const QString &name, const QString &login, const QString &password, quint16 port)
{
    Run run = cli({u"account"_s, u"add"_s, name, u"--email"_s, login + u"@example.test"_s, u"--imap"_s,
                   u"127.0.0.1:%1"_s.arg(port), u"--login"_s, login, u"--password-stdin"_s},
                  password.toUtf8() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    run = cli({u"account"_s, u"trust"_s, name, fumi::account::TrustStore::fingerprint(m_dovecot.serverCertificate())});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
}

void tst_Search::initTestCase()
{
    QVERIFY2(m_keyring.start(), qPrintable(m_keyring.errorString()));
    QVERIFY2(m_dovecot.start({{u"alice"_s, alicePassword, u"alice"_s},
                              {u"bob"_s, bobPassword, u"bob"_s},
                              {u"dave"_s, davePassword, u"attachments"_s}}),
             qPrintable(m_dovecot.errorString()));
    QVERIFY(m_profile.isValid());
    addAccount(u"Alice"_s, u"alice"_s, alicePassword, m_dovecot.imapsPort());
    addAccount(u"Bob"_s, u"bob"_s, bobPassword, m_dovecot.imapsPort());
    addAccount(u"Dave"_s, u"dave"_s, davePassword, m_dovecot.imapsPort());
}

void tst_Search::queries_data()
{
    QTest::addColumn<QString>("account");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    auto row = [](const char *name, const QString &account, const QString &query, const QStringList &mailboxUids) {
        QStringList expected;
        for (const QString &each : mailboxUids)
            expected.append(account + u'/' + each);
        expected.sort();
        QTest::newRow(name) << account << query << expected;
    };
    const QString a = u"Alice"_s;
    row("from-name", a, u"from:bob"_s, {u"INBOX/1"_s});
    row("from-address", a, u"from:tanaka@fumi.test"_s, {u"INBOX/2"_s});
    row("subject-utf8-encoded-word", a, u"subject:会議"_s, {u"INBOX/2"_s});
    row("subject-iso2022jp-encoded-word", a, u"subject:見積"_s, {u"INBOX/3"_s});
    row("from-iso2022jp-name", a, u"from:佐藤"_s, {u"INBOX/3"_s});
    row("text-japanese", a, u"見積書"_s, {u"INBOX/3"_s});
    row("text-phrase", a, u"\"Invoice 2026-11\""_s, {u"INBOX/4"_s});
    row("unread", a, u"is:unread"_s, {u"INBOX/2"_s, u"INBOX/3"_s, u"INBOX/4"_s});
    row("read", a, u"is:read"_s, {u"INBOX/1"_s, u"INBOX/5"_s});
    row("flagged", a, u"is:flagged"_s, {u"INBOX/4"_s});
    row("keyword", a, u"keyword:$Newsletter"_s, {u"INBOX/5"_s});
    row("not", a, u"-is:read"_s, {u"INBOX/2"_s, u"INBOX/3"_s, u"INBOX/4"_s});
    row("or", a, u"from:bob OR from:billing"_s, {u"INBOX/1"_s, u"INBOX/4"_s});
    row("and-not", a, u"is:unread -is:flagged"_s, {u"INBOX/2"_s, u"INBOX/3"_s});
    row("group-or-and", a, u"(from:bob OR from:news) is:read"_s, {u"INBOX/1"_s, u"INBOX/5"_s});
    row("larger", a, u"larger:400"_s, {u"INBOX/2"_s, u"INBOX/3"_s});
    row("smaller", a, u"smaller:300"_s, {u"INBOX/5"_s});
    row("size-range", a, u"larger:350 smaller:420"_s, {u"INBOX/1"_s, u"INBOX/2"_s});
    row("newer-than", a, u"newer_than:2d"_s, {u"INBOX/1"_s, u"INBOX/2"_s, u"INBOX/3"_s, u"INBOX/4"_s, u"INBOX/5"_s});
    row("older-than", a, u"older_than:2d"_s, {});
    row("nothing", a, u"subject:nonexistent-word"_s, {});
    row("in-all-from", a, u"in:all from:tanaka"_s, {u"INBOX/2"_s, u"Archive/2025/2"_s, u"プロジェクト/1"_s});
    row("in-all-answered", a, u"in:all is:answered"_s, {u"Sent/1"_s});
    row("in-all-draft", a, u"in:all is:draft"_s, {u"Drafts/1"_s});
    row("in-all-phrase", a, u"in:all subject:\"Welcome to the test server\""_s, {u"INBOX/1"_s, u"Sent/1"_s});
    row("in-two-folders", a, u"in:Sent in:Drafts subject:Re"_s, {u"Sent/1"_s, u"Drafts/1"_s});
    row("in-japanese-folder-iso2022jp", a, u"in:プロジェクト 仕様書"_s, {u"プロジェクト/2"_s});
    row("in-by-leaf-name", a, u"in:projects kickoff"_s, {u"Work/Projects/1"_s});
    row("in-ignoring-case", a, u"in:archive/2025 from:田中"_s, {u"Archive/2025/2"_s});
    row("in-sent-to", a, u"in:Sent to:alice"_s, {});
    row("attachment", u"Bob"_s, u"has:attachment"_s, {u"INBOX/3"_s});
    row("attachment-none", a, u"has:attachment"_s, {});
    // multipart/related; type="text/html": the server's superset keeps both (a NOT HEADER
    // Content-Type "text/" lost them), and BODYSTRUCTURE drops the one whose only other part
    // is a picture shown in the page.
    row("attachment-in-related", u"Dave"_s, u"has:attachment"_s, {u"INBOX/1"_s});
}

void tst_Search::check(const QString &account, const QString &query, const QStringList &expected)
{
    // "--" ends the options, so a query may start with "-" (-is:read).
    const Run run = cli({u"--json"_s, u"search"_s, account, u"--"_s, query});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(hitsOf(run.out), expected);
}

void tst_Search::queries()
{
    QFETCH(QString, account);
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    check(account, query, expected);
}

void tst_Search::queriesFromTheCache()
{
    QFETCH(QString, account);
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    if (!m_synced) {
        for (const QString &name : {u"Alice"_s, u"Bob"_s, u"Dave"_s}) {
            const Run run = cli({u"sync"_s, name});
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        }
        m_synced = true;
    }
    check(account, query, expected);
}

void tst_Search::newestFirstAndTabSeparated()
{
    const Run run = cli({u"search"_s, u"Alice"_s, u"in:all from:tanaka"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QStringList lines = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    // By the Date header: 8 Nov 2026, 3 Nov 2026, 25 Dec 2025.
    QVERIFY2(lines[0].startsWith(u"Alice\tプロジェクト\t1\t"_s), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(u"Alice\tINBOX\t2\t"_s), qPrintable(lines[1]));
    QVERIFY2(lines[2].startsWith(u"Alice\tArchive/2025\t2\t"_s), qPrintable(lines[2]));
    QVERIFY2(lines[1].endsWith(u"\t田中 太郎\t会議の日程について"_s), qPrintable(lines[1]));
}

void tst_Search::unknownFolderDoesNotStopTheOthers()
{
    const Run run = cli({u"--json"_s, u"search"_s, u"Alice"_s, u"in:Nowhere in:INBOX is:flagged"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(hitsOf(run.out), QStringList{u"Alice/INBOX/4"_s});
    QVERIFY2(run.err.contains("Nowhere"), run.err.constData());
}

void tst_Search::everyAccountAtOnceDespiteABrokenOne()
{
    // A third account whose server is not there: a loopback port nobody listens on.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    addAccount(u"Broken"_s, u"alice"_s, alicePassword, closedPort);
    const Run run = cli({u"--json"_s, u"search"_s, u"all"_s, u"in:all subject:report"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(hitsOf(run.out), (QStringList{u"Alice/Archive/2025/1"_s, u"Bob/INBOX/3"_s}));
    QVERIFY2(run.err.contains("Broken"), run.err.constData());

    // account: in the query narrows `all`.
    const Run narrowed = cli({u"--json"_s, u"search"_s, u"all"_s, u"account:Bob subject:report"_s});
    QVERIFY2(narrowed.exitCode == 0, qPrintable(narrowed.describe()));
    QCOMPARE(hitsOf(narrowed.out), QStringList{u"Bob/INBOX/3"_s});
}

void tst_Search::onlyABrokenAccountFails()
{
    const Run run = cli({u"search"_s, u"Broken"_s, u"anything"_s});
    QVERIFY2(run.exitCode != 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains("Broken"), run.err.constData());
}

void tst_Search::badQueryIsAUsageError()
{
    const Run run = cli({u"search"_s, u"Alice"_s, u"form:bob"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("did you mean"), run.err.constData());
}

QTEST_GUILESS_MAIN(tst_Search)
#include "tst_Search.moc"
