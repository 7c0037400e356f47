// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "imap/Command.h"
#include "imap/DeflateStream.h"
#include "imap/Response.h"
#include "imap/ResponseReader.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

class QSslSocket;

namespace fumi::imap {

// Decides about a server certificate the system does not trust. The account layer implements
// it with the user's trust exceptions: exactly one certificate for one host and port.
class CertificatePolicy
{
public:
    virtual ~CertificatePolicy() = default;
    // Called only after verification against the system trust store and the server name
    // failed. True accepts this certificate for this connection.
    [[nodiscard]] virtual bool accept(const QString &host, quint16 port, const QSslCertificate &certificate,
                                      const QList<QSslError> &errors)
        = 0;
};

struct ConnectionSettings {
    enum class Security {
        ImplicitTls, // TLS from the first byte (port 993)
        StartTls,    // plain connection that must be upgraded with STARTTLS before anything else
        Plain,       // no TLS at all: only when the account explicitly says so
    };

    QString host;
    quint16 port = 993;
    Security security = Security::ImplicitTls;
    // Trusted in addition to the system's: an organisation's own CA, or a test CA.
    QList<QSslCertificate> caCertificates;
    std::chrono::milliseconds timeout{30000};
    // IDLE is ended and restarted before servers' 30-minute inactivity limit (RFC 2177).
    std::chrono::milliseconds idleRenewal{29 * 60 * 1000};
    // Without IDLE, how often idle() polls with NOOP.
    std::chrono::milliseconds pollInterval{2 * 60 * 1000};
    // Turn on COMPRESS=DEFLATE after login where the server offers it.
    bool compress = true;
    // After login: ENABLE QRESYNC and UTF8=ACCEPT where offered, and tell the server our ID.
    bool enableExtensions = true;
    bool sendId = true;
    // Also receives the redacted transcript ("C: ...", "S: ..."), whatever the logging category
    // says: the sync health panel shows it. Called on the connection's thread.
    std::function<void(const QString &line)> transcript;
};

// The outcome of one command: its tagged status and the untagged data that belongs to it.
struct CommandResult {
    StatusResponse status;
    std::vector<Response> data;

    [[nodiscard]] bool ok() const { return status.status == StatusResponse::Status::Ok; }
};

// One IMAP connection over QSslSocket.
//
// It enforces the security rules of DESIGN.md before anything else happens: the greeting must
// be IMAP; under STARTTLS the upgrade happens first and nothing learned before it is kept, a
// byte received after the tagged OK to STARTTLS aborts, and PREAUTH aborts; certificates are
// verified against the system trust store and the server name, and only the caller's
// CertificatePolicy may accept another, never a blanket ignoreSslErrors(). LOGINDISABLED is
// respected.
//
// Commands are pipelined: send() writes at once and returns the tag, and the tagged answer comes
// back with finished() together with the untagged data that belongs to that command (LIST,
// STATUS, SEARCH...). Responses about the selected mailbox (EXISTS, RECENT, EXPUNGE, VANISHED,
// FLAGS, FETCH, and codes such as UIDNEXT) go to mailboxData(), whose one receiver owns the
// mailbox state. A tagged answer for a tag never sent is a protocol error.
//
// Every failure ends the connection: failed() says why, and nothing more is sent. The protocol
// transcript (logging category fumi.imap.transcript, off by default) hides credentials and the
// contents of literals.
class Connection : public QObject
{
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, NotAuthenticated, Authenticating, Authenticated, LoggingOut };
    Q_ENUM(State)

    enum class Error {
        Network,
        Tls,
        UntrustedCertificate,
        Timeout,
        Protocol,            // the server broke the protocol, or is not an IMAP server
        SecurityRequirement, // STARTTLS missing or refused, or PREAUTH when TLS is required
        LoginDisabled,       // no way to log in that the server allows here
        AuthenticationFailed,
        Bye, // the server closed the session
    };
    Q_ENUM(Error)

    // `policy` may be null (then only system-trusted certificates pass) and must outlive this.
    Connection(ConnectionSettings settings, CertificatePolicy *policy, QObject *parent = nullptr);
    ~Connection() override;

    // Connects, secures the connection and reads the capabilities; ready() or failed().
    void open();
    // Logs in with a password: AUTHENTICATE PLAIN where offered (with SASL-IR where offered),
    // else LOGIN unless LOGINDISABLED. authenticated() or failed().
    void login(const QString &user, const QString &password);
    // Logs in with an OAuth2 access token: OAUTHBEARER where offered, else XOAUTH2; never a
    // password. authenticated() or failed().
    void loginWithToken(const QString &user, const QString &accessToken);
    // Writes `command` (pipelined) and returns its tag; finished() carries the answer.
    QByteArray send(const Command &command);
    // Hands what send() has written to the operating system now rather than at the next turn
    // of the event loop, for a caller that is about to keep the thread busy a while.
    void flush();
    // Waits for news of the selected mailbox: IDLE where offered (renewed before the server's
    // limit), NOOP every pollInterval otherwise. Updates arrive through mailboxData() until
    // stopIdle(); sending a command stops idling first.
    void idle();
    void stopIdle();
    [[nodiscard]] bool isIdling() const { return m_idleWanted; }
    // LOGOUT, then closes; closed() follows.
    void close();

    // Message bodies (literals of `threshold` bytes or more) go to `sink` in pieces as they
    // arrive instead of being held whole; the FETCH section that carried one names it by
    // FetchedSection::streamId. Set before open().
    void setLiteralSink(qint64 threshold, ResponseFramer::LiteralSink sink);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const QByteArrayList &capabilities() const { return m_capabilities; }
    [[nodiscard]] bool hasCapability(QByteArrayView capability) const;
    [[nodiscard]] bool isEncrypted() const;
    [[nodiscard]] bool isCompressed() const { return m_compression != nullptr; }
    // Extensions the server confirmed with ENABLED, and what it said of itself in ID.
    [[nodiscard]] const QByteArrayList &enabled() const { return m_enabled; }
    [[nodiscard]] const ParameterList &serverId() const { return m_serverId; }
    // Bytes on the wire so far (compressed where COMPRESS is on; TLS records not counted).
    [[nodiscard]] qint64 bytesReceived() const { return m_bytesReceived; }
    [[nodiscard]] qint64 bytesSent() const { return m_bytesSent; }

Q_SIGNALS:
    void ready();
    void authenticated();
    void finished(const QByteArray &tag, const fumi::imap::CommandResult &result);
    void mailboxData(const fumi::imap::Response &response);
    void alert(const QString &text);
    void failed(fumi::imap::Connection::Error error, const QString &message);
    void closed();

private:
    struct Pending {
        QByteArray tag;
        QByteArray name;       // upper case, e.g. "UID FETCH"
        QByteArrayList parts;  // still to write; each later part waits for a "+"
        QByteArray transcript; // the redacted command line
        bool started = false;  // its first part is written
        bool idle = false;     // an IDLE command: holds back later commands until it ends
        CommandResult result;
        // Answers a continuation request itself (AUTHENTICATE) instead of sending parts.
        std::function<QByteArray(QByteArrayView)> onContinuation;
        // Internal commands handle their own completion; others emit finished().
        std::function<void(const CommandResult &)> onDone;
    };

    QByteArray enqueue(const Command &command, std::function<void(const CommandResult &)> onDone = {},
                       std::function<QByteArray(QByteArrayView)> onContinuation = {}, bool idle = false);
    void writeQueued();
    void writeRaw(const QByteArray &bytes, const QByteArray &transcript);
    void note(const QString &line) const;
    void onEncrypted();
    std::unique_ptr<ResponseReader> makeReader() const;
    void onReadyRead();
    bool consume(QByteArrayView bytes);
    bool consumeCompressed(QByteArrayView bytes);
    void startCompression(std::function<void()> then);
    std::function<void(const CommandResult &)> authenticationDone();
    void afterAuthentication();
    void enableExtensions(std::function<void()> then);
    void identify(std::function<void()> then);
    void onSslErrors(const QList<QSslError> &errors);
    void handle(Response &&response);
    void handleGreeting(const Response &response);
    void handleTagged(StatusResponse &&status);
    void handleContinuation(const ContinuationRequest &continuation);
    void routeUntagged(Response &&response);
    void noteCapabilities(const QByteArrayList &capabilities);
    void requestCapabilities(std::function<void()> then);
    void startTls();
    void becomeReady();
    void fail(Error error, const QString &message);
    void armTimer();
    void startIdleCommand();
    void sendDone();
    Command::Encoding encoding() const;

    ConnectionSettings m_settings;
    CertificatePolicy *m_policy;
    std::unique_ptr<QSslSocket> m_socket;
    std::unique_ptr<ResponseReader> m_reader;
    std::unique_ptr<DeflateStream> m_compression;
    qint64 m_literalSinkThreshold = 0;
    ResponseFramer::LiteralSink m_literalSink;
    QTimer m_timer;
    QTimer m_idleTimer; // renews IDLE, or polls with NOOP
    bool m_idleWanted = false;
    bool m_idling = false; // the server accepted IDLE and waits for DONE
    State m_state = State::Disconnected;
    bool m_greeted = false;
    bool m_startingTls = false;
    bool m_utf8 = false;
    bool m_failed = false;
    QByteArrayList m_capabilities;
    QByteArrayList m_enabled;
    ParameterList m_serverId;
    std::deque<Pending> m_pending; // sent or waiting to be sent, in order
    quint64 m_nextTag = 1;
    qint64 m_bytesReceived = 0;
    qint64 m_bytesSent = 0;
};

} // namespace fumi::imap
