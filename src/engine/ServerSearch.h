// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"
#include "engine/LocalSearch.h"
#include "engine/SearchCompiler.h"
#include "engine/SearchQuery.h"
#include "engine/SearchUpdate.h"
#include "engine/Session.h"
#include "imap/Response.h"
#include "store/MailboxRecord.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace fumi::store {
class AccountStore;
}

namespace fumi::engine {

// The server half of one search request, on a connection of its own (AccountEngine's search
// connection, so that EXAMINE never disturbs the mailbox the user reads or the journal's
// SELECT-then-STORE sequences on the background connection).
//
// With MULTISEARCH and several mailboxes, one ESEARCH command asks for all of them. Otherwise,
// per mailbox, EXAMINE and UID SEARCH go out together (pipelined). Matches the store has rows
// for (under the same UIDVALIDITY) are served from it, those the request's LocalSearch has read
// already without reading them again; the rest are fetched with the items a new row needs
// (MessageRowBuilder) and are not stored: MailboxSync owns what the store holds for a mailbox
// and would be confused by rows it did not fetch. has:attachment is refined from BODYSTRUCTURE
// where SearchCompiler says so: from what the stored structures answer (as LocalSearch read it,
// else from the store), else from the structure fetched, which is then stored with its answer,
// since a message's structure never changes. Each mailbox's answer goes out as one Server
// SearchUpdate, or one per part for a text search of a large mailbox (see Step); a NO for one
// mailbox becomes that mailbox's error and the others go on.
class ServerSearch : public QObject
{
    Q_OBJECT

public:
    // `local` may be null, and may go before this does.
    ServerSearch(Session &session, store::AccountStore &store, SearchTerm root, QList<store::MailboxRecord> mailboxes,
                 LocalSearch *local, QObject *parent = nullptr);
    ~ServerSearch() override;

    void start();
    // Stops after the command on the wire; finished() follows with what was done.
    void cancel();
    // Mailboxes whose Server update has not gone out yet.
    [[nodiscard]] int left() const;

    // Parts of about this many messages; a mailbox of fewer than two is searched whole.
    static constexpr quint32 partMessages = 10'000;
    // The first and the last part are this share of the others (see partsOf()).
    static constexpr quint32 endPartShare = 10;
    // Parts on the wire at a time: the server always has the next one. Not more: Dovecot works
    // on the searches it has in turns, so that with every part sent at once the newest came in
    // after a third of the whole time, not a tenth; even two on the wire come in together,
    // after the time of both.
    static constexpr int partsInFlight = 2;
    // Whether the query goes to a large mailbox in parts: it reads the messages' text
    // (SearchCompiler::readsText()), and not to Gmail, which answers from an index of its own.
    [[nodiscard]] static bool goesInParts(const SearchTerm &root, const SearchCapabilities &capabilities);
    // The parts of the mailbox a text search goes to, newest first; none for a small one. The
    // first and the last are small: the first, the newest UIDs, so that the newest matches show
    // soon although the server shares its time between the first two; the last, the oldest,
    // because the rows of the part answered last are read after the server is done, those of
    // the others while it searches the next.
    [[nodiscard]] static QList<UidSet> partsOf(const store::MailboxRecord &mailbox);
    // Whether another part goes on the wire, with `onTheWire` unanswered and `unsent` still to
    // go: up to partsInFlight, but the last one alone, once every other is answered, so that it
    // is the one answered last (with two at once, Dovecot answers the small one first).
    [[nodiscard]] static bool partGoesOut(int onTheWire, qsizetype unsent);

Q_SIGNALS:
    void update(const fumi::engine::SearchUpdatePtr &update);
    // `serverSeconds`: from the first search command sent to the last answer (SearchSummary).
    void finished(int failed, int matches, double serverSeconds);

private:
    // The answer to one part's search, once in (see Step).
    struct PartAnswer {
        bool in = false;
        UidSet uids;
        quint32 uidValidity = 0;
        QString error;
    };
    struct Step {
        store::MailboxRecord mailbox;
        bool searched = false; // uids and uidValidity known (from MULTISEARCH)
        UidSet uids;
        quint32 uidValidity = 0;
        // A search that reads the messages' text goes to a large mailbox in parts of its UIDs,
        // newest first (partsOf()), the next part sent as each answer comes: while the server
        // searches it, the answer to this one is read from the store and delivered. `within`:
        // this part's UIDs (empty: the whole mailbox); `lastPart`: the mailbox is answered
        // with it.
        UidSet within;
        bool lastPart = true;
        std::shared_ptr<PartAnswer> sent; // sent with the other parts; answered when `in`
    };
    // What LocalSearch found in the mailbox whose parts are being resolved, under the store's
    // version of it when taken.
    struct Taken {
        qint64 mailboxId = 0;
        quint64 version = 0;
        LocalSearch::Found found;
    };

    // A part still to be sent.
    struct UnsentPart {
        UidSet uids;
        std::shared_ptr<PartAnswer> answer;
        std::shared_ptr<Session::Opened> opened; // what the EXAMINE before the parts answered
    };

    void multiSearch();
    void nextStep();
    void examineAndSearch(Step step);
    void searchInParts(Step step, const QList<UidSet> &parts);
    // As many as partGoesOut() lets, flushed.
    void sendParts();
    // A part's answer, in: the next parts go out, and the step waiting for it goes on.
    void partIn(const std::shared_ptr<Session::Opened> &opened, const std::shared_ptr<PartAnswer> &answer,
                const imap::CommandResult &result);
    // Around each search command: the server's part of the time.
    void searchSent();
    void searchAnswered();
    void partAnswered(Step step);
    void resolve(Step step);
    // What LocalSearch found in the step's UIDs: taken at the mailbox's first part, kept for
    // the others while the store has not changed the mailbox.
    [[nodiscard]] LocalSearch::Found takeFound(const Step &step);
    void fetchAndDeliver(Step step, const UidSet &rowsToFetch, const UidSet &structuresToFetch,
                         QList<store::MessageRecord> rows);
    void deliver(const Step &step, QList<store::MessageRecord> rows, const QString &error = {});
    void onMailboxData(const imap::Response &response);
    // A structure as stored, with what has:attachment answers for it.
    struct StructureAnswer {
        QByteArray blob;
        bool hasAttachment = false;
    };
    void keepStructures(const Step &step, const QHash<Uid, StructureAnswer> &blobs);

    QPointer<Session> m_session; // gone once the connection is lost and deleted
    store::AccountStore &m_store;
    QPointer<LocalSearch> m_local;
    SearchTerm m_root;
    QList<store::MailboxRecord> m_mailboxes;
    SearchCapabilities m_capabilities;
    bool m_refine = false;
    std::deque<Step> m_steps;
    std::optional<Step> m_waiting; // a part whose answer is not in yet
    std::deque<UnsentPart> m_unsentParts;
    int m_partsOnTheWire = 0;
    Taken m_taken;
    bool m_inParts = false; // the query reads text (SearchCompiler::readsText()), not on Gmail
    int m_delivered = 0;
    QSet<qint64> m_failed; // mailboxes
    int m_matches = 0;
    QElapsedTimer m_serverClock; // started with the first search command
    qint64 m_lastAnswerNs = 0;
    bool m_cancelled = false;
    bool m_done = false;
    // Filled by the mailbox data of the command on the wire.
    QHash<Uid, imap::FetchResponse> m_fetched;
    // The updates sent, let go with this object, after finished(): the thread that lets go of
    // an update last frees its rows, and for a large answer that takes milliseconds (13,000
    // rows: about 6), which must not come between the last answer and finished().
    std::vector<SearchUpdatePtr> m_sent;
};

} // namespace fumi::engine
