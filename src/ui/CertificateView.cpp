// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/CertificateView.h"

#include "account/TrustStore.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace fumi::ui {

namespace {

QLabel *valueLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

CertificateView::CertificateView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_subjectLabel = new QLabel(this);
    m_issuerLabel = new QLabel(this);
    m_validFromLabel = new QLabel(this);
    m_validUntilLabel = new QLabel(this);
    m_fingerprintLabel = new QLabel(this);
    m_subject = valueLabel(this, u"certificateSubject"_s);
    m_issuer = valueLabel(this, u"certificateIssuer"_s);
    m_validFrom = valueLabel(this, u"certificateValidFrom"_s);
    m_validUntil = valueLabel(this, u"certificateValidUntil"_s);
    m_fingerprint = valueLabel(this, u"certificateFingerprint"_s);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addRow(m_subjectLabel, m_subject);
    layout->addRow(m_issuerLabel, m_issuer);
    layout->addRow(m_validFromLabel, m_validFrom);
    layout->addRow(m_validUntilLabel, m_validUntil);
    layout->addRow(m_fingerprintLabel, m_fingerprint);
    retranslate();
}

void CertificateView::setCertificate(const QSslCertificate &certificate, const QDateTime &now)
{
    m_certificate = certificate;
    m_now = now;
    showValues();
}

void CertificateView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CertificateView::retranslate()
{
    m_subjectLabel->setText(tr("Issued to:"));
    m_issuerLabel->setText(tr("Issued by:"));
    m_validFromLabel->setText(tr("Valid from:"));
    m_validUntilLabel->setText(tr("Valid until:"));
    m_fingerprintLabel->setText(tr("SHA-256 fingerprint:"));
    showValues();
}

void CertificateView::showValues()
{
    if (m_certificate.isNull()) {
        for (QLabel *label : {m_subject, m_issuer, m_validFrom, m_validUntil, m_fingerprint})
            label->clear();
        return;
    }
    const QLocale locale;
    const auto when = [&locale](const QDateTime &time) {
        return locale.toString(time.toLocalTime(), QLocale::LongFormat);
    };
    m_subject->setText(m_certificate.subjectDisplayName());
    m_issuer->setText(m_certificate.issuerDisplayName());
    QString from = when(m_certificate.effectiveDate());
    if (m_certificate.effectiveDate() > m_now)
        from = tr("%1 (not valid yet)").arg(from);
    m_validFrom->setText(from);
    QString until = when(m_certificate.expiryDate());
    if (m_certificate.expiryDate() < m_now)
        until = tr("%1 (expired)").arg(until);
    m_validUntil->setText(until);
    m_fingerprint->setText(account::TrustStore::fingerprint(m_certificate));
}

} // namespace fumi::ui
