// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/TrustStorePolicy.h"

#include "engine/Logging.h"

namespace fumi::engine {

TrustStorePolicy::TrustStorePolicy(const account::TrustStore *store)
    : m_store(store)
{
}

bool TrustStorePolicy::accept(const QString &host, quint16 port, const QSslCertificate &certificate,
                              const QList<QSslError> &errors)
{
    const auto decision = m_store ? m_store->check(host, port, certificate) : account::TrustStore::Decision::Unknown;
    if (decision == account::TrustStore::Decision::Trusted) {
        qCInfo(lcEngine).noquote() << "accepting" << account::TrustStore::fingerprint(certificate) << "for" << host
                                   << port << "as the user trusted it";
        return true;
    }
    m_lastRefusal = Refusal{host, port, certificate, errors, decision};
    return false;
}

} // namespace fumi::engine
