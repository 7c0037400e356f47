// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/FumiBench.h"

#include "app/cli/RawFloor.h"
#include "app/cli/RemoteFlagChange.h"
#include "engine/MailboxSync.h"
#include "engine/Session.h"
#include "imap/Connection.h"
#include "store/AccountStore.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <future>

using namespace Qt::StringLiterals;

namespace fumi::cli {

std::unique_ptr<engine::Session> logInBenchSession(const BenchServer &server, QString *error)
{
    imap::ConnectionSettings settings;
    settings.host = server.host;
    settings.port = server.port;
    settings.caCertificates = {server.caCertificate};
    auto connection = std::make_unique<imap::Connection>(settings, nullptr);
    QEventLoop loop;
    bool ok = false;
    QObject::connect(connection.get(), &imap::Connection::ready, &loop, [&] {
        connection->login(server.user, server.password);
    });
    QObject::connect(connection.get(), &imap::Connection::authenticated, &loop, [&] {
        ok = true;
        loop.quit();
    });
    QObject::connect(connection.get(), &imap::Connection::failed, &loop,
                     [&](imap::Connection::Error, const QString &message) {
                         *error = message;
                         loop.quit();
                     });
    connection->open();
    loop.exec();
    if (!ok)
        return nullptr;
    return std::make_unique<engine::Session>(std::move(connection));
}

namespace {

// Runs `sync` to its end; the seconds until synced and, when asked, until the first window.
bool syncOnce(engine::MailboxSync &sync, double *seconds, double *firstWindow, QString *error)
{
    QEventLoop loop;
    QElapsedTimer clock;
    bool ok = false;
    const QMetaObject::Connection window = QObject::connect(&sync, &engine::MailboxSync::firstWindowReady, &loop, [&] {
        if (firstWindow)
            *firstWindow = clock.nsecsElapsed() / 1e9;
    });
    QObject::connect(&sync, &engine::MailboxSync::synced, &loop, [&] {
        *seconds = clock.nsecsElapsed() / 1e9;
        ok = true;
        loop.quit();
    });
    QObject::connect(&sync, &engine::MailboxSync::failed, &loop, [&](const QString &message) {
        *error = message;
        loop.quit();
    });
    clock.start();
    sync.start();
    loop.exec();
    QObject::disconnect(window);
    return ok;
}

} // namespace

std::optional<FumiBenchFigures> measureFumi(const BenchServer &server, const QString &cacheDirectory, QString *error)
{
    store::Result<std::unique_ptr<store::AccountStore>> opened = store::AccountStore::open(cacheDirectory);
    if (!opened) {
        *error = opened.error().message;
        return std::nullopt;
    }
    std::unique_ptr<store::AccountStore> store = std::move(opened).value();
    store::MailboxRecord record;
    record.path = server.mailbox;
    record.separator = '/';
    const store::Result<qint64> added = store->addMailbox(record);
    if (!added) {
        *error = added.error().message;
        return std::nullopt;
    }
    const qint64 mailboxId = added.value();
    FumiBenchFigures figures;

    // Cold: an empty store, every row fetched and stored.
    std::unique_ptr<engine::Session> session = logInBenchSession(server, error);
    if (!session)
        return std::nullopt;
    {
        engine::MailboxSync cold(*session, *store, mailboxId);
        const double cpuBefore = processCpuSeconds();
        if (!syncOnce(cold, &figures.coldOpenSeconds, &figures.firstWindowSeconds, error))
            return std::nullopt;
        figures.coldOpenCpuSeconds = processCpuSeconds() - cpuBefore;
    }
    session->close();
    session.reset();

    // Warm: a new connection (the login not timed), the cached state, nothing changed.
    session = logInBenchSession(server, error);
    if (!session)
        return std::nullopt;
    const qint64 receivedBefore = session->connection().bytesReceived();
    const qint64 sentBefore = session->connection().bytesSent();
    auto sync = std::make_unique<engine::MailboxSync>(*session, *store, mailboxId);
    if (!syncOnce(*sync, &figures.warmOpenSeconds, nullptr, error))
        return std::nullopt;
    figures.warmBytes
        = session->connection().bytesReceived() - receivedBefore + session->connection().bytesSent() - sentBefore;

    // Propagation: the mailbox stays open with IDLE; another device flags messages.
    const qsizetype count = propagationCount(server);
    qsizetype applied = 0;
    UidSet seen;
    QEventLoop loop;
    std::chrono::steady_clock::time_point lastApplied;
    QObject::connect(sync.get(), &engine::MailboxSync::delta, &loop, [&](const engine::MailboxDeltaPtr &delta) {
        for (const store::FlagUpdate &update : delta->flags) {
            if (update.flags.has(Flags::System::Flagged) && !seen.contains(update.uid)) {
                seen.insert(update.uid);
                ++applied;
            }
        }
        if (applied >= count) {
            lastApplied = std::chrono::steady_clock::now();
            loop.quit();
        }
    });
    session->connection().idle();
    QEventLoop settle;
    QTimer::singleShot(300, &settle, &QEventLoop::quit);
    settle.exec();
    const qint64 receivedIdle = session->connection().bytesReceived();
    const qint64 sentIdle = session->connection().bytesSent();
    std::future<std::optional<RemoteFlagChange>> change = std::async(std::launch::async, [&server, count] {
        QString ignored;
        return flagMessagesRemotely(server, count, &ignored);
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    figures.propagationBytes
        = session->connection().bytesReceived() - receivedIdle + session->connection().bytesSent() - sentIdle;
    const std::optional<RemoteFlagChange> remote = change.get();
    if (remote) {
        figures.propagationSeconds = std::chrono::duration<double>(lastApplied - remote->sentAt).count();
        QString ignored;
        (void)unflagMessagesRemotely(server, remote->uids, &ignored);
    }
    if (applied < count) {
        *error = u"only %1 of %2 remote flag changes arrived within 30 s"_s.arg(applied).arg(count);
        return std::nullopt;
    }
    sync.reset();
    session->close();
    return figures;
}

} // namespace fumi::cli
