// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/MessageStructure.h"

#include "imap/Response.h"
#include "mime/HeaderDecoder.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <functional>

namespace fumi::engine {

namespace {

using mime::HeaderDecoder;

// The blob's format. Bump it when the fields change: older blobs then read as absent and the
// structure is fetched again.
constexpr quint8 blobVersion = 1;
constexpr QDataStream::Version streamVersion = QDataStream::Qt_6_5;
// Deeper trees are cut here; the parser's own limit is lower, so only a damaged blob meets it.
constexpr int deepest = 64;
// What a blob may claim before it is taken for damage rather than mail.
constexpr quint32 mostParameters = 1000;
constexpr quint32 mostChildren = 10000;

QByteArray numbered(const QByteArray &prefix, qsizetype index)
{
    const QByteArray number = QByteArray::number(index + 1);
    return prefix.isEmpty() ? number : QByteArray(prefix + '.' + number);
}

// `section` is the part's number; a multipart's children are numbered below `childPrefix`,
// which is the part's own number except for a message's body.
MessagePart convertPart(const imap::BodyStructure &body, const QByteArray &section, const QByteArray &childPrefix,
                        int depth);

// The body of a message: the message itself (messageNumber ""), or one attached as a part.
MessagePart convertMessageBody(const imap::BodyStructure &body, const QByteArray &messageNumber, int depth)
{
    if (!body.isMultipart()) {
        const QByteArray number = numbered(messageNumber, 0);
        return convertPart(body, number, number, depth);
    }
    MessagePart part = convertPart(body, {}, messageNumber, depth);
    part.bodyOf = messageNumber;
    return part;
}

MessagePart convertPart(const imap::BodyStructure &body, const QByteArray &section, const QByteArray &childPrefix,
                        int depth)
{
    MessagePart part;
    part.section = section;
    part.type = body.type.toLower();
    part.subtype = body.subtype.toLower();
    part.parameters = body.parameters;
    part.contentId = body.id.trimmed();
    part.description = HeaderDecoder::text(body.description);
    part.encoding = body.encoding.toLower();
    part.size = body.size;
    part.lines = body.lines;
    part.disposition = body.disposition.toLower();
    part.filename = HeaderDecoder::parameter(body.dispositionParameters, "filename");
    if (part.filename.isEmpty())
        part.filename = HeaderDecoder::parameter(body.parameters, "name");
    if (depth >= deepest)
        return part;
    if (body.isMultipart()) {
        // A message's body numbers its children from its message.
        part.children.reserve(body.parts.size());
        for (std::size_t i = 0; i < body.parts.size(); ++i) {
            const QByteArray number = numbered(childPrefix, qsizetype(i));
            part.children.push_back(convertPart(body.parts[i], number, number, depth + 1));
        }
    } else if (part.isMessage()) {
        if (body.messageEnvelope)
            part.subject = HeaderDecoder::text(body.messageEnvelope->field(imap::Envelope::Field::Subject));
        if (body.messageBody)
            part.children.push_back(convertMessageBody(*body.messageBody, section, depth + 1));
    }
    return part;
}

bool isBodyText(const MessagePart &part)
{
    return part.isText() && (part.subtype == "plain" || part.subtype == "html");
}

void classify(MessagePart &part, const MessagePart *parent)
{
    for (MessagePart &child : part.children)
        classify(child, &part);
    if (part.isMultipart()) {
        part.attachment = false;
    } else if (part.disposition == "attachment" || part.isMessage()) {
        part.attachment = true;
    } else if (part.isText()) {
        // Text with a file name of its own is a file the sender attached (notes.txt), unless the
        // sender asked for it to be shown inline.
        part.attachment = !part.filename.isEmpty() && part.disposition != "inline";
    } else if (parent && parent->isMultipart() && parent->subtype == "related") {
        // An image of an HTML page, shown in it through its Content-ID.
        part.attachment = false;
    } else {
        part.attachment = true;
    }
}

// How well `part` serves as the text of a multipart/alternative: 2 when it holds the preferred
// kind of text, 1 when it holds text the reader can show, 0 otherwise.
int suitability(const MessagePart &part, QByteArrayView preferred)
{
    if (part.isMultipart()) {
        int best = 0;
        for (const MessagePart &child : part.children)
            best = std::max(best, suitability(child, preferred));
        return best;
    }
    if (!isBodyText(part) || part.attachment)
        return 0;
    return part.subtype == preferred ? 2 : 1;
}

void collectText(const MessagePart &part, MessageStructure::Prefer prefer, std::vector<const MessagePart *> &out)
{
    if (!part.isMultipart()) {
        if (isBodyText(part) && !part.attachment)
            out.push_back(&part);
        return;
    }
    if (part.children.empty())
        return;
    if (part.subtype == "alternative") {
        // RFC 2046 §5.1.4: the last alternative is the richest, so the search runs backwards.
        const QByteArrayView preferred = prefer == MessageStructure::Prefer::Html ? "html" : "plain";
        const MessagePart *best = nullptr;
        int bestScore = 0;
        for (auto child = part.children.crbegin(); child != part.children.crend(); ++child) {
            const int score = suitability(*child, preferred);
            if (score > bestScore) {
                best = &*child;
                bestScore = score;
            }
        }
        if (best)
            collectText(*best, prefer, out);
        return;
    }
    if (part.subtype == "related") {
        // RFC 2387: the root is the part named by "start", else the first.
        const QByteArray start = part.parameter("start").trimmed();
        const MessagePart *root = &part.children.front();
        for (const MessagePart &child : part.children) {
            if (!start.isEmpty() && child.contentId == start)
                root = &child;
        }
        collectText(*root, prefer, out);
        return;
    }
    if (part.subtype == "signed") {
        // RFC 1847: the first part is the content, the second the signature.
        collectText(part.children.front(), prefer, out);
        return;
    }
    for (const MessagePart &child : part.children)
        collectText(child, prefer, out);
}

const MessagePart *findPart(const MessagePart &part, const std::function<bool(const MessagePart &)> &matches)
{
    if (matches(part))
        return &part;
    for (const MessagePart &child : part.children) {
        if (const MessagePart *found = findPart(child, matches))
            return found;
    }
    return nullptr;
}

QByteArrayView withoutBrackets(QByteArrayView id)
{
    id = id.trimmed();
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>')
        id = id.sliced(1, id.size() - 2);
    return id;
}

void writePart(QDataStream &out, const MessagePart &part)
{
    out << part.section << part.bodyOf << part.type << part.subtype << quint32(part.parameters.size());
    for (const auto &[name, value] : part.parameters)
        out << name << value;
    out << part.contentId << part.description << part.encoding << quint64(part.size) << quint64(part.lines)
        << part.disposition << part.filename << part.subject << quint32(part.children.size());
    for (const MessagePart &child : part.children)
        writePart(out, child);
}

bool readPart(QDataStream &in, MessagePart &part, int depth)
{
    if (depth > deepest)
        return false;
    quint32 parameterCount = 0;
    in >> part.section >> part.bodyOf >> part.type >> part.subtype >> parameterCount;
    if (in.status() != QDataStream::Ok || parameterCount > mostParameters)
        return false;
    for (quint32 i = 0; i < parameterCount; ++i) {
        QByteArray name;
        QByteArray value;
        in >> name >> value;
        if (in.status() != QDataStream::Ok)
            return false;
        part.parameters.append({name, value});
    }
    quint64 size = 0;
    quint64 lines = 0;
    quint32 childCount = 0;
    in >> part.contentId >> part.description >> part.encoding >> size >> lines >> part.disposition >> part.filename
        >> part.subject >> childCount;
    if (in.status() != QDataStream::Ok || childCount > mostChildren)
        return false;
    part.size = size;
    part.lines = lines;
    for (quint32 i = 0; i < childCount; ++i) {
        MessagePart child;
        if (!readPart(in, child, depth + 1))
            return false;
        part.children.push_back(std::move(child));
    }
    return true;
}

} // namespace

MessageStructure::MessageStructure(MessagePart root)
    : m_root(std::move(root))
{
    classify(m_root, nullptr);
}

MessageStructure MessageStructure::fromImap(const imap::BodyStructure &body)
{
    return MessageStructure(convertMessageBody(body, {}, 0));
}

std::optional<MessageStructure> MessageStructure::fromBlob(QByteArrayView blob)
{
    if (blob.isEmpty())
        return std::nullopt;
    const QByteArray bytes = blob.toByteArray();
    QDataStream in(bytes);
    in.setVersion(streamVersion);
    quint8 version = 0;
    in >> version;
    if (version != blobVersion)
        return std::nullopt;
    MessagePart root;
    if (!readPart(in, root, 0) || !in.atEnd() || root.type.isEmpty())
        return std::nullopt;
    return MessageStructure(std::move(root));
}

QByteArray MessageStructure::toBlob() const
{
    QByteArray blob;
    QDataStream out(&blob, QIODevice::WriteOnly);
    out.setVersion(streamVersion);
    out << blobVersion;
    writePart(out, m_root);
    return blob;
}

std::vector<const MessagePart *> MessageStructure::textParts(Prefer prefer) const
{
    std::vector<const MessagePart *> parts;
    if (!isEmpty())
        collectText(m_root, prefer, parts);
    return parts;
}

std::vector<const MessagePart *> MessageStructure::attachments() const
{
    std::vector<const MessagePart *> found;
    std::function<void(const MessagePart &)> walk = [&](const MessagePart &part) {
        if (part.attachment) {
            found.push_back(&part);
            return; // an attached message is one attachment
        }
        for (const MessagePart &child : part.children)
            walk(child);
    };
    if (!isEmpty())
        walk(m_root);
    return found;
}

bool MessageStructure::hasAttachments() const
{
    return !isEmpty() && findPart(m_root, [](const MessagePart &part) {
        return part.attachment;
    });
}

const MessagePart *MessageStructure::findByContentId(QByteArrayView contentId) const
{
    QByteArray unescaped;
    QByteArrayView wanted = contentId.trimmed();
    if (wanted.size() >= 4 && wanted.first(4).compare("cid:", Qt::CaseInsensitive) == 0) {
        // A cid: URL is URL-encoded (RFC 2392).
        unescaped = QByteArray::fromPercentEncoding(wanted.sliced(4).toByteArray());
        wanted = unescaped;
    }
    wanted = withoutBrackets(wanted);
    if (wanted.isEmpty() || isEmpty())
        return nullptr;
    return findPart(m_root, [wanted](const MessagePart &part) {
        return !part.contentId.isEmpty() && withoutBrackets(part.contentId) == wanted;
    });
}

const MessagePart *MessageStructure::findBySection(QByteArrayView section) const
{
    if (section.isEmpty() || isEmpty())
        return nullptr;
    return findPart(m_root, [section](const MessagePart &part) {
        return part.section == section;
    });
}

} // namespace fumi::engine
