// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QByteArrayList>

namespace fumi::test {

// Writes a ScriptedImapServer script for a client that logs in with AUTHENTICATE PLAIN as
// alice/secret, as imap::Connection does: the greeting with `capabilities`, the login, ENABLE
// QRESYNC where offered. Commands after that get the tags the client will give them (f1, f2...
// in the order it sends them), so a test writes what it expects without counting tags.
class ImapTranscript
{
public:
    explicit ImapTranscript(const QByteArray &capabilities);

    // The client's next command, without its tag; returns the tag.
    QByteArray command(const QByteArray &text);
    // A client line that is not a command (DONE, which ends IDLE).
    void line(const QByteArray &text);
    // Server lines sent together, in one write.
    void reply(const QByteArrayList &lines);
    // The server closes the connection.
    void close();

    [[nodiscard]] const QByteArrayList &steps() const { return m_steps; }

private:
    QByteArrayList m_steps;
    int m_tags = 0;
};

} // namespace fumi::test
