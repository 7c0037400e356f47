// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "app/cli/BenchServer.h"

#include <QString>

#include <optional>

namespace fumi::cli {

// neomutt (Debian's /usr/bin/neomutt) opening the benchmark's mailbox over IMAPS, as the
// comparison a mail reader's user knows.
//
// neomutt wants a terminal, so it runs under `script` (util-linux) on a pseudo-terminal, with a
// muttrc that trusts only the server's CA, logs in with imap_user/imap_pass, opens the mailbox
// as its spool file and quits as soon as the index is shown (`push <quit>` with quit=yes).
// What is measured is the wall time of that whole neomutt process: start-up, TLS, login,
// SELECT, fetching every message's headers (or, with the header cache, only the flags), sorting
// and drawing the first screen. The status line is set to print the message count, and a run
// whose count is not the mailbox's is an error, so a neomutt that failed cannot look fast.
class NeomuttRun
{
public:
    struct Figures {
        double seconds = 0;
        qsizetype messages = 0; // what neomutt's status line said it loaded
    };

    // `directory` is neomutt's home for these runs (muttrc, certificates, header cache).
    NeomuttRun(BenchServer server, QString directory);

    // One run; with headerCache true, neomutt keeps its header cache in directory/hcache.
    [[nodiscard]] std::optional<Figures> run(bool headerCache, QString *error);
    // The bytes in the header cache now: a warm run is only warm when this is not zero.
    [[nodiscard]] qint64 headerCacheBytes() const;

    [[nodiscard]] static QString program();

private:
    BenchServer m_server;
    QString m_directory;
};

} // namespace fumi::cli
