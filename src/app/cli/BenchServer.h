// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSslCertificate>
#include <QString>

namespace fumi::cli {

// Where the benchmark's mailbox is: a Dovecot on loopback with implicit TLS, a certificate from
// a throwaway CA (trust caCertificate, or the PEM file at caPath, and nothing else), one user
// whose `mailbox` holds `messages` messages.
struct BenchServer {
    QString host;
    quint16 port = 0; // implicit TLS (IMAPS)
    QString user;
    QString password;
    QSslCertificate caCertificate;
    QString caPath;
    QString mailbox;
    qsizetype messages = 0;
};

} // namespace fumi::cli
