// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "imap/Response.h"
#include "store/MailboxRecord.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

namespace fumi::store {
class AccountStore;
}

namespace fumi::engine {

class Session;

// Brings the store's list of mailboxes in agreement with the server's.
//
// Where the server offers LIST-EXTENDED (RFC 5258) one LIST brings names, subscriptions and
// special uses (RFC 6154), and with LIST-STATUS (RFC 5819) the counts too; otherwise LIST, LSUB
// and one STATUS per mailbox, pipelined. The server's list is authoritative, with two
// exceptions: a mailbox the journal is still creating is kept, and a mailbox that disappeared
// while one with the same UIDVALIDITY appeared under another name was renamed by another
// device, so it keeps its local id and its rows. UIDVALIDITY alone does not prove a rename
// (Dovecot's is the creation time in seconds, so folders made in the same second share it):
// only when exactly one vanished and one new mailbox carry it, and the new one's MESSAGES and
// UIDNEXT (where known) are what the old one had, is it a rename. Anything else is a delete
// and a create, which costs a full sync of the new mailbox but never shows one folder's rows
// under another's name.
//
// Servers without SPECIAL-USE get the special uses most clients agree on from the usual names
// ("Trash", "Sent", "Drafts"...), so that delete-to-Trash works there too.
class FolderListSync : public QObject
{
    Q_OBJECT

public:
    // True for a path the store must keep although the server does not list it (yet).
    using KeepLocal = std::function<bool(const QString &path)>;

    FolderListSync(Session &session, store::AccountStore &store, QObject *parent = nullptr);

    void setKeepLocal(KeepLocal keep) { m_keepLocal = std::move(keep); }
    // finished() once, with the mailboxes as stored afterwards, or failed().
    void start();

Q_SIGNALS:
    void finished(const QList<fumi::store::MailboxRecord> &mailboxes);
    void failed(const QString &message);

private:
    void collect(const std::vector<imap::Response> &data);
    void fetchStatuses();
    void reconcile();

    Session &m_session;
    store::AccountStore &m_store;
    KeepLocal m_keepLocal;
    QList<store::MailboxRecord> m_listed;
    QList<QString> m_subscribed;                          // from LSUB, without LIST-EXTENDED
    QHash<QString, imap::MailboxStatusResponse> m_status; // by path, to recognise renames
    bool m_extended = false;
    bool m_specialUse = false;
    bool m_listStatus = false;
    int m_waiting = 0;
    bool m_failed = false;
};

} // namespace fumi::engine
