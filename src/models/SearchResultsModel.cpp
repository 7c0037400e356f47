// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/SearchResultsModel.h"

#include "models/AccountRegistry.h"

#include <vector>

using namespace Qt::StringLiterals;

namespace fumi::models {

SearchResultsModel::SearchResultsModel(QObject *parent)
    : MessageListModel(parent)
{
    setFollowsInsertions(false);
    // A result expunged by a mailbox's delta leaves the count too.
    const auto recount = [this] {
        if (m_statuses.isEmpty())
            return;
        countMatches();
        Q_EMIT statusChanged();
    };
    connect(this, &QAbstractItemModel::rowsRemoved, this, recount);
    connect(this, &QAbstractItemModel::modelReset, this, recount);
}

SearchResultsModel::~SearchResultsModel()
{
    setRegistry(nullptr);
}

void SearchResultsModel::setRegistry(AccountRegistry *registry)
{
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    MessageListModel::setRegistry(registry);
    m_registry = registry;
    if (!registry)
        return;
    m_connections << connect(registry, &AccountRegistry::searchUpdate, this, &SearchResultsModel::applySearchUpdate);
    m_connections << connect(registry, &AccountRegistry::requestFinished, this, &SearchResultsModel::applyFinished);
}

void SearchResultsModel::search(const engine::SearchQuery &query,
                                const QList<std::pair<QString, QStringList>> &accounts)
{
    cancelRunning();
    QList<std::pair<QString, RequestId>> requests;
    for (const auto &[account, mailboxes] : accounts) {
        const RequestId id = m_registry ? m_registry->search(account, query, mailboxes) : 0;
        if (id != 0)
            m_sent.insert({account, id});
        requests.append({account, id});
    }
    follow(requests);
}

void SearchResultsModel::follow(const QList<std::pair<QString, RequestId>> &requests)
{
    cancelRunning();
    setMailboxes({});
    m_mailboxIds.clear();
    m_requests.clear();
    m_statuses.clear();
    for (const auto &[account, id] : requests) {
        if (statusOf(account) >= 0)
            continue;
        AccountStatus status;
        status.account = account;
        if (id == 0) {
            status.state = State::Failed;
            status.error = tr("The account is not open.");
        } else {
            m_requests.insert(account, id);
        }
        m_statuses.append(status);
    }
    Q_EMIT statusChanged();
}

void SearchResultsModel::clear()
{
    cancelRunning();
    m_requests.clear();
    m_statuses.clear();
    m_mailboxIds.clear();
    setMailboxes({});
    Q_EMIT statusChanged();
}

void SearchResultsModel::cancelRunning()
{
    for (const AccountStatus &status : std::as_const(m_statuses)) {
        const RequestId id = m_requests.value(status.account);
        if (m_registry && id != 0 && status.state == State::Searching)
            m_registry->cancelSearch(status.account, id);
    }
    // Whatever still arrives for them is not followed any more.
    m_requests.clear();
}

int SearchResultsModel::statusOf(const QString &account) const
{
    for (int i = 0; i < m_statuses.size(); ++i) {
        if (m_statuses[i].account == account)
            return i;
    }
    return -1;
}

int SearchResultsModel::mailboxSource(const QString &account, const QString &path)
{
    QHash<QString, qint64> &ids = m_mailboxIds[account];
    auto it = ids.find(path);
    if (it == ids.end()) {
        qint64 id = m_resolve ? m_resolve(account, path) : 0;
        if (id == 0)
            id = m_nextPrivateId--;
        it = ids.insert(path, id);
    }
    return addMailbox({account, *it, path});
}

void SearchResultsModel::applySearchUpdate(const QString &account, RequestId id, const engine::SearchUpdatePtr &update)
{
    if (!update || id == 0 || m_requests.value(account) != id)
        return; // an older search's, or one not followed
    const int at = statusOf(account);
    if (at < 0)
        return;
    AccountStatus &status = m_statuses[at];
    status.mailboxesLeft = update->mailboxesLeft;
    if (!update->error.isEmpty()) {
        const QString where
            = update->mailbox.isEmpty() ? update->error : tr("%1: %2").arg(update->mailbox, update->error);
        // Once: a search in parts reports a failure of its mailbox with each part.
        if (!status.error.split(u"; "_s).contains(where))
            status.error = status.error.isEmpty() ? where : QString(status.error + u"; "_s + where);
    }
    if (!update->mailbox.isEmpty() && (update->error.isEmpty() || !update->rows.isEmpty())) {
        const int source = mailboxSource(account, update->mailbox);
        const std::vector<store::MessageRecord> rows(update->rows.cbegin(), update->rows.cend());
        setMailboxRows(source, rows, update->source == engine::SearchUpdate::Source::Server, update->within);
    }
    countMatches();
    Q_EMIT statusChanged();
}

void SearchResultsModel::applyFinished(const QString &account, RequestId id, bool ok, const QString &error,
                                       const QVariant &result)
{
    Q_UNUSED(result);
    if (id == 0 || m_requests.value(account) != id)
        return;
    const int at = statusOf(account);
    if (at < 0)
        return;
    AccountStatus &status = m_statuses[at];
    status.mailboxesLeft = 0;
    status.state = ok ? State::Done : State::Failed;
    if (!ok && !error.isEmpty())
        status.error = error;
    m_requests.remove(account);
    countMatches();
    Q_EMIT statusChanged();
}

void SearchResultsModel::countMatches()
{
    for (AccountStatus &status : m_statuses)
        status.matches = int(messageCountOf(status.account));
}

bool SearchResultsModel::isSearching() const
{
    for (const AccountStatus &status : m_statuses) {
        if (status.state == State::Searching)
            return true;
    }
    return false;
}

QString SearchResultsModel::describe(const AccountStatus &status)
{
    switch (status.state) {
    case State::Searching:
        if (status.mailboxesLeft < 0)
            return tr("Searching…");
        return status.mailboxesLeft == 1 ? tr("Searching 1 folder…")
                                         : tr("Searching %1 folders…").arg(status.mailboxesLeft);
    case State::Done: {
        const QString done = status.matches == 1 ? tr("Done: 1 message") : tr("Done: %1 messages").arg(status.matches);
        return status.error.isEmpty() ? done : tr("%1 (not searched: %2)").arg(done, status.error);
    }
    case State::Failed:
        return tr("Failed: %1").arg(status.error);
    }
    return {};
}

QString SearchResultsModel::statusText() const
{
    QStringList parts;
    for (const AccountStatus &status : m_statuses) {
        const QString name = m_registry ? m_registry->displayName(status.account) : QString();
        parts << tr("%1: %2").arg(name.isEmpty() ? status.account : name, describe(status));
    }
    return parts.join(u" · "_s);
}

} // namespace fumi::models
