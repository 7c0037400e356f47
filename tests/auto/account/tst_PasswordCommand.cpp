// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// PasswordCommand against real shell commands: what counts as the password, every way a command
// can fail and what the message then says (its stderr, never its stdout), the timeout, and that
// a caller who is gone gets no answer and leaves no process behind.

#include "account/PasswordCommand.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <optional>

using namespace fumi::account;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(fumi::account::PasswordCommand::Error)

namespace {

// Runs the command to its answer. *answeredInsideRun says whether the callback ran before run()
// returned, which it must never do.
std::optional<PasswordCommand::Result> runToEnd(const PasswordCommand &command, bool *answeredInsideRun)
{
    std::optional<PasswordCommand::Result> result;
    QObject context;
    command.run(&context, [&result](const PasswordCommand::Result &answer) {
        result = answer;
    });
    *answeredInsideRun = result.has_value();
    if (!QTest::qWaitFor(
            [&result] {
                return result.has_value();
            },
            20000))
        return std::nullopt;
    return result;
}

// Gone, or a zombie that nobody has reaped yet: either way it runs no more.
bool processIsGone(qint64 pid)
{
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return true;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close >= 0 && line.mid(close + 2, 1) == "Z";
}

QList<qint64> pidsIn(const QString &path)
{
    QFile file(path);
    QList<qint64> pids;
    if (!file.open(QIODevice::ReadOnly))
        return pids;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            pids << line.trimmed().toLongLong();
    }
    return pids;
}

} // namespace

class TestPasswordCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void password_data();
    void password();
    void failure_data();
    void failure();
    void timeoutKillsEverythingItStarted();
    void contextDestroyedBeforeTheAnswer();
    void runsAreIndependent();
};

void TestPasswordCommand::password_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("password");

    QTest::newRow("first-line-only") << u"printf 'secret\\nsecond line\\nthird\\n'"_s << u"secret"_s;
    QTest::newRow("lf-trimmed") << u"echo secret"_s << u"secret"_s;
    QTest::newRow("crlf-trimmed") << u"printf 'secret\\r\\n'"_s << u"secret"_s;
    QTest::newRow("no-line-end") << u"printf secret"_s << u"secret"_s;
    QTest::newRow("spaces-are-part-of-it") << u"printf ' pass word \\t\\n'"_s << u" pass word \t"_s;
    QTest::newRow("only-the-last-cr-goes") << u"printf 'a\\rb\\r\\r\\n'"_s << u"a\rb\r"_s;
    QTest::newRow("utf-8") << u"printf 'p\\303\\244ss\\342\\200\\224\\360\\237\\224\\221\\n'"_s
                           << QString::fromUtf8("päss—🔑");
    QTest::newRow("shell-syntax") << u"x=sec; echo \"${x}ret\" | tr a-z A-Z"_s << u"SECRET"_s;
    QTest::newRow("stderr-ignored-on-success") << u"echo noise >&2; echo secret"_s << u"secret"_s;
    // With stdin left open, `cat` would wait for input until the timeout.
    QTest::newRow("stdin-closed") << u"cat; echo secret"_s << u"secret"_s;
    QTest::newRow("long-first-line") << u"head -c 100000 /dev/zero | tr '\\0' x; echo; echo second"_s
                                     << QString(100000, u'x');
}

void TestPasswordCommand::password()
{
    QFETCH(QString, command);
    QFETCH(QString, password);

    bool answeredInsideRun = true;
    const auto result = runToEnd(PasswordCommand(command, 10s), &answeredInsideRun);
    QVERIFY(!answeredInsideRun);
    QVERIFY2(result, "no answer");
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(result->error, PasswordCommand::Error::None);
    QCOMPARE(result->password, password);
    QVERIFY(result->message.isEmpty());
}

void TestPasswordCommand::failure_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<PasswordCommand::Error>("error");
    QTest::addColumn<QStringList>("messageHas");

    // "topsecret" is what these commands print on stdout: it must never reach a message.
    QTest::newRow("non-zero-exit") << u"echo topsecret; echo 'no such entry: work' >&2; echo more >&2; exit 3"_s
                                   << 10000 << PasswordCommand::Error::ExitCode
                                   << QStringList{u"exit code 3"_s, u"no such entry: work"_s};
    QTest::newRow("non-zero-exit-silent")
        << u"echo topsecret; exit 1"_s << 10000 << PasswordCommand::Error::ExitCode << QStringList{u"exit code 1"_s};
    QTest::newRow("non-zero-exit-crlf-stderr")
        << u"printf 'locked\\r\\n' >&2; exit 2"_s << 10000 << PasswordCommand::Error::ExitCode
        << QStringList{u"exit code 2"_s, u"It said: locked"_s};
    QTest::newRow("command-not-found") << u"fumi-no-such-command-5f2c --show topsecret"_s << 10000
                                       << PasswordCommand::Error::NotFound
                                       << QStringList{u"exit code 127"_s, u"fumi-no-such-command-5f2c"_s,
                                                      u"not found"_s};
    QTest::newRow("not-executable") << u"/dev/null"_s << 10000 << PasswordCommand::Error::NotFound
                                    << QStringList{u"exit code 126"_s, u"/dev/null"_s};
    QTest::newRow("empty-output") << u"true"_s << 10000 << PasswordCommand::Error::EmptyOutput
                                  << QStringList{u"empty"_s};
    QTest::newRow("empty-first-line") << u"printf '\\ntopsecret\\n'"_s << 10000 << PasswordCommand::Error::EmptyOutput
                                      << QStringList{u"empty"_s};
    QTest::newRow("crlf-only") << u"printf '\\r\\ntopsecret\\n'"_s << 10000 << PasswordCommand::Error::EmptyOutput
                               << QStringList{u"empty"_s};
    QTest::newRow("killed-by-a-signal") << u"echo topsecret; echo dying >&2; kill -9 $$"_s << 10000
                                        << PasswordCommand::Error::Crashed << QStringList{u"signal"_s, u"dying"_s};
    // Long enough that a loaded machine has started the shell and read its stderr by then.
    QTest::newRow("timeout") << u"echo topsecret; echo waiting >&2; exec sleep 60"_s << 2000
                             << PasswordCommand::Error::Timeout << QStringList{u"2 s"_s, u"waiting"_s};
    QTest::newRow("no-command") << u"  "_s << 10000 << PasswordCommand::Error::NoCommand
                                << QStringList{u"No password command"_s};
}

void TestPasswordCommand::failure()
{
    QFETCH(QString, command);
    QFETCH(int, timeoutMs);
    QFETCH(PasswordCommand::Error, error);
    QFETCH(QStringList, messageHas);

    bool answeredInsideRun = true;
    const auto result = runToEnd(PasswordCommand(command, std::chrono::milliseconds(timeoutMs)), &answeredInsideRun);
    QVERIFY(!answeredInsideRun);
    QVERIFY2(result, "no answer");
    QVERIFY(!result->ok());
    QCOMPARE(result->error, error);
    QVERIFY(result->password.isEmpty());
    for (const QString &part : messageHas)
        QVERIFY2(result->message.contains(part), qPrintable(u"\"%1\" lacks \"%2\""_s.arg(result->message, part)));
    QVERIFY2(!result->message.contains(u"topsecret"_s), qPrintable(result->message));
    // Only the first line of stderr.
    QVERIFY2(!result->message.contains(u"more"_s), qPrintable(result->message));
}

void TestPasswordCommand::timeoutKillsEverythingItStarted()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pidFile = dir.filePath(u"pids"_s);
    // The shell, and a child that would outlive it if only the shell were killed.
    const QString command = u"sleep 60 & echo $! > '%1'; echo $$ >> '%1'; wait"_s.arg(pidFile);

    bool answeredInsideRun = true;
    // Long enough that a loaded machine has written both pids by then.
    const auto result = runToEnd(PasswordCommand(command, 2000ms), &answeredInsideRun);
    QVERIFY(result);
    QCOMPARE(result->error, PasswordCommand::Error::Timeout);
    QVERIFY2(result->message.contains(u"2 s"_s), qPrintable(result->message));

    const QList<qint64> pids = pidsIn(pidFile);
    QCOMPARE(pids.size(), 2);
    for (qint64 pid : pids)
        QTRY_VERIFY2_WITH_TIMEOUT(processIsGone(pid), qPrintable(u"process %1 still runs"_s.arg(pid)), 5000);
}

void TestPasswordCommand::contextDestroyedBeforeTheAnswer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pidFile = dir.filePath(u"pids"_s);
    // It would answer after 300 ms, if it were let.
    const QString command = u"sleep 30 & echo $! > '%1'; echo $$ >> '%1'; sleep 0.3; echo secret"_s.arg(pidFile);

    bool called = false;
    auto context = std::make_unique<QObject>();
    PasswordCommand(command).run(context.get(), [&called](const PasswordCommand::Result &) {
        called = true;
    });
    QTRY_COMPARE_WITH_TIMEOUT(pidsIn(pidFile).size(), 2, 10000);
    context.reset();

    // Everything it started is killed.
    const QList<qint64> pids = pidsIn(pidFile);
    for (qint64 pid : pids)
        QTRY_VERIFY2_WITH_TIMEOUT(processIsGone(pid), qPrintable(u"process %1 still runs"_s.arg(pid)), 5000);

    // Well past the moment it would have answered, a later run has answered and the first has not.
    QTest::qWait(500);
    bool answeredInsideRun = true;
    const auto later = runToEnd(PasswordCommand(u"echo later"_s), &answeredInsideRun);
    QVERIFY(later && later->ok());
    QVERIFY(!called);
}

void TestPasswordCommand::runsAreIndependent()
{
    // One command object, run twice at once: each run gets its own answer.
    const PasswordCommand command(u"sleep 0.2; echo $$"_s);
    QObject context;
    QStringList answers;
    command.run(&context, [&answers](const PasswordCommand::Result &result) {
        answers << result.password;
    });
    command.run(&context, [&answers](const PasswordCommand::Result &result) {
        answers << result.password;
    });
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 10000);
    QVERIFY(!answers[0].isEmpty());
    QVERIFY(!answers[1].isEmpty());
    QVERIFY(answers[0] != answers[1]);
}

QTEST_GUILESS_MAIN(TestPasswordCommand)

#include "tst_PasswordCommand.moc"
