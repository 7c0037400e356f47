// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/AccountManager.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fumi::account;
using namespace Qt::StringLiterals;

namespace {

Account sampleAccount(const QString &name)
{
    Account account;
    account.displayName = name;
    account.identities = {{u"Alice Example"_s, u"alice@example.org"_s, u"-- \nAlice"_s, u"replies@example.org"_s},
                          {u"Alice at work"_s, u"alice@work.example"_s, {}, {}}};
    account.imap = {u"imap.example.org"_s, 993, Security::Tls};
    account.smtp = {u"smtp.example.org"_s, 587, Security::StartTls};
    account.login = u"alice"_s;
    account.sync.cacheBudgetMb = 250;
    account.sync.offlineFolders = {u"INBOX"_s, u"Archive/2026"_s};
    return account;
}

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class tst_AccountManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(u"config/accounts.json"_s);
    }

    void missingFileIsEmpty()
    {
        AccountManager manager(m_path);
        QVERIFY(manager.load());
        QVERIFY(manager.accounts().isEmpty());
        QVERIFY(!QFile::exists(m_path));
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("password") << int(Authentication::Method::Password);
        QTest::newRow("password-command") << int(Authentication::Method::PasswordCommand);
        QTest::newRow("oauth2") << int(Authentication::Method::OAuth2);
    }

    void roundTrip()
    {
        QFETCH(int, method);
        Account account = sampleAccount(u"Personal"_s);
        account.authentication.method = Authentication::Method(method);
        if (account.authentication.method == Authentication::Method::PasswordCommand)
            account.authentication.passwordCommand = u"pass show mail/alice"_s;
        if (account.authentication.method == Authentication::Method::OAuth2)
            account.authentication.oauthProvider = u"google"_s;
        Account second = sampleAccount(u"日本語のアカウント"_s);
        second.smtp = {};

        AccountManager writer(m_path);
        QVERIFY(writer.load());
        QSignalSpy added(&writer, &AccountManager::accountAdded);
        const auto first = writer.add(account);
        QVERIFY2(first.ok(), qPrintable(first.error));
        QVERIFY(!first.id.isEmpty());
        QVERIFY(writer.add(second).ok());
        QCOMPARE(added.count(), 2);
        QCOMPARE(added.first().first().toString(), first.id);

        AccountManager reader(m_path);
        QVERIFY2(reader.load(), qPrintable(reader.errorString()));
        QCOMPARE(reader.accounts().size(), 2);
        account.id = first.id;
        QCOMPARE(reader.accounts().at(0), account);
        QCOMPARE(reader.accounts().at(1).displayName, second.displayName);
        QVERIFY(reader.accounts().at(1).smtp.isEmpty());
        QCOMPARE(reader.find(u"PERSONAL"), account);
        QCOMPARE(reader.find(first.id), account);
        QVERIFY(!reader.find(u"nobody"));
    }

    void fileIsPrivateAndHoldsNoSecretFields()
    {
        AccountManager manager(m_path);
        QVERIFY(manager.load());
        QVERIFY(manager.add(sampleAccount(u"Personal"_s)).ok());
        QCOMPARE(QFile::permissions(m_path) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("\"format\": \"fumi-accounts\""));
        QVERIFY(bytes.contains("\"version\": 1"));
        QVERIFY(!bytes.contains("password\":"));
    }

    void idStaysWhenRenamed()
    {
        AccountManager manager(m_path);
        QVERIFY(manager.load());
        const QString id = manager.add(sampleAccount(u"Personal"_s)).id;
        Account renamed = *manager.account(id);
        renamed.displayName = u"Home"_s;
        QSignalSpy changed(&manager, &AccountManager::accountChanged);
        QVERIFY(manager.update(renamed).ok());
        QCOMPARE(changed.count(), 1);
        AccountManager reader(m_path);
        QVERIFY(reader.load());
        QCOMPARE(reader.accounts().size(), 1);
        QCOMPARE(reader.accounts().first().id, id);
        QCOMPARE(reader.accounts().first().displayName, u"Home"_s);
    }

    void removeAndReorder()
    {
        AccountManager manager(m_path);
        QVERIFY(manager.load());
        const QString a = manager.add(sampleAccount(u"A"_s)).id;
        const QString b = manager.add(sampleAccount(u"B"_s)).id;
        const QString c = manager.add(sampleAccount(u"C"_s)).id;
        QSignalSpy reordered(&manager, &AccountManager::accountsReordered);
        QVERIFY(manager.move(c, 0).ok());
        QCOMPARE(reordered.count(), 1);
        QSignalSpy removed(&manager, &AccountManager::accountRemoved);
        QVERIFY(manager.remove(a).ok());
        QCOMPARE(removed.count(), 1);
        AccountManager reader(m_path);
        QVERIFY(reader.load());
        QCOMPARE(reader.accounts().size(), 2);
        QCOMPARE(reader.accounts().at(0).id, c);
        QCOMPARE(reader.accounts().at(1).id, b);
        QVERIFY(!manager.remove(a).ok());
        QVERIFY(!manager.move(a, 0).ok());
    }

    void refusesInvalidAndDuplicateAccounts_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("expected");
        QTest::newRow("duplicate-name-other-case")
            << u"personal"_s << u"imap.example.org"_s << u"alice"_s << u"exists already"_s;
        QTest::newRow("no-name") << u"  "_s << u"imap.example.org"_s << u"alice"_s << u"needs a name"_s;
        QTest::newRow("no-server") << u"Work"_s << QString() << u"alice"_s << u"needs an IMAP server"_s;
        QTest::newRow("no-login") << u"Work"_s << u"imap.example.org"_s << QString() << u"login name"_s;
    }

    void refusesInvalidAndDuplicateAccounts()
    {
        QFETCH(QString, name);
        QFETCH(QString, host);
        QFETCH(QString, login);
        QFETCH(QString, expected);
        AccountManager manager(m_path);
        QVERIFY(manager.load());
        QVERIFY(manager.add(sampleAccount(u"Personal"_s)).ok());
        const QByteArray before = fileDigest(m_path);
        Account account = sampleAccount(name);
        account.imap.host = host;
        account.login = login;
        const auto result = manager.add(account);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(expected), qPrintable(result.error));
        QCOMPARE(manager.accounts().size(), 1);
        QCOMPARE(fileDigest(m_path), before);
    }

    void unreadableFileIsLeftUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not-json") << QByteArray("{\"format\": \"fumi-accounts\", \"version\": 1, \"accounts\": [")
                                  << u"damaged"_s;
        QTest::newRow("truncated-to-nothing") << QByteArray("") << u"damaged"_s;
        QTest::newRow("not-an-object") << QByteArray("[1, 2]") << u"does not hold a JSON object"_s;
        QTest::newRow("other-format") << QByteArray(R"({"format": "thunderbird", "version": 1})") << u"not a Fumi"_s;
        QTest::newRow("no-version") << QByteArray(R"({"format": "fumi-accounts"})") << u"no valid version"_s;
        QTest::newRow("future-version") << QByteArray(R"({"format": "fumi-accounts", "version": 7, "accounts": []})")
                                        << u"newer version of Fumi (format version 7; this version reads up to 1)"_s;
        QTest::newRow("account-without-id")
            << QByteArray(R"({"format": "fumi-accounts", "version": 1, "accounts": [{"name": "x"}]})")
            << u"account 1: it has no id"_s;
        QTest::newRow("bad-security") << QByteArray(
            R"({"format": "fumi-accounts", "version": 1, "accounts": [{"id": "a", "name": "x", "login": "l",
                 "imap": {"host": "h", "port": 993, "security": "ssl3"}, "authentication": {"method": "password"}}]})")
                                      << u"not tls, starttls or plain"_s;
    }

    void unreadableFileIsLeftUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
        writeFile(m_path, content);
        const QByteArray before = fileDigest(m_path);

        AccountManager manager(m_path);
        QVERIFY(!manager.load());
        QVERIFY2(manager.errorString().contains(expected), qPrintable(manager.errorString()));
        QVERIFY(manager.errorString().contains(m_path));
        QVERIFY(manager.errorString().contains(u"left it as it is"));
        QVERIFY(manager.accounts().isEmpty());

        // Every change is refused with the same explanation, and the file keeps its bytes.
        const auto added = manager.add(sampleAccount(u"Personal"_s));
        QVERIFY(!added.ok());
        QVERIFY2(added.error.contains(expected), qPrintable(added.error));
        QVERIFY(!manager.remove(u"a"_s).ok());
        QCOMPARE(fileDigest(m_path), before);
        QCOMPARE(QDir(QFileInfo(m_path).absolutePath()).entryList(QDir::Files), QStringList{u"accounts.json"_s});
    }

    void changesFromAnotherProcessAreKept()
    {
        // Two managers on one file stand for the GUI and fumi-cli on one profile.
        AccountManager gui(m_path);
        AccountManager cli(m_path);
        QVERIFY(gui.load());
        QVERIFY(cli.load());
        QVERIFY(gui.add(sampleAccount(u"A"_s)).ok());
        QVERIFY(cli.add(sampleAccount(u"B"_s)).ok()); // cli never saw A in memory
        QCOMPARE(cli.accounts().size(), 2);
        QVERIFY(!gui.add(sampleAccount(u"b"_s)).ok()); // the name is taken on disk
        AccountManager reader(m_path);
        QVERIFY(reader.load());
        QCOMPARE(reader.accounts().size(), 2);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(tst_AccountManager)
#include "tst_AccountManager.moc"
