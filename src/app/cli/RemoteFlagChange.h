// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "app/cli/BenchServer.h"
#include "core/UidSet.h"

#include <QString>

#include <chrono>
#include <optional>

namespace fumi::cli {

// "Another device" for the propagation measure: its own connection (a RawImapSession) that
// flags messages the way a second client would, while Fumi's connection watches with IDLE.
struct RemoteFlagChange {
    UidSet uids;        // the messages that now carry \Flagged and did not before
    double seconds = 0; // from sending the UID STORE to its tagged OK
    // When the UID STORE went out: the change happens here, so propagation is timed from it,
    // not from this device's login and search.
    std::chrono::steady_clock::time_point sentAt;
    qint64 bytesSent = 0;     // of the UID STORE command on this connection
    qint64 bytesReceived = 0; // of its reply (SILENT: nearly nothing)
};

// Picks `count` messages without \Flagged, spread evenly over the mailbox (UID SEARCH
// UNFLAGGED, not timed), and sends one
//   UID STORE <uids> +FLAGS.SILENT (\Flagged)
// Null, with *error, when the mailbox has too few unflagged messages or the server fails.
// Blocking: call it on a thread of its own (std::async) if the caller's connection must be
// read while the STORE runs.
[[nodiscard]] std::optional<RemoteFlagChange> flagMessagesRemotely(const BenchServer &server, qsizetype count,
                                                                   QString *error);

// Takes \Flagged away again (UID STORE -FLAGS.SILENT), so that a kept mailbox stays as it was
// generated and the next run finds the same messages to change.
[[nodiscard]] bool unflagMessagesRemotely(const BenchServer &server, const UidSet &uids, QString *error);

// The propagation floor: a RawImapSession idles on the mailbox while flagMessagesRemotely()
// changes `count` messages; seconds from the UID STORE going out to the last of the server's
// FETCH responses read, the flags put back afterwards. What the server's own notification
// costs (Dovecot, for one, waits about half a second to gather changes), so that Fumi's
// propagation can be read against it.
[[nodiscard]] std::optional<double> measureRawPropagation(const BenchServer &server, qsizetype count, QString *error);

} // namespace fumi::cli
