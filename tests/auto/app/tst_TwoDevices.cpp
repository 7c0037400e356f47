// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// "Two devices": two profiles (two fumi-cli installations, each with its own store and
// journal) on one Dovecot account. What one does must reach the other: a flag pushed through
// IDLE (the time it took is printed), a move and a folder rename by the next look.

#include "account/TrustStore.h"
#include "support/DovecotServer.h"
#include "support/RunProgram.h"
#include "support/SecretServiceSession.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString password = u"Two-devices-s3cret-71a"_s;

using Run = fumi::test::ProgramRun;

} // namespace

class tst_TwoDevices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_keyring.start(), qPrintable(m_keyring.errorString()));
        QVERIFY2(m_dovecot.start({{u"alice"_s, password, u"alice"_s}}), qPrintable(m_dovecot.errorString()));
        const QString fingerprint = fumi::account::TrustStore::fingerprint(m_dovecot.serverCertificate());
        for (QTemporaryDir *profile : {&m_laptop, &m_desktop}) {
            QVERIFY(profile->isValid());
            Run run
                = cli(*profile,
                      {u"account"_s, u"add"_s, u"Alice"_s, u"--email"_s, u"alice@example.test"_s, u"--imap"_s,
                       u"127.0.0.1:%1"_s.arg(m_dovecot.imapsPort()), u"--login"_s, u"alice"_s, u"--password-stdin"_s},
                      password.toUtf8() + '\n');
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            run = cli(*profile, {u"account"_s, u"trust"_s, u"Alice"_s, fingerprint});
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            run = cli(*profile, {u"sync"_s, u"Alice"_s});
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        }
    }

    void bothDevicesSeeTheSameMail()
    {
        const QJsonArray laptop = messages(m_laptop, u"INBOX"_s);
        const QJsonArray desktop = messages(m_desktop, u"INBOX"_s);
        QVERIFY(laptop.size() >= 5);
        QCOMPARE(laptop, desktop);
        // Newest first, subjects decoded (one is an ISO-2022-JP encoded-word).
        QVERIFY(laptop.first().toObject().value(u"uid").toInt() > laptop.last().toObject().value(u"uid").toInt());
        bool japanese = false;
        for (const QJsonValue &row : laptop)
            japanese = japanese || row.toObject().value(u"subject").toString().contains(u"見積"_s);
        QVERIFY2(japanese, QJsonDocument(laptop).toJson().constData());
    }

    void flagReachesTheOtherDeviceThroughIdle()
    {
        Watch watch = startWatch(m_desktop, u"INBOX"_s);
        QVERIFY(watch.ready);
        // The laptop flags UID 2; the desktop's watch must print the change pushed by the server.
        const Run run = cli(m_laptop, {u"flag"_s, u"Alice"_s, u"INBOX"_s, u"2"_s, u"+\\Flagged"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QElapsedTimer clock;
        clock.start();
        // The laptop's command ends once the server confirmed the STORE; from then the push must
        // arrive without the desktop asking. How soon is printed, not asserted (a loaded machine
        // is no failure): the benchmark measures propagation against the server's own IDLE.
        const bool seen = QTest::qWaitFor(
            [&] {
                return flagLineFor(*watch.process, 2, u"\\Flagged"_s);
            },
            10000);
        const qint64 elapsed = clock.elapsed();
        qInfo("flag reached the other device %lld ms after the first device finished", elapsed);
        QVERIFY2(seen, watch.process->readAllStandardError().constData());

        // And back: clearing it on the laptop clears it on the desktop.
        const Run cleared = cli(m_laptop, {u"flag"_s, u"Alice"_s, u"INBOX"_s, u"2"_s, u"--"_s, u"-\\Flagged"_s});
        QVERIFY2(cleared.exitCode == 0, qPrintable(cleared.describe()));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return flagLineWithout(*watch.process, 2, u"\\Flagged"_s);
            },
            10000));
        stopWatch(watch);
    }

    // New mail keeps arriving while the mailbox stays open: fetching the first new message
    // must not end the watch on the mailbox.
    void newMailKeepsArrivingThroughIdle()
    {
        Watch watch = startWatch(m_desktop, u"INBOX"_s);
        QVERIFY(watch.ready);
        for (const QString &subject : {u"First arrival"_s, u"Second arrival"_s, u"Third arrival"_s}) {
            const QByteArray message
                = "From: Carol <carol@example.org>\r\nTo: alice@example.org\r\nSubject: " + subject.toUtf8()
                + "\r\nMessage-ID: <" + subject.toUtf8().replace(' ', '.') + "@example.org>\r\n\r\nHello.\r\n";
            QCOMPARE(m_dovecot.doveadm({u"save"_s, u"-u"_s, u"alice"_s, u"-m"_s, u"INBOX"_s}, message), 0);
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return insertedLineWith(*watch.process, subject);
                         },
                         3000),
                     qPrintable(u"no pushed row for \"%1\"; stderr: %2"_s.arg(
                         subject, QString::fromUtf8(watch.process->readAllStandardError()))));
        }
        stopWatch(watch);
    }

    void moveShowsUpOnTheOtherDevice()
    {
        Watch watch = startWatch(m_desktop, u"INBOX"_s);
        QVERIFY(watch.ready);
        const QJsonArray before = messages(m_laptop, u"INBOX"_s);
        const QString subject = rowWithUid(before, 3).value(u"subject"_s).toString();
        QVERIFY(!subject.isEmpty());

        const Run run = cli(m_laptop, {u"move"_s, u"Alice"_s, u"INBOX"_s, u"3"_s, u"Archive"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return removedLineFor(*watch.process, 3);
                     },
                     5000),
                 watch.process->readAllStandardError().constData());
        stopWatch(watch);

        // The desktop finds it in Archive, exactly once, and no longer in INBOX.
        QVERIFY(rowWithUid(messages(m_desktop, u"INBOX"_s), 3).isEmpty());
        int inArchive = 0;
        for (const QJsonValue &row : messages(m_desktop, u"Archive"_s))
            inArchive += row.toObject().value(u"subject").toString() == subject ? 1 : 0;
        QCOMPARE(inArchive, 1);
    }

    void folderRenameShowsUpOnTheOtherDevice()
    {
        const Run run = cli(m_laptop, {u"rename"_s, u"Alice"_s, u"Work"_s, u"Office"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const Run listed = cli(m_desktop, {u"--json"_s, u"mailboxes"_s, u"Alice"_s});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
        QStringList paths;
        for (const QJsonValue &mailbox : QJsonDocument::fromJson(listed.out).array())
            paths << mailbox.toObject().value(u"path").toString();
        QVERIFY2(paths.contains(u"Office"_s) && paths.contains(u"Office/Projects"_s), qPrintable(paths.join(u", ")));
        QVERIFY2(!paths.contains(u"Work"_s) && !paths.contains(u"Work/Projects"_s), qPrintable(paths.join(u", ")));
    }

    void secondProcessOnOneProfileIsRefusedByName()
    {
        Watch watch = startWatch(m_desktop, u"INBOX"_s);
        QVERIFY(watch.ready);
        const Run run = cli(m_desktop, {u"sync"_s, u"Alice"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("in use by") && run.err.contains(QByteArray::number(watch.process->processId())),
                 qPrintable(run.describe()));
        stopWatch(watch);
    }

private:
    struct Watch {
        std::unique_ptr<QProcess> process;
        bool ready = false;
    };

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = m_keyring.environment();
        env.insert(u"QT_LOGGING_RULES"_s, u"fumi.*.debug=false"_s);
        return env;
    }

    Run cli(const QTemporaryDir &profile, const QStringList &arguments, const QByteArray &input = {})
    {
        return fumi::test::runToEnd(QStringLiteral(FUMI_CLI), QStringList{u"--profile"_s, profile.path()} + arguments,
                                    environment(), input);
    }

    QJsonArray messages(const QTemporaryDir &profile, const QString &mailbox)
    {
        const Run run = cli(profile, {u"--json"_s, u"messages"_s, u"Alice"_s, mailbox, u"--limit"_s, u"1000"_s});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.describe()));
        return QJsonDocument::fromJson(run.out).array();
    }

    static QJsonObject rowWithUid(const QJsonArray &rows, int uid)
    {
        for (const QJsonValue &row : rows) {
            if (row.toObject().value(u"uid").toInt() == uid)
                return row.toObject();
        }
        return {};
    }

    Watch startWatch(const QTemporaryDir &profile, const QString &mailbox)
    {
        Watch watch;
        watch.process = std::make_unique<QProcess>();
        watch.process->setProcessEnvironment(environment());
        watch.process->start(QStringLiteral(FUMI_CLI),
                             {u"--profile"_s, profile.path(), u"watch"_s, u"Alice"_s, mailbox});
        QByteArray err;
        watch.ready = QTest::qWaitFor(
                          [&] {
                              err += watch.process->readAllStandardError();
                              return err.contains("Watching") || watch.process->state() == QProcess::NotRunning;
                          },
                          30000)
            && watch.process->state() == QProcess::Running;
        if (!watch.ready)
            qWarning("watch did not start: %s", err.constData());
        m_lines.clear();
        return watch;
    }

    void stopWatch(Watch &watch)
    {
        watch.process->terminate();
        if (!watch.process->waitForFinished(10000))
            watch.process->kill();
    }

    // The JSON lines the watch printed so far.
    QList<QJsonObject> lines(QProcess &process)
    {
        m_pending += process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_pending.indexOf('\n')) >= 0) {
            m_lines.append(QJsonDocument::fromJson(m_pending.left(newline)).object());
            m_pending.remove(0, newline + 1);
        }
        return m_lines;
    }

    bool flagLineFor(QProcess &process, int uid, const QString &flag)
    {
        for (const QJsonObject &line : lines(process)) {
            for (const QJsonValue &change : line.value(u"flags").toArray()) {
                if (change.toObject().value(u"uid").toInt() == uid
                    && change.toObject().value(u"flags").toArray().contains(flag))
                    return true;
            }
        }
        return false;
    }

    bool flagLineWithout(QProcess &process, int uid, const QString &flag)
    {
        const QList<QJsonObject> all = lines(process);
        for (auto line = all.crbegin(); line != all.crend(); ++line) {
            for (const QJsonValue &change : line->value(u"flags").toArray()) {
                if (change.toObject().value(u"uid").toInt() == uid)
                    return !change.toObject().value(u"flags").toArray().contains(flag);
            }
        }
        return false;
    }

    bool insertedLineWith(QProcess &process, const QString &subject)
    {
        for (const QJsonObject &line : lines(process)) {
            for (const QJsonValue &row : line.value(u"inserted").toArray()) {
                if (row.toObject().value(u"subject").toString() == subject)
                    return true;
            }
        }
        return false;
    }

    bool removedLineFor(QProcess &process, int uid)
    {
        for (const QJsonObject &line : lines(process)) {
            const QString removed = line.value(u"removed").toString();
            for (const QString &part : removed.split(u',', Qt::SkipEmptyParts)) {
                const QStringList bounds = part.split(u':');
                const int low = bounds.first().toInt();
                const int high = bounds.last().toInt();
                if (uid >= low && uid <= high)
                    return true;
            }
        }
        return false;
    }

    fumi::test::SecretServiceSession m_keyring;
    fumi::test::DovecotServer m_dovecot;
    QTemporaryDir m_laptop;
    QTemporaryDir m_desktop;
    QList<QJsonObject> m_lines;
    QByteArray m_pending;
};

QTEST_GUILESS_MAIN(tst_TwoDevices)
#include "tst_TwoDevices.moc"
