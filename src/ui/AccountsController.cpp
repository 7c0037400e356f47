// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/AccountsController.h"

#include "account/AccountManager.h"
#include "account/AccountRemoval.h"
#include "account/KeychainCredentialStore.h"
#include "account/ThreadConfinedCredentialStore.h"
#include "account/TrustStore.h"
#include "models/AccountRegistry.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fumi::ui {

AccountsController::AccountsController(models::AccountRegistry *registry, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
{
}

AccountsController::~AccountsController()
{
    stopAll();
}

bool AccountsController::startProfile(const account::Profile &profile)
{
    m_keychain = std::make_unique<account::KeychainCredentialStore>();
    // The keychain library is not safe from two threads at once, and every engine has its own:
    // all calls go through this (the GUI) thread.
    m_confined = std::make_unique<account::ThreadConfinedCredentialStore>(*m_keychain, *this);
    return startProfile(profile, m_confined.get());
}

bool AccountsController::startProfile(const account::Profile &profile, account::CredentialStore *credentials)
{
    m_profile = profile;
    m_credentials = credentials;
    m_manager = std::make_unique<account::AccountManager>(profile.accountsFile());
    if (!m_manager->load()) {
        m_error = m_manager->errorString();
        return false;
    }
    m_trust = std::make_unique<account::TrustStore>(profile.trustFile());
    if (!m_trust->load()) {
        m_error = m_trust->errorString();
        return false;
    }
    for (const account::Account &account : m_manager->accounts())
        startAccount(account.id);
    return true;
}

bool AccountsController::startAccount(const QString &id)
{
    if (!m_manager || isRunning(id))
        return false;
    const auto account = m_manager->account(id);
    if (!account)
        return false;
    engine::AccountEngine::Services services;
    services.credentials = m_credentials;
    services.trust = m_trust.get();
    addAccount(*account, m_profile.accountDataDirectory(account->id), services);
    return true;
}

void AccountsController::stopAccount(const QString &id, std::chrono::milliseconds timeout)
{
    stopEngines({id}, timeout);
}

bool AccountsController::restartAccount(const QString &id)
{
    stopAccount(id);
    return startAccount(id);
}

bool AccountsController::isRunning(const QString &id) const
{
    return std::any_of(m_running.begin(), m_running.end(), [&id](const Running &running) {
        return running.account == id;
    });
}

void AccountsController::removeAccount(const QString &id, QObject *context,
                                       std::function<void(const QString &error)> done)
{
    const auto account = m_manager ? m_manager->account(id) : std::nullopt;
    if (!account) {
        QTimer::singleShot(0, context, [done = std::move(done)] {
            done(tr("There is no such account."));
        });
        return;
    }
    // The engine holds the cache open and may be reading the secret: it goes first.
    stopAccount(id);
    account::removeAccount(*m_manager, *m_credentials, m_profile, *account, context,
                           [this, id, done = std::move(done)](const account::AccountRemoval &removal) {
                               if (removal.failure != account::AccountRemoval::Failure::None) {
                                   startAccount(id); // still there: running again
                                   return done(removal.error);
                               }
                               done(removal.leftBehind.isEmpty()
                                        ? QString()
                                        : tr("The account was removed, but not all of its cache in %1.")
                                              .arg(removal.leftBehind.constLast()));
                           });
}

engine::AccountEngine::RequestId AccountsController::addAccount(const account::Account &account,
                                                                const QString &dataDirectory,
                                                                engine::AccountEngine::Services services,
                                                                engine::AccountEngine::Options options)
{
    Running running;
    running.account = account.id;
    running.thread = std::make_unique<QThread>();
    running.thread->setObjectName(QStringLiteral("engine ") + account.displayName);
    running.engine = new engine::AccountEngine(account, dataDirectory, services, std::move(options));
    running.engine->moveToThread(running.thread.get());
    connect(running.thread.get(), &QThread::finished, running.engine, &QObject::deleteLater);
    running.thread->start();
    m_registry->addEngine(running.engine);
    const engine::AccountEngine::RequestId start = m_registry->engine(account.id)->start();
    m_running.push_back(std::move(running));
    return start;
}

void AccountsController::stopAll(std::chrono::milliseconds timeout)
{
    if (m_running.empty())
        return;
    QStringList ids;
    for (const Running &running : m_running)
        ids << running.account;
    stopEngines(ids, timeout);
    Q_EMIT allStopped();
}

void AccountsController::stopEngines(const QStringList &ids, std::chrono::milliseconds timeout)
{
    // Stop every engine at once and wait for all of them: logging out of several servers takes
    // as long as the slowest, not the sum.
    int waiting = 0;
    QEventLoop loop;
    for (Running &running : m_running) {
        if (!ids.contains(running.account))
            continue;
        m_registry->removeEngine(running.account);
        ++waiting;
        connect(
            running.engine, &engine::AccountEngine::stopped, &loop,
            [&waiting, &loop] {
                if (--waiting == 0)
                    loop.quit();
            },
            Qt::SingleShotConnection);
        running.engine->stop();
    }
    if (waiting == 0)
        return;
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    for (Running &running : m_running) {
        if (!ids.contains(running.account))
            continue;
        running.thread->quit();
        running.thread->wait();
    }
    std::erase_if(m_running, [&ids](const Running &running) {
        return ids.contains(running.account);
    });
}

} // namespace fumi::ui
