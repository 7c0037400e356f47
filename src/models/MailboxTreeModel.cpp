// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/MailboxTreeModel.h"

#include "models/AccountRegistry.h"
#include "models/DragPayload.h"

#include <QFont>
#include <QMimeData>

#include <algorithm>

namespace fumi::models {

namespace {

bool isInbox(const QString &path)
{
    return path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
}

QString sortKey(const QString &name, bool topLevel)
{
    return QString((topLevel && isInbox(name) ? u'0' : u'1') + name.toCaseFolded() + QChar(0) + name);
}

MailboxTreeModel::SyncState syncStateOf(engine::AccountEngine::State state, bool busy)
{
    using State = engine::AccountEngine::State;
    switch (state) {
    case State::Error:
        return MailboxTreeModel::SyncState::Error;
    case State::Connecting:
        return MailboxTreeModel::SyncState::Connecting;
    case State::Online:
        return busy ? MailboxTreeModel::SyncState::Syncing : MailboxTreeModel::SyncState::Connected;
    case State::Stopped:
    case State::Offline:
        break;
    }
    return MailboxTreeModel::SyncState::Offline;
}

} // namespace

struct MailboxTreeModel::Wanted {
    QString name;
    QString path;
    QString key;
    std::optional<store::MailboxRecord> record;
    std::vector<Wanted> children;
};

MailboxTreeModel::MailboxTreeModel(AccountRegistry *registry, QObject *parent)
    : QAbstractItemModel(parent)
    , m_registry(registry)
    , m_root(std::make_unique<Node>())
{
    auto all = std::make_unique<Node>();
    all->kind = NodeKind::AllInboxes;
    all->parent = m_root.get();
    m_root->children.push_back(std::move(all));
    if (!registry)
        return;
    auto followState = [this](const QString &account) {
        setAccountState(account, syncStateOf(m_registry->state(account), m_registry->isBusy(account)),
                        m_registry->stateDetail(account));
    };
    const QStringList accounts = registry->accounts();
    for (const QString &account : accounts) {
        addAccount(account, registry->displayName(account));
        followState(account);
    }
    connect(registry, &AccountRegistry::accountAdded, this, [this, followState](const QString &account) {
        addAccount(account, m_registry->displayName(account));
        followState(account);
    });
    connect(registry, &AccountRegistry::accountRemoved, this, &MailboxTreeModel::removeAccount);
    connect(registry, &AccountRegistry::mailboxesChanged, this, &MailboxTreeModel::setMailboxes);
    connect(registry, &AccountRegistry::stateChanged, this, followState);
    connect(registry, &AccountRegistry::mailboxDelta, this, &MailboxTreeModel::applyDelta);
}

MailboxTreeModel::~MailboxTreeModel() = default;

// --- the tree --------------------------------------------------------------------------------

MailboxTreeModel::Node *MailboxTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex MailboxTreeModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get() || !node->parent)
        return {};
    const auto &siblings = node->parent->children;
    const auto it = std::find_if(siblings.begin(), siblings.end(), [node](const std::unique_ptr<Node> &each) {
        return each.get() == node;
    });
    return createIndex(int(it - siblings.begin()), column, const_cast<Node *>(node));
}

MailboxTreeModel::Node *MailboxTreeModel::accountNode(const QString &account) const
{
    for (const std::unique_ptr<Node> &child : m_root->children) {
        if (child->kind == NodeKind::Account && child->account == account)
            return child.get();
    }
    return nullptr;
}

MailboxTreeModel::Node *MailboxTreeModel::savedSearchesNode() const
{
    const Node *last = m_root->children.empty() ? nullptr : m_root->children.back().get();
    return last && last->kind == NodeKind::SavedSearches ? m_root->children.back().get() : nullptr;
}

void MailboxTreeModel::setSavedSearches(const QList<SavedSearch> &searches)
{
    Node *node = savedSearchesNode();
    if (searches.isEmpty()) {
        if (node) {
            const int row = indexOfNode(node).row();
            beginRemoveRows({}, row, row);
            m_root->children.pop_back();
            endRemoveRows();
        }
        return;
    }
    const auto makeSearch = [](const SavedSearch &search, Node *parent) {
        auto child = std::make_unique<Node>();
        child->kind = NodeKind::SavedSearch;
        child->name = search.name;
        child->query = search.query;
        child->parent = parent;
        return child;
    };
    if (!node) {
        auto added = std::make_unique<Node>();
        added->kind = NodeKind::SavedSearches;
        added->parent = m_root.get();
        for (const SavedSearch &search : searches)
            added->children.push_back(makeSearch(search, added.get()));
        const int row = int(m_root->children.size());
        beginInsertRows({}, row, row);
        m_root->children.push_back(std::move(added));
        endInsertRows();
        return;
    }
    // One search added at the end or removed anywhere moves only that row, so that a view keeps
    // the others (and the current one) where they are; the rest change in place.
    std::vector<std::unique_ptr<Node>> &children = node->children;
    const QModelIndex parent = indexOfNode(node);
    if (size_t(searches.size()) + 1 == children.size()) {
        size_t gone = 0;
        while (gone < size_t(searches.size()) && children[gone]->name == searches[qsizetype(gone)].name
               && children[gone]->query == searches[qsizetype(gone)].query)
            ++gone;
        beginRemoveRows(parent, int(gone), int(gone));
        children.erase(children.begin() + qsizetype(gone));
        endRemoveRows();
    } else if (size_t(searches.size()) > children.size()) {
        const int first = int(children.size());
        beginInsertRows(parent, first, int(searches.size()) - 1);
        for (qsizetype i = first; i < searches.size(); ++i)
            children.push_back(makeSearch(searches[i], node));
        endInsertRows();
    } else if (size_t(searches.size()) < children.size()) {
        beginRemoveRows(parent, int(searches.size()), int(children.size()) - 1);
        children.resize(size_t(searches.size()));
        endRemoveRows();
    }
    for (size_t i = 0; i < children.size(); ++i) {
        Node *child = children[i].get();
        const SavedSearch &search = searches[qsizetype(i)];
        if (child->name == search.name && child->query == search.query)
            continue;
        child->name = search.name;
        child->query = search.query;
        const QModelIndex at = indexOfNode(child);
        Q_EMIT dataChanged(at, at);
    }
}

QModelIndex MailboxTreeModel::savedSearchIndex(int row) const
{
    const Node *node = savedSearchesNode();
    if (!node || row < 0 || size_t(row) >= node->children.size())
        return {};
    return indexOfNode(node->children[size_t(row)].get());
}

MailboxTreeModel::Node *MailboxTreeModel::findMailbox(Node *under, const QString &path) const
{
    if (!under)
        return nullptr;
    for (const std::unique_ptr<Node> &child : under->children) {
        if (child->path == path)
            return child.get();
        if (Node *found = findMailbox(child.get(), path))
            return found;
    }
    return nullptr;
}

MailboxTreeModel::Node *MailboxTreeModel::findMailboxId(Node *under, qint64 id) const
{
    if (!under)
        return nullptr;
    for (const std::unique_ptr<Node> &child : under->children) {
        if (child->record && child->record->id == id)
            return child.get();
        if (Node *found = findMailboxId(child.get(), id))
            return found;
    }
    return nullptr;
}

const store::MailboxRecord *MailboxTreeModel::inboxOf(const QString &account) const
{
    const auto it = m_lists.constFind(account);
    if (it == m_lists.cend())
        return nullptr;
    for (const store::MailboxRecord &record : *it) {
        if (isInbox(record.path))
            return &record;
    }
    return nullptr;
}

void MailboxTreeModel::addAccount(const QString &account, const QString &displayName)
{
    if (Node *existing = accountNode(account)) {
        existing->name = displayName.isEmpty() ? account : displayName;
        const QModelIndex at = indexOfNode(existing);
        Q_EMIT dataChanged(at, at);
        return;
    }
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Account;
    node->account = account;
    node->name = displayName.isEmpty() ? account : displayName;
    node->parent = m_root.get();
    // Accounts come before the saved searches.
    const Node *saved = savedSearchesNode();
    const int row = saved ? indexOfNode(saved).row() : int(m_root->children.size());
    beginInsertRows({}, row, row);
    m_root->children.insert(m_root->children.begin() + row, std::move(node));
    endInsertRows();
    rebuildAccount(account);
}

void MailboxTreeModel::removeAccount(const QString &account)
{
    Node *node = accountNode(account);
    if (!node)
        return;
    const int row = indexOfNode(node).row();
    beginRemoveRows({}, row, row);
    m_root->children.erase(m_root->children.begin() + row);
    endRemoveRows();
    m_lists.remove(account);
    notifySummaries(account);
}

void MailboxTreeModel::setMailboxes(const QString &account, const QList<store::MailboxRecord> &mailboxes)
{
    if (!accountNode(account))
        addAccount(account, m_registry ? m_registry->displayName(account) : QString());
    m_lists.insert(account, mailboxes);
    rebuildAccount(account);
}

void MailboxTreeModel::setAccountState(const QString &account, SyncState state, const QString &detail)
{
    Node *node = accountNode(account);
    if (!node || (node->state == state && node->detail == detail))
        return;
    node->state = state;
    node->detail = detail;
    const QModelIndex at = indexOfNode(node);
    Q_EMIT dataChanged(at, at);
}

void MailboxTreeModel::applyDelta(const QString &account, const engine::MailboxDeltaPtr &delta)
{
    if (!delta || !delta->counts)
        return;
    auto list = m_lists.find(account);
    if (list == m_lists.end())
        return;
    for (store::MailboxRecord &record : *list) {
        if (record.id == delta->mailboxId)
            record.counts = *delta->counts;
    }
    Node *node = findMailboxId(accountNode(account), delta->mailboxId);
    if (!node || node->record->counts == *delta->counts)
        return;
    node->record->counts = *delta->counts;
    const QModelIndex at = indexOfNode(node);
    Q_EMIT dataChanged(at, at);
    notifySummaries(account);
}

void MailboxTreeModel::setShowOnlySubscribed(bool only)
{
    if (only == m_onlySubscribed)
        return;
    m_onlySubscribed = only;
    for (const std::unique_ptr<Node> &child : m_root->children) {
        if (child->kind == NodeKind::Account)
            rebuildAccount(child->account);
    }
}

void MailboxTreeModel::rebuildAccount(const QString &account)
{
    Node *node = accountNode(account);
    if (!node)
        return;
    const QList<store::MailboxRecord> list = m_lists.value(account);
    QHash<QString, const store::MailboxRecord *> byPath;
    for (const store::MailboxRecord &record : list)
        byPath.insert(record.path, &record);

    std::vector<Wanted> top;
    for (const store::MailboxRecord &record : list) {
        if (m_onlySubscribed && !record.subscribed && !isInbox(record.path))
            continue;
        const QStringList levels
            = record.separator ? record.path.split(QChar::fromLatin1(record.separator)) : QStringList{record.path};
        std::vector<Wanted> *siblings = &top;
        QString path;
        for (qsizetype level = 0; level < levels.size(); ++level) {
            path = level == 0 ? levels[0] : QString(path + QChar::fromLatin1(record.separator) + levels[level]);
            auto it = std::find_if(siblings->begin(), siblings->end(), [&](const Wanted &each) {
                return each.path == path;
            });
            if (it == siblings->end()) {
                Wanted wanted;
                wanted.name = levels[level];
                wanted.path = path;
                wanted.key = sortKey(wanted.name, level == 0);
                if (const store::MailboxRecord *listed = byPath.value(path))
                    wanted.record = *listed;
                siblings->push_back(std::move(wanted));
                it = std::prev(siblings->end());
            }
            siblings = &it->children;
        }
    }
    merge(node, top);
    notifySummaries(account);
}

std::unique_ptr<MailboxTreeModel::Node> MailboxTreeModel::makeNode(Wanted &wanted, const QString &account,
                                                                   Node *parent) const
{
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Mailbox;
    node->account = account;
    node->name = wanted.name;
    node->path = wanted.path;
    node->key = wanted.key;
    node->record = wanted.record;
    node->parent = parent;
    std::sort(wanted.children.begin(), wanted.children.end(), [](const Wanted &a, const Wanted &b) {
        return a.key < b.key;
    });
    for (Wanted &child : wanted.children)
        node->children.push_back(makeNode(child, account, node.get()));
    return node;
}

void MailboxTreeModel::merge(Node *node, std::vector<Wanted> &wanted)
{
    // Both lists in the same order, walked together: what only the tree has goes, what only the
    // list has comes, what both have stays (keeping its index) and is merged one level down.
    std::sort(wanted.begin(), wanted.end(), [](const Wanted &a, const Wanted &b) {
        return a.key < b.key;
    });
    const QModelIndex parentIndex = indexOfNode(node);
    size_t i = 0;
    size_t j = 0;
    while (i < node->children.size() || j < wanted.size()) {
        Node *child = i < node->children.size() ? node->children[i].get() : nullptr;
        const int order = !child ? 1 : (j >= wanted.size() ? -1 : child->key.compare(wanted[j].key));
        if (order < 0) {
            beginRemoveRows(parentIndex, int(i), int(i));
            node->children.erase(node->children.begin() + qsizetype(i));
            endRemoveRows();
            continue;
        }
        if (order > 0) {
            beginInsertRows(parentIndex, int(i), int(i));
            node->children.insert(node->children.begin() + qsizetype(i), makeNode(wanted[j], node->account, node));
            endInsertRows();
            ++i;
            ++j;
            continue;
        }
        if (child->record != wanted[j].record) {
            child->record = wanted[j].record;
            const QModelIndex at = indexOfNode(child);
            Q_EMIT dataChanged(at, at);
        }
        merge(child, wanted[j].children);
        ++i;
        ++j;
    }
}

void MailboxTreeModel::notifySummaries(const QString &account)
{
    const QModelIndex all = index(0, 0);
    Q_EMIT dataChanged(all, all);
    if (Node *node = accountNode(account)) {
        const QModelIndex at = indexOfNode(node);
        Q_EMIT dataChanged(at, at);
    }
}

QModelIndex MailboxTreeModel::allInboxesIndex() const
{
    return index(0, 0);
}

QModelIndex MailboxTreeModel::indexOf(const QString &account, const QString &path) const
{
    Node *node = accountNode(account);
    if (node && !path.isEmpty())
        node = findMailbox(node, path);
    return indexOfNode(node);
}

QList<MailboxKey> MailboxTreeModel::mailboxKeys(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    if (!index.isValid() || !node)
        return {};
    if (node->kind == NodeKind::AllInboxes) {
        QList<MailboxKey> keys;
        for (const std::unique_ptr<Node> &child : m_root->children) {
            if (child->kind != NodeKind::Account)
                continue;
            if (const store::MailboxRecord *inbox = inboxOf(child->account))
                keys.append({child->account, inbox->id, inbox->path});
        }
        return keys;
    }
    if (node->kind == NodeKind::Mailbox && node->record && node->record->selectable)
        return {{node->account, node->record->id, node->path}};
    return {};
}

int MailboxTreeModel::unreadOf(const Node *node) const
{
    switch (node->kind) {
    case NodeKind::Mailbox:
        return node->record ? int(node->record->counts.unseen) : 0;
    case NodeKind::AllInboxes: {
        int total = 0;
        for (const std::unique_ptr<Node> &child : m_root->children) {
            if (child->kind == NodeKind::Account) {
                if (const store::MailboxRecord *inbox = inboxOf(child->account))
                    total += int(inbox->counts.unseen);
            }
        }
        return total;
    }
    case NodeKind::SavedSearches:
    case NodeKind::SavedSearch:
        return 0;
    case NodeKind::Account: {
        int total = 0;
        const QList<store::MailboxRecord> list = m_lists.value(node->account);
        for (const store::MailboxRecord &record : list) {
            if (record.specialUse != store::SpecialUse::Trash && record.specialUse != store::SpecialUse::Junk)
                total += int(record.counts.unseen);
        }
        return total;
    }
    }
    return 0;
}

// --- the model -------------------------------------------------------------------------------

QModelIndex MailboxTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column != 0 || parent.column() > 0)
        return {};
    const Node *node = nodeOf(parent);
    if (size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex MailboxTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int MailboxTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int MailboxTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return 1;
}

QIcon MailboxTreeModel::icon(const QString &name, IconFactory::Icon fallback) const
{
    // The same theme name may fall back differently (INBOX and All Inboxes).
    const QString key = QString(QString::number(int(fallback)) + u':' + name);
    auto it = m_icons.find(key);
    if (it == m_icons.end())
        it = m_icons.insert(key, IconFactory::themed(name, fallback));
    return *it;
}

QVariant MailboxTreeModel::decoration(const Node *node) const
{
    switch (node->kind) {
    case NodeKind::AllInboxes:
        return icon(QStringLiteral("mail-folder-inbox"), IconFactory::Icon::AllInboxes);
    case NodeKind::Account:
        switch (node->state) {
        case SyncState::Connected:
            return icon(QStringLiteral("network-connect"), IconFactory::Icon::Connected);
        case SyncState::Connecting:
        case SyncState::Syncing:
            return icon(QStringLiteral("view-refresh"), IconFactory::Icon::Syncing);
        case SyncState::Offline:
            return icon(QStringLiteral("network-offline"), IconFactory::Icon::Offline);
        case SyncState::Error:
            return icon(QStringLiteral("dialog-error"), IconFactory::Icon::Error);
        }
        break;
    case NodeKind::Mailbox:
        if (node->parent && node->parent->kind == NodeKind::Account && isInbox(node->path))
            return icon(QStringLiteral("mail-folder-inbox"), IconFactory::Icon::Inbox);
        switch (node->record ? node->record->specialUse : store::SpecialUse::None) {
        case store::SpecialUse::Sent:
            return icon(QStringLiteral("mail-folder-sent"), IconFactory::Icon::Sent);
        case store::SpecialUse::Drafts:
            return icon(QStringLiteral("document-edit"), IconFactory::Icon::Drafts);
        case store::SpecialUse::Trash:
            return icon(QStringLiteral("user-trash"), IconFactory::Icon::Trash);
        case store::SpecialUse::Junk:
            return icon(QStringLiteral("mail-mark-junk"), IconFactory::Icon::Junk);
        case store::SpecialUse::Archive:
            return icon(QStringLiteral("folder-archive"), IconFactory::Icon::Archive);
        case store::SpecialUse::Flagged:
        case store::SpecialUse::Important:
            return icon(QStringLiteral("mail-mark-important"), IconFactory::Icon::Flag);
        case store::SpecialUse::All:
            return icon(QStringLiteral("folder-mail"), IconFactory::Icon::Inbox);
        case store::SpecialUse::None:
            break;
        }
        return icon(QStringLiteral("folder"), IconFactory::Icon::Folder);
    case NodeKind::SavedSearches:
    case NodeKind::SavedSearch:
        return icon(QStringLiteral("folder-saved-search"), IconFactory::Icon::Search);
    }
    return {};
}

QString MailboxTreeModel::displayName(const Node *node) const
{
    // The folders every client knows by their role (RFC 6154 SPECIAL-USE, and INBOX by name)
    // show in the user's language; the server keeps its name, and a folder without such an
    // attribute is shown as the user named it.
    if (node->parent->kind == NodeKind::Account && isInbox(node->path))
        return tr("Inbox");
    switch (node->record ? node->record->specialUse : store::SpecialUse::None) {
    case store::SpecialUse::Drafts:
        return tr("Drafts");
    case store::SpecialUse::Sent:
        return tr("Sent");
    case store::SpecialUse::Junk:
        return tr("Junk");
    case store::SpecialUse::Trash:
        return tr("Trash");
    case store::SpecialUse::Archive:
        return tr("Archive");
    default:
        return node->name;
    }
}

QVariant MailboxTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    const Node *node = nodeOf(index);
    const store::MailboxRecord *record = node->record ? &*node->record : nullptr;
    switch (role) {
    case Qt::DisplayRole:
        if (node->kind == NodeKind::AllInboxes)
            return tr("All Inboxes");
        if (node->kind == NodeKind::SavedSearches)
            return tr("Saved Searches");
        if (node->kind == NodeKind::Mailbox)
            return displayName(node);
        return node->name;
    case Qt::ToolTipRole:
        if (node->kind == NodeKind::Account)
            return node->detail.isEmpty() ? node->name : QString(node->name + QLatin1String(": ") + node->detail);
        if (node->kind == NodeKind::SavedSearch)
            return node->query;
        return node->kind == NodeKind::Mailbox ? node->path : QString();
    case Qt::DecorationRole:
        return decoration(node);
    case Qt::FontRole:
        if (unreadOf(node) > 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case KindRole:
        return QVariant::fromValue(node->kind);
    case AccountRole:
        return node->account;
    case PathRole:
        return node->path;
    case MailboxIdRole:
        return record ? record->id : qint64(0);
    case SpecialUseRole:
        return int(record ? record->specialUse : store::SpecialUse::None);
    case UnreadCountRole:
        return unreadOf(node);
    case TotalCountRole:
        if (node->kind == NodeKind::AllInboxes) {
            int total = 0;
            for (const std::unique_ptr<Node> &child : m_root->children) {
                if (child->kind == NodeKind::Account) {
                    if (const store::MailboxRecord *inbox = inboxOf(child->account))
                        total += int(inbox->counts.messages);
                }
            }
            return total;
        }
        return record ? int(record->counts.messages) : 0;
    case SyncStateRole:
        return node->kind == NodeKind::Account ? QVariant::fromValue(node->state) : QVariant();
    case SyncDetailRole:
        return node->detail;
    case SubscribedRole:
        return record && record->subscribed;
    case SelectableRole:
        return record && record->selectable;
    case QueryRole:
        return node->query;
    default:
        return {};
    }
}

Qt::ItemFlags MailboxTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Node *node = nodeOf(index);
    if (node->kind == NodeKind::SavedSearches)
        return Qt::ItemIsEnabled;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (node->kind == NodeKind::Account)
        result |= Qt::ItemIsDropEnabled;
    if (node->kind == NodeKind::Mailbox) {
        result |= Qt::ItemIsDropEnabled;
        if (node->record && !isInbox(node->path))
            result |= Qt::ItemIsDragEnabled;
    }
    return result;
}

// --- drag and drop ---------------------------------------------------------------------------

QStringList MailboxTreeModel::mimeTypes() const
{
    return {MailboxDrag::mimeType(), MessageDrag::mimeType()};
}

QMimeData *MailboxTreeModel::mimeData(const QModelIndexList &indexes) const
{
    for (const QModelIndex &index : indexes) {
        const Node *node = index.isValid() ? nodeOf(index) : nullptr;
        if (!node || node->kind != NodeKind::Mailbox || !node->record)
            continue;
        auto *data = new QMimeData;
        data->setData(MailboxDrag::mimeType(), MailboxDrag{node->account, node->path}.encode());
        return data;
    }
    return nullptr;
}

Qt::DropActions MailboxTreeModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions MailboxTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QString MailboxTreeModel::dropRefusal(const QMimeData *data, Qt::DropAction action, int row, int column,
                                      const QModelIndex &parent) const
{
    Q_UNUSED(column)
    if (!data)
        return tr("Nothing is being dragged.");
    const Node *target = parent.isValid() ? nodeOf(parent) : nullptr;
    if (data->hasFormat(MessageDrag::mimeType()))
        return messageDropRefusal(data, action, row, target);
    if (data->hasFormat(MailboxDrag::mimeType())) {
        QString newPath;
        return folderDropRefusal(data, action, target, &newPath);
    }
    return tr("Only messages and folders can be dropped here.");
}

QString MailboxTreeModel::messageDropRefusal(const QMimeData *data, Qt::DropAction action, int row,
                                             const Node *target) const
{
    // A view passes a row only for a drop between two items, which names no folder.
    if (row != -1 || !target || target->kind != NodeKind::Mailbox)
        return tr("Drop the messages onto a folder.");
    if (!target->record || !target->record->selectable)
        return tr("“%1” cannot hold messages.").arg(displayName(target));
    if (action != Qt::MoveAction && action != Qt::CopyAction)
        return tr("Messages can only be moved or copied.");
    const std::optional<MessageDrag> drag = MessageDrag::decode(data->data(MessageDrag::mimeType()));
    if (!drag)
        return tr("The dragged messages cannot be read.");
    for (const MessageDrag::Group &group : drag->groups) {
        if (group.account != target->account) {
            // Between accounts the engine moves (append there, confirm, remove here); a copy
            // would leave two masters of one message, and is not offered.
            if (action == Qt::CopyAction)
                return tr("Messages can be moved to another account, not copied.");
            if (m_registry && (!m_registry->engine(group.account) || !m_registry->engine(target->account)))
                return tr("The other account is not open.");
            continue;
        }
        if (group.path == target->path)
            return tr("The messages are in “%1” already.").arg(displayName(target));
    }
    return {};
}

char MailboxTreeModel::separatorOf(const QString &account) const
{
    for (const store::MailboxRecord &record : m_lists.value(account))
        if (record.separator)
            return record.separator;
    return 0;
}

QString MailboxTreeModel::folderDropRefusal(const QMimeData *data, Qt::DropAction action, const Node *target,
                                            QString *newPath) const
{
    const std::optional<MailboxDrag> drag = MailboxDrag::decode(data->data(MailboxDrag::mimeType()));
    if (!drag)
        return tr("The dragged folder cannot be read.");
    if (!target || (target->kind != NodeKind::Account && target->kind != NodeKind::Mailbox))
        return tr("Drop the folder onto an account or another folder.");
    const bool otherAccount = target->account != drag->account;
    if (otherAccount && action != Qt::MoveAction && action != Qt::CopyAction)
        return tr("Folders can only be moved or copied.");
    if (!otherAccount && action != Qt::MoveAction)
        return tr("Folders can only be moved.");
    if (isInbox(drag->path))
        return tr("INBOX cannot be moved.");
    Node *account = accountNode(drag->account);
    const Node *source = findMailbox(account, drag->path);
    if (!source || !source->record)
        return tr("The folder “%1” is no longer there.").arg(drag->path);
    if (otherAccount && m_registry && (!m_registry->engine(drag->account) || !m_registry->engine(target->account)))
        return tr("The other account is not open.");
    // Into another account the folder is copied, and takes that account's separator.
    const char separator = otherAccount ? separatorOf(target->account) : source->record->separator;
    if (target->kind == NodeKind::Mailbox) {
        if (!otherAccount
            && (target->path == drag->path
                || (separator && target->path.startsWith(QString(drag->path + QChar::fromLatin1(separator))))))
            return tr("A folder cannot be moved into itself or one of its subfolders.");
        if (target->record
            && std::any_of(target->record->attributes.begin(), target->record->attributes.end(),
                           [](const QByteArray &attribute) {
                               return attribute.compare("\\NoInferiors", Qt::CaseInsensitive) == 0;
                           }))
            return tr("“%1” cannot have subfolders.").arg(displayName(target));
        if (!separator)
            return tr("This server does not nest folders.");
        *newPath = QString(target->path + QChar::fromLatin1(separator) + source->name);
    } else {
        *newPath = source->name;
    }
    if (source->parent == target)
        return tr("“%1” is there already.").arg(source->name);
    Node *targetAccount = accountNode(target->account);
    const QList<store::MailboxRecord> list = m_lists.value(target->account);
    const bool taken
        = findMailbox(targetAccount, *newPath) || std::any_of(list.begin(), list.end(), [&](const auto &r) {
              return r.path == *newPath;
          });
    if (taken)
        return tr("There is a folder “%1” there already.").arg(source->name);
    return {};
}

std::optional<MailboxTreeModel::FolderCopy> MailboxTreeModel::folderCopy(const QMimeData *data, Qt::DropAction action,
                                                                         const QModelIndex &parent) const
{
    if (!data || !data->hasFormat(MailboxDrag::mimeType()) || !parent.isValid())
        return std::nullopt;
    const Node *target = nodeOf(parent);
    QString newPath;
    if (!folderDropRefusal(data, action, target, &newPath).isEmpty())
        return std::nullopt;
    const std::optional<MailboxDrag> drag = MailboxDrag::decode(data->data(MailboxDrag::mimeType()));
    if (drag->account == target->account)
        return std::nullopt;
    const Node *source = findMailbox(accountNode(drag->account), drag->path);
    FolderCopy copy;
    copy.account = drag->account;
    copy.path = drag->path;
    copy.name = displayName(source);
    copy.targetAccount = target->account;
    const Node *targetAccount = accountNode(target->account);
    copy.targetAccountName = targetAccount ? targetAccount->name : target->account;
    copy.targetPath = newPath;
    copy.targetSeparator = separatorOf(target->account);
    const char separator = source->record->separator;
    const QString prefix = separator ? QString(drag->path + QChar::fromLatin1(separator)) : QString();
    for (const store::MailboxRecord &record : m_lists.value(drag->account)) {
        if (record.path == drag->path || (!prefix.isEmpty() && record.path.startsWith(prefix))) {
            copy.messages += qint64(record.counts.messages);
            ++copy.folders;
        }
    }
    copy.folders = std::max(copy.folders, 1);
    return copy;
}

void MailboxTreeModel::setFolderCopyConfirmation(FolderCopyConfirmation confirm)
{
    m_confirmFolderCopy = std::move(confirm);
}

bool MailboxTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                       const QModelIndex &parent) const
{
    return dropRefusal(data, action, row, column, parent).isEmpty();
}

bool MailboxTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                    const QModelIndex &parent)
{
    if (!m_registry || !dropRefusal(data, action, row, column, parent).isEmpty())
        return false;
    const Node *target = nodeOf(parent);
    if (!m_registry->engine(target->account))
        return false;
    if (data->hasFormat(MessageDrag::mimeType())) {
        const std::optional<MessageDrag> drag = MessageDrag::decode(data->data(MessageDrag::mimeType()));
        for (const MessageDrag::Group &group : drag->groups) {
            const bool copy = action == Qt::CopyAction;
            const quint64 request = group.account != target->account
                ? m_registry->moveToAccount(group.account, group.path, group.uids, target->account, target->path)
                : copy ? m_registry->copy(group.account, group.path, group.uids, target->path)
                       : m_registry->move(group.account, group.path, group.uids, target->path);
            // What the undo bar says once the server has done it: "Moved 12 messages to Archive".
            const int count = int(group.uids.count());
            const QString messages = count == 1 ? tr("1 message") : tr("%1 messages").arg(count);
            const QString description
                = (copy ? tr("Copied %1 to %2") : tr("Moved %1 to %2")).arg(messages, displayName(target));
            Q_EMIT dropStarted(group.account, request, description);
        }
        return true;
    }
    if (const std::optional<FolderCopy> copy = folderCopy(data, action, parent)) {
        // A copy to another account can be large and is asked first; without anyone to ask
        // (no confirmation installed) it is not made.
        if (!m_confirmFolderCopy || !m_confirmFolderCopy(*copy))
            return false;
        const quint64 request = m_registry->copyFolderToAccount(copy->account, copy->path, copy->targetAccount,
                                                                copy->targetPath, copy->targetSeparator);
        if (!request)
            return false;
        Q_EMIT dropStarted(copy->account, request,
                           tr("Copied folder %1 to %2").arg(copy->name, copy->targetAccountName));
        return true;
    }
    QString newPath;
    if (!folderDropRefusal(data, action, target, &newPath).isEmpty())
        return false;
    const std::optional<MailboxDrag> drag = MailboxDrag::decode(data->data(MailboxDrag::mimeType()));
    const quint64 request = m_registry->renameMailbox(drag->account, drag->path, newPath);
    Q_EMIT dropStarted(drag->account, request, tr("Moved folder %1 to %2").arg(drag->path, newPath));
    return true;
}

} // namespace fumi::models
