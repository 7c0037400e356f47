// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/RawFloor.h"

#include "app/cli/RawImapSession.h"

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace fumi::cli {

double processCpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

QByteArray rawFloorItems()
{
    return "(UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE)"_ba;
}

std::optional<RawFloorFigures> measureRawFloor(const BenchServer &server, QString *error, const QByteArray &items)
{
    RawImapSession session(server);
    if (!session.open(true, error))
        return std::nullopt;
    const double cpuBefore = processCpuSeconds();
    const auto reply = session.run(QByteArray("UID FETCH 1:* " + items), false, error);
    const double cpu = processCpuSeconds() - cpuBefore;
    if (!reply)
        return std::nullopt;
    session.logout();
    if (!reply->status.startsWith("OK")) {
        *error = u"the raw FETCH failed: "_s + QString::fromUtf8(reply->status);
        return std::nullopt;
    }
    // A few untagged responses besides the FETCHes are allowed (EXISTS, a flag update).
    if (reply->untagged < server.messages) {
        *error = u"the raw FETCH returned %1 responses for %2 messages"_s.arg(reply->untagged).arg(server.messages);
        return std::nullopt;
    }
    return RawFloorFigures{reply->seconds, reply->bytesReceived, reply->untagged, cpu};
}

std::optional<double> measureRawFirstWindow(const BenchServer &server, const QByteArray &items, QString *error)
{
    RawImapSession session(server);
    if (!session.open(true, error))
        return std::nullopt;
    const auto search = session.run("UID SEARCH RETURN (ALL) ALL"_ba, false, error);
    if (!search)
        return std::nullopt;
    // The generated mailbox numbers its messages 1..N.
    const qsizetype newest = server.messages;
    const qsizetype oldest = qMax<qsizetype>(1, newest - 49);
    const auto fetch = session.run(
        QByteArray("UID FETCH " + QByteArray::number(oldest) + ':' + QByteArray::number(newest) + ' ' + items), false,
        error);
    if (!fetch)
        return std::nullopt;
    session.logout();
    if (!search->status.startsWith("OK") || !fetch->status.startsWith("OK")) {
        *error = u"the first window's commands failed: "_s + QString::fromUtf8(search->status + " / " + fetch->status);
        return std::nullopt;
    }
    return search->seconds + fetch->seconds;
}

} // namespace fumi::cli
