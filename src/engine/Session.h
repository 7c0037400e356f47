// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "imap/Connection.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace fumi::engine {

// One authenticated connection of an account's pool, and what is selected on it.
//
// The IMAP connection answers each command through finished() with its tag and sends
// everything about the selected mailbox (EXISTS, EXPUNGE, VANISHED, FETCH, response codes)
// through mailboxData(), whoever asked. Session turns the first into one callback per command
// and hands the second to the one receiver that owns the selected mailbox's state, so the
// parts of the engine that share a connection never see each other's answers.
//
// When the connection fails, every command still waiting gets a result with status BYE whose
// text says why: its outcome is unknown (it may or may not have taken effect), which is not
// the same as a NO. Then lost() is emitted once and nothing more can be sent.
class Session : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const imap::CommandResult &)>;
    using MailboxReceiver = std::function<void(const imap::Response &)>;

    explicit Session(std::unique_ptr<imap::Connection> connection, QObject *parent = nullptr);
    ~Session() override;

    [[nodiscard]] imap::Connection &connection() { return *m_connection; }
    [[nodiscard]] bool isUsable() const { return !m_lost; }

    // Sends `command`; `done` runs exactly once, on this thread, unless this Session is
    // destroyed or closed first.
    void run(const imap::Command &command, Done done);
    // The same, but `done` is skipped when `context` is gone by then: for objects that may be
    // destroyed while their commands are still on the wire (a mailbox sync replaced by another).
    void run(const imap::Command &command, QObject *context, Done done);

    // Where mailbox-state responses go from now on; an empty receiver drops them.
    void setMailboxReceiver(MailboxReceiver receiver) { m_receiver = std::move(receiver); }
    // The current receiver, for a part that borrows the stream briefly and gives it back.
    [[nodiscard]] const MailboxReceiver &mailboxReceiver() const { return m_receiver; }

    // The mailbox that the last successful SELECT or EXAMINE opened, by its local id; 0 when
    // none is (after CLOSE/UNSELECT, or a failed SELECT, which deselects on every server).
    [[nodiscard]] qint64 selectedMailbox() const { return m_selectedId; }
    [[nodiscard]] const QString &selectedPath() const { return m_selectedPath; }
    // Its UIDVALIDITY when the opener said (0 when not). It cannot change while the mailbox
    // stays selected: a server whose mailbox must take a new one ends the session.
    [[nodiscard]] quint32 selectedUidValidity() const { return m_selectedUidValidity; }
    void setSelected(qint64 mailboxId, const QString &path, quint32 uidValidity = 0)
    {
        m_selectedId = mailboxId;
        m_selectedPath = path;
        m_selectedUidValidity = mailboxId != 0 ? uidValidity : 0;
    }

    // What examine() found: the server's refusal, or the mailbox's UIDVALIDITY.
    struct Opened {
        QString error; // empty when the mailbox is open
        quint32 uidValidity = 0;
    };
    // Opens `path` (the local mailbox `mailboxId`) read-only with EXAMINE, unless it is open here
    // already under a known UIDVALIDITY; `done` then runs at once, in this call. Otherwise it
    // runs when the answer is in, unless `context` is gone. Commands sent after this call go out
    // behind the EXAMINE (pipelined) and act on that mailbox if it opens. The mailbox receiver
    // still sees the EXAMINE's untagged data.
    void examine(qint64 mailboxId, const QString &path, QObject *context, std::function<void(const Opened &)> done);

    // Keeps the connection in IDLE whenever none of this session's commands is waiting: sending
    // a command ends IDLE (the server answers nothing else during it), and IDLE starts again
    // once the last answer is in, so the server's news keeps coming after the engine has
    // fetched a new message or a part. For the connections that watch a mailbox.
    void setIdleWhenQuiet(bool on);
    // Ends the session politely (LOGOUT); lost() does not follow, and no callback of a command
    // still waiting runs.
    void close();

Q_SIGNALS:
    void lost(fumi::imap::Connection::Error error, const QString &message);

private:
    void onFinished(const QByteArray &tag, const imap::CommandResult &result);
    void onFailed(imap::Connection::Error error, const QString &message);
    void idleIfQuiet();

    std::unique_ptr<imap::Connection> m_connection;
    QHash<QByteArray, Done> m_waiting;
    MailboxReceiver m_receiver;
    qint64 m_selectedId = 0;
    QString m_selectedPath;
    quint32 m_selectedUidValidity = 0;
    quint32 m_lastUidValidity = 0; // of the last OK [UIDVALIDITY] the server sent
    bool m_lost = false;
    bool m_closing = false;
    bool m_idleWhenQuiet = false;
};

} // namespace fumi::engine
