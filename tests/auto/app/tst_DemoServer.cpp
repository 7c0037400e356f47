// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// `fumi-cli demo-server`, as `./dev demo` runs it: two accounts served by a private Dovecot,
// a profile that fumi-cli (and so Fumi) opens as it is, and nothing left behind after SIGINT.

#include "support/RunProgram.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

using Run = fumi::test::ProgramRun;

bool hasJapanese(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.unicode() >= 0x3000;
    });
}

// The processes whose command line mentions `text`: Dovecot's all name its configuration file.
QStringList processesMentioning(const QString &text)
{
    QStringList found;
    const QByteArray needle = QFile::encodeName(text);
    const QStringList pids = QDir(u"/proc"_s).entryList(QDir::Dirs);
    for (const QString &pid : pids) {
        bool isPid = false;
        pid.toInt(&isPid);
        if (!isPid)
            continue;
        QFile file(u"/proc/"_s + pid + u"/cmdline"_s);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray commandLine = file.readAll().replace('\0', ' ');
            if (commandLine.contains(needle))
                found << pid + u": "_s + QString::fromLocal8Bit(commandLine);
        }
    }
    return found;
}

} // namespace

class tst_DemoServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_temp.isValid());
        // Dovecot's mail processes run as 'nobody' when the test runs as root.
        QVERIFY(::chmod(QFile::encodeName(m_temp.path()).constData(), 0755) == 0);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Everything the demo makes goes below m_temp, so that the end can check it all went.
        env.insert(u"TMPDIR"_s, m_temp.path());
        m_server.setProcessEnvironment(env);
        m_server.setProcessChannelMode(QProcess::SeparateChannels);
        m_server.start(QStringLiteral(FUMI_CLI), {u"demo-server"_s, u"--messages"_s, u"300"_s});
        QVERIFY2(m_server.waitForStarted(10000), qPrintable(m_server.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(m_output.append(m_server.readAllStandardOutput()).contains("\nReady."), 15000);

        const QString output = QString::fromUtf8(m_output);
        const auto profile
            = QRegularExpression(u"^Profile: (.+)$"_s, QRegularExpression::MultilineOption).match(output);
        QVERIFY2(profile.hasMatch(), qPrintable(output));
        m_profile = profile.captured(1);
        const auto dovecot
            = QRegularExpression(u"its files in (.+)\\)\\.$"_s, QRegularExpression::MultilineOption).match(output);
        QVERIFY2(dovecot.hasMatch(), qPrintable(output));
        m_dovecotDirectory = dovecot.captured(1);
        QVERIFY2(m_profile.startsWith(m_temp.path()), qPrintable(output));
        QVERIFY(QFileInfo::exists(m_dovecotDirectory));
        QVERIFY(!processesMentioning(m_dovecotDirectory).isEmpty());

        const Run run = cli({u"--json"_s, u"mailboxes"_s, u"Work"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        m_workMailboxes = QJsonDocument::fromJson(run.out).array();
    }

    void workHasTheFolder_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("specialUse");
        QTest::newRow("inbox") << u"INBOX"_s << QString();
        QTest::newRow("nested-two-levels") << u"Archive/2025"_s << QString();
        QTest::newRow("nested-three-levels") << u"Projects/Fumi/Design"_s << QString();
        QTest::newRow("list-folder") << u"Lists/dev"_s << QString();
        QTest::newRow("archive-special-use") << u"Archive"_s << u"archive"_s;
        QTest::newRow("sent-special-use") << u"Sent"_s << u"sent"_s;
        QTest::newRow("drafts-special-use") << u"Drafts"_s << u"drafts"_s;
        QTest::newRow("trash-special-use") << u"Trash"_s << u"trash"_s;
        QTest::newRow("junk-special-use") << u"Junk"_s << u"junk"_s;
    }

    void workHasTheFolder()
    {
        QFETCH(QString, path);
        QFETCH(QString, specialUse);
        const auto found = std::find_if(m_workMailboxes.cbegin(), m_workMailboxes.cend(), [&](const QJsonValue &value) {
            return value.toObject().value(u"path").toString() == path;
        });
        QVERIFY2(found != m_workMailboxes.cend(), QJsonDocument(m_workMailboxes).toJson().constData());
        QCOMPARE(found->toObject().value(u"special_use").toString(), specialUse);
        QVERIFY(found->toObject().value(u"subscribed").toBool());
    }

    void homeInboxHasJapaneseMail()
    {
        const Run five = cli({u"--json"_s, u"messages"_s, u"Home"_s, u"INBOX"_s, u"--limit"_s, u"5"_s});
        QVERIFY2(five.exitCode == 0, qPrintable(five.describe()));
        QCOMPARE(QJsonDocument::fromJson(five.out).array().size(), 5);

        const Run all = cli({u"--json"_s, u"messages"_s, u"Home"_s, u"INBOX"_s, u"--limit"_s, u"1000"_s});
        QVERIFY2(all.exitCode == 0, qPrintable(all.describe()));
        m_homeInbox = QJsonDocument::fromJson(all.out).array();
        const bool japanese = std::any_of(m_homeInbox.cbegin(), m_homeInbox.cend(), [](const QJsonValue &row) {
            return hasJapanese(row.toObject().value(u"subject").toString());
        });
        QVERIFY2(japanese, all.out.constData());
        // Mail for the account's own address, not the benchmark's.
        QVERIFY(m_output.contains("alex@home.example"));
    }

    void homeInboxHasHtmlWithARemoteImage()
    {
        QVERIFY(!m_homeInbox.isEmpty());
        bool found = false;
        for (qsizetype i = 0; i < m_homeInbox.size() && !found; ++i) {
            const QString uid = QString::number(m_homeInbox.at(i).toObject().value(u"uid").toInteger());
            const Run raw = cli({u"fetch"_s, u"Home"_s, u"INBOX"_s, uid, u"--raw"_s});
            QVERIFY2(raw.exitCode == 0, qPrintable(raw.describe()));
            found = raw.out.contains("Content-Type: text/html")
                && raw.out.contains("<img src=\"https://images.example/banner/");
        }
        QVERIFY2(found, "no message in Home's INBOX shows a remote image");
    }

    void sigintStopsEverything()
    {
        QVERIFY(::kill(pid_t(m_server.processId()), SIGINT) == 0);
        QVERIFY(m_server.waitForFinished(15000));
        m_output += m_server.readAllStandardOutput();
        QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
        QVERIFY2(m_server.exitCode() == 0, m_server.readAllStandardError().constData());
        QVERIFY2(m_output.contains("Stopped Dovecot"), m_output.constData());
        const QStringList left = processesMentioning(m_dovecotDirectory);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
        QVERIFY(!QFileInfo::exists(m_dovecotDirectory));
        QVERIFY(!QFileInfo::exists(m_profile));
        const QStringList rest = QDir(m_temp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY2(rest.isEmpty(), qPrintable(rest.join(u", ")));
    }

    // A Ctrl+C while the mail is still being made is not lost: the demo stops once it is up.
    void sigintWhileStartingIsNotLost()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        QVERIFY(::chmod(QFile::encodeName(temp.path()).constData(), 0755) == 0);
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TMPDIR"_s, temp.path());
        server.setProcessEnvironment(env);
        server.start(QStringLiteral(FUMI_CLI), {u"demo-server"_s, u"--messages"_s, u"400"_s});
        QVERIFY2(server.waitForStarted(10000), qPrintable(server.errorString()));
        // The first account's mail is made, the second's and the server not yet.
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT(output.append(server.readAllStandardOutput()).contains("Generated "), 15000);
        QVERIFY2(!output.contains("Ready."), output.constData());
        QVERIFY(::kill(pid_t(server.processId()), SIGINT) == 0);
        QVERIFY(server.waitForFinished(20000));
        output += server.readAllStandardOutput();
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QVERIFY2(server.exitCode() == 0, server.readAllStandardError().constData());
        QVERIFY2(output.contains("Stopped Dovecot"), output.constData());
        const QStringList rest = QDir(temp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QVERIFY2(rest.isEmpty(), qPrintable(rest.join(u", ")));
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.kill();
            m_server.waitForFinished(5000);
        }
    }

private:
    Run cli(const QStringList &arguments)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_LOGGING_RULES"_s, u"fumi.*.debug=false"_s);
        return fumi::test::runToEnd(QStringLiteral(FUMI_CLI), QStringList{u"--profile"_s, m_profile} + arguments, env,
                                    {}, 30000);
    }

    QTemporaryDir m_temp;
    QProcess m_server;
    QByteArray m_output;
    QString m_profile;
    QString m_dovecotDirectory;
    QJsonArray m_workMailboxes;
    QJsonArray m_homeInbox;
};

QTEST_GUILESS_MAIN(tst_DemoServer)
#include "tst_DemoServer.moc"
