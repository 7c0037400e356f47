// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "EngineRunner.h"

#include "Cli.h"

#include <QCoreApplication>

namespace fumi::cli {

EngineRunner::EngineRunner(Cli &cli, const account::Account &account, QObject *parent)
    : QObject(parent)
{
    engine::AccountEngine::Services services;
    if (cli.credentials()) {
        m_credentials = std::make_unique<account::ThreadConfinedCredentialStore>(*cli.credentials(), cli);
        services.credentials = m_credentials.get();
    }
    services.trust = cli.trust();
    engine::AccountEngine::Options options;
    m_engine = new engine::AccountEngine(account, cli.profile().accountDataDirectory(account.id), services, options);
    m_thread.setObjectName(QStringLiteral("engine ") + account.displayName);
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &engine::AccountEngine::requestFinished, this,
            [this](quint64 id, bool ok, const QString &error, const QVariant &result) {
                const auto it = m_waiting.find(id);
                if (it == m_waiting.end())
                    return;
                const Done done = it.value();
                m_waiting.erase(it);
                done(ok, error, result);
            });
    m_thread.start();
}

EngineRunner::~EngineRunner()
{
    m_thread.quit();
    m_thread.wait();
}

void EngineRunner::request(const std::function<engine::AccountEngine::RequestId(engine::AccountEngine &)> &send,
                           Done done)
{
    m_waiting.insert(send(*m_engine), std::move(done));
}

void EngineRunner::onEngineThread(const std::function<void(engine::AccountEngine &)> &work)
{
    QMetaObject::invokeMethod(
        m_engine,
        [this, &work] {
            work(*m_engine);
        },
        Qt::BlockingQueuedConnection);
}

void EngineRunner::stop(std::function<void()> then)
{
    connect(
        m_engine, &engine::AccountEngine::stopped, this,
        [then = std::move(then)] {
            then();
        },
        Qt::SingleShotConnection);
    m_engine->stop();
}

} // namespace fumi::cli
