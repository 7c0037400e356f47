// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/MailboxDelta.h"
#include "engine/ServerThreads.h"
#include "models/MailboxKey.h"
#include "store/MessageRecord.h"

#include <QAbstractItemModel>
#include <QDeadlineTimer>
#include <QFont>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QLocale>
#include <QTimer>

#include <chrono>
#include <optional>
#include <vector>

namespace fumi::models {

class AccountRegistry;

// The message list: the rows of one mailbox, or of several merged (the "All Inboxes" view
// shows every account's INBOX), as the engines' MailboxDeltas describe them.
//
// Rows are plain values in one std::vector, about 200 bytes each with strings shared with the
// delta they came in; no object per row and nothing per visible item beyond what data() makes
// on the spot, so a view of 100,000 rows pays only for the rows it paints.
//
// Flat mode keeps that vector in view order: data() is one array access, and a delta is merged
// in one pass over the rows (O(rows + delta·log rows)), however scattered its rows are in the
// current sort order. Removals and insertions are announced one contiguous run at a time;
// while a delta is being merged, the rows already merged and the rows still waiting are two
// vectors, and the model shows them as one, so that each begin/end pair sees exactly the rows
// it announces.
//
// Thread mode (setThreaded) shows a tree built by MessageThreader: threads sorted by the sort
// column (by their newest message when sorting by date), replies under their parents oldest
// first. A delta that only changes flags updates the rows in place; one that adds or removes
// rows rebuilds the threads and resets the model (O(rows), bounded by the same pass), because a
// new message can join, split or re-root threads anywhere in the tree.
//
// A mailbox's threads may come from its server instead (setServerThreads(), RFC 5256 THREAD):
// the rows the server's answer covers take the server's parents, and the rows it does not
// know (mail that came after it) are threaded client-side, by their headers, and may hang
// under a row the server threaded. The answer holds only while the mailbox keeps the
// UIDVALIDITY it was made under, as the reset deltas tell (MailboxDelta::uidValidity).
class MessageListModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { FlagColumn, AttachmentColumn, FromColumn, SubjectColumn, DateColumn, SizeColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        UidRole = Qt::UserRole + 1, // fumi::Uid (quint32)
        FlagsRole,                  // fumi::Flags
        AccountRole,                // QString: the account's id
        MailboxRole,                // QString: the mailbox's path
        MailboxIdRole,              // qint64: the mailbox's local id
        UnreadRole,                 // bool: no \Seen
        FlaggedRole,                // bool
        HasAttachmentRole,          // bool
        DateRole,                   // QDateTime (UTC): the Date header, else the arrival time
        SizeRole,                   // quint64: bytes
        MessageIdRole,              // QByteArray, with angle brackets
        FromAddressRole,            // QString: the sender's address
        PreviewRole,                // QString: a short excerpt, empty until known
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject *parent = nullptr);
    ~MessageListModel() override;

    // Follows the registry's deltas; nullptr stops following.
    void setRegistry(AccountRegistry *registry);

    // The mailboxes whose rows the list shows; the rows it had go. Deltas of other mailboxes
    // are ignored, so set the mailboxes before opening them.
    void setMailboxes(const QList<MailboxKey> &mailboxes);
    [[nodiscard]] QList<MailboxKey> mailboxes() const;
    void applyDelta(const QString &account, const engine::MailboxDeltaPtr &delta);
    // Shows a flag change the user just asked for at once, before the engine's delta confirms
    // it (or, when the server refuses, reverts it): a second key press then sees the first.
    void applyLocalFlags(const QString &account, qint64 mailboxId, const UidSet &uids, const Flags &add,
                         const Flags &remove);
    // How long such a row keeps the flags it was given while the engine's deltas disagree: the
    // engine's deltas of earlier changes may still be on their way and would show an older
    // state for a moment (and a second key press then would go the wrong way). For this long
    // the row's engine flags that disagree are held back; then the engine's latest flags show
    // unless a later delta agreed (a refusal's revert, another client's change show then).
    void setLocalFlagsHold(std::chrono::milliseconds hold) { m_localFlagsHold = hold; }

    void setThreaded(bool threaded);
    // The server's threads of a mailbox shown (AccountEngine::serverThreads()), used in thread
    // mode instead of the headers for the rows they cover. Ignored for a mailbox not shown;
    // dropped by setMailboxes(). Where the server's parent of a row is not shown (expunged
    // since), the row hangs under its nearest ancestor that is, or is a root.
    void setServerThreads(const MailboxKey &mailbox, const engine::ServerThreads &threads);
    // True when the mailbox is shown with server threads that match its UIDVALIDITY (or the
    // UIDVALIDITY of its rows is not known): thread mode then follows them.
    [[nodiscard]] bool usesServerThreads(const MailboxKey &mailbox) const;
    [[nodiscard]] bool isThreaded() const { return m_threaded; }
    [[nodiscard]] int sortColumn() const { return m_sortColumn; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Every row, in threads or not.
    [[nodiscard]] qsizetype messageCount() const;
    // The row of a message, column 0; invalid when it is not shown. O(rows).
    [[nodiscard]] QModelIndex indexOf(const QString &account, qint64 mailboxId, Uid uid) const;

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // The flag and attachment columns' header is an icon (DecorationRole) with no text; every
    // column's name is its ToolTipRole and Qt::AccessibleTextRole (and Qt::UserRole).
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData *mimeData(const QModelIndexList &indexes) const override;
    [[nodiscard]] Qt::DropActions supportedDragActions() const override;

protected:
    // For a list of chosen messages (search results) rather than whole mailboxes: the deltas of
    // its mailboxes then change and remove the rows shown but add none.
    void setFollowsInsertions(bool follow) { m_followsInsertions = follow; }
    // Adds a mailbox to those shown, keeping the rows; its index for setMailboxRows().
    int addMailbox(const MailboxKey &key);
    // Shows `records` as rows of mailbox `source`: added to its rows, or with `replace` as its
    // only rows (the others go, one contiguous run at a time), or its only rows among the UIDs
    // `within` unless that is empty. A row shown already is replaced in place.
    void setMailboxRows(int source, const std::vector<store::MessageRecord> &records, bool replace,
                        const UidSet &within = {});
    // The rows shown of one account's mailboxes.
    [[nodiscard]] quint64 messageCountOf(const QString &account) const;

private:
    struct Row {
        store::MessageRecord record;
        qint64 sortDate = 0; // ms since the epoch, of the Date header or else the arrival time
        quint32 source = 0;  // index into m_sources
    };
    struct Source {
        MailboxKey key;
        UidSet uids;             // the UIDs shown
        quint32 uidValidity = 0; // of the rows, from the latest reset delta; 0 when not known
        std::optional<engine::ServerThreads> serverThreads;

        [[nodiscard]] bool serverThreadsApply() const
        {
            return serverThreads && (uidValidity == 0 || serverThreads->uidValidity == uidValidity);
        }
    };

    [[nodiscard]] int sourceOf(const QString &account, qint64 mailboxId) const;
    [[nodiscard]] Row makeRow(const store::MessageRecord &record, quint32 source) const;
    [[nodiscard]] const Row &rowAt(const QModelIndex &index) const;
    // Flat mode: the rows in view order, merged and waiting parts seen as one.
    [[nodiscard]] const Row &flatRow(size_t row) const
    {
        return row < m_rows.size() ? m_rows[row] : m_waiting[m_waitingFrom + (row - m_rows.size())];
    }
    [[nodiscard]] size_t flatCount() const { return m_rows.size() + (m_waiting.size() - m_waitingFrom); }
    // Strict total order of the current sort column and order.
    [[nodiscard]] bool lessThan(const Row &a, const Row &b) const;
    [[nodiscard]] int compareColumn(const Row &a, const Row &b) const;
    // `columnOrder` (negative, zero, positive) of a and b with the ties broken, in sort order.
    [[nodiscard]] bool ordered(int columnOrder, const Row &a, const Row &b) const;

    void applyToSource(quint32 source, const engine::MailboxDelta &delta, bool acceptInsertions);
    // A flag change the user just made on a row (see setLocalFlagsHold()).
    struct LocalFlags {
        Flags flags;
        QDeadlineTimer until;
        std::optional<store::FlagUpdate> latest; // the engine's last disagreeing flags
    };
    // Whether the engine's `update` of a row must wait for the row's local flags (it is then
    // kept as their latest).
    [[nodiscard]] bool heldBack(quint32 source, const store::FlagUpdate &update);
    void releaseLocalFlags();
    // Replaces shown rows whose place stays; the others join `removed` and `incoming`.
    void replaceInPlace(quint32 source, const std::vector<const store::MessageRecord *> &replacements, UidSet &removed,
                        std::vector<Row> &incoming);
    void removeFlat(const std::vector<bool> &gone);
    void insertFlat(std::vector<Row> incoming);
    void applyFlags(quint32 source, const std::vector<store::FlagUpdate> &updates);
    // The rows' indexes in the current sort order.
    [[nodiscard]] std::vector<quint32> sortedOrder() const;
    void sortRowsQuietly(); // between begin/endResetModel
    void sortRows();        // with layoutChanged, keeping persistent indexes
    void rebuildThreads();
    // Thread mode: the server's parents for the rows of sources that have them (see above).
    void applyServerParents();
    void sortThreads();
    [[nodiscard]] QModelIndex threadIndex(quint32 storage, int column) const;

    QList<Source> m_sources;
    bool m_threaded = false;
    bool m_followsInsertions = true;
    int m_sortColumn = DateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;

    QHash<std::pair<quint32, Uid>, LocalFlags> m_localFlags; // by source and UID
    std::chrono::milliseconds m_localFlagsHold{3000};
    QTimer m_localFlagsTimer;

    // Flat: view order. Threaded: storage order, with the tree below.
    std::vector<Row> m_rows;
    std::vector<Row> m_waiting;
    size_t m_waitingFrom = 0;

    std::vector<qint32> m_parent;                 // threaded: parent's storage index, or -1
    std::vector<std::vector<quint32>> m_children; // threaded: children in view order
    std::vector<quint32> m_roots;                 // threaded: roots in view order
    std::vector<quint32> m_position;              // threaded: row within the parent

    AccountRegistry *m_registry = nullptr;
    QMetaObject::Connection m_registryConnection;
    QLocale m_locale;
    // The unread font and the column icons, made on first use (not for a list nobody shows).
    void prepareLook() const;
    mutable QFont m_boldFont;
    mutable QIcon m_flagIcon;
    mutable QIcon m_attachmentIcon;
    mutable bool m_lookPrepared = false;
};

} // namespace fumi::models
