// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Proves the Secret Service fixture: the environment it hands out points into its own
// directory, the Secret Service answers on its bus and not on the bus-only variant, and nothing of
// it outlives the fixture, not even when the test process is killed.
//
// This test never uses QtKeychain, so it can start several sessions; it speaks to them with
// dbus-send.

#include "support/RunProgram.h"
#include "support/SecretServiceSession.h"

#include <QDir>
#include <QProcess>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace fumi::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(fumi::test::SecretServiceSession::Provider)

namespace {

constexpr char orphanVariable[] = "FUMI_SECRETS_FIXTURE_ORPHAN";

bool processGroupIsGone(qint64 group)
{
    return ::kill(-pid_t(group), 0) == -1 && errno == ESRCH;
}

// Whether a name has an owner on the bus at `address`; nothing when the bus does not answer.
std::optional<bool> nameHasOwner(const QString &address, const QString &name)
{
    QByteArray reply;
    if (!runProgram(findProgram(u"dbus-send"_s),
                    {u"--bus="_s + address, u"--print-reply"_s, u"--dest=org.freedesktop.DBus"_s,
                     u"/org/freedesktop/DBus"_s, u"org.freedesktop.DBus.NameHasOwner"_s, u"string:"_s + name},
                    {}, &reply))
        return std::nullopt;
    return reply.contains("boolean true");
}

// Run as a child of this very test: start a session, report it, and wait to be killed.
int runOrphanChild()
{
    SecretServiceSession session;
    if (!session.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(session.errorString()));
        return 1;
    }
    QStringList pids;
    for (qint64 pid : session.processIds())
        pids << QString::number(pid);
    std::printf("%s %s\n", qPrintable(pids.join(u',')), qPrintable(session.directory()));
    std::fflush(stdout);
    ::pause();
    return 0;
}

} // namespace

class TestSecretServiceSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void environmentPointsIntoTheSession();
    void secretServiceAnswersOnlyWithGnomeKeyring_data();
    void secretServiceAnswersOnlyWithGnomeKeyring();
    void stopLeavesNothingBehind();
    void killedTestLeavesNothingBehind();
};

void TestSecretServiceSession::environmentPointsIntoTheSession()
{
    SecretServiceSession session;
    QVERIFY2(session.start(), qPrintable(session.errorString()));
    const QProcessEnvironment env = session.environment();
    QCOMPARE(env.value(u"DBUS_SESSION_BUS_ADDRESS"_s), session.busAddress());
    QVERIFY(session.busAddress().startsWith(u"unix:path="_s + session.directory()));
    QCOMPARE(env.value(u"HOME"_s), session.homeDirectory());
    for (const auto &name :
         {u"HOME"_s, u"XDG_CONFIG_HOME"_s, u"XDG_DATA_HOME"_s, u"XDG_CACHE_HOME"_s, u"XDG_RUNTIME_DIR"_s}) {
        const QString path = env.value(name);
        QVERIFY2(path.startsWith(session.directory() + u'/') && QDir(path).exists(), qPrintable(name));
    }
    QVERIFY(!env.contains(u"XDG_CURRENT_DESKTOP"_s));
    QVERIFY(!env.contains(u"KDE_SESSION_VERSION"_s));
    // GNOME Keyring keeps its keyrings where it was told to.
    QVERIFY(QFile::exists(QDir(env.value(u"XDG_DATA_HOME"_s)).filePath(u"keyrings/login.keyring"_s)));

    const auto items = session.items();
    QVERIFY2(items, qPrintable(session.errorString()));
    QCOMPARE(items->size(), 0); // a new keyring
}

void TestSecretServiceSession::secretServiceAnswersOnlyWithGnomeKeyring_data()
{
    QTest::addColumn<SecretServiceSession::Provider>("provider");
    QTest::addColumn<bool>("owned");

    QTest::newRow("gnome-keyring") << SecretServiceSession::Provider::GnomeKeyring << true;
    QTest::newRow("bus-only") << SecretServiceSession::Provider::None << false;
}

void TestSecretServiceSession::secretServiceAnswersOnlyWithGnomeKeyring()
{
    QFETCH(SecretServiceSession::Provider, provider);
    QFETCH(bool, owned);

    SecretServiceSession session(provider);
    QVERIFY2(session.start(), qPrintable(session.errorString()));
    QVERIFY(session.isRunning());
    const auto hasOwner = nameHasOwner(session.busAddress(), u"org.freedesktop.secrets"_s);
    QVERIFY(hasOwner);
    QCOMPARE(*hasOwner, owned);
    QCOMPARE(session.items().has_value(), owned);
}

void TestSecretServiceSession::stopLeavesNothingBehind()
{
    SecretServiceSession session;
    QVERIFY2(session.start(), qPrintable(session.errorString()));
    const QList<qint64> groups = session.processIds();
    const QString dir = session.directory();
    const QString address = session.busAddress();
    QCOMPARE(groups.size(), 2);
    for (qint64 group : groups)
        QVERIFY(!processGroupIsGone(group));

    session.stop();
    QVERIFY(!session.isRunning());
    for (qint64 group : groups)
        QVERIFY(processGroupIsGone(group));
    QVERIFY(!QDir(dir).exists());
    QVERIFY(!nameHasOwner(address, u"org.freedesktop.DBus"_s)); // the bus is gone
    QVERIFY(session.processIds().isEmpty());
}

void TestSecretServiceSession::killedTestLeavesNothingBehind()
{
    // A test process killed by a timeout never runs a destructor: stand in for one.
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(orphanVariable), u"1"_s);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.state() == QProcess::NotRunning, 60000);
    const QByteArrayList report = child.readLine().trimmed().split(' ');
    QVERIFY2(report.size() == 2, child.readAllStandardError().constData());
    QList<qint64> groups;
    for (const QByteArray &pid : report[0].split(','))
        groups << pid.toLongLong();
    const QString dir = QString::fromLocal8Bit(report[1]);
    QCOMPARE(groups.size(), 2);
    for (qint64 group : groups)
        QVERIFY(!processGroupIsGone(group));

    child.kill(); // SIGKILL, as CTest's timeout would
    QVERIFY(child.waitForFinished());
    for (qint64 group : groups)
        QTRY_VERIFY_WITH_TIMEOUT(processGroupIsGone(group), 15000);

    // Its directory is left; the next fixture to start removes it.
    QVERIFY(QDir(dir).exists());
    SecretServiceSession next(SecretServiceSession::Provider::None);
    QVERIFY2(next.start(), qPrintable(next.errorString()));
    QVERIFY(!QDir(dir).exists());
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(orphanVariable))
        return runOrphanChild();
    TestSecretServiceSession test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_SecretServiceSession.moc"
