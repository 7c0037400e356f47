// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "account/ThreadConfinedCredentialStore.h"
#include "engine/AccountEngine.h"

#include <QHash>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace fumi::cli {

class Cli;

// Runs one account's engine on its own thread for a fumi-cli command, as the GUI does, and
// turns its answers into callbacks on the command's thread.
class EngineRunner : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(bool ok, const QString &error, const QVariant &result)>;

    EngineRunner(Cli &cli, const account::Account &account, QObject *parent = nullptr);
    ~EngineRunner() override;

    [[nodiscard]] engine::AccountEngine &engine() { return *m_engine; }
    // Sends a request (the engine's request method, called here) and calls `done` with its answer.
    void request(const std::function<engine::AccountEngine::RequestId(engine::AccountEngine &)> &send, Done done);
    // Runs `work` on the engine's thread and waits for it: for reading the store.
    void onEngineThread(const std::function<void(engine::AccountEngine &)> &work);
    // Stops the engine (logging out) and then calls `then`.
    void stop(std::function<void()> then);

private:
    // The keychain is used from the command's thread only, however many engines run.
    std::unique_ptr<account::ThreadConfinedCredentialStore> m_credentials;
    QThread m_thread;
    engine::AccountEngine *m_engine; // lives on m_thread, deleted there
    QHash<quint64, Done> m_waiting;
};

} // namespace fumi::cli
