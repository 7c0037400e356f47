// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "core/Uid.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace fumi::store {

// One message row: what a message list needs, decoded once when the headers arrive.
// Text fields are already decoded (RFC 2047, charsets) by the engine; identifiers stay bytes.
struct MessageRecord {
    Uid uid = 0;
    Flags flags;
    quint64 modSeq = 0;
    QDateTime internalDate; // UTC
    quint64 size = 0;
    QDateTime date; // the Date header, UTC; invalid when missing or unreadable
    QString subject;
    QString fromName;    // display name of the first From address, may be empty
    QString fromAddress; // addr-spec of the first From address
    QString to;          // all To addresses, "Name <a@b>, c@d"
    QString cc;
    QByteArray messageId; // with angle brackets, as in the header
    QByteArray inReplyTo;
    QByteArray references;      // the References header, unfolded
    bool hasAttachment = false; // a hint from the structure known so far
    QString preview;            // a short plain-text excerpt, empty until known

    // What lists show and sort by: the Date header, else the arrival.
    [[nodiscard]] const QDateTime &shownDate() const { return date.isValid() ? date : internalDate; }

    friend bool operator==(const MessageRecord &, const MessageRecord &) = default;
};

// Which fields of a MessageRecord a caller needs, for AccountStore::scanMessages(): reading
// only those keeps a pass over 100,000 rows from building 100,000 whole rows.
struct MessageFields {
    bool flags = false; // flags and keywords
    bool size = false;
    bool internalDate = false;
    bool subject = false;
    bool from = false; // name and address
    bool to = false;
    bool cc = false;
    // Whether the stored structure has attachments: scanMessages() passes it beside the row,
    // unknown when no structure is stored or it was stored without the answer.
    bool attachments = false;
    // Every field of the row: for a scan whose rows are mostly wanted whole anyway.
    bool whole = false;

    friend bool operator==(const MessageFields &, const MessageFields &) = default;
};

// The rows a scan may leave out, for conditions the cache has an index for: only the unseen
// rows, only the flagged ones, only those whose stored structure answered has:attachment yes
// (several: the rows that are all of them).
struct ScanFilter {
    bool unseen = false;
    bool flagged = false;
    bool attachments = false;

    friend bool operator==(const ScanFilter &, const ScanFilter &) = default;
};

// A flag change for one message, as the server reported it or the user made it.
struct FlagUpdate {
    Uid uid = 0;
    Flags flags;
    quint64 modSeq = 0; // 0: unknown (no CONDSTORE, or a local change)

    friend bool operator==(const FlagUpdate &, const FlagUpdate &) = default;
};

} // namespace fumi::store
