// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "support/ScriptedImapServer.h"

#include "imap/Connection.h"

#include <QByteArrayList>

#include <memory>

namespace fumi::test {

// A ScriptedImapServer playing a script on loopback and an imap::Connection logged in to it
// over plain text as alice/secret: what the engine's scripted tests start from. The support
// library does not link the engine, so a test wraps `connection` in its engine::Session itself.
struct ScriptedLogin {
    struct Options {
        // As imap::ConnectionSettings::enableExtensions: off for scripts that do not answer ENABLE.
        bool enableExtensions = true;
        // How long the greeting, and then the login, may each take.
        int timeoutMs = 10000;
    };

    // Starts the server with `script` (its login steps included, as ImapTranscript writes them),
    // opens the connection and logs in. `connection` is null when the server did not start, or
    // the connection failed or was not ready or logged in in time; `server` is kept either way
    // so that the test can show its errors().
    [[nodiscard]] static ScriptedLogin start(const TestCertificates &certificates, const QByteArrayList &script,
                                             Options options);
    [[nodiscard]] static ScriptedLogin start(const TestCertificates &certificates, const QByteArrayList &script)
    {
        return start(certificates, script, Options());
    }

    std::unique_ptr<ScriptedImapServer> server;
    std::unique_ptr<imap::Connection> connection;
};

} // namespace fumi::test
