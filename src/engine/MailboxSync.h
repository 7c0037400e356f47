// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/MailboxDelta.h"
#include "engine/MessageStructure.h"
#include "imap/Connection.h"
#include "imap/Response.h"
#include "store/MailboxChanges.h"
#include "store/MailboxRecord.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>
#include <vector>

namespace fumi::store {
class AccountStore;
}

namespace fumi::engine {

class Session;

// Keeps one mailbox of the store in agreement with the server, on a session where it is
// selected: first a sync when it is opened, then the server's news while it stays open.
//
// Opening follows DESIGN.md's decision tree. With a cached state and QRESYNC enabled, one
// SELECT (QRESYNC ...) brings expunges (VANISHED EARLIER) and flag changes since the cached
// HIGHESTMODSEQ; with CONDSTORE only, a CHANGEDSINCE fetch brings flag changes and a UID SEARCH
// the UIDs that still exist; otherwise a UID SEARCH and a FLAGS fetch of every message. A new
// UIDVALIDITY drops the mailbox's cache (and the journal's UID-based entries with it). A
// server that contradicts itself (UIDNEXT or HIGHESTMODSEQ lower than before) gets the plain
// path, which deletes only what the server's own UID list no longer has; nothing is deleted
// locally on a guess. New messages are fetched newest first, in windows that grow (50, 250,
// 1000...): the first alone, then the rest pipelined, each committed as it completes, so the newest rows are ready
// while the older ones still stream in.
//
// The sync state goes to the store in the same transaction as the rows it vouches for:
// UIDNEXT only after every new message below it is stored, HIGHESTMODSEQ with the flag changes
// and expunges it covers.
//
// After the opening sync the mailbox stays selected and the receiver stays installed:
// EXISTS, EXPUNGE, VANISHED and FETCH that the server pushes (during IDLE, or with any answer)
// are applied in batches, one transaction per burst. An EXISTS that shrinks without an EXPUNGE
// starts a full resync; news arriving during it waits for its end. If the connection was
// idling, it idles again once the resync is done.
class MailboxSync : public QObject
{
    Q_OBJECT

public:
    enum class Path { Qresync, Condstore, Plain, Full };
    Q_ENUM(Path)

    struct Options {
        qsizetype firstWindow = 50;
        int windowGrowth = 5;
        qsizetype largestWindow = 20000;
        // New rows are stored in batches of this many while they stream in.
        qsizetype rowsPerCommit = 2000;
        // Lets a caller rule out extensions (tests, and the sync health view's "safe mode").
        bool useQresync = true;
        bool useCondstore = true;
    };

    // Rewrites a batch before it is stored so that changes still in the journal stay visible.
    using Overlay = std::function<void(qint64 mailboxId, store::MailboxChanges &changes)>;

    MailboxSync(Session &session, store::AccountStore &store, qint64 mailboxId, Options options,
                QObject *parent = nullptr);
    MailboxSync(Session &session, store::AccountStore &store, qint64 mailboxId, QObject *parent = nullptr)
        : MailboxSync(session, store, mailboxId, Options{}, parent)
    {
    }
    ~MailboxSync() override;

    void setOverlay(Overlay overlay) { m_overlay = std::move(overlay); }

    // Selects the mailbox and syncs it: synced() or failed(), once.
    void start();
    // Checks for news without waiting for the server to push it (NOOP), e.g. on "Get mail".
    void poll();
    using PartCallback = std::function<void(bool ok, const QByteArray &data, const QString &error)>;
    using StructureCallback
        = std::function<void(bool ok, const fumi::engine::MessageStructure &structure, const QString &error)>;

    // One part of a message of this mailbox, from the cache where it is; `done` gets the bytes
    // or an error (at once when cached).
    //
    // A part number ("1", "2.1") gives the part's content with its transfer encoding undone:
    // with BINARY.PEEK[section] where the server offers BINARY (RFC 3516), else with
    // BODY.PEEK[section] decoded here as the message's structure says (fetched along in the same
    // command when not yet known). A server that refuses BINARY for a part (NO [UNKNOWN-CTE])
    // gets the second way. Any other section ("" for the whole message, "HEADER", "1.MIME",
    // "TEXT") gives the bytes as they sit in the message. The cache keeps the two forms under
    // different keys (partCacheKey()), so a decoded part is never served as raw or the reverse.
    void fetchPart(Uid uid, const QByteArray &section, PartCallback done);
    // The message's structure (BODYSTRUCTURE), from the store where it is, else fetched and
    // stored. When it changes the row's attachment hint, the row is stored and a delta with the
    // row in `updated` follows.
    void fetchStructure(Uid uid, StructureCallback done);
    // The body cache's key for what fetchPart(uid, section) returns.
    [[nodiscard]] static QByteArray partCacheKey(const QByteArray &section);

    [[nodiscard]] qint64 mailboxId() const { return m_mailboxId; }
    [[nodiscard]] Path path() const { return m_path; }
    [[nodiscard]] bool isSynced() const { return m_synced; }

Q_SIGNALS:
    // What changed in the store, one per committed batch (uncoalesced).
    void delta(const fumi::engine::MailboxDeltaPtr &delta);
    // The newest window of rows is stored (or there were no new rows to fetch). Once, like
    // synced(): a live resync later (after an inconsistent answer) emits neither.
    void firstWindowReady();
    void synced();
    void failed(const QString &message);

private:
    void select();
    void onSelected(const imap::CommandResult &result);
    void syncFlagsAndExpunges();
    void searchAll(std::function<void(const UidSet &all)> then);
    void fetchNew(const UidSet &newUids);
    // One window of new rows; `afterFirst` (the first window only) runs once it is stored.
    void fetchWindow(const UidSet &window, std::function<void()> afterFirst);
    void finishSync();
    void emitFirstWindowReady();
    // A live resync ends the connection's IDLE; these start it again afterwards if it was on.
    void holdIdle();
    void resumeIdle();
    void resyncFully(const QString &why);
    // UIDVALIDITY changed: drops the rows, the parts and the UID-based journal entries.
    [[nodiscard]] bool dropCache(quint32 oldUidValidity);
    void renumberedWhileOpen(quint32 uidValidity);
    void onMailboxData(const imap::Response &response);
    void onFetch(const imap::FetchResponse &fetch);
    void scheduleCommit();
    void commit(std::optional<store::MailboxSyncState> sync = std::nullopt);
    void fetchNewSinceExists();
    void fail(const QString &message);
    [[nodiscard]] bool storeOk(bool ok, const QString &message);

    Session &m_session;
    store::AccountStore &m_store;
    qint64 m_mailboxId;
    Options m_options;
    Overlay m_overlay;
    Path m_path = Path::Full;
    QString m_mailboxPath;

    // What the store held when the sync began.
    store::MailboxSyncState m_cached;
    UidSet m_known;

    // What the server said while selecting.
    store::MailboxSyncState m_server;
    bool m_sawHighestModSeq = false;
    std::optional<quint32> m_exists;
    UidSet m_vanished;

    // The server's UIDs in order while the mailbox is open without QRESYNC: EXPUNGE and
    // FETCH without UID name messages by sequence number.
    std::vector<Uid> m_sequence;
    bool m_sequenceKnown = false;
    Uid m_highestUid = 0;

    store::MailboxChanges m_pending; // collected, not yet committed
    QTimer m_commitTimer;
    int m_windowsLeft = 0;
    bool m_firstWindowSent = false;
    bool m_synced = false;
    bool m_syncing = false;
    bool m_done = false;
    bool m_fetchingNew = false;
    bool m_resumeIdle = false;
    bool m_resyncing = false; // resyncFully() runs while the mailbox is open
    // While fetchNewSinceExists() runs: the highest UID it already knew, and the new UIDs that
    // arrived so far, committed or not.
    Uid m_fetchingAbove = 0;
    UidSet m_arrived;
    bool m_qresync = false;
    bool m_condstore = false;

    // Body fetches in flight: their FETCH data goes to them rather than to the rows.
    struct PartRequest {
        Uid uid = 0;
        QByteArray section; // the BODY[...] or BINARY[...] item wanted; with wantSection only
        bool wantSection = false;
        bool binary = false;
        bool wantStructure = false;
        QByteArray data;
        bool found = false;
        std::shared_ptr<imap::BodyStructure> structure;
    };
    // Sends UID FETCH uid `items` for `request`; `then` gets the command's result once the
    // request holds what the server sent.
    void fetchFor(const std::shared_ptr<PartRequest> &request, const QByteArray &items,
                  std::function<void(const imap::CommandResult &result)> then);
    [[nodiscard]] std::optional<MessageStructure> storedStructure(Uid uid) const;
    // Stores a structure fetched from the server and brings the row's attachment hint in line.
    void adoptStructure(Uid uid, const MessageStructure &structure);
    void fetchBinary(Uid uid, const QByteArray &section, PartCallback done);
    void fetchAndDecode(Uid uid, const QByteArray &section, std::optional<MessageStructure> structure,
                        PartCallback done);
    void fetchRaw(Uid uid, const QByteArray &section, const QByteArray &cacheKey, PartCallback done);
    void keepPart(Uid uid, const QByteArray &key, const QByteArray &data);
    std::vector<std::shared_ptr<PartRequest>> m_partRequests;
};

} // namespace fumi::engine
