// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/SessionAppendTarget.h"

#include "engine/JournalPayload.h"
#include "engine/Session.h"
#include "imap/Command.h"

#include <QMetaObject>

#include <utility>

namespace fumi::engine {

namespace {

using Status = imap::StatusResponse::Status;
using AppendResult = AppendTarget::AppendResult;

// The server's answer to a command: ok, unknown when the connection went (BYE), else refused
// with the server's words.
AppendResult answerOf(const imap::CommandResult &result)
{
    AppendResult answer;
    answer.ok = result.ok();
    answer.unknown = result.status.status == Status::Bye;
    if (!answer.ok)
        answer.error = QString::fromUtf8(result.status.text);
    return answer;
}

} // namespace

SessionAppendTarget::SessionAppendTarget(QString accountKey, Session &session)
    : m_accountKey(std::move(accountKey))
    , m_session(&session)
{
}

void SessionAppendTarget::append(const QString &path, const QByteArray &message, const Flags &flags,
                                 const QDateTime &internalDate, AppendDone done)
{
    if (!m_session) {
        done(AppendResult::notConnected());
        return;
    }
    m_session->run(std::move(imap::Command("APPEND")
                                 .mailbox(path)
                                 .flags(flags)
                                 .string(payload::imapDate(internalDate))
                                 .literal(message)),
                   [done = std::move(done)](const imap::CommandResult &result) {
                       AppendResult answer = answerOf(result);
                       const imap::ResponseCode &code = result.status.code;
                       if (answer.ok && code.kind == imap::ResponseCode::Kind::AppendUid && !code.uids.isEmpty())
                           answer.uid = code.uids.min();
                       done(answer);
                   });
}

void SessionAppendTarget::findByMessageId(const QString &path, const QByteArray &messageId, FindDone done)
{
    if (!m_session) {
        done(false, {});
        return;
    }
    QPointer<Session> session = m_session;
    session->setSelected(0, {});
    session->run(std::move(imap::Command("EXAMINE").mailbox(path)),
                 [session, messageId, done = std::move(done)](const imap::CommandResult &examined) {
                     if (!session || examined.status.status == Status::Bye) {
                         done(false, {});
                         return;
                     }
                     if (!examined.ok()) {
                         // No such mailbox there: the message is certainly not in it.
                         done(true, {});
                         return;
                     }
                     session->run(std::move(imap::Command("UID SEARCH").raw("HEADER Message-ID").string(messageId)),
                                  [done](const imap::CommandResult &result) {
                                      if (!result.ok()) {
                                          done(false, {});
                                          return;
                                      }
                                      UidSet found;
                                      for (const imap::Response &response : result.data) {
                                          if (const auto *search = std::get_if<imap::SearchResponse>(&response))
                                              found |= search->numbers;
                                          else if (const auto *esearch = std::get_if<imap::ESearchResponse>(&response);
                                                   esearch && esearch->all)
                                              found |= *esearch->all;
                                      }
                                      done(true, found);
                                  });
                 });
}

void SessionAppendTarget::remove(const QString &path, const UidSet &uids, AppendDone done)
{
    if (!m_session) {
        done(AppendResult::notConnected());
        return;
    }
    if (!m_session->connection().hasCapability("UIDPLUS")) {
        done({false, 0, false,
              QStringLiteral("The other server cannot remove single messages (no UIDPLUS); they were left there.")});
        return;
    }
    QPointer<Session> session = m_session;
    // Whoever uses this session next selects what it needs again.
    session->setSelected(0, {});
    session->run(
        std::move(imap::Command("SELECT").mailbox(path)), [session, uids, done](const imap::CommandResult &selected) {
            if (!session || !selected.ok()) {
                done(answerOf(selected));
                return;
            }
            Flags deleted;
            deleted.set(Flags::System::Deleted);
            session->run(std::move(imap::Command("UID STORE").sequenceSet(uids).raw("+FLAGS.SILENT").flags(deleted)),
                         [session, uids, done](const imap::CommandResult &stored) {
                             if (!session || !stored.ok()) {
                                 done(answerOf(stored));
                                 return;
                             }
                             session->run(std::move(imap::Command("UID EXPUNGE").sequenceSet(uids)),
                                          [done](const imap::CommandResult &expunged) {
                                              done(answerOf(expunged));
                                          });
                         });
        });
}

void SessionAppendTarget::createMailbox(const QString &path, AppendDone done)
{
    if (!m_session) {
        done(AppendResult::notConnected());
        return;
    }
    m_session->run(std::move(imap::Command("CREATE").mailbox(path)),
                   [done = std::move(done)](const imap::CommandResult &result) {
                       AppendResult answer = answerOf(result);
                       if (!answer.ok && result.status.code.atom.compare("ALREADYEXISTS", Qt::CaseInsensitive) == 0) {
                           answer.ok = true;
                           answer.existed = true;
                           answer.error.clear();
                       }
                       done(answer);
                   });
}

void SessionAppendTarget::deleteMailbox(const QString &path, AppendDone done)
{
    if (!m_session) {
        done(AppendResult::notConnected());
        return;
    }
    QPointer<Session> session = m_session;
    // Out of the folder first: remove() may have left it selected, and a server that deletes
    // the selected mailbox may drop the connection (Dovecot: "BYE Selected mailbox was
    // deleted"). UNSELECT leaves it without expunging; EXAMINE of INBOX where there is none
    // (CLOSE would expunge what others marked \Deleted). Its answer does not matter.
    session->setSelected(0, {});
    const bool unselect = session->connection().hasCapability("UNSELECT");
    session->run(unselect ? imap::Command("UNSELECT") : std::move(imap::Command("EXAMINE").mailbox(u"INBOX")),
                 [](const imap::CommandResult &) {});
    session->run(
        std::move(imap::Command("STATUS").mailbox(path).raw("(MESSAGES)")),
        [session, path, done](const imap::CommandResult &status) {
            if (!session || status.status.status == Status::Bye) {
                done(answerOf(status));
                return;
            }
            if (!status.ok()) {
                // Not there (any more): nothing to delete.
                done({true, 0, false, {}});
                return;
            }
            for (const imap::Response &response : status.data) {
                const auto *counts = std::get_if<imap::MailboxStatusResponse>(&response);
                if (counts && counts->messages.value_or(0) > 0) {
                    done({false, 0, false,
                          QStringLiteral("The folder %1 holds messages that were not copied there; it was kept.")
                              .arg(path)});
                    return;
                }
            }
            session->run(std::move(imap::Command("DELETE").mailbox(path)), [done](const imap::CommandResult &deleted) {
                done(answerOf(deleted));
            });
        });
}

} // namespace fumi::engine
