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
        done({false, 0, true, QStringLiteral("The other account is not connected.")});
        return;
    }
    m_session->run(std::move(imap::Command("APPEND")
                                 .mailbox(path)
                                 .flags(flags)
                                 .string(payload::imapDate(internalDate))
                                 .literal(message)),
                   [done = std::move(done)](const imap::CommandResult &result) {
                       AppendResult answer;
                       answer.ok = result.ok();
                       answer.unknown = result.status.status == Status::Bye;
                       if (!answer.ok)
                           answer.error = QString::fromUtf8(result.status.text);
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

} // namespace fumi::engine
