// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/TrustStore.h"
#include "imap/Connection.h"

namespace fumi::engine {

// The IMAP connection's certificate policy, answered from the user's trust exceptions: a
// certificate the system does not trust passes only when it is exactly the one the user
// trusted for this host and port. The last refused certificate is kept, so the caller can show
// it to the user (subject, issuer, validity, fingerprint) and ask.
class TrustStorePolicy : public imap::CertificatePolicy
{
public:
    explicit TrustStorePolicy(const account::TrustStore *store);

    [[nodiscard]] bool accept(const QString &host, quint16 port, const QSslCertificate &certificate,
                              const QList<QSslError> &errors) override;

    struct Refusal {
        QString host;
        quint16 port = 0;
        QSslCertificate certificate;
        QList<QSslError> errors;
        account::TrustStore::Decision decision = account::TrustStore::Decision::Unknown;
    };
    [[nodiscard]] const std::optional<Refusal> &lastRefusal() const { return m_lastRefusal; }

private:
    const account::TrustStore *m_store;
    std::optional<Refusal> m_lastRefusal;
};

} // namespace fumi::engine
