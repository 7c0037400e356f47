// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "app/cli/BenchServer.h"

#include <QString>

#include <optional>

namespace fumi::cli {

// What listing the mailbox costs the server and the wire alone: on one TLS connection, logged
// in and with the mailbox examined, the time from sending
//   UID FETCH 1:* (UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE)
// to its tagged OK, everything read and thrown away unparsed (RawImapSession only finds line
// ends and literals). No client that stores and shows these rows can be faster.
struct RawFloorFigures {
    double seconds = 0;
    qint64 bytes = 0;        // received for the FETCH, after TLS
    qsizetype responses = 0; // untagged responses: one FETCH per message
    // CPU time this process spent meanwhile (TLS and finding line ends): far below `seconds`
    // when the server, not this reader, sets the pace.
    double clientCpuSeconds = 0;
};

[[nodiscard]] QByteArray rawFloorItems();

// What the server costs for a first screen: on a raw session with the mailbox selected, the
// seconds for UID SEARCH RETURN (ALL) ALL and then a UID FETCH of the 50 newest messages with
// `items` — the commands Fumi's cold open sends before its first window is ready.
[[nodiscard]] std::optional<double> measureRawFirstWindow(const BenchServer &server, const QByteArray &items,
                                                          QString *error);

// User and system CPU time of this process so far, in seconds.
[[nodiscard]] double processCpuSeconds();

// The same measure for other FETCH items ("(UID FLAGS ...)"): the benchmark warms the server
// with Fumi's own items too, so Dovecot has cached every field either reader asks for.
[[nodiscard]] std::optional<RawFloorFigures> measureRawFloor(const BenchServer &server, QString *error,
                                                             const QByteArray &items = rawFloorItems());

} // namespace fumi::cli
