// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/ConnectionTest.h"

#include "account/OAuthTokenSource.h"
#include "account/ThreadConfinedCredentialStore.h"
#include "imap/Connection.h"

namespace fumi::engine {

namespace {

// Everything of one test that lives on the test's thread.
class Probe : public QObject
{
    Q_OBJECT

public:
    Probe(account::Account account, account::CredentialStore *credentials, const account::TrustStore *trust,
          std::optional<account::OAuthProvider> oauth)
        : m_account(std::move(account))
        , m_credentials(credentials)
        , m_policy(trust)
        , m_oauth(std::move(oauth))
    {
    }

    ~Probe() override
    {
        // The connection and the connector use the policy and the token source.
        m_connection.reset();
        m_connector.reset();
    }

    // On the test's thread, so that the connector, its socket and the token source live there.
    void start()
    {
        if (m_oauth)
            m_tokens = std::make_unique<account::OAuthTokenSource>(*m_oauth, m_credentials, m_account.id);
        m_connector = std::make_unique<AccountConnector>(m_account, AccountConnector::settingsFor(m_account),
                                                         m_credentials, &m_policy, m_tokens.get());
        connect(m_connector.get(), &AccountConnector::connected, this, [this] {
            m_connection = m_connector->takeConnection();
            ConnectionTest::Outcome outcome;
            outcome.ok = true;
            outcome.encrypted = m_connection->isEncrypted();
            // A polite LOGOUT; the test is over whatever the server answers.
            m_connection->close();
            Q_EMIT done(outcome);
        });
        connect(m_connector.get(), &AccountConnector::failed, this,
                [this](AccountConnector::Error error, const QString &message) {
                    ConnectionTest::Outcome outcome;
                    outcome.error = error;
                    outcome.message = message;
                    outcome.refusal = m_connector->refusal();
                    Q_EMIT done(outcome);
                });
        m_connector->start();
    }

Q_SIGNALS:
    void done(const fumi::engine::ConnectionTest::Outcome &outcome);

private:
    const account::Account m_account;
    account::CredentialStore *m_credentials;
    TrustStorePolicy m_policy;
    const std::optional<account::OAuthProvider> m_oauth;
    std::unique_ptr<account::OAuthTokenSource> m_tokens;
    std::unique_ptr<AccountConnector> m_connector;
    std::unique_ptr<imap::Connection> m_connection;
};

} // namespace

ConnectionTest::ConnectionTest(account::Account account, account::CredentialStore &credentials,
                               const account::TrustStore *trust, std::optional<account::OAuthProvider> oauth,
                               QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_credentials(std::make_unique<account::ThreadConfinedCredentialStore>(credentials, *this))
    , m_trust(trust)
    , m_oauth(std::move(oauth))
{
    qRegisterMetaType<Outcome>();
    m_thread.setObjectName(QStringLiteral("connection test"));
}

ConnectionTest::~ConnectionTest()
{
    // The probe is deleted on its thread as the thread ends (deleteLater below).
    m_thread.quit();
    m_thread.wait();
}

void ConnectionTest::start()
{
    if (m_thread.isRunning())
        return;
    auto *probe = new Probe(m_account, m_credentials.get(), m_trust, m_oauth);
    probe->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, probe, &QObject::deleteLater);
    connect(probe, &Probe::done, this, [this](const Outcome &outcome) {
        Q_EMIT finished(outcome);
    });
    connect(&m_thread, &QThread::started, probe, &Probe::start);
    m_thread.start();
}

} // namespace fumi::engine

#include "ConnectionTest.moc"
