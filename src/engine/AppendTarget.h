// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "core/Uid.h"
#include "core/UidSet.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>

namespace fumi::engine {

// The other account of a move between accounts, as the source account's OperationJournal sees
// it: somewhere a message can be appended, and asked whether a message is already there.
//
// The journal never removes a source message before the target has confirmed its copy, either
// by APPENDUID or by finding its Message-ID; after a crash it asks findByMessageId() first, so
// a message is never appended twice. The account engine implements this across threads with
// queued calls; SessionAppendTarget implements it over one Session. Callbacks run on the
// journal's thread, exactly once each.
class AppendTarget
{
public:
    struct AppendResult {
        bool ok = false;
        Uid uid = 0;          // from APPENDUID; 0 when the server did not say
        bool unknown = false; // the connection was lost: the append may or may not have happened
        QString error;        // for the user when !ok
        bool existed = false; // createMailbox(): the folder was there already

        // The other account has no connection: whether the request had taken effect is unknown.
        [[nodiscard]] static AppendResult notConnected()
        {
            return {false, 0, true, QStringLiteral("The other account is not connected."), false};
        }
    };
    using AppendDone = std::function<void(const AppendResult &)>;
    // `ok` false means the search itself could not be made (the connection was lost).
    using FindDone = std::function<void(bool ok, const UidSet &uids)>;

    virtual ~AppendTarget() = default;

    // Names the target account durably: a journal entry written before a restart finds its
    // target again by this key (OperationJournal::addAppendTarget()).
    [[nodiscard]] virtual QString accountKey() const = 0;
    virtual void append(const QString &path, const QByteArray &message, const Flags &flags,
                        const QDateTime &internalDate, AppendDone done)
        = 0;
    virtual void findByMessageId(const QString &path, const QByteArray &messageId, FindDone done) = 0;
    // Removes exactly these messages from `path` (\Deleted, then UID EXPUNGE of exactly those),
    // for the undo of a move to this account. Answers like append(), with uid 0.
    virtual void remove(const QString &path, const UidSet &uids, AppendDone done) = 0;
    // For the copy of a folder to this account: CREATE `path`; ok with `existed` when the server
    // says it is there already (ALREADYEXISTS).
    virtual void createMailbox(const QString &path, AppendDone done) = 0;
    // For the undo of that copy: DELETE `path`, but only while it holds no message (STATUS
    // MESSAGES 0 first), so that mail filed there since is never lost with it.
    virtual void deleteMailbox(const QString &path, AppendDone done) = 0;
};

} // namespace fumi::engine
