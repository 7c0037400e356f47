// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/RemoteFlagChange.h"

#include "app/cli/RawImapSession.h"

#include <QThread>

#include <future>

using namespace Qt::StringLiterals;

namespace fumi::cli {

std::optional<RemoteFlagChange> flagMessagesRemotely(const BenchServer &server, qsizetype count, QString *error)
{
    RawImapSession session(server);
    if (!session.open(false, error))
        return std::nullopt;
    const auto search = session.run("UID SEARCH UNFLAGGED"_ba, true, error);
    if (!search)
        return std::nullopt;
    const UidSet found = RawImapSession::searchedUids(search->data);
    const std::vector<Uid> candidates(found.begin(), found.end());
    if (!search->status.startsWith("OK") || qsizetype(candidates.size()) < count || count <= 0) {
        *error = u"cannot pick %1 unflagged messages: the server found %2 (%3)"_s.arg(count)
                     .arg(candidates.size())
                     .arg(QString::fromUtf8(search->status));
        return std::nullopt;
    }
    RemoteFlagChange change;
    const double step = double(candidates.size()) / double(count);
    for (qsizetype i = 0; i < count; ++i)
        change.uids.insert(candidates[size_t(double(i) * step)]);

    change.sentAt = std::chrono::steady_clock::now();
    const auto store
        = session.run("UID STORE " + change.uids.toImapSequenceSet() + " +FLAGS.SILENT (\\Flagged)", false, error);
    if (!store)
        return std::nullopt;
    if (!store->status.startsWith("OK")) {
        *error = u"UID STORE failed: "_s + QString::fromUtf8(store->status);
        return std::nullopt;
    }
    change.seconds = store->seconds;
    change.bytesSent = store->bytesSent;
    change.bytesReceived = store->bytesReceived;
    session.logout();
    return change;
}

bool unflagMessagesRemotely(const BenchServer &server, const UidSet &uids, QString *error)
{
    if (uids.isEmpty())
        return true;
    RawImapSession session(server);
    if (!session.open(false, error))
        return false;
    const auto store
        = session.run("UID STORE " + uids.toImapSequenceSet() + " -FLAGS.SILENT (\\Flagged)", false, error);
    if (!store)
        return false;
    session.logout();
    if (!store->status.startsWith("OK")) {
        *error = u"UID STORE failed: "_s + QString::fromUtf8(store->status);
        return false;
    }
    return true;
}

std::optional<double> measureRawPropagation(const BenchServer &server, qsizetype count, QString *error)
{
    RawImapSession listener(server);
    if (!listener.open(true, error) || !listener.startIdle(error))
        return std::nullopt;
    // Give the server a moment to start watching the mailbox, as Fumi's measure does.
    QThread::msleep(300);
    std::future<std::optional<RemoteFlagChange>> change = std::async(std::launch::async, [&server, count] {
        QString ignored;
        return flagMessagesRemotely(server, count, &ignored);
    });
    const std::optional<std::chrono::steady_clock::time_point> last = listener.waitForUntagged(count, 30000, error);
    const std::optional<RemoteFlagChange> remote = change.get();
    if (remote) {
        QString ignored;
        (void)unflagMessagesRemotely(server, remote->uids, &ignored);
    }
    if (!last)
        return std::nullopt;
    if (!remote) {
        *error = u"the other connection could not flag the messages"_s;
        return std::nullopt;
    }
    if (!listener.stopIdle(error))
        return std::nullopt;
    listener.logout();
    return std::chrono::duration<double>(*last - remote->sentAt).count();
}

} // namespace fumi::cli
