// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/SettingsFile.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QReadWriteLock>
#include <QSslCertificate>
#include <QString>

#include <functional>
#include <optional>

namespace fumi::account {

// The certificates the user chose to trust although the system does not: for each host and
// port, exactly one certificate, identified by the SHA-256 of the server's leaf certificate.
//
// Nothing broader is ever trusted: not the issuer, not the host on another port, not another
// certificate for the same host. When a server presents a different certificate than the one
// trusted (it was renewed, or someone is in the middle), check() says Changed, the connection
// is refused, and the user is asked again. The list is kept in the profile's
// trusted-certificates file (format "fumi-trust", see SettingsFile).
//
// One store serves a profile: the engines' threads check() while the account wizard on the GUI
// thread may trust() a new certificate, so every member is safe to call from any thread.
class TrustStore
{
public:
    static constexpr int formatVersion = 1;

    struct Exception {
        QString host; // lower case
        quint16 port = 0;
        QByteArray sha256; // the raw 32 bytes of the leaf certificate's digest
        QString subject;   // for the user, when the certificate is listed
        QDateTime expires;
        QDateTime trustedAt;
    };

    enum class Decision {
        Trusted,
        Unknown, // nothing trusted for this host and port
        Changed, // another certificate was trusted for this host and port
    };

    explicit TrustStore(QString filePath);

    // Reads the file; false with errorString() when it cannot be understood (then nothing is
    // trusted and nothing is written).
    [[nodiscard]] bool load();
    [[nodiscard]] QString errorString() const;

    [[nodiscard]] Decision check(const QString &host, quint16 port, const QSslCertificate &certificate) const;
    [[nodiscard]] Decision check(const QString &host, quint16 port, const QByteArray &sha256) const;

    // Trusts exactly this certificate for host and port, replacing what was trusted there.
    // Returns an error message, empty on success.
    [[nodiscard]] QString trust(const QString &host, quint16 port, const QSslCertificate &certificate);
    // The same from a fingerprint alone (fumi-cli's `account trust`).
    [[nodiscard]] QString trust(const QString &host, quint16 port, const QByteArray &sha256);
    [[nodiscard]] QString forget(const QString &host, quint16 port);

    [[nodiscard]] QList<Exception> exceptions() const;

    // "SHA256:" and the digest in upper-case hex pairs separated by colons, as shown to users.
    [[nodiscard]] static QString fingerprint(const QSslCertificate &certificate);
    [[nodiscard]] static QString formatFingerprint(const QByteArray &sha256);
    // Accepts what formatFingerprint() prints, with or without "SHA256:", colons, or case.
    [[nodiscard]] static std::optional<QByteArray> parseFingerprint(QStringView text);

private:
    QString change(const std::function<QString(QList<Exception> &)> &change);
    QString parse(const SettingsFile::Content &content, QList<Exception> *exceptions) const;

    SettingsFile m_file;
    QMutex m_writing; // one change of the file at a time
    mutable QReadWriteLock m_lock; // guards the two below
    QList<Exception> m_exceptions;
    QString m_error;
};

} // namespace fumi::account
