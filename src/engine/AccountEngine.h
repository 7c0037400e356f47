// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "core/Flags.h"
#include "core/UidSet.h"
#include "engine/AccountConnector.h"
#include "engine/HealthSnapshot.h"
#include "engine/MailboxDelta.h"
#include "engine/MessageStructure.h"
#include "engine/OperationJournal.h"
#include "engine/ProtocolLog.h"
#include "engine/SearchQuery.h"
#include "engine/SearchUpdate.h"
#include "engine/ServerThreads.h"
#include "store/MailboxRecord.h"

#include <QHash>
#include <QList>
#include <QLockFile>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QVariant>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>

namespace fumi::account {
class CredentialStore;
class OAuthTokenSource;
class TrustStore;
} // namespace fumi::account

namespace fumi::store {
class AccountStore;
}

namespace fumi::engine {

class AppendTarget;
class DeltaCoalescer;
class FolderListSync;
class MailboxSync;
class LocalSearch;
class ServerSearch;
class Session;
class TrustStorePolicy;

// Everything Fumi does with one account's server, on the account's own thread.
//
// It owns the account's store (one SQLite database, locked against a second process on the
// same profile), a pool of at most four connections — the open mailbox, a watch on INBOX, one
// for background work (the folder list, the operation journal, one-off syncs), and, opened only
// when another account moves messages here, one for that account's APPENDs — and the objects
// that use them: MailboxSync for the open mailbox and INBOX, FolderListSync, the
// OperationJournal. A connection that fails is made again with exponential backoff (1 s
// doubling to 5 minutes), at once when the network comes back (QNetworkInformation).
//
// Callers on other threads use the requests below: each returns an id at once (unique among
// all the engines of the process) and does its work on the engine's thread; requestFinished() carries the id back with
// the outcome. Changes to the rows reach the models as coalesced MailboxDeltas; nothing else crosses threads.
//
// Moves between accounts: each engine hands out appendTarget(), which the other engine is
// given with addAppendTarget(); the wiring code registers every open account with every other
// one, before or after start(). The other account's APPENDs and searches run on its own
// thread, on a connection of their own: they never share a selected mailbox with that
// account's journal, and two engines moving messages to each other cannot wait on each other.
//
// Server searches (search()) run on a fifth connection, opened at the first search: EXAMINE
// there changes neither the mailbox the user reads nor the one the journal has selected
// between its SELECT and its STORE on the background connection.
class AccountEngine : public QObject
{
    Q_OBJECT

public:
    using RequestId = quint64;
    enum class State { Stopped, Connecting, Online, Offline, Error };
    Q_ENUM(State)

    struct Services {
        account::CredentialStore *credentials = nullptr;
        const account::TrustStore *trust = nullptr;
        account::OAuthTokenSource *tokens = nullptr; // OAuth2 accounts; must live on the engine's thread
    };

    struct Options {
        std::chrono::milliseconds firstRetry{1000};
        std::chrono::milliseconds longestRetry{5 * 60 * 1000};
        // Watch INBOX on its own connection while another mailbox is open.
        bool watchInbox = true;
        qint64 bodyBudgetBytes = 512LL * 1024 * 1024;
        imap::ConnectionSettings connection; // host, port and security are the account's
    };

    // `dataDirectory`: the account's cache directory (Profile::accountDataDirectory). Move the
    // engine to its thread before the first request.
    AccountEngine(account::Account account, QString dataDirectory, Services services, Options options,
                  QObject *parent = nullptr);
    ~AccountEngine() override;

    [[nodiscard]] const account::Account &account() const { return m_account; }

    // --- requests: callable from any thread --------------------------------------------------
    // Locks and opens the store, connects, syncs the folder list, replays the journal and
    // starts watching INBOX. Fails at once when another process holds the account.
    RequestId start();
    RequestId syncMailboxes();
    // Selects and syncs the mailbox and keeps it open with IDLE; finished when synced. The
    // result is the mailbox's local id. Before anything goes to the server, every row the cache
    // holds for the mailbox goes out as one `reset` MailboxDelta; the sync's deltas follow it.
    RequestId openMailbox(const QString &path);
    // One part of a message; the result is a QByteArray. A part number ("1", "2.1") gives the
    // part's content with its transfer encoding undone; "" the whole message and other sections
    // ("HEADER", "1.MIME") the bytes as they sit in the message (MailboxSync::fetchPart). Served
    // from the cache where it can be.
    RequestId fetchPart(const QString &path, Uid uid, const QByteArray &section);
    // The message's MIME structure; the result is a MessageStructure (QVariant::value<>()).
    // Served from the store where it can be.
    RequestId fetchStructure(const QString &path, Uid uid);

    // `undoable` false leaves no undo record (OperationJournal::setFlags).
    RequestId setFlags(const QString &path, const UidSet &uids, const Flags &add, const Flags &remove,
                       bool undoable = true);
    RequestId move(const QString &path, const UidSet &uids, const QString &target);
    RequestId copy(const QString &path, const UidSet &uids, const QString &target);
    RequestId remove(const QString &path, const UidSet &uids);
    RequestId createMailbox(const QString &path);
    RequestId renameMailbox(const QString &path, const QString &newPath);
    RequestId deleteMailbox(const QString &path);
    RequestId setSubscribed(const QString &path, bool subscribed);
    // Moves messages to `targetPath` of another account, registered with addAppendTarget()
    // under `targetAccountKey` (its Account::id): APPEND there with flags and internal date,
    // confirmed by APPENDUID or a Message-ID search, and only then removed here. Finished when
    // all of that is done; the rows leave `path` at once. Fails at once when that account is
    // not registered. Single messages are not copied between accounts; whole folders are
    // (copyFolderToAccount()).
    RequestId moveToAccount(const QString &path, const UidSet &uids, const QString &targetAccountKey,
                            const QString &targetPath);
    // Copies the folder at `path`, with every subfolder below it, to another account registered
    // with addAppendTarget(): as `targetPath` there (a full path, whose subfolders are joined
    // with `targetSeparator`, that account's hierarchy separator). CREATE there, then APPEND of
    // every message with its flags, keywords and internal date, confirmed by APPENDUID or a
    // Message-ID search, one message at a time; nothing changes here. Journaled: a restart or
    // a lost connection goes on where it stopped, never appending a message twice. While it
    // runs, requestProgress() says how many of how many messages are copied; the result is
    // the number copied (qint64). Undoable: undo() removes exactly the copies and the folders
    // it created.
    RequestId copyFolderToAccount(const QString &path, const QString &targetAccountKey, const QString &targetPath,
                                  char targetSeparator);
    RequestId undo();
    // This account as the target of another engine's moves (see above); the object may be
    // used from any thread and outlive this engine (its calls then answer "not connected").
    [[nodiscard]] std::shared_ptr<AppendTarget> appendTarget();
    // Lets this engine move messages to the account behind `target`, found by its
    // accountKey(); also after a restart, for moves journaled before it. Entries for an
    // account that is not registered when they come up fail (when nothing of them was done
    // yet) or wait for it without holding up the rest of the journal.
    void addAppendTarget(std::shared_ptr<AppendTarget> target);
    // How the account is doing, for the sync health panel: the result is a HealthSnapshot.
    RequestId healthSnapshot();
    // Searches the mailboxes the query names (in:, in:all) or else `defaultMailboxes`; the
    // query's account: terms are the caller's to apply. in: values match the account's paths
    // exactly, else case-insensitively, else by their last level (in:2026 finds Archive/2026
    // and Projects/2026, every mailbox whose leaf has that name); a value that matches nothing
    // is an error update for that value, and the others are still searched. The server's
    // search goes out first; per mailbox, a Local searchUpdate() comes from the cache while the
    // server works (LocalSearch), unless the server has answered for that mailbox first, and a
    // Server one when it has (ServerSearch). requestFinished() follows the last,
    // with a SearchSummary; ok is false only when nothing could be searched. Searches run one
    // after another on the search connection; cancelSearch() drops one that is waiting or
    // stops one that runs after its current mailbox.
    RequestId search(const SearchQuery &query, const QStringList &defaultMailboxes);
    void cancelSearch(RequestId id);
    // The server's threads of the mailbox at `path` (RFC 5256): EXAMINE and UID THREAD
    // REFERENCES UTF-8 ALL (REFS where only that is offered) on the search connection, queued
    // with the searches (cancelSearch() drops it too), so neither the mailbox the user reads nor
    // the journal's is disturbed. The result is a ServerThreads. ok is false, with a message
    // saying why, when the server offers no THREAD=REFERENCES or THREAD=REFS, the mailbox is
    // unknown, or the server refuses.
    RequestId serverThreads(const QString &path);
    // Finishes what is running, logs out and closes the store; stopped() follows.
    void stop();

    // --- engine thread only ----------------------------------------------------------------
    [[nodiscard]] store::AccountStore *store() const { return m_store.get(); }
    [[nodiscard]] QList<store::MailboxRecord> mailboxes() const;
    // The other accounts (their keys) that undo() needs registered to undo the newest change.
    [[nodiscard]] QStringList undoAccounts() const;
    // Runs `work` with the connection kept for other accounts' moves into this one, once it
    // is connected, waiting through retries (and for start()); with null once the engine
    // stops or cannot connect for good. For EngineAppendTarget.
    void runOnTargetConnection(std::function<void(Session *)> work);

Q_SIGNALS:
    void requestFinished(quint64 id, bool ok, const QString &error, const QVariant &result);
    // A long request (copyFolderToAccount()) has `done` of `total` steps behind it.
    void requestProgress(quint64 id, qint64 done, qint64 total);
    void mailboxDelta(const fumi::engine::MailboxDeltaPtr &delta);
    void mailboxesChanged(const QList<fumi::store::MailboxRecord> &mailboxes);
    void stateChanged(fumi::engine::AccountEngine::State state, const QString &detail);
    // The first window of the open mailbox's new rows is stored.
    void firstWindowReady(qint64 mailboxId);
    void searchUpdate(quint64 id, const fumi::engine::SearchUpdatePtr &update);
    void stopped();

private:
    enum class Role { Selected, Watch, Background, Target, Search };
    static constexpr int roleCount = 5;
    struct Slot {
        std::unique_ptr<Session> session;
        std::unique_ptr<AccountConnector> connector;
        std::unique_ptr<MailboxSync> sync;
        QString mailboxPath; // Selected/Watch: what should be open
        std::chrono::milliseconds retry{0};
        QTimer retryTimer;
        std::vector<std::function<void(Session *)>> waiting; // run once connected
        QList<RequestId> openRequests;                       // Selected/Watch: answered when synced
    };

    RequestId post(std::function<void(RequestId)> work);
    void finish(RequestId id, bool ok, const QString &error = {}, const QVariant &result = {});
    void doStart(RequestId id);
    [[nodiscard]] bool lockAccount(QString *error);
    Slot &slot(Role role);
    void withSession(Role role, std::function<void(Session *)> then);
    void connectSlot(Role role);
    void onSessionLost(Role role, const QString &message);
    void scheduleRetry(Role role);
    void openOn(Role role, const QString &path);
    void onNetworkReachability();
    void syncFolderList(std::function<void(bool ok, const QString &error)> done);
    [[nodiscard]] std::optional<store::MailboxRecord> mailboxByPath(const QString &path) const;
    // For requests about one message: `fromStore` may answer from the store (true when it did);
    // else `work` gets the mailbox's synced MailboxSync, opening the mailbox first when it is
    // not, or null and why not.
    void withMailboxSync(const QString &path, const std::function<bool(qint64 mailboxId)> &fromStore,
                         std::function<void(MailboxSync *sync, const QString &error)> work);
    void setState(State state, const QString &detail = {});
    void noteError(const QString &error);
    void runSearch(RequestId id, const SearchQuery &query, const QStringList &defaultMailboxes);
    void startNextSearch();
    void runServerThreads(RequestId id, const QString &path);
    void runJournalRequest(RequestId id, const std::function<OperationJournal::Request()> &submit);
    RequestId journalRequest(const QStringList &paths,
                             std::function<OperationJournal::Request(const QList<qint64> &mailboxIds)> submit);
    // journalRequest() for one mailbox and the registered append target of another account;
    // refused with UnknownAccount when that account is not open.
    RequestId targetRequest(const QString &path, const QString &targetAccountKey,
                            std::function<OperationJournal::Request(qint64 mailboxId, AppendTarget &target)> submit);

    account::Account m_account;
    QString m_dataDirectory;
    Services m_services;
    Options m_options;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<store::AccountStore> m_store;
    std::unique_ptr<TrustStorePolicy> m_policy;
    std::unique_ptr<DeltaCoalescer> m_deltas;
    std::unique_ptr<OperationJournal> m_journal;
    std::unique_ptr<FolderListSync> m_folderSync;
    std::vector<std::function<void(bool, const QString &)>> m_folderSyncWaiting;
    QHash<qint64, RequestId> m_journalRequests; // journal entry → request waiting for it
    QHash<qint64, qint64> m_journalProgress;    // journal entry → its latest `done`, the result
    Slot m_slots[roleCount];
    std::vector<std::shared_ptr<AppendTarget>> m_appendTargets;
    std::vector<std::function<void(Session *)>> m_targetWorkBeforeStart;
    // Server searches waiting for the search connection, and the one on it.
    struct QueuedSearch {
        RequestId id = 0;
        std::function<void()> run;
    };
    std::deque<QueuedSearch> m_searchQueue;
    std::unique_ptr<ServerSearch> m_search;
    RequestId m_searchId = 0;
    // The cache half of each search request not yet finished (several while searches queue).
    std::map<RequestId, std::unique_ptr<LocalSearch>> m_localSearches;
    State m_state = State::Stopped;
    // For healthSnapshot(): the transcript is written by every connection (on this thread) and
    // may be read from any.
    ProtocolLog m_protocolLog;
    QStringList m_recentErrors;
    QDateTime m_lastSync;
    bool m_started = false;
    bool m_stopping = false;
};

} // namespace fumi::engine
