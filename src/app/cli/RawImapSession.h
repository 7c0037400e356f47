// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "app/cli/BenchServer.h"
#include "core/UidSet.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QSslSocket;

namespace fumi::cli {

// An IMAP session of the benchmark that costs as little as a client can: blocking reads on a
// QSslSocket, no event loop, and no parsing beyond finding line ends, literals and the tagged
// reply. It measures what the server and the wire cost (the raw floor), and plays "another
// device" that changes flags. Fumi's own code is deliberately not used here, so that a bug in
// it cannot make the floor look better or worse.
//
// Blocking: run it on a thread of its own when something else must keep reading meanwhile.
class RawImapSession
{
public:
    struct Reply {
        QByteArray status;        // the tagged line without the tag, e.g. "OK Fetch completed."
        QByteArray data;          // the untagged lines, when asked to keep them
        double seconds = 0;       // from sending the command to the end of the tagged line
        qint64 bytesReceived = 0; // of this reply (application bytes, after TLS)
        qint64 bytesSent = 0;     // of this command
        qsizetype untagged = 0;   // how many untagged responses came before the tagged one
    };

    explicit RawImapSession(BenchServer server);
    ~RawImapSession();
    RawImapSession(const RawImapSession &) = delete;
    RawImapSession &operator=(const RawImapSession &) = delete;

    // Connects with TLS (trusting only the server's CA), logs in, ENABLEs `enable` when it is
    // not empty (UTF8=ACCEPT must come before the mailbox is selected), and SELECTs the mailbox
    // (EXAMINE when readOnly). False, with *error, on failure.
    [[nodiscard]] bool open(bool readOnly, QString *error, const QByteArray &enable = {});
    // Sends one command (without tag and CRLF) and reads to its tagged reply. The reply is
    // returned whatever its status (OK, NO, BAD); null, with *error, when the connection fails
    // or nothing arrives within timeoutMs.
    [[nodiscard]] std::optional<Reply> run(const QByteArray &command, bool keepData, QString *error,
                                           int timeoutMs = 600000);
    // Sends the commands (without tag and CRLF) in order, another whenever `goesOut(on the wire,
    // still to send)` allows, then and whenever one is answered, as ServerSearch sends a search
    // in parts (ServerSearch::partGoesOut()); the seconds from the first send to the last tagged
    // OK. Null, with *error, when one is not OK or the connection fails.
    [[nodiscard]] std::optional<double> runPipelined(const QByteArrayList &commands,
                                                     const std::function<bool(int, qsizetype)> &goesOut, QString *error,
                                                     int timeoutMs = 600000);
    // IDLE, for the propagation floor: sends IDLE and reads to the server's continuation.
    [[nodiscard]] bool startIdle(QString *error);
    // Reads what the server pushes during IDLE until `count` untagged responses have come; the
    // moment the last one was read. Null, with *error, on failure or after timeoutMs.
    [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> waitForUntagged(qsizetype count, int timeoutMs,
                                                                                       QString *error);
    // Sends DONE and reads to IDLE's tagged reply.
    [[nodiscard]] bool stopIdle(QString *error);
    void logout();

    // The UIDs a kept reply's "* SEARCH 3 17 42" lines or "* ESEARCH ... ALL 3:17,42" line name.
    [[nodiscard]] static UidSet searchedUids(const QByteArray &data);

    // Every byte of this session so far, login included.
    [[nodiscard]] qint64 bytesReceived() const { return m_bytesReceived; }
    [[nodiscard]] qint64 bytesSent() const { return m_bytesSent; }

private:
    // Reads until a line that starts with one of `tags`, or until *untagged reaches `untaggedLimit`
    // when that is positive; true with the line (without CRLF, empty at the limit) in *status.
    bool readReply(const QByteArrayList &tags, bool keepData, QByteArray *status, QByteArray *data, qsizetype *untagged,
                   int timeoutMs, QString *error, qsizetype untaggedLimit = 0);

    BenchServer m_server;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    int m_nextTag = 1;
    QByteArray m_idleTag;
    qint64 m_bytesReceived = 0;
    qint64 m_bytesSent = 0;
};

} // namespace fumi::cli
