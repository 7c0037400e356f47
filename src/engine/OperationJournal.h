// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "core/UidSet.h"
#include "engine/AppendTarget.h"
#include "engine/JournalPayload.h"
#include "engine/MailboxDelta.h"
#include "engine/Session.h"
#include "store/JournalEntry.h"
#include "store/MailboxChanges.h"
#include "store/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace fumi::store {
class AccountStore;
}

namespace fumi::engine {

// The operation journal: every change the user makes to an account, written down before it
// is sent, so that none is lost and none is done twice (DESIGN.md, "Keeping server and
// client in agreement").
//
// A request is first stored as a JournalEntry in state Pending, then applied to the local
// store at once (rows leave a folder on move and delete, flags change, folders appear), and
// the models hear of it through mailboxDelta() and mailboxesChanged(). Then the journal
// executes its entries one at a time, in order, on the Session it has been given, moving
// each to Sent before its first command is written and recording every step that must not be
// repeated (COPY done with its COPYUID, a message appended to another account) in the entry's
// payload before the next step starts. On a permanent refusal (NO or BAD) the local change
// is reverted, the entry becomes Failed with the server's words, and operationFinished()
// tells the user. A lost connection (BYE from Session) is not a refusal: the entry waits,
// and replay() after a reconnect or a restart finds out what had taken effect before going
// on, so that replaying is idempotent.
//
// Every operation that succeeds pushes an UndoRecord whose payload holds the inverse
// operations; undo() journals those like any other request. Where no inverse can be built
// (a move on a server without UIDPLUS gives no COPYUID) the record says so and undo() fails
// with that message instead of guessing.
//
// Entry kinds and their JSON payloads are private to this class; see OperationJournal.cpp.
class OperationJournal : public QObject
{
    Q_OBJECT

public:
    enum class Error {
        None,
        UnknownMailbox,
        UnknownAccount, // the other account of a move between accounts is not open
        EmptyUidSet,
        NoSuchMessages, // none of the UIDs is in the local store
        InvalidPath,
        MailboxExists,
        NothingToUndo,
        UndoImpossible,
        Store, // the local store could not be written
    };
    Q_ENUM(Error)

    // A request's answer: the journal entry's id, or why the request was refused at once.
    struct Request {
        qint64 id = 0;
        Error error = Error::None;
        QString message;

        [[nodiscard]] bool ok() const { return error == Error::None; }
    };

    explicit OperationJournal(store::AccountStore &store, QObject *parent = nullptr);
    ~OperationJournal() override;

    // The authenticated connection to execute on; null while offline (operations then wait).
    // The journal does not own it. It selects the mailboxes it needs on it and, only while it
    // fetches whole messages, installs its own mailbox receiver.
    void setSession(Session *session);
    // A target for moves to another account, found again by its accountKey() after a restart.
    // Must outlive the journal, be removed first, or be replaced by a new target under the same
    // key (what was in flight is then dropped and replayed, as after a lost connection).
    void addAppendTarget(AppendTarget *target);
    void removeAppendTarget(AppendTarget *target);

    // `undoable` false: no undo record (a message marked read because it was opened is not
    // something the user did, and must not stand between Ctrl+Z and their last change).
    [[nodiscard]] Request setFlags(qint64 mailboxId, const UidSet &uids, const Flags &add, const Flags &remove,
                                   bool undoable = true);
    [[nodiscard]] Request move(qint64 mailboxId, const UidSet &uids, qint64 targetMailboxId);
    [[nodiscard]] Request copy(qint64 mailboxId, const UidSet &uids, qint64 targetMailboxId);
    // To the account's Trash; outside any Trash, or when there is none, \Deleted and UID
    // EXPUNGE of exactly these, keeping the whole messages in the undo record.
    [[nodiscard]] Request remove(qint64 mailboxId, const UidSet &uids);
    [[nodiscard]] Request createMailbox(const QString &path);
    [[nodiscard]] Request renameMailbox(qint64 mailboxId, const QString &newPath);
    [[nodiscard]] Request deleteMailbox(qint64 mailboxId);
    [[nodiscard]] Request setSubscribed(qint64 mailboxId, bool subscribed);
    [[nodiscard]] Request append(qint64 mailboxId, const QByteArray &message, const Flags &flags,
                                 const QDateTime &internalDate);
    // Adds `target` as by addAppendTarget().
    [[nodiscard]] Request moveToAccount(qint64 mailboxId, const UidSet &uids, AppendTarget &target,
                                        const QString &targetPath);
    // Copies the folder and every subfolder the store knows below it to another account, as
    // `targetPath` there (its subfolders below it, joined with `targetSeparator`): CREATE each
    // folder, then APPEND each message with its flags, keywords and internal date, one message
    // at a time; nothing changes here. Progress goes out as operationProgress(). Undoable: the
    // undo removes exactly the copies (by their APPENDUIDs) and deletes the folders it created
    // once they are empty. Adds `target` as by addAppendTarget().
    [[nodiscard]] Request copyFolderToAccount(qint64 mailboxId, AppendTarget &target, const QString &targetPath,
                                              char targetSeparator);
    // Journals the inverse of the newest undo record, and drops that record.
    [[nodiscard]] Request undo();
    // The newest undo record's description ("Moved 3 messages to Archive"); empty for none.
    [[nodiscard]] QString undoDescription() const;
    // The keys of the other accounts the newest undo record needs registered (the undo of a
    // move to another account); empty for none.
    [[nodiscard]] QStringList undoAccounts() const;

    // Use UID MOVE where the server offers it (the default). Off: always UID COPY, then
    // \Deleted and UID EXPUNGE, for servers whose MOVE misbehaves and to exercise that path
    // against a real server.
    void setMoveAllowed(bool allowed) { m_moveAllowed = allowed; }
    // Called at named points of an entry's life: "entry-written" once a request is stored,
    // "answered:<COMMAND>" when the server's answer to a command arrives (before the journal
    // acts on it), "saved:<step>" once a step's progress is durable. The crash test kills the
    // process at one of them; nothing else should need it.
    void setCheckpointHook(std::function<void(QByteArrayView point)> hook) { m_checkpoint = std::move(hook); }

    // Re-runs the entries left Pending or Sent, after a restart or a reconnect. Harmless to
    // call while idle; the journal also starts by itself when it is given a session.
    void replay();
    [[nodiscard]] bool isIdle() const { return m_running == 0; }
    // Entries the server refused for good, kept until the user has seen them.
    [[nodiscard]] QList<store::JournalEntry> failures() const;
    void dismissFailure(qint64 id);

    // For mailbox sync: before storing a batch that reflects the server as it was, keeps the
    // journal's pending local changes visible. Rows of messages that pending moves, deletes or
    // cross-account moves take out of `mailboxId` are dropped from `changes.added` and
    // `changes.flags`; flags of messages that pending flag operations change are rewritten
    // (in `added` and `flags`) to what the operation makes of them. Entries already Done or
    // Failed are not considered.
    void overlayPending(qint64 mailboxId, store::MailboxChanges &changes) const;

Q_SIGNALS:
    void mailboxDelta(fumi::engine::MailboxDeltaPtr delta);
    void mailboxesChanged();
    void operationFinished(qint64 id, bool ok, const QString &error);
    // How far entry `id` (a folder copy to another account) is: `done` of `total` messages
    // copied; `total` grows or shrinks as each folder is listed on the server.
    void operationProgress(qint64 id, qint64 done, qint64 total);

private:
    struct Execution;
    using Next = std::function<void()>;
    using RunPtr = std::shared_ptr<Execution>;
    using Step = void (OperationJournal::*)(const RunPtr &);

    [[nodiscard]] static Request refuse(Error error, const QString &message);
    static void logStoreError(const store::Result<> &result);
    Request enqueue(const QByteArray &kind, qint64 mailboxId, QJsonObject data,
                    const std::function<store::Result<>(QJsonObject &)> &apply);
    // The requests behind the public ones; `undoable` is false for the inverse steps of undo().
    Request requestFlags(qint64 mailboxId, const std::vector<payload::FlagGroup> &groups, bool undoable);
    Request requestTransfer(const QByteArray &kind, qint64 mailboxId, const UidSet &uids, qint64 targetMailboxId,
                            const QString &reason, bool undoable, bool needLocalRows);
    Request requestExpunge(qint64 mailboxId, const UidSet &uids, bool keep, bool undoable);
    Request requestCreate(const QString &path, bool undoable);
    Request requestRename(qint64 mailboxId, const QString &newPath, bool undoable);
    Request requestDeleteFolder(qint64 mailboxId, bool undoable);
    Request requestSubscribe(qint64 mailboxId, bool subscribed, bool undoable);
    Request requestAppend(qint64 mailboxId, const QByteArray &message, const Flags &flags,
                          const QDateTime &internalDate, bool undoable);
    Request requestInverse(const QJsonObject &op);
    Request requestReturnFromAccount(const QJsonObject &op);
    Request requestRemoveFromAccount(const QJsonObject &op);

    void queueDelta(qint64 mailboxId, const UidSet &removed, std::vector<store::MessageRecord> inserted,
                    std::vector<store::FlagUpdate> flags);
    void flushLocalSignals();

    void checkpoint(QByteArrayView point) const
    {
        if (m_checkpoint)
            m_checkpoint(point);
    }
    void scheduleSoon();
    void schedule();
    bool save(const RunPtr &run);
    void send(const RunPtr &run, const imap::Command &command, std::function<void(const imap::CommandResult &)> onOk,
              std::function<bool(const imap::CommandResult &)> onRefused = {});
    void select(const RunPtr &run, qint64 mailboxId, Next then);
    void runSequence(const RunPtr &run, const std::shared_ptr<std::vector<imap::Command>> &commands, size_t index,
                     Next then);
    void suspend(const RunPtr &run);
    void fail(const RunPtr &run, const QString &error);
    void succeed(const RunPtr &run);

    void executeFlags(const RunPtr &run);
    void executeTransfer(const RunPtr &run);
    void findCopiesInTarget(const RunPtr &run, qint64 target, std::function<void(const UidSet &missing)> then);
    void recordCopyUid(const RunPtr &run, const imap::CommandResult &result);
    void markDeletedAndExpunge(const RunPtr &run, const UidSet &uids, Next then);
    void expungeWithoutUidPlus(const RunPtr &run, const UidSet &uids, Next then);
    void executeExpunge(const RunPtr &run);
    void fetchMessages(const RunPtr &run, const UidSet &uids, std::function<void(const QJsonArray &)> then);
    void executeFolder(const RunPtr &run);
    void executeAppend(const RunPtr &run);
    // The other account of a move or a folder copy (the payload's `account`); null while that
    // account is not registered.
    [[nodiscard]] AppendTarget *targetOf(const RunPtr &run) const;
    // That account is not registered: fails `run` with `untouched` when nothing of it has
    // reached the account (`begun` false), else parks it until the account is.
    void waitForTarget(const RunPtr &run, bool begun, const QString &untouched);
    // The callback for the other account's answer to a step of `run`: ignored once the journal
    // is gone or its session has changed; a lost connection calls `lost` (suspend() or
    // suspendForTarget()), a refusal gives `refused` the server's words, success goes to `done`.
    [[nodiscard]] AppendTarget::AppendDone targetAnswer(const RunPtr &run, Step lost,
                                                        std::function<void(const QString &error)> refused,
                                                        AppendTarget::AppendDone done);
    // Asks `target` whether the message `messageId` is in `path` already: `absent` when it is
    // not, `present` with its UID there when it is, `lost` when the search could not be made.
    void findInTarget(const RunPtr &run, AppendTarget &target, const QString &path, const QByteArray &messageId,
                      Step lost, Next absent, std::function<void(Uid targetUid)> present);
    // APPENDs `message` (as fetchMessages() gives it) to `path` of `target`, then `confirmed` with
    // its UID there: from APPENDUID, else found by its Message-ID, else 0 for a message without
    // one. A refusal goes to `failed` with the server's words, an APPEND the target then does
    // not show with `notShown`; a lost connection calls `lost`.
    void appendToTarget(const RunPtr &run, AppendTarget &target, const QString &path, const QJsonObject &message,
                        Step lost, std::function<void(const QString &error)> failed, const QString &notShown,
                        std::function<void(Uid targetUid)> confirmed);
    void executeCrossAccount(const RunPtr &run);
    void appendNextToTarget(const RunPtr &run);
    // The entry's other account is not registered: waitForTarget(), begun when a message is
    // `inDoubt` or `done`.
    void targetMissing(const RunPtr &run, QStringView inDoubt, QStringView done);
    void crossAccountFailed(const RunPtr &run, const QString &error);
    void removeCrossAccountSources(const RunPtr &run, const QString &error);
    void executeReturnFromAccount(const RunPtr &run);
    void executeCopyFolder(const RunPtr &run);
    void copyMessageToAccount(const RunPtr &run, qsizetype folder, Uid uid);
    void confirmFolderCopy(const RunPtr &run, qsizetype folder, Uid uid, Uid targetUid, bool gone);
    void copyFolderFailed(const RunPtr &run, const QString &error);
    void reportCopyProgress(const RunPtr &run);
    // The folder a folder copy (or its undo) is at, with the other account's target.
    struct FolderStep {
        AppendTarget *target = nullptr;
        qsizetype index = 0;
        QJsonObject folder;
    };
    // Its next folder not yet done; nullopt when there is none to go on with: the other account
    // is not registered (folderTargetMissing()), or every folder is done (`allDone` is called).
    [[nodiscard]] std::optional<FolderStep> nextFolder(const RunPtr &run, const Next &allDone);
    // Saves the folder copy's payload, reports its progress, and goes on with it.
    void saveCopyProgress(const RunPtr &run);
    // Sets `fields` on folder `index` of a folder copy or its undo, saves, and goes on with `next`.
    void advanceFolder(const RunPtr &run, qsizetype index, const QJsonObject &fields, Step next);
    void suspendForTarget(const RunPtr &run);
    void executeRemoveFromAccount(const RunPtr &run);
    // The entry's other account is not registered: waitForTarget(), begun once any folder has
    // a state.
    void folderTargetMissing(const RunPtr &run);

    store::Result<> revertLocally(const Execution &run);
    store::Result<> finishLocally(const Execution &run);
    store::Result<> pushUndo(const Execution &run);

    store::AccountStore &m_store;
    QPointer<Session> m_session;
    QHash<QString, AppendTarget *> m_targets;
    QSet<qint64> m_parked; // entries waiting for an account that is not registered
    qint64 m_running = 0;  // the entry being executed; 0 when idle
    quint64 m_epoch = 0;   // bumped when the session changes, so late answers are ignored
    bool m_scheduled = false;
    bool m_foldersChanged = false;
    std::vector<MailboxDeltaPtr> m_queuedDeltas; // sent once their transaction has committed
    Session::MailboxReceiver m_restoreReceiver;  // the sync's receiver, while we fetch
    bool m_moveAllowed = true;
    std::function<void(QByteArrayView)> m_checkpoint;
};

} // namespace fumi::engine
