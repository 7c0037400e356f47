// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"
#include "engine/SearchCompiler.h"
#include "engine/SearchQuery.h"
#include "engine/SearchUpdate.h"
#include "imap/Response.h"
#include "store/MailboxRecord.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>

namespace fumi::store {
class AccountStore;
}

namespace fumi::engine {

class LocalSearch;
class Session;

// The server half of one search request, on a connection of its own (AccountEngine's search
// connection, so that EXAMINE never disturbs the mailbox the user reads or the journal's
// SELECT-then-STORE sequences on the background connection).
//
// With MULTISEARCH and several mailboxes, one ESEARCH command asks for all of them. Otherwise,
// per mailbox, EXAMINE and UID SEARCH go out together (pipelined). Matches the store has rows
// for (under the same UIDVALIDITY) are served from it, those the request's LocalSearch has read
// already without reading them again; the rest are fetched with the items a new row needs
// (MessageRowBuilder) and are not stored: MailboxSync owns what the store holds for a mailbox
// and would be confused by rows it did not fetch. has:attachment is refined from BODYSTRUCTURE
// where SearchCompiler says so: from what the stored structures answer (as LocalSearch read it,
// else from the store), else from the structure fetched, which is then stored with its answer,
// since a message's structure never changes. Each mailbox's answer goes out as one Server SearchUpdate; a NO
// for one mailbox becomes that mailbox's error and the others go on.
class ServerSearch : public QObject
{
    Q_OBJECT

public:
    // `local` may be null, and may go before this does.
    ServerSearch(Session &session, store::AccountStore &store, SearchTerm root, QList<store::MailboxRecord> mailboxes,
                 LocalSearch *local, QObject *parent = nullptr);
    ~ServerSearch() override;

    void start();
    // Stops after the command on the wire; finished() follows with what was done.
    void cancel();
    // Mailboxes whose Server update has not gone out yet.
    [[nodiscard]] int left() const;

Q_SIGNALS:
    void update(const fumi::engine::SearchUpdatePtr &update);
    void finished(int failed, int matches);

private:
    struct Step {
        store::MailboxRecord mailbox;
        bool searched = false; // uids and uidValidity known (from MULTISEARCH)
        UidSet uids;
        quint32 uidValidity = 0;
    };

    void multiSearch();
    void nextStep();
    void examineAndSearch(Step step);
    void resolve(Step step);
    void fetchAndDeliver(Step step, const UidSet &rowsToFetch, const UidSet &structuresToFetch,
                         QList<store::MessageRecord> rows);
    void deliver(const Step &step, QList<store::MessageRecord> rows, const QString &error = {});
    void onMailboxData(const imap::Response &response);
    // A structure as stored, with what has:attachment answers for it.
    struct StructureAnswer {
        QByteArray blob;
        bool hasAttachment = false;
    };
    void keepStructures(const Step &step, const QHash<Uid, StructureAnswer> &blobs);

    QPointer<Session> m_session; // gone once the connection is lost and deleted
    store::AccountStore &m_store;
    QPointer<LocalSearch> m_local;
    SearchTerm m_root;
    QList<store::MailboxRecord> m_mailboxes;
    SearchCapabilities m_capabilities;
    bool m_refine = false;
    std::deque<Step> m_steps;
    int m_delivered = 0;
    int m_failed = 0;
    int m_matches = 0;
    bool m_cancelled = false;
    bool m_done = false;
    // Filled by the mailbox data of the command on the wire.
    QHash<Uid, imap::FetchResponse> m_fetched;
};

} // namespace fumi::engine
