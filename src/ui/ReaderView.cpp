// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ReaderView.h"

#include "mime/HtmlSanitizer.h"
#include "mime/MessageDocument.h"
#include "mime/PlainTextRenderer.h"
#include "ui/AttachmentList.h"
#include "ui/MessageBrowser.h"
#include "ui/RemoteContentPolicy.h"

#include <QDesktopServices>
#include <QNetworkAccessManager>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace fumi::ui {

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    // Plain text always: a subject or a name from a message must never be read as markup.
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    label->setText(text);
    return label;
}

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

} // namespace

ReaderView::ReaderView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_headerArea = new QWidget(this);
    m_headerArea->setObjectName(QStringLiteral("headerArea"));
    m_headerForm = new QFormLayout(m_headerArea);
    layout->addWidget(m_headerArea);

    m_warning = plainLabel(QString(), this);
    m_warning->setObjectName(QStringLiteral("headerWarning"));
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c12; padding: 4px; }"));
    m_warning->hide();
    layout->addWidget(m_warning);

    m_remoteBar = new QWidget(this);
    m_remoteBar->setObjectName(QStringLiteral("remoteContentBar"));
    auto *barLayout = new QHBoxLayout(m_remoteBar);
    m_remoteLabel = plainLabel(QString(), m_remoteBar);
    m_loadRemoteButton = new QPushButton(tr("Load for this message"), m_remoteBar);
    m_loadRemoteButton->setObjectName(QStringLiteral("loadRemoteButton"));
    m_alwaysRemoteButton = new QPushButton(m_remoteBar);
    m_alwaysRemoteButton->setObjectName(QStringLiteral("alwaysRemoteButton"));
    barLayout->addWidget(m_remoteLabel, 1);
    barLayout->addWidget(m_loadRemoteButton);
    barLayout->addWidget(m_alwaysRemoteButton);
    m_remoteBar->hide();
    layout->addWidget(m_remoteBar);
    connect(m_loadRemoteButton, &QPushButton::clicked, this, &ReaderView::loadRemoteContent);
    connect(m_alwaysRemoteButton, &QPushButton::clicked, this, &ReaderView::alwaysLoadRemoteContentFromSender);

    m_browser = new MessageBrowser(this);
    m_browser->setObjectName(QStringLiteral("messageBody"));
    layout->addWidget(m_browser, 1);
    connect(m_browser, &MessageBrowser::linkClicked, this, &ReaderView::openLink);
    connect(m_browser, qOverload<const QUrl &>(&QTextBrowser::highlighted), this, [this](const QUrl &url) {
        Q_EMIT linkHovered(url.toString());
    });

    m_attachmentArea = new QWidget(this);
    m_attachmentArea->setObjectName(QStringLiteral("attachmentArea"));
    auto *attachmentLayout = new QHBoxLayout(m_attachmentArea);
    m_attachments = new AttachmentList(m_attachmentArea);
    m_attachments->setMaximumHeight(96);
    m_attachments->setExporter([this](const QString &partId) {
        return exportAttachment(partId);
    });
    auto *buttons = new QVBoxLayout;
    auto *save = new QPushButton(tr("Save…"), m_attachmentArea);
    save->setObjectName(QStringLiteral("saveAttachmentButton"));
    auto *open = new QPushButton(tr("Open"), m_attachmentArea);
    open->setObjectName(QStringLiteral("openAttachmentButton"));
    buttons->addWidget(save);
    buttons->addWidget(open);
    buttons->addStretch();
    attachmentLayout->addWidget(m_attachments, 1);
    attachmentLayout->addLayout(buttons);
    m_attachmentArea->hide();
    layout->addWidget(m_attachmentArea);
    connect(save, &QPushButton::clicked, this, &ReaderView::saveSelectedAttachment);
    connect(open, &QPushButton::clicked, this, &ReaderView::openSelectedAttachment);
    connect(m_attachments, &QListWidget::itemActivated, this, &ReaderView::openSelectedAttachment);
}

ReaderView::~ReaderView()
{
    // The browser may still ask for resources while it is destroyed; it must not see a dead
    // document.
    m_browser->setMessageDocument(nullptr);
}

void ReaderView::setRemoteContentPolicy(RemoteContentPolicy *policy)
{
    m_policy = policy;
}

void ReaderView::setNetworkAccessManager(QNetworkAccessManager *network)
{
    m_network = network;
}

void ReaderView::setPreferPlainText(bool preferPlain)
{
    if (m_preferPlain == preferPlain)
        return;
    m_preferPlain = preferPlain;
    if (m_document)
        showBody();
}

void ReaderView::setMessage(const QByteArray &raw, const QString &accountId)
{
    m_browser->setMessageDocument(nullptr);
    m_document = std::make_unique<mime::MessageDocument>(raw);
    m_accountId = accountId;
    m_remoteForThisMessage = false;
    m_tempDir.reset();
    m_browser->setMessageDocument(m_document.get());
    showHeaders();
    showBody();
    showAttachments();
}

void ReaderView::clear()
{
    m_browser->setMessageDocument(nullptr);
    m_browser->setRemoteAllowed(false, nullptr);
    m_browser->clear();
    m_document.reset();
    m_tempDir.reset();
    m_blockedRemote = 0;
    while (m_headerForm->rowCount() > 0)
        m_headerForm->removeRow(0);
    m_warning->hide();
    m_remoteBar->hide();
    m_attachments->clear();
    m_attachmentArea->hide();
}

void ReaderView::showHeaders()
{
    while (m_headerForm->rowCount() > 0)
        m_headerForm->removeRow(0);
    using Kind = mime::HeaderField::Kind;
    for (const mime::HeaderField &field : m_document->headers()) {
        QString name;
        QString value;
        switch (field.kind) {
        case Kind::From:
            name = tr("From:");
            break;
        case Kind::Sender:
            name = tr("Sender:");
            break;
        case Kind::ReplyTo:
            name = tr("Reply-To:");
            break;
        case Kind::To:
            name = tr("To:");
            break;
        case Kind::Cc:
            name = tr("Cc:");
            break;
        case Kind::Date:
            name = tr("Date:");
            value = QLocale().toString(field.date.toLocalTime(), QLocale::LongFormat);
            break;
        case Kind::Subject:
            name = tr("Subject:");
            value = field.text;
            break;
        }
        if (!field.addresses.isEmpty()) {
            QStringList shown;
            for (const mime::MessageAddress &address : field.addresses)
                shown.append(address.display());
            value = shown.join(QLatin1String(", "));
        }
        m_headerForm->addRow(plainLabel(name, m_headerArea), plainLabel(value, m_headerArea));
    }

    QStringList warnings;
    using Warning = mime::MessageWarning::Kind;
    for (const mime::MessageWarning &warning : m_document->warnings()) {
        switch (warning.kind) {
        case Warning::MultipleFromHeaders:
            warnings.append(tr("This message has more than one From header (%1): the sender may not be who it "
                               "seems.")
                                .arg(warning.detail));
            break;
        case Warning::SeveralAuthorsWithoutSender:
            warnings.append(tr("This message names several authors and no Sender: %1.").arg(warning.detail));
            break;
        case Warning::DisplayNameLooksLikeAddress:
            warnings.append(tr("The sender's name looks like a different address: %1.").arg(warning.detail));
            break;
        case Warning::HiddenCharactersRemoved:
            warnings.append(
                tr("Invisible control characters were removed from a name or the subject: %1.").arg(warning.detail));
            break;
        case Warning::NoFrom:
            warnings.append(tr("This message does not say who sent it."));
            break;
        }
    }
    m_warning->setText(warnings.join(QLatin1Char('\n')));
    m_warning->setVisible(!warnings.isEmpty());
}

bool ReaderView::senderMayBeTrusted() const
{
    if (!m_document || !m_document->sender())
        return false;
    using Warning = mime::MessageWarning::Kind;
    for (const mime::MessageWarning &warning : m_document->warnings()) {
        if (warning.kind != Warning::HiddenCharactersRemoved)
            return false;
    }
    return true;
}

void ReaderView::showBody()
{
    const auto preference = m_preferPlain ? mime::MessageDocument::BodyPreference::PreferPlain
                                          : mime::MessageDocument::BodyPreference::PreferHtml;
    const mime::MessageBody body = m_document->body(preference);
    const bool senderAllowed
        = m_policy && senderMayBeTrusted() && m_policy->isSenderAllowed(m_accountId, m_document->sender()->address);
    const bool remoteAllowed = (m_remoteForThisMessage || senderAllowed) && m_network;
    m_blockedRemote = 0;
    m_browser->setRemoteAllowed(remoteAllowed, m_network);

    switch (body.format) {
    case mime::MessageBody::Format::None:
        m_browser->setHtml(QString());
        break;
    case mime::MessageBody::Format::Plain:
        m_browser->setHtml(mime::PlainTextRenderer::toHtml(body.text, {.flowed = body.flowed, .delSp = body.delSp}));
        break;
    case mime::MessageBody::Format::Html: {
        const mime::HtmlSanitizer::Result safe
            = mime::HtmlSanitizer::sanitize(body.text, {.allowRemote = remoteAllowed});
        if (m_preferPlain) {
            // The user reads mail as text: HTML-only mail is flattened, and so loads nothing.
            const QString text = QTextDocumentFragment::fromHtml(safe.html).toPlainText();
            m_browser->setHtml(mime::PlainTextRenderer::toHtml(text));
            break;
        }
        m_blockedRemote = safe.remoteBlocked ? safe.remoteResources : 0;
        m_browser->setHtml(safe.html);
        break;
    }
    }

    m_remoteBar->setVisible(m_blockedRemote > 0);
    if (m_blockedRemote > 0) {
        m_remoteLabel->setText(tr("Remote images were blocked (%n).", nullptr, m_blockedRemote));
        const bool offerAlways = m_policy && senderMayBeTrusted();
        m_alwaysRemoteButton->setVisible(offerAlways);
        if (offerAlways)
            m_alwaysRemoteButton->setText(tr("Always for %1").arg(m_document->sender()->address));
        m_loadRemoteButton->setEnabled(m_network != nullptr);
        m_alwaysRemoteButton->setEnabled(m_network != nullptr);
        Q_EMIT remoteContentBlocked(m_blockedRemote);
    }
}

void ReaderView::showAttachments()
{
    m_attachments->clear();
    const QList<mime::AttachmentInfo> list = m_document->attachments();
    for (const mime::AttachmentInfo &info : list) {
        const QString name = info.fileName.isEmpty() ? tr("Unnamed attachment") : info.fileName;
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 (%2, %3)").arg(name, QString::fromLatin1(info.mimeType), formatSize(info.size)),
            m_attachments);
        item->setData(AttachmentList::PartIdRole, info.partId);
        item->setToolTip(name);
    }
    m_attachmentArea->setVisible(!list.isEmpty());
    if (!list.isEmpty())
        m_attachments->setCurrentRow(0);
}

void ReaderView::loadRemoteContent()
{
    if (!m_document || !m_network)
        return;
    m_remoteForThisMessage = true;
    showBody();
}

void ReaderView::alwaysLoadRemoteContentFromSender()
{
    if (!m_document || !m_policy || !senderMayBeTrusted())
        return;
    m_policy->allowSender(m_accountId, m_document->sender()->address);
    showBody();
}

void ReaderView::openLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https") || scheme == QLatin1String("mailto"))
        QDesktopServices::openUrl(url);
}

QString ReaderView::selectedPartId() const
{
    const QListWidgetItem *item = m_attachments->currentItem();
    return item ? item->data(AttachmentList::PartIdRole).toString() : QString();
}

bool ReaderView::saveAttachment(const QString &partId, const QString &path) const
{
    if (!m_document)
        return false;
    const auto part = m_document->partContent(partId);
    if (!part)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(part->data) == part->data.size() && file.flush();
}

QString ReaderView::exportAttachment(const QString &partId) const
{
    if (!m_document)
        return {};
    QString fileName;
    for (const mime::AttachmentInfo &info : m_document->attachments()) {
        if (info.partId == partId)
            fileName = info.fileName;
    }
    if (fileName.isEmpty())
        fileName = QStringLiteral("attachment-") + partId;
    if (!m_tempDir) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        if (!m_tempDir->isValid()) {
            m_tempDir.reset();
            return {};
        }
    }
    // One folder per part: two attachments with the same name stay two files.
    const QString folder = m_tempDir->filePath(partId);
    if (!QDir().mkpath(folder))
        return {};
    const QString path = QDir(folder).filePath(fileName);
    if (QFile::exists(path))
        return path;
    return saveAttachment(partId, path) ? path : QString();
}

void ReaderView::saveSelectedAttachment()
{
    const QString partId = selectedPartId();
    if (partId.isEmpty())
        return;
    QString suggested;
    for (const mime::AttachmentInfo &info : m_document->attachments()) {
        if (info.partId == partId)
            suggested = info.fileName;
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Attachment"), QDir(folder).filePath(suggested));
    if (path.isEmpty())
        return;
    if (!saveAttachment(partId, path))
        QMessageBox::warning(this, tr("Save Attachment"),
                             tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
}

void ReaderView::openSelectedAttachment()
{
    const QString partId = selectedPartId();
    if (partId.isEmpty())
        return;
    const QString path = exportAttachment(partId);
    if (path.isEmpty()) {
        QMessageBox::warning(this, tr("Open Attachment"), tr("Could not write a temporary copy of the attachment."));
        return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

} // namespace fumi::ui
