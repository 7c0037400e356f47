// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "account/Profile.h"
#include "engine/AccountEngine.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <vector>

class QThread;

namespace fumi::account {
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
    [[nodiscard]] QString errorString() const { return m_error; }

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
    struct Running {
        QString account;
        std::unique_ptr<QThread> thread;
        engine::AccountEngine *engine = nullptr; // lives on `thread`, deleted there
    };

    models::AccountRegistry *m_registry;
    std::vector<Running> m_running;
    std::unique_ptr<account::CredentialStore> m_keychain;
    std::unique_ptr<account::CredentialStore> m_credentials; // m_keychain, used from the GUI thread only
    std::unique_ptr<account::TrustStore> m_trust;
    QString m_error;
};

} // namespace fumi::ui
