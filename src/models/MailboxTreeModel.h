// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/AccountEngine.h"
#include "engine/MailboxDelta.h"
#include "models/IconFactory.h"
#include "models/MailboxKey.h"
#include "models/SavedSearch.h"
#include "store/MailboxRecord.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QList>

#include <functional>

#include <memory>
#include <optional>
#include <vector>

namespace fumi::models {

class AccountRegistry;

// The folder tree of every account: "All Inboxes" first, then one node per account (in the
// order the accounts were added) with its folders nested below by their hierarchy separator.
//
// An account's folders come from its engine's folder list (the cached one at start, then each
// sync's); a new list is merged into the tree node by node (a folder that stays keeps its
// index, so a view keeps it expanded and selected; one renamed moves as a removal and an
// insertion). A folder that is not listed but has listed subfolders ("Work" of "Work/Projects"
// on a server that only lists the leaves) appears as a node without a mailbox. Siblings are
// ordered INBOX first, then by name.
//
// It also takes drops: messages onto a folder (move, or copy with the Copy action), a folder
// onto another folder or an account (a RENAME under the new parent) and a folder onto another
// account or one of its folders (a copy there, with its subfolders and messages, which the user
// confirms first through the FolderCopyConfirmation the UI installs: a model opens no dialogs).
// dropRefusal() says why a drop is refused, for the view to show while dragging.
//
// The user's saved searches, when there are any, come last under a "Saved Searches" node, each
// a virtual folder that holds no mailbox: choosing one runs its query (QueryRole).
class MailboxTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum class NodeKind { AllInboxes, Account, Mailbox, SavedSearches, SavedSearch };
    Q_ENUM(NodeKind)
    enum class SyncState { Offline, Connecting, Syncing, Connected, Error };
    Q_ENUM(SyncState)

    enum Role {
        KindRole = Qt::UserRole + 1, // NodeKind
        AccountRole,                 // QString: the account's id (empty for All Inboxes)
        PathRole,                    // QString: the mailbox's full path (mailbox nodes)
        MailboxIdRole,               // qint64: 0 for a node that is no listed mailbox
        SpecialUseRole,              // store::SpecialUse, as int
        UnreadCountRole,             // int: unseen messages (All Inboxes: of every INBOX; an
                                     //      account: of its folders but Trash and Junk)
        TotalCountRole,              // int: messages (mailboxes and All Inboxes)
        SyncStateRole,               // SyncState (account nodes)
        SyncDetailRole,              // QString: why an account is offline or in error
        SubscribedRole,              // bool
        SelectableRole,              // bool: can hold messages (not \Noselect)
        QueryRole,                   // QString: a saved search's query
    };
    Q_ENUM(Role)

    // A folder drop onto another account, as the user is asked about it.
    struct FolderCopy {
        QString account;           // the source account's id
        QString path;              // the source folder's full path
        QString name;              // its last level, as the user knows it
        QString targetAccount;     // the other account's id
        QString targetAccountName; // its display name
        QString targetPath;        // the copy's full path there
        char targetSeparator = 0;  // that account's hierarchy separator
        qint64 messages = 0;       // in the folder and its subfolders, as last counted
        int folders = 0;           // the folder and its subfolders
    };
    // Answers whether the copy may go ahead (the UI asks the user); false changes nothing.
    using FolderCopyConfirmation = std::function<bool(const FolderCopy &copy)>;

    // Follows the registry's accounts, folder lists, states and counts; nullptr for a model fed
    // by hand (tests), which then refuses every drop at dropMimeData().
    explicit MailboxTreeModel(AccountRegistry *registry = nullptr, QObject *parent = nullptr);
    ~MailboxTreeModel() override;

    // What the registry's signals call; public for models fed by hand.
    void addAccount(const QString &account, const QString &displayName);
    void removeAccount(const QString &account);
    void setMailboxes(const QString &account, const QList<store::MailboxRecord> &mailboxes);
    void setAccountState(const QString &account, SyncState state, const QString &detail = {});
    // Takes the delta's counts, if it has any, for its mailbox.
    void applyDelta(const QString &account, const engine::MailboxDeltaPtr &delta);

    // The saved searches, in the order shown; an empty list removes the node.
    void setSavedSearches(const QList<SavedSearch> &searches);
    // The node of saved search `row`; invalid when there is none.
    [[nodiscard]] QModelIndex savedSearchIndex(int row) const;

    // Hides folders that are neither subscribed nor INBOX nor above a shown one.
    void setShowOnlySubscribed(bool only);
    [[nodiscard]] bool showOnlySubscribed() const { return m_onlySubscribed; }

    [[nodiscard]] QModelIndex allInboxesIndex() const;
    // The account's node for an empty path, else the mailbox's; invalid when not shown.
    [[nodiscard]] QModelIndex indexOf(const QString &account, const QString &path = {}) const;
    // What a message list opened on `index` shows: the mailbox, or every account's INBOX for
    // All Inboxes; empty for an account node or a folder that holds no messages.
    [[nodiscard]] QList<MailboxKey> mailboxKeys(const QModelIndex &index) const;

    // Why `data` may not be dropped with `action` at (row, column, parent) as a view passes them
    // to canDropMimeData(); empty when it may. A sentence for the user.
    [[nodiscard]] QString dropRefusal(const QMimeData *data, Qt::DropAction action, int row, int column,
                                      const QModelIndex &parent) const;

    // What dropping `data` at `parent` copies to another account; nullopt when the drop is no
    // such copy or is refused.
    [[nodiscard]] std::optional<FolderCopy> folderCopy(const QMimeData *data, Qt::DropAction action,
                                                       const QModelIndex &parent) const;
    // Asked by dropMimeData() before a folder is copied to another account.
    void setFolderCopyConfirmation(FolderCopyConfirmation confirm);

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData *mimeData(const QModelIndexList &indexes) const override;
    [[nodiscard]] bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                       const QModelIndex &parent) const override;
    // Sends the move, copy or rename to the account's engine through the registry; true when
    // sent. The server's answer comes later, as dropFinished().
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    [[nodiscard]] Qt::DropActions supportedDropActions() const override;
    [[nodiscard]] Qt::DropActions supportedDragActions() const override;

Q_SIGNALS:
    // A drop was sent to the account's engine as request `request` of the registry; `description`
    // says what it does once done ("Moved 12 messages to Archive"), for an undo bar.
    void dropStarted(const QString &account, quint64 request, const QString &description);

private:
    struct Node {
        NodeKind kind = NodeKind::Mailbox;
        QString account;
        QString name; // an account's display name, or the last level of the path
        QString path;
        QString key;                                // orders siblings: INBOX first, then by name
        std::optional<store::MailboxRecord> record; // mailboxes that are listed
        SyncState state = SyncState::Offline;       // accounts
        QString detail;                             // accounts
        QString query;                              // saved searches
        Node *parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
    };
    struct Wanted; // a node as the new folder list wants it

    [[nodiscard]] Node *nodeOf(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex indexOfNode(const Node *node, int column = 0) const;
    [[nodiscard]] Node *accountNode(const QString &account) const;
    [[nodiscard]] Node *savedSearchesNode() const;
    [[nodiscard]] Node *findMailbox(Node *under, const QString &path) const;
    [[nodiscard]] Node *findMailboxId(Node *under, qint64 id) const;
    [[nodiscard]] const store::MailboxRecord *inboxOf(const QString &account) const;
    void rebuildAccount(const QString &account);
    void merge(Node *node, std::vector<Wanted> &wanted);
    [[nodiscard]] std::unique_ptr<Node> makeNode(Wanted &wanted, const QString &account, Node *parent) const;
    void notifySummaries(const QString &account);
    [[nodiscard]] int unreadOf(const Node *node) const;
    [[nodiscard]] QIcon icon(const QString &name, IconFactory::Icon fallback) const;
    [[nodiscard]] QVariant decoration(const Node *node) const;
    [[nodiscard]] QString displayName(const Node *node) const;
    [[nodiscard]] QString messageDropRefusal(const QMimeData *data, Qt::DropAction action, int row,
                                             const Node *target) const;
    [[nodiscard]] char separatorOf(const QString &account) const;
    [[nodiscard]] QString folderDropRefusal(const QMimeData *data, Qt::DropAction action, const Node *target,
                                            QString *newPath) const;

    AccountRegistry *m_registry;
    std::unique_ptr<Node> m_root;
    QHash<QString, QList<store::MailboxRecord>> m_lists; // each account's folder list
    bool m_onlySubscribed = false;
    mutable QHash<QString, QIcon> m_icons;
    FolderCopyConfirmation m_confirmFolderCopy;
};

} // namespace fumi::models
