// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The journal survives being killed at any point of a move: a child process (JournalCrashChild)
// starts a move of every INBOX message to Archive on a real Dovecot and SIGKILLs itself at a
// named checkpoint; a second child replays. Afterwards every message exists exactly once, in
// Archive, and the journal is empty.

#include "imap/Command.h"
#include "imap/Connection.h"
#include "store/AccountStore.h"
#include "support/DovecotServer.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace fumi;

class tst_JournalCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedAndReplayed_data()
    {
        QTest::addColumn<QByteArray>("killAt");
        QTest::addColumn<bool>("useMove");
        QTest::newRow("not-killed") << QByteArray() << false;
        QTest::newRow("copy-killed-right-after-the-entry-is-written") << QByteArray("entry-written") << false;
        QTest::newRow("copy-killed-when-copy-answered-before-progress-recorded")
            << QByteArray("answered:UID COPY") << false;
        QTest::newRow("copy-killed-after-copy-recorded-before-the-expunge") << QByteArray("saved:copied") << false;
        QTest::newRow("copy-killed-after-deleted-stored-before-the-expunge")
            << QByteArray("answered:UID STORE") << false;
        QTest::newRow("copy-killed-when-expunge-answered") << QByteArray("answered:UID EXPUNGE") << false;
        QTest::newRow("move-killed-right-after-the-entry-is-written") << QByteArray("entry-written") << true;
        QTest::newRow("move-killed-when-move-answered") << QByteArray("answered:UID MOVE") << true;
    }

    void killedAndReplayed()
    {
        QFETCH(QByteArray, killAt);
        QFETCH(bool, useMove);
        test::DovecotServer server;
        QVERIFY2(server.start({{u"alice"_s, u"secret"_s, u"alice"_s}}), qPrintable(server.errorString()));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString caPath = dir.filePath(u"ca.pem"_s);
        {
            QFile ca(caPath);
            QVERIFY(ca.open(QIODevice::WriteOnly));
            ca.write(server.caCertificate().toPem());
        }
        const QString storePath = dir.filePath(u"store"_s);

        const QByteArrayList inboxBefore = messageIds(server, u"INBOX"_s);
        const QByteArrayList archiveBefore = messageIds(server, u"Archive"_s);
        QCOMPARE(inboxBefore.size(), 5);

        const QStringList common{storePath, QString::number(server.imapsPort()), caPath};
        QProcess first;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"FUMI_JOURNAL_KILL_AT"_s, QString::fromLatin1(killAt));
        environment.insert(u"FUMI_JOURNAL_NO_MOVE"_s, useMove ? u"0"_s : u"1"_s);
        first.setProcessEnvironment(environment);
        first.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        first.start(QStringLiteral(JOURNAL_CRASH_CHILD),
                    QStringList{u"start"_s} + common + QStringList{u"INBOX"_s, u"Archive"_s});
        QVERIFY(first.waitForFinished(90000));
        if (killAt.isEmpty()) {
            QCOMPARE(first.exitStatus(), QProcess::NormalExit);
            QCOMPARE(first.exitCode(), 0);
        } else {
            // It really died at that point, rather than finishing or failing elsewhere.
            QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        }

        QProcess second;
        environment.remove(u"FUMI_JOURNAL_KILL_AT"_s);
        second.setProcessEnvironment(environment);
        second.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        second.start(QStringLiteral(JOURNAL_CRASH_CHILD), QStringList{u"replay"_s} + common);
        QVERIFY(second.waitForFinished(90000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);

        // Every message exactly once, in Archive; none left in INBOX, none doubled.
        QByteArrayList expected = archiveBefore + inboxBefore;
        std::sort(expected.begin(), expected.end());
        QByteArrayList archiveAfter = messageIds(server, u"Archive"_s);
        std::sort(archiveAfter.begin(), archiveAfter.end());
        QCOMPARE(archiveAfter, expected);
        QCOMPARE(messageIds(server, u"INBOX"_s), QByteArrayList());

        auto opened = store::AccountStore::open(storePath);
        QVERIFY(opened);
        QVERIFY(opened.value()->journalEntries().isEmpty());
    }

private:
    // The Message-IDs in a mailbox, as a plain IMAP client sees them.
    static QByteArrayList messageIds(test::DovecotServer &server, const QString &mailbox)
    {
        imap::ConnectionSettings settings;
        settings.host = test::DovecotServer::host();
        settings.port = server.imapsPort();
        settings.caCertificates = {server.caCertificate()};
        imap::Connection connection(settings, nullptr);
        QSignalSpy ready(&connection, &imap::Connection::ready);
        QSignalSpy authenticated(&connection, &imap::Connection::authenticated);
        QSignalSpy finished(&connection, &imap::Connection::finished);
        QByteArrayList ids;
        QObject::connect(
            &connection, &imap::Connection::mailboxData, &connection, [&ids](const imap::Response &response) {
                if (const auto *fetch = std::get_if<imap::FetchResponse>(&response); fetch && fetch->envelope)
                    ids << fetch->envelope->field(imap::Envelope::Field::MessageId).toByteArray();
            });
        connection.open();
        if (!QTest::qWaitFor(
                [&] {
                    return ready.size() == 1;
                },
                10000))
            return {"<no connection>"};
        connection.login(u"alice"_s, u"secret"_s);
        if (!QTest::qWaitFor(
                [&] {
                    return authenticated.size() == 1;
                },
                10000))
            return {"<no login>"};
        connection.send(std::move(imap::Command("EXAMINE").mailbox(mailbox)));
        connection.send(std::move(imap::Command("UID FETCH").raw("1:* (UID ENVELOPE)")));
        if (!QTest::qWaitFor(
                [&] {
                    return finished.size() == 2;
                },
                10000))
            return {"<no answer>"};
        return ids;
    }
};

QTEST_GUILESS_MAIN(tst_JournalCrash)
#include "tst_JournalCrash.moc"
