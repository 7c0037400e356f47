// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/OperationJournal.h"

#include "engine/AppendTarget.h"
#include "engine/JournalPayload.h"
#include "engine/Logging.h"
#include "engine/Session.h"
#include "imap/Command.h"
#include "store/AccountStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QTimer>

#include <algorithm>
#include <map>
#include <utility>

// Entry kinds and payloads (JSON objects; UID sets as IMAP sequence-set text, flags as IMAP
// flag lists, message bytes as base64):
//
//   "flags"         groups: [{uids, add, remove}], previous: [[uid, flags]...]
//   "move"          uids, target, rows, reason ("move" | "delete"), step ("" | "copying" |
//                   "copied" | "expunging"), copyUid {validity, pairs}, otherDeleted
//   "copy"          uids, target, rows, copyUid
//   "expunge"       uids, keep, rows, step ("" | "fetched" | "expunging"), messages, otherDeleted
//   "create"        path, localId
//   "rename"        mailbox, from, to
//   "delete-folder" path, record
//   "subscribe"     mailbox, path, subscribed
//   "append"        path, message, flags, date, messageId, appendUid {validity, uid}
//   "move-account"  uids, account, targetPath, rows, step ("" | "fetched" | "expunging"),
//                   messages: [{uid, message, flags, date, messageId, state, targetUid}]
//   "return-from-account"  (undo of "move-account") path, account, targetPath, step ("" |
//                   "removing"), messages: [{message, flags, date, messageId, targetUid, state}]
//   "copy-folder-account"  account, targetPath, total, copied, folders: [{mailbox, path,
//                   target, selectable, estimate, state ("" | "creating" | "created" |
//                   "listed" | "done"), created, uids, copied, targetUids, unconfirmed,
//                   inFlight {uid, messageId}}]
//   "remove-from-account"  (undo of "copy-folder-account") account, folders: [{target, uids,
//                   created, state ("" | "removed" | "done")}], children first
//
// Every payload may carry "undo": false (it is itself an undo, so it pushes no undo record).
// An undo record's payload is {ops: [{op, ...}]}, the requests that invert the operation,
// or {impossible: "why"} when there are none.

using namespace Qt::StringLiterals;

namespace fumi::engine {

using store::JournalEntry;
using namespace payload;

namespace {

// The first item of an entry's array (messages, folders) not yet in `state`; items.size() when
// all are.
qsizetype firstNotIn(const QJsonArray &items, const QString &state)
{
    qsizetype index = 0;
    while (index < items.size() && items.at(index).toObject().value(u"state"_s).toString() == state)
        ++index;
    return index;
}

// Sets `fields` on item `index` of the payload's array `key` ("messages", "folders"), a null
// value removing its field; the item as it is now.
QJsonObject updateAt(QJsonObject &payload, const QString &key, qsizetype index, const QJsonObject &fields)
{
    QJsonArray items = payload.value(key).toArray();
    QJsonObject item = items.at(index).toObject();
    for (auto field = fields.begin(); field != fields.end(); ++field) {
        if (field.value().isNull())
            item.remove(field.key());
        else
            item.insert(field.key(), field.value());
    }
    items.replace(index, item);
    payload.insert(key, items);
    return item;
}

QJsonObject updateMessage(QJsonObject &payload, qsizetype index, const QJsonObject &fields)
{
    return updateAt(payload, u"messages"_s, index, fields);
}

QJsonObject updateFolder(QJsonObject &payload, qsizetype index, const QJsonObject &fields)
{
    return updateAt(payload, u"folders"_s, index, fields);
}

// Folder `index` of a folder copy's payload.
QJsonObject folderAt(const QJsonObject &payload, qsizetype index)
{
    return payload.value(u"folders"_s).toArray().at(index).toObject();
}

// The first folder of a payload's `folders` not yet "done"; -1 when all are.
qsizetype firstFolderNotDone(const QJsonObject &payload)
{
    const QJsonArray folders = payload.value(u"folders"_s).toArray();
    const qsizetype index = firstNotIn(folders, u"done"_s);
    return index < folders.size() ? index : -1;
}

using Status = imap::StatusResponse::Status;

QString serverText(const imap::CommandResult &result)
{
    QString text = QString::fromUtf8(result.status.text).trimmed();
    if (text.isEmpty())
        text = result.status.status == Status::Bad ? QStringLiteral("The server rejected the command.")
                                                   : QStringLiteral("The server refused the operation.");
    return text;
}

bool hasCode(const imap::CommandResult &result, QByteArrayView atom)
{
    return result.status.code.atom.compare(atom, Qt::CaseInsensitive) == 0;
}

UidSet searchResult(const imap::CommandResult &result)
{
    UidSet found;
    for (const imap::Response &response : result.data) {
        if (const auto *search = std::get_if<imap::SearchResponse>(&response))
            found |= search->numbers;
        else if (const auto *esearch = std::get_if<imap::ESearchResponse>(&response); esearch && esearch->all)
            found |= *esearch->all;
    }
    return found;
}

// COPYUID from the tagged OK (UID COPY) or from the untagged OK that UID MOVE sends first.
std::optional<CopyUid> copyUidOf(const imap::CommandResult &result)
{
    const imap::ResponseCode *code = nullptr;
    if (result.status.code.kind == imap::ResponseCode::Kind::CopyUid)
        code = &result.status.code;
    for (const imap::Response &response : result.data) {
        if (const auto *status = std::get_if<imap::StatusResponse>(&response);
            status && status->code.kind == imap::ResponseCode::Kind::CopyUid)
            code = &status->code;
    }
    if (!code)
        return std::nullopt;
    std::vector<Uid> sources;
    std::vector<Uid> destinations;
    for (const auto &range : code->sourceUids)
        for (quint64 uid = range.first; uid <= range.last; ++uid)
            sources.push_back(Uid(uid));
    for (const auto &range : code->destinationUids)
        for (quint64 uid = range.first; uid <= range.last; ++uid)
            destinations.push_back(Uid(uid));
    if (sources.size() != destinations.size())
        return std::nullopt;
    CopyUid copyUid;
    copyUid.validity = quint32(code->number);
    for (size_t i = 0; i < sources.size(); ++i)
        copyUid.pairs.emplace_back(sources[i], destinations[i]);
    return copyUid;
}

QString count(quint64 n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(n);
}

imap::Command uidStore(const UidSet &uids, QByteArrayView how, const Flags &flags)
{
    return std::move(imap::Command("UID STORE").sequenceSet(uids).raw(how).flags(flags));
}

Flags deletedFlag()
{
    Flags flags;
    flags.set(Flags::System::Deleted);
    return flags;
}

} // namespace

// One entry on its way through the server: the entry, its decoded payload, and whether a
// previous attempt may already have taken effect.
struct OperationJournal::Execution {
    JournalEntry entry;
    QJsonObject payload;
    bool replaying = false;
};

OperationJournal::OperationJournal(store::AccountStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
}

OperationJournal::~OperationJournal() = default;

void OperationJournal::setSession(Session *session)
{
    if (m_session == session)
        return;
    // Whatever was in flight on the old session is unknown now; replay finds out.
    ++m_epoch;
    m_running = 0;
    if (m_session && m_restoreReceiver)
        m_session->setMailboxReceiver(std::exchange(m_restoreReceiver, {}));
    m_restoreReceiver = {};
    m_session = session;
    scheduleSoon();
}

void OperationJournal::addAppendTarget(AppendTarget *target)
{
    if (AppendTarget *old = m_targets.value(target->accountKey()); old && old != target) {
        // The account was opened again, and its old target goes with this call. Answers to
        // what was asked of the old one must not reach code that holds it: as after a lost
        // connection, they are dropped and replay finds out what happened.
        ++m_epoch;
        m_running = 0;
    }
    m_targets.insert(target->accountKey(), target);
    // Entries parked for want of this account may go on now.
    m_parked.clear();
    scheduleSoon();
}

void OperationJournal::removeAppendTarget(AppendTarget *target)
{
    m_targets.remove(target->accountKey());
}

void OperationJournal::replay()
{
    m_parked.clear();
    scheduleSoon();
}

QStringList OperationJournal::undoAccounts() const
{
    const auto top = m_store.topUndo();
    if (!top)
        return {};
    QStringList accounts;
    for (const QJsonValue &value : decode(top->payload).value(u"ops"_s).toArray()) {
        const QString account = value.toObject().value(u"account"_s).toString();
        if (!account.isEmpty() && !accounts.contains(account))
            accounts.append(account);
    }
    return accounts;
}

void OperationJournal::dismissFailure(qint64 id)
{
    const auto entry = m_store.journalEntry(id);
    if (entry && entry->state == JournalEntry::State::Failed)
        logStoreError(m_store.removeJournalEntry(id));
}

QList<store::JournalEntry> OperationJournal::failures() const
{
    QList<JournalEntry> failed;
    for (const JournalEntry &entry : m_store.journalEntries())
        if (entry.state == JournalEntry::State::Failed)
            failed << entry;
    return failed;
}

void OperationJournal::logStoreError(const store::Result<> &result)
{
    if (!result)
        qCWarning(lcEngine).noquote() << "journal: the store failed:" << result.error().message;
}

// --- requests ------------------------------------------------------------------------------

OperationJournal::Request OperationJournal::refuse(Error error, const QString &message)
{
    return Request{0, error, message};
}

OperationJournal::Request OperationJournal::enqueue(const QByteArray &kind, qint64 mailboxId, QJsonObject data,
                                                    const std::function<store::Result<>(QJsonObject &)> &apply)
{
    JournalEntry entry;
    entry.kind = kind;
    entry.mailboxId = mailboxId;
    if (mailboxId) {
        if (const auto mailbox = m_store.mailbox(mailboxId))
            entry.uidValidity = mailbox->sync.uidValidity;
    }
    entry.created = QDateTime::currentDateTimeUtc();
    qint64 id = 0;
    // The entry and the local change commit together: after a crash either both are there
    // (and replay sends it) or neither is.
    const store::Result<> written = m_store.transaction([&]() -> store::Result<> {
        if (apply) {
            const store::Result<> applied = apply(data);
            if (!applied)
                return applied;
        }
        entry.payload = encode(data);
        const store::Result<qint64> added = m_store.addJournalEntry(entry);
        if (!added)
            return added.error();
        id = added.value();
        return {};
    });
    if (!written) {
        // Nothing of it was committed, so nothing is announced.
        m_queuedDeltas.clear();
        m_foldersChanged = false;
        return refuse(Error::Store, written.error().message);
    }
    checkpoint("entry-written");
    flushLocalSignals();
    scheduleSoon();
    return Request{id, Error::None, {}};
}

OperationJournal::Request OperationJournal::setFlags(qint64 mailboxId, const UidSet &uids, const Flags &add,
                                                     const Flags &remove, bool undoable)
{
    if (!m_store.mailbox(mailboxId))
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    if (uids.isEmpty())
        return refuse(Error::EmptyUidSet, tr("No messages were given."));
    const UidSet present = uids & m_store.uids(mailboxId);
    if (present.isEmpty())
        return refuse(Error::NoSuchMessages, tr("None of the messages is in the folder."));
    return requestFlags(mailboxId, {FlagGroup{present, add, remove}}, undoable);
}

OperationJournal::Request OperationJournal::requestFlags(qint64 mailboxId, const std::vector<FlagGroup> &groups,
                                                         bool undoable)
{
    QJsonObject data;
    data.insert(u"groups"_s, flagGroupsToJson(groups));
    if (!undoable)
        data.insert(u"undo"_s, false);
    return enqueue("flags", mailboxId, data, [this, mailboxId, groups](QJsonObject &data) -> store::Result<> {
        // What each message had before, to revert on failure and to invert for undo.
        std::map<Uid, Flags> previous;
        store::MailboxChanges changes;
        for (const FlagGroup &group : groups) {
            for (const store::FlagUpdate &update : m_store.flags(mailboxId, group.uids)) {
                const Flags before = previous.contains(update.uid) ? previous[update.uid] : update.flags;
                previous.emplace(update.uid, update.flags);
                Flags after = before.united(group.add).subtracted(group.remove);
                // Later groups see what earlier ones made.
                bool replaced = false;
                for (store::FlagUpdate &change : changes.flags) {
                    if (change.uid == update.uid) {
                        change.flags = change.flags.united(group.add).subtracted(group.remove);
                        replaced = true;
                    }
                }
                if (!replaced)
                    changes.flags.push_back({update.uid, after, 0});
            }
        }
        data.insert(u"previous"_s, flagMapToJson(previous));
        const store::Result<> applied = m_store.applyChanges(mailboxId, changes);
        if (applied)
            queueDelta(mailboxId, {}, {}, changes.flags);
        return applied;
    });
}

OperationJournal::Request OperationJournal::move(qint64 mailboxId, const UidSet &uids, qint64 targetMailboxId)
{
    return requestTransfer("move", mailboxId, uids, targetMailboxId, u"move"_s, true, true);
}

OperationJournal::Request OperationJournal::copy(qint64 mailboxId, const UidSet &uids, qint64 targetMailboxId)
{
    return requestTransfer("copy", mailboxId, uids, targetMailboxId, u"copy"_s, true, true);
}

OperationJournal::Request OperationJournal::requestTransfer(const QByteArray &kind, qint64 mailboxId,
                                                            const UidSet &uids, qint64 targetMailboxId,
                                                            const QString &reason, bool undoable, bool needLocalRows)
{
    if (!m_store.mailbox(mailboxId) || !m_store.mailbox(targetMailboxId))
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    if (uids.isEmpty())
        return refuse(Error::EmptyUidSet, tr("No messages were given."));
    if (mailboxId == targetMailboxId)
        return refuse(Error::InvalidPath, tr("The messages are already in that folder."));
    const std::vector<store::MessageRecord> rows = m_store.messages(mailboxId, uids);
    if (needLocalRows && rows.empty())
        return refuse(Error::NoSuchMessages, tr("None of the messages is in the folder."));
    UidSet present;
    for (const store::MessageRecord &row : rows)
        present.insert(row.uid);
    const UidSet sent = needLocalRows ? present : uids;
    QJsonObject data;
    data.insert(u"uids"_s, uidsToJson(sent));
    data.insert(u"target"_s, targetMailboxId);
    data.insert(u"rows"_s, rowsToJson(rows));
    data.insert(u"reason"_s, reason);
    if (!undoable)
        data.insert(u"undo"_s, false);
    const bool removesRows = kind == "move";
    return enqueue(kind, mailboxId, data, [this, mailboxId, present, removesRows](QJsonObject &) -> store::Result<> {
        if (!removesRows || present.isEmpty())
            return {};
        store::MailboxChanges changes;
        changes.removed = present;
        const store::Result<> applied = m_store.applyChanges(mailboxId, changes);
        if (applied)
            queueDelta(mailboxId, present, {}, {});
        return applied;
    });
}

OperationJournal::Request OperationJournal::remove(qint64 mailboxId, const UidSet &uids)
{
    const auto mailbox = m_store.mailbox(mailboxId);
    if (!mailbox)
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    if (mailbox->specialUse != store::SpecialUse::Trash) {
        for (const store::MailboxRecord &candidate : m_store.mailboxes()) {
            if (candidate.specialUse == store::SpecialUse::Trash && candidate.selectable)
                return requestTransfer("move", mailboxId, uids, candidate.id, u"delete"_s, true, true);
        }
    }
    return requestExpunge(mailboxId, uids, true, true);
}

OperationJournal::Request OperationJournal::requestExpunge(qint64 mailboxId, const UidSet &uids, bool keep,
                                                           bool undoable)
{
    if (!m_store.mailbox(mailboxId))
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    if (uids.isEmpty())
        return refuse(Error::EmptyUidSet, tr("No messages were given."));
    const std::vector<store::MessageRecord> rows = m_store.messages(mailboxId, uids);
    if (undoable && rows.empty())
        return refuse(Error::NoSuchMessages, tr("None of the messages is in the folder."));
    UidSet present;
    for (const store::MessageRecord &row : rows)
        present.insert(row.uid);
    QJsonObject data;
    data.insert(u"uids"_s, uidsToJson(undoable ? present : uids));
    data.insert(u"keep"_s, keep);
    data.insert(u"rows"_s, rowsToJson(rows));
    if (!undoable)
        data.insert(u"undo"_s, false);
    return enqueue("expunge", mailboxId, data, [this, mailboxId, present](QJsonObject &) -> store::Result<> {
        if (present.isEmpty())
            return {};
        store::MailboxChanges changes;
        changes.removed = present;
        const store::Result<> applied = m_store.applyChanges(mailboxId, changes);
        if (applied)
            queueDelta(mailboxId, present, {}, {});
        return applied;
    });
}

OperationJournal::Request OperationJournal::createMailbox(const QString &path)
{
    return requestCreate(path, true);
}

OperationJournal::Request OperationJournal::requestCreate(const QString &path, bool undoable)
{
    if (path.trimmed().isEmpty())
        return refuse(Error::InvalidPath, tr("A folder needs a name."));
    if (m_store.mailboxByPath(path))
        return refuse(Error::MailboxExists, tr("A folder named %1 exists already.").arg(path));
    QJsonObject data;
    data.insert(u"path"_s, path);
    if (!undoable)
        data.insert(u"undo"_s, false);
    return enqueue("create", 0, data, [this, path](QJsonObject &data) -> store::Result<> {
        store::MailboxRecord record;
        record.path = path;
        for (const store::MailboxRecord &other : m_store.mailboxes()) {
            if (other.separator) {
                record.separator = other.separator;
                break;
            }
        }
        const store::Result<qint64> added = m_store.addMailbox(record);
        if (!added)
            return added.error();
        data.insert(u"localId"_s, added.value());
        m_foldersChanged = true;
        return {};
    });
}

OperationJournal::Request OperationJournal::renameMailbox(qint64 mailboxId, const QString &newPath)
{
    return requestRename(mailboxId, newPath, true);
}

OperationJournal::Request OperationJournal::requestRename(qint64 mailboxId, const QString &newPath, bool undoable)
{
    const auto mailbox = m_store.mailbox(mailboxId);
    if (!mailbox)
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    if (newPath.trimmed().isEmpty())
        return refuse(Error::InvalidPath, tr("A folder needs a name."));
    if (m_store.mailboxByPath(newPath))
        return refuse(Error::MailboxExists, tr("A folder named %1 exists already.").arg(newPath));
    QJsonObject data;
    data.insert(u"mailbox"_s, mailboxId);
    data.insert(u"from"_s, mailbox->path);
    data.insert(u"to"_s, newPath);
    if (!undoable)
        data.insert(u"undo"_s, false);
    return enqueue("rename", 0, data, [this, mailboxId, newPath](QJsonObject &) -> store::Result<> {
        m_foldersChanged = true;
        return m_store.renameMailbox(mailboxId, newPath);
    });
}

OperationJournal::Request OperationJournal::deleteMailbox(qint64 mailboxId)
{
    return requestDeleteFolder(mailboxId, true);
}

OperationJournal::Request OperationJournal::requestDeleteFolder(qint64 mailboxId, bool undoable)
{
    const auto mailbox = m_store.mailbox(mailboxId);
    if (!mailbox)
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    QJsonObject data;
    data.insert(u"path"_s, mailbox->path);
    data.insert(u"record"_s, mailboxToJson(*mailbox));
    if (!undoable)
        data.insert(u"undo"_s, false);
    return enqueue("delete-folder", 0, data, [this, mailboxId](QJsonObject &) -> store::Result<> {
        m_foldersChanged = true;
        return m_store.removeMailbox(mailboxId);
    });
}

OperationJournal::Request OperationJournal::setSubscribed(qint64 mailboxId, bool subscribed)
{
    return requestSubscribe(mailboxId, subscribed, true);
}

OperationJournal::Request OperationJournal::requestSubscribe(qint64 mailboxId, bool subscribed, bool undoable)
{
    const auto mailbox = m_store.mailbox(mailboxId);
    if (!mailbox)
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    QJsonObject data;
    data.insert(u"mailbox"_s, mailboxId);
    data.insert(u"path"_s, mailbox->path);
    data.insert(u"subscribed"_s, subscribed);
    data.insert(u"before"_s, mailbox->subscribed);
    if (!undoable)
        data.insert(u"undo"_s, false);
    return enqueue("subscribe", 0, data, [this, mailboxId, subscribed](QJsonObject &) -> store::Result<> {
        auto record = m_store.mailbox(mailboxId);
        record->subscribed = subscribed;
        m_foldersChanged = true;
        return m_store.updateMailbox(*record);
    });
}

OperationJournal::Request OperationJournal::append(qint64 mailboxId, const QByteArray &message, const Flags &flags,
                                                   const QDateTime &internalDate)
{
    return requestAppend(mailboxId, message, flags, internalDate, true);
}

OperationJournal::Request OperationJournal::requestAppend(qint64 mailboxId, const QByteArray &message,
                                                          const Flags &flags, const QDateTime &internalDate,
                                                          bool undoable)
{
    const auto mailbox = m_store.mailbox(mailboxId);
    if (!mailbox)
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    if (message.isEmpty())
        return refuse(Error::InvalidPath, tr("The message is empty."));
    QJsonObject data;
    data.insert(u"path"_s, mailbox->path);
    data.insert(u"message"_s, bytesToJson(message));
    data.insert(u"flags"_s, flagsToJson(flags));
    data.insert(
        u"date"_s,
        (internalDate.isValid() ? internalDate : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODate));
    data.insert(u"messageId"_s, QString::fromLatin1(messageIdOf(message)));
    if (!undoable)
        data.insert(u"undo"_s, false);
    // The row appears when sync fetches the new message's headers: only the server knows
    // its UID.
    return enqueue("append", mailboxId, data, {});
}

OperationJournal::Request OperationJournal::moveToAccount(qint64 mailboxId, const UidSet &uids, AppendTarget &target,
                                                          const QString &targetPath)
{
    if (!m_store.mailbox(mailboxId))
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    if (uids.isEmpty())
        return refuse(Error::EmptyUidSet, tr("No messages were given."));
    if (targetPath.isEmpty())
        return refuse(Error::InvalidPath, tr("The target folder needs a name."));
    const std::vector<store::MessageRecord> rows = m_store.messages(mailboxId, uids);
    if (rows.empty())
        return refuse(Error::NoSuchMessages, tr("None of the messages is in the folder."));
    addAppendTarget(&target);
    UidSet present;
    for (const store::MessageRecord &row : rows)
        present.insert(row.uid);
    QJsonObject data;
    data.insert(u"uids"_s, uidsToJson(present));
    data.insert(u"account"_s, target.accountKey());
    data.insert(u"targetPath"_s, targetPath);
    data.insert(u"rows"_s, rowsToJson(rows));
    return enqueue("move-account", mailboxId, data, [this, mailboxId, present](QJsonObject &) -> store::Result<> {
        store::MailboxChanges changes;
        changes.removed = present;
        const store::Result<> applied = m_store.applyChanges(mailboxId, changes);
        if (applied)
            queueDelta(mailboxId, present, {}, {});
        return applied;
    });
}

OperationJournal::Request OperationJournal::copyFolderToAccount(qint64 mailboxId, AppendTarget &target,
                                                                const QString &targetPath, char targetSeparator)
{
    const auto mailbox = m_store.mailbox(mailboxId);
    if (!mailbox)
        return refuse(Error::UnknownMailbox, tr("The folder is not known."));
    if (targetPath.isEmpty())
        return refuse(Error::InvalidPath, tr("The target folder needs a name."));
    std::vector<store::MailboxRecord> sources{*mailbox};
    if (mailbox->separator) {
        const QString prefix = QString(mailbox->path + QChar::fromLatin1(mailbox->separator));
        for (const store::MailboxRecord &record : m_store.mailboxes())
            if (record.path.startsWith(prefix))
                sources.push_back(record);
    }
    // Parents before their children: each CREATE finds its parent there.
    std::sort(sources.begin() + 1, sources.end(), [](const auto &a, const auto &b) {
        return a.path < b.path;
    });
    if (sources.size() > 1 && !targetSeparator)
        return refuse(Error::InvalidPath, tr("The other server does not nest folders."));
    QJsonArray folders;
    qint64 total = 0;
    for (const store::MailboxRecord &source : sources) {
        QString name = targetPath;
        if (source.id != mailbox->id) {
            QString relative = source.path.mid(mailbox->path.size() + 1);
            relative.replace(QChar::fromLatin1(mailbox->separator), QChar::fromLatin1(targetSeparator));
            name = QString(targetPath + QChar::fromLatin1(targetSeparator) + relative);
        }
        QJsonObject folder;
        folder.insert(u"mailbox"_s, source.id);
        folder.insert(u"path"_s, source.path);
        folder.insert(u"target"_s, name);
        folder.insert(u"selectable"_s, source.selectable);
        folder.insert(u"estimate"_s, qint64(source.counts.messages));
        total += qint64(source.counts.messages);
        folders.append(folder);
    }
    addAppendTarget(&target);
    QJsonObject data;
    data.insert(u"account"_s, target.accountKey());
    data.insert(u"targetPath"_s, targetPath);
    data.insert(u"folders"_s, folders);
    data.insert(u"total"_s, total);
    data.insert(u"copied"_s, 0);
    // Nothing changes here, and the copies show in the other account when it syncs them.
    return enqueue("copy-folder-account", mailboxId, data, {});
}

QString OperationJournal::undoDescription() const
{
    const auto top = m_store.topUndo();
    return top ? top->description : QString();
}

OperationJournal::Request OperationJournal::undo()
{
    const auto top = m_store.topUndo();
    if (!top)
        return refuse(Error::NothingToUndo, tr("There is nothing to undo."));
    const QJsonObject data = decode(top->payload);
    if (data.contains(u"impossible"_s)) {
        // Dropped, so the steps below it can still be undone.
        logStoreError(m_store.removeUndo(top->id));
        return refuse(Error::UndoImpossible, data.value(u"impossible"_s).toString());
    }
    Request last;
    // The record goes together with the entries that invert it: undo happens once.
    const store::Result<> done = m_store.transaction([&]() -> store::Result<> {
        for (const QJsonValue &value : data.value(u"ops"_s).toArray()) {
            last = requestInverse(value.toObject());
            if (!last.ok())
                return store::Error{last.message};
        }
        return m_store.removeUndo(top->id);
    });
    if (!done) {
        if (last.ok())
            return refuse(Error::Store, done.error().message);
        return last;
    }
    return last;
}

OperationJournal::Request OperationJournal::requestInverse(const QJsonObject &op)
{
    const QString kind = op.value(u"op"_s).toString();
    const qint64 mailbox = op.value(u"mailbox"_s).toInteger();
    if (kind == u"flags")
        return requestFlags(mailbox, flagGroupsFromJson(op.value(u"groups"_s).toArray()), false);
    if (kind == u"move")
        return requestTransfer("move", mailbox, uidsFromJson(op.value(u"uids"_s)), op.value(u"target"_s).toInteger(),
                               u"undo"_s, false, false);
    if (kind == u"expunge")
        return requestExpunge(mailbox, uidsFromJson(op.value(u"uids"_s)), false, false);
    if (kind == u"append")
        return requestAppend(mailbox, bytesFromJson(op.value(u"message"_s)), flagsFromJson(op.value(u"flags"_s)),
                             QDateTime::fromString(op.value(u"date"_s).toString(), Qt::ISODate), false);
    if (kind == u"create")
        return requestCreate(op.value(u"path"_s).toString(), false);
    if (kind == u"delete-folder")
        return requestDeleteFolder(mailbox, false);
    if (kind == u"rename")
        return requestRename(mailbox, op.value(u"to"_s).toString(), false);
    if (kind == u"subscribe")
        return requestSubscribe(mailbox, op.value(u"subscribed"_s).toBool(), false);
    if (kind == u"return-from-account")
        return requestReturnFromAccount(op);
    if (kind == u"remove-from-account")
        return requestRemoveFromAccount(op);
    return refuse(Error::UndoImpossible, tr("This step cannot be undone."));
}

OperationJournal::Request OperationJournal::requestReturnFromAccount(const QJsonObject &op)
{
    const qint64 mailboxId = op.value(u"mailbox"_s).toInteger();
    const auto mailbox = m_store.mailbox(mailboxId);
    if (!mailbox)
        return refuse(Error::UnknownMailbox, tr("The folder the messages came from is gone."));
    QJsonObject data;
    data.insert(u"path"_s, mailbox->path);
    data.insert(u"account"_s, op.value(u"account"_s));
    data.insert(u"targetPath"_s, op.value(u"targetPath"_s));
    data.insert(u"messages"_s, op.value(u"messages"_s));
    data.insert(u"undo"_s, false);
    // The rows come back when sync sees the appended messages: only the server knows their UIDs.
    return enqueue("return-from-account", mailboxId, data, {});
}

OperationJournal::Request OperationJournal::requestRemoveFromAccount(const QJsonObject &op)
{
    QJsonObject data;
    data.insert(u"account"_s, op.value(u"account"_s));
    data.insert(u"folders"_s, op.value(u"folders"_s));
    data.insert(u"undo"_s, false);
    return enqueue("remove-from-account", 0, data, {});
}

// --- local signals -------------------------------------------------------------------------

void OperationJournal::queueDelta(qint64 mailboxId, const UidSet &removed, std::vector<store::MessageRecord> inserted,
                                  std::vector<store::FlagUpdate> flags)
{
    auto delta = std::make_shared<MailboxDelta>();
    delta->mailboxId = mailboxId;
    delta->removed = removed;
    std::sort(inserted.begin(), inserted.end(), [](const auto &a, const auto &b) {
        return a.uid < b.uid;
    });
    delta->inserted = std::move(inserted);
    delta->flags = std::move(flags);
    // Signals wait until the transaction that made the change has committed.
    m_queuedDeltas.push_back(std::move(delta));
}

void OperationJournal::flushLocalSignals()
{
    const auto deltas = std::exchange(m_queuedDeltas, {});
    for (const auto &delta : deltas)
        Q_EMIT mailboxDelta(delta);
    if (std::exchange(m_foldersChanged, false))
        Q_EMIT mailboxesChanged();
}

// --- execution -----------------------------------------------------------------------------

void OperationJournal::scheduleSoon()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    // Later, never from inside a request or a command's callback.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_scheduled = false;
            schedule();
        },
        Qt::QueuedConnection);
}

void OperationJournal::schedule()
{
    if (m_running || !m_session || !m_session->isUsable())
        return;
    const QList<JournalEntry> pending = m_store.pendingJournalEntries();
    const auto next = std::find_if(pending.begin(), pending.end(), [this](const JournalEntry &entry) {
        return !m_parked.contains(entry.id);
    });
    if (next == pending.end())
        return;
    auto run = std::make_shared<Execution>();
    run->entry = *next;
    run->payload = decode(run->entry.payload);
    run->replaying = run->entry.state == JournalEntry::State::Sent;
    m_running = run->entry.id;
    // Sent before the first byte goes out: from here on a restart must ask the server.
    run->entry.state = JournalEntry::State::Sent;
    ++run->entry.attempts;
    if (!save(run))
        return;
    const QByteArray &kind = run->entry.kind;
    if (kind == "flags")
        executeFlags(run);
    else if (kind == "move" || kind == "copy")
        executeTransfer(run);
    else if (kind == "expunge")
        executeExpunge(run);
    else if (kind == "create" || kind == "rename" || kind == "delete-folder" || kind == "subscribe")
        executeFolder(run);
    else if (kind == "append")
        executeAppend(run);
    else if (kind == "move-account")
        executeCrossAccount(run);
    else if (kind == "return-from-account")
        executeReturnFromAccount(run);
    else if (kind == "copy-folder-account")
        executeCopyFolder(run);
    else if (kind == "remove-from-account")
        executeRemoveFromAccount(run);
    else
        fail(run, tr("This Fumi does not know the operation \"%1\".").arg(QString::fromLatin1(kind)));
}

bool OperationJournal::save(const std::shared_ptr<Execution> &run)
{
    run->entry.payload = encode(run->payload);
    const store::Result<> saved = m_store.updateJournalEntry(run->entry);
    if (!saved) {
        // Going on without a durable record could repeat a step after a crash.
        qCWarning(lcEngine).noquote() << "journal: cannot record progress:" << saved.error().message;
        m_running = 0;
        return false;
    }
    checkpoint(QByteArray("saved:" + run->payload.value(u"step"_s).toString().toLatin1()));
    return true;
}

void OperationJournal::send(const std::shared_ptr<Execution> &run, const imap::Command &command,
                            std::function<void(const imap::CommandResult &)> onOk,
                            std::function<bool(const imap::CommandResult &)> onRefused)
{
    if (!m_session || !m_session->isUsable()) {
        suspend(run);
        return;
    }
    const quint64 epoch = m_epoch;
    QPointer<OperationJournal> self(this);
    m_session->run(command,
                   [this, self, epoch, run, name = command.name(), onOk = std::move(onOk),
                    onRefused = std::move(onRefused)](const imap::CommandResult &result) {
                       if (!self || epoch != m_epoch)
                           return;
                       checkpoint(QByteArray("answered:" + name));
                       if (result.status.status == Status::Bye) {
                           suspend(run);
                           return;
                       }
                       if (!result.ok()) {
                           if (!onRefused || !onRefused(result))
                               fail(run, serverText(result));
                           return;
                       }
                       onOk(result);
                   });
}

void OperationJournal::select(const std::shared_ptr<Execution> &run, qint64 mailboxId, Next then)
{
    const auto mailbox = m_store.mailbox(mailboxId);
    if (!mailbox) {
        fail(run, tr("The folder no longer exists."));
        return;
    }
    if (m_session && m_session->selectedMailbox() == mailboxId) {
        then();
        return;
    }
    const QString path = mailbox->path;
    // The UIDVALIDITY of the SELECT arrives with the mailbox data: watch it on the way to the
    // mailbox state's owner. UIDs written under another UIDVALIDITY name other messages now.
    auto uidValidity = std::make_shared<quint32>(0);
    const Session::MailboxReceiver previous = m_session ? m_session->mailboxReceiver() : Session::MailboxReceiver();
    if (m_session) {
        m_restoreReceiver = previous;
        m_session->setMailboxReceiver([uidValidity, previous](const imap::Response &response) {
            if (const auto *status = std::get_if<imap::StatusResponse>(&response);
                status && status->code.kind == imap::ResponseCode::Kind::UidValidity)
                *uidValidity = quint32(status->code.number);
            if (previous)
                previous(response);
        });
    }
    const auto restore = [this] {
        if (m_session)
            m_session->setMailboxReceiver(std::exchange(m_restoreReceiver, {}));
    };
    send(
        run, std::move(imap::Command("SELECT").mailbox(path)),
        [this, run, mailboxId, path, then, uidValidity, restore](const imap::CommandResult &) {
            restore();
            m_session->setSelected(mailboxId, path);
            const quint32 expected = run->entry.uidValidity;
            if (mailboxId == run->entry.mailboxId && expected && *uidValidity && *uidValidity != expected) {
                fail(run,
                     tr("The folder %1 was replaced on the server since the operation was made; "
                        "it was not carried out.")
                         .arg(path));
                return;
            }
            then();
        },
        [this, restore](const imap::CommandResult &) {
            restore();
            // A failed SELECT deselects on every server.
            m_session->setSelected(0, {});
            return false;
        });
}

void OperationJournal::suspend(const std::shared_ptr<Execution> &run)
{
    // Unknown outcome: the entry stays Sent and replay() finds out what happened.
    qCInfo(lcEngine) << "journal: connection lost during entry" << run->entry.id << "; it waits for a replay";
    if (m_running == run->entry.id)
        m_running = 0;
}

void OperationJournal::fail(const std::shared_ptr<Execution> &run, const QString &error)
{
    qCInfo(lcEngine).noquote() << "journal: entry" << run->entry.id << run->entry.kind << "failed:" << error;
    run->entry.state = JournalEntry::State::Failed;
    run->entry.error = error;
    run->entry.payload = encode(run->payload);
    const store::Result<> written = m_store.transaction([&]() -> store::Result<> {
        const store::Result<> reverted = revertLocally(*run);
        if (!reverted)
            return reverted;
        return m_store.updateJournalEntry(run->entry);
    });
    logStoreError(written);
    if (!written)
        m_queuedDeltas.clear();
    flushLocalSignals();
    m_running = 0;
    Q_EMIT operationFinished(run->entry.id, false, error);
    scheduleSoon();
}

void OperationJournal::succeed(const std::shared_ptr<Execution> &run)
{
    const store::Result<> written = m_store.transaction([&]() -> store::Result<> {
        const store::Result<> applied = finishLocally(*run);
        if (!applied)
            return applied;
        if (run->payload.value(u"undo"_s).toBool(true)) {
            const store::Result<> pushed = pushUndo(*run);
            if (!pushed)
                return pushed;
        }
        return m_store.removeJournalEntry(run->entry.id);
    });
    logStoreError(written);
    if (!written)
        m_queuedDeltas.clear();
    flushLocalSignals();
    m_running = 0;
    Q_EMIT operationFinished(run->entry.id, true, {});
    scheduleSoon();
}

// --- flags ---------------------------------------------------------------------------------

void OperationJournal::executeFlags(const std::shared_ptr<Execution> &run)
{
    select(run, run->entry.mailboxId, [this, run] {
        // One STORE per group and direction; each is naturally idempotent, so replay repeats them.
        auto commands = std::make_shared<std::vector<imap::Command>>();
        for (const FlagGroup &group : flagGroupsFromJson(run->payload.value(u"groups"_s).toArray())) {
            if (!group.add.isEmpty())
                commands->push_back(uidStore(group.uids, "+FLAGS.SILENT", group.add));
            if (!group.remove.isEmpty())
                commands->push_back(uidStore(group.uids, "-FLAGS.SILENT", group.remove));
        }
        runSequence(run, commands, 0, [this, run] {
            succeed(run);
        });
    });
}

void OperationJournal::runSequence(const std::shared_ptr<Execution> &run,
                                   const std::shared_ptr<std::vector<imap::Command>> &commands, size_t index, Next then)
{
    if (index >= commands->size()) {
        then();
        return;
    }
    send(run, (*commands)[index], [this, run, commands, index, then](const imap::CommandResult &) {
        runSequence(run, commands, index + 1, then);
    });
}

// --- move, copy, delete to Trash -----------------------------------------------------------

void OperationJournal::executeTransfer(const std::shared_ptr<Execution> &run)
{
    const qint64 target = run->payload.value(u"target"_s).toInteger();
    if (!m_store.mailbox(target)) {
        fail(run, tr("The target folder no longer exists."));
        return;
    }
    const QString step = run->payload.value(u"step"_s).toString();
    const bool isMove = run->entry.kind == "move";
    const bool hasMove = m_moveAllowed && m_session->connection().hasCapability("MOVE");
    if (isMove && (step == u"copied" || step == u"expunging")) {
        select(run, run->entry.mailboxId, [this, run] {
            markDeletedAndExpunge(run, uidsFromJson(run->payload.value(u"uids"_s)), [this, run] {
                succeed(run);
            });
        });
        return;
    }
    if (isMove && hasMove) {
        select(run, run->entry.mailboxId, [this, run, target] {
            const UidSet uids = uidsFromJson(run->payload.value(u"uids"_s));
            const auto moveRemaining = [this, run, target](const UidSet &remaining) {
                if (remaining.isEmpty()) {
                    succeed(run); // moved before the connection was lost
                    return;
                }
                const QString path = m_store.mailbox(target)->path;
                send(run, std::move(imap::Command("UID MOVE").sequenceSet(remaining).mailbox(path)),
                     [this, run](const imap::CommandResult &result) {
                         recordCopyUid(run, result);
                         succeed(run);
                     });
            };
            if (!run->replaying) {
                moveRemaining(uids);
                return;
            }
            // UID MOVE is atomic per message: what is still in the source was not moved.
            send(run, std::move(imap::Command("UID SEARCH").raw("UID").sequenceSet(uids)),
                 [moveRemaining](const imap::CommandResult &result) {
                     moveRemaining(searchResult(result));
                 });
        });
        return;
    }
    // UID COPY, then (for a move) \Deleted and UID EXPUNGE of exactly those.
    const auto copyThese = [this, run, target, isMove](const UidSet &uids) {
        select(run, run->entry.mailboxId, [this, run, target, uids, isMove] {
            const auto afterCopy = [this, run, isMove] {
                if (!isMove) {
                    succeed(run);
                    return;
                }
                run->payload.insert(u"step"_s, u"copied"_s);
                if (!save(run))
                    return;
                markDeletedAndExpunge(run, uidsFromJson(run->payload.value(u"uids"_s)), [this, run] {
                    succeed(run);
                });
            };
            if (uids.isEmpty()) {
                afterCopy();
                return;
            }
            run->payload.insert(u"step"_s, u"copying"_s);
            if (!save(run))
                return;
            const QString path = m_store.mailbox(target)->path;
            send(
                run, std::move(imap::Command("UID COPY").sequenceSet(uids).mailbox(path)),
                [this, run, afterCopy](const imap::CommandResult &result) {
                    recordCopyUid(run, result);
                    afterCopy();
                },
                [this, run, path](const imap::CommandResult &result) {
                    if (result.status.code.kind == imap::ResponseCode::Kind::TryCreate) {
                        fail(run,
                             tr("The folder %1 does not exist on the server; nothing was moved or copied.").arg(path));
                        return true;
                    }
                    return false;
                });
        });
    };
    if (!run->replaying) {
        copyThese(uidsFromJson(run->payload.value(u"uids"_s)));
        return;
    }
    // A COPY that may have happened: what the target already holds by Message-ID is not
    // copied again.
    findCopiesInTarget(run, target, [copyThese](const UidSet &missing) {
        copyThese(missing);
    });
}

void OperationJournal::findCopiesInTarget(const std::shared_ptr<Execution> &run, qint64 target,
                                          std::function<void(const UidSet &missing)> then)
{
    const UidSet uids = uidsFromJson(run->payload.value(u"uids"_s));
    auto rows = std::make_shared<std::vector<store::MessageRecord>>(rowsFromJson(run->payload.value(u"rows"_s)));
    select(run, target, [this, run, uids, rows, then] {
        auto missing = std::make_shared<UidSet>(uids);
        auto index = std::make_shared<size_t>(0);
        auto next = std::make_shared<Next>();
        *next = [this, run, rows, missing, index, next, then] {
            while (*index < rows->size() && (*rows)[*index].messageId.isEmpty())
                ++*index; // without a Message-ID it cannot be found: copied again
            if (*index >= rows->size()) {
                const Next done = [then, missing] {
                    then(*missing);
                };
                *next = {}; // breaks the cycle
                done();
                return;
            }
            const store::MessageRecord &row = (*rows)[(*index)++];
            send(run, std::move(imap::Command("UID SEARCH").raw("HEADER Message-ID").string(row.messageId)),
                 [missing, uid = row.uid, next](const imap::CommandResult &result) {
                     if (!searchResult(result).isEmpty())
                         missing->remove(uid);
                     (*next)();
                 });
        };
        (*next)();
    });
}

void OperationJournal::recordCopyUid(const std::shared_ptr<Execution> &run, const imap::CommandResult &result)
{
    const auto copyUid = copyUidOf(result);
    if (!copyUid)
        return;
    CopyUid merged = copyUidFromJson(run->payload.value(u"copyUid"_s).toObject());
    merged.validity = copyUid->validity;
    merged.pairs.insert(merged.pairs.end(), copyUid->pairs.begin(), copyUid->pairs.end());
    run->payload.insert(u"copyUid"_s, copyUidToJson(merged));
}

void OperationJournal::markDeletedAndExpunge(const std::shared_ptr<Execution> &run, const UidSet &uids, Next then)
{
    run->payload.insert(u"step"_s, u"expunging"_s);
    if (!save(run))
        return;
    send(run, uidStore(uids, "+FLAGS.SILENT", deletedFlag()), [this, run, uids, then](const imap::CommandResult &) {
        if (m_session->connection().hasCapability("UIDPLUS")) {
            send(run, std::move(imap::Command("UID EXPUNGE").sequenceSet(uids)), [then](const imap::CommandResult &) {
                then();
            });
            return;
        }
        expungeWithoutUidPlus(run, uids, then);
    });
}

// RFC 4549 §4.2.4: without UID EXPUNGE, take \Deleted off every other message that carries
// it, EXPUNGE, and put it back, so that only our messages go. The others are recorded first,
// so a crash in between still gives their mark back on replay.
void OperationJournal::expungeWithoutUidPlus(const std::shared_ptr<Execution> &run, const UidSet &uids, Next then)
{
    send(run, std::move(imap::Command("UID SEARCH").raw("DELETED")),
         [this, run, uids, then](const imap::CommandResult &result) {
             const UidSet others = (searchResult(result) - uids) | uidsFromJson(run->payload.value(u"otherDeleted"_s));
             run->payload.insert(u"otherDeleted"_s, uidsToJson(others));
             if (!save(run))
                 return;
             auto commands = std::make_shared<std::vector<imap::Command>>();
             if (!others.isEmpty())
                 commands->push_back(uidStore(others, "-FLAGS.SILENT", deletedFlag()));
             commands->push_back(imap::Command("EXPUNGE"));
             if (!others.isEmpty())
                 commands->push_back(uidStore(others, "+FLAGS.SILENT", deletedFlag()));
             runSequence(run, commands, 0, [this, run, then] {
                 run->payload.remove(u"otherDeleted"_s);
                 if (save(run))
                     then();
             });
         });
}

// --- delete without Trash ------------------------------------------------------------------

void OperationJournal::executeExpunge(const std::shared_ptr<Execution> &run)
{
    select(run, run->entry.mailboxId, [this, run] {
        const UidSet uids = uidsFromJson(run->payload.value(u"uids"_s));
        const QString step = run->payload.value(u"step"_s).toString();
        const auto expunge = [this, run, uids] {
            markDeletedAndExpunge(run, uids, [this, run] {
                succeed(run);
            });
        };
        if (!run->payload.value(u"keep"_s).toBool() || !step.isEmpty()) {
            expunge();
            return;
        }
        // Undo must be able to put them back: keep the whole messages before they go.
        fetchMessages(run, uids, [this, run, expunge](const QJsonArray &messages) {
            run->payload.insert(u"messages"_s, messages);
            run->payload.insert(u"step"_s, u"fetched"_s);
            if (save(run))
                expunge();
        });
    });
}

void OperationJournal::fetchMessages(const std::shared_ptr<Execution> &run, const UidSet &uids,
                                     std::function<void(const QJsonArray &)> then)
{
    auto fetched = std::make_shared<std::map<Uid, QJsonObject>>();
    Session::MailboxReceiver previous = m_session->mailboxReceiver();
    m_restoreReceiver = previous;
    m_session->setMailboxReceiver([fetched, uids, previous](const imap::Response &response) {
        const auto *fetch = std::get_if<imap::FetchResponse>(&response);
        if (!fetch || !fetch->uid || !uids.contains(*fetch->uid)) {
            if (previous)
                previous(response);
            return;
        }
        QJsonObject &message = (*fetched)[*fetch->uid];
        message.insert(u"uid"_s, qint64(*fetch->uid));
        if (fetch->flags)
            message.insert(u"flags"_s, flagsToJson(fetch->flags->subtracted(Flags(Flags::System::Recent))));
        if (fetch->internalDate)
            message.insert(u"date"_s, fetch->internalDate->toUTC().toString(Qt::ISODate));
        for (const imap::FetchedSection &section : fetch->sections) {
            if (section.section.isEmpty() && !section.isNil) {
                message.insert(u"message"_s, bytesToJson(section.data));
                message.insert(u"messageId"_s, QString::fromLatin1(messageIdOf(section.data)));
            }
        }
        // Forwarded too: the flags are news for whoever owns the mailbox state.
        if (previous)
            previous(response);
    });
    const auto restore = [this] {
        if (m_session)
            m_session->setMailboxReceiver(std::exchange(m_restoreReceiver, {}));
    };
    send(
        run, std::move(imap::Command("UID FETCH").sequenceSet(uids).raw("(UID FLAGS INTERNALDATE BODY.PEEK[])")),
        [fetched, then, restore](const imap::CommandResult &) {
            restore();
            QJsonArray messages;
            for (const auto &[uid, message] : *fetched)
                if (message.contains(u"message"_s))
                    messages.append(message);
            then(messages);
        },
        [restore](const imap::CommandResult &) {
            restore();
            return false;
        });
}

// --- folders -------------------------------------------------------------------------------

void OperationJournal::executeFolder(const std::shared_ptr<Execution> &run)
{
    const QByteArray &kind = run->entry.kind;
    const QJsonObject &data = run->payload;
    const auto done = [this, run](const imap::CommandResult &) {
        succeed(run);
    };
    if (kind == "create") {
        send(run, std::move(imap::Command("CREATE").mailbox(data.value(u"path"_s).toString())), done,
             [this, run](const imap::CommandResult &result) {
                 // It is there, whether from our earlier attempt or another client.
                 if (hasCode(result, "ALREADYEXISTS")) {
                     succeed(run);
                     return true;
                 }
                 return false;
             });
    } else if (kind == "rename") {
        const QString from = data.value(u"from"_s).toString();
        const QString to = data.value(u"to"_s).toString();
        const qint64 mailbox = data.value(u"mailbox"_s).toInteger();
        const auto renamed = [this, run, mailbox, to] {
            if (m_session && m_session->selectedMailbox() == mailbox)
                m_session->setSelected(mailbox, to);
            succeed(run);
        };
        send(
            run, std::move(imap::Command("RENAME").mailbox(from).mailbox(to)),
            [renamed](const imap::CommandResult &) {
                renamed();
            },
            [this, run, to, renamed](const imap::CommandResult &refused) {
                if (!run->replaying)
                    return false;
                // Perhaps renamed before the connection was lost: is the new name there?
                send(run, std::move(imap::Command("LIST").string("").mailbox(to)),
                     [this, run, renamed, refused](const imap::CommandResult &result) {
                         for (const imap::Response &response : result.data) {
                             if (std::holds_alternative<imap::ListResponse>(response)) {
                                 renamed();
                                 return;
                             }
                         }
                         fail(run, serverText(refused));
                     });
                return true;
            });
    } else if (kind == "delete-folder") {
        const QString path = data.value(u"path"_s).toString();
        if (m_session->selectedPath() == path)
            m_session->setSelected(0, {});
        send(run, std::move(imap::Command("DELETE").mailbox(path)), done,
             [this, run](const imap::CommandResult &result) {
                 if (run->replaying && hasCode(result, "NONEXISTENT")) {
                     succeed(run);
                     return true;
                 }
                 return false;
             });
    } else {
        const bool subscribed = data.value(u"subscribed"_s).toBool();
        send(run,
             std::move(
                 imap::Command(subscribed ? "SUBSCRIBE" : "UNSUBSCRIBE").mailbox(data.value(u"path"_s).toString())),
             done);
    }
}

// --- append --------------------------------------------------------------------------------

void OperationJournal::executeAppend(const std::shared_ptr<Execution> &run)
{
    const QByteArray messageId = run->payload.value(u"messageId"_s).toString().toLatin1();
    const auto appendNow = [this, run] {
        const QJsonObject &data = run->payload;
        send(run,
             std::move(imap::Command("APPEND")
                           .mailbox(data.value(u"path"_s).toString())
                           .flags(flagsFromJson(data.value(u"flags"_s)))
                           .string(imapDate(QDateTime::fromString(data.value(u"date"_s).toString(), Qt::ISODate)))
                           .literal(bytesFromJson(data.value(u"message"_s)))),
             [this, run](const imap::CommandResult &result) {
                 const imap::ResponseCode &code = result.status.code;
                 if (code.kind == imap::ResponseCode::Kind::AppendUid && !code.uids.isEmpty()) {
                     QJsonObject appendUid;
                     appendUid.insert(u"validity"_s, qint64(code.number));
                     appendUid.insert(u"uid"_s, qint64(code.uids.min()));
                     run->payload.insert(u"appendUid"_s, appendUid);
                 }
                 succeed(run);
             });
    };
    if (!run->replaying || messageId.isEmpty()) {
        appendNow();
        return;
    }
    // The APPEND may have arrived before the connection was lost: look for it first.
    select(run, run->entry.mailboxId, [this, run, messageId, appendNow] {
        send(run, std::move(imap::Command("UID SEARCH").raw("HEADER Message-ID").string(messageId)),
             [this, run, appendNow](const imap::CommandResult &result) {
                 const UidSet found = searchResult(result);
                 if (found.isEmpty()) {
                     appendNow();
                     return;
                 }
                 QJsonObject appendUid;
                 appendUid.insert(u"validity"_s, qint64(m_store.mailbox(run->entry.mailboxId)->sync.uidValidity));
                 appendUid.insert(u"uid"_s, qint64(found.max()));
                 run->payload.insert(u"appendUid"_s, appendUid);
                 succeed(run);
             });
    });
}

// --- the other account of a move or a folder copy ------------------------------------------

AppendTarget *OperationJournal::targetOf(const RunPtr &run) const
{
    return m_targets.value(run->payload.value(u"account"_s).toString());
}

void OperationJournal::waitForTarget(const RunPtr &run, bool begun, const QString &untouched)
{
    if (!begun) {
        // Nothing has reached the other account yet: better to say so now than to hold the
        // entry (and a move's messages, out of sight) for an account that may never be opened
        // again.
        fail(run, untouched);
        return;
    }
    // Half done: only that account can tell what happened. The entry waits for it, and the
    // entries behind it go on meanwhile.
    qCInfo(lcEngine).noquote() << "journal: entry" << run->entry.id << "waits for the account"
                               << run->payload.value(u"account"_s).toString();
    m_parked.insert(run->entry.id);
    if (m_running == run->entry.id)
        m_running = 0;
    scheduleSoon();
}

AppendTarget::AppendDone OperationJournal::targetAnswer(const RunPtr &run, Step lost,
                                                        std::function<void(const QString &error)> refused,
                                                        AppendTarget::AppendDone done)
{
    const quint64 epoch = m_epoch;
    QPointer<OperationJournal> self(this);
    return [this, self, epoch, run, lost, refused = std::move(refused),
            done = std::move(done)](const AppendTarget::AppendResult &result) {
        if (!self || epoch != m_epoch)
            return;
        if (result.unknown) {
            (this->*lost)(run);
            return;
        }
        if (!result.ok) {
            refused(result.error);
            return;
        }
        done(result);
    };
}

void OperationJournal::findInTarget(const RunPtr &run, AppendTarget &target, const QString &path,
                                    const QByteArray &messageId, Step lost, Next absent,
                                    std::function<void(Uid targetUid)> present)
{
    const quint64 epoch = m_epoch;
    QPointer<OperationJournal> self(this);
    target.findByMessageId(path, messageId,
                           [this, self, epoch, run, lost, absent = std::move(absent),
                            present = std::move(present)](bool ok, const UidSet &found) {
                               if (!self || epoch != m_epoch)
                                   return;
                               if (!ok)
                                   (this->*lost)(run);
                               else if (found.isEmpty())
                                   absent();
                               else
                                   present(found.max());
                           });
}

void OperationJournal::appendToTarget(const RunPtr &run, AppendTarget &target, const QString &path,
                                      const QJsonObject &message, Step lost,
                                      std::function<void(const QString &error)> failed, const QString &notShown,
                                      std::function<void(Uid targetUid)> confirmed)
{
    const QByteArray messageId = message.value(u"messageId"_s).toString().toLatin1();
    AppendTarget *where = &target;
    target.append(path, bytesFromJson(message.value(u"message"_s)), flagsFromJson(message.value(u"flags"_s)),
                  QDateTime::fromString(message.value(u"date"_s).toString(), Qt::ISODate),
                  targetAnswer(run, lost, failed,
                               [this, run, where, path, messageId, lost, failed, notShown,
                                confirmed](const AppendTarget::AppendResult &result) {
                                   if (result.uid || messageId.isEmpty()) {
                                       // APPENDUID, or a message without a Message-ID whose OK is
                                       // all the confirmation there can be.
                                       confirmed(result.uid);
                                       return;
                                   }
                                   findInTarget(
                                       run, *where, path, messageId, lost,
                                       [failed, notShown] {
                                           failed(notShown);
                                       },
                                       confirmed);
                               }));
}

// --- move to another account ---------------------------------------------------------------

void OperationJournal::executeCrossAccount(const std::shared_ptr<Execution> &run)
{
    const QString step = run->payload.value(u"step"_s).toString();
    // Removing the sources of confirmed copies needs only this account.
    if (step != u"expunging" && !targetOf(run)) {
        targetMissing(run, u"appending"_s, u"confirmed"_s);
        return;
    }
    select(run, run->entry.mailboxId, [this, run, step] {
        if (step == u"expunging") {
            removeCrossAccountSources(run, {});
            return;
        }
        if (!step.isEmpty()) {
            appendNextToTarget(run);
            return;
        }
        const UidSet uids = uidsFromJson(run->payload.value(u"uids"_s));
        fetchMessages(run, uids, [this, run](const QJsonArray &messages) {
            run->payload.insert(u"messages"_s, messages);
            run->payload.insert(u"step"_s, u"fetched"_s);
            if (save(run))
                appendNextToTarget(run);
        });
    });
}

void OperationJournal::appendNextToTarget(const std::shared_ptr<Execution> &run)
{
    AppendTarget *target = targetOf(run);
    if (!target) {
        targetMissing(run, u"appending"_s, u"confirmed"_s);
        return;
    }
    QJsonArray messages = run->payload.value(u"messages"_s).toArray();
    const qsizetype index = firstNotIn(messages, u"confirmed"_s);
    if (index >= messages.size()) {
        removeCrossAccountSources(run, {});
        return;
    }
    QJsonObject message = messages.at(index).toObject();
    const QString path = run->payload.value(u"targetPath"_s).toString();
    const QByteArray messageId = message.value(u"messageId"_s).toString().toLatin1();
    const auto confirm = [this, run, index](Uid targetUid) {
        updateMessage(run->payload, index, {{u"state"_s, u"confirmed"_s}, {u"targetUid"_s, qint64(targetUid)}});
        if (save(run))
            appendNextToTarget(run);
    };
    const auto appendNow = [this, run, index, target, path, confirm] {
        // Recorded before the APPEND goes out: after a crash the target is asked first.
        const QJsonObject message = updateMessage(run->payload, index, {{u"state"_s, u"appending"_s}});
        if (!save(run))
            return;
        appendToTarget(
            run, *target, path, message, &OperationJournal::suspend,
            [this, run](const QString &error) {
                crossAccountFailed(run, error);
            },
            tr("The other account accepted the message but does not show it; the original was kept."), confirm);
    };
    if (message.value(u"state"_s).toString() != u"appending" || messageId.isEmpty()) {
        appendNow();
        return;
    }
    // The APPEND may have arrived before the crash: never append twice.
    findInTarget(run, *target, path, messageId, &OperationJournal::suspend, appendNow, confirm);
}

void OperationJournal::targetMissing(const std::shared_ptr<Execution> &run, QStringView inDoubt, QStringView done)
{
    bool begun = !run->payload.value(u"step"_s).toString().isEmpty() && run->entry.kind != "move-account";
    for (const QJsonValue &value : run->payload.value(u"messages"_s).toArray()) {
        const QString state = value.toObject().value(u"state"_s).toString();
        begun = begun || state == inDoubt || state == done;
    }
    waitForTarget(run, begun,
                  tr("The account %1 is not open; the messages were left where they were.")
                      .arg(run->payload.value(u"account"_s).toString()));
}

void OperationJournal::crossAccountFailed(const std::shared_ptr<Execution> &run, const QString &error)
{
    // Messages already confirmed at the target leave the source all the same (they would be
    // duplicates otherwise); the others come back.
    run->payload.insert(u"failure"_s, error);
    removeCrossAccountSources(run, error);
}

void OperationJournal::removeCrossAccountSources(const std::shared_ptr<Execution> &run, const QString &error)
{
    UidSet confirmed;
    for (const QJsonValue &value : run->payload.value(u"messages"_s).toArray()) {
        const QJsonObject message = value.toObject();
        if (message.value(u"state"_s).toString() == u"confirmed")
            confirmed.insert(Uid(message.value(u"uid"_s).toInteger()));
    }
    const QString failure = error.isEmpty() ? run->payload.value(u"failure"_s).toString() : error;
    const auto finish = [this, run, failure] {
        if (failure.isEmpty())
            succeed(run);
        else
            fail(run, failure);
    };
    if (confirmed.isEmpty()) {
        finish();
        return;
    }
    run->payload.insert(u"removed"_s, uidsToJson(confirmed));
    select(run, run->entry.mailboxId, [this, run, confirmed, finish] {
        markDeletedAndExpunge(run, confirmed, finish);
    });
}

// --- undo of a move to another account ----------------------------------------------------

void OperationJournal::executeReturnFromAccount(const std::shared_ptr<Execution> &run)
{
    AppendTarget *target = targetOf(run);
    if (!target) {
        targetMissing(run, u"appending"_s, u"returned"_s);
        return;
    }
    QJsonArray messages = run->payload.value(u"messages"_s).toArray();
    const qsizetype index = firstNotIn(messages, u"returned"_s);
    if (index >= messages.size()) {
        // Every copy is back here: only now do the other account's copies go.
        run->payload.insert(u"step"_s, u"removing"_s);
        if (!save(run))
            return;
        UidSet there;
        for (const QJsonValue &value : messages)
            there.insert(Uid(value.toObject().value(u"targetUid"_s).toInteger()));
        target->remove(run->payload.value(u"targetPath"_s).toString(), there,
                       targetAnswer(
                           run, &OperationJournal::suspend,
                           [this, run](const QString &error) {
                               fail(run,
                                    tr("The messages are back, but their copies in the other account "
                                       "could not be removed: %1")
                                        .arg(error));
                           },
                           [this, run](const AppendTarget::AppendResult &) {
                               succeed(run);
                           }));
        return;
    }
    const QJsonObject message = messages.at(index).toObject();
    const QByteArray messageId = message.value(u"messageId"_s).toString().toLatin1();
    const auto returned = [this, run, index] {
        updateMessage(run->payload, index, {{u"state"_s, u"returned"_s}});
        if (save(run))
            executeReturnFromAccount(run);
    };
    const auto appendBack = [this, run, index, returned] {
        const QJsonObject message = updateMessage(run->payload, index, {{u"state"_s, u"appending"_s}});
        if (!save(run))
            return;
        send(run,
             std::move(imap::Command("APPEND")
                           .mailbox(run->payload.value(u"path"_s).toString())
                           .flags(flagsFromJson(message.value(u"flags"_s)))
                           .string(imapDate(QDateTime::fromString(message.value(u"date"_s).toString(), Qt::ISODate)))
                           .literal(bytesFromJson(message.value(u"message"_s)))),
             [returned](const imap::CommandResult &) {
                 returned();
             });
    };
    if (message.value(u"state"_s).toString() != u"appending" || messageId.isEmpty()) {
        appendBack();
        return;
    }
    // Perhaps appended before a crash: look before appending again.
    select(run, run->entry.mailboxId, [this, run, messageId, returned, appendBack] {
        send(run, std::move(imap::Command("UID SEARCH").raw("HEADER Message-ID").string(messageId)),
             [returned, appendBack](const imap::CommandResult &result) {
                 if (searchResult(result).isEmpty())
                     appendBack();
                 else
                     returned();
             });
    });
}

// --- copy of a folder to another account ---------------------------------------------------
//
// The entry keeps no message bodies: each message is fetched, appended and confirmed on its
// own, so a folder of any size needs the memory of one message. Before each APPEND the entry
// records the message's UID and Message-ID as `inFlight`; after a crash or a lost connection
// the target is searched for that Message-ID before anything is appended again, exactly as a
// move between accounts does, so a retry never leaves two copies. (A message without a
// Message-ID cannot be looked for; it is appended again, the one duplicate a crash can make.)
// Confirmed source UIDs go into `copied` and their target UIDs into `targetUids`, which is
// what the undo removes.

void OperationJournal::folderTargetMissing(const std::shared_ptr<Execution> &run)
{
    // A folder not yet touched has no state.
    bool begun = false;
    for (const QJsonValue &value : run->payload.value(u"folders"_s).toArray())
        begun = begun || !value.toObject().value(u"state"_s).toString().isEmpty();
    const QString account = run->payload.value(u"account"_s).toString();
    waitForTarget(run, begun,
                  run->entry.kind == "remove-from-account"
                      ? tr("The account %1 is not open; nothing was removed.").arg(account)
                      : tr("The account %1 is not open; nothing was copied.").arg(account));
}

void OperationJournal::suspendForTarget(const std::shared_ptr<Execution> &run)
{
    // The other account lost its connection, not this one: nothing here will call replay(),
    // so look again shortly (the other engine's calls wait for its reconnection).
    suspend(run);
    QTimer::singleShot(std::chrono::seconds(1), this, [this] {
        scheduleSoon();
    });
}

void OperationJournal::reportCopyProgress(const std::shared_ptr<Execution> &run)
{
    Q_EMIT operationProgress(run->entry.id, run->payload.value(u"copied"_s).toInteger(),
                             run->payload.value(u"total"_s).toInteger());
}

void OperationJournal::saveCopyProgress(const std::shared_ptr<Execution> &run)
{
    if (!save(run))
        return;
    reportCopyProgress(run);
    executeCopyFolder(run);
}

void OperationJournal::advanceFolder(const std::shared_ptr<Execution> &run, qsizetype index, const QJsonObject &fields,
                                     Step next)
{
    updateFolder(run->payload, index, fields);
    if (save(run))
        (this->*next)(run);
}

void OperationJournal::copyFolderFailed(const std::shared_ptr<Execution> &run, const QString &error)
{
    const qint64 copied = run->payload.value(u"copied"_s).toInteger();
    if (copied == 0) {
        fail(run, error);
        return;
    }
    fail(run,
         tr("Copying the folder stopped after %1 of %2 messages; the copies made so far stay in the "
            "other account: %3")
             .arg(copied)
             .arg(run->payload.value(u"total"_s).toInteger())
             .arg(error));
}

std::optional<OperationJournal::FolderStep> OperationJournal::nextFolder(const RunPtr &run, const Next &allDone)
{
    AppendTarget *target = targetOf(run);
    if (!target) {
        folderTargetMissing(run);
        return std::nullopt;
    }
    const qsizetype index = firstFolderNotDone(run->payload);
    if (index < 0) {
        allDone();
        return std::nullopt;
    }
    return FolderStep{target, index, folderAt(run->payload, index)};
}

void OperationJournal::executeCopyFolder(const std::shared_ptr<Execution> &run)
{
    const std::optional<FolderStep> next = nextFolder(run, [this, run] {
        reportCopyProgress(run);
        succeed(run);
    });
    if (!next)
        return;
    AppendTarget *target = next->target;
    const qsizetype index = next->index;
    const QJsonObject &folder = next->folder;
    const QString state = folder.value(u"state"_s).toString();
    const QString targetPath = folder.value(u"target"_s).toString();
    if (state.isEmpty() || state == u"creating") {
        // A CREATE whose answer was lost comes back ALREADYEXISTS: the folder is still ours,
        // since the drop is refused where the target already has a folder of that name.
        const bool retried = state == u"creating";
        updateFolder(run->payload, index, {{u"state"_s, u"creating"_s}});
        if (!save(run))
            return;
        target->createMailbox(targetPath,
                              targetAnswer(
                                  run, &OperationJournal::suspendForTarget,
                                  [this, run](const QString &error) {
                                      copyFolderFailed(run, error);
                                  },
                                  [this, run, index, retried](const AppendTarget::AppendResult &r) {
                                      advanceFolder(run, index,
                                                    {{u"state"_s, u"created"_s}, {u"created"_s, !r.existed || retried}},
                                                    &OperationJournal::executeCopyFolder);
                                  }));
        return;
    }
    const qint64 mailboxId = folder.value(u"mailbox"_s).toInteger();
    if (state == u"created") {
        if (!folder.value(u"selectable"_s).toBool(true)) {
            advanceFolder(run, index, {{u"state"_s, u"done"_s}}, &OperationJournal::executeCopyFolder);
            return;
        }
        select(run, mailboxId, [this, run, index] {
            send(run, std::move(imap::Command("UID SEARCH").raw("ALL")),
                 [this, run, index](const imap::CommandResult &result) {
                     const UidSet uids = searchResult(result);
                     const QJsonObject listed = updateFolder(
                         run->payload, index, {{u"state"_s, u"listed"_s}, {u"uids"_s, uidsToJson(uids)}});
                     // The estimate from the folder list gives way to what the server has.
                     const qint64 total = run->payload.value(u"total"_s).toInteger()
                         - listed.value(u"estimate"_s).toInteger() + qint64(uids.count());
                     run->payload.insert(u"total"_s, total);
                     saveCopyProgress(run);
                 });
        });
        return;
    }
    const UidSet remaining = uidsFromJson(folder.value(u"uids"_s)).subtracted(uidsFromJson(folder.value(u"copied"_s)));
    if (remaining.isEmpty()) {
        advanceFolder(run, index, {{u"state"_s, u"done"_s}}, &OperationJournal::executeCopyFolder);
        return;
    }
    const Uid uid = remaining.min();
    const QJsonObject inFlight = folder.value(u"inFlight"_s).toObject();
    const QByteArray messageId = inFlight.value(u"messageId"_s).toString().toLatin1();
    const auto copyNow = [this, run, index, uid] {
        copyMessageToAccount(run, index, uid);
    };
    if (Uid(inFlight.value(u"uid"_s).toInteger()) != uid || messageId.isEmpty()) {
        copyNow();
        return;
    }
    // The APPEND may have arrived before the connection was lost or the process ended.
    findInTarget(run, *target, targetPath, messageId, &OperationJournal::suspendForTarget, copyNow,
                 [this, run, index, uid](Uid targetUid) {
                     confirmFolderCopy(run, index, uid, targetUid, false);
                 });
}

void OperationJournal::copyMessageToAccount(const std::shared_ptr<Execution> &run, qsizetype index, Uid uid)
{
    AppendTarget *target = targetOf(run);
    if (!target) {
        folderTargetMissing(run);
        return;
    }
    const QJsonObject folder = folderAt(run->payload, index);
    const QString targetPath = folder.value(u"target"_s).toString();
    select(run, folder.value(u"mailbox"_s).toInteger(), [this, run, index, uid, target, targetPath] {
        fetchMessages(run, UidSet{uid}, [this, run, index, uid, target, targetPath](const QJsonArray &messages) {
            if (messages.isEmpty()) {
                // Gone from here since the folder was listed: nothing to copy.
                confirmFolderCopy(run, index, uid, 0, true);
                return;
            }
            const QJsonObject message = messages.first().toObject();
            const QByteArray messageId = message.value(u"messageId"_s).toString().toLatin1();
            QJsonObject inFlight;
            inFlight.insert(u"uid"_s, qint64(uid));
            inFlight.insert(u"messageId"_s, QString::fromLatin1(messageId));
            // Recorded before the APPEND goes out: after a crash the target is asked first.
            updateFolder(run->payload, index, {{u"inFlight"_s, inFlight}});
            if (!save(run))
                return;
            appendToTarget(
                run, *target, targetPath, message, &OperationJournal::suspendForTarget,
                [this, run](const QString &error) {
                    copyFolderFailed(run, error);
                },
                tr("The other account accepted a message but does not show it."),
                [this, run, index, uid](Uid targetUid) {
                    confirmFolderCopy(run, index, uid, targetUid, false);
                });
        });
    });
}

void OperationJournal::confirmFolderCopy(const std::shared_ptr<Execution> &run, qsizetype index, Uid uid, Uid targetUid,
                                         bool gone)
{
    const QJsonObject folder = folderAt(run->payload, index);
    UidSet copied = uidsFromJson(folder.value(u"copied"_s));
    copied.insert(uid);
    QJsonObject fields{{u"copied"_s, uidsToJson(copied)}, {u"inFlight"_s, QJsonValue()}};
    if (!gone) {
        if (targetUid) {
            UidSet there = uidsFromJson(folder.value(u"targetUids"_s));
            there.insert(targetUid);
            fields.insert(u"targetUids"_s, uidsToJson(there));
        } else {
            fields.insert(u"unconfirmed"_s, true);
        }
        run->payload.insert(u"copied"_s, run->payload.value(u"copied"_s).toInteger() + 1);
    } else {
        run->payload.insert(u"total"_s, run->payload.value(u"total"_s).toInteger() - 1);
    }
    updateFolder(run->payload, index, fields);
    saveCopyProgress(run);
}

void OperationJournal::executeRemoveFromAccount(const std::shared_ptr<Execution> &run)
{
    const std::optional<FolderStep> next = nextFolder(run, [this, run] {
        succeed(run);
    });
    if (!next)
        return;
    AppendTarget *target = next->target;
    const qsizetype index = next->index;
    const QJsonObject &folder = next->folder;
    const QString path = folder.value(u"target"_s).toString();
    const UidSet uids = uidsFromJson(folder.value(u"uids"_s));
    if (folder.value(u"state"_s).toString().isEmpty() && !uids.isEmpty()) {
        // UID STORE and UID EXPUNGE of exactly these: repeating them after a crash is harmless.
        target->remove(path, uids,
                       targetAnswer(
                           run, &OperationJournal::suspendForTarget,
                           [this, run](const QString &error) {
                               fail(run, tr("The copies in the other account could not be removed: %1").arg(error));
                           },
                           [this, run, index](const AppendTarget::AppendResult &) {
                               advanceFolder(run, index, {{u"state"_s, u"removed"_s}},
                                             &OperationJournal::executeRemoveFromAccount);
                           }));
        return;
    }
    if (!folder.value(u"created"_s).toBool()) {
        advanceFolder(run, index, {{u"state"_s, u"done"_s}}, &OperationJournal::executeRemoveFromAccount);
        return;
    }
    target->deleteMailbox(
        path,
        targetAnswer(
            run, &OperationJournal::suspendForTarget,
            [this, run, path](const QString &error) {
                fail(run, tr("The copies were removed, but the folder %1 was kept: %2").arg(path, error));
            },
            [this, run, index](const AppendTarget::AppendResult &) {
                advanceFolder(run, index, {{u"state"_s, u"done"_s}}, &OperationJournal::executeRemoveFromAccount);
            }));
}

// --- local state after success or failure -------------------------------------------------

store::Result<> OperationJournal::revertLocally(const Execution &run)
{
    const QByteArray &kind = run.entry.kind;
    const QJsonObject &data = run.payload;
    const qint64 mailboxId = run.entry.mailboxId;
    if (kind == "flags") {
        store::MailboxChanges changes;
        for (const auto &[uid, flags] : flagMapFromJson(data.value(u"previous"_s).toArray()))
            changes.flags.push_back({uid, flags, 0});
        if (changes.flags.empty())
            return {};
        const store::Result<> applied = m_store.applyChanges(mailboxId, changes);
        if (applied)
            queueDelta(mailboxId, {}, {}, changes.flags);
        return applied;
    }
    if (kind == "move" || kind == "expunge" || kind == "move-account") {
        std::vector<store::MessageRecord> rows = rowsFromJson(data.value(u"rows"_s));
        // Messages already gone to the other account stay gone.
        const UidSet removed = uidsFromJson(data.value(u"removed"_s));
        std::erase_if(rows, [&removed](const store::MessageRecord &row) {
            return removed.contains(row.uid);
        });
        if (rows.empty() || !m_store.mailbox(mailboxId))
            return {};
        store::MailboxChanges changes;
        changes.added = rows;
        const store::Result<> applied = m_store.applyChanges(mailboxId, changes);
        if (applied)
            queueDelta(mailboxId, {}, rows, {});
        return applied;
    }
    if (kind == "create") {
        m_foldersChanged = true;
        const qint64 localId = data.value(u"localId"_s).toInteger();
        return m_store.mailbox(localId) ? m_store.removeMailbox(localId) : store::Result<>();
    }
    if (kind == "rename") {
        m_foldersChanged = true;
        const qint64 id = data.value(u"mailbox"_s).toInteger();
        return m_store.mailbox(id) ? m_store.renameMailbox(id, data.value(u"from"_s).toString()) : store::Result<>();
    }
    if (kind == "delete-folder") {
        m_foldersChanged = true;
        store::MailboxRecord record = mailboxFromJson(data.value(u"record"_s).toObject());
        // It comes back empty, with a fresh id: sync fetches its messages again.
        record.id = 0;
        record.sync = {};
        record.counts = {};
        if (m_store.mailboxByPath(record.path))
            return {};
        const store::Result<qint64> added = m_store.addMailbox(record);
        if (!added)
            return added.error();
        return {};
    }
    if (kind == "subscribe") {
        auto record = m_store.mailbox(data.value(u"mailbox"_s).toInteger());
        if (!record)
            return {};
        m_foldersChanged = true;
        record->subscribed = data.value(u"before"_s).toBool();
        return m_store.updateMailbox(*record);
    }
    return {};
}

store::Result<> OperationJournal::finishLocally(const Execution &run)
{
    const QByteArray &kind = run.entry.kind;
    if (kind != "move" && kind != "copy")
        return {};
    // The moved or copied rows appear in the target at the UIDs COPYUID named, where the
    // target's rows are known under that UIDVALIDITY.
    const CopyUid copyUid = copyUidFromJson(run.payload.value(u"copyUid"_s).toObject());
    const qint64 targetId = run.payload.value(u"target"_s).toInteger();
    const auto target = m_store.mailbox(targetId);
    if (copyUid.pairs.empty() || !target || !target->sync.uidValidity || target->sync.uidValidity != copyUid.validity)
        return {};
    std::map<Uid, Uid> destinations(copyUid.pairs.begin(), copyUid.pairs.end());
    std::vector<store::MessageRecord> rows;
    for (store::MessageRecord row : rowsFromJson(run.payload.value(u"rows"_s))) {
        const auto it = destinations.find(row.uid);
        if (it == destinations.end())
            continue;
        row.uid = it->second;
        row.modSeq = 0;
        rows.push_back(row);
    }
    if (rows.empty())
        return {};
    store::MailboxChanges changes;
    changes.added = rows;
    const store::Result<> applied = m_store.applyChanges(targetId, changes);
    if (applied)
        queueDelta(targetId, {}, rows, {});
    return applied;
}

store::Result<> OperationJournal::pushUndo(const Execution &run)
{
    const QByteArray &kind = run.entry.kind;
    const QJsonObject &data = run.payload;
    const qint64 mailboxId = run.entry.mailboxId;
    QJsonArray ops;
    QString description;
    QString impossible;
    const auto folderName = [this](qint64 id) {
        const auto mailbox = m_store.mailbox(id);
        return mailbox ? mailbox->path : QString();
    };
    if (kind == "flags") {
        // Per message: take off what the operation added, put back what it took off.
        const std::map<Uid, Flags> previous = flagMapFromJson(data.value(u"previous"_s).toArray());
        const std::vector<FlagGroup> groups = flagGroupsFromJson(data.value(u"groups"_s).toArray());
        std::vector<FlagGroup> inverse;
        for (const auto &[uid, before] : previous) {
            Flags add;
            Flags remove;
            for (const FlagGroup &group : groups) {
                if (!group.uids.contains(uid))
                    continue;
                remove = remove.united(group.add.subtracted(before));
                add = add.united(group.remove.subtracted(group.remove.subtracted(before)));
            }
            if (add.isEmpty() && remove.isEmpty())
                continue;
            auto same = std::find_if(inverse.begin(), inverse.end(), [&](const FlagGroup &group) {
                return group.add == add && group.remove == remove;
            });
            if (same == inverse.end())
                inverse.push_back({UidSet{uid}, add, remove});
            else
                same->uids.insert(uid);
        }
        QJsonObject op;
        op.insert(u"op"_s, u"flags"_s);
        op.insert(u"mailbox"_s, mailboxId);
        op.insert(u"groups"_s, flagGroupsToJson(inverse));
        if (!inverse.empty())
            ops.append(op);
        description = tr("Changed flags of %1").arg(count(previous.size(), tr("1 message"), tr("%1 messages")));
    } else if (kind == "move" || kind == "copy") {
        const bool isDelete = data.value(u"reason"_s).toString() == u"delete";
        const qint64 target = data.value(u"target"_s).toInteger();
        const quint64 n = uidsFromJson(data.value(u"uids"_s)).count();
        const QString messages = count(n, tr("1 message"), tr("%1 messages"));
        description = kind == "copy" ? tr("Copied %1 to %2").arg(messages, folderName(target))
            : isDelete               ? tr("Deleted %1").arg(messages)
                                     : tr("Moved %1 to %2").arg(messages, folderName(target));
        const CopyUid copyUid = copyUidFromJson(data.value(u"copyUid"_s).toObject());
        if (copyUid.pairs.empty()) {
            impossible = tr("The server did not say where the messages went (no UIDPLUS), so this cannot be undone.");
        } else {
            UidSet destinations;
            for (const auto &pair : copyUid.pairs)
                destinations.insert(pair.second);
            QJsonObject op;
            op.insert(u"mailbox"_s, target);
            op.insert(u"uids"_s, uidsToJson(destinations));
            if (kind == "copy") {
                op.insert(u"op"_s, u"expunge"_s);
            } else {
                op.insert(u"op"_s, u"move"_s);
                op.insert(u"target"_s, mailboxId);
            }
            ops.append(op);
        }
    } else if (kind == "expunge") {
        const quint64 n = uidsFromJson(data.value(u"uids"_s)).count();
        description = tr("Deleted %1").arg(count(n, tr("1 message"), tr("%1 messages")));
        if (!data.value(u"keep"_s).toBool())
            impossible = tr("These messages were removed for good.");
        for (const QJsonValue &value : data.value(u"messages"_s).toArray()) {
            QJsonObject op = value.toObject();
            op.insert(u"op"_s, u"append"_s);
            op.insert(u"mailbox"_s, mailboxId);
            ops.append(op);
        }
    } else if (kind == "create") {
        description = tr("Created folder %1").arg(data.value(u"path"_s).toString());
        QJsonObject op;
        op.insert(u"op"_s, u"delete-folder"_s);
        op.insert(u"mailbox"_s, data.value(u"localId"_s));
        ops.append(op);
    } else if (kind == "rename") {
        description
            = tr("Renamed folder %1 to %2").arg(data.value(u"from"_s).toString(), data.value(u"to"_s).toString());
        QJsonObject op;
        op.insert(u"op"_s, u"rename"_s);
        op.insert(u"mailbox"_s, data.value(u"mailbox"_s));
        op.insert(u"to"_s, data.value(u"from"_s));
        ops.append(op);
    } else if (kind == "delete-folder") {
        description = tr("Deleted folder %1 (undo brings the folder back empty)").arg(data.value(u"path"_s).toString());
        QJsonObject op;
        op.insert(u"op"_s, u"create"_s);
        op.insert(u"path"_s, data.value(u"path"_s));
        ops.append(op);
    } else if (kind == "subscribe") {
        const bool subscribed = data.value(u"subscribed"_s).toBool();
        description
            = (subscribed ? tr("Subscribed to %1") : tr("Unsubscribed from %1")).arg(data.value(u"path"_s).toString());
        QJsonObject op;
        op.insert(u"op"_s, u"subscribe"_s);
        op.insert(u"mailbox"_s, data.value(u"mailbox"_s));
        op.insert(u"subscribed"_s, !subscribed);
        ops.append(op);
    } else if (kind == "append") {
        description = tr("Added a message to %1").arg(data.value(u"path"_s).toString());
        const QJsonObject appendUid = data.value(u"appendUid"_s).toObject();
        const auto mailbox = m_store.mailbox(mailboxId);
        if (appendUid.isEmpty() || !mailbox
            || (mailbox->sync.uidValidity && mailbox->sync.uidValidity != appendUid.value(u"validity"_s).toInteger())) {
            impossible = tr("The server did not say which message was added (no UIDPLUS), so this cannot be undone.");
        } else {
            QJsonObject op;
            op.insert(u"op"_s, u"expunge"_s);
            op.insert(u"mailbox"_s, mailboxId);
            op.insert(u"uids"_s, uidsToJson(UidSet{Uid(appendUid.value(u"uid"_s).toInteger())}));
            ops.append(op);
        }
    } else if (kind == "move-account") {
        const quint64 n = uidsFromJson(data.value(u"uids"_s)).count();
        description = tr("Moved %1 to %2 in another account")
                          .arg(count(n, tr("1 message"), tr("%1 messages")), data.value(u"targetPath"_s).toString());
        // Undo appends the kept copies back here, then removes exactly the target's copies.
        QJsonArray messages;
        for (const QJsonValue &value : data.value(u"messages"_s).toArray()) {
            QJsonObject message = value.toObject();
            if (message.value(u"targetUid"_s).toInteger() == 0) {
                impossible = tr("The other server did not say where the messages went, so this cannot be undone.");
                break;
            }
            message.remove(u"state"_s);
            message.remove(u"uid"_s);
            messages.append(message);
        }
        QJsonObject op;
        op.insert(u"op"_s, u"return-from-account"_s);
        op.insert(u"mailbox"_s, mailboxId);
        op.insert(u"account"_s, data.value(u"account"_s));
        op.insert(u"targetPath"_s, data.value(u"targetPath"_s));
        op.insert(u"messages"_s, messages);
        ops.append(op);
    } else if (kind == "copy-folder-account") {
        const qint64 copied = data.value(u"copied"_s).toInteger();
        description = tr("Copied folder %1 with %2 to another account")
                          .arg(data.value(u"targetPath"_s).toString(),
                               count(quint64(copied), tr("1 message"), tr("%1 messages")));
        // Undo removes exactly the copies, children first, and then the folders this made.
        QJsonArray folders;
        const QJsonArray copiedFolders = data.value(u"folders"_s).toArray();
        for (qsizetype index = copiedFolders.size() - 1; index >= 0; --index) {
            const QJsonObject folder = copiedFolders.at(index).toObject();
            if (folder.value(u"unconfirmed"_s).toBool()) {
                impossible = tr("The other server did not say where the copies went, so this cannot be undone.");
                break;
            }
            QJsonObject inverse;
            inverse.insert(u"target"_s, folder.value(u"target"_s));
            inverse.insert(u"uids"_s, folder.value(u"targetUids"_s).toString());
            inverse.insert(u"created"_s, folder.value(u"created"_s).toBool());
            folders.append(inverse);
        }
        QJsonObject op;
        op.insert(u"op"_s, u"remove-from-account"_s);
        op.insert(u"account"_s, data.value(u"account"_s));
        op.insert(u"folders"_s, folders);
        ops.append(op);
    }
    QJsonObject record;
    if (!impossible.isEmpty()) {
        record.insert(u"impossible"_s, impossible);
        description = tr("%1 (cannot be undone)").arg(description);
    } else {
        record.insert(u"ops"_s, ops);
    }
    store::UndoRecord undo;
    undo.description = description;
    undo.payload = encode(record);
    undo.created = QDateTime::currentDateTimeUtc();
    const store::Result<qint64> pushed = m_store.pushUndo(undo);
    if (!pushed)
        return pushed.error();
    return {};
}

// --- sync overlay --------------------------------------------------------------------------

void OperationJournal::overlayPending(qint64 mailboxId, store::MailboxChanges &changes) const
{
    for (const JournalEntry &entry : m_store.pendingJournalEntries()) {
        if (entry.mailboxId != mailboxId)
            continue;
        const QJsonObject data = decode(entry.payload);
        if (entry.kind == "move" || entry.kind == "expunge" || entry.kind == "move-account") {
            // Rows already confirmed gone stay gone; the rest stay hidden until the server agrees.
            const UidSet gone = uidsFromJson(data.value(u"uids"_s));
            std::erase_if(changes.added, [&gone](const store::MessageRecord &row) {
                return gone.contains(row.uid);
            });
            std::erase_if(changes.flags, [&gone](const store::FlagUpdate &update) {
                return gone.contains(update.uid);
            });
        } else if (entry.kind == "flags") {
            for (const FlagGroup &group : flagGroupsFromJson(data.value(u"groups"_s).toArray())) {
                for (store::MessageRecord &row : changes.added)
                    if (group.uids.contains(row.uid))
                        row.flags = row.flags.united(group.add).subtracted(group.remove);
                for (store::FlagUpdate &update : changes.flags)
                    if (group.uids.contains(update.uid))
                        update.flags = update.flags.united(group.add).subtracted(group.remove);
            }
        }
    }
}

} // namespace fumi::engine
