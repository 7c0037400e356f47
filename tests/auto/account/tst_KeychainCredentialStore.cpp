// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// KeychainCredentialStore against a real GNOME Keyring on a private session bus
// (SecretServiceSession), and, in child processes of this test, against no keychain at all:
// then every call must fail with NoKeychain, say what is missing, and leave the secret in no file.

#include "account/KeychainCredentialStore.h"
#include "support/SecretServiceSession.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>
#include <optional>

using namespace fumi::account;
using namespace fumi::test;
using namespace Qt::StringLiterals;

using Error = CredentialStore::Error;
using Result = CredentialStore::Result;
using Secret = CredentialStore::Secret;

Q_DECLARE_METATYPE(fumi::account::CredentialStore::Error)
Q_DECLARE_METATYPE(fumi::account::CredentialStore::Secret)
Q_DECLARE_METATYPE(QKeychain::Error)

namespace {

// Set in the environment of a child run of this test, with the service name and the secret.
constexpr char childVariable[] = "FUMI_KEYCHAIN_TEST_CHILD";
constexpr char childSecretVariable[] = "FUMI_KEYCHAIN_TEST_SECRET";

using Call = std::function<void(QObject *context, CredentialStore::Callback callback)>;

// Makes one call of the store and waits for its answer. *answeredInsideCall says whether the
// callback ran before the call returned, which it must never do.
std::optional<Result> await(const Call &call, bool *answeredInsideCall)
{
    std::optional<Result> result;
    QObject context;
    call(&context, [&result](const Result &answer) {
        result = answer;
    });
    *answeredInsideCall = result.has_value();
    if (!QTest::qWaitFor(
            [&result] {
                return result.has_value();
            },
            30000))
        return std::nullopt;
    return result;
}

// The child: write, read and remove one secret with whatever keychain its environment offers,
// and print each answer as "operation<TAB>error<TAB>message".
int runChild()
{
    KeychainCredentialStore store(qEnvironmentVariable(childVariable));
    const QString secret = qEnvironmentVariable(childSecretVariable);
    const QString account = u"child-account"_s;
    const QList<std::pair<QByteArray, Call>> calls{
        {"write",
         [&](QObject *c, auto cb) {
             store.write(account, Secret::Password, secret, c, std::move(cb));
         }},
        {"read",
         [&](QObject *c, auto cb) {
             store.read(account, Secret::Password, c, std::move(cb));
         }},
        {"remove",
         [&](QObject *c, auto cb) {
             store.remove(account, Secret::Password, c, std::move(cb));
         }},
    };
    for (const auto &[name, call] : calls) {
        bool inside = false;
        const auto result = await(call, &inside);
        if (!result || inside)
            return 2;
        std::printf("%s\t%d\t%s\n", name.constData(), int(result->error),
                    result->message.simplified().toUtf8().constData());
        std::fflush(stdout);
    }
    return 0;
}

// Files below `directory` that contain `needle`.
QStringList filesContaining(const QString &directory, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found << file.fileName();
    }
    return found;
}

} // namespace

class TestKeychainCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void writeReadOverwriteRemove_data();
    void writeReadOverwriteRemove();
    void accountsAndSecretsAreIndependent();
    void removeOfMissingEntrySucceeds();
    void readOfMissingEntryIsNotFound();
    void contextDestroyedBeforeTheAnswer();
    void noKeychain_data();
    void noKeychain();
    void keychainErrors_data();
    void keychainErrors();
    void keychainGoneWhileInUse(); // last: it stops the session

private:
    std::optional<Result> write(const QString &account, Secret secret, const QString &value);
    std::optional<Result> read(const QString &account, Secret secret);
    std::optional<Result> remove(const QString &account, Secret secret);
    // Entries of our service for this key, as the Secret Service lists them.
    QList<SecretServiceSession::Item> entries(const QString &key);

    SecretServiceSession m_session;
    QString m_service = u"fumi-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<KeychainCredentialStore> m_store;
};

void TestKeychainCredentialStore::initTestCase()
{
    QVERIFY2(m_session.start(), qPrintable(m_session.errorString()));
    QVERIFY2(m_session.applyToThisProcess(), qPrintable(m_session.errorString()));
    m_store = std::make_unique<KeychainCredentialStore>(m_service);
    QCOMPARE(m_store->service(), m_service);
}

void TestKeychainCredentialStore::cleanupTestCase()
{
    m_session.stop();
}

std::optional<Result> TestKeychainCredentialStore::write(const QString &account, Secret secret, const QString &value)
{
    bool inside = true;
    auto result = await(
        [&](QObject *c, auto cb) {
            m_store->write(account, secret, value, c, std::move(cb));
        },
        &inside);
    if (inside)
        qWarning("write() answered inside the call");
    return inside ? std::nullopt : result;
}

std::optional<Result> TestKeychainCredentialStore::read(const QString &account, Secret secret)
{
    bool inside = true;
    auto result = await(
        [&](QObject *c, auto cb) {
            m_store->read(account, secret, c, std::move(cb));
        },
        &inside);
    if (inside)
        qWarning("read() answered inside the call");
    return inside ? std::nullopt : result;
}

std::optional<Result> TestKeychainCredentialStore::remove(const QString &account, Secret secret)
{
    bool inside = true;
    auto result = await(
        [&](QObject *c, auto cb) {
            m_store->remove(account, secret, c, std::move(cb));
        },
        &inside);
    if (inside)
        qWarning("remove() answered inside the call");
    return inside ? std::nullopt : result;
}

QList<SecretServiceSession::Item> TestKeychainCredentialStore::entries(const QString &key)
{
    QList<SecretServiceSession::Item> matching;
    const auto items = m_session.items();
    if (!items) {
        qWarning("cannot list the keychain: %s", qPrintable(m_session.errorString()));
        return matching;
    }
    for (const auto &item : *items) {
        if (item.attributes.value(u"server"_s) == m_service && item.attributes.value(u"user"_s) == key)
            matching << item;
    }
    return matching;
}

void TestKeychainCredentialStore::writeReadOverwriteRemove_data()
{
    QTest::addColumn<Secret>("secret");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");

    QTest::newRow("password") << Secret::Password << u"correct horse battery staple"_s
                              << QString::fromUtf8("pässwörd — 🔑 \"quoted\" \\ 日本語");
    QTest::newRow("oauth-refresh-token") << Secret::OAuthRefreshToken << u"1//0gFirstRefreshToken-abc_DEF"_s
                                         << u"1//0gSecondRefreshToken-xyz_UVW"_s;
}

void TestKeychainCredentialStore::writeReadOverwriteRemove()
{
    QFETCH(Secret, secret);
    QFETCH(QString, first);
    QFETCH(QString, second);
    const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString key = CredentialStore::key(account, secret);

    auto result = write(account, secret, first);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    result = read(account, secret);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(result->value, first);
    // The keyring itself holds it, once, under our service and the key.
    QCOMPARE(entries(key).size(), 1);

    result = write(account, secret, second);
    QVERIFY(result && result->ok());
    result = read(account, secret);
    QVERIFY(result && result->ok());
    QCOMPARE(result->value, second);
    QCOMPARE(entries(key).size(), 1); // replaced, not added

    result = remove(account, secret);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(entries(key).size(), 0);
    result = read(account, secret);
    QVERIFY(result);
    QCOMPARE(result->error, Error::NotFound);
    QVERIFY(result->value.isEmpty());
}

void TestKeychainCredentialStore::accountsAndSecretsAreIndependent()
{
    const QString alice = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString bob = QUuid::createUuid().toString(QUuid::WithoutBraces);

    QVERIFY(write(alice, Secret::Password, u"alice-password"_s).value_or(Result{Error::Other, {}, {}}).ok());
    QVERIFY(write(alice, Secret::OAuthRefreshToken, u"alice-token"_s).value_or(Result{Error::Other, {}, {}}).ok());
    QVERIFY(write(bob, Secret::Password, u"bob-password"_s).value_or(Result{Error::Other, {}, {}}).ok());

    QCOMPARE(read(alice, Secret::Password).value_or(Result{}).value, u"alice-password"_s);
    QCOMPARE(read(alice, Secret::OAuthRefreshToken).value_or(Result{}).value, u"alice-token"_s);
    QCOMPARE(read(bob, Secret::Password).value_or(Result{}).value, u"bob-password"_s);
    QCOMPARE(read(bob, Secret::OAuthRefreshToken).value_or(Result{}).error, Error::NotFound);

    // Removing one secret of one account touches nothing else.
    QVERIFY(remove(alice, Secret::Password).value_or(Result{Error::Other, {}, {}}).ok());
    QCOMPARE(read(alice, Secret::Password).value_or(Result{}).error, Error::NotFound);
    QCOMPARE(read(alice, Secret::OAuthRefreshToken).value_or(Result{}).value, u"alice-token"_s);
    QCOMPARE(read(bob, Secret::Password).value_or(Result{}).value, u"bob-password"_s);

    // Another service name is another set of entries.
    KeychainCredentialStore other(m_service + u"-other"_s);
    bool inside = true;
    const auto elsewhere = await(
        [&](QObject *c, auto cb) {
            other.read(bob, Secret::Password, c, std::move(cb));
        },
        &inside);
    QVERIFY(elsewhere && !inside);
    QCOMPARE(elsewhere->error, Error::NotFound);

    QVERIFY(remove(alice, Secret::OAuthRefreshToken).value_or(Result{Error::Other, {}, {}}).ok());
    QVERIFY(remove(bob, Secret::Password).value_or(Result{Error::Other, {}, {}}).ok());
}

void TestKeychainCredentialStore::removeOfMissingEntrySucceeds()
{
    const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (Secret secret : {Secret::Password, Secret::OAuthRefreshToken}) {
        const auto result = remove(account, secret);
        QVERIFY(result);
        QVERIFY2(result->ok(), qPrintable(result->message));
    }
    // Twice in a row, after a real entry.
    QVERIFY(write(account, Secret::Password, u"x"_s).value_or(Result{Error::Other, {}, {}}).ok());
    QVERIFY(remove(account, Secret::Password).value_or(Result{Error::Other, {}, {}}).ok());
    QVERIFY(remove(account, Secret::Password).value_or(Result{Error::Other, {}, {}}).ok());
}

void TestKeychainCredentialStore::readOfMissingEntryIsNotFound()
{
    const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto result = read(account, Secret::Password);
    QVERIFY(result);
    QCOMPARE(result->error, Error::NotFound);
    QVERIFY2(result->message.contains(u"password"_s), qPrintable(result->message));
    result = read(account, Secret::OAuthRefreshToken);
    QVERIFY(result);
    QCOMPARE(result->error, Error::NotFound);
    QVERIFY2(result->message.contains(u"refresh token"_s), qPrintable(result->message));
}

void TestKeychainCredentialStore::contextDestroyedBeforeTheAnswer()
{
    const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(write(account, Secret::Password, u"pw"_s).value_or(Result{Error::Other, {}, {}}).ok());

    int calls = 0;
    {
        QObject context;
        m_store->read(account, Secret::Password, &context, [&calls](const Result &) {
            ++calls;
        });
        m_store->write(account, Secret::Password, u"pw2"_s, &context, [&calls](const Result &) {
            ++calls;
        });
    }
    // Later calls have their answers, so the earlier ones have had theirs too: nobody got them.
    const auto result = read(account, Secret::Password);
    QVERIFY(result && result->ok());
    QCOMPARE(result->value, u"pw2"_s); // the write itself went through
    QVERIFY(remove(account, Secret::Password).value_or(Result{Error::Other, {}, {}}).ok());
    QCOMPARE(calls, 0);
}

void TestKeychainCredentialStore::noKeychain_data()
{
    QTest::addColumn<QString>("situation");

    QTest::newRow("bus-socket-missing") << u"socket-missing"_s;
    QTest::newRow("no-bus-address") << u"no-address"_s;
    QTest::newRow("bus-without-secret-service") << u"bus-only"_s;
    // QtKeychain goes to KWallet under KDE 4, and would write a settings file with the secret
    // when kwalletd is missing and the insecure fallback is on.
    QTest::newRow("kwallet-not-running") << u"kwallet"_s;
}

void TestKeychainCredentialStore::noKeychain()
{
    QFETCH(QString, situation);

    // A bus on which nobody answers, in a temporary home of its own.
    SecretServiceSession busOnly(SecretServiceSession::Provider::None);
    QVERIFY2(busOnly.start(), qPrintable(busOnly.errorString()));
    QProcessEnvironment env = busOnly.environment();
    env.remove(u"DISPLAY"_s); // GIO would try to start a bus for an X11 display
    env.remove(u"WAYLAND_DISPLAY"_s);
    if (situation == u"socket-missing"_s) {
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + QDir(busOnly.directory()).filePath(u"no-bus"_s));
    } else if (situation == u"no-address"_s) {
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s); // and XDG_RUNTIME_DIR holds no "bus"
    } else if (situation == u"kwallet"_s) {
        env.insert(u"XDG_CURRENT_DESKTOP"_s, u"KDE"_s);
        env.insert(u"KDE_SESSION_VERSION"_s, u"4"_s);
    }
    const QString secret = u"no-keychain-secret-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    env.insert(QString::fromLatin1(childVariable), m_service);
    env.insert(QString::fromLatin1(childSecretVariable), secret);
    env.insert(u"QT_LOGGING_RULES"_s, u"fumi.account.debug=true"_s);

    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QVERIFY(child.waitForFinished(60000));
    const QByteArray output = child.readAllStandardOutput();
    const QByteArray errors = child.readAllStandardError();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, errors.constData());

    const QByteArrayList lines = output.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    for (const QByteArray &line : lines) {
        const QByteArrayList fields = line.split('\t');
        QCOMPARE(fields.size(), 3);
        const QString message = QString::fromUtf8(fields[2]);
        QVERIFY2(fields[1].toInt() == int(Error::NoKeychain), line.constData());
        for (const auto &part :
             {u"No keychain is available"_s, u"Secret Service provider"_s, u"KWallet"_s, u"The keychain said:"_s})
            QVERIFY2(message.contains(part), line.constData());
    }

    // The secret is nowhere: not in a file under the child's home and XDG directories, not in
    // what it printed or logged.
    for (const QByteArray &form : {secret.toUtf8(), secret.toUtf8().toBase64()}) {
        QCOMPARE(filesContaining(busOnly.directory(), form), QStringList());
        QVERIFY(!output.contains(form));
        QVERIFY(!errors.contains(form));
    }
}

void TestKeychainCredentialStore::keychainErrors_data()
{
    QTest::addColumn<QKeychain::Error>("keychainError");
    QTest::addColumn<QString>("keychainMessage");
    QTest::addColumn<Error>("error");

    // What QtKeychain 0.15, libsecret and GDBus say in each situation.
    QTest::newRow("no-error") << QKeychain::NoError << QString() << Error::None;
    QTest::newRow("entry-not-found") << QKeychain::EntryNotFound << u"Entry not found"_s << Error::NotFound;
    QTest::newRow("access-denied") << QKeychain::AccessDenied << u"Access to keychain denied"_s << Error::AccessDenied;
    QTest::newRow("access-denied-by-user") << QKeychain::AccessDeniedByUser << u"Denied"_s << Error::AccessDenied;
    QTest::newRow("no-backend") << QKeychain::NoBackendAvailable << u"No keychain service available"_s
                                << Error::NoKeychain;
    QTest::newRow("not-implemented") << QKeychain::NotImplemented << u"Not implemented"_s << Error::NoKeychain;
    QTest::newRow("libsecret-bus-socket-missing")
        << QKeychain::OtherError << u"Could not connect: No such file or directory"_s << Error::NoKeychain;
    QTest::newRow("libsecret-no-secret-service")
        << QKeychain::OtherError << u"The name org.freedesktop.secrets was not provided by any .service files"_s
        << Error::NoKeychain;
    QTest::newRow("gdbus-no-display") << QKeychain::OtherError << u"Cannot autolaunch D-Bus without X11 $DISPLAY"_s
                                      << Error::NoKeychain;
    QTest::newRow("gdbus-no-machine-id")
        << QKeychain::OtherError
        << u"Cannot spawn a message bus without a machine-id: Invalid machine ID in /etc/machine-id"_s
        << Error::NoKeychain;
    QTest::newRow("kwallet-write-service-unknown")
        << QKeychain::OtherError
        << u"Could not open wallet: org.freedesktop.DBus.Error.ServiceUnknown; The name org.kde.kwalletd6 was not "
           "provided by any .service files"_s
        << Error::NoKeychain;
    QTest::newRow("kwallet-no-bus")
        << QKeychain::OtherError
        << u"Could not open wallet: org.freedesktop.DBus.Error.NoServer; D-Bus is not running"_s << Error::NoKeychain;
    QTest::newRow("bus-gone") << QKeychain::OtherError << u"The connection is closed"_s << Error::NoKeychain;
    QTest::newRow("other-error") << QKeychain::OtherError << u"Unknown error"_s << Error::Other;
    QTest::newRow("prompt-dismissed") << QKeychain::OtherError << u"The operation was cancelled"_s << Error::Other;
    QTest::newRow("could-not-delete") << QKeychain::CouldNotDeleteEntry << u"Could not delete entry"_s << Error::Other;
}

void TestKeychainCredentialStore::keychainErrors()
{
    QFETCH(QKeychain::Error, keychainError);
    QFETCH(QString, keychainMessage);
    QFETCH(Error, error);

    const Result result = KeychainCredentialStore::resultOf(keychainError, keychainMessage, Secret::Password);
    QCOMPARE(result.error, error);
    QVERIFY(result.value.isEmpty());
    if (error == Error::None) {
        QVERIFY(result.message.isEmpty());
        return;
    }
    QVERIFY(!result.message.isEmpty());
    if (error == Error::NoKeychain) {
        QVERIFY2(result.message.startsWith(u"No keychain is available: Fumi stores passwords only in a keychain and "
                                           "needs a Secret Service provider (GNOME Keyring, KeePassXC) or KWallet on "
                                           "the D-Bus session bus."_s),
                 qPrintable(result.message));
    }
    // QtKeychain's own words are kept, except for a plain "not found".
    if (error != Error::NotFound)
        QVERIFY2(result.message.contains(keychainMessage), qPrintable(result.message));
}

void TestKeychainCredentialStore::keychainGoneWhileInUse()
{
    const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(write(account, Secret::Password, u"pw"_s).value_or(Result{Error::Other, {}, {}}).ok());

    // The bus goes away under libsecret's open connection. GIO would end this process with
    // SIGTERM as soon as the event loop runs, unless the fixture told it not to.
    m_session.stop();
    QTest::qWait(200);
    const auto result = read(account, Secret::Password);
    QVERIFY(result);
    QVERIFY2(result->error == Error::NoKeychain, qPrintable(result->message));
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(childVariable))
        return runChild();
    TestKeychainCredentialStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_KeychainCredentialStore.moc"
