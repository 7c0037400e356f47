// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "app/cli/BenchServer.h"

#include <QString>

#include <memory>
#include <optional>

namespace fumi::engine {
class Session;
}

namespace fumi::cli {

// A logged-in session on the benchmark's server, as the engine makes them (TLS, COMPRESS,
// ENABLE QRESYNC and UTF8=ACCEPT where offered), or null with *error.
[[nodiscard]] std::unique_ptr<engine::Session> logInBenchSession(const BenchServer &server, QString *error);

// Fumi's own figures in `fumi-cli bench`: what the engine does with the benchmark's mailbox.
// Everything else in the benchmark (the mailbox, the server, the raw floor, neomutt, RSS) is
// measured around this one call.
struct FumiBenchFigures {
    double coldOpenSeconds = 0;    // empty cache -> every message's row stored and ready for a list
    double firstWindowSeconds = 0; // empty cache -> the 50 newest rows ready
    double warmOpenSeconds = 0;    // reopen with no changes on the server
    qint64 warmBytes = 0;          // bytes on the wire for that reopen (both directions)
    double coldOpenCpuSeconds = 0; // CPU this process spent during the cold open
    // Another connection flags propagationCount() messages: from its UID STORE going out to the
    // last of them applied locally.
    double propagationSeconds = 0;
    qint64 propagationBytes = 0; // bytes Fumi's connection received and sent for that
};

// How many messages the propagation step changes: 1,000, or half of a small mailbox.
[[nodiscard]] inline qsizetype propagationCount(const BenchServer &server)
{
    return qMin<qsizetype>(1000, server.messages / 2);
}

// Measures Fumi against the running server. `cacheDirectory` exists and is empty: the account's
// store goes there. The caller resets the peak RSS just before and reads it just after, so
// everything Fumi keeps in memory during these steps counts. The propagation step uses
// flagMessagesRemotely() (RemoteFlagChange.h) as the other device and must put the flags back
// with unflagMessagesRemotely(), so that a kept mailbox stays as generated.
// Null, with *error, when a step fails or cannot be measured in this build.
[[nodiscard]] std::optional<FumiBenchFigures> measureFumi(const BenchServer &server, const QString &cacheDirectory,
                                                          QString *error);

} // namespace fumi::cli
