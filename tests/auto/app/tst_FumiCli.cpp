// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// fumi-cli's account commands, run as a user runs them: as a separate process, against a real
// Dovecot and a real Secret Service (gnome-keyring on a private D-Bus session bus).

#include "account/KeychainCredentialStore.h"
#include "account/TrustStore.h"
#include "support/DovecotServer.h"
#include "support/LocalAuthorizationServer.h"
#include "support/RunProgram.h"
#include "support/SecretServiceSession.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using fumi::account::CredentialStore;

namespace {

// Passwords no file, log, or command line may ever contain.
const QString alicePassword = u"Alice-s3cret-Pässwort-9f1c"_s;
const QString bobPassword = u"Bob-s3cret-d0d6e2"_s;

using Run = fumi::test::ProgramRun;

// Every process's command line and environment, as the kernel shows them to anyone.
QByteArray allCommandLines()
{
    QByteArray all;
    const QStringList pids = QDir(u"/proc"_s).entryList(QDir::Dirs);
    for (const QString &pid : pids) {
        bool isPid = false;
        pid.toInt(&isPid);
        if (!isPid)
            continue;
        for (const auto &name : {u"/cmdline"_s, u"/environ"_s}) {
            QFile file(u"/proc/"_s + pid + name);
            if (file.open(QIODevice::ReadOnly))
                all += file.readAll() + '\n';
        }
    }
    return all;
}

} // namespace

class tst_FumiCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_keyring.start(), qPrintable(m_keyring.errorString()));
        QVERIFY2(m_keyring.applyToThisProcess(), "the keychain of this test must be the private one");
        QVERIFY2(m_dovecot.start({{u"alice"_s, alicePassword, u"alice"_s}, {u"bob"_s, bobPassword, u"bob"_s}}),
                 qPrintable(m_dovecot.errorString()));
        QVERIFY(m_profile.isValid());
        QVERIFY(m_secrets.isValid());
        // Bob's password comes from a command that reads a file only the user can read.
        QFile file(m_secrets.filePath(u"bob-password"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bobPassword.toUtf8() + '\n');
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }

    void helpForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("top") << QStringList{u"--help"_s} << 0 << u"account add NAME --email ADDR"_s;
        QTest::newRow("no-command") << QStringList{} << 2 << u"Commands:"_s;
        QTest::newRow("group") << QStringList{u"account"_s, u"--help"_s} << 0 << u"account discover ADDR"_s;
        for (const auto &command : {u"add"_s, u"list"_s, u"remove"_s, u"test"_s, u"trust"_s, u"discover"_s}) {
            QTest::addRow("account-%s", qPrintable(command))
                << QStringList{u"account"_s, command, u"--help"_s} << 0 << (u"Usage: fumi-cli account "_s + command);
        }
        QTest::newRow("unknown-command") << QStringList{u"acount"_s, u"list"_s} << 2 << u"unknown command"_s;
        QTest::newRow("group-without-command") << QStringList{u"account"_s} << 2 << u"needs a command"_s;
        QTest::newRow("unknown-option") << QStringList{u"account"_s, u"list"_s, u"--colour"_s} << 2
                                        << u"Unknown option"_s;
        QTest::newRow("missing-name") << QStringList{u"account"_s, u"test"_s} << 2 << u"missing NAME"_s;
        QTest::newRow("add-without-way-to-sign-in")
            << QStringList{u"account"_s,       u"add"_s,    u"X"_s,        u"--email"_s,
                           u"x@example.org"_s, u"--imap"_s, u"127.0.0.1"_s}
            << 2 << u"choose one way to sign in"_s;
        QTest::newRow("add-bad-security") << QStringList{u"account"_s,
                                                         u"add"_s,
                                                         u"X"_s,
                                                         u"--email"_s,
                                                         u"x@example.org"_s,
                                                         u"--imap"_s,
                                                         u"127.0.0.1"_s,
                                                         u"--imap-security"_s,
                                                         u"ssl"_s,
                                                         u"--password-stdin"_s}
                                          << 2 << u"must be tls, starttls or plain"_s;
        QTest::newRow("add-plain-to-remote-host") << QStringList{u"account"_s,
                                                                 u"add"_s,
                                                                 u"X"_s,
                                                                 u"--email"_s,
                                                                 u"x@example.org"_s,
                                                                 u"--imap"_s,
                                                                 u"imap.example.org:143"_s,
                                                                 u"--imap-security"_s,
                                                                 u"plain"_s,
                                                                 u"--password-stdin"_s}
                                                  << 2 << u"unencrypted"_s;
        QTest::newRow("trust-bad-fingerprint")
            << QStringList{u"account"_s, u"trust"_s, u"X"_s, u"SHA1:00"_s} << 2 << u"not a SHA-256 fingerprint"_s;
        QTest::newRow("discover-not-an-address")
            << QStringList{u"account"_s, u"discover"_s, u"alice.example.org"_s} << 2 << u"alice.example.org"_s;
        QTest::newRow("unknown-account") << QStringList{u"account"_s, u"test"_s, u"Nobody"_s} << 1
                                         << u"no account named \"Nobody\""_s;
    }

    void helpForEveryCommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        QTemporaryDir empty;
        const Run run = cli(QStringList{u"--profile"_s, empty.path()} + arguments);
        QVERIFY2(run.exitCode == exitCode, qPrintable(run.describe()));
        QVERIFY2(QString::fromUtf8(run.out + run.err).contains(expected), qPrintable(run.describe()));
        // Errors go to stderr, help to stdout.
        QCOMPARE(run.out.isEmpty(), exitCode != 0 && !arguments.isEmpty());
    }

    void addTestTrustAndCertificateChange()
    {
        Run run = cli({u"account"_s, u"add"_s, u"Alice"_s, u"--email"_s, u"alice@example.test"_s, u"--imap"_s, imaps(),
                       u"--imap-security"_s, u"tls"_s, u"--login"_s, u"alice"_s, u"--password-stdin"_s},
                      alicePassword.toUtf8() + '\n');
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY(run.out.contains("password in the keychain"));

        // The fixture's certificate comes from a throwaway CA: not trusted, shown, exit code 3.
        const QString fingerprint = fumi::account::TrustStore::fingerprint(m_dovecot.serverCertificate());
        run = cli({u"account"_s, u"test"_s, u"Alice"_s});
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        QVERIFY2(run.out.contains(fingerprint.toLatin1()), qPrintable(run.describe()));
        QVERIFY(run.out.contains("Subject:") && run.out.contains("Issuer:") && run.out.contains("Valid until:"));
        QVERIFY(run.err.contains("not trusted"));

        run = cli({u"account"_s, u"trust"_s, u"Alice"_s, fingerprint});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        run = cli({u"account"_s, u"test"_s, u"Alice"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.out.contains("logged in as alice") && run.out.contains("IMAP4rev1"), qPrintable(run.describe()));

        run = cli({u"--json"_s, u"account"_s, u"test"_s, u"Alice"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(result.value(u"encrypted").toBool(), true);
        QVERIFY(result.value(u"capabilities").toArray().contains(u"IMAP4rev1"_s));

        // A new certificate on the same host and port is asked about again.
        QVERIFY2(m_dovecot.replaceCertificate(), qPrintable(m_dovecot.errorString()));
        run = cli({u"--json"_s, u"account"_s, u"test"_s, u"Alice"_s});
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        const QJsonObject refused = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(refused.value(u"error").toString(), u"certificate-changed"_s);
        const QString newFingerprint = fumi::account::TrustStore::fingerprint(m_dovecot.serverCertificate());
        QCOMPARE(refused.value(u"certificate").toObject().value(u"sha256").toString(), newFingerprint);
        QVERIFY(newFingerprint != fingerprint);
        QVERIFY2(cli({u"account"_s, u"trust"_s, u"Alice"_s, newFingerprint}).exitCode == 0,
                 "trust the new certificate");
        run = cli({u"account"_s, u"test"_s, u"Alice"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    }

    void secondAccountOnAnotherUserAndPort()
    {
        // Bob: STARTTLS on the other port, so the trusted certificate must be trusted there too.
        Run run = cli({u"account"_s, u"add"_s, u"Bob"_s, u"--email"_s, u"bob@example.test"_s, u"--imap"_s,
                       u"127.0.0.1:%1"_s.arg(m_dovecot.imapPort()), u"--imap-security"_s, u"starttls"_s, u"--login"_s,
                       u"bob"_s, u"--password-command"_s, u"cat '%1'"_s.arg(m_secrets.filePath(u"bob-password"_s))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        run = cli({u"account"_s, u"test"_s, u"Bob"_s});
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        const QString fingerprint = fumi::account::TrustStore::fingerprint(m_dovecot.serverCertificate());
        QVERIFY(cli({u"account"_s, u"trust"_s, u"Bob"_s, fingerprint}).exitCode == 0);
        run = cli({u"account"_s, u"test"_s, u"Bob"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY(run.out.contains("logged in as bob"));

        run = cli({u"--json"_s, u"account"_s, u"list"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonArray accounts = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(accounts.size(), 2);
        QCOMPARE(accounts.at(0).toObject().value(u"name").toString(), u"Alice"_s);
        QCOMPARE(accounts.at(1).toObject().value(u"authentication").toObject().value(u"method").toString(),
                 u"password-command"_s);
    }

    void wrongPasswordIsAClearError()
    {
        Run run = cli({u"account"_s, u"add"_s, u"Mallory"_s, u"--email"_s, u"alice@example.test"_s, u"--imap"_s,
                       imaps(), u"--login"_s, u"alice"_s, u"--password-stdin"_s},
                      "not-the-password\n");
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        run = cli({u"account"_s, u"test"_s, u"Mallory"_s});
        QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("rejected the login"), qPrintable(run.describe()));
        QVERIFY(cli({u"account"_s, u"remove"_s, u"Mallory"_s}).exitCode == 0);
    }

    void removingOneAccountLeavesTheOther()
    {
        const QString aliceId = accountId(u"Alice"_s);
        QVERIFY(!aliceId.isEmpty());
        QCOMPARE(keychainRead(aliceId).value, alicePassword);
        // A cache directory to be removed with the account.
        const QString cache = m_profile.filePath(u"data/accounts/"_s + aliceId);
        QVERIFY(QDir().mkpath(cache));
        QFile(cache + u"/cache.sqlite"_s).open(QIODevice::WriteOnly);

        Run run = cli({u"account"_s, u"remove"_s, u"Alice"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(keychainRead(aliceId).error, CredentialStore::Error::NotFound);
        QVERIFY(!QDir(cache).exists());

        run = cli({u"account"_s, u"test"_s, u"Alice"_s});
        QCOMPARE(run.exitCode, 1);
        run = cli({u"account"_s, u"test"_s, u"Bob"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        run = cli({u"account"_s, u"list"_s});
        QVERIFY(run.out.contains("Bob") && !run.out.contains("Alice"));
    }

    void noKeychainMeansNoAccountAndAClearError()
    {
        QTemporaryDir profile;
        QProcessEnvironment environment = m_keyring.environment();
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/bus"_s);
        const Run run = cli({u"--profile"_s, profile.path(), u"account"_s, u"add"_s, u"Carol"_s, u"--email"_s,
                             u"carol@example.test"_s, u"--imap"_s, imaps(), u"--password-stdin"_s},
                            "carol-password\n", environment);
        QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("keychain"), qPrintable(run.describe()));
        QVERIFY(!QFile::exists(profile.filePath(u"config/accounts.json"_s)));
        QVERIFY(!findInFiles(profile.path(), "carol-password"));
    }

    void oauthSignInThroughTheBrowserAndNeverAPassword()
    {
        // The provider is the local authorization server, defined in the profile; the
        // "browser" is this test program, started by fumi-cli through $BROWSER.
        fumi::test::LocalAuthorizationServer authorization;
        QVERIFY(authorization.start());
        QTemporaryDir profile;
        QVERIFY(QDir().mkpath(profile.filePath(u"config"_s)));
        QFile providers(profile.filePath(u"config/oauth-providers.json"_s));
        QVERIFY(providers.open(QIODevice::WriteOnly));
        providers.write(
            QJsonDocument(QJsonObject{{u"providers"_s,
                                       QJsonArray{QJsonObject{
                                           {u"id"_s, u"local"_s},
                                           {u"displayName"_s, u"Local"_s},
                                           {u"authorizationUrl"_s, authorization.authorizationUrl().toString()},
                                           {u"tokenUrl"_s, authorization.tokenUrl().toString()},
                                           {u"scopes"_s, QJsonArray::fromStringList(authorization.scopes)},
                                           {u"clientId"_s, authorization.clientId}}}}})
                .toJson());
        providers.close();
        QFile browser(m_secrets.filePath(u"browser"_s));
        QVERIFY(browser.open(QIODevice::WriteOnly));
        browser.write("#!/bin/sh\nexec '" + QCoreApplication::applicationFilePath().toUtf8() + "' --browse \"$1\"\n");
        browser.close();
        browser.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcessEnvironment environment = m_keyring.environment();
        environment.insert(u"BROWSER"_s, browser.fileName());

        // The sign-in runs its server in fumi-cli while this test serves the provider, so the
        // process runs with this event loop turning.
        Run run
            = cli({u"--profile"_s, profile.path(), u"account"_s, u"add"_s, u"Olivia"_s, u"--email"_s,
                   u"alice@example.test"_s, u"--imap"_s, imaps(), u"--login"_s, u"alice"_s, u"--oauth"_s, u"local"_s},
                  {}, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY(run.err.contains("Sign in with your browser"));
        QCOMPARE(authorization.codeExchanges, 1);
        QCOMPARE(authorization.lastAuthorizationRequest.value(u"code_challenge_method"_s), u"S256"_s);

        run = cli({u"--profile"_s, profile.path(), u"--json"_s, u"account"_s, u"list"_s}, {}, environment);
        const QJsonObject account = QJsonDocument::fromJson(run.out).array().first().toObject();
        QCOMPARE(account.value(u"authentication").toObject().value(u"provider").toString(), u"local"_s);
        const QString id = account.value(u"id").toString();
        QCOMPARE(keychainRead(id, CredentialStore::Secret::OAuthRefreshToken).value, authorization.lastRefreshToken);
        QCOMPARE(keychainRead(id, CredentialStore::Secret::Password).error, CredentialStore::Error::NotFound);

        // Dovecot here offers passwords only: an OAuth2 account does not fall back to one.
        const QString fingerprint = fumi::account::TrustStore::fingerprint(m_dovecot.serverCertificate());
        QVERIFY(
            cli({u"--profile"_s, profile.path(), u"account"_s, u"trust"_s, u"Olivia"_s, fingerprint}, {}, environment)
                .exitCode
            == 0);
        run = cli({u"--profile"_s, profile.path(), u"account"_s, u"test"_s, u"Olivia"_s}, {}, environment);
        QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("offers no OAuth2 sign-in"), qPrintable(run.describe()));
        QVERIFY(!run.err.contains("AUTHENTICATE PLAIN") && !run.err.contains(" LOGIN "));
        QCOMPARE(authorization.refreshes, 1);
    }

    void damagedSettingsAreReportedAndKept()
    {
        QTemporaryDir profile;
        QVERIFY(QDir().mkpath(profile.filePath(u"config"_s)));
        QFile file(profile.filePath(u"config/accounts.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "fumi-accounts", "version": 99, "accounts": []})");
        file.close();
        const Run run = cli({u"--profile"_s, profile.path(), u"account"_s, u"list"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("newer version of Fumi"), qPrintable(run.describe()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"version\": 99"));
    }

    // Runs last: everything above has left its traces by now.
    void passwordsAppearNowhere()
    {
        for (const QString &password : {alicePassword, bobPassword}) {
            const QByteArray bytes = password.toUtf8();
            QVERIFY2(!findInFiles(m_profile.path(), bytes), "a password is in the profile directory");
            QVERIFY2(!m_allOutput.contains(bytes), "a password is in fumi-cli's output or logs");
            QVERIFY2(!m_dovecot.log().toUtf8().contains(bytes), "a password is in the server's log");
        }
        // The checks above can see: the logs were verbose, and the command lines were read.
        QVERIFY(m_allOutput.contains("fumi.imap.transcript"));
        QVERIFY(m_sawCommandLine);
        QVERIFY2(!m_leakedOnCommandLine, "a password is on a command line or in an environment");
    }

private:
    QString imaps() const { return u"127.0.0.1:%1"_s.arg(m_dovecot.imapsPort()); }

    // Runs fumi-cli on the test profile with every log category on, reading every process's
    // command line while it runs.
    Run cli(QStringList arguments, const QByteArray &input = {}, std::optional<QProcessEnvironment> environment = {})
    {
        if (!arguments.contains(u"--profile"_s))
            arguments = QStringList{u"--profile"_s, m_profile.path()} + arguments;
        QProcessEnvironment env = environment.value_or(m_keyring.environment());
        env.insert(u"QT_LOGGING_RULES"_s, u"fumi.*=true"_s);
        const Run run = fumi::test::runToEnd(QStringLiteral(FUMI_CLI), arguments, env, input, 60000, [this] {
            const QByteArray all = allCommandLines();
            m_sawCommandLine = m_sawCommandLine || all.contains("fumi-cli");
            for (const QString &password : {alicePassword, bobPassword}) {
                if (all.contains(password.toUtf8()))
                    m_leakedOnCommandLine = true;
            }
        });
        m_allOutput += run.out + run.err;
        return run;
    }

    QString accountId(const QString &name)
    {
        const Run run = cli({u"--json"_s, u"account"_s, u"list"_s});
        const QJsonArray accounts = QJsonDocument::fromJson(run.out).array();
        for (const QJsonValue &account : accounts) {
            if (account.toObject().value(u"name").toString() == name)
                return account.toObject().value(u"id").toString();
        }
        return {};
    }

    CredentialStore::Result keychainRead(const QString &accountId,
                                         CredentialStore::Secret secret = CredentialStore::Secret::Password)
    {
        fumi::account::KeychainCredentialStore store;
        CredentialStore::Result result;
        bool done = false;
        store.read(accountId, secret, this, [&](const CredentialStore::Result &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor(
                [&] {
                    return done;
                },
                20000))
            return {CredentialStore::Error::Other, u"no answer from the keychain"_s, {}};
        return result;
    }

    static bool findInFiles(const QString &directory, const QByteArray &needle)
    {
        QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
                return true;
        }
        return false;
    }

    fumi::test::SecretServiceSession m_keyring;
    fumi::test::DovecotServer m_dovecot;
    QTemporaryDir m_profile;
    QTemporaryDir m_secrets;
    QByteArray m_allOutput;
    bool m_sawCommandLine = false;
    bool m_leakedOnCommandLine = false;
};

// `tst_FumiCli --browse URL` plays the user's browser for the OAuth2 test: it opens the
// authorization address and follows the provider's redirect back to fumi-cli's loopback port.
int browse(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(QString::fromLocal8Bit(argv[2]))));
    QObject::connect(reply, &QNetworkReply::finished, &app, [reply] {
        QCoreApplication::exit(reply->error() == QNetworkReply::NoError ? 0 : 1);
    });
    return QCoreApplication::exec();
}

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--browse") == 0)
        return browse(argc, argv);
    QCoreApplication app(argc, argv);
    tst_FumiCli test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_FumiCli.moc"
