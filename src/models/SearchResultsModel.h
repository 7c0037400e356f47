// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/SearchQuery.h"
#include "engine/SearchUpdate.h"
#include "models/MessageListModel.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace fumi::models {

// The results of one search over several accounts, shown in the message list like a folder.
//
// It is a MessageListModel whose rows are chosen messages rather than whole mailboxes: the same
// columns, roles, sorting, threads and drags, so that the reader, the flag actions, Delete and
// drops onto folders treat a result like any other row. Each account answers its own search
// request with SearchUpdates: per mailbox a Local one at once (rows the cache proves to match,
// added) and then a Server one, whose rows are that mailbox's whole answer and replace what it
// showed (rows only the cache had leave, one contiguous run at a time; rows in both stay put).
// The MailboxDeltas of a result's mailbox still apply to the rows shown: flag changes show,
// expunged messages leave, but new messages of the mailbox are no results and are not added.
//
// A new search cancels the requests of the one before; an update or answer that still arrives
// for an older request id is dropped, so a slow server never mixes old results into new ones.
// Each account's progress (searching, done with a count, or its error) is kept on its own: an
// account that fails never hides another's results.
class SearchResultsModel : public MessageListModel
{
    Q_OBJECT

public:
    using RequestId = quint64;
    enum class State { Searching, Done, Failed };
    Q_ENUM(State)
    struct AccountStatus {
        QString account;
        State state = State::Searching;
        int mailboxesLeft = -1; // server searches still running; -1 until the first update says
        int matches = 0;        // rows of this account shown
        QString error;          // Failed: why; Done: what some mailboxes answered, if any failed
    };
    // The local id of an account's mailbox (what its MailboxDeltas carry), 0 when unknown.
    using MailboxIdResolver = std::function<qint64(const QString &account, const QString &path)>;

    explicit SearchResultsModel(QObject *parent = nullptr);
    ~SearchResultsModel() override;

    // Follows the registry's search updates, answers and mailbox deltas; nullptr stops.
    void setRegistry(AccountRegistry *registry);
    // Without one (or for a mailbox it does not know) a result's mailbox gets an id of its own
    // that no delta carries: its rows show but do not follow the mailbox's changes.
    void setMailboxIdResolver(MailboxIdResolver resolver) { m_resolve = std::move(resolver); }

    // Cancels the running search and asks each account for `query` in its `defaultMailboxes`
    // (used where the query names no in:), through the registry. An account whose engine
    // cannot take the request shows as failed. The accounts' order is the status order.
    void search(const engine::SearchQuery &query, const QList<std::pair<QString, QStringList>> &accounts);
    // Cancels the running search and starts following `requests` (account → request id) made
    // elsewhere: what search() does after sending, and what tests feed by hand.
    void follow(const QList<std::pair<QString, RequestId>> &requests);
    // Cancels the running search and empties the list.
    void clear();
    [[nodiscard]] bool isActive() const { return !m_statuses.isEmpty(); }
    // Whether request `id` of `account` is a search this model sent, now or before.
    [[nodiscard]] bool isSearchRequest(const QString &account, RequestId id) const
    {
        return m_sent.contains({account, id});
    }

    // What the registry's signals call; public for models fed by hand.
    void applySearchUpdate(const QString &account, RequestId id, const engine::SearchUpdatePtr &update);
    void applyFinished(const QString &account, RequestId id, bool ok, const QString &error, const QVariant &result);

    [[nodiscard]] QList<AccountStatus> statuses() const { return m_statuses; }
    // One line for the status bar: each account's state, by display name when the registry
    // knows it ("Work: Searching 3 folders… · Home: Done: 42 messages").
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool isSearching() const;

Q_SIGNALS:
    // An account's status (statuses(), statusText()) changed.
    void statusChanged();

private:
    [[nodiscard]] int statusOf(const QString &account) const;
    [[nodiscard]] int mailboxSource(const QString &account, const QString &path);
    void cancelRunning();
    void countMatches();
    [[nodiscard]] static QString describe(const AccountStatus &status);

    AccountRegistry *m_registry = nullptr;
    QList<QMetaObject::Connection> m_connections;
    MailboxIdResolver m_resolve;
    QList<AccountStatus> m_statuses;
    QHash<QString, RequestId> m_requests;                // account → the request followed
    QHash<QString, QHash<QString, qint64>> m_mailboxIds; // account → path → id used
    QSet<std::pair<QString, RequestId>> m_sent;
    qint64 m_nextPrivateId = -1; // ids no delta carries
};

} // namespace fumi::models
