// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "support/TestCertificates.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QStringList>
#include <QTcpServer>

#include <memory>

class QSslSocket;

namespace fumi::test {

// A fake IMAP server that plays a script against one client on a free loopback port.
//
// Script steps, in order:
//   "S: text"  the server sends text and CRLF (text may hold "\r\n" to send several lines at once)
//   "C: text"  the server waits for the client's next line and records an error unless it is
//              exactly text (without its CRLF)
//   "C? text"  the same, but the client's line need only start with text (for lines carrying
//              values the test cannot know, such as fresh OAuth2 tokens)
//   "TLS"      the server starts TLS on the connection (after it answered STARTTLS)
//   "CLOSE"    the server closes the connection
//   "ACCEPT"   the server waits for the client's next connection, and plays the rest of the
//              script on it (for clients that reconnect)
// Everything the client sent, decrypted, is kept for assertions such as "no credentials were
// sent". With ImplicitTls the connection is TLS from the start, with the test certificates.
class ScriptedImapServer : public QTcpServer
{
    Q_OBJECT

public:
    enum class Mode { Plain, ImplicitTls };

    ScriptedImapServer(Mode mode, const TestCertificates &certificates, QByteArrayList script);

    // A script from tests/data/imap/scripts/<name>.imapscript: one step a line as above, '#'
    // starting a comment line, and "\r\n" inside a step standing for CRLF.
    [[nodiscard]] static QByteArrayList loadScript(const QString &name);
    ~ScriptedImapServer() override;

    [[nodiscard]] bool start(); // listens on 127.0.0.1 and a free port
    // Replaces the script before a client connects (for scripts that depend on the port).
    void setScript(QByteArrayList script) { m_script = std::move(script); }
    [[nodiscard]] bool scriptFinished() const { return m_step >= m_script.size(); }
    [[nodiscard]] const QStringList &errors() const { return m_errors; }
    [[nodiscard]] const QByteArray &received() const { return m_received; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void run();
    void onReadyRead();

    Mode m_mode;
    const TestCertificates &m_certificates;
    QByteArrayList m_script;
    qsizetype m_step = 0;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    QByteArray m_received;
    QStringList m_errors;
};

} // namespace fumi::test
