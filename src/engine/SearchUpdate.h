// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"
#include "store/MessageRecord.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

namespace fumi::engine {

// The results of one mailbox for one AccountEngine::search() request. A request produces,
// per mailbox, first a Local update at once (rows the cache alone proves to match, see
// LocalSearchMatcher), then a Server update when the server has answered for that mailbox:
// the Server rows are the whole answer for the mailbox and replace its Local rows. A search
// that reads the messages' text goes to a large mailbox in parts, newest first (ServerSearch):
// each part's Server update answers for the UIDs `within` only and replaces the rows there.
// Like MailboxDelta it is immutable once emitted and crosses threads as a shared pointer.
struct SearchUpdate {
    enum class Source { Local, Server };
    Source source = Source::Server;
    QString mailbox; // path
    quint32 uidValidity = 0;
    UidSet within;                    // Server: the UIDs these rows answer for; empty: the whole mailbox
    QList<store::MessageRecord> rows; // the matching messages of this mailbox, envelopes filled, by UID
    QString error;                    // non-empty: this mailbox (or the account) failed
    int mailboxesLeft = 0;            // server searches still running for this request
};

using SearchUpdatePtr = std::shared_ptr<const SearchUpdate>;

// What AccountEngine::search()'s requestFinished() carries as its result.
struct SearchSummary {
    int mailboxes = 0; // asked for (including ones the account does not have)
    int failed = 0;    // of them, not searched
    int matches = 0;   // server matches, over all mailboxes
    // From the first search command sent to the last answer in: the server's part of the
    // time, which the rest of search()'s time to requestFinished() is spent around.
    double serverSeconds = 0;
};

} // namespace fumi::engine

Q_DECLARE_METATYPE(fumi::engine::SearchUpdatePtr)
Q_DECLARE_METATYPE(fumi::engine::SearchSummary)
