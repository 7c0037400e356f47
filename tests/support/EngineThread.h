// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/AccountEngine.h"

#include <QEventLoop>
#include <QThread>
#include <QTimer>

namespace fumi::test {

// One AccountEngine on a thread of its own, as the application runs it. Going, it stops the
// engine (waiting up to 20 s for the server to say goodbye) and joins the thread, which
// deletes the engine. For tests and fumi-cli's benchmarks; the caller links fumi::engine.
class EngineThread
{
public:
    EngineThread(const account::Account &account, const QString &directory, engine::AccountEngine::Services services,
                 const engine::AccountEngine::Options &options)
        : engine(new engine::AccountEngine(account, directory, services, options))
    {
        engine->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, engine, &QObject::deleteLater);
        m_thread.start();
    }
    ~EngineThread()
    {
        QEventLoop loop;
        QObject::connect(engine, &engine::AccountEngine::stopped, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        engine->stop();
        loop.exec();
        m_thread.quit();
        m_thread.wait();
    }
    EngineThread(const EngineThread &) = delete;
    EngineThread &operator=(const EngineThread &) = delete;

    // The usual case: secrets from `credentials`, the fixture's CA trusted.
    [[nodiscard]] static engine::AccountEngine::Services servicesWith(account::CredentialStore *credentials)
    {
        engine::AccountEngine::Services services;
        services.credentials = credentials;
        return services;
    }
    [[nodiscard]] static engine::AccountEngine::Options trusting(const QSslCertificate &ca)
    {
        engine::AccountEngine::Options options;
        options.connection.caCertificates = {ca};
        return options;
    }

    engine::AccountEngine *engine; // lives on the thread, deleted there

private:
    QThread m_thread;
};

} // namespace fumi::test
