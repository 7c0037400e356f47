// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/MessageDocument.h"

#include "mime/HeaderDecoder.h"

#include <KCodecs>
#include <KMime/Content>
#include <KMime/ContentIndex>
#include <KMime/Headers>
#include <KMime/Message>
#include <KMime/Util>

#include <QRegularExpression>
#include <QStringDecoder>
#include <QUrl>

#include <functional>

namespace fumi::mime {

namespace {

// Characters HeaderDecoder::neutralise replaces, less the whitespace that header folding leaves.
bool hasHiddenCharacters(const QString &text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\t' || u == u'\r' || u == u'\n')
            continue;
        if (HeaderDecoder::neutralise(QString(c)) != QString(c))
            return true;
    }
    return false;
}

QString cleanText(const QString &text)
{
    return HeaderDecoder::neutralise(text).simplified();
}

// A file name from the sender is only a suggestion: no directories, no hidden-file dot, no
// characters that reorder what the user reads ("invoice\u202Efdp.exe").
QString cleanFileName(const QString &raw)
{
    QString name = cleanText(raw);
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    name.replace(QLatin1Char('\\'), QLatin1Char('_'));
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    return name;
}

QString partIdOf(const KMime::Message &message, KMime::Content *content)
{
    if (content == &message)
        return QStringLiteral("1");
    return message.indexForContent(content).toString();
}

bool isMultipart(const KMime::Content *content)
{
    const auto *type = content->contentType();
    return type && type->isMultipart();
}

QByteArray mimeTypeOf(const KMime::Content *content)
{
    const auto *type = content->contentType();
    if (!type || type->mimeType().isEmpty())
        return QByteArrayLiteral("text/plain");
    return type->mimeType().toLower();
}

void forEachLeaf(KMime::Content *content, const std::function<void(KMime::Content *)> &visit)
{
    const QList<KMime::Content *> children = content->contents();
    if (children.isEmpty()) {
        visit(content);
        return;
    }
    for (KMime::Content *child : children)
        forEachLeaf(child, visit);
}

QList<MessageAddress> addressesOf(const KMime::Headers::Generics::MailboxList *header)
{
    QList<MessageAddress> result;
    if (!header)
        return result;
    for (const KMime::Types::Mailbox &mailbox : header->mailboxes())
        result.append({cleanText(mailbox.name()), cleanText(QString::fromUtf8(mailbox.address()))});
    return result;
}

QList<MessageAddress> addressesOf(const KMime::Headers::Generics::AddressList *header)
{
    QList<MessageAddress> result;
    if (!header)
        return result;
    for (const KMime::Types::Mailbox &mailbox : header->mailboxes())
        result.append({cleanText(mailbox.name()), cleanText(QString::fromUtf8(mailbox.address()))});
    return result;
}

// The header's value as sent, encoded-words decoded but nothing else: KMime already drops bidi
// controls from display names, and the warning is about what the sender tried.
QStringList rawHeaderTexts(const QByteArray &head, QByteArrayView name)
{
    QStringList values;
    QByteArray unfolded = head;
    unfolded.replace("\r\n", "\n");
    unfolded.replace("\n ", " ");
    unfolded.replace("\n\t", " ");
    for (const QByteArray &line : unfolded.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && QByteArrayView(line).left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            QStringDecoder utf8(QStringDecoder::Utf8);
            QString text = utf8.decode(line.mid(colon + 1));
            if (utf8.hasError())
                text = QString::fromLatin1(line.mid(colon + 1));
            values.append(KCodecs::decodeRFC2047String(text));
        }
    }
    return values;
}

} // namespace

QString MessageAddress::display() const
{
    return HeaderDecoder::formatAddress(name, address);
}

struct MessageDocument::Private {
    KMime::Message message;
    QList<MessageWarning> warnings;

    // Header look-ups through a const reference: the non-const accessors create missing headers.
    [[nodiscard]] const KMime::Message &headers() const { return message; }

    KMime::Content *contentFor(const QString &partId)
    {
        if (partId == QLatin1String("1") && !isMultipart(&message))
            return &message;
        const KMime::ContentIndex index(partId);
        if (!index.isValid())
            return nullptr;
        KMime::Content *content = message.content(index);
        if (!content || content == &message)
            return nullptr;
        return content;
    }
};

MessageDocument::MessageDocument(const QByteArray &raw)
    : d(std::make_unique<Private>())
{
    d->message.setContent(KMime::CRLFtoLF(raw));
    d->message.parse();

    const QList<KMime::Headers::Base *> froms = d->message.headersByType("From");
    if (froms.size() > 1) {
        QStringList all;
        for (const KMime::Headers::Base *from : froms)
            all.append(cleanText(from->asUnicodeString()));
        d->warnings.append({MessageWarning::Kind::MultipleFromHeaders, all.join(QLatin1String("; "))});
    }
    const auto *from = d->headers().from();
    if (!from || from->mailboxes().isEmpty())
        d->warnings.append({MessageWarning::Kind::NoFrom, {}});
    else if (from->mailboxes().size() > 1 && (!d->headers().sender() || d->headers().sender()->isEmpty()))
        d->warnings.append({MessageWarning::Kind::SeveralAuthorsWithoutSender, cleanText(from->asUnicodeString())});

    // An address in a display name that is not the real address is how most phishing passes.
    static const QRegularExpression addressLike(QStringLiteral(R"([^\s<>"'@()]+@[^\s<>"'@()]+\.[^\s<>"'@()]+)"));
    const auto checkNames = [this](const QList<KMime::Types::Mailbox> &mailboxes) {
        for (const KMime::Types::Mailbox &mailbox : mailboxes) {
            const QString name = cleanText(mailbox.name());
            const QString address = QString::fromUtf8(mailbox.address());
            const QRegularExpressionMatch match = addressLike.match(name);
            if (match.hasMatch() && match.captured().compare(address, Qt::CaseInsensitive) != 0)
                d->warnings.append({MessageWarning::Kind::DisplayNameLooksLikeAddress,
                                    HeaderDecoder::formatAddress(name, cleanText(address))});
        }
    };
    if (from)
        checkNames(from->mailboxes());
    if (const auto *sender = d->headers().sender())
        checkNames(sender->mailboxes());
    if (const auto *replyTo = d->headers().replyTo())
        checkNames(replyTo->mailboxes());
    QStringList shownTexts;
    for (QByteArrayView name : {"From", "Sender", "Reply-To", "Subject"})
        shownTexts += rawHeaderTexts(d->message.head(), name);
    for (const QString &text : std::as_const(shownTexts)) {
        if (hasHiddenCharacters(text)) {
            d->warnings.append({MessageWarning::Kind::HiddenCharactersRemoved, cleanText(text)});
            break;
        }
    }
}

MessageDocument::~MessageDocument() = default;

QList<HeaderField> MessageDocument::headers() const
{
    using Kind = HeaderField::Kind;
    QList<HeaderField> fields;
    const auto addList = [&fields](Kind kind, QList<MessageAddress> addresses) {
        if (!addresses.isEmpty())
            fields.append({kind, std::move(addresses), {}, {}});
    };
    addList(Kind::From, addressesOf(d->headers().from()));
    if (const auto *sender = d->headers().sender())
        addList(Kind::Sender, addressesOf(sender));
    addList(Kind::ReplyTo, addressesOf(d->headers().replyTo()));
    addList(Kind::To, addressesOf(d->headers().to()));
    addList(Kind::Cc, addressesOf(d->headers().cc()));
    if (const auto *date = d->headers().date(); date && date->dateTime().isValid()) {
        const QDateTime when = date->dateTime().toUTC();
        fields.append({Kind::Date, {}, when.toString(Qt::ISODate), when});
    }
    if (d->headers().subject())
        fields.append({Kind::Subject, {}, subject(), {}});
    return fields;
}

QString MessageDocument::subject() const
{
    const auto *subject = d->headers().subject();
    return subject ? cleanText(subject->asUnicodeString()) : QString();
}

std::optional<MessageAddress> MessageDocument::sender() const
{
    const QList<MessageAddress> from = addressesOf(d->headers().from());
    if (from.isEmpty())
        return std::nullopt;
    return from.first();
}

QList<MessageWarning> MessageDocument::warnings() const
{
    return d->warnings;
}

bool MessageDocument::hasMultipleFrom() const
{
    return std::any_of(d->warnings.cbegin(), d->warnings.cend(), [](const MessageWarning &warning) {
        return warning.kind == MessageWarning::Kind::MultipleFromHeaders;
    });
}

MessageBody MessageDocument::body(BodyPreference preference) const
{
    // The first plain and the first HTML part that are not attachments, in document order: that
    // is the body of multipart/alternative, of multipart/related's root, and of a mixed message.
    KMime::Content *plain = nullptr;
    KMime::Content *html = nullptr;
    forEachLeaf(&d->message, [&plain, &html](KMime::Content *leaf) {
        if (KMime::isAttachment(leaf))
            return;
        const QByteArray type = mimeTypeOf(leaf);
        if (type == "text/plain" && !plain)
            plain = leaf;
        else if (type == "text/html" && !html)
            html = leaf;
    });
    KMime::Content *chosen = (preference == BodyPreference::PreferHtml && html) || !plain ? html : plain;
    if (!chosen)
        return {};

    MessageBody body;
    body.format = chosen == html ? MessageBody::Format::Html : MessageBody::Format::Plain;
    const auto *type = chosen->contentType(false);
    body.text = decodeText(chosen->decodedContent(), type ? type->charset() : QByteArray());
    if (type && body.format == MessageBody::Format::Plain) {
        body.flowed = type->parameter("format").compare(QLatin1String("flowed"), Qt::CaseInsensitive) == 0;
        body.delSp = type->parameter("delsp").compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0;
    }
    body.partId = partIdOf(d->message, chosen);
    return body;
}

QList<AttachmentInfo> MessageDocument::attachments() const
{
    QList<AttachmentInfo> result;
    for (KMime::Content *part : d->message.attachments()) {
        AttachmentInfo info;
        info.partId = partIdOf(d->message, part);
        info.mimeType = mimeTypeOf(part);
        QString name;
        if (const auto *disposition = part->contentDisposition(false))
            name = disposition->filename();
        if (name.isEmpty()) {
            if (const auto *type = part->contentType(false))
                name = type->name();
        }
        info.fileName = cleanFileName(name);
        info.size = part->decodedContent().size();
        result.append(info);
    }
    return result;
}

std::optional<PartContent> MessageDocument::partContent(const QString &partId) const
{
    KMime::Content *content = d->contentFor(partId);
    if (!content || !content->contents().isEmpty())
        return std::nullopt;
    return PartContent{content->decodedContent(), mimeTypeOf(content)};
}

std::optional<PartContent> MessageDocument::contentById(const QString &contentId) const
{
    QByteArray wanted = QUrl::fromPercentEncoding(contentId.toUtf8()).toUtf8().trimmed();
    if (wanted.startsWith('<') && wanted.endsWith('>'))
        wanted = wanted.mid(1, wanted.size() - 2);
    if (wanted.isEmpty())
        return std::nullopt;
    std::optional<PartContent> found;
    forEachLeaf(&d->message, [&found, &wanted](KMime::Content *leaf) {
        if (found)
            return;
        const auto *id = leaf->contentID(false);
        if (id && id->identifier() == wanted)
            found = PartContent{leaf->decodedContent(), mimeTypeOf(leaf)};
    });
    return found;
}

QString MessageDocument::decodeText(const QByteArray &bytes, const QByteArray &charset)
{
    QByteArray name = charset.trimmed().toLower();
    if (name == "iso-8859-1" || name == "us-ascii" || name == "latin1" || name == "ascii")
        name = QByteArrayLiteral("windows-1252");
    if (!name.isEmpty()) {
        QStringDecoder decoder(name.constData());
        if (decoder.isValid())
            return decoder.decode(bytes);
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    QStringDecoder windows1252("windows-1252");
    if (windows1252.isValid())
        return windows1252.decode(bytes);
    return QString::fromLatin1(bytes);
}

} // namespace fumi::mime
