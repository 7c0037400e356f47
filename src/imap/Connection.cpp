// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/Connection.h"

#include "core/Ascii.h"
#include "imap/Logging.h"

#include <QCoreApplication>
#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>
#include <cctype>

using namespace Qt::StringLiterals;

namespace fumi::imap {

namespace {

// The transcript shows a response with each literal's contents replaced by its size.
QByteArray redactLiterals(QByteArrayView response)
{
    QByteArray out;
    qsizetype at = 0;
    while (at < response.size()) {
        qsizetype newline = response.indexOf('\n', at);
        if (newline < 0)
            newline = response.size() - 1;
        QByteArrayView line = response.sliced(at, newline - at + 1);
        out += line.trimmed();
        at = newline + 1;
        const QByteArrayView content = line.trimmed();
        const qsizetype open = content.lastIndexOf('{');
        if (content.endsWith('}') && open >= 0) {
            bool ok = false;
            const qint64 size = content.sliced(open + 1, content.size() - open - 2).toLongLong(&ok);
            if (ok && size >= 0) {
                out += "<" + QByteArray::number(size) + " bytes>";
                at += qsizetype(std::min<qint64>(size, response.size() - at));
                continue;
            }
        }
        if (at < response.size())
            out += ' ';
    }
    return out;
}

bool isMailboxCode(ResponseCode::Kind kind)
{
    using Kind = ResponseCode::Kind;
    switch (kind) {
    case Kind::PermanentFlags:
    case Kind::ReadOnly:
    case Kind::ReadWrite:
    case Kind::UidNext:
    case Kind::UidValidity:
    case Kind::Unseen:
    case Kind::HighestModSeq:
    case Kind::NoModSeq:
    case Kind::Closed:
        return true;
    default:
        return false;
    }
}

// Which commands answer with which untagged data, to attribute pipelined answers.
bool expects(const QByteArray &command, const Response &response)
{
    return std::visit(
        [&](const auto &r) {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, ListResponse>)
                return command == "LIST" || command == "LSUB";
            else if constexpr (std::is_same_v<T, MailboxStatusResponse>)
                return command == "STATUS" || command == "LIST";
            else if constexpr (std::is_same_v<T, SearchResponse> || std::is_same_v<T, ESearchResponse>)
                return command == "SEARCH" || command == "UID SEARCH";
            else if constexpr (std::is_same_v<T, ThreadResponse>)
                return command == "THREAD" || command == "UID THREAD";
            else if constexpr (std::is_same_v<T, EnabledResponse>)
                return command == "ENABLE";
            else if constexpr (std::is_same_v<T, IdResponse>)
                return command == "ID";
            else if constexpr (std::is_same_v<T, NamespaceResponse>)
                return command == "NAMESPACE";
            else if constexpr (std::is_same_v<T, CapabilityResponse>)
                return command == "CAPABILITY";
            else
                return false;
        },
        response);
}

QString describe(const QList<QSslError> &errors)
{
    QStringList texts;
    for (const QSslError &error : errors)
        texts << error.errorString();
    return texts.join(u"; "_s);
}

} // namespace

Connection::Connection(ConnectionSettings settings, CertificatePolicy *policy, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_policy(policy)
{
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        if (!m_idleWanted)
            return;
        if (m_idling) {
            // Renewal: DONE, and the IDLE command's completion starts the next one.
            sendDone();
        } else if (!hasCapability("IDLE")) {
            enqueue(Command("NOOP"));
            m_idleTimer.start(m_settings.pollInterval);
        }
    });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        fail(Error::Timeout,
             tr("No answer from %1 within %2 seconds.")
                 .arg(m_settings.host)
                 .arg(double(m_settings.timeout.count()) / 1000.0, 0, 'g', 3));
    });
}

void Connection::idle()
{
    Q_ASSERT(m_state == State::Authenticated);
    if (m_idleWanted)
        return;
    m_idleWanted = true;
    if (hasCapability("IDLE"))
        startIdleCommand();
    else
        m_idleTimer.start(m_settings.pollInterval);
}

void Connection::startIdleCommand()
{
    enqueue(
        Command("IDLE"),
        [this](const CommandResult &result) {
            m_idling = false;
            m_idleTimer.stop();
            if (!result.ok()) {
                m_idleWanted = false;
                qCInfo(lcImap).noquote() << "IDLE refused:" << QString::fromUtf8(result.status.text);
                return;
            }
            if (m_idleWanted) // ended for renewal: start again at once
                startIdleCommand();
        },
        {}, /*idle=*/true);
}

void Connection::stopIdle()
{
    m_idleWanted = false;
    m_idleTimer.stop();
    if (m_idling)
        sendDone();
}

void Connection::sendDone()
{
    m_idling = false;
    writeRaw("DONE\r\n", "DONE");
    armTimer();
}

Connection::~Connection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

bool Connection::hasCapability(QByteArrayView capability) const
{
    return std::any_of(m_capabilities.cbegin(), m_capabilities.cend(), [&](const QByteArray &own) {
        return Ascii::equalsNoCase(own, capability);
    });
}

bool Connection::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

Command::Encoding Connection::encoding() const
{
    Command::Encoding encoding;
    if (hasCapability("LITERAL+"))
        encoding.literals = Command::Encoding::Literals::LiteralPlus;
    else if (hasCapability("LITERAL-") || hasCapability("IMAP4rev2"))
        encoding.literals = Command::Encoding::Literals::LiteralMinus;
    encoding.utf8 = m_utf8;
    return encoding;
}

void Connection::open()
{
    Q_ASSERT(m_state == State::Disconnected && !m_socket);
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + m_settings.caCertificates);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(tls);
    m_socket->setPeerVerifyName(m_settings.host);

    m_reader = makeReader();

    connect(m_socket.get(), &QSslSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket.get(), &QSslSocket::encrypted, this, &Connection::onEncrypted);
    connect(m_socket.get(), &QSslSocket::sslErrors, this, &Connection::onSslErrors);
    connect(m_socket.get(), &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (m_failed || (m_state == State::LoggingOut && error == QAbstractSocket::RemoteHostClosedError))
            return;
        if (error == QAbstractSocket::RemoteHostClosedError)
            return; // handled by disconnected, which knows about BYE
        const bool tlsError = error == QAbstractSocket::SslHandshakeFailedError
            || error == QAbstractSocket::SslInternalError || error == QAbstractSocket::SslInvalidUserDataError;
        fail(tlsError ? Error::Tls : Error::Network, m_socket->errorString());
    });
    connect(m_socket.get(), &QSslSocket::disconnected, this, [this] {
        if (m_failed)
            return;
        if (m_state == State::LoggingOut) {
            m_state = State::Disconnected;
            m_timer.stop();
            Q_EMIT closed();
            return;
        }
        fail(Error::Bye, tr("The server closed the connection."));
    });

    m_state = State::Connecting;
    armTimer();
    qCDebug(lcImapTranscript).noquote() << "connecting to" << m_settings.host << m_settings.port;
    note(QStringLiteral("connecting to %1 port %2").arg(m_settings.host).arg(m_settings.port));
    if (m_settings.security == ConnectionSettings::Security::ImplicitTls)
        m_socket->connectToHostEncrypted(m_settings.host, m_settings.port, m_settings.host);
    else
        m_socket->connectToHost(m_settings.host, m_settings.port);
}

std::unique_ptr<ResponseReader> Connection::makeReader() const
{
    auto reader = std::make_unique<ResponseReader>();
    reader->setObserver([this](QByteArrayView response) {
        if (!lcImapTranscript().isDebugEnabled() && !m_settings.transcript)
            return;
        // A transcript is for reading: a long response (a large BODYSTRUCTURE, a SEARCH of
        // 100,000 UIDs) is cut, so that it costs neither the conversion nor the log's memory.
        constexpr qsizetype longestLine = 2000;
        QByteArray redacted = redactLiterals(response);
        if (redacted.size() > longestLine) {
            const qsizetype whole = redacted.size();
            qsizetype cut = longestLine;
            while (cut > 0 && (quint8(redacted.at(cut)) & 0xC0) == 0x80)
                --cut; // not inside a UTF-8 sequence
            redacted.truncate(cut);
            redacted += "\xE2\x80\xA6 (" + QByteArray::number(whole) + " bytes)";
        }
        const QString line = QString::fromUtf8(redacted);
        qCDebug(lcImapTranscript).noquote() << "S:" << line;
        note(QStringLiteral("S: ") + line);
    });
    if (m_literalSink)
        reader->setLiteralSink(m_literalSinkThreshold, m_literalSink);
    return reader;
}

void Connection::setLiteralSink(qint64 threshold, ResponseFramer::LiteralSink sink)
{
    Q_ASSERT_X(!m_socket, "Connection::setLiteralSink", "set the sink before open()");
    m_literalSinkThreshold = threshold;
    m_literalSink = std::move(sink);
}

void Connection::onSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate leaf = m_socket->peerCertificate();
    if (m_policy && !leaf.isNull() && m_policy->accept(m_settings.host, m_settings.port, leaf, errors)) {
        // Exactly these errors, for exactly this certificate, as the policy decided.
        m_socket->ignoreSslErrors(errors);
        return;
    }
    const QString fingerprint = QString::fromLatin1(leaf.digest(QCryptographicHash::Sha256).toHex(':'));
    fail(Error::UntrustedCertificate,
         tr("The certificate of %1 is not trusted (%2). SHA-256 fingerprint: %3")
             .arg(m_settings.host, describe(errors), fingerprint));
}

void Connection::onEncrypted()
{
    if (!m_startingTls)
        return; // implicit TLS: the greeting follows
    m_startingTls = false;
    // Nothing learned before TLS is kept: the capabilities are asked for again.
    requestCapabilities([this] {
        becomeReady();
    });
}

void Connection::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    m_bytesReceived += bytes.size();
    armTimer();
    if (m_compression)
        consumeCompressed(bytes);
    else
        consume(bytes);
    if (!m_failed)
        armTimer();
}

bool Connection::consume(QByteArrayView bytes)
{
    const bool ok = m_reader->feed(bytes);
    while (!m_failed) {
        auto response = m_reader->next();
        if (!response)
            break;
        handle(std::move(*response));
    }
    if ((!ok || m_reader->hasError()) && !m_failed) {
        fail(Error::Protocol,
             tr("The server sent data that is not IMAP (at byte %1: %2).")
                 .arg(m_reader->error().offset)
                 .arg(m_reader->error().message));
    }
    return !m_failed;
}

bool Connection::consumeCompressed(QByteArrayView bytes)
{
    // Pieces of at most 64 KiB, each drained before the next: a compression bomb meets the
    // reader's limits instead of filling memory.
    const bool ok = m_compression->decompress(bytes, [this](QByteArrayView piece) {
        return consume(piece);
    });
    if (!ok && !m_failed)
        fail(Error::Protocol, tr("The server's compressed data is corrupt."));
    return !m_failed;
}

void Connection::startCompression(std::function<void()> then)
{
    if (!m_settings.compress || m_compression || !hasCapability("COMPRESS=DEFLATE")) {
        then();
        return;
    }
    enqueue(std::move(Command("COMPRESS").raw("DEFLATE")), [this, then = std::move(then)](const CommandResult &result) {
        if (!result.ok()) {
            qCInfo(lcImap).noquote() << "the server refused COMPRESS:" << QString::fromUtf8(result.status.text);
            then();
            return;
        }
        auto stream = std::make_unique<DeflateStream>();
        if (!stream->isValid()) {
            fail(Error::Protocol, tr("Compression could not be started."));
            return;
        }
        // Whatever followed the OK in the same read is already compressed.
        const QByteArray rest = m_reader->takeUnparsed();
        m_compression = std::move(stream);
        qCDebug(lcImapTranscript) << "compression on";
        note(QStringLiteral("compression on"));
        if (!rest.isEmpty() && !consumeCompressed(rest))
            return;
        then();
    });
}

void Connection::handle(Response &&response)
{
    if (!m_greeted) {
        handleGreeting(response);
        return;
    }
    if (auto *status = std::get_if<StatusResponse>(&response); status && !status->tag.isEmpty()) {
        handleTagged(std::move(*status));
        return;
    }
    if (auto *continuation = std::get_if<ContinuationRequest>(&response)) {
        handleContinuation(*continuation);
        return;
    }
    routeUntagged(std::move(response));
}

void Connection::handleGreeting(const Response &response)
{
    using Status = StatusResponse::Status;
    const auto *greeting = std::get_if<StatusResponse>(&response);
    if (!greeting || !greeting->tag.isEmpty()
        || (greeting->status != Status::Ok && greeting->status != Status::PreAuth && greeting->status != Status::Bye)) {
        fail(Error::Protocol, tr("%1 did not greet like an IMAP server.").arg(m_settings.host));
        return;
    }
    if (greeting->status == Status::Bye) {
        fail(Error::Bye, tr("The server refused the connection: %1").arg(QString::fromUtf8(greeting->text)));
        return;
    }
    const bool upgrade = m_settings.security == ConnectionSettings::Security::StartTls;
    if (greeting->status == Status::PreAuth && upgrade) {
        fail(Error::SecurityRequirement,
             tr("The server skipped STARTTLS with PREAUTH, but a secure connection "
                "is required."));
        return;
    }
    m_greeted = true;
    m_state = greeting->status == Status::PreAuth ? State::Authenticated : State::NotAuthenticated;
    if (greeting->code.kind == ResponseCode::Kind::Capability)
        noteCapabilities(greeting->code.capabilities);

    if (upgrade) {
        if (m_capabilities.isEmpty())
            requestCapabilities([this] {
                startTls();
            });
        else
            startTls();
    } else if (m_capabilities.isEmpty()) {
        requestCapabilities([this] {
            becomeReady();
        });
    } else {
        becomeReady();
    }
}

void Connection::startTls()
{
    if (!hasCapability("STARTTLS")) {
        fail(Error::SecurityRequirement,
             tr("%1 does not offer STARTTLS, but a secure connection is required.").arg(m_settings.host));
        return;
    }
    enqueue(Command("STARTTLS"), [this](const CommandResult &result) {
        if (!result.ok()) {
            fail(Error::SecurityRequirement,
                 tr("The server refused STARTTLS: %1").arg(QString::fromUtf8(result.status.text)));
            return;
        }
        // Bytes after the OK were sent before TLS and could be an attacker's injection.
        if (m_reader->hasBufferedData() || m_socket->bytesAvailable() > 0) {
            fail(Error::Protocol,
                 tr("The server sent data after agreeing to STARTTLS; the connection is "
                    "not safe."));
            return;
        }
        m_capabilities.clear();
        m_reader = makeReader();
        m_startingTls = true;
        m_socket->startClientEncryption();
    });
}

void Connection::requestCapabilities(std::function<void()> then)
{
    enqueue(Command("CAPABILITY"), [this, then = std::move(then)](const CommandResult &result) {
        if (!result.ok() || m_capabilities.isEmpty()) {
            fail(Error::Protocol, tr("The server did not list its capabilities."));
            return;
        }
        then();
    });
}

void Connection::noteCapabilities(const QByteArrayList &capabilities)
{
    m_capabilities = capabilities;
}

void Connection::becomeReady()
{
    if (m_settings.security != ConnectionSettings::Security::Plain && !m_socket->isEncrypted()) {
        fail(Error::SecurityRequirement, tr("The connection is not encrypted."));
        return;
    }
    Q_EMIT ready();
}

std::function<void(const CommandResult &)> Connection::authenticationDone()
{
    return [this](const CommandResult &result) {
        if (!result.ok()) {
            fail(Error::AuthenticationFailed,
                 tr("The server rejected the login: %1").arg(QString::fromUtf8(result.status.text)));
            return;
        }
        m_state = State::Authenticated;
        // Capabilities change with authentication.
        if (result.status.code.kind == ResponseCode::Kind::Capability) {
            noteCapabilities(result.status.code.capabilities);
            afterAuthentication();
        } else {
            requestCapabilities([this] {
                afterAuthentication();
            });
        }
    };
}

void Connection::afterAuthentication()
{
    startCompression([this] {
        enableExtensions([this] {
            identify([this] {
                Q_EMIT authenticated();
            });
        });
    });
}

void Connection::login(const QString &user, const QString &password)
{
    Q_ASSERT(m_state == State::NotAuthenticated);
    m_state = State::Authenticating;
    if (hasCapability("AUTH=PLAIN")) {
        const QByteArray initial = QByteArray("\0"_ba + user.toUtf8() + "\0"_ba + password.toUtf8()).toBase64();
        if (hasCapability("SASL-IR")) {
            // A further challenge is not part of PLAIN: cancel it.
            enqueue(std::move(Command("AUTHENTICATE").raw("PLAIN").sensitiveRaw(initial)), authenticationDone(),
                    [](QByteArrayView) {
                        return QByteArray("*");
                    });
        } else {
            enqueue(std::move(Command("AUTHENTICATE").raw("PLAIN")), authenticationDone(),
                    [initial, sent = false](QByteArrayView) mutable {
                        const QByteArray answer = sent ? QByteArray("*") : initial;
                        sent = true;
                        return answer;
                    });
        }
        return;
    }
    if (hasCapability("AUTH=LOGIN")) {
        // The LOGIN mechanism asks for the user name, then the password.
        enqueue(std::move(Command("AUTHENTICATE").raw("LOGIN")), authenticationDone(),
                [step = 0, user = user.toUtf8().toBase64(),
                 password = password.toUtf8().toBase64()](QByteArrayView) mutable {
                    switch (step++) {
                    case 0:
                        return user;
                    case 1:
                        return password;
                    default:
                        return QByteArray("*"); // nothing more to say: cancel
                    }
                });
        return;
    }
    if (hasCapability("LOGINDISABLED")) {
        fail(Error::LoginDisabled, tr("%1 does not allow logging in with a password here.").arg(m_settings.host));
        return;
    }
    enqueue(std::move(Command("LOGIN").astring(user.toUtf8()).sensitive(password.toUtf8())), authenticationDone());
}

void Connection::loginWithToken(const QString &user, const QString &accessToken)
{
    Q_ASSERT(m_state == State::NotAuthenticated);
    m_state = State::Authenticating;
    const QByteArray token = accessToken.toUtf8();
    QByteArray mechanism;
    QByteArray initial;
    QByteArray onError; // what a client answers to the server's error challenge
    if (hasCapability("AUTH=OAUTHBEARER")) {
        // RFC 7628: GS2 header, then key/value pairs separated by ^A. The literals are split after
        // each \x01: "\x01auth" would be read as the single byte \x01a.
        mechanism = "OAUTHBEARER";
        initial = QByteArray("n,a=" + user.toUtf8() + ",\x01host=" + m_settings.host.toUtf8()
                             + "\x01port=" + QByteArray::number(m_settings.port)
                             + "\x01"
                               "auth=Bearer "
                             + token + "\x01\x01")
                      .toBase64();
        onError = QByteArray("\x01").toBase64();
    } else if (hasCapability("AUTH=XOAUTH2")) {
        mechanism = "XOAUTH2";
        initial = QByteArray("user=" + user.toUtf8()
                             + "\x01"
                               "auth=Bearer "
                             + token + "\x01\x01")
                      .toBase64();
        onError = QByteArray(); // an empty line
    } else {
        // An OAuth2 account never falls back to a password.
        fail(Error::LoginDisabled, tr("%1 offers no OAuth2 sign-in (OAUTHBEARER or XOAUTH2).").arg(m_settings.host));
        return;
    }
    if (hasCapability("SASL-IR")) {
        enqueue(std::move(Command("AUTHENTICATE").raw(mechanism).sensitiveRaw(initial)), authenticationDone(),
                [onError](QByteArrayView) {
                    return onError;
                });
    } else {
        enqueue(std::move(Command("AUTHENTICATE").raw(mechanism)), authenticationDone(),
                [initial, onError, sent = false](QByteArrayView) mutable {
                    const QByteArray answer = sent ? onError : initial;
                    sent = true;
                    return answer;
                });
    }
}

void Connection::enableExtensions(std::function<void()> then)
{
    QByteArrayList wanted;
    if (m_settings.enableExtensions) {
        for (QByteArrayView extension : {"QRESYNC", "UTF8=ACCEPT"}) {
            if (hasCapability(extension))
                wanted << extension.toByteArray();
        }
    }
    if (wanted.isEmpty()) {
        then();
        return;
    }
    enqueue(std::move(Command("ENABLE").raw(wanted.join(' '))),
            [this, then = std::move(then)](const CommandResult &result) {
                for (const Response &response : result.data) {
                    if (const auto *enabled = std::get_if<EnabledResponse>(&response))
                        m_enabled += enabled->capabilities;
                }
                then();
            });
}

void Connection::identify(std::function<void()> then)
{
    if (!m_settings.sendId || !hasCapability("ID")) {
        then();
        return;
    }
    // RFC 2971: name and version only, nothing that identifies the user or the machine.
    QByteArray version = QCoreApplication::applicationVersion().toLatin1();
    version.removeIf([](char c) {
        return !(std::isalnum(uchar(c)) || c == '.' || c == '-');
    });
    QByteArray fields = "(\"name\" \"Fumi\"";
    if (!version.isEmpty())
        fields += " \"version\" \"" + version + '"';
    fields += ')';
    enqueue(std::move(Command("ID").raw(fields)), [this, then = std::move(then)](const CommandResult &result) {
        for (const Response &response : result.data) {
            if (const auto *id = std::get_if<IdResponse>(&response))
                m_serverId = id->fields;
        }
        then();
    });
}

QByteArray Connection::send(const Command &command)
{
    Q_ASSERT_X(m_state == State::NotAuthenticated || m_state == State::Authenticated, "Connection::send",
               "send commands after ready()");
    if (m_idleWanted)
        stopIdle();
    return enqueue(command);
}

void Connection::close()
{
    if (m_state == State::Disconnected || m_state == State::LoggingOut)
        return;
    if (m_state == State::Connecting || !m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        m_failed = true;
        m_state = State::Disconnected;
        m_timer.stop();
        if (m_socket)
            m_socket->abort();
        Q_EMIT closed();
        return;
    }
    stopIdle();
    m_state = State::LoggingOut;
    enqueue(Command("LOGOUT"), [this](const CommandResult &) {
        m_socket->disconnectFromHost();
    });
}

QByteArray Connection::enqueue(const Command &command, std::function<void(const CommandResult &)> onDone,
                               std::function<QByteArray(QByteArrayView)> onContinuation, bool idle)
{
    const QByteArray tag = 'f' + QByteArray::number(m_nextTag++);
    Pending pending;
    pending.tag = tag;
    pending.name = command.name().toUpper();
    pending.parts = command.serialize(tag, encoding());
    pending.transcript = command.redacted(tag);
    pending.onDone = std::move(onDone);
    pending.onContinuation = std::move(onContinuation);
    pending.idle = idle;
    m_pending.push_back(std::move(pending));
    writeQueued();
    return tag;
}

void Connection::writeQueued()
{
    for (Pending &pending : m_pending) {
        if (pending.started) {
            // A command waiting for a continuation, or IDLE until it ends, holds back the rest.
            if (!pending.parts.isEmpty() || pending.idle)
                return;
            continue;
        }
        pending.started = true;
        writeRaw(pending.parts.takeFirst(), pending.transcript);
        if (!pending.parts.isEmpty() || pending.idle)
            return;
    }
    armTimer();
}

void Connection::flush()
{
    if (m_socket)
        m_socket->flush();
}

void Connection::writeRaw(const QByteArray &bytes, const QByteArray &transcript)
{
    qCDebug(lcImapTranscript).noquote() << "C:" << QString::fromUtf8(transcript);
    if (m_settings.transcript)
        note(QStringLiteral("C: ") + QString::fromUtf8(transcript));
    const QByteArray wire = m_compression ? m_compression->compress(bytes) : bytes;
    m_bytesSent += wire.size();
    m_socket->write(wire);
}

void Connection::note(const QString &line) const
{
    if (m_settings.transcript)
        m_settings.transcript(line.trimmed());
}

void Connection::handleContinuation(const ContinuationRequest &continuation)
{
    for (Pending &pending : m_pending) {
        if (!pending.started)
            break;
        if (pending.idle) {
            if (!m_idleWanted) {
                // stopIdle() came before the server's "+": end at once.
                sendDone();
                return;
            }
            m_idling = true;
            m_idleTimer.start(m_settings.idleRenewal);
            armTimer();
            return;
        }
        if (!pending.parts.isEmpty()) {
            writeRaw(pending.parts.takeFirst(), "(literal data)");
            if (pending.parts.isEmpty())
                writeQueued();
            return;
        }
        if (pending.onContinuation) {
            writeRaw(pending.onContinuation(continuation.text) + "\r\n", "***");
            return;
        }
    }
    fail(Error::Protocol, tr("The server asked for data no command was going to send."));
}

void Connection::handleTagged(StatusResponse &&status)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const Pending &pending) {
        return pending.started && pending.tag == status.tag;
    });
    if (it == m_pending.end()) {
        fail(Error::Protocol,
             tr("The server answered a command that was never sent (tag %1).").arg(QString::fromLatin1(status.tag)));
        return;
    }
    Pending pending = std::move(*it);
    m_pending.erase(it);
    if (status.code.kind == ResponseCode::Kind::Capability)
        noteCapabilities(status.code.capabilities);
    if (status.code.kind == ResponseCode::Kind::Alert)
        Q_EMIT alert(QString::fromUtf8(status.text));
    pending.result.status = std::move(status);
    // A command rejected before all its literals were sent lets the queue move on.
    writeQueued();
    if (pending.onDone)
        pending.onDone(pending.result);
    else
        Q_EMIT finished(pending.tag, pending.result);
}

void Connection::routeUntagged(Response &&response)
{
    if (auto *status = std::get_if<StatusResponse>(&response)) {
        if (status->status == StatusResponse::Status::Bye) {
            if (m_state != State::LoggingOut)
                qCInfo(lcImap).noquote() << "server says BYE:" << QString::fromUtf8(status->text);
            return;
        }
        if (status->code.kind == ResponseCode::Kind::Alert)
            Q_EMIT alert(QString::fromUtf8(status->text));
        if (status->code.kind == ResponseCode::Kind::Capability)
            noteCapabilities(status->code.capabilities);
        if (isMailboxCode(status->code.kind)) {
            Q_EMIT mailboxData(response);
            return;
        }
    } else if (auto *capability = std::get_if<CapabilityResponse>(&response)) {
        noteCapabilities(capability->capabilities);
    } else if (auto *enabled = std::get_if<EnabledResponse>(&response)) {
        for (const QByteArray &name : enabled->capabilities) {
            if (Ascii::equalsNoCase(name, "UTF8=ACCEPT")) {
                m_utf8 = true;
                m_reader->setUtf8MailboxNames(true);
            }
        }
    }

    const bool mailboxState = std::holds_alternative<ExistsResponse>(response)
        || std::holds_alternative<RecentResponse>(response) || std::holds_alternative<ExpungeResponse>(response)
        || std::holds_alternative<VanishedResponse>(response) || std::holds_alternative<FlagsResponse>(response)
        || std::holds_alternative<FetchResponse>(response);
    if (mailboxState) {
        Q_EMIT mailboxData(response);
        return;
    }

    Pending *owner = nullptr;
    if (auto *esearch = std::get_if<ESearchResponse>(&response); esearch && !esearch->tag.isEmpty()) {
        for (Pending &pending : m_pending) {
            if (pending.tag == esearch->tag)
                owner = &pending;
        }
    }
    for (Pending &pending : m_pending) {
        if (owner || !pending.started)
            break;
        if (expects(pending.name, response))
            owner = &pending;
    }
    if (!owner && !m_pending.empty() && m_pending.front().started)
        owner = &m_pending.front();
    if (owner)
        owner->result.data.push_back(std::move(response));
    else
        qCDebug(lcImap) << "unsolicited response dropped";
}

void Connection::armTimer()
{
    // While the server holds IDLE open, silence is expected.
    const bool waiting = !m_greeted || m_startingTls
        || std::any_of(m_pending.cbegin(), m_pending.cend(), [this](const Pending &pending) {
               return pending.started && !(pending.idle && m_idling);
           });
    if (waiting && m_state != State::Disconnected)
        m_timer.start(m_settings.timeout);
    else
        m_timer.stop();
}

void Connection::fail(Error error, const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    m_state = State::Disconnected;
    m_timer.stop();
    m_idleTimer.stop();
    m_idleWanted = m_idling = false;
    m_pending.clear();
    qCInfo(lcImap).noquote() << "connection to" << m_settings.host << "failed:" << message;
    if (m_socket)
        m_socket->abort();
    Q_EMIT failed(error, message);
}

} // namespace fumi::imap
