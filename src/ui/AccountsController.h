// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "account/Profile.h"
#include "engine/AccountEngine.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace fumi::account {
class AccountManager;
class CredentialStore;
class TrustStore;
} // namespace fumi::account

namespace fumi::models {
class AccountRegistry;
}

namespace fumi::ui {

// Runs the accounts of a profile for the GUI: one AccountEngine per account, each on its own
// QThread, added to an AccountRegistry and started.
//
// It owns the threads and, through them, the engines (an engine is deleted on its thread when
// that thread finishes). stopAll() — and the destructor — stop every engine (each logs out and
// closes its store), wait for them, and join the threads, so that nothing is left running when
// the application quits.
//
// After startProfile() it is also where the GUI changes the profile's accounts while it runs:
// the account settings (accountManager()), the secrets (credentials()) and the trusted
// certificates (trustStore()) the engines use, and startAccount(), restartAccount() and
// removeAccount(), so that an account added, edited or removed in a dialog shows in the folder
// tree at once, without a restart.
class AccountsController : public QObject
{
    Q_OBJECT

public:
    // `registry` must outlive this.
    explicit AccountsController(models::AccountRegistry *registry, QObject *parent = nullptr);
    ~AccountsController() override;

    // Reads the profile's accounts and trusted certificates and starts an engine for each, with
    // the system keychain for secrets (or the account's password command). False, with
    // errorString(), when the profile's files cannot be read.
    [[nodiscard]] bool startProfile(const account::Profile &profile);
    // The same with another credential store (tests: an in-memory one), which must outlive this.
    [[nodiscard]] bool startProfile(const account::Profile &profile, account::CredentialStore *credentials);
    [[nodiscard]] QString errorString() const { return m_error; }

    // After startProfile(): the profile and the services its engines use (GUI thread only).
    [[nodiscard]] const account::Profile &profile() const { return m_profile; }
    [[nodiscard]] account::AccountManager *accountManager() const { return m_manager.get(); }
    [[nodiscard]] account::CredentialStore *credentials() const { return m_credentials; }
    [[nodiscard]] account::TrustStore *trustStore() const { return m_trust.get(); }

    // Starts the engine of an account of accountManager() that is not running yet. False when
    // there is no such account or it runs already.
    bool startAccount(const QString &id);
    // Stops one account's engine and joins its thread; nothing happens when it does not run.
    void stopAccount(const QString &id, std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    // Stops and starts it again, with the settings accountManager() has now.
    bool restartAccount(const QString &id);
    [[nodiscard]] bool isRunning(const QString &id) const;

    // Removes an account for good: stops its engine, removes its secrets from credentials(),
    // then its settings, then its local cache. When the secrets cannot be removed (the keychain
    // is locked), the account stays as it was, with its engine started again, and `done` gets
    // the error; `done` gets an empty string on success. `done` runs later, while `context` lives.
    void removeAccount(const QString &id, QObject *context, std::function<void(const QString &error)> done);

    // Starts one account's engine with the services given (tests use this with an in-memory
    // credential store and a test CA). The services must outlive this controller. Returns the
    // engine's start request, answered through the registry.
    engine::AccountEngine::RequestId addAccount(const account::Account &account, const QString &dataDirectory,
                                                engine::AccountEngine::Services services,
                                                engine::AccountEngine::Options options = {});

    [[nodiscard]] int runningCount() const { return int(m_running.size()); }
    // Stops every engine and joins its thread, waiting up to `timeout` for the engines to log
    // out. Idempotent.
    void stopAll(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

Q_SIGNALS:
    // Every engine has stopped and every thread has finished.
    void allStopped();

private:
    void stopEngines(const QStringList &ids, std::chrono::milliseconds timeout);

    struct Running {
        QString account;
        std::unique_ptr<QThread> thread;
        engine::AccountEngine *engine = nullptr; // lives on `thread`, deleted there
    };

    models::AccountRegistry *m_registry;
    std::vector<Running> m_running;
    account::Profile m_profile;
    std::unique_ptr<account::AccountManager> m_manager;
    std::unique_ptr<account::CredentialStore> m_keychain;
    std::unique_ptr<account::CredentialStore> m_confined; // m_keychain, used from the GUI thread only
    account::CredentialStore *m_credentials = nullptr;    // m_confined, or the one startProfile() was given
    std::unique_ptr<account::TrustStore> m_trust;
    QString m_error;
};

} // namespace fumi::ui
