// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/ResponseDump.h"

#include <QTimeZone>

namespace fumi::test {

using namespace imap;

namespace {

QByteArray q(QByteArrayView bytes)
{
    QByteArray out("\"");
    for (char c : bytes) {
        const auto u = uchar(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u >= 0x7f) {
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    return out + '"';
}

QByteArray join(const QByteArrayList &list)
{
    return '(' + list.join(' ') + ')';
}

QByteArray parameters(const ParameterList &list)
{
    QByteArrayList items;
    for (const auto &[name, value] : list)
        items << name + '=' + q(value);
    return join(items);
}

QByteArray ranges(const std::vector<UidSet::Range> &list)
{
    QByteArrayList items;
    for (const auto &range : list)
        items << QByteArray::number(range.first) + ':' + QByteArray::number(range.last);
    return items.join(',');
}

QByteArray code(const ResponseCode &c)
{
    using Kind = ResponseCode::Kind;
    switch (c.kind) {
    case Kind::None:
        return {};
    case Kind::Alert:
        return "[ALERT] ";
    case Kind::ReadOnly:
        return "[READ-ONLY] ";
    case Kind::ReadWrite:
        return "[READ-WRITE] ";
    case Kind::TryCreate:
        return "[TRYCREATE] ";
    case Kind::NoModSeq:
        return "[NOMODSEQ] ";
    case Kind::Closed:
        return "[CLOSED] ";
    case Kind::OverQuota:
        return "[OVERQUOTA] ";
    case Kind::AuthenticationFailed:
        return "[AUTHENTICATIONFAILED] ";
    case Kind::Capability:
        return "[CAPABILITY " + join(c.capabilities) + "] ";
    case Kind::PermanentFlags:
        return "[PERMANENTFLAGS " + c.flags.toImapList() + (c.mayCreateKeywords ? " +new" : "") + "] ";
    case Kind::UidNext:
        return "[UIDNEXT " + QByteArray::number(c.number) + "] ";
    case Kind::UidValidity:
        return "[UIDVALIDITY " + QByteArray::number(c.number) + "] ";
    case Kind::Unseen:
        return "[UNSEEN " + QByteArray::number(c.number) + "] ";
    case Kind::HighestModSeq:
        return "[HIGHESTMODSEQ " + QByteArray::number(c.number) + "] ";
    case Kind::Modified:
        return "[MODIFIED " + c.uids.toImapSequenceSet() + "] ";
    case Kind::AppendUid:
        return "[APPENDUID " + QByteArray::number(c.number) + ' ' + c.uids.toImapSequenceSet() + "] ";
    case Kind::CopyUid:
        return "[COPYUID " + QByteArray::number(c.number) + ' ' + ranges(c.sourceUids) + ' ' + ranges(c.destinationUids)
            + "] ";
    case Kind::Other:
        return "[other " + c.atom + ' ' + q(c.text) + "] ";
    }
    return "[?] ";
}

QByteArray addresses(const Envelope &e, Envelope::AddressList which)
{
    QByteArrayList items;
    for (const Envelope::Address &a : e.addresses(which)) {
        items << '(' + (a.nameIsNil ? QByteArray("NIL") : q(a.name)) + ' ' + q(a.adl) + ' ' + q(a.mailbox) + ' '
                + (a.hostIsNil ? QByteArray("NIL") : q(a.host)) + ')';
    }
    return join(items);
}

QByteArray envelope(const Envelope &e)
{
    using F = Envelope::Field;
    using L = Envelope::AddressList;
    return "(date=" + q(e.field(F::Date)) + " subject=" + q(e.field(F::Subject)) + " from=" + addresses(e, L::From)
        + " sender=" + addresses(e, L::Sender) + " reply-to=" + addresses(e, L::ReplyTo) + " to=" + addresses(e, L::To)
        + " cc=" + addresses(e, L::Cc) + " bcc=" + addresses(e, L::Bcc) + " in-reply-to=" + q(e.field(F::InReplyTo))
        + " message-id=" + q(e.field(F::MessageId)) + ')';
}

QByteArray body(const BodyStructure &b)
{
    QByteArray out = '(' + b.type + '/' + b.subtype;
    if (b.isMultipart()) {
        for (const BodyStructure &part : b.parts)
            out += ' ' + body(part);
    } else {
        out += " size=" + QByteArray::number(b.size);
        if (!b.encoding.isEmpty())
            out += " enc=" + b.encoding;
        if (!b.id.isEmpty())
            out += " id=" + q(b.id);
        if (!b.description.isEmpty())
            out += " desc=" + q(b.description);
        if (b.lines)
            out += " lines=" + QByteArray::number(b.lines);
    }
    if (!b.parameters.isEmpty())
        out += " params=" + parameters(b.parameters);
    if (!b.md5.isEmpty())
        out += " md5=" + q(b.md5);
    if (!b.disposition.isEmpty())
        out += " disp=" + b.disposition + parameters(b.dispositionParameters);
    if (!b.language.isEmpty())
        out += " lang=" + join(b.language);
    if (!b.location.isEmpty())
        out += " loc=" + q(b.location);
    if (b.messageEnvelope)
        out += " envelope=" + envelope(*b.messageEnvelope);
    if (b.messageBody)
        out += " body=" + body(*b.messageBody);
    return out + ')';
}

QByteArray fetch(const FetchResponse &f)
{
    QByteArray out = "FETCH " + QByteArray::number(f.sequenceNumber);
    if (f.uid)
        out += " UID=" + QByteArray::number(*f.uid);
    if (f.flags)
        out += " FLAGS=" + f.flags->toImapList();
    if (f.internalDate)
        out += " DATE=" + f.internalDate->toString(Qt::ISODate).toLatin1();
    if (f.rfc822Size)
        out += " SIZE=" + QByteArray::number(*f.rfc822Size);
    if (f.modSeq)
        out += " MODSEQ=" + QByteArray::number(*f.modSeq);
    if (f.envelope)
        out += " ENVELOPE=" + envelope(*f.envelope);
    if (f.bodyStructure)
        out += QByteArray(f.bodyStructureHasExtensions ? " BODYSTRUCTURE=" : " BODY=") + body(*f.bodyStructure);
    for (const FetchedSection &s : f.sections) {
        out += QByteArray(s.binary ? " BINARY[" : " BODY[") + s.section + ']';
        if (s.origin)
            out += '<' + QByteArray::number(*s.origin) + '>';
        out += '=' + (s.isNil ? QByteArray("NIL") : q(s.data));
    }
    for (const auto &[section, size] : f.binarySizes)
        out += " BINARY.SIZE[" + section + "]=" + QByteArray::number(size);
    if (f.preview)
        out += " PREVIEW=" + q(*f.preview);
    if (f.gmailMessageId)
        out += " X-GM-MSGID=" + QByteArray::number(*f.gmailMessageId);
    if (f.gmailThreadId)
        out += " X-GM-THRID=" + QByteArray::number(*f.gmailThreadId);
    if (f.gmailLabels)
        out += " X-GM-LABELS=" + join(*f.gmailLabels);
    if (!f.emailId.isEmpty())
        out += " EMAILID=" + f.emailId;
    if (!f.threadId.isEmpty())
        out += " THREADID=" + f.threadId;
    return out;
}

QByteArray optionalNumber(const char *name, const auto &value)
{
    return value ? QByteArray(" ") + name + '=' + QByteArray::number(*value) : QByteArray();
}

QByteArray delimiter(char d)
{
    return d ? q(QByteArrayView(&d, 1)) : QByteArray("NIL");
}

} // namespace

QByteArray dump(const Response &response)
{
    return std::visit(
        [](const auto &r) -> QByteArray {
            using T = std::decay_t<decltype(r)>;
            if constexpr (std::is_same_v<T, StatusResponse>) {
                static const char *names[] = {"OK", "NO", "BAD", "BYE", "PREAUTH"};
                return (r.tag.isEmpty() ? QByteArray("*") : r.tag) + ' ' + names[int(r.status)] + ' ' + code(r.code)
                    + q(r.text);
            } else if constexpr (std::is_same_v<T, ContinuationRequest>) {
                return "+ " + q(r.text);
            } else if constexpr (std::is_same_v<T, CapabilityResponse>) {
                return "CAPABILITY " + join(r.capabilities);
            } else if constexpr (std::is_same_v<T, EnabledResponse>) {
                return "ENABLED " + join(r.capabilities);
            } else if constexpr (std::is_same_v<T, IdResponse>) {
                return "ID " + parameters(r.fields);
            } else if constexpr (std::is_same_v<T, NamespaceResponse>) {
                auto ns = [](const QList<NamespaceResponse::Namespace> &list) {
                    QByteArrayList items;
                    for (const auto &n : list)
                        items << q(n.prefix) + delimiter(n.delimiter);
                    return join(items);
                };
                return "NAMESPACE " + ns(r.personal) + ' ' + ns(r.otherUsers) + ' ' + ns(r.shared);
            } else if constexpr (std::is_same_v<T, ListResponse>) {
                QByteArray out = QByteArray(r.lsub ? "LSUB " : "LIST ") + join(r.attributes) + ' '
                    + delimiter(r.delimiter) + ' ' + q(r.rawName) + " name=" + q(r.name.toUtf8());
                if (!r.nameError.isEmpty())
                    out += " name-error";
                if (!r.childInfo.isEmpty())
                    out += " childinfo=" + join(r.childInfo);
                if (!r.oldName.isEmpty())
                    out += " oldname=" + q(r.oldName);
                return out;
            } else if constexpr (std::is_same_v<T, MailboxStatusResponse>) {
                return "STATUS " + q(r.rawName) + optionalNumber("MESSAGES", r.messages)
                    + optionalNumber("RECENT", r.recent) + optionalNumber("UIDNEXT", r.uidNext)
                    + optionalNumber("UIDVALIDITY", r.uidValidity) + optionalNumber("UNSEEN", r.unseen)
                    + optionalNumber("HIGHESTMODSEQ", r.highestModSeq) + optionalNumber("SIZE", r.size)
                    + optionalNumber("DELETED", r.deleted);
            } else if constexpr (std::is_same_v<T, FlagsResponse>) {
                return "FLAGS " + r.flags.toImapList();
            } else if constexpr (std::is_same_v<T, ExistsResponse>) {
                return "EXISTS " + QByteArray::number(r.count);
            } else if constexpr (std::is_same_v<T, RecentResponse>) {
                return "RECENT " + QByteArray::number(r.count);
            } else if constexpr (std::is_same_v<T, ExpungeResponse>) {
                return "EXPUNGE " + QByteArray::number(r.sequenceNumber);
            } else if constexpr (std::is_same_v<T, VanishedResponse>) {
                return QByteArray(r.earlier ? "VANISHED EARLIER " : "VANISHED ") + r.uids.toImapSequenceSet();
            } else if constexpr (std::is_same_v<T, FetchResponse>) {
                return fetch(r);
            } else if constexpr (std::is_same_v<T, SearchResponse>) {
                return "SEARCH " + r.numbers.toImapSequenceSet() + optionalNumber("MODSEQ", r.modSeq);
            } else if constexpr (std::is_same_v<T, ESearchResponse>) {
                QByteArray out = "ESEARCH tag=" + q(r.tag);
                if (!r.rawMailbox.isEmpty())
                    out += " mailbox=" + q(r.mailbox.toUtf8());
                out += optionalNumber("UIDVALIDITY", r.uidValidity) + (r.uid ? " UID" : "") + optionalNumber("MIN", r.min)
                    + optionalNumber("MAX", r.max) + optionalNumber("COUNT", r.count);
                if (r.all)
                    out += " ALL=" + r.all->toImapSequenceSet();
                return out + optionalNumber("MODSEQ", r.modSeq);
            } else if constexpr (std::is_same_v<T, ThreadResponse>) {
                // Each node as its UID, "<" and its parent's UID; "nil" for a missing message.
                QByteArray out = "THREAD";
                const auto uid = [&r](qint32 index) -> QByteArray {
                    const Uid value = r.nodes[size_t(index)].uid;
                    return value == 0 ? QByteArray("nil") : QByteArray::number(value);
                };
                for (size_t i = 0; i < r.nodes.size(); ++i) {
                    out += ' ' + uid(qint32(i));
                    if (r.nodes[i].parent >= 0)
                        out += '<' + uid(r.nodes[i].parent);
                }
                return out;
            } else if constexpr (std::is_same_v<T, OtherResponse>) {
                return "OTHER " + r.name + ' ' + q(r.data);
            }
        },
        response);
}

} // namespace fumi::test
