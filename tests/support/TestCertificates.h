// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>

namespace fumi::test {

// A throwaway certificate authority and a server certificate it signed for localhost,
// 127.0.0.1 and ::1, made with the openssl command in a directory the caller owns. Tests trust
// the CA explicitly; the system trust store never does.
//
// `extraDnsNames` adds subject alternative names, for servers that tests reach under a real
// name while connecting to loopback (autoconfig.example.test...). Every create() makes a new
// CA, so two TestCertificates never trust each other's certificates.
class TestCertificates
{
public:
    [[nodiscard]] bool create(const QString &directory, const QStringList &extraDnsNames = {});
    [[nodiscard]] QString errorString() const { return m_error; }

    [[nodiscard]] QString caPath() const { return m_directory + QStringLiteral("/ca.pem"); }
    [[nodiscard]] QString certificatePath() const { return m_directory + QStringLiteral("/server.pem"); }
    [[nodiscard]] QString keyPath() const { return m_directory + QStringLiteral("/server.key"); }

    [[nodiscard]] QSslCertificate ca() const { return m_ca; }
    [[nodiscard]] QSslCertificate certificate() const { return m_certificate; }
    [[nodiscard]] QSslKey key() const { return m_key; }

private:
    QString m_directory;
    QString m_error;
    QSslCertificate m_ca;
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace fumi::test
