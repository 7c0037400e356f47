// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/Session.h"

#include "engine/Logging.h"

#include <QPointer>

#include <utility>

namespace fumi::engine {

Session::Session(std::unique_ptr<imap::Connection> connection, QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
{
    m_connection->setParent(nullptr);
    connect(m_connection.get(), &imap::Connection::finished, this, &Session::onFinished);
    connect(m_connection.get(), &imap::Connection::failed, this, &Session::onFailed);
    connect(m_connection.get(), &imap::Connection::mailboxData, this, [this](const imap::Response &response) {
        if (const auto *status = std::get_if<imap::StatusResponse>(&response);
            status && status->code.kind == imap::ResponseCode::Kind::UidValidity)
            m_lastUidValidity = quint32(status->code.number);
        if (m_receiver)
            m_receiver(response);
    });
}

Session::~Session()
{
    // The connection's signals must not reach a half-destroyed Session.
    m_connection->disconnect(this);
}

void Session::run(const imap::Command &command, Done done)
{
    if (m_lost) {
        imap::CommandResult result;
        result.status.status = imap::StatusResponse::Status::Bye;
        result.status.text = "the connection is closed";
        // Answer later, as a real command would, so callers never re-enter themselves.
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done), result] {
                done(result);
            },
            Qt::QueuedConnection);
        return;
    }
    const QByteArray tag = m_connection->send(command);
    m_waiting.insert(tag, std::move(done));
}

void Session::run(const imap::Command &command, QObject *context, Done done)
{
    run(command, [guard = QPointer<QObject>(context), done = std::move(done)](const imap::CommandResult &result) {
        if (guard)
            done(result);
    });
}

void Session::examine(qint64 mailboxId, const QString &path, QObject *context, std::function<void(const Opened &)> done)
{
    if (m_selectedId == mailboxId && m_selectedUidValidity != 0)
        return done({{}, m_selectedUidValidity});
    m_lastUidValidity = 0;
    setSelected(0, {});
    run(std::move(imap::Command("EXAMINE").mailbox(path)), context,
        [this, mailboxId, path, done = std::move(done)](const imap::CommandResult &result) {
            Opened opened;
            if (result.ok()) {
                opened.uidValidity = m_lastUidValidity;
                setSelected(mailboxId, path, opened.uidValidity);
            } else {
                opened.error = QString::fromUtf8(result.status.text);
                if (opened.error.isEmpty())
                    opened.error = tr("The server cannot open this folder");
            }
            done(opened);
        });
}

void Session::close()
{
    m_closing = true;
    m_waiting.clear();
    m_receiver = {};
    m_connection->close();
}

void Session::onFinished(const QByteArray &tag, const imap::CommandResult &result)
{
    const auto it = m_waiting.find(tag);
    if (it == m_waiting.end())
        return;
    Done done = std::move(it.value());
    m_waiting.erase(it);
    done(result);
    idleIfQuiet();
}

void Session::setIdleWhenQuiet(bool on)
{
    m_idleWhenQuiet = on;
    idleIfQuiet();
}

void Session::idleIfQuiet()
{
    // A callback may have sent the next command already, or closed the session.
    if (m_idleWhenQuiet && m_waiting.isEmpty() && !m_lost && !m_closing
        && m_connection->state() == imap::Connection::State::Authenticated)
        m_connection->idle();
}

void Session::onFailed(imap::Connection::Error error, const QString &message)
{
    if (m_lost)
        return;
    m_lost = true;
    m_selectedId = 0;
    m_selectedPath.clear();
    qCInfo(lcEngine).noquote() << "connection lost:" << message;
    // Callbacks may start new commands (which now fail at once) or destroy this Session.
    const QHash<QByteArray, Done> waiting = std::exchange(m_waiting, {});
    imap::CommandResult result;
    result.status.status = imap::StatusResponse::Status::Bye;
    result.status.text = message.toUtf8();
    QPointer<Session> self(this);
    for (const Done &done : waiting) {
        done(result);
        if (!self)
            return;
    }
    if (!m_closing)
        Q_EMIT lost(error, message);
}

} // namespace fumi::engine
