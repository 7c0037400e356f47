// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/AppendTarget.h"

#include <QPointer>
#include <QString>

#include <functional>

namespace fumi::engine {

class AccountEngine;
class Session;
class SessionAppendTarget;

// Another AccountEngine as the target of a move between accounts, for a journal on a
// different thread (AccountEngine::appendTarget()).
//
// Each call is queued to the target engine's thread and runs there on the connection that
// engine keeps for this work, once it is connected (it waits through reconnects as the
// engine's own work does). The answer is queued back to the thread that made the call, and
// runs there exactly once: with the server's answer, or, when the target engine stops or is
// destroyed before it answers, as "unknown" (append, remove) or "could not look" (find), so
// that the journal keeps its entry and asks again later rather than guessing.
class EngineAppendTarget : public AppendTarget
{
public:
    EngineAppendTarget(QString accountKey, AccountEngine &engine);

    [[nodiscard]] QString accountKey() const override { return m_accountKey; }
    void append(const QString &path, const QByteArray &message, const Flags &flags, const QDateTime &internalDate,
                AppendDone done) override;
    void findByMessageId(const QString &path, const QByteArray &messageId, FindDone done) override;
    void remove(const QString &path, const UidSet &uids, AppendDone done) override;
    void createMailbox(const QString &path, AppendDone done) override;
    void deleteMailbox(const QString &path, AppendDone done) override;

private:
    // Runs `work` on the target engine's thread with its connection (null when there is none
    // to be had).
    void dispatch(std::function<void(Session *)> work);
    // An AppendDone call through dispatch(): `call` makes it on a SessionAppendTarget over that
    // connection, whose `answer` comes back to this thread; `done` hears "not connected" when
    // there is no connection, and "unknown" when the call is dropped unanswered.
    void dispatchAppend(AppendDone done, std::function<void(SessionAppendTarget &target, AppendDone answer)> call);

    QString m_accountKey;
    QPointer<AccountEngine> m_engine;
};

} // namespace fumi::engine
