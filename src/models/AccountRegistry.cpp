// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/AccountRegistry.h"

#include <algorithm>

namespace fumi::models {

using engine::AccountEngine;

AccountRegistry::AccountRegistry(QObject *parent)
    : QObject(parent)
{
}

AccountRegistry::~AccountRegistry()
{
    for (const Entry &entry : std::as_const(m_entries)) {
        for (const QMetaObject::Connection &connection : entry.connections)
            disconnect(connection);
    }
}

void AccountRegistry::addEngine(AccountEngine *engine)
{
    const QString account = engine->account().id;
    if (m_entries.contains(account))
        removeEngine(account);
    Entry entry;
    entry.engine = engine;
    // The engine lives on its own thread: with `this` as context every signal below is queued
    // to the GUI thread.
    entry.connections << connect(engine, &AccountEngine::mailboxDelta, this,
                                 [this, account](const engine::MailboxDeltaPtr &delta) {
                                     Q_EMIT mailboxDelta(account, delta);
                                 });
    entry.connections << connect(engine, &AccountEngine::searchUpdate, this,
                                 [this, account](quint64 id, const engine::SearchUpdatePtr &update) {
                                     Q_EMIT searchUpdate(account, id, update);
                                 });
    entry.connections << connect(engine, &AccountEngine::mailboxesChanged, this,
                                 [this, account](const QList<store::MailboxRecord> &mailboxes) {
                                     Q_EMIT mailboxesChanged(account, mailboxes);
                                 });
    entry.connections << connect(engine, &AccountEngine::stateChanged, this,
                                 [this, account](AccountEngine::State state, const QString &detail) {
                                     const auto it = m_entries.find(account);
                                     if (it == m_entries.end())
                                         return;
                                     it->state = state;
                                     it->detail = detail;
                                     Q_EMIT stateChanged(account);
                                 });
    entry.connections << connect(engine, &AccountEngine::requestFinished, this,
                                 [this, account](quint64 id, bool ok, const QString &error, const QVariant &result) {
                                     onFinished(account, id, ok, error, result);
                                 });
    entry.connections << connect(engine, &AccountEngine::requestProgress, this,
                                 [this, account](quint64 id, qint64 done, qint64 total) {
                                     Q_EMIT requestProgress(account, id, done, total);
                                 });
    // Every account can take the messages of every other: a move between accounts appends
    // through the target's own engine.
    for (const Entry &other : std::as_const(m_entries)) {
        other.engine->addAppendTarget(engine->appendTarget());
        engine->addAppendTarget(other.engine->appendTarget());
    }
    m_entries.insert(account, entry);
    m_order.append(account);
    Q_EMIT accountAdded(account);
}

void AccountRegistry::removeEngine(const QString &account)
{
    const auto it = m_entries.find(account);
    if (it == m_entries.end())
        return;
    for (const QMetaObject::Connection &connection : std::as_const(it->connections))
        disconnect(connection);
    m_entries.erase(it);
    m_order.removeAll(account);
    const bool could = canUndo();
    std::erase_if(m_undo, [&](const UndoStep &step) {
        return step.account == account;
    });
    Q_EMIT accountRemoved(account);
    if (could != canUndo())
        Q_EMIT canUndoChanged(canUndo());
}

AccountEngine *AccountRegistry::engine(const QString &account) const
{
    const auto it = m_entries.constFind(account);
    return it == m_entries.cend() ? nullptr : it->engine;
}

QStringList AccountRegistry::accounts() const
{
    return m_order;
}

QString AccountRegistry::displayName(const QString &account) const
{
    const AccountEngine *found = engine(account);
    return found ? found->account().displayName : QString();
}

AccountEngine::State AccountRegistry::state(const QString &account) const
{
    const auto it = m_entries.constFind(account);
    return it == m_entries.cend() ? AccountEngine::State::Stopped : it->state;
}

QString AccountRegistry::stateDetail(const QString &account) const
{
    const auto it = m_entries.constFind(account);
    return it == m_entries.cend() ? QString() : it->detail;
}

bool AccountRegistry::isBusy(const QString &account) const
{
    const auto it = m_entries.constFind(account);
    return it != m_entries.cend() && !it->running.isEmpty();
}

AccountRegistry::RequestId AccountRegistry::track(const QString &account, RequestId id, bool undoable)
{
    Entry &entry = m_entries[account];
    const bool wasBusy = !entry.running.isEmpty();
    entry.running.insert(id);
    if (undoable) {
        const bool could = canUndo();
        m_undo.push_back({account, id});
        if (!could)
            Q_EMIT canUndoChanged(true);
    }
    if (!wasBusy)
        Q_EMIT stateChanged(account);
    return id;
}

void AccountRegistry::onFinished(const QString &account, RequestId id, bool ok, const QString &error,
                                 const QVariant &result)
{
    const auto it = m_entries.find(account);
    if (it == m_entries.end())
        return;
    if (it->running.remove(id)) {
        if (!ok) {
            // A change the server refused was reverted by the journal: there is nothing to undo.
            const bool could = canUndo();
            std::erase_if(m_undo, [&](const UndoStep &step) {
                return step.account == account && step.request == id;
            });
            if (could != canUndo())
                Q_EMIT canUndoChanged(canUndo());
        }
        if (it->running.isEmpty())
            Q_EMIT stateChanged(account);
    }
    Q_EMIT requestFinished(account, id, ok, error, result);
}

AccountRegistry::RequestId AccountRegistry::openMailbox(const QString &account, const QString &path)
{
    AccountEngine *target = engine(account);
    return target ? track(account, target->openMailbox(path), false) : 0;
}

AccountRegistry::RequestId AccountRegistry::syncMailboxes(const QString &account)
{
    AccountEngine *target = engine(account);
    return target ? track(account, target->syncMailboxes(), false) : 0;
}

AccountRegistry::RequestId AccountRegistry::move(const QString &account, const QString &path, const UidSet &uids,
                                                 const QString &target)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->move(path, uids, target), true) : 0;
}

AccountRegistry::RequestId AccountRegistry::copy(const QString &account, const QString &path, const UidSet &uids,
                                                 const QString &target)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->copy(path, uids, target), true) : 0;
}

AccountRegistry::RequestId AccountRegistry::moveToAccount(const QString &account, const QString &path,
                                                          const UidSet &uids, const QString &targetAccount,
                                                          const QString &targetPath)
{
    AccountEngine *from = engine(account);
    if (!from || !engine(targetAccount))
        return 0;
    return track(account, from->moveToAccount(path, uids, targetAccount, targetPath), true);
}

AccountRegistry::RequestId AccountRegistry::copyFolderToAccount(const QString &account, const QString &path,
                                                                const QString &targetAccount, const QString &targetPath,
                                                                char targetSeparator)
{
    AccountEngine *from = engine(account);
    if (!from || !engine(targetAccount))
        return 0;
    return track(account, from->copyFolderToAccount(path, targetAccount, targetPath, targetSeparator), true);
}

AccountRegistry::RequestId AccountRegistry::renameMailbox(const QString &account, const QString &path,
                                                          const QString &newPath)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->renameMailbox(path, newPath), true) : 0;
}

AccountRegistry::RequestId AccountRegistry::setFlags(const QString &account, const QString &path, const UidSet &uids,
                                                     const Flags &add, const Flags &remove, bool undoable)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->setFlags(path, uids, add, remove, undoable), undoable) : 0;
}

AccountRegistry::RequestId AccountRegistry::remove(const QString &account, const QString &path, const UidSet &uids)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->remove(path, uids), true) : 0;
}

AccountRegistry::RequestId AccountRegistry::createMailbox(const QString &account, const QString &path)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->createMailbox(path), true) : 0;
}

AccountRegistry::RequestId AccountRegistry::deleteMailbox(const QString &account, const QString &path)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->deleteMailbox(path), true) : 0;
}

AccountRegistry::RequestId AccountRegistry::setSubscribed(const QString &account, const QString &path, bool subscribed)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->setSubscribed(path, subscribed), true) : 0;
}

AccountRegistry::RequestId AccountRegistry::fetchMessage(const QString &account, const QString &path, Uid uid)
{
    AccountEngine *to = engine(account);
    return to ? track(account, to->fetchPart(path, uid, QByteArray()), false) : 0;
}

AccountRegistry::RequestId AccountRegistry::search(const QString &account, const engine::SearchQuery &query,
                                                   const QStringList &defaultMailboxes)
{
    AccountEngine *to = engine(account);
    return to ? to->search(query, defaultMailboxes) : 0;
}

AccountRegistry::RequestId AccountRegistry::serverThreads(const QString &account, const QString &path)
{
    AccountEngine *to = engine(account);
    return to ? to->serverThreads(path) : 0;
}

void AccountRegistry::cancelSearch(const QString &account, RequestId id)
{
    if (AccountEngine *to = engine(account))
        to->cancelSearch(id);
}

AccountRegistry::RequestId AccountRegistry::undo(QString *account)
{
    while (!m_undo.empty()) {
        const UndoStep step = m_undo.back();
        m_undo.pop_back();
        AccountEngine *target = engine(step.account);
        if (!target)
            continue;
        if (account)
            *account = step.account;
        if (m_undo.empty())
            Q_EMIT canUndoChanged(false);
        return track(step.account, target->undo(), false);
    }
    return 0;
}

} // namespace fumi::models
