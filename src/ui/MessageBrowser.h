// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTextBrowser>
#include <QUrl>

class QNetworkAccessManager;

namespace fumi::mime {
class MessageDocument;
}

namespace fumi::ui {

// The reader's body view: a QTextBrowser that is the last wall between a message and the network.
//
// Qt's rich-text engine asks loadResource() for every image and style sheet it meets. Here
// `cid:` URLs are served from the message's own parts; `http(s)` is fetched only after
// setRemoteAllowed(true) and only through the QNetworkAccessManager the owner gave; everything
// else (file:, data:, relative names, the sanitiser's fumi-blocked: placeholders) gets a neutral
// placeholder, which also keeps QTextDocument from falling back to reading local files. Links
// never open by themselves: a click is reported through linkClicked().
class MessageBrowser : public QTextBrowser
{
    Q_OBJECT

public:
    explicit MessageBrowser(QWidget *parent = nullptr);

    // The message whose parts serve cid: URLs; not owned, may be null.
    void setMessageDocument(const mime::MessageDocument *document);
    // Whether http(s) resources may be fetched, and with what. The manager is not owned.
    void setRemoteAllowed(bool allowed, QNetworkAccessManager *network);
    [[nodiscard]] bool isRemoteAllowed() const { return m_remoteAllowed; }
    // Remote requests this browser has started since it was made (for tests and diagnostics).
    [[nodiscard]] int remoteRequestCount() const { return m_remoteRequests; }

    QVariant loadResource(int type, const QUrl &name) override;

Q_SIGNALS:
    void linkClicked(const QUrl &url);
    void remoteResourceArrived(const QUrl &url);

private:
    void fetch(int type, const QUrl &url);
    [[nodiscard]] QVariant placeholder(int type) const;

    const mime::MessageDocument *m_document = nullptr;
    QPointer<QNetworkAccessManager> m_network;
    bool m_remoteAllowed = false;
    int m_remoteRequests = 0;
    QSet<QUrl> m_pending;
};

} // namespace fumi::ui
