// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/AccountEngine.h"

#include "engine/DeltaCoalescer.h"
#include "engine/EngineAppendTarget.h"
#include "engine/FolderListSync.h"
#include "engine/LocalSearch.h"
#include "engine/Logging.h"
#include "engine/MailboxSync.h"
#include "engine/OperationJournal.h"
#include "engine/SearchCompiler.h"
#include "engine/ServerSearch.h"
#include "engine/Session.h"
#include "engine/TrustStorePolicy.h"
#include "store/AccountStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QNetworkInformation>
#include <QPointer>

#include <algorithm>
#include <mutex>

namespace fumi::engine {

namespace {

// Every row the cache holds for the mailbox, as one reset: a list shows the mailbox at once,
// before the server has been asked anything, and the sync's deltas then apply on top of it.
MailboxDeltaPtr cachedRows(const store::AccountStore &store, qint64 mailboxId)
{
    QElapsedTimer timer;
    timer.start();
    auto delta = std::make_shared<MailboxDelta>();
    delta->mailboxId = mailboxId;
    delta->reset = true;
    if (const std::optional<store::MailboxRecord> mailbox = store.mailbox(mailboxId))
        delta->uidValidity = mailbox->sync.uidValidity;
    delta->inserted = store.messages(mailboxId, UidSet::fromRange(1, maxUid));
    qCDebug(lcEngine) << "read" << delta->inserted.size() << "cached rows of mailbox" << mailboxId << "in"
                      << timer.elapsed() << "ms";
    return delta;
}

} // namespace

AccountEngine::AccountEngine(account::Account account, QString dataDirectory, Services services, Options options,
                             QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_dataDirectory(std::move(dataDirectory))
    , m_services(services)
    , m_options(std::move(options))
{
    // fetchStructure()'s and search()'s results cross threads inside a QVariant.
    qRegisterMetaType<MessageStructure>();
    qRegisterMetaType<SearchSummary>();
    qRegisterMetaType<SearchUpdatePtr>();
    qRegisterMetaType<ServerThreads>();
    for (Slot &each : m_slots) {
        each.retryTimer.setSingleShot(true);
        each.retryTimer.setParent(this);
    }
}

AccountEngine::~AccountEngine()
{
    for (Slot &each : m_slots) {
        each.sync.reset();
        each.session.reset();
        each.connector.reset();
    }
    m_folderSync.reset();
    m_journal.reset();
    m_store.reset();
}

AccountEngine::RequestId AccountEngine::post(std::function<void(RequestId)> work)
{
    // One sequence for every engine of the process: a caller that talks to several accounts
    // (the main window, the registry) can key its requests by id alone.
    static std::atomic<RequestId> nextRequest{1};
    const RequestId id = nextRequest.fetch_add(1);
    QMetaObject::invokeMethod(
        this,
        [this, id, work = std::move(work)] {
            if (!m_started && m_stopping)
                return finish(id, false, tr("The account engine has stopped"));
            work(id);
        },
        Qt::QueuedConnection);
    return id;
}

void AccountEngine::finish(RequestId id, bool ok, const QString &error, const QVariant &result)
{
    // The rows a request produced reach the models before its answer does.
    if (m_deltas)
        m_deltas->flush();
    if (!ok && !error.isEmpty())
        noteError(error);
    Q_EMIT requestFinished(id, ok, error, result);
}

void AccountEngine::setState(State state, const QString &detail)
{
    if (state == m_state && detail.isEmpty())
        return;
    m_state = state;
    if ((state == State::Error || state == State::Offline) && !detail.isEmpty())
        noteError(detail);
    Q_EMIT stateChanged(state, detail);
}

void AccountEngine::noteError(const QString &error)
{
    constexpr qsizetype kept = 20;
    m_recentErrors.append(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss ")) + error);
    while (m_recentErrors.size() > kept)
        m_recentErrors.removeFirst();
    m_protocolLog.append(QStringLiteral("error: ") + error);
}

AccountEngine::RequestId AccountEngine::healthSnapshot()
{
    return post([this](RequestId id) {
        HealthSnapshot snapshot;
        for (const Slot &each : m_slots) {
            if (!each.session || !each.session->isUsable())
                continue;
            ++snapshot.connections;
            const imap::Connection &connection = each.session->connection();
            snapshot.capabilities = connection.capabilities();
            snapshot.enabled = connection.enabled();
            snapshot.compressed = snapshot.compressed || connection.isCompressed();
        }
        snapshot.lastSync = m_lastSync;
        if (m_store) {
            const QList<store::JournalEntry> entries = m_store->journalEntries();
            for (const store::JournalEntry &entry : entries) {
                if (entry.state == store::JournalEntry::State::Pending
                    || entry.state == store::JournalEntry::State::Sent)
                    ++snapshot.pendingOperations;
            }
        }
        snapshot.recentErrors = m_recentErrors;
        snapshot.logLines = m_protocolLog.lines();
        finish(id, true, {}, QVariant::fromValue(snapshot));
    });
}

AccountEngine::Slot &AccountEngine::slot(Role role)
{
    return m_slots[int(role)];
}

// --- starting --------------------------------------------------------------------------------

AccountEngine::RequestId AccountEngine::start()
{
    return post([this](RequestId id) {
        doStart(id);
    });
}

bool AccountEngine::lockAccount(QString *error)
{
    if (!QDir().mkpath(m_dataDirectory)) {
        *error = tr("Cannot create the account's cache directory %1").arg(m_dataDirectory);
        return false;
    }
    m_lock = std::make_unique<QLockFile>(m_dataDirectory + QLatin1String("/engine.lock"));
    // A lock whose process is gone is stale at once; a live one is never taken over.
    m_lock->setStaleLockTime(std::chrono::milliseconds(0));
    if (m_lock->tryLock(std::chrono::milliseconds(0)))
        return true;
    qint64 pid = 0;
    QString host;
    QString application;
    if (m_lock->getLockInfo(&pid, &host, &application)) {
        *error = tr("The account \"%1\" is in use by %2 (process %3 on %4); close it there first")
                     .arg(m_account.displayName, application.isEmpty() ? tr("another program") : application)
                     .arg(pid)
                     .arg(host);
    } else {
        *error = tr("The account \"%1\" is in use by another process").arg(m_account.displayName);
    }
    m_lock.reset();
    return false;
}

void AccountEngine::doStart(RequestId id)
{
    if (m_started)
        return finish(id, true);
    QString error;
    const auto failTargetWork = [this] {
        for (const auto &work : std::exchange(m_targetWorkBeforeStart, {}))
            work(nullptr);
    };
    if (!lockAccount(&error)) {
        failTargetWork();
        setState(State::Error, error);
        return finish(id, false, error);
    }
    store::AccountStore::Options storeOptions;
    storeOptions.bodyBudgetBytes = m_options.bodyBudgetBytes;
    store::Result<std::unique_ptr<store::AccountStore>> opened
        = store::AccountStore::open(m_dataDirectory, storeOptions);
    if (!opened) {
        failTargetWork();
        m_lock.reset();
        setState(State::Error, opened.error().message);
        return finish(id, false, opened.error().message);
    }
    m_store = std::move(opened).value();
    m_started = true;
    m_policy = std::make_unique<TrustStorePolicy>(m_services.trust);
    m_deltas = std::make_unique<DeltaCoalescer>();
    connect(m_deltas.get(), &DeltaCoalescer::delta, this, &AccountEngine::mailboxDelta);
    m_journal = std::make_unique<OperationJournal>(*m_store);
    connect(m_journal.get(), &OperationJournal::mailboxDelta, m_deltas.get(), &DeltaCoalescer::add);
    connect(m_journal.get(), &OperationJournal::mailboxesChanged, this, [this] {
        Q_EMIT mailboxesChanged(m_store->mailboxes());
    });
    connect(m_journal.get(), &OperationJournal::operationFinished, this,
            [this](qint64 entry, bool ok, const QString &error) {
                const auto it = m_journalRequests.find(entry);
                if (it == m_journalRequests.end())
                    return;
                const RequestId request = it.value();
                m_journalRequests.erase(it);
                const auto progress = m_journalProgress.constFind(entry);
                const QVariant result = progress != m_journalProgress.cend() ? QVariant::fromValue(progress.value())
                                                                             : QVariant::fromValue(entry);
                m_journalProgress.remove(entry);
                finish(request, ok, error, result);
            });
    connect(m_journal.get(), &OperationJournal::operationProgress, this,
            [this](qint64 entry, qint64 done, qint64 total) {
                const auto it = m_journalRequests.constFind(entry);
                if (it == m_journalRequests.cend())
                    return;
                m_journalProgress.insert(entry, done);
                Q_EMIT requestProgress(it.value(), done, total);
            });

    for (const std::shared_ptr<AppendTarget> &target : m_appendTargets)
        m_journal->addAppendTarget(target.get());

    for (int role = 0; role < roleCount; ++role) {
        connect(&m_slots[role].retryTimer, &QTimer::timeout, this, [this, role] {
            connectSlot(Role(role));
        });
    }
    for (const auto &work : std::exchange(m_targetWorkBeforeStart, {}))
        runOnTargetConnection(work);
    // Process-wide and not thread-safe to load: engines start on their own threads, perhaps at
    // the same moment.
    static std::once_flag networkInformation;
    std::call_once(networkInformation, [] {
        QNetworkInformation::loadDefaultBackend();
    });
    if (QNetworkInformation::instance()) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                &AccountEngine::onNetworkReachability);
    }

    // The cached folder list, so that a tree shows the account before (or without) the server.
    Q_EMIT mailboxesChanged(m_store->mailboxes());
    setState(State::Connecting);
    syncFolderList([this, id](bool ok, const QString &error) {
        if (!ok)
            return finish(id, false, error);
        withSession(Role::Background, [this](Session *session) {
            if (session)
                m_journal->setSession(session);
        });
        if (m_options.watchInbox) {
            if (const std::optional<store::MailboxRecord> inbox = mailboxByPath(QStringLiteral("INBOX")))
                openOn(Role::Watch, inbox->path);
        }
        finish(id, true);
    });
}

// --- connections -----------------------------------------------------------------------------

void AccountEngine::withSession(Role role, std::function<void(Session *)> then)
{
    Slot &s = slot(role);
    if (s.session && s.session->isUsable()) {
        then(s.session.get());
        return;
    }
    s.waiting.push_back(std::move(then));
    if (!s.connector && !s.retryTimer.isActive())
        connectSlot(role);
}

void AccountEngine::connectSlot(Role role)
{
    Slot &s = slot(role);
    if (m_stopping || s.connector)
        return;
    imap::ConnectionSettings settings = AccountConnector::settingsFor(m_account);
    settings.caCertificates = m_options.connection.caCertificates;
    settings.timeout = m_options.connection.timeout;
    settings.idleRenewal = m_options.connection.idleRenewal;
    settings.pollInterval = m_options.connection.pollInterval;
    settings.compress = m_options.connection.compress;
    static const char *const roleNames[] = {"selected", "watch", "background", "target", "search"};
    static_assert(std::size(roleNames) == roleCount);
    settings.transcript = [this, name = QString::fromLatin1(roleNames[int(role)])](const QString &line) {
        m_protocolLog.append(QStringLiteral("[") + name + QStringLiteral("] ") + line);
    };
    s.connector = std::make_unique<AccountConnector>(m_account, settings, m_services.credentials, m_policy.get(),
                                                     m_services.tokens);
    connect(s.connector.get(), &AccountConnector::connected, this, [this, role] {
        Slot &s = slot(role);
        auto session = std::make_unique<Session>(s.connector->takeConnection());
        s.connector.release()->deleteLater();
        s.retry = std::chrono::milliseconds(0);
        connect(session.get(), &Session::lost, this, [this, role](imap::Connection::Error, const QString &message) {
            onSessionLost(role, message);
        });
        s.session = std::move(session);
        setState(State::Online);
        const auto waiting = std::exchange(s.waiting, {});
        for (const auto &then : waiting)
            then(s.session.get());
        if (!s.mailboxPath.isEmpty() && !s.sync)
            openOn(role, s.mailboxPath);
        if (role == Role::Background && m_journal) {
            m_journal->setSession(s.session.get());
            m_journal->replay();
        }
    });
    connect(s.connector.get(), &AccountConnector::failed, this,
            [this, role](AccountConnector::Error error, const QString &message) {
                Slot &s = slot(role);
                s.connector.release()->deleteLater();
                const bool permanent = error == AccountConnector::Error::UntrustedCertificate
                    || error == AccountConnector::Error::CertificateChanged
                    || error == AccountConnector::Error::AuthenticationFailed
                    || error == AccountConnector::Error::NoSecret || error == AccountConnector::Error::SignInRequired
                    || error == AccountConnector::Error::SecurityRequirement;
                setState(permanent ? State::Error : State::Offline, message);
                const auto waiting = std::exchange(s.waiting, {});
                for (const auto &then : waiting)
                    then(nullptr);
                const QList<RequestId> requests = std::exchange(s.openRequests, {});
                for (RequestId request : requests)
                    finish(request, false, message);
                // The search connection is made again by the next search, not on a timer.
                if (!permanent && role != Role::Search)
                    scheduleRetry(role);
            });
    s.connector->start();
}

void AccountEngine::onSessionLost(Role role, const QString &message)
{
    Slot &s = slot(role);
    qCInfo(lcEngine).noquote() << m_account.displayName << "lost a connection:" << message;
    if (role == Role::Background && m_journal)
        m_journal->setSession(nullptr);
    s.sync.reset();
    if (s.session)
        s.session.release()->deleteLater();
    setState(State::Offline, message);
    if (!m_stopping && (!s.mailboxPath.isEmpty() || role == Role::Background))
        scheduleRetry(role);
}

void AccountEngine::scheduleRetry(Role role)
{
    Slot &s = slot(role);
    if (m_stopping)
        return;
    s.retry = s.retry.count() == 0 ? m_options.firstRetry : std::min(s.retry * 2, m_options.longestRetry);
    qCInfo(lcEngine) << "reconnecting in" << s.retry.count() << "ms";
    s.retryTimer.start(s.retry);
}

void AccountEngine::onNetworkReachability()
{
    const auto reachability = QNetworkInformation::instance()->reachability();
    if (reachability != QNetworkInformation::Reachability::Online
        && reachability != QNetworkInformation::Reachability::Site)
        return;
    // Back online: do not wait out the backoff.
    for (int role = 0; role < roleCount; ++role) {
        Slot &s = m_slots[role];
        if (s.retryTimer.isActive()) {
            s.retryTimer.stop();
            s.retry = std::chrono::milliseconds(0);
            connectSlot(Role(role));
        }
    }
}

// --- mailboxes -------------------------------------------------------------------------------

QList<store::MailboxRecord> AccountEngine::mailboxes() const
{
    return m_store ? m_store->mailboxes() : QList<store::MailboxRecord>{};
}

std::optional<store::MailboxRecord> AccountEngine::mailboxByPath(const QString &path) const
{
    if (!m_store)
        return std::nullopt;
    if (path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        return m_store->mailboxByPath(QStringLiteral("INBOX"));
    return m_store->mailboxByPath(path);
}

void AccountEngine::syncFolderList(std::function<void(bool, const QString &)> done)
{
    m_folderSyncWaiting.push_back(std::move(done));
    if (m_folderSync)
        return;
    withSession(Role::Background, [this](Session *session) {
        auto report = [this](bool ok, const QString &error) {
            if (m_folderSync)
                m_folderSync.release()->deleteLater();
            const auto waiting = std::exchange(m_folderSyncWaiting, {});
            for (const auto &then : waiting)
                then(ok, error);
        };
        if (!session)
            return report(false, tr("Could not connect to %1").arg(m_account.imap.host));
        m_folderSync = std::make_unique<FolderListSync>(*session, *m_store);
        // While the journal has work queued, a mailbox it created or renamed locally may not be
        // on the server yet: nothing is removed on the strength of one listing then.
        m_folderSync->setKeepLocal([this](const QString &) {
            return m_journal && !m_journal->isIdle();
        });
        connect(m_folderSync.get(), &FolderListSync::finished, this,
                [this, report](const QList<store::MailboxRecord> &mailboxes) {
                    m_lastSync = QDateTime::currentDateTimeUtc();
                    Q_EMIT mailboxesChanged(mailboxes);
                    report(true, {});
                });
        connect(m_folderSync.get(), &FolderListSync::failed, this, [report](const QString &message) {
            report(false, message);
        });
        m_folderSync->start();
    });
}

AccountEngine::RequestId AccountEngine::syncMailboxes()
{
    return post([this](RequestId id) {
        if (!m_started)
            return finish(id, false, tr("The account is not started"));
        syncFolderList([this, id](bool ok, const QString &error) {
            finish(id, ok, error);
        });
    });
}

void AccountEngine::openOn(Role role, const QString &path)
{
    Slot &s = slot(role);
    s.mailboxPath = path;
    s.sync.reset();
    withSession(role, [this, role, path](Session *session) {
        Slot &s = slot(role);
        if (!session || s.mailboxPath != path)
            return;
        const std::optional<store::MailboxRecord> mailbox = mailboxByPath(path);
        if (!mailbox) {
            const QList<RequestId> requests = std::exchange(s.openRequests, {});
            for (RequestId request : requests)
                finish(request, false, tr("There is no mailbox \"%1\"").arg(path));
            return;
        }
        // Until the new mailbox is synced, its commands follow each other without IDLE between.
        session->setIdleWhenQuiet(false);
        s.sync = std::make_unique<MailboxSync>(*session, *m_store, mailbox->id);
        MailboxSync *sync = s.sync.get();
        if (m_journal)
            sync->setOverlay([this](qint64 mailboxId, store::MailboxChanges &changes) {
                m_journal->overlayPending(mailboxId, changes);
            });
        connect(sync, &MailboxSync::delta, m_deltas.get(), &DeltaCoalescer::add);
        connect(sync, &MailboxSync::firstWindowReady, this, [this, sync] {
            m_deltas->flush();
            Q_EMIT firstWindowReady(sync->mailboxId());
        });
        connect(sync, &MailboxSync::synced, this, [this, role, sync] {
            Slot &s = slot(role);
            s.retry = std::chrono::milliseconds(0);
            m_lastSync = QDateTime::currentDateTimeUtc();
            const QList<RequestId> requests = std::exchange(s.openRequests, {});
            for (RequestId request : requests)
                finish(request, true, {}, QVariant::fromValue(sync->mailboxId()));
            // Stay selected and let the server push its news, also after each command the
            // engine sends on this connection later (a new message's FETCH, a part).
            if (s.session && s.session->isUsable())
                s.session->setIdleWhenQuiet(true);
        });
        connect(sync, &MailboxSync::failed, this, [this, role](const QString &message) {
            Slot &s = slot(role);
            const QList<RequestId> requests = std::exchange(s.openRequests, {});
            for (RequestId request : requests)
                finish(request, false, message);
            if (s.session && s.session->isUsable()) {
                // A sync that failed on a working connection (a store error, a mailbox gone)
                // is not retried in a loop; the connection is made again for the next open.
                s.session->close();
                s.session.release()->deleteLater();
            }
            s.sync.release()->deleteLater();
        });
        sync->start();
    });
}

AccountEngine::RequestId AccountEngine::openMailbox(const QString &path)
{
    return post([this, path](RequestId id) {
        if (!m_started)
            return finish(id, false, tr("The account is not started"));
        const std::optional<store::MailboxRecord> mailbox = mailboxByPath(path);
        if (!mailbox)
            return finish(id, false, tr("There is no mailbox \"%1\"").arg(path));
        // Deltas held back for this mailbox describe rows the snapshot already holds: they go
        // first, so that the reset that follows supersedes them rather than the other way round.
        m_deltas->flush();
        Q_EMIT mailboxDelta(cachedRows(*m_store, mailbox->id));
        // INBOX is open already where it is watched: the watch connection serves both.
        const bool inbox = path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
        Role role = Role::Selected;
        if (inbox && m_options.watchInbox) {
            role = Role::Watch;
            Slot &watch = slot(Role::Watch);
            if (watch.sync && watch.sync->isSynced()) {
                watch.openRequests.append(id);
                watch.sync->poll();
                const QList<RequestId> requests = std::exchange(watch.openRequests, {});
                for (RequestId request : requests)
                    finish(request, true, {}, QVariant::fromValue(watch.sync->mailboxId()));
                return;
            }
        }
        Slot &s = slot(role);
        s.openRequests.append(id);
        if (s.mailboxPath == path && s.sync && !s.sync->isSynced())
            return; // already opening
        openOn(role, path);
    });
}

AccountEngine::RequestId AccountEngine::fetchPart(const QString &path, Uid uid, const QByteArray &section)
{
    return post([this, path, uid, section](RequestId id) {
        auto deliver = [this, id](bool ok, const QByteArray &data, const QString &error) {
            finish(id, ok, error, ok ? QVariant(data) : QVariant());
        };
        withMailboxSync(
            path,
            [this, uid, section, deliver](qint64 mailboxId) {
                const std::optional<QByteArray> cached
                    = m_store->part(mailboxId, uid, MailboxSync::partCacheKey(section));
                if (cached)
                    deliver(true, *cached, {});
                return cached.has_value();
            },
            [uid, section, deliver](MailboxSync *sync, const QString &error) {
                if (!sync)
                    return deliver(false, {}, error);
                sync->fetchPart(uid, section, deliver);
            });
    });
}

AccountEngine::RequestId AccountEngine::fetchStructure(const QString &path, Uid uid)
{
    return post([this, path, uid](RequestId id) {
        auto deliver = [this, id](bool ok, const MessageStructure &structure, const QString &error) {
            finish(id, ok, error, ok ? QVariant::fromValue(structure) : QVariant());
        };
        withMailboxSync(
            path,
            [this, uid, deliver](qint64 mailboxId) {
                const std::optional<QByteArray> blob = m_store->bodyStructure(mailboxId, uid);
                const std::optional<MessageStructure> stored = blob ? MessageStructure::fromBlob(*blob) : std::nullopt;
                if (stored)
                    deliver(true, *stored, {});
                return stored.has_value();
            },
            [uid, deliver](MailboxSync *sync, const QString &error) {
                if (!sync)
                    return deliver(false, {}, error);
                sync->fetchStructure(uid, deliver);
            });
    });
}

void AccountEngine::withMailboxSync(const QString &path, const std::function<bool(qint64 mailboxId)> &fromStore,
                                    std::function<void(MailboxSync *sync, const QString &error)> work)
{
    const std::optional<store::MailboxRecord> mailbox = mailboxByPath(path);
    if (!mailbox)
        return work(nullptr, tr("There is no mailbox \"%1\"").arg(path));
    for (Slot &s : m_slots) {
        if (s.sync && s.sync->mailboxId() == mailbox->id && s.sync->isSynced())
            return work(s.sync.get(), {});
    }
    // What the store holds needs no connection, nor the mailbox open.
    if (fromStore(mailbox->id))
        return;
    // Open it first, then fetch.
    const RequestId opening = openMailbox(path);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(this, &AccountEngine::requestFinished, this,
                          [this, opening, connection, mailboxId = mailbox->id,
                           work = std::move(work)](quint64 request, bool ok, const QString &error, const QVariant &) {
                              if (request != opening)
                                  return;
                              disconnect(*connection);
                              if (!ok)
                                  return work(nullptr, error);
                              for (Slot &s : m_slots) {
                                  if (s.sync && s.sync->mailboxId() == mailboxId)
                                      return work(s.sync.get(), {});
                              }
                              work(nullptr, tr("The mailbox closed before the message was fetched"));
                          });
}

// --- the journal -----------------------------------------------------------------------------

void AccountEngine::runJournalRequest(RequestId id, const std::function<OperationJournal::Request()> &submit)
{
    if (!m_started || !m_journal)
        return finish(id, false, tr("The account is not started"));
    const OperationJournal::Request request = submit();
    if (!request.ok())
        return finish(id, false, request.message);
    m_journalRequests.insert(request.id, id);
}

AccountEngine::RequestId
AccountEngine::journalRequest(const QStringList &paths,
                              std::function<OperationJournal::Request(const QList<qint64> &mailboxIds)> submit)
{
    return post([this, paths, submit = std::move(submit)](RequestId id) {
        if (!m_started || !m_journal)
            return finish(id, false, tr("The account is not started"));
        QList<qint64> ids;
        for (const QString &path : paths) {
            const std::optional<store::MailboxRecord> mailbox = mailboxByPath(path);
            if (!mailbox)
                return finish(id, false, tr("There is no mailbox \"%1\"").arg(path));
            ids.append(mailbox->id);
        }
        runJournalRequest(id, [&] {
            return submit(ids);
        });
    });
}

AccountEngine::RequestId AccountEngine::setFlags(const QString &path, const UidSet &uids, const Flags &add,
                                                 const Flags &remove, bool undoable)
{
    return journalRequest({path}, [this, uids, add, remove, undoable](const QList<qint64> &ids) {
        return m_journal->setFlags(ids[0], uids, add, remove, undoable);
    });
}

AccountEngine::RequestId AccountEngine::move(const QString &path, const UidSet &uids, const QString &target)
{
    return journalRequest({path, target}, [this, uids](const QList<qint64> &ids) {
        return m_journal->move(ids[0], uids, ids[1]);
    });
}

AccountEngine::RequestId AccountEngine::copy(const QString &path, const UidSet &uids, const QString &target)
{
    return journalRequest({path, target}, [this, uids](const QList<qint64> &ids) {
        return m_journal->copy(ids[0], uids, ids[1]);
    });
}

AccountEngine::RequestId AccountEngine::remove(const QString &path, const UidSet &uids)
{
    return journalRequest({path}, [this, uids](const QList<qint64> &ids) {
        return m_journal->remove(ids[0], uids);
    });
}

AccountEngine::RequestId AccountEngine::createMailbox(const QString &path)
{
    return journalRequest({}, [this, path](const QList<qint64> &) {
        return m_journal->createMailbox(path);
    });
}

AccountEngine::RequestId AccountEngine::renameMailbox(const QString &path, const QString &newPath)
{
    return journalRequest({path}, [this, newPath](const QList<qint64> &ids) {
        return m_journal->renameMailbox(ids[0], newPath);
    });
}

AccountEngine::RequestId AccountEngine::deleteMailbox(const QString &path)
{
    return journalRequest({path}, [this](const QList<qint64> &ids) {
        return m_journal->deleteMailbox(ids[0]);
    });
}

AccountEngine::RequestId AccountEngine::setSubscribed(const QString &path, bool subscribed)
{
    return journalRequest({path}, [this, subscribed](const QList<qint64> &ids) {
        return m_journal->setSubscribed(ids[0], subscribed);
    });
}

AccountEngine::RequestId
AccountEngine::targetRequest(const QString &path, const QString &targetAccountKey,
                             std::function<OperationJournal::Request(qint64 mailboxId, AppendTarget &target)> submit)
{
    return journalRequest({path}, [this, targetAccountKey, submit = std::move(submit)](const QList<qint64> &ids) {
        const auto target = std::find_if(m_appendTargets.begin(), m_appendTargets.end(),
                                         [&targetAccountKey](const std::shared_ptr<AppendTarget> &each) {
                                             return each->accountKey() == targetAccountKey;
                                         });
        if (target == m_appendTargets.end())
            return OperationJournal::Request{0, OperationJournal::Error::UnknownAccount,
                                             tr("The account %1 is not open.").arg(targetAccountKey)};
        return submit(ids[0], **target);
    });
}

AccountEngine::RequestId AccountEngine::moveToAccount(const QString &path, const UidSet &uids,
                                                      const QString &targetAccountKey, const QString &targetPath)
{
    return targetRequest(path, targetAccountKey, [this, uids, targetPath](qint64 mailboxId, AppendTarget &target) {
        return m_journal->moveToAccount(mailboxId, uids, target, targetPath);
    });
}

AccountEngine::RequestId AccountEngine::copyFolderToAccount(const QString &path, const QString &targetAccountKey,
                                                            const QString &targetPath, char targetSeparator)
{
    return targetRequest(path, targetAccountKey,
                         [this, targetPath, targetSeparator](qint64 mailboxId, AppendTarget &target) {
                             return m_journal->copyFolderToAccount(mailboxId, target, targetPath, targetSeparator);
                         });
}

std::shared_ptr<AppendTarget> AccountEngine::appendTarget()
{
    return std::make_shared<EngineAppendTarget>(m_account.id, *this);
}

void AccountEngine::addAppendTarget(std::shared_ptr<AppendTarget> target)
{
    QMetaObject::invokeMethod(
        this,
        [this, target = std::move(target)] {
            // A second registration under the same key replaces the first.
            std::erase_if(m_appendTargets, [&target](const std::shared_ptr<AppendTarget> &each) {
                return each->accountKey() == target->accountKey();
            });
            m_appendTargets.push_back(target);
            if (m_journal)
                m_journal->addAppendTarget(target.get());
        },
        Qt::QueuedConnection);
}

QStringList AccountEngine::undoAccounts() const
{
    return m_journal ? m_journal->undoAccounts() : QStringList();
}

void AccountEngine::runOnTargetConnection(std::function<void(Session *)> work)
{
    if (m_stopping)
        return work(nullptr);
    if (!m_started) {
        m_targetWorkBeforeStart.push_back(std::move(work));
        return;
    }
    withSession(Role::Target, [this, work](Session *session) {
        if (session || m_stopping || m_state == State::Error)
            return work(session);
        // Not reachable for now: wait for the next attempt, which the failed one has scheduled.
        QMetaObject::invokeMethod(
            this,
            [this, work] {
                runOnTargetConnection(work);
            },
            Qt::QueuedConnection);
    });
}

AccountEngine::RequestId AccountEngine::undo()
{
    return journalRequest({}, [this](const QList<qint64> &) {
        return m_journal->undo();
    });
}

// --- search ----------------------------------------------------------------------------------

AccountEngine::RequestId AccountEngine::search(const SearchQuery &query, const QStringList &defaultMailboxes)
{
    return post([this, query, defaultMailboxes](RequestId id) {
        runSearch(id, query, defaultMailboxes);
    });
}

void AccountEngine::cancelSearch(RequestId id)
{
    QMetaObject::invokeMethod(
        this,
        [this, id] {
            const auto queued
                = std::find_if(m_searchQueue.begin(), m_searchQueue.end(), [id](const QueuedSearch &each) {
                      return each.id == id;
                  });
            if (queued != m_searchQueue.end()) {
                m_searchQueue.erase(queued);
                m_localSearches.erase(id);
                return finish(id, false, tr("The search was cancelled"));
            }
            if (m_searchId != id)
                return;
            // No more Local updates; the Server one on the wire still comes.
            m_localSearches.erase(id);
            if (m_search)
                return m_search->cancel(); // finishes after the mailbox on the wire
            // Still waiting for the connection, or server threads on the wire: the callback finds
            // another id and does nothing.
            m_searchId = 0;
            finish(id, false, tr("The search was cancelled"));
            startNextSearch();
        },
        Qt::QueuedConnection);
}

void AccountEngine::runSearch(RequestId id, const SearchQuery &query, const QStringList &defaultMailboxes)
{
    if (!m_started || !m_store)
        return finish(id, false, tr("The account is not started"));
    const QList<store::MailboxRecord> all = m_store->mailboxes();
    QList<store::MailboxRecord> chosen;
    QStringList unknown;
    auto choose = [&chosen](const store::MailboxRecord &mailbox) {
        const bool known = std::any_of(chosen.cbegin(), chosen.cend(), [&mailbox](const store::MailboxRecord &each) {
            return each.id == mailbox.id;
        });
        if (!known && mailbox.selectable)
            chosen.append(mailbox);
    };
    if (query.allFolders) {
        for (const store::MailboxRecord &mailbox : all)
            choose(mailbox);
    } else {
        const QStringList wanted = query.folders.isEmpty() ? defaultMailboxes : query.folders;
        for (const QString &name : wanted) {
            // Exactly, else ignoring case, else by the last level of the path.
            const auto leaf = [](const store::MailboxRecord &mailbox) {
                return mailbox.separator ? mailbox.path.section(QLatin1Char(mailbox.separator), -1) : mailbox.path;
            };
            const std::function<bool(const store::MailboxRecord &)> rules[] = {
                [&name](const store::MailboxRecord &m) {
                    return m.path == name
                        || (m.path == QLatin1String("INBOX") && name.compare(m.path, Qt::CaseInsensitive) == 0);
                },
                [&name](const store::MailboxRecord &m) {
                    return m.path.compare(name, Qt::CaseInsensitive) == 0;
                },
                [&name, &leaf](const store::MailboxRecord &m) {
                    return leaf(m).compare(name, Qt::CaseInsensitive) == 0;
                },
            };
            QList<store::MailboxRecord> found;
            for (const auto &rule : rules) {
                for (const store::MailboxRecord &mailbox : all) {
                    if (mailbox.selectable && rule(mailbox))
                        found.append(mailbox);
                }
                if (!found.isEmpty())
                    break;
            }
            if (found.isEmpty())
                unknown.append(name);
            for (const store::MailboxRecord &mailbox : std::as_const(found))
                choose(mailbox);
        }
    }

    SearchSummary summary;
    summary.mailboxes = int(chosen.size() + unknown.size());
    summary.failed = int(unknown.size());
    const int serverLeft = int(chosen.size());
    for (const QString &name : std::as_const(unknown)) {
        auto update = std::make_shared<SearchUpdate>();
        update->mailbox = name;
        update->error = tr("There is no folder “%1” in this account").arg(name);
        update->mailboxesLeft = serverLeft;
        Q_EMIT searchUpdate(id, update);
    }
    if (chosen.isEmpty())
        return finish(id, false,
                      unknown.isEmpty() ? tr("There is no folder to search") : tr("None of these folders exists"),
                      QVariant::fromValue(summary));

    // What the cache proves, read while the server searches: the server's command goes first.
    // has:attachment is decided from stored structures only where the server's answer will be
    // refined from them, which takes its capabilities: a connection's, if one is up.
    bool refinedAttachments = false;
    for (const Slot &each : m_slots) {
        if (each.session && each.session->isUsable()) {
            refinedAttachments = SearchCompiler::needsAttachmentRefinement(
                query.root, SearchCapabilities::of(each.session->connection()));
            break;
        }
    }
    auto local = std::make_unique<LocalSearch>(
        *m_store, query.root, chosen,
        [this, id, serverLeft] {
            return m_searchId == id && m_search ? m_search->left() : serverLeft;
        },
        refinedAttachments);
    connect(local.get(), &LocalSearch::update, this, [this, id](const SearchUpdatePtr &update) {
        Q_EMIT searchUpdate(id, update);
    });
    m_localSearches.emplace(id, std::move(local));
    m_searchQueue.push_back(
        {id, [this, id, root = query.root, chosen, summary] {
             withSession(Role::Search, [this, id, root, chosen, summary](Session *session) mutable {
                 if (m_searchId != id)
                     return; // cancelled while connecting
                 if (!session) {
                     const QString error = tr("Could not connect to %1").arg(m_account.imap.host);
                     int left = int(chosen.size());
                     for (const store::MailboxRecord &mailbox : std::as_const(chosen)) {
                         auto update = std::make_shared<SearchUpdate>();
                         update->mailbox = mailbox.path;
                         update->error = error;
                         update->mailboxesLeft = --left;
                         Q_EMIT searchUpdate(id, update);
                     }
                     summary.failed += int(chosen.size());
                     m_searchId = 0;
                     m_localSearches.erase(id);
                     finish(id, false, error, QVariant::fromValue(summary));
                     return startNextSearch();
                 }
                 const auto local = m_localSearches.find(id);
                 m_search = std::make_unique<ServerSearch>(
                     *session, *m_store, root, chosen, local != m_localSearches.end() ? local->second.get() : nullptr);
                 connect(m_search.get(), &ServerSearch::update, this, [this, id](const SearchUpdatePtr &update) {
                     Q_EMIT searchUpdate(id, update);
                 });
                 connect(m_search.get(), &ServerSearch::finished, this,
                         [this, id, summary](int failed, int matches, double serverSeconds) mutable {
                             summary.failed += failed;
                             summary.matches = matches;
                             summary.serverSeconds = serverSeconds;
                             // Inside its own signal: deleted once it has returned.
                             m_search.release()->deleteLater();
                             m_searchId = 0;
                             m_localSearches.erase(id);
                             const bool ok = summary.failed < summary.mailboxes;
                             finish(id, ok, ok ? QString() : tr("No folder could be searched"),
                                    QVariant::fromValue(summary));
                             startNextSearch();
                         });
                 m_search->start();
             });
         }});
    startNextSearch();
    // Unless the search has already ended (a query the server cannot be asked, say).
    if (const auto started = m_localSearches.find(id); started != m_localSearches.end())
        started->second->start();
}

AccountEngine::RequestId AccountEngine::serverThreads(const QString &path)
{
    return post([this, path](RequestId id) {
        runServerThreads(id, path);
    });
}

void AccountEngine::runServerThreads(RequestId id, const QString &path)
{
    if (!m_started || !m_store)
        return finish(id, false, tr("The account is not started"));
    const std::optional<store::MailboxRecord> mailbox = mailboxByPath(path);
    if (!mailbox || !mailbox->selectable)
        return finish(id, false, tr("There is no folder “%1” in this account").arg(path));
    m_searchQueue.push_back(
        {id, [this, id, mailbox = *mailbox] {
             withSession(Role::Search, [this, id, mailbox](Session *session) {
                 if (m_searchId != id)
                     return; // cancelled while connecting
                 // Answers the request unless it was cancelled meanwhile.
                 const auto done = [this, id](bool ok, const QString &error, const QVariant &result = {}) {
                     if (m_searchId != id)
                         return;
                     m_searchId = 0;
                     finish(id, ok, error, result);
                     startNextSearch();
                 };
                 if (!session)
                     return done(false, tr("Could not connect to %1").arg(m_account.imap.host));
                 const imap::Connection &connection = session->connection();
                 QByteArray algorithm;
                 if (connection.hasCapability("THREAD=REFERENCES"))
                     algorithm = "REFERENCES";
                 else if (connection.hasCapability("THREAD=REFS"))
                     algorithm = "REFS";
                 else
                     return done(false, tr("The server does not offer threads of its own"));
                 // EXAMINE (unless still open from a search) and THREAD go out together.
                 auto opened = std::make_shared<Session::Opened>();
                 session->examine(mailbox.id, mailbox.path, this, [opened](const Session::Opened &answer) {
                     *opened = answer;
                 });
                 session->run(std::move(imap::Command("UID THREAD").raw(algorithm).raw("UTF-8").raw("ALL")), this,
                              [done, opened, algorithm](const imap::CommandResult &result) {
                                  if (!opened->error.isEmpty())
                                      return done(false, opened->error);
                                  if (!result.ok()) {
                                      const QString text = QString::fromUtf8(result.status.text);
                                      return done(false,
                                                  text.isEmpty() ? tr("The server refused to thread "
                                                                      "this folder")
                                                                 : text);
                                  }
                                  ServerThreads threads
                                      = ServerThreads::fromResponses(result.data, opened->uidValidity);
                                  qCDebug(lcEngine).noquote()
                                      << "THREAD" << QString::fromLatin1(algorithm) << "covers" << threads.uids.count()
                                      << "messages," << threads.parentOf.size() << "with a parent";
                                  done(true, {}, QVariant::fromValue(std::move(threads)));
                              });
             });
         }});
    startNextSearch();
}

void AccountEngine::startNextSearch()
{
    if (m_searchId != 0 || m_searchQueue.empty() || m_stopping)
        return;
    QueuedSearch next = std::move(m_searchQueue.front());
    m_searchQueue.pop_front();
    m_searchId = next.id;
    next.run();
}

void AccountEngine::stop()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_stopping = true;
            if (m_deltas)
                m_deltas->flush();
            m_search.reset();
            m_localSearches.clear();
            m_searchQueue.clear();
            m_searchId = 0;
            for (Slot &s : m_slots) {
                s.retryTimer.stop();
                s.sync.reset();
                s.connector.reset();
                if (s.session) {
                    s.session->setMailboxReceiver({});
                    s.session->close();
                }
            }
            // Other accounts waiting on this one hear now that it is gone.
            for (const auto &work : std::exchange(slot(Role::Target).waiting, {}))
                work(nullptr);
            for (const auto &work : std::exchange(m_targetWorkBeforeStart, {}))
                work(nullptr);
            if (m_journal)
                m_journal->setSession(nullptr);
            m_folderSync.reset();
            m_journal.reset();
            m_store.reset();
            m_lock.reset();
            m_started = false;
            setState(State::Stopped);
            Q_EMIT stopped();
        },
        Qt::QueuedConnection);
}

} // namespace fumi::engine
