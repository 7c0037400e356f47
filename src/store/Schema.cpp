// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "store/Schema.h"

#include "store/Database.h"
#include "store/Logging.h"

#include <QStringList>

#include <array>

using namespace Qt::StringLiterals;

namespace fumi::store::Schema {

namespace {

// Version 1. Notes on the layout:
// - messages is WITHOUT ROWID with PRIMARY KEY (mailbox_id, uid): rows are stored in UID order
//   per mailbox, so "the newest 50" is one range scan and appending new UIDs appends to the
//   b-tree's end.
// - flags holds the system flags in the stable bit layout of FlagColumns.h; keywords holds ids
//   of the keywords table as a space-separated list, NULL when there are none.
// - messages_unseen is a partial index of the unseen rows only, so counting them when a batch
//   arrives costs the number of unseen messages, not the size of the mailbox.
// - dates are milliseconds since the epoch (UTC), NULL when unknown; mod-sequences are 63-bit
//   (RFC 7162) and fit SQLite's signed integers.
// - parts keeps small parts in `data` and large ones as files named by `id` (data NULL);
//   last_used is a counter the store bumps on every read, for least-recently-used eviction.
// - journal and undo use AUTOINCREMENT so ids keep growing with creation order even after the
//   newest entry is removed.
const QStringList version1 = {
    uR"(CREATE TABLE mailboxes (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        separator INTEGER NOT NULL DEFAULT 0,
        attributes BLOB,
        special_use INTEGER NOT NULL DEFAULT 0,
        subscribed INTEGER NOT NULL DEFAULT 0,
        selectable INTEGER NOT NULL DEFAULT 1,
        uid_validity INTEGER NOT NULL DEFAULT 0,
        uid_next INTEGER NOT NULL DEFAULT 0,
        highest_modseq INTEGER NOT NULL DEFAULT 0,
        message_count INTEGER NOT NULL DEFAULT 0,
        unseen_count INTEGER NOT NULL DEFAULT 0
    ))"_s,
    uR"(CREATE TABLE keywords (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
    ))"_s,
    uR"(CREATE TABLE messages (
        mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        flags INTEGER NOT NULL DEFAULT 0,
        keywords TEXT,
        modseq INTEGER NOT NULL DEFAULT 0,
        internal_date INTEGER,
        size INTEGER NOT NULL DEFAULT 0,
        date INTEGER,
        subject TEXT,
        from_name TEXT,
        from_address TEXT,
        to_list TEXT,
        cc_list TEXT,
        message_id BLOB,
        in_reply_to BLOB,
        refs BLOB,
        has_attachment INTEGER NOT NULL DEFAULT 0,
        preview TEXT,
        PRIMARY KEY (mailbox_id, uid)
    ) WITHOUT ROWID)"_s,
    u"CREATE INDEX messages_message_id ON messages(mailbox_id, message_id)"_s,
    u"CREATE INDEX messages_unseen ON messages(mailbox_id) WHERE (flags & 1) = 0"_s,
    uR"(CREATE TABLE body_structures (
        mailbox_id INTEGER NOT NULL,
        uid INTEGER NOT NULL,
        structure BLOB NOT NULL,
        PRIMARY KEY (mailbox_id, uid),
        FOREIGN KEY (mailbox_id, uid) REFERENCES messages(mailbox_id, uid) ON DELETE CASCADE
    ) WITHOUT ROWID)"_s,
    uR"(CREATE TABLE parts (
        id INTEGER PRIMARY KEY,
        mailbox_id INTEGER NOT NULL,
        uid INTEGER NOT NULL,
        section BLOB NOT NULL,
        size INTEGER NOT NULL,
        last_used INTEGER NOT NULL,
        data BLOB,
        UNIQUE (mailbox_id, uid, section),
        FOREIGN KEY (mailbox_id, uid) REFERENCES messages(mailbox_id, uid) ON DELETE CASCADE
    ))"_s,
    u"CREATE INDEX parts_lru ON parts(last_used)"_s,
    uR"(CREATE TABLE journal (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind BLOB NOT NULL,
        state INTEGER NOT NULL,
        mailbox_id INTEGER NOT NULL DEFAULT 0,
        uid_validity INTEGER NOT NULL DEFAULT 0,
        payload BLOB,
        created INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT
    ))"_s,
    u"CREATE INDEX journal_mailbox ON journal(mailbox_id)"_s,
    uR"(CREATE TABLE undo (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        description TEXT,
        payload BLOB,
        created INTEGER
    ))"_s,
};

// Version 2, for searching the cache:
// - body_structures.has_attachments records what the engine made of the structure when it
//   stored it (MessageStructure::hasAttachments()), so that has:attachment is decided from one
//   small column rather than by parsing every structure. NULL on rows version 1 stored.
// - messages_flagged, like messages_unseen, keeps is:flagged from reading the whole mailbox.
const QStringList version2 = {
    u"ALTER TABLE body_structures ADD COLUMN has_attachments INTEGER"_s,
    u"CREATE INDEX messages_flagged ON messages(mailbox_id) WHERE (flags & 4) != 0"_s,
};

// Version 3: body_structures_attachments keeps has:attachment from reading the whole mailbox,
// as messages_flagged does is:flagged.
const QStringList version3 = {
    u"CREATE INDEX body_structures_attachments ON body_structures(mailbox_id) WHERE has_attachments = 1"_s,
};

const std::array<const QStringList *, 3> migrations = {&version1, &version2, &version3};

} // namespace

int version()
{
    return int(migrations.size());
}

Result<> migrate(Database &database, int from)
{
    for (int target = from + 1; target <= version(); ++target) {
        const QStringList &statements = *migrations[std::size_t(target - 1)];
        auto migrated = database.transaction([&]() -> Result<> {
            for (const QString &sql : statements) {
                if (auto done = database.execOnce(sql, u"migrating the schema to version %1"_s.arg(target)); !done) {
                    return done;
                }
            }
            return database.execOnce(u"PRAGMA user_version = %1"_s.arg(target), u"recording the schema version");
        });
        if (!migrated) {
            return migrated;
        }
        qCDebug(lcStore) << "Migrated" << database.filePath() << "to schema version" << target;
    }
    return {};
}

} // namespace fumi::store::Schema
