// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// AccountEngine's reconnection: a server that hangs up at once is tried again after the first
// retry delay, then after twice that each time, up to the longest delay, and never faster.

#include "engine/AccountEngine.h"
#include "support/MemoryCredentialStore.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace fumi;
using namespace Qt::StringLiterals;

class tst_AccountEngineRetry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<engine::MailboxDeltaPtr>(); }

    // A caller that talks to several accounts (the main window) keys requests by id alone.
    void requestIdsAreUniqueAcrossEngines()
    {
        QTemporaryDir cache;
        QVERIFY(cache.isValid());
        account::Account first;
        first.id = u"first"_s;
        account::Account second;
        second.id = u"second"_s;
        engine::AccountEngine one(first, cache.filePath(u"one"_s), {}, {});
        engine::AccountEngine two(second, cache.filePath(u"two"_s), {}, {});
        QSignalSpy answers(&one, &engine::AccountEngine::requestFinished);
        const QList<quint64> ids{one.syncMailboxes(), two.syncMailboxes(), one.syncMailboxes(), two.syncMailboxes()};
        QCOMPARE(QSet<quint64>(ids.cbegin(), ids.cend()).size(), ids.size());
        // Not started: each request is answered, with an error.
        QTRY_COMPARE(answers.size(), 2);
        QVERIFY(!answers.first().at(1).toBool());
    }

    void retriesWithExponentialBackoff()
    {
        // Accepts and hangs up: the connection fails as a network failure, not a refusal.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QElapsedTimer clock;
        QList<qint64> arrivals;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                arrivals << clock.elapsed();
                socket->abort();
                socket->deleteLater();
            }
        });

        account::Account account;
        account.id = u"retry-account"_s;
        account.displayName = u"Retry"_s;
        account.imap = {u"127.0.0.1"_s, server.serverPort(), account::Security::Plain};
        account.login = u"user"_s;
        test::MemoryCredentialStore credentials;
        credentials.secrets.insert(
            account::CredentialStore::key(account.id, account::CredentialStore::Secret::Password), u"secret"_s);
        engine::AccountEngine::Services services;
        services.credentials = &credentials;
        engine::AccountEngine::Options options;
        options.firstRetry = std::chrono::milliseconds(100);
        options.longestRetry = std::chrono::milliseconds(400);
        options.watchInbox = false;
        QTemporaryDir cache;
        QVERIFY(cache.isValid());

        QThread thread;
        auto *engine = new engine::AccountEngine(account, cache.path(), services, options);
        engine->moveToThread(&thread);
        connect(&thread, &QThread::finished, engine, &QObject::deleteLater);
        thread.start();
        QSignalSpy states(engine, &engine::AccountEngine::stateChanged);

        clock.start();
        (void)engine->start();
        // The first try, then retries after 100, 200, 400 and 400 ms.
        QTRY_VERIFY_WITH_TIMEOUT(arrivals.size() >= 5, 10000);
        QSignalSpy stopped(engine, &engine::AccountEngine::stopped);
        engine->stop();
        QVERIFY(stopped.wait(10000));
        thread.quit();
        thread.wait();

        const QList<qint64> expected = {100, 200, 400, 400};
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const qint64 gap = arrivals[i + 1] - arrivals[i];
            // Never sooner than the delay; later only by what a loaded machine adds.
            QVERIFY2(gap >= expected[i] - 10 && gap <= expected[i] + 600,
                     qPrintable(u"gap %1 was %2 ms, expected %3 ms; arrivals %4"_s.arg(i)
                                    .arg(gap)
                                    .arg(expected[i])
                                    .arg(QString::number(arrivals.size()))));
        }
        bool offline = false;
        for (const QList<QVariant> &state : std::as_const(states))
            offline = offline
                || state.first().value<engine::AccountEngine::State>() == engine::AccountEngine::State::Offline;
        QVERIFY(offline);
    }
};

QTEST_GUILESS_MAIN(tst_AccountEngineRetry)
#include "tst_AccountEngineRetry.moc"
