// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/EngineAppendTarget.h"

#include "engine/AccountEngine.h"
#include "engine/SessionAppendTarget.h"

#include <QMetaObject>
#include <QObject>

#include <atomic>
#include <memory>
#include <utility>

namespace fumi::engine {

namespace {

// One call's answer on its way back to the calling thread. The ticket is a QObject made on
// that thread, so a queued call to it runs there; it is deleted with the answer. When the
// call is dropped unanswered (the work never ran, or its connection was closed with the
// command still out), the destructor sends `dropped` instead, so the caller always hears
// exactly once.
class Reply
{
public:
    explicit Reply(std::function<void()> dropped)
        : m_ticket(new QObject)
        , m_dropped(std::move(dropped))
    {
    }
    Reply(const Reply &) = delete;
    Reply &operator=(const Reply &) = delete;
    ~Reply()
    {
        if (!m_sent.load())
            send(std::move(m_dropped));
    }

    void send(std::function<void()> answer)
    {
        if (m_sent.exchange(true))
            return;
        QObject *ticket = m_ticket;
        QMetaObject::invokeMethod(
            ticket,
            [ticket, answer = std::move(answer)] {
                ticket->deleteLater();
                answer();
            },
            Qt::QueuedConnection);
    }

private:
    QObject *m_ticket; // deleted by the answer, on its own thread
    std::function<void()> m_dropped;
    std::atomic<bool> m_sent{false};
};

std::shared_ptr<Reply> appendReply(AppendTarget::AppendDone done, std::shared_ptr<AppendTarget::AppendDone> *handle)
{
    auto shared = std::make_shared<AppendTarget::AppendDone>(std::move(done));
    *handle = shared;
    return std::make_shared<Reply>([shared] {
        (*shared)(AppendTarget::AppendResult::notConnected());
    });
}

} // namespace

EngineAppendTarget::EngineAppendTarget(QString accountKey, AccountEngine &engine)
    : m_accountKey(std::move(accountKey))
    , m_engine(&engine)
{
}

void EngineAppendTarget::dispatch(std::function<void(Session *)> work)
{
    AccountEngine *engine = m_engine.data();
    if (!engine) {
        work(nullptr);
        return;
    }
    // Dropped with `work` (and so answered) if the engine is destroyed before it runs.
    QMetaObject::invokeMethod(
        engine,
        [engine, work = std::move(work)] {
            engine->runOnTargetConnection(work);
        },
        Qt::QueuedConnection);
}

void EngineAppendTarget::dispatchAppend(AppendDone done,
                                        std::function<void(SessionAppendTarget &target, AppendDone answer)> call)
{
    std::shared_ptr<AppendDone> callback;
    std::shared_ptr<Reply> reply = appendReply(std::move(done), &callback);
    dispatch([key = m_accountKey, reply, callback, call = std::move(call)](Session *session) {
        if (!session)
            return reply->send([callback] {
                (*callback)(AppendTarget::AppendResult::notConnected());
            });
        SessionAppendTarget target(key, *session);
        call(target, [reply, callback](const AppendResult &result) {
            reply->send([callback, result] {
                (*callback)(result);
            });
        });
    });
}

void EngineAppendTarget::append(const QString &path, const QByteArray &message, const Flags &flags,
                                const QDateTime &internalDate, AppendDone done)
{
    dispatchAppend(std::move(done),
                   [path, message, flags, internalDate](SessionAppendTarget &target, AppendDone answer) {
                       target.append(path, message, flags, internalDate, std::move(answer));
                   });
}

void EngineAppendTarget::findByMessageId(const QString &path, const QByteArray &messageId, FindDone done)
{
    auto callback = std::make_shared<FindDone>(std::move(done));
    auto reply = std::make_shared<Reply>([callback] {
        (*callback)(false, {});
    });
    dispatch([key = m_accountKey, reply, callback, path, messageId](Session *session) {
        if (!session)
            return reply->send([callback] {
                (*callback)(false, {});
            });
        SessionAppendTarget(key, *session)
            .findByMessageId(path, messageId, [reply, callback](bool ok, const UidSet &found) {
                reply->send([callback, ok, found] {
                    (*callback)(ok, found);
                });
            });
    });
}

void EngineAppendTarget::remove(const QString &path, const UidSet &uids, AppendDone done)
{
    dispatchAppend(std::move(done), [path, uids](SessionAppendTarget &target, AppendDone answer) {
        target.remove(path, uids, std::move(answer));
    });
}

void EngineAppendTarget::createMailbox(const QString &path, AppendDone done)
{
    QPointer<AccountEngine> engine = m_engine;
    dispatchAppend(std::move(done), [engine, path](SessionAppendTarget &target, AppendDone answer) {
        target.createMailbox(path, [engine, answer = std::move(answer)](const AppendResult &result) {
            // The new folder shows in that account's tree with its next folder list.
            if (result.ok && !result.existed && engine)
                engine->syncMailboxes();
            answer(result);
        });
    });
}

void EngineAppendTarget::deleteMailbox(const QString &path, AppendDone done)
{
    QPointer<AccountEngine> engine = m_engine;
    dispatchAppend(std::move(done), [engine, path](SessionAppendTarget &target, AppendDone answer) {
        target.deleteMailbox(path, [engine, answer = std::move(answer)](const AppendResult &result) {
            if (result.ok && engine)
                engine->syncMailboxes();
            answer(result);
        });
    });
}

} // namespace fumi::engine
