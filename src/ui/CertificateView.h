// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDateTime>
#include <QSslCertificate>
#include <QWidget>

class QLabel;

namespace fumi::ui {

// What a person needs to decide whether a server certificate is theirs: who it names (subject),
// who signed it (issuer), when it is valid (an expired or not yet valid certificate says so),
// and its SHA-256 fingerprint in the TrustStore's formatting, the one fumi-cli prints, so that it
// can be compared with what the server's administrator publishes. Every value can be selected
// and copied.
class CertificateView : public QWidget
{
    Q_OBJECT

public:
    explicit CertificateView(QWidget *parent = nullptr);

    // `now` decides what "expired" means (tests pass a fixed time).
    void setCertificate(const QSslCertificate &certificate, const QDateTime &now = QDateTime::currentDateTimeUtc());
    [[nodiscard]] QSslCertificate certificate() const { return m_certificate; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showValues();

    QSslCertificate m_certificate;
    QDateTime m_now;
    QLabel *m_subjectLabel = nullptr;
    QLabel *m_issuerLabel = nullptr;
    QLabel *m_validFromLabel = nullptr;
    QLabel *m_validUntilLabel = nullptr;
    QLabel *m_fingerprintLabel = nullptr;
    QLabel *m_subject = nullptr;
    QLabel *m_issuer = nullptr;
    QLabel *m_validFrom = nullptr;
    QLabel *m_validUntil = nullptr;
    QLabel *m_fingerprint = nullptr;
};

} // namespace fumi::ui
