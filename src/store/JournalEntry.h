// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace fumi::store {

// One operation of the journal as the store keeps it. The store does not interpret `kind` or
// `payload` (the engine's OperationJournal defines them); it only keeps entries in order,
// durably, and drops the UID-based ones of a mailbox whose UIDVALIDITY changed.
struct JournalEntry {
    enum class State : quint8 {
        Pending, // written, not yet sent
        Sent,    // sent at least once; replay must first find out whether it took effect
        Done,    // kept only while it can be undone
        Failed,  // permanently refused; kept until the user has been told
    };

    qint64 id = 0;   // 0: not stored yet; ids grow with creation order
    QByteArray kind; // "flags", "move", "copy", "delete", "create", "rename", ...
    State state = State::Pending;
    qint64 mailboxId = 0;    // the mailbox it reads UIDs from; 0 for none
    quint32 uidValidity = 0; // of that mailbox when the entry was written; 0 for none
    QByteArray payload;      // JSON, the engine's to define
    QDateTime created;       // UTC
    int attempts = 0;
    QString error; // the last failure, for the user

    friend bool operator==(const JournalEntry &, const JournalEntry &) = default;
};

// A step the user can undo: the inverse of a done operation, newest on top.
struct UndoRecord {
    qint64 id = 0;
    QString description; // "Moved 12 messages to Archive"
    QByteArray payload;  // JSON, the engine's to define: the operations that undo it
    QDateTime created;

    friend bool operator==(const UndoRecord &, const UndoRecord &) = default;
};

} // namespace fumi::store
