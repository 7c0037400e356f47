// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "imap/Connection.h"

namespace fumi::test {

// A CertificatePolicy that accepts exactly one certificate (none when constructed with a null
// one), and remembers what it was asked about, as a user's trust decision would.
class TrustExactlyPolicy : public imap::CertificatePolicy
{
public:
    explicit TrustExactlyPolicy(QSslCertificate trusted)
        : m_trusted(std::move(trusted))
    {
    }

    bool accept(const QString &host, quint16, const QSslCertificate &certificate, const QList<QSslError> &) override
    {
        ++asked;
        seenHost = host;
        seen = certificate;
        return !m_trusted.isNull() && certificate == m_trusted;
    }

    int asked = 0;
    QString seenHost;
    QSslCertificate seen;

private:
    QSslCertificate m_trusted;
};

} // namespace fumi::test
