// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Uid.h"

#include <QByteArrayList>
#include <QString>

namespace fumi::store {

// RFC 6154 special-use attributes; at most one per mailbox in Fumi's picture.
enum class SpecialUse : quint8 { None, All, Archive, Drafts, Flagged, Junk, Sent, Trash, Important };

// What a mailbox's rows are known to reflect (RFC 7162 §3): committed only together with them.
struct MailboxSyncState {
    quint32 uidValidity = 0; // 0: never synced
    Uid uidNext = 0;
    quint64 highestModSeq = 0; // 0: no CONDSTORE

    friend bool operator==(const MailboxSyncState &, const MailboxSyncState &) = default;
};

// The counts a folder list shows, from STATUS or LIST-STATUS, or counted from the rows.
struct MailboxCounts {
    quint32 messages = 0;
    quint32 unseen = 0;

    friend bool operator==(const MailboxCounts &, const MailboxCounts &) = default;
};

// One mailbox of an account. The local id never changes, so a RENAME moves no message rows.
struct MailboxRecord {
    qint64 id = 0;             // 0: not stored yet
    QString path;              // full name, decoded ("Archive/2026"), with `separator` between levels
    char separator = 0;        // 0: flat
    QByteArrayList attributes; // LIST attributes as the server sent them
    SpecialUse specialUse = SpecialUse::None;
    bool subscribed = false;
    bool selectable = true; // false for \Noselect and \NonExistent
    MailboxSyncState sync;
    MailboxCounts counts;

    friend bool operator==(const MailboxRecord &, const MailboxRecord &) = default;
};

} // namespace fumi::store
