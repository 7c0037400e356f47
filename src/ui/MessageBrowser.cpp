// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MessageBrowser.h"

#include "mime/MessageDocument.h"

#include <QImage>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPainter>
#include <QTextDocument>

namespace fumi::ui {

namespace {

// An image larger than this is not a picture in a mail but a way to fill memory.
constexpr qint64 maxRemoteImageBytes = 16 * 1024 * 1024;

} // namespace

MessageBrowser::MessageBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme().isEmpty() && url.hasFragment()) {
            scrollToAnchor(url.fragment());
            return;
        }
        Q_EMIT linkClicked(url);
    });
}

void MessageBrowser::setMessageDocument(const mime::MessageDocument *document)
{
    m_document = document;
    m_pending.clear();
}

void MessageBrowser::setRemoteAllowed(bool allowed, QNetworkAccessManager *network)
{
    m_remoteAllowed = allowed && network;
    m_network = network;
}

QVariant MessageBrowser::placeholder(int type) const
{
    if (type != QTextDocument::ImageResource)
        return QVariant(QByteArray()); // not null: QTextDocument then tries nothing else
    QImage image(16, 16, QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(0xdd, 0xdd, 0xdd));
    QPainter painter(&image);
    painter.setPen(QColor(0x99, 0x99, 0x99));
    painter.drawRect(0, 0, 15, 15);
    return image;
}

QVariant MessageBrowser::loadResource(int type, const QUrl &name)
{
    const QString scheme = name.scheme().toLower();
    if (scheme == QLatin1String("cid") && m_document) {
        if (const auto part = m_document->contentById(name.path())) {
            if (type == QTextDocument::ImageResource) {
                QImage image;
                if (image.loadFromData(part->data))
                    return image;
            }
        }
        return placeholder(type);
    }
    if ((scheme == QLatin1String("http") || scheme == QLatin1String("https")) && m_remoteAllowed && m_network
        && type == QTextDocument::ImageResource) {
        fetch(type, name);
    }
    return placeholder(type);
}

void MessageBrowser::fetch(int type, const QUrl &url)
{
    if (m_pending.contains(url))
        return;
    m_pending.insert(url);
    ++m_remoteRequests;
    QNetworkRequest request(url);
    // A redirect may only go on to http(s); no cookies are sent or kept for mail content.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    QNetworkReply *reply = m_network->get(request);
    const QTextDocument *shown = document();
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > maxRemoteImageBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, type, shown] {
        reply->deleteLater();
        // The user may have moved to another message meanwhile.
        if (document() != shown || !m_pending.contains(url) || reply->error() != QNetworkReply::NoError)
            return;
        QImage image;
        if (!image.loadFromData(reply->readAll()))
            return;
        document()->addResource(type, url, image);
        document()->markContentsDirty(0, document()->characterCount());
        Q_EMIT remoteResourceArrived(url);
    });
}

} // namespace fumi::ui
