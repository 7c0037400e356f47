// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "store/AccountStore.h"

#include "store/Database.h"
#include "store/FlagColumns.h"
#include "store/KeywordTable.h"
#include "store/Logging.h"
#include "store/Schema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace fumi::store {

namespace {

// Large parts go to files: SQLite handles big blobs poorly (they fill the WAL and the page
// cache), and a file can be read without copying it through the database.
constexpr qsizetype partFileThreshold = 256 * 1024;

QVariant nullInteger()
{
    return QVariant(QMetaType::fromType<qint64>());
}

QVariant dateValue(const QDateTime &date)
{
    return date.isValid() ? QVariant(date.toMSecsSinceEpoch()) : nullInteger();
}

QDateTime readDate(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::UTC);
}

QVariant textValue(const QString &text)
{
    // Empty and missing read back the same; NULL keeps the row small.
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant bytesValue(const QByteArray &bytes)
{
    return bytes.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(bytes);
}

// The stored integer for each enum value is part of the file format, hence the explicit table.
qint64 specialUseValue(SpecialUse use)
{
    switch (use) {
    case SpecialUse::None:
        return 0;
    case SpecialUse::All:
        return 1;
    case SpecialUse::Archive:
        return 2;
    case SpecialUse::Drafts:
        return 3;
    case SpecialUse::Flagged:
        return 4;
    case SpecialUse::Junk:
        return 5;
    case SpecialUse::Sent:
        return 6;
    case SpecialUse::Trash:
        return 7;
    case SpecialUse::Important:
        return 8;
    }
    return 0;
}

SpecialUse readSpecialUse(qint64 value)
{
    for (SpecialUse use : {SpecialUse::All, SpecialUse::Archive, SpecialUse::Drafts, SpecialUse::Flagged,
                           SpecialUse::Junk, SpecialUse::Sent, SpecialUse::Trash, SpecialUse::Important}) {
        if (specialUseValue(use) == value) {
            return use;
        }
    }
    return SpecialUse::None;
}

qint64 journalStateValue(JournalEntry::State state)
{
    switch (state) {
    case JournalEntry::State::Pending:
        return 0;
    case JournalEntry::State::Sent:
        return 1;
    case JournalEntry::State::Done:
        return 2;
    case JournalEntry::State::Failed:
        return 3;
    }
    return 0;
}

JournalEntry::State readJournalState(qint64 value)
{
    switch (value) {
    case 1:
        return JournalEntry::State::Sent;
    case 2:
        return JournalEntry::State::Done;
    case 3:
        return JournalEntry::State::Failed;
    default:
        return JournalEntry::State::Pending;
    }
}

const QString mailboxColumns = u"id, path, separator, attributes, special_use, subscribed, selectable, uid_validity, "
                               u"uid_next, highest_modseq, message_count, unseen_count"_s;

MailboxRecord readMailbox(const QSqlQuery &query)
{
    MailboxRecord record;
    record.id = query.value(0).toLongLong();
    record.path = query.value(1).toString();
    record.separator = char(query.value(2).toInt());
    const QByteArray attributes = query.value(3).toByteArray();
    if (!attributes.isEmpty()) {
        record.attributes = attributes.split(' ');
    }
    record.specialUse = readSpecialUse(query.value(4).toLongLong());
    record.subscribed = query.value(5).toBool();
    record.selectable = query.value(6).toBool();
    record.sync.uidValidity = quint32(query.value(7).toLongLong());
    record.sync.uidNext = Uid(query.value(8).toLongLong());
    record.sync.highestModSeq = quint64(query.value(9).toLongLong());
    record.counts.messages = quint32(query.value(10).toLongLong());
    record.counts.unseen = quint32(query.value(11).toLongLong());
    return record;
}

const QString messageColumns = u"uid, flags, keywords, modseq, internal_date, size, date, subject, from_name, "
                               u"from_address, to_list, cc_list, message_id, in_reply_to, refs, has_attachment, "
                               u"preview"_s;
constexpr int messageColumnCount = 17; // as readMessage() reads them

const QString journalColumns = u"id, kind, state, mailbox_id, uid_validity, payload, created, attempts, error"_s;

JournalEntry readJournalEntry(const QSqlQuery &query)
{
    JournalEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.kind = query.value(1).toByteArray();
    entry.state = readJournalState(query.value(2).toLongLong());
    entry.mailboxId = query.value(3).toLongLong();
    entry.uidValidity = quint32(query.value(4).toLongLong());
    entry.payload = query.value(5).toByteArray();
    entry.created = readDate(query.value(6));
    entry.attempts = query.value(7).toInt();
    entry.error = query.value(8).toString();
    return entry;
}

UndoRecord readUndo(const QSqlQuery &query)
{
    UndoRecord record;
    record.id = query.value(0).toLongLong();
    record.description = query.value(1).toString();
    record.payload = query.value(2).toByteArray();
    record.created = readDate(query.value(3));
    return record;
}

} // namespace

// --- opening ----------------------------------------------------------------------------------

Result<std::unique_ptr<AccountStore>> AccountStore::open(const QString &directory, Options options)
{
    auto database = Database::open(directory);
    if (!database) {
        return database.error();
    }
    std::unique_ptr<AccountStore> store(new AccountStore(std::move(database).value(), options));
    if (auto loaded = store->loadPartState(); !loaded) {
        return loaded.error();
    }
    return store;
}

AccountStore::AccountStore(std::unique_ptr<Database> database, Options options)
    : m_database(std::move(database))
    , m_options(options)
    , m_keywords(std::make_unique<KeywordTable>(*m_database))
{
}

AccountStore::~AccountStore() = default;

QString AccountStore::directory() const
{
    return m_database->directory();
}

int AccountStore::schemaVersion()
{
    return Schema::version();
}

Result<> AccountStore::transaction(const std::function<Result<>()> &work)
{
    return m_database->transaction(work);
}

// --- mailboxes --------------------------------------------------------------------------------

QList<MailboxRecord> AccountStore::mailboxes() const
{
    QList<MailboxRecord> result;
    QSqlQuery &query = m_database->prepared(u"SELECT "_s + mailboxColumns + u" FROM mailboxes ORDER BY path"_s);
    if (auto done = m_database->exec(query, u"listing mailboxes"); !done) {
        qCWarning(lcStore) << done.error().message;
        return result;
    }
    while (query.next()) {
        result.append(readMailbox(query));
    }
    return result;
}

std::optional<MailboxRecord> AccountStore::mailbox(qint64 id) const
{
    QSqlQuery &query = m_database->prepared(u"SELECT "_s + mailboxColumns + u" FROM mailboxes WHERE id = ?"_s);
    query.bindValue(0, id);
    if (auto done = m_database->exec(query, u"reading a mailbox"); !done) {
        qCWarning(lcStore) << done.error().message;
        return std::nullopt;
    }
    std::optional<MailboxRecord> result;
    if (query.next()) {
        result = readMailbox(query);
    }
    query.finish();
    return result;
}

std::optional<MailboxRecord> AccountStore::mailboxByPath(const QString &path) const
{
    QSqlQuery &query = m_database->prepared(u"SELECT "_s + mailboxColumns + u" FROM mailboxes WHERE path = ?"_s);
    query.bindValue(0, path);
    if (auto done = m_database->exec(query, u"reading a mailbox"); !done) {
        qCWarning(lcStore) << done.error().message;
        return std::nullopt;
    }
    std::optional<MailboxRecord> result;
    if (query.next()) {
        result = readMailbox(query);
    }
    query.finish();
    return result;
}

Result<qint64> AccountStore::addMailbox(const MailboxRecord &record)
{
    if (record.id != 0) {
        return m_database->error(u"adding mailbox %1"_s.arg(record.path), u"it already has id %1"_s.arg(record.id));
    }
    QSqlQuery &query = m_database->prepared(
        u"INSERT INTO mailboxes (path, separator, attributes, special_use, subscribed, selectable, uid_validity, "
        u"uid_next, highest_modseq, message_count, unseen_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    query.bindValue(0, record.path);
    query.bindValue(1, qint64(quint8(record.separator)));
    query.bindValue(2, record.attributes.join(' '));
    query.bindValue(3, specialUseValue(record.specialUse));
    query.bindValue(4, record.subscribed);
    query.bindValue(5, record.selectable);
    query.bindValue(6, qint64(record.sync.uidValidity));
    query.bindValue(7, qint64(record.sync.uidNext));
    query.bindValue(8, qint64(record.sync.highestModSeq));
    query.bindValue(9, qint64(record.counts.messages));
    query.bindValue(10, qint64(record.counts.unseen));
    if (auto done = m_database->exec(query, u"adding mailbox %1"_s.arg(record.path)); !done) {
        return done.error();
    }
    return query.lastInsertId().toLongLong();
}

Result<> AccountStore::updateMailbox(const MailboxRecord &record)
{
    QSqlQuery &query = m_database->prepared(
        u"UPDATE mailboxes SET path = ?, separator = ?, attributes = ?, special_use = ?, subscribed = ?, "
        u"selectable = ?, message_count = ?, unseen_count = ? WHERE id = ?"_s);
    query.bindValue(0, record.path);
    query.bindValue(1, qint64(quint8(record.separator)));
    query.bindValue(2, record.attributes.join(' '));
    query.bindValue(3, specialUseValue(record.specialUse));
    query.bindValue(4, record.subscribed);
    query.bindValue(5, record.selectable);
    query.bindValue(6, qint64(record.counts.messages));
    query.bindValue(7, qint64(record.counts.unseen));
    query.bindValue(8, record.id);
    if (auto done = m_database->exec(query, u"updating mailbox %1"_s.arg(record.path)); !done) {
        return done;
    }
    if (query.numRowsAffected() == 0) {
        return m_database->error(u"updating mailbox %1"_s.arg(record.path), u"no mailbox has id %1"_s.arg(record.id));
    }
    return {};
}

Result<> AccountStore::renameMailbox(qint64 id, const QString &newPath)
{
    return transaction([&]() -> Result<> {
        const auto existing = mailbox(id);
        if (!existing) {
            return m_database->error(u"renaming a mailbox"_s, u"no mailbox has id %1"_s.arg(id));
        }
        const QString oldPath = existing->path;
        // Children first found, then moved: "Work/2026" follows "Work", "Workshop" does not.
        QList<std::pair<qint64, QString>> moves{{id, newPath}};
        if (existing->separator != 0) {
            const QString oldPrefix = oldPath + QChar::fromLatin1(existing->separator);
            const QString newPrefix = newPath + QChar::fromLatin1(existing->separator);
            for (const MailboxRecord &other : mailboxes()) {
                if (other.id != id && other.path.startsWith(oldPrefix)) {
                    moves.append({other.id, newPrefix + other.path.mid(oldPrefix.size())});
                }
            }
        }
        QSqlQuery &query = m_database->prepared(u"UPDATE mailboxes SET path = ? WHERE id = ?"_s);
        for (const auto &[mailboxId, path] : moves) {
            query.bindValue(0, path);
            query.bindValue(1, mailboxId);
            if (auto done = m_database->exec(query, u"renaming %1 to %2"_s.arg(oldPath, newPath)); !done) {
                return done;
            }
        }
        return {};
    });
}

Result<> AccountStore::removeMailbox(qint64 id)
{
    touchMessages(id);
    return transaction([&]() -> Result<> {
        if (auto removed = removeMessages(id, UidSet::fromRange(1, maxUid)); !removed) {
            return removed;
        }
        QSqlQuery &journal = m_database->prepared(u"DELETE FROM journal WHERE mailbox_id = ?"_s);
        journal.bindValue(0, id);
        if (auto done = m_database->exec(journal, u"removing a mailbox's journal entries"); !done) {
            return done;
        }
        QSqlQuery &query = m_database->prepared(u"DELETE FROM mailboxes WHERE id = ?"_s);
        query.bindValue(0, id);
        if (auto done = m_database->exec(query, u"removing a mailbox"); !done) {
            return done;
        }
        if (query.numRowsAffected() == 0) {
            return m_database->error(u"removing a mailbox"_s, u"no mailbox has id %1"_s.arg(id));
        }
        return {};
    });
}

// --- messages ---------------------------------------------------------------------------------

Result<> AccountStore::applyChanges(qint64 mailboxId, const MailboxChanges &changes)
{
    touchMessages(mailboxId);
    return transaction([&]() -> Result<> {
        if (!mailbox(mailboxId)) {
            return m_database->error(u"applying changes"_s, u"no mailbox has id %1"_s.arg(mailboxId));
        }
        if (!changes.removed.isEmpty()) {
            if (auto removed = removeMessages(mailboxId, changes.removed); !removed) {
                return removed;
            }
        }

        if (!changes.added.empty()) {
            // One statement, prepared once, bound for every row: the bulk path of a first sync.
            QSqlQuery &insert = m_database->prepared(
                u"INSERT INTO messages (mailbox_id, "_s + messageColumns
                + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  u"ON CONFLICT (mailbox_id, uid) DO UPDATE SET flags = excluded.flags, "
                  u"keywords = excluded.keywords, modseq = excluded.modseq, internal_date = excluded.internal_date, "
                  u"size = excluded.size, date = excluded.date, subject = excluded.subject, "
                  u"from_name = excluded.from_name, from_address = excluded.from_address, "
                  u"to_list = excluded.to_list, cc_list = excluded.cc_list, message_id = excluded.message_id, "
                  u"in_reply_to = excluded.in_reply_to, refs = excluded.refs, "
                  u"has_attachment = excluded.has_attachment, preview = excluded.preview"_s);
            for (const MessageRecord &message : changes.added) {
                auto keywords = m_keywords->encode(message.flags);
                if (!keywords) {
                    return keywords.error();
                }
                insert.bindValue(0, mailboxId);
                insert.bindValue(1, qint64(message.uid));
                insert.bindValue(2, FlagColumns::toBits(message.flags.system()));
                insert.bindValue(3, textValue(keywords.value()));
                insert.bindValue(4, qint64(message.modSeq));
                insert.bindValue(5, dateValue(message.internalDate));
                insert.bindValue(6, qint64(message.size));
                insert.bindValue(7, dateValue(message.date));
                insert.bindValue(8, textValue(message.subject));
                insert.bindValue(9, textValue(message.fromName));
                insert.bindValue(10, textValue(message.fromAddress));
                insert.bindValue(11, textValue(message.to));
                insert.bindValue(12, textValue(message.cc));
                insert.bindValue(13, bytesValue(message.messageId));
                insert.bindValue(14, bytesValue(message.inReplyTo));
                insert.bindValue(15, bytesValue(message.references));
                insert.bindValue(16, message.hasAttachment);
                insert.bindValue(17, textValue(message.preview));
                // The row's UID goes into the message only on failure: formatting it for every
                // row would cost more than SQLite's own work on it.
                if (auto done = m_database->exec(insert, u"storing a message"); !done) {
                    return Error{done.error().message + u" (UID %1)"_s.arg(message.uid)};
                }
            }
        }

        if (!changes.flags.empty()) {
            // A mod-sequence of 0 is "unknown" and keeps the stored one; they only grow.
            QSqlQuery &update = m_database->prepared(u"UPDATE messages SET flags = ?, keywords = ?, "
                                                     u"modseq = MAX(modseq, ?) WHERE mailbox_id = ? AND uid = ?"_s);
            for (const FlagUpdate &flagUpdate : changes.flags) {
                auto keywords = m_keywords->encode(flagUpdate.flags);
                if (!keywords) {
                    return keywords.error();
                }
                update.bindValue(0, FlagColumns::toBits(flagUpdate.flags.system()));
                update.bindValue(1, textValue(keywords.value()));
                update.bindValue(2, qint64(flagUpdate.modSeq));
                update.bindValue(3, mailboxId);
                update.bindValue(4, qint64(flagUpdate.uid));
                if (auto done = m_database->exec(update, u"updating flags"); !done) {
                    return Error{done.error().message + u" (UID %1)"_s.arg(flagUpdate.uid)};
                }
            }
        }

        if (changes.sync) {
            QSqlQuery &sync = m_database->prepared(
                u"UPDATE mailboxes SET uid_validity = ?, uid_next = ?, highest_modseq = ? WHERE id = ?"_s);
            sync.bindValue(0, qint64(changes.sync->uidValidity));
            sync.bindValue(1, qint64(changes.sync->uidNext));
            sync.bindValue(2, qint64(changes.sync->highestModSeq));
            sync.bindValue(3, mailboxId);
            if (auto done = m_database->exec(sync, u"storing the sync state"); !done) {
                return done;
            }
        }

        MailboxCounts counts;
        if (changes.counts) {
            counts = *changes.counts;
        } else {
            auto counted = countMessages(mailboxId);
            if (!counted) {
                return counted.error();
            }
            counts = counted.value();
        }
        QSqlQuery &store
            = m_database->prepared(u"UPDATE mailboxes SET message_count = ?, unseen_count = ? WHERE id = ?"_s);
        store.bindValue(0, qint64(counts.messages));
        store.bindValue(1, qint64(counts.unseen));
        store.bindValue(2, mailboxId);
        return m_database->exec(store, u"storing the counts");
    });
}

Result<MailboxCounts> AccountStore::countMessages(qint64 mailboxId)
{
    MailboxCounts counts;
    QSqlQuery &all = m_database->prepared(u"SELECT COUNT(*) FROM messages WHERE mailbox_id = ?"_s);
    all.bindValue(0, mailboxId);
    if (auto done = m_database->exec(all, u"counting messages"); !done) {
        return done.error();
    }
    if (all.next()) {
        counts.messages = quint32(all.value(0).toLongLong());
    }
    all.finish();
    // The same expression as the partial index messages_unseen, so SQLite uses it.
    QSqlQuery &unseen
        = m_database->prepared(u"SELECT COUNT(*) FROM messages WHERE mailbox_id = ? AND (flags & 1) = 0"_s);
    unseen.bindValue(0, mailboxId);
    if (auto done = m_database->exec(unseen, u"counting unseen messages"); !done) {
        return done.error();
    }
    if (unseen.next()) {
        counts.unseen = quint32(unseen.value(0).toLongLong());
    }
    unseen.finish();
    return counts;
}

Result<> AccountStore::removeMessages(qint64 mailboxId, const UidSet &uids)
{
    touchMessages(mailboxId);
    QSqlQuery &parts = m_database->prepared(
        u"SELECT id, size, data IS NULL FROM parts WHERE mailbox_id = ? AND uid BETWEEN ? AND ?"_s);
    QSqlQuery &structures
        = m_database->prepared(u"DELETE FROM body_structures WHERE mailbox_id = ? AND uid BETWEEN ? AND ?"_s);
    QSqlQuery &messages = m_database->prepared(u"DELETE FROM messages WHERE mailbox_id = ? AND uid BETWEEN ? AND ?"_s);
    QList<PartRow> partRows;
    for (const UidSet::Range &range : uids.ranges()) {
        parts.bindValue(0, mailboxId);
        parts.bindValue(1, qint64(range.first));
        parts.bindValue(2, qint64(range.last));
        if (auto done = m_database->exec(parts, u"finding the body parts of removed messages"); !done) {
            return done;
        }
        while (parts.next()) {
            partRows.append({parts.value(0).toLongLong(), parts.value(1).toLongLong(), parts.value(2).toBool()});
        }
    }
    // Parts first (they keep the byte count and the files right), then what the foreign keys
    // would cascade anyway, explicitly.
    if (auto removed = deleteParts(partRows); !removed) {
        return removed;
    }
    for (const UidSet::Range &range : uids.ranges()) {
        for (QSqlQuery *query : {&structures, &messages}) {
            query->bindValue(0, mailboxId);
            query->bindValue(1, qint64(range.first));
            query->bindValue(2, qint64(range.last));
            if (auto done = m_database->exec(*query, u"removing messages"); !done) {
                return done;
            }
        }
    }
    return {};
}

void AccountStore::removePartFilesAfterCommit(const QList<qint64> &ids)
{
    if (ids.isEmpty()) {
        return;
    }
    // Only once the rows are gone for good: a rollback must find the files still there.
    m_database->afterCommit([directory = m_database->partsDirectory(), ids] {
        for (const qint64 id : ids) {
            QFile::remove(directory + u'/' + QString::number(id));
        }
    });
}

Result<> AccountStore::resetMailbox(qint64 mailboxId, quint32 uidValidity)
{
    touchMessages(mailboxId);
    return transaction([&]() -> Result<> {
        if (!mailbox(mailboxId)) {
            return m_database->error(u"resetting a mailbox"_s, u"no mailbox has id %1"_s.arg(mailboxId));
        }
        if (auto removed = removeMessages(mailboxId, UidSet::fromRange(1, maxUid)); !removed) {
            return removed;
        }
        // Entries that name no UIDVALIDITY (a folder operation) still make sense.
        QSqlQuery &journal = m_database->prepared(u"DELETE FROM journal WHERE mailbox_id = ? AND uid_validity <> 0"_s);
        journal.bindValue(0, mailboxId);
        if (auto done = m_database->exec(journal, u"dropping a mailbox's UID-based journal entries"); !done) {
            return done;
        }
        QSqlQuery &reset = m_database->prepared(
            u"UPDATE mailboxes SET uid_validity = ?, uid_next = 0, highest_modseq = 0, message_count = 0, "
            u"unseen_count = 0 WHERE id = ?"_s);
        reset.bindValue(0, qint64(uidValidity));
        reset.bindValue(1, mailboxId);
        return m_database->exec(reset, u"resetting a mailbox's sync state");
    });
}

UidSet AccountStore::uids(qint64 mailboxId) const
{
    UidSet result;
    QSqlQuery &query = m_database->prepared(u"SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid"_s);
    query.bindValue(0, mailboxId);
    if (auto done = m_database->exec(query, u"listing UIDs"); !done) {
        qCWarning(lcStore) << done.error().message;
        return result;
    }
    // UIDs come sorted: collect runs and insert each run once.
    Uid first = 0;
    Uid last = 0;
    while (query.next()) {
        const Uid uid = Uid(query.value(0).toLongLong());
        if (first != 0 && uid == last + 1) {
            last = uid;
            continue;
        }
        if (first != 0) {
            result.insert(first, last);
        }
        first = last = uid;
    }
    if (first != 0) {
        result.insert(first, last);
    }
    return result;
}

qsizetype AccountStore::messageCount(qint64 mailboxId) const
{
    QSqlQuery &query = m_database->prepared(u"SELECT COUNT(*) FROM messages WHERE mailbox_id = ?"_s);
    query.bindValue(0, mailboxId);
    if (auto done = m_database->exec(query, u"counting messages"); !done) {
        qCWarning(lcStore) << done.error().message;
        return 0;
    }
    qsizetype count = 0;
    if (query.next()) {
        count = qsizetype(query.value(0).toLongLong());
    }
    query.finish();
    return count;
}

MessageRecord AccountStore::readMessage(const QSqlQuery &query) const
{
    MessageRecord message;
    message.uid = Uid(query.value(0).toLongLong());
    message.flags = m_keywords->decode(query.value(1).toLongLong(), query.value(2).toString());
    message.modSeq = quint64(query.value(3).toLongLong());
    message.internalDate = readDate(query.value(4));
    message.size = quint64(query.value(5).toLongLong());
    message.date = readDate(query.value(6));
    message.subject = query.value(7).toString();
    message.fromName = query.value(8).toString();
    message.fromAddress = query.value(9).toString();
    message.to = query.value(10).toString();
    message.cc = query.value(11).toString();
    message.messageId = query.value(12).toByteArray();
    message.inReplyTo = query.value(13).toByteArray();
    message.references = query.value(14).toByteArray();
    message.hasAttachment = query.value(15).toBool();
    message.preview = query.value(16).toString();
    return message;
}

std::vector<MessageRecord> AccountStore::newestMessages(qint64 mailboxId, qsizetype limit, Uid below) const
{
    std::vector<MessageRecord> result;
    if (limit <= 0) {
        return result;
    }
    // One range scan of the primary key, backwards from `below`.
    QSqlQuery &query = m_database->prepared(u"SELECT "_s + messageColumns
                                            + u" FROM messages WHERE mailbox_id = ? AND uid < ? "
                                              u"ORDER BY uid DESC LIMIT ?"_s);
    query.bindValue(0, mailboxId);
    // maxUid is the default "no bound", and a real UID: it is included then.
    query.bindValue(1, below == maxUid ? qint64(maxUid) + 1 : qint64(below));
    query.bindValue(2, qint64(limit));
    if (auto done = m_database->exec(query, u"reading the newest messages"); !done) {
        qCWarning(lcStore) << done.error().message;
        return result;
    }
    result.reserve(std::size_t(limit));
    while (query.next()) {
        result.push_back(readMessage(query));
    }
    return result;
}

std::vector<MessageRecord> AccountStore::messages(qint64 mailboxId, const UidSet &uids) const
{
    std::vector<MessageRecord> result;
    result.reserve(std::min<std::size_t>(uids.count(), 1'000'000));
    readByUid(messageColumns, u"messages", mailboxId, uids, u"reading messages", [&](const QSqlQuery &query) {
        result.push_back(readMessage(query));
    });
    // The plans of readByUid() give UID order; should a future SQLite choose otherwise, sort.
    const auto byUid = [](const MessageRecord &a, const MessageRecord &b) {
        return a.uid < b.uid;
    };
    if (!std::is_sorted(result.cbegin(), result.cend(), byUid))
        std::sort(result.begin(), result.end(), byUid);
    return result;
}

void AccountStore::readByUid(const QString &columns, QStringView table, qint64 mailboxId, const UidSet &uids,
                             QStringView doing, const std::function<void(const QSqlQuery &)> &visit) const
{
    const std::vector<UidSet::Range> &ranges = uids.ranges();
    const auto run = [&](QSqlQuery &query) {
        if (auto done = m_database->exec(query, doing); !done) {
            qCWarning(lcStore) << done.error().message;
            return false;
        }
        while (query.next())
            visit(query);
        query.finish();
        return true;
    };
    // One statement per range suits a mailbox's UIDs, which mostly run in long stretches, but a
    // search's matches are scattered: 30,000 single UIDs would be 30,000 statements. (A pass
    // over [min, max] that skips the rest is no better: Qt's SQLite driver converts every
    // column of every row it steps over.) So many ranges go to SQLite at once as a JSON array.
    if (ranges.size() <= 8) {
        QSqlQuery &query = m_database->prepared(u"SELECT "_s + columns + u" FROM "_s + table
                                                + u" WHERE mailbox_id = ? AND uid BETWEEN ? AND ? ORDER BY uid"_s);
        for (const UidSet::Range &range : ranges) {
            query.bindValue(0, mailboxId);
            query.bindValue(1, qint64(range.first));
            query.bindValue(2, qint64(range.last));
            if (!run(query))
                return;
        }
        return;
    }
    // Mostly single UIDs go as a flat array that `uid IN (…)` reads: SQLite walks that list in
    // order and looks each up by the primary key, so the rows come out in UID order with no sort.
    if (mostlySingles(uids)) {
        QSqlQuery &query
            = m_database->prepared(u"SELECT "_s + columns + u" FROM "_s + table
                                   + u" WHERE mailbox_id = ? AND uid IN (SELECT value FROM json_each(?))"_s);
        query.bindValue(0, mailboxId);
        query.bindValue(1, uidArray(uids));
        run(query);
        return;
    }
    // Long stretches go as [first, last] pairs that one statement joins with the primary key.
    // CROSS JOIN keeps the pairs as the outer loop (with a plain JOIN, SQLite scans the
    // mailbox's rows and walks the whole array for each), and the pairs ascend, so the rows come
    // out in UID order as well, where an ORDER BY would copy every row through a temporary
    // B-tree first.
    QByteArray pairs;
    pairs.reserve(qsizetype(ranges.size()) * 16);
    pairs += '[';
    for (const UidSet::Range &range : ranges) {
        if (pairs.size() > 1)
            pairs += ',';
        pairs += '[' + QByteArray::number(range.first) + ',' + QByteArray::number(range.last) + ']';
    }
    pairs += ']';
    QSqlQuery &query = m_database->prepared(
        u"SELECT "_s + columns + u" FROM json_each(?) AS wanted CROSS JOIN "_s + table
        + u" ON mailbox_id = ? AND uid BETWEEN json_extract(wanted.value, '$[0]') AND json_extract(wanted.value, "
          u"'$[1]')"_s);
    query.bindValue(0, QString::fromLatin1(pairs));
    query.bindValue(1, mailboxId);
    run(query);
}

qsizetype AccountStore::scanMessages(qint64 mailboxId, const MessageFields &fields, ScanFilter filter,
                                     const ScanVisitor &visit, Uid after, qsizetype limit) const
{
    QString columns = fields.whole ? messageColumns : u"uid"_s;
    if (!fields.whole) {
        if (fields.flags)
            columns += u", flags, keywords"_s;
        if (fields.size)
            columns += u", size"_s;
        if (fields.internalDate)
            columns += u", internal_date"_s;
        if (fields.subject)
            columns += u", subject"_s;
        if (fields.from)
            columns += u", from_name, from_address"_s;
        if (fields.to)
            columns += u", to_list"_s;
        if (fields.cc)
            columns += u", cc_list"_s;
    }
    // Written as the partial indexes are, so that SQLite reads the rows through them. The rows
    // with attachments come through their index of the structures, which CROSS JOIN keeps as
    // the outer loop (USING merges the two tables' mailbox_id and uid).
    QString from = u" FROM messages"_s;
    QString where;
    if (filter.attachments) {
        from = u" FROM body_structures CROSS JOIN messages USING (mailbox_id, uid)"_s;
        where += u" AND has_attachments = 1"_s;
    }
    if (fields.attachments)
        columns += filter.attachments ? u", has_attachments"_s
                                      : u", (SELECT has_attachments FROM body_structures AS s "
                                        u"WHERE s.mailbox_id = messages.mailbox_id AND s.uid = messages.uid)"_s;
    if (filter.unseen)
        where += u" AND (flags & 1) = 0"_s;
    if (filter.flagged)
        where += u" AND (flags & 4) != 0"_s;
    static_assert(FlagColumns::seenBit == 1 && FlagColumns::flaggedBit == 4);
    QSqlQuery &query = m_database->prepared(u"SELECT "_s + columns + from + u" WHERE mailbox_id = ? AND uid > ?"_s
                                            + where + u" ORDER BY uid LIMIT ?"_s);
    query.bindValue(0, mailboxId);
    query.bindValue(1, qint64(after));
    query.bindValue(2, qint64(limit));
    if (auto done = m_database->exec(query, u"scanning messages"); !done) {
        qCWarning(lcStore) << done.error().message;
        return 0;
    }
    MessageRecord row;
    qsizetype visited = 0;
    while (query.next()) {
        ++visited;
        int column = 0;
        if (fields.whole) {
            row = readMessage(query);
            column = messageColumnCount;
        } else {
            row.uid = Uid(query.value(column++).toLongLong());
            if (fields.flags) {
                row.flags = m_keywords->decode(query.value(column).toLongLong(), query.value(column + 1).toString());
                column += 2;
            }
            if (fields.size)
                row.size = quint64(query.value(column++).toLongLong());
            if (fields.internalDate)
                row.internalDate = readDate(query.value(column++));
            if (fields.subject)
                row.subject = query.value(column++).toString();
            if (fields.from) {
                row.fromName = query.value(column++).toString();
                row.fromAddress = query.value(column++).toString();
            }
            if (fields.to)
                row.to = query.value(column++).toString();
            if (fields.cc)
                row.cc = query.value(column++).toString();
        }
        std::optional<bool> attachments;
        if (fields.attachments) {
            if (const QVariant answer = query.value(column++); !answer.isNull())
                attachments = answer.toBool();
        }
        visit(row, attachments);
    }
    query.finish();
    return visited;
}

std::optional<MessageRecord> AccountStore::message(qint64 mailboxId, Uid uid) const
{
    QSqlQuery &query
        = m_database->prepared(u"SELECT "_s + messageColumns + u" FROM messages WHERE mailbox_id = ? AND uid = ?"_s);
    query.bindValue(0, mailboxId);
    query.bindValue(1, qint64(uid));
    if (auto done = m_database->exec(query, u"reading a message"); !done) {
        qCWarning(lcStore) << done.error().message;
        return std::nullopt;
    }
    std::optional<MessageRecord> result;
    if (query.next()) {
        result = readMessage(query);
    }
    query.finish();
    return result;
}

std::vector<FlagUpdate> AccountStore::flags(qint64 mailboxId, const UidSet &uids) const
{
    std::vector<FlagUpdate> result;
    readByUid(
        u"uid, flags, keywords, modseq"_s, u"messages", mailboxId, uids, u"reading flags", [&](const QSqlQuery &query) {
            result.push_back(FlagUpdate{Uid(query.value(0).toLongLong()),
                                        m_keywords->decode(query.value(1).toLongLong(), query.value(2).toString()),
                                        quint64(query.value(3).toLongLong())});
        });
    return result;
}

UidSet AccountStore::findByMessageId(qint64 mailboxId, const QByteArray &messageId) const
{
    UidSet result;
    if (messageId.isEmpty()) {
        return result;
    }
    QSqlQuery &query = m_database->prepared(u"SELECT uid FROM messages WHERE mailbox_id = ? AND message_id = ?"_s);
    query.bindValue(0, mailboxId);
    query.bindValue(1, messageId);
    if (auto done = m_database->exec(query, u"finding a Message-ID"); !done) {
        qCWarning(lcStore) << done.error().message;
        return result;
    }
    while (query.next()) {
        result.insert(Uid(query.value(0).toLongLong()));
    }
    return result;
}

Result<> AccountStore::setPreview(qint64 mailboxId, Uid uid, const QString &preview, bool hasAttachment)
{
    touchMessages(mailboxId);
    QSqlQuery &query = m_database->prepared(
        u"UPDATE messages SET preview = ?, has_attachment = ? WHERE mailbox_id = ? AND uid = ?"_s);
    query.bindValue(0, textValue(preview));
    query.bindValue(1, hasAttachment);
    query.bindValue(2, mailboxId);
    query.bindValue(3, qint64(uid));
    if (auto done = m_database->exec(query, u"storing a preview"); !done) {
        return done;
    }
    if (query.numRowsAffected() == 0) {
        return m_database->error(u"storing a preview"_s, u"no message %1 in mailbox %2"_s.arg(uid).arg(mailboxId));
    }
    return {};
}

// --- bodies -----------------------------------------------------------------------------------

Result<> AccountStore::setBodyStructure(qint64 mailboxId, Uid uid, const QByteArray &structure, bool hasAttachments)
{
    QSqlQuery &query = m_database->prepared(
        u"INSERT INTO body_structures (mailbox_id, uid, structure, has_attachments) VALUES (?, ?, ?, ?) "
        u"ON CONFLICT (mailbox_id, uid) DO UPDATE SET structure = excluded.structure, "
        u"has_attachments = excluded.has_attachments"_s);
    query.bindValue(0, mailboxId);
    query.bindValue(1, qint64(uid));
    // Never NULL, so an empty structure reads back as present.
    query.bindValue(2, structure.isNull() ? QByteArray(""_ba) : structure);
    // messagesVersion() stays: a structure never changes, and one stored where none was turns
    // no proof that a reader holds into a wrong one.
    query.bindValue(3, hasAttachments);
    return m_database->exec(query, u"storing the body structure of %1"_s.arg(uid));
}

std::optional<QByteArray> AccountStore::bodyStructure(qint64 mailboxId, Uid uid) const
{
    QSqlQuery &query
        = m_database->prepared(u"SELECT structure FROM body_structures WHERE mailbox_id = ? AND uid = ?"_s);
    query.bindValue(0, mailboxId);
    query.bindValue(1, qint64(uid));
    if (auto done = m_database->exec(query, u"reading a body structure"); !done) {
        qCWarning(lcStore) << done.error().message;
        return std::nullopt;
    }
    std::optional<QByteArray> result;
    if (query.next()) {
        result = query.value(0).toByteArray();
    }
    query.finish();
    return result;
}

AccountStore::StoredAttachments AccountStore::storedAttachments(qint64 mailboxId, const UidSet &uids) const
{
    StoredAttachments result;
    // The structure itself only where the answer is missing; rows come in UID order, so each
    // insert appends.
    readByUid(u"uid, has_attachments, CASE WHEN has_attachments IS NULL THEN structure END"_s, u"body_structures",
              mailboxId, uids, u"reading what body structures say about attachments",
              [&result](const QSqlQuery &query) {
                  const Uid uid = Uid(query.value(0).toLongLong());
                  const QVariant answer = query.value(1);
                  if (answer.isNull())
                      result.unanswered.insert(uid, query.value(2).toByteArray());
                  else if (answer.toBool())
                      result.with.insert(uid);
                  else
                      result.without.insert(uid);
              });
    return result;
}

bool AccountStore::mostlySingles(const UidSet &uids)
{
    return uids.count() <= 4 * quint64(uids.ranges().size());
}

QString AccountStore::uidArray(const UidSet &uids)
{
    QByteArray json;
    json.reserve(qsizetype(std::min<quint64>(uids.count(), 10'000'000)) * 7 + 2);
    json += '[';
    for (const UidSet::Range &range : uids.ranges()) {
        for (Uid uid = range.first;; ++uid) {
            if (json.size() > 1)
                json += ',';
            json += QByteArray::number(uid);
            if (uid == range.last)
                break;
        }
    }
    json += ']';
    return QString::fromLatin1(json);
}

Result<> AccountStore::loadPartState()
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(u"SELECT COALESCE(MAX(last_used), 0), COALESCE(SUM(size), 0) FROM parts"_s) || !query.next()) {
        return m_database->error(query, u"reading the body cache");
    }
    m_partClock = query.value(0).toLongLong();
    m_cachedPartBytes = query.value(1).toLongLong();
    query.finish();

    // A crash between a commit and the file deletions after it leaves files no row names;
    // an interrupted write leaves a temporary file. Both go now.
    const QDir parts(m_database->partsDirectory());
    if (!parts.exists()) {
        return {};
    }
    QSet<qint64> known;
    if (!query.exec(u"SELECT id FROM parts WHERE data IS NULL"_s)) {
        return m_database->error(query, u"listing the body part files");
    }
    while (query.next()) {
        known.insert(query.value(0).toLongLong());
    }
    for (const QString &name : parts.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        bool isNumber = false;
        const qint64 id = name.toLongLong(&isNumber);
        if (!isNumber || !known.contains(id)) {
            qCDebug(lcStore) << "Removing stray body part file" << name;
            QFile::remove(parts.filePath(name));
        }
    }
    return {};
}

Result<> AccountStore::storePart(qint64 mailboxId, Uid uid, const QByteArray &section, const QByteArray &data)
{
    return transaction([&]() -> Result<> {
        // A new version replaces the old one, file and all.
        if (auto removed = removePart(mailboxId, uid, section); !removed) {
            return removed;
        }
        const qint64 size = data.size();
        if (size > m_options.bodyBudgetBytes) {
            qCDebug(lcStore) << "Not caching a part of" << size << "bytes: the budget is" << m_options.bodyBudgetBytes;
            return {};
        }
        const bool inFile = size >= partFileThreshold;
        QSqlQuery &insert = m_database->prepared(
            u"INSERT INTO parts (mailbox_id, uid, section, size, last_used, data) VALUES (?, ?, ?, ?, ?, ?)"_s);
        insert.bindValue(0, mailboxId);
        insert.bindValue(1, qint64(uid));
        insert.bindValue(2, section.isNull() ? QByteArray(""_ba) : section);
        insert.bindValue(3, size);
        insert.bindValue(4, m_partClock + 1);
        // Never NULL for an in-row part: NULL means "in a file".
        insert.bindValue(5,
                         inFile ? QVariant(QMetaType::fromType<QByteArray>())
                                : QVariant(data.isNull() ? QByteArray(""_ba) : data));
        if (auto done = m_database->exec(insert, u"storing a body part of %1"_s.arg(uid)); !done) {
            return done;
        }
        const qint64 id = insert.lastInsertId().toLongLong();
        ++m_partClock;
        if (inFile) {
            const QString directory = m_database->partsDirectory();
            if (!QDir().mkpath(directory)) {
                return m_database->error(u"storing a body part"_s, u"cannot create %1"_s.arg(directory));
            }
            QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            const QString path = directory + u'/' + QString::number(id);
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(data) != size || !file.commit()) {
                return m_database->error(u"storing a body part"_s, u"writing %1: %2"_s.arg(path, file.errorString()));
            }
            m_database->onRollback([path] {
                QFile::remove(path);
            });
        }
        const qint64 before = m_cachedPartBytes;
        m_cachedPartBytes += size;
        m_database->onRollback([this, before] {
            m_cachedPartBytes = before;
        });
        return evictParts();
    });
}

Result<> AccountStore::removePart(qint64 mailboxId, Uid uid, const QByteArray &section)
{
    QSqlQuery &find = m_database->prepared(
        u"SELECT id, size, data IS NULL FROM parts WHERE mailbox_id = ? AND uid = ? AND section = ?"_s);
    find.bindValue(0, mailboxId);
    find.bindValue(1, qint64(uid));
    find.bindValue(2, section.isNull() ? QByteArray(""_ba) : section);
    if (auto done = m_database->exec(find, u"finding a body part"); !done) {
        return done;
    }
    if (!find.next()) {
        return {};
    }
    const qint64 id = find.value(0).toLongLong();
    const qint64 size = find.value(1).toLongLong();
    const bool inFile = find.value(2).toBool();
    find.finish();
    return deleteParts({{id, size, inFile}});
}

Result<> AccountStore::deleteParts(const QList<PartRow> &rows)
{
    QSqlQuery &remove = m_database->prepared(u"DELETE FROM parts WHERE id = ?"_s);
    QList<qint64> files;
    const qint64 before = m_cachedPartBytes;
    for (const PartRow &row : rows) {
        remove.bindValue(0, row.id);
        if (auto done = m_database->exec(remove, u"removing a body part"); !done) {
            return done;
        }
        m_cachedPartBytes -= row.size;
        if (row.inFile) {
            files.append(row.id);
        }
    }
    m_database->onRollback([this, before] {
        m_cachedPartBytes = before;
    });
    removePartFilesAfterCommit(files);
    return {};
}

Result<> AccountStore::evictParts()
{
    if (m_cachedPartBytes <= m_options.bodyBudgetBytes) {
        return {};
    }
    QSqlQuery &oldest = m_database->prepared(u"SELECT id, size, data IS NULL FROM parts ORDER BY last_used"_s);
    if (auto done = m_database->exec(oldest, u"choosing body parts to evict"); !done) {
        return done;
    }
    QList<PartRow> victims;
    qint64 remaining = m_cachedPartBytes;
    while (remaining > m_options.bodyBudgetBytes && oldest.next()) {
        victims.append({oldest.value(0).toLongLong(), oldest.value(1).toLongLong(), oldest.value(2).toBool()});
        remaining -= victims.back().size;
    }
    oldest.finish();
    qCDebug(lcStore) << "Evicting" << victims.size() << "body parts to fit" << m_options.bodyBudgetBytes << "bytes";
    return deleteParts(victims);
}

std::optional<QByteArray> AccountStore::part(qint64 mailboxId, Uid uid, const QByteArray &section)
{
    QSqlQuery &find
        = m_database->prepared(u"SELECT id, data FROM parts WHERE mailbox_id = ? AND uid = ? AND section = ?"_s);
    find.bindValue(0, mailboxId);
    find.bindValue(1, qint64(uid));
    find.bindValue(2, section.isNull() ? QByteArray(""_ba) : section);
    if (auto done = m_database->exec(find, u"reading a body part"); !done) {
        qCWarning(lcStore) << done.error().message;
        return std::nullopt;
    }
    if (!find.next()) {
        return std::nullopt;
    }
    const qint64 id = find.value(0).toLongLong();
    const QVariant stored = find.value(1);
    find.finish();

    QByteArray data;
    if (stored.isNull()) {
        QFile file(m_database->partsDirectory() + u'/' + QString::number(id));
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcStore) << "Body part file" << file.fileName() << "is unreadable:" << file.errorString();
            return std::nullopt;
        }
        data = file.readAll();
    } else {
        data = stored.toByteArray();
    }

    QSqlQuery &touch = m_database->prepared(u"UPDATE parts SET last_used = ? WHERE id = ?"_s);
    touch.bindValue(0, m_partClock + 1);
    touch.bindValue(1, id);
    if (auto done = m_database->exec(touch, u"marking a body part as read"); !done) {
        // The data is still good; only its place in the eviction order is stale.
        qCWarning(lcStore) << done.error().message;
    } else {
        ++m_partClock;
    }
    return data;
}

qint64 AccountStore::cachedPartBytes() const
{
    return m_cachedPartBytes;
}

void AccountStore::setBodyBudget(qint64 bytes)
{
    m_options.bodyBudgetBytes = bytes;
    if (auto evicted = transaction([this] {
            return evictParts();
        });
        !evicted) {
        qCWarning(lcStore) << evicted.error().message;
    }
}

// --- operation journal ------------------------------------------------------------------------

Result<qint64> AccountStore::addJournalEntry(const JournalEntry &entry)
{
    if (entry.id != 0) {
        return m_database->error(u"adding a journal entry"_s, u"it already has id %1"_s.arg(entry.id));
    }
    QSqlQuery &query = m_database->prepared(
        u"INSERT INTO journal (kind, state, mailbox_id, uid_validity, payload, created, attempts, error) "
        u"VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    query.bindValue(0, entry.kind.isNull() ? QByteArray(""_ba) : entry.kind);
    query.bindValue(1, journalStateValue(entry.state));
    query.bindValue(2, entry.mailboxId);
    query.bindValue(3, qint64(entry.uidValidity));
    query.bindValue(4, entry.payload);
    query.bindValue(5, dateValue(entry.created));
    query.bindValue(6, entry.attempts);
    query.bindValue(7, textValue(entry.error));
    if (auto done = m_database->exec(query, u"adding a journal entry"); !done) {
        return done.error();
    }
    return query.lastInsertId().toLongLong();
}

Result<> AccountStore::updateJournalEntry(const JournalEntry &entry)
{
    QSqlQuery &query = m_database->prepared(
        u"UPDATE journal SET kind = ?, state = ?, mailbox_id = ?, uid_validity = ?, payload = ?, created = ?, "
        u"attempts = ?, error = ? WHERE id = ?"_s);
    query.bindValue(0, entry.kind.isNull() ? QByteArray(""_ba) : entry.kind);
    query.bindValue(1, journalStateValue(entry.state));
    query.bindValue(2, entry.mailboxId);
    query.bindValue(3, qint64(entry.uidValidity));
    query.bindValue(4, entry.payload);
    query.bindValue(5, dateValue(entry.created));
    query.bindValue(6, entry.attempts);
    query.bindValue(7, textValue(entry.error));
    query.bindValue(8, entry.id);
    if (auto done = m_database->exec(query, u"updating journal entry %1"_s.arg(entry.id)); !done) {
        return done;
    }
    if (query.numRowsAffected() == 0) {
        return m_database->error(u"updating a journal entry"_s, u"no journal entry has id %1"_s.arg(entry.id));
    }
    return {};
}

Result<> AccountStore::removeJournalEntry(qint64 id)
{
    QSqlQuery &query = m_database->prepared(u"DELETE FROM journal WHERE id = ?"_s);
    query.bindValue(0, id);
    return m_database->exec(query, u"removing journal entry %1"_s.arg(id));
}

QList<JournalEntry> AccountStore::pendingJournalEntries() const
{
    QList<JournalEntry> result;
    QSqlQuery &query
        = m_database->prepared(u"SELECT "_s + journalColumns + u" FROM journal WHERE state IN (?, ?) ORDER BY id"_s);
    query.bindValue(0, journalStateValue(JournalEntry::State::Pending));
    query.bindValue(1, journalStateValue(JournalEntry::State::Sent));
    if (auto done = m_database->exec(query, u"reading the journal"); !done) {
        qCWarning(lcStore) << done.error().message;
        return result;
    }
    while (query.next()) {
        result.append(readJournalEntry(query));
    }
    return result;
}

QList<JournalEntry> AccountStore::journalEntries() const
{
    QList<JournalEntry> result;
    QSqlQuery &query = m_database->prepared(u"SELECT "_s + journalColumns + u" FROM journal ORDER BY id"_s);
    if (auto done = m_database->exec(query, u"reading the journal"); !done) {
        qCWarning(lcStore) << done.error().message;
        return result;
    }
    while (query.next()) {
        result.append(readJournalEntry(query));
    }
    return result;
}

std::optional<JournalEntry> AccountStore::journalEntry(qint64 id) const
{
    QSqlQuery &query = m_database->prepared(u"SELECT "_s + journalColumns + u" FROM journal WHERE id = ?"_s);
    query.bindValue(0, id);
    if (auto done = m_database->exec(query, u"reading a journal entry"); !done) {
        qCWarning(lcStore) << done.error().message;
        return std::nullopt;
    }
    std::optional<JournalEntry> result;
    if (query.next()) {
        result = readJournalEntry(query);
    }
    query.finish();
    return result;
}

Result<qint64> AccountStore::pushUndo(const UndoRecord &record)
{
    if (record.id != 0) {
        return m_database->error(u"adding an undo step"_s, u"it already has id %1"_s.arg(record.id));
    }
    QSqlQuery &query = m_database->prepared(u"INSERT INTO undo (description, payload, created) VALUES (?, ?, ?)"_s);
    query.bindValue(0, record.description);
    query.bindValue(1, record.payload);
    query.bindValue(2, dateValue(record.created));
    if (auto done = m_database->exec(query, u"adding an undo step"); !done) {
        return done.error();
    }
    return query.lastInsertId().toLongLong();
}

std::optional<UndoRecord> AccountStore::topUndo() const
{
    QSqlQuery &query
        = m_database->prepared(u"SELECT id, description, payload, created FROM undo ORDER BY id DESC LIMIT 1"_s);
    if (auto done = m_database->exec(query, u"reading the undo stack"); !done) {
        qCWarning(lcStore) << done.error().message;
        return std::nullopt;
    }
    std::optional<UndoRecord> result;
    if (query.next()) {
        result = readUndo(query);
    }
    query.finish();
    return result;
}

Result<> AccountStore::removeUndo(qint64 id)
{
    QSqlQuery &query = m_database->prepared(u"DELETE FROM undo WHERE id = ?"_s);
    query.bindValue(0, id);
    return m_database->exec(query, u"removing undo step %1"_s.arg(id));
}

QList<UndoRecord> AccountStore::undoRecords() const
{
    QList<UndoRecord> result;
    QSqlQuery &query = m_database->prepared(u"SELECT id, description, payload, created FROM undo ORDER BY id DESC"_s);
    if (auto done = m_database->exec(query, u"reading the undo stack"); !done) {
        qCWarning(lcStore) << done.error().message;
        return result;
    }
    while (query.next()) {
        result.append(readUndo(query));
    }
    return result;
}

} // namespace fumi::store
