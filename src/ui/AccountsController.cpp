// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/AccountsController.h"

#include "account/AccountManager.h"
#include "account/KeychainCredentialStore.h"
#include "account/ThreadConfinedCredentialStore.h"
#include "account/TrustStore.h"
#include "models/AccountRegistry.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

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
    account::AccountManager manager(profile.accountsFile());
    if (!manager.load()) {
        m_error = manager.errorString();
        return false;
    }
    m_trust = std::make_unique<account::TrustStore>(profile.trustFile());
    if (!m_trust->load()) {
        m_error = m_trust->errorString();
        return false;
    }
    m_keychain = std::make_unique<account::KeychainCredentialStore>();
    // The keychain library is not safe from two threads at once, and every engine has its own:
    // all calls go through this (the GUI) thread.
    m_credentials = std::make_unique<account::ThreadConfinedCredentialStore>(*m_keychain, *this);
    engine::AccountEngine::Services services;
    services.credentials = m_credentials.get();
    services.trust = m_trust.get();
    for (const account::Account &account : manager.accounts())
        addAccount(account, profile.accountDataDirectory(account.id), services);
    return true;
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
    // Stop every engine at once and wait for all of them: logging out of several servers takes
    // as long as the slowest, not the sum.
    int waiting = 0;
    QEventLoop loop;
    for (Running &running : m_running) {
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
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    if (waiting > 0)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    for (Running &running : m_running) {
        running.thread->quit();
        running.thread->wait();
    }
    m_running.clear();
    Q_EMIT allStopped();
}

} // namespace fumi::ui
