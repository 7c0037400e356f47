// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"
#include "engine/LocalSearchMatcher.h"
#include "engine/SearchUpdate.h"
#include "store/MailboxRecord.h"

#include <QObject>

#include <functional>
#include <vector>

namespace fumi::store {
class AccountStore;
}

namespace fumi::engine {

// The cache half of one search request: what the store proves (LocalSearchMatcher), one Local
// SearchUpdate per mailbox.
//
// It reads the store in slices of a few thousand rows, one per turn of the event loop, so that
// it runs while the server searches and never keeps the server's answer waiting: the answer is
// handled between two slices. Once the server has answered for a mailbox, take() hands over
// the rows proved so far (ServerSearch need not read them again) and the mailbox's scan stops:
// its Local update would come after the better one. The rows are handed over only while the
// store has not changed the mailbox since they were read (AccountStore::messagesVersion()).
// A query that requires is:flagged, is:unread or (refined) has:attachment reads only those rows
// (LocalSearchMatcher::filter()), through their indexes: is:flagged in a 100,000-message
// mailbox is then read in the time the server takes to answer it.
class LocalSearch : public QObject
{
    Q_OBJECT

public:
    // `mailboxesLeft` says how many server searches of the request are still running, for the
    // updates' field of that name. `refinedAttachments`: the server's has:attachment will be
    // refined from the structure (LocalSearchMatcher).
    LocalSearch(store::AccountStore &store, const SearchTerm &root, QList<store::MailboxRecord> mailboxes,
                std::function<int()> mailboxesLeft, bool refinedAttachments = false, QObject *parent = nullptr);

    // What the scan of a mailbox had found when the server answered for it.
    struct Found {
        std::vector<store::MessageRecord> rows; // proved, in UID order
        // Of the rows scanned, those whose stored structure answered has:attachment (when the
        // matcher wants that answer): the refinement need not read them again.
        UidSet withAttachments;
        UidSet withoutAttachments;
    };

    // Rows read per slice, over as many mailboxes as it takes: a slice of the usual queries
    // takes two or three milliseconds, the longest the server's answer waits. A quarter of it
    // when the rows are read through an index (LocalSearchMatcher::filter()).
    static constexpr qsizetype sliceRows = 2000;

    // Reads the first slice now (small mailboxes are reported in this call) and the others on
    // later turns of the event loop. With a query the cache can never prove (body:,
    // has:attachment, a lone NOT...), every mailbox's empty Local update comes at once.
    void start();
    // What the scan found in the mailbox, read under the store's current version of it (else
    // nothing); the mailbox is not scanned further and gets no Local update from now on.
    [[nodiscard]] Found take(qint64 mailboxId);

Q_SIGNALS:
    void update(const fumi::engine::SearchUpdatePtr &update);

private:
    struct Scan {
        store::MailboxRecord mailbox;
        Uid after = 0; // the last UID read
        quint64 version = 0;
        Found found;
        bool done = false; // scanned to the end, or taken
    };

    void nextSlice();
    void deliver(Scan &scan);

    store::AccountStore &m_store;
    LocalSearchMatcher m_matcher;
    std::vector<Scan> m_scans;
    std::function<int()> m_mailboxesLeft;
};

} // namespace fumi::engine
