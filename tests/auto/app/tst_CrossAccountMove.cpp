// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Moves between accounts, as a user runs them: fumi-cli with two accounts (two users of one
// Dovecot) in one profile. What is checked is the servers' side, through a raw connection of
// its own: the messages arrive once each with their flags and INTERNALDATE, and leave the
// source only then; undo brings them back the same way.

#include "account/TrustStore.h"
#include "imap/Command.h"
#include "imap/Connection.h"
#include "support/DovecotServer.h"
#include "support/RunProgram.h"
#include "support/SecretServiceSession.h"

#include <QMap>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fumi;

namespace {

const QString alicePassword = u"Cross-account-alice-8f2"_s;
const QString bobPassword = u"Cross-account-bob-3c9"_s;

using Run = fumi::test::ProgramRun;

// One message as the server has it, keyed by Message-ID.
struct Seen {
    QByteArray flags; // sorted, without \Recent
    QDateTime internalDate;
    int count = 0;
};

} // namespace

class tst_CrossAccountMove : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_keyring.start(), qPrintable(m_keyring.errorString()));
        QVERIFY2(m_dovecot.start({{u"alice"_s, alicePassword, u"alice"_s}, {u"bob"_s, bobPassword, u"bob"_s}}),
                 qPrintable(m_dovecot.errorString()));
        QVERIFY(m_profile.isValid());
        const QString fingerprint = account::TrustStore::fingerprint(m_dovecot.serverCertificate());
        for (const auto &[name, login, password] :
             {std::tuple{u"Alice"_s, u"alice"_s, alicePassword}, std::tuple{u"Bob"_s, u"bob"_s, bobPassword}}) {
            Run run = cli({u"account"_s, u"add"_s, name, u"--email"_s, login + u"@example.test"_s, u"--imap"_s,
                           u"127.0.0.1:%1"_s.arg(m_dovecot.imapsPort()), u"--login"_s, login, u"--password-stdin"_s},
                          password.toUtf8() + '\n');
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            run = cli({u"account"_s, u"trust"_s, name, fingerprint});
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            run = cli({u"sync"_s, name});
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        }
        const Run made = cli({u"mkdir"_s, u"Bob"_s, u"Archive"_s});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
    }

    void moveToAnotherAccountKeepsFlagsAndDateAndUndoBringsThemBack()
    {
        const QMap<QByteArray, Seen> before = onServer(u"alice"_s, alicePassword, "INBOX");
        const QByteArrayList moved = messageIds(u"alice"_s, alicePassword, "INBOX", "4:5");
        QCOMPARE(moved.size(), 2);
        // The two carry different flags, a keyword among them, so each has its own to keep.
        QVERIFY2(before.value(moved[0]).flags != before.value(moved[1]).flags,
                 before.value(moved[0]).flags.constData());
        QVERIFY(before.value(moved[0]).internalDate.isValid());
        QVERIFY(onServer(u"bob"_s, bobPassword, "Archive").isEmpty());

        const Run run = cli({u"move"_s, u"Alice"_s, u"INBOX"_s, u"4:5"_s, u"Bob:Archive"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.out.contains("Moved 4:5 from INBOX to Archive in Bob."), qPrintable(run.describe()));

        QMap<QByteArray, Seen> alice = onServer(u"alice"_s, alicePassword, "INBOX");
        QMap<QByteArray, Seen> bob = onServer(u"bob"_s, bobPassword, "Archive");
        QCOMPARE(bob.size(), 2);
        for (const QByteArray &id : moved) {
            QVERIFY2(!alice.contains(id), id.constData());
            QCOMPARE(bob.value(id).count, 1);
            QCOMPARE(bob.value(id).flags, before.value(id).flags);
            QCOMPARE(bob.value(id).internalDate, before.value(id).internalDate);
        }
        QCOMPARE(alice.size(), before.size() - 2);

        // Undo appends them back to Alice (new UIDs there, same flags and date), then removes
        // exactly Bob's copies.
        const Run undone = cli({u"undo"_s, u"Alice"_s});
        QVERIFY2(undone.exitCode == 0, qPrintable(undone.describe()));
        alice = onServer(u"alice"_s, alicePassword, "INBOX");
        bob = onServer(u"bob"_s, bobPassword, "Archive");
        QVERIFY2(bob.isEmpty(), QByteArrayList(bob.keys()).join(", ").constData());
        QCOMPARE(alice.size(), before.size());
        for (const QByteArray &id : moved) {
            QCOMPARE(alice.value(id).count, 1);
            QCOMPARE(alice.value(id).flags, before.value(id).flags);
            QCOMPARE(alice.value(id).internalDate, before.value(id).internalDate);
        }
        // And the local picture agrees once synced.
        const Run listed = cli({u"--json"_s, u"messages"_s, u"Alice"_s, u"INBOX"_s});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
        QCOMPARE(listed.out.count("\"uid\""), before.size());
    }

    void copyToAnotherAccountIsRefused()
    {
        const Run run = cli({u"copy"_s, u"Alice"_s, u"INBOX"_s, u"1"_s, u"Bob:Archive"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("Copying between accounts"), qPrintable(run.describe()));
        QVERIFY(onServer(u"bob"_s, bobPassword, "Archive").isEmpty());
    }

    void moveToAMailboxTheOtherAccountLacksChangesNothing()
    {
        const QMap<QByteArray, Seen> before = onServer(u"alice"_s, alicePassword, "INBOX");
        const Run run = cli({u"move"_s, u"Alice"_s, u"INBOX"_s, u"1"_s, u"Bob:Nowhere"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("There is no mailbox \"Nowhere\" in Bob"), qPrintable(run.describe()));
        QCOMPARE(onServer(u"alice"_s, alicePassword, "INBOX").size(), before.size());
    }

    void targetAccountInUseElsewhereIsRefusedByName()
    {
        // The other account is locked like the first: a watch holds Bob in another process.
        QProcess watch;
        watch.setProcessEnvironment(environment());
        watch.start(QStringLiteral(FUMI_CLI), {u"--profile"_s, m_profile.path(), u"watch"_s, u"Bob"_s});
        QByteArray err;
        QVERIFY(QTest::qWaitFor(
            [&] {
                err += watch.readAllStandardError();
                return err.contains("Watching") || watch.state() == QProcess::NotRunning;
            },
            30000));
        QCOMPARE(watch.state(), QProcess::Running);
        const QMap<QByteArray, Seen> before = onServer(u"alice"_s, alicePassword, "INBOX");
        const Run run = cli({u"move"_s, u"Alice"_s, u"INBOX"_s, u"1"_s, u"Bob:Archive"_s});
        const qint64 holder = watch.processId();
        watch.terminate();
        if (!watch.waitForFinished(10000))
            watch.kill();
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("in use by") && run.err.contains(QByteArray::number(holder)),
                 qPrintable(run.describe()));
        QCOMPARE(onServer(u"alice"_s, alicePassword, "INBOX").size(), before.size());
        QVERIFY(onServer(u"bob"_s, bobPassword, "Archive").isEmpty());
    }

private:
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = m_keyring.environment();
        env.insert(u"QT_LOGGING_RULES"_s, u"fumi.*.debug=false"_s);
        return env;
    }

    Run cli(const QStringList &arguments, const QByteArray &input = {})
    {
        return fumi::test::runToEnd(QStringLiteral(FUMI_CLI), QStringList{u"--profile"_s, m_profile.path()} + arguments,
                                    environment(), input);
    }

    // A fresh connection of our own, logged in as `user`; null on failure (with a warning).
    std::unique_ptr<imap::Connection> connect(const QString &user, const QString &password)
    {
        imap::ConnectionSettings settings;
        settings.host = u"localhost"_s;
        settings.port = m_dovecot.imapsPort();
        settings.security = imap::ConnectionSettings::Security::ImplicitTls;
        settings.caCertificates = {m_dovecot.caCertificate()};
        auto connection = std::make_unique<imap::Connection>(settings, nullptr);
        QSignalSpy ready(connection.get(), &imap::Connection::ready);
        QSignalSpy authenticated(connection.get(), &imap::Connection::authenticated);
        QSignalSpy failed(connection.get(), &imap::Connection::failed);
        connection->open();
        if (!QTest::qWaitFor(
                [&] {
                    return !ready.isEmpty() || !failed.isEmpty();
                },
                10000)
            || !failed.isEmpty())
            return nullptr;
        connection->login(user, password);
        if (!QTest::qWaitFor(
                [&] {
                    return !authenticated.isEmpty() || !failed.isEmpty();
                },
                10000)
            || !failed.isEmpty())
            return nullptr;
        return connection;
    }

    // Runs `command` and returns its result with the FETCH responses that came with it.
    static std::pair<imap::CommandResult, QList<imap::FetchResponse>> run(imap::Connection &connection,
                                                                          const imap::Command &command)
    {
        QList<imap::FetchResponse> fetched;
        const QMetaObject::Connection collecting = QObject::connect(
            &connection, &imap::Connection::mailboxData, &connection, [&fetched](const imap::Response &response) {
                if (const auto *fetch = std::get_if<imap::FetchResponse>(&response))
                    fetched.append(*fetch);
            });
        QSignalSpy finished(&connection, &imap::Connection::finished);
        connection.send(command);
        const bool answered = QTest::qWaitFor(
            [&] {
                return !finished.isEmpty();
            },
            10000);
        QObject::disconnect(collecting);
        if (!answered)
            return {};
        return {finished.first().at(1).value<imap::CommandResult>(), fetched};
    }

    // Every message of `mailbox` on the server, by Message-ID.
    QMap<QByteArray, Seen> onServer(const QString &user, const QString &password, const QByteArray &mailbox)
    {
        QMap<QByteArray, Seen> seen;
        const std::unique_ptr<imap::Connection> connection = connect(user, password);
        if (!connection) {
            qWarning("cannot log in as %s", qPrintable(user));
            return seen;
        }
        // EXAMINE: looking must not change \Recent or \Seen.
        if (!run(*connection, std::move(imap::Command("EXAMINE").mailbox(QString::fromLatin1(mailbox)))).first.ok())
            return seen;
        const auto [result, fetched]
            = run(*connection, std::move(imap::Command("UID FETCH").raw("1:* (UID FLAGS INTERNALDATE ENVELOPE)")));
        if (!result.ok())
            return seen;
        for (const imap::FetchResponse &fetch : fetched) {
            if (!fetch.envelope || !fetch.flags || !fetch.internalDate)
                continue;
            const QByteArray id = fetch.envelope->field(imap::Envelope::Field::MessageId).toByteArray();
            Flags flags = *fetch.flags;
            flags.set(Flags::System::Recent, false);
            Seen &entry = seen[id];
            entry.flags = flags.toImapList();
            entry.internalDate = *fetch.internalDate;
            ++entry.count;
        }
        return seen;
    }

    QByteArrayList messageIds(const QString &user, const QString &password, const QByteArray &mailbox,
                              const QByteArray &uids)
    {
        QByteArrayList ids;
        const std::unique_ptr<imap::Connection> connection = connect(user, password);
        if (!connection
            || !run(*connection, std::move(imap::Command("EXAMINE").mailbox(QString::fromLatin1(mailbox)))).first.ok())
            return ids;
        const auto [result, fetched]
            = run(*connection, std::move(imap::Command("UID FETCH").raw(QByteArray(uids + " (UID ENVELOPE)"))));
        for (const imap::FetchResponse &fetch : fetched) {
            if (fetch.envelope)
                ids.append(fetch.envelope->field(imap::Envelope::Field::MessageId).toByteArray());
        }
        return ids;
    }

    test::SecretServiceSession m_keyring;
    test::DovecotServer m_dovecot;
    QTemporaryDir m_profile;
};

QTEST_GUILESS_MAIN(tst_CrossAccountMove)
#include "tst_CrossAccountMove.moc"
