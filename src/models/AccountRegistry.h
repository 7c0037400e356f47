// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "core/UidSet.h"
#include "engine/AccountEngine.h"
#include "engine/MailboxDelta.h"
#include "store/MailboxRecord.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace fumi::models {

// Where the models meet the engines: one AccountEngine per account, keyed by the account's id.
//
// Each engine lives on its own thread; the registry lives on the GUI thread and re-emits the
// engines' signals there, tagged with the account, so that a model listening to several
// accounts knows whose delta it has. Requests the models make (a drop that moves messages or
// renames a folder) go through it too, because undo must reach the right engine: each engine
// keeps its own journal, and the registry remembers in which account the user's latest change
// was made. It also counts each account's requests still running, which is what the folder
// tree shows as "syncing".
class AccountRegistry : public QObject
{
    Q_OBJECT

public:
    using RequestId = engine::AccountEngine::RequestId;

    explicit AccountRegistry(QObject *parent = nullptr);
    ~AccountRegistry() override;

    // Not owned: the engine lives on its own thread and must stay until removeEngine().
    void addEngine(engine::AccountEngine *engine);
    void removeEngine(const QString &account);

    [[nodiscard]] engine::AccountEngine *engine(const QString &account) const;
    [[nodiscard]] QStringList accounts() const; // in the order they were added
    [[nodiscard]] QString displayName(const QString &account) const;
    [[nodiscard]] engine::AccountEngine::State state(const QString &account) const;
    [[nodiscard]] QString stateDetail(const QString &account) const;
    // True while a request sent through the registry to this account has not finished.
    [[nodiscard]] bool isBusy(const QString &account) const;

    // Requests on the account's engine; 0 when the account has no engine. Move, copy and rename
    // are undoable and routed by undo().
    RequestId openMailbox(const QString &account, const QString &path);
    RequestId syncMailboxes(const QString &account);
    RequestId move(const QString &account, const QString &path, const UidSet &uids, const QString &target);
    RequestId copy(const QString &account, const QString &path, const UidSet &uids, const QString &target);
    // To `targetPath` in another account of this registry (APPEND there, confirmed, then
    // removed here); undoable like a move. The engines of a registry know each other as
    // targets from addEngine() on.
    RequestId moveToAccount(const QString &account, const QString &path, const UidSet &uids,
                            const QString &targetAccount, const QString &targetPath);
    // The folder and its subfolders to `targetPath` in another account of this registry
    // (AccountEngine::copyFolderToAccount()); undoable. Progress comes as requestProgress().
    RequestId copyFolderToAccount(const QString &account, const QString &path, const QString &targetAccount,
                                  const QString &targetPath, char targetSeparator);
    RequestId renameMailbox(const QString &account, const QString &path, const QString &newPath);
    // Also undoable: the engine's journal keeps an inverse of each, so undo() must see them in
    // the same order as the engine does. A change made with `undoable` false has no inverse,
    // and undo() passes it by (setFlags only: a message marked read as it was opened).
    RequestId setFlags(const QString &account, const QString &path, const UidSet &uids, const Flags &add,
                       const Flags &remove, bool undoable = true);
    RequestId remove(const QString &account, const QString &path, const UidSet &uids);
    RequestId createMailbox(const QString &account, const QString &path);
    RequestId deleteMailbox(const QString &account, const QString &path);
    RequestId setSubscribed(const QString &account, const QString &path, bool subscribed);
    // Not undoable: the whole message (fetchPart with an empty section), a QByteArray.
    RequestId fetchMessage(const QString &account, const QString &path, Uid uid);
    // A server search (AccountEngine::search): searchUpdate() per mailbox, then
    // requestFinished() with a SearchSummary. Not counted as the account being busy: the
    // search bar shows its own state. 0 when the account is not open.
    RequestId search(const QString &account, const engine::SearchQuery &query, const QStringList &defaultMailboxes);
    void cancelSearch(const QString &account, RequestId id);
    // The server's threads of one mailbox (AccountEngine::serverThreads): requestFinished()
    // with a ServerThreads, or ok false when the server offers no THREAD. Not counted as the
    // account being busy. 0 when the account is not open.
    RequestId serverThreads(const QString &account, const QString &path);
    // Undoes the latest undoable change made through the registry, in whichever account it was.
    // 0 when there is nothing to undo; `account`, when given, is set to the account asked.
    RequestId undo(QString *account = nullptr);
    [[nodiscard]] bool canUndo() const { return !m_undo.empty(); }

Q_SIGNALS:
    void accountAdded(const QString &account);
    void accountRemoved(const QString &account);
    void mailboxDelta(const QString &account, const fumi::engine::MailboxDeltaPtr &delta);
    void searchUpdate(const QString &account, quint64 id, const fumi::engine::SearchUpdatePtr &update);
    void mailboxesChanged(const QString &account, const QList<fumi::store::MailboxRecord> &mailboxes);
    // The engine's state, its detail or isBusy() changed.
    void stateChanged(const QString &account);
    void requestFinished(const QString &account, quint64 id, bool ok, const QString &error, const QVariant &result);
    void requestProgress(const QString &account, quint64 id, qint64 done, qint64 total);
    void canUndoChanged(bool canUndo);

private:
    struct Entry {
        engine::AccountEngine *engine = nullptr;
        engine::AccountEngine::State state = engine::AccountEngine::State::Stopped;
        QString detail;
        QSet<RequestId> running;
        QList<QMetaObject::Connection> connections;
    };
    struct UndoStep {
        QString account;
        RequestId request = 0;
    };

    RequestId track(const QString &account, RequestId id, bool undoable);
    void onFinished(const QString &account, RequestId id, bool ok, const QString &error, const QVariant &result);

    QStringList m_order;
    QHash<QString, Entry> m_entries;
    std::vector<UndoStep> m_undo; // oldest first
};

} // namespace fumi::models
