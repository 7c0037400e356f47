// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/AppendTarget.h"

#include <QPointer>
#include <QString>

namespace fumi::engine {

class Session;

// The target of a move between accounts, when the other account's Session lives on the same
// thread as the source's journal (tests, and the CLI). APPEND goes to `path`; the search for a
// Message-ID EXAMINEs the mailbox (read-only, so it never changes \Recent or flags there) and
// leaves the session with nothing it considers selected.
class SessionAppendTarget : public AppendTarget
{
public:
    SessionAppendTarget(QString accountKey, Session &session);

    [[nodiscard]] QString accountKey() const override { return m_accountKey; }
    void append(const QString &path, const QByteArray &message, const Flags &flags, const QDateTime &internalDate,
                AppendDone done) override;
    void findByMessageId(const QString &path, const QByteArray &messageId, FindDone done) override;
    // Needs UIDPLUS on the other server: without UID EXPUNGE it refuses rather than expunge
    // what another client marked \Deleted.
    void remove(const QString &path, const UidSet &uids, AppendDone done) override;
    void createMailbox(const QString &path, AppendDone done) override;
    void deleteMailbox(const QString &path, AppendDone done) override;

private:
    QString m_accountKey;
    QPointer<Session> m_session;
};

} // namespace fumi::engine
