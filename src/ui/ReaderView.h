// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QFormLayout;
class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTemporaryDir;

namespace fumi::mime {
class MessageDocument;
}

namespace fumi::ui {

class AttachmentList;
class MessageBrowser;
class RemoteContentPolicy;

// Shows one message from its raw RFC 5322 bytes: the header area, the body and the attachments.
//
// Nothing in a message is trusted. Header labels are plain text and show every real address
// beside its display name; what looks like a forged sender is a visible warning. The body goes
// through the sanitiser (HTML) or the plain-text renderer, into a MessageBrowser that fetches
// nothing remote until the user says so in the remote-content bar, for this message or for
// every message from its sender (kept by the RemoteContentPolicy). Links open only on a click.
class ReaderView : public QWidget
{
    Q_OBJECT

public:
    explicit ReaderView(QWidget *parent = nullptr);
    ~ReaderView() override;

    // Where "always for this sender" is kept; not owned, may be null (then the choice is not
    // offered).
    void setRemoteContentPolicy(RemoteContentPolicy *policy);
    // Used only for remote content the user allowed; not owned, may be null.
    void setNetworkAccessManager(QNetworkAccessManager *network);
    // Show the plain-text part of multipart/alternative (and HTML-only mail flattened to text).
    void setPreferPlainText(bool preferPlain);

    // Shows the message. `accountId` scopes the "always for this sender" choice.
    void setMessage(const QByteArray &raw, const QString &accountId = QString());
    void clear();

    [[nodiscard]] const mime::MessageDocument *message() const { return m_document.get(); }
    [[nodiscard]] MessageBrowser *browser() const { return m_browser; }
    [[nodiscard]] AttachmentList *attachmentList() const { return m_attachments; }
    // Remote references that the shown body did not load (0 when there were none or they load).
    [[nodiscard]] int blockedRemoteResources() const { return m_blockedRemote; }

    // Writes the attachment `partId` to `path`; false when the part or the file fails.
    [[nodiscard]] bool saveAttachment(const QString &partId, const QString &path) const;
    // A temporary copy of the attachment (for Open and for drags), removed with this view; empty
    // on failure.
    [[nodiscard]] QString exportAttachment(const QString &partId) const;

public Q_SLOTS:
    void loadRemoteContent();
    void alwaysLoadRemoteContentFromSender();

Q_SIGNALS:
    // The real target of the link under the mouse, or an empty string when it leaves (status bar).
    void linkHovered(const QString &url);
    void remoteContentBlocked(int count);

private:
    void showHeaders();
    void showBody();
    void showAttachments();
    void openLink(const QUrl &url);
    void saveSelectedAttachment();
    void openSelectedAttachment();
    [[nodiscard]] QString selectedPartId() const;
    [[nodiscard]] bool senderMayBeTrusted() const;

    std::unique_ptr<mime::MessageDocument> m_document;
    QString m_accountId;
    RemoteContentPolicy *m_policy = nullptr;
    QPointer<QNetworkAccessManager> m_network;
    bool m_preferPlain = false;
    bool m_remoteForThisMessage = false;
    int m_blockedRemote = 0;
    mutable std::unique_ptr<QTemporaryDir> m_tempDir;

    QWidget *m_headerArea = nullptr;
    QFormLayout *m_headerForm = nullptr;
    QLabel *m_warning = nullptr;
    QWidget *m_remoteBar = nullptr;
    QLabel *m_remoteLabel = nullptr;
    QPushButton *m_loadRemoteButton = nullptr;
    QPushButton *m_alwaysRemoteButton = nullptr;
    MessageBrowser *m_browser = nullptr;
    QWidget *m_attachmentArea = nullptr;
    AttachmentList *m_attachments = nullptr;
};

} // namespace fumi::ui
