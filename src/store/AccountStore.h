// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"
#include "store/JournalEntry.h"
#include "store/MailboxChanges.h"
#include "store/MailboxRecord.h"
#include "store/MessageRecord.h"
#include "store/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>

#include <memory>
#include <optional>
#include <vector>

class QSqlQuery;

namespace fumi::store {

class Database;
class KeywordTable;

// The local picture of one account: one SQLite database in WAL mode in the account's cache
// directory, with large body parts in files beside it.
//
// It is owned and used by one thread, the account's engine. Every write is one transaction:
// applyChanges() commits a mailbox's rows together with the sync state that describes them, so
// a crash leaves either the old picture or the new one, never state that claims rows it lacks.
// Mailboxes are keyed by a local id that survives RENAME; messages by (mailbox id, UID) under
// the mailbox's UIDVALIDITY. Body parts live under a byte budget: storing one evicts the least
// recently read until the cache fits.
class AccountStore
{
public:
    struct Options {
        qint64 bodyBudgetBytes = 512LL * 1024 * 1024;
    };

    // Opens or creates the store in `directory` and brings its schema up to date. A database
    // written by a newer Fumi, or one SQLite cannot read, is an error and left untouched.
    [[nodiscard]] static Result<std::unique_ptr<AccountStore>> open(const QString &directory, Options options);
    [[nodiscard]] static Result<std::unique_ptr<AccountStore>> open(const QString &directory)
    {
        return open(directory, Options{});
    }
    ~AccountStore();

    [[nodiscard]] QString directory() const;
    // The schema version this build writes.
    [[nodiscard]] static int schemaVersion();

    // --- mailboxes -------------------------------------------------------------------------
    [[nodiscard]] QList<MailboxRecord> mailboxes() const; // ordered by path
    [[nodiscard]] std::optional<MailboxRecord> mailbox(qint64 id) const;
    [[nodiscard]] std::optional<MailboxRecord> mailboxByPath(const QString &path) const;
    // Stores a new mailbox (record.id must be 0) and returns its id.
    Result<qint64> addMailbox(const MailboxRecord &record);
    // Updates path, separator, attributes, special use, subscription, selectability and
    // counts; never the sync state, which only applyChanges() and resetMailbox() write.
    Result<> updateMailbox(const MailboxRecord &record);
    // Renames the mailbox and every mailbox below it (paths starting with old + separator).
    Result<> renameMailbox(qint64 id, const QString &newPath);
    // Removes the mailbox with its rows, parts and journal entries that read from it.
    Result<> removeMailbox(qint64 id);

    // --- messages --------------------------------------------------------------------------
    // Applies one batch in one transaction (see MailboxChanges).
    Result<> applyChanges(qint64 mailboxId, const MailboxChanges &changes);
    // UIDVALIDITY changed: drops every row and part of the mailbox and every journal entry that
    // reads UIDs from it, and records the new UIDVALIDITY with UIDNEXT and HIGHESTMODSEQ zero.
    Result<> resetMailbox(qint64 mailboxId, quint32 uidValidity);
    [[nodiscard]] UidSet uids(qint64 mailboxId) const;
    [[nodiscard]] qsizetype messageCount(qint64 mailboxId) const;
    // Newest first (highest UID first), at most `limit` rows with a UID below `below`.
    [[nodiscard]] std::vector<MessageRecord> newestMessages(qint64 mailboxId, qsizetype limit,
                                                            Uid below = maxUid) const;
    [[nodiscard]] std::vector<MessageRecord> messages(qint64 mailboxId, const UidSet &uids) const;
    // The rows of the mailbox that `filter` keeps with a UID above `after`, in UID order, at
    // most `limit` of them (all when negative), with only the UID and `fields` filled in (the
    // rest left default), each passed to `visit` with what its stored structure says about
    // attachments (when fields.attachments and that is known): for deciding something about
    // every row (a search's local phase) without reading whole rows, in slices that leave the
    // thread free in between. Returns how many rows it visited. `visit` must not use the store.
    using ScanVisitor = std::function<void(const MessageRecord &row, std::optional<bool> attachments)>;
    qsizetype scanMessages(qint64 mailboxId, const MessageFields &fields, ScanFilter filter, const ScanVisitor &visit,
                           Uid after = 0, qsizetype limit = -1) const;
    // Changes whenever the mailbox's rows may have changed (rows added, removed or updated, the
    // mailbox reset or removed), for a reader that keeps rows a while to know they still hold.
    [[nodiscard]] quint64 messagesVersion(qint64 mailboxId) const { return m_messagesVersion.value(mailboxId); }
    [[nodiscard]] std::optional<MessageRecord> message(qint64 mailboxId, Uid uid) const;
    // Just the flags, for large sets (a flag sync compares 100,000 of them).
    [[nodiscard]] std::vector<FlagUpdate> flags(qint64 mailboxId, const UidSet &uids) const;
    // Messages with this Message-ID in the mailbox (to confirm an APPEND without APPENDUID).
    [[nodiscard]] UidSet findByMessageId(qint64 mailboxId, const QByteArray &messageId) const;
    Result<> setPreview(qint64 mailboxId, Uid uid, const QString &preview, bool hasAttachment);

    // --- bodies ----------------------------------------------------------------------------
    // The message's structure as the engine serialised it (BODYSTRUCTURE), with whether the
    // engine finds attachments in it (for has:attachment); not budgeted.
    Result<> setBodyStructure(qint64 mailboxId, Uid uid, const QByteArray &structure, bool hasAttachments);
    [[nodiscard]] std::optional<QByteArray> bodyStructure(qint64 mailboxId, Uid uid) const;
    // What the stored structures of `uids` say about attachments, in one statement: those with
    // and without, and the structures stored without that answer (by schema version 1), to
    // be read again. A UID in none of them has no stored structure.
    struct StoredAttachments {
        UidSet with;
        UidSet without;
        QHash<Uid, QByteArray> unanswered;
    };
    [[nodiscard]] StoredAttachments storedAttachments(qint64 mailboxId, const UidSet &uids) const;
    // `section` as in BODY[section]: "" for the whole message, "1.2", "HEADER"... Evicts the
    // least recently read parts of any mailbox until the cache fits the budget again; a part
    // larger than the whole budget is not kept (and that is not an error).
    Result<> storePart(qint64 mailboxId, Uid uid, const QByteArray &section, const QByteArray &data);
    // Marks the part as just read.
    [[nodiscard]] std::optional<QByteArray> part(qint64 mailboxId, Uid uid, const QByteArray &section);
    [[nodiscard]] qint64 cachedPartBytes() const;
    void setBodyBudget(qint64 bytes); // evicts at once when the cache is now too large

    // --- operation journal -----------------------------------------------------------------
    // Stores a new entry (entry.id must be 0) and returns its id.
    Result<qint64> addJournalEntry(const JournalEntry &entry);
    Result<> updateJournalEntry(const JournalEntry &entry);
    Result<> removeJournalEntry(qint64 id);
    // Entries that are Pending or Sent, oldest first.
    [[nodiscard]] QList<JournalEntry> pendingJournalEntries() const;
    [[nodiscard]] QList<JournalEntry> journalEntries() const; // all, oldest first
    [[nodiscard]] std::optional<JournalEntry> journalEntry(qint64 id) const;

    Result<qint64> pushUndo(const UndoRecord &record);
    [[nodiscard]] std::optional<UndoRecord> topUndo() const;
    Result<> removeUndo(qint64 id);
    [[nodiscard]] QList<UndoRecord> undoRecords() const; // newest first

    // Runs `work` in one transaction: the writes above it makes commit together, or none
    // does when it returns an error. Nesting is allowed and joins the outer transaction.
    Result<> transaction(const std::function<Result<>()> &work);

private:
    struct PartRow {
        qint64 id = 0;
        qint64 size = 0;
        bool inFile = false;
    };

    AccountStore(std::unique_ptr<Database> database, Options options);
    [[nodiscard]] MessageRecord readMessage(const QSqlQuery &query) const;
    [[nodiscard]] Result<MailboxCounts> countMessages(qint64 mailboxId);
    // Rows, body structures and parts of `uids`; the parts' files go after the commit.
    [[nodiscard]] Result<> removeMessages(qint64 mailboxId, const UidSet &uids);
    void removePartFilesAfterCommit(const QList<qint64> &ids);
    [[nodiscard]] Result<> loadPartState();
    [[nodiscard]] Result<> removePart(qint64 mailboxId, Uid uid, const QByteArray &section);
    [[nodiscard]] Result<> deleteParts(const QList<PartRow> &rows);
    [[nodiscard]] Result<> evictParts();
    void touchMessages(qint64 mailboxId) { ++m_messagesVersion[mailboxId]; }
    // `columns` of the rows of `table` (keyed by mailbox_id and uid) for `uids`, in UID order,
    // each passed to `visit`, in as few statements as suit the set's shape.
    void readByUid(const QString &columns, QStringView table, qint64 mailboxId, const UidSet &uids, QStringView doing,
                   const std::function<void(const QSqlQuery &)> &visit) const;
    // A JSON array for `uid IN (SELECT value FROM json_each(?))`, and whether `uids` is mostly
    // single UIDs, for which that suits (see readByUid()).
    [[nodiscard]] static QString uidArray(const UidSet &uids);
    [[nodiscard]] static bool mostlySingles(const UidSet &uids);

    std::unique_ptr<Database> m_database;
    Options m_options;
    std::unique_ptr<KeywordTable> m_keywords;
    // Bumped on every store and read of a part; its value orders parts for eviction. A counter
    // rather than a clock, so two reads in the same millisecond still have an order.
    qint64 m_partClock = 0;
    qint64 m_cachedPartBytes = 0;
    QHash<qint64, quint64> m_messagesVersion;
};

} // namespace fumi::store
