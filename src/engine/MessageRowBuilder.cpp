// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/MessageRowBuilder.h"

#include "core/Ascii.h"
#include "mime/HeaderDecoder.h"

#include <QStringList>

namespace fumi::engine {

namespace {

using mime::HeaderDecoder;

QString addressOf(const imap::Envelope::Address &address)
{
    if (address.hostIsNil)
        return QString::fromUtf8(address.mailbox);
    return QString::fromUtf8(address.mailbox) + QLatin1Char('@') + QString::fromUtf8(address.host);
}

QString addressList(const imap::Envelope &envelope, imap::Envelope::AddressList which)
{
    QStringList parts;
    for (const imap::Envelope::Address &address : envelope.addresses(which)) {
        if (address.mailboxIsNil || address.hostIsNil)
            continue; // group markers: the members are listed on their own
        parts.append(HeaderDecoder::formatAddress(HeaderDecoder::text(address.name), addressOf(address)));
    }
    return parts.join(QLatin1String(", "));
}

// The value of one header from a BODY[HEADER.FIELDS (...)] section, unfolded.
QByteArray headerValue(QByteArrayView headers, QByteArrayView name)
{
    QByteArray value;
    bool inside = false;
    qsizetype start = 0;
    while (start < headers.size()) {
        qsizetype end = headers.indexOf('\n', start);
        if (end < 0)
            end = headers.size();
        QByteArrayView line = headers.sliced(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        start = end + 1;
        if (line.isEmpty())
            break;
        if (line.front() == ' ' || line.front() == '\t') {
            if (inside)
                value += ' ' + line.trimmed().toByteArray();
            continue;
        }
        inside = false;
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && Ascii::equalsNoCase(line.first(colon).trimmed(), name)) {
            inside = true;
            value = line.sliced(colon + 1).trimmed().toByteArray();
        }
    }
    return value;
}

bool looksLikeAttachment(QByteArrayView contentType)
{
    const QByteArray type = contentType.trimmed().toByteArray().toLower();
    if (type.isEmpty() || type.startsWith("text/") || type.startsWith("multipart/alternative")
        || type.startsWith("multipart/related"))
        return false;
    return type.startsWith("multipart/mixed") || !type.startsWith("multipart/");
}

} // namespace

QByteArray MessageRowBuilder::fetchItems(bool condstore)
{
    QByteArray items
        = "(UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (REFERENCES CONTENT-TYPE)]";
    if (condstore)
        items += " MODSEQ";
    items += ')';
    return items;
}

std::optional<store::MessageRecord> MessageRowBuilder::build(const imap::FetchResponse &fetch)
{
    if (!fetch.uid || !fetch.envelope)
        return std::nullopt;
    const imap::Envelope &envelope = *fetch.envelope;
    store::MessageRecord row;
    row.uid = *fetch.uid;
    if (fetch.flags)
        row.flags = *fetch.flags;
    // \Recent belongs to one session, not to the message: another session never sees it.
    row.flags.set(Flags::System::Recent, false);
    row.modSeq = fetch.modSeq.value_or(0);
    if (fetch.internalDate)
        row.internalDate = fetch.internalDate->toUTC();
    row.size = fetch.rfc822Size.value_or(0);
    row.date = HeaderDecoder::date(envelope.field(imap::Envelope::Field::Date));
    row.subject = HeaderDecoder::text(envelope.field(imap::Envelope::Field::Subject));
    const QList<imap::Envelope::Address> from = envelope.addresses(imap::Envelope::AddressList::From);
    for (const imap::Envelope::Address &address : from) {
        if (address.mailboxIsNil || address.hostIsNil)
            continue;
        row.fromName = HeaderDecoder::text(address.name);
        row.fromAddress = addressOf(address);
        break;
    }
    row.to = addressList(envelope, imap::Envelope::AddressList::To);
    row.cc = addressList(envelope, imap::Envelope::AddressList::Cc);
    row.messageId = envelope.field(imap::Envelope::Field::MessageId).trimmed().toByteArray();
    row.inReplyTo = envelope.field(imap::Envelope::Field::InReplyTo).trimmed().toByteArray();
    for (const imap::FetchedSection &section : fetch.sections) {
        if (section.binary || !section.section.startsWith("HEADER.FIELDS"))
            continue;
        row.references = headerValue(section.data, "References");
        row.hasAttachment = looksLikeAttachment(headerValue(section.data, "Content-Type"));
    }
    if (fetch.bodyStructure)
        row.hasAttachment = fetch.bodyStructure->isMultipart() && fetch.bodyStructure->subtype == "mixed";
    return row;
}

} // namespace fumi::engine
