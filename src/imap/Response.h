// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "core/Uid.h"
#include "core/UidSet.h"
#include "imap/Envelope.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <variant>
#include <vector>

// The typed responses of an IMAP server (RFC 3501, RFC 9051 and the extensions Fumi uses),
// as ResponseParser produces them. They are plain values, gathered in one header because each
// is a handful of fields that mean nothing apart from the others and from the grammar.
//
// Text that IMAP defines as bytes stays bytes: envelope fields keep their RFC 2047
// encoded-words (the mime layer decodes them), atoms keep the case the server sent, and the
// comparisons that IMAP makes case-insensitive are the reader's to make.

namespace fumi::imap {

using ParameterList = QList<std::pair<QByteArray, QByteArray>>;

// A response code, the bracketed part of a status response: "* OK [UIDNEXT 4392] Predicted".
struct ResponseCode {
    enum class Kind {
        None, // the response had no code
        Alert,
        Capability,
        PermanentFlags,
        ReadOnly,
        ReadWrite,
        UidNext,
        UidValidity,
        Unseen,
        HighestModSeq,
        NoModSeq,
        Modified,
        AppendUid,
        CopyUid,
        TryCreate,
        Closed,
        OverQuota,
        AuthenticationFailed,
        Other, // any other code: `atom` and `text` hold it
    };

    Kind kind = Kind::None;
    QByteArray atom;             // the code's name as sent
    QByteArray text;             // for Other: everything after the name, up to "]"
    quint64 number = 0;          // UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ; APPENDUID's and COPYUID's UIDVALIDITY
    QByteArrayList capabilities; // CAPABILITY
    Flags flags;                 // PERMANENTFLAGS
    bool mayCreateKeywords = false; // PERMANENTFLAGS listed "\*"
    UidSet uids;                    // MODIFIED; APPENDUID's UIDs
    // COPYUID: the source and destination UIDs, pairwise in the order the server listed them.
    std::vector<UidSet::Range> sourceUids;
    std::vector<UidSet::Range> destinationUids;
};

// Tagged or untagged OK, NO, BAD, BYE and PREAUTH.
struct StatusResponse {
    enum class Status { Ok, No, Bad, Bye, PreAuth };

    QByteArray tag; // empty when untagged
    Status status = Status::Ok;
    ResponseCode code;
    QByteArray text; // human-readable, UTF-8 in IMAP4rev2
};

// "+ text" or "+ base64": the server waits for more of the current command.
struct ContinuationRequest {
    QByteArray text;
};

struct CapabilityResponse {
    QByteArrayList capabilities;
};

struct EnabledResponse {
    QByteArrayList capabilities;
};

// The server's RFC 2971 identification; empty for "* ID NIL".
struct IdResponse {
    ParameterList fields;
};

struct NamespaceResponse {
    struct Namespace {
        QByteArray prefix;
        char delimiter = 0; // 0: flat namespace
    };
    QList<Namespace> personal;
    QList<Namespace> otherUsers;
    QList<Namespace> shared;
};

// LIST and LSUB, with LIST-EXTENDED (RFC 5258) and SPECIAL-USE (RFC 6154) attributes.
struct ListResponse {
    bool lsub = false;
    QByteArrayList attributes; // as sent: "\HasNoChildren", "\Sent", "\Subscribed"...
    char delimiter = 0;        // 0 when the server says NIL
    QByteArray rawName;        // as on the wire: modified UTF-7, or UTF-8 once UTF8=ACCEPT is on
    QString name;              // decoded; empty with nameError set when the server sent an invalid name
    QString nameError;
    QByteArrayList childInfo; // LIST-EXTENDED CHILDINFO, e.g. "SUBSCRIBED"
    QByteArray oldName;       // LIST-EXTENDED OLDNAME, raw

    [[nodiscard]] bool hasAttribute(QByteArrayView attribute) const;
};

// STATUS (RFC 9051 §7.2.4), with HIGHESTMODSEQ (RFC 7162) and SIZE (RFC 8438).
struct MailboxStatusResponse {
    QByteArray rawName;
    QString name;
    std::optional<quint32> messages;
    std::optional<quint32> recent;
    std::optional<Uid> uidNext;
    std::optional<quint32> uidValidity;
    std::optional<quint32> unseen;
    std::optional<quint64> highestModSeq;
    std::optional<quint64> size;
    std::optional<quint32> deleted;
};

struct FlagsResponse {
    Flags flags;
};

// "* n EXISTS", "* n RECENT", "* n EXPUNGE".
struct ExistsResponse {
    quint32 count = 0;
};
struct RecentResponse {
    quint32 count = 0;
};
struct ExpungeResponse {
    quint32 sequenceNumber = 0;
};

// RFC 7162: UIDs gone from the mailbox; EARLIER when they went before this session saw them.
struct VanishedResponse {
    bool earlier = false;
    UidSet uids;
};

// BODYSTRUCTURE or BODY (RFC 9051 §7.5.2). Multipart bodies hold their parts; message/rfc822
// bodies hold the enclosed message's envelope and body.
struct BodyStructure {
    QByteArray type;          // lower case: "text", "multipart"...
    QByteArray subtype;       // lower case
    ParameterList parameters; // names lower case
    QByteArray id;
    QByteArray description;
    QByteArray encoding; // lower case
    quint64 size = 0;    // negative sizes from broken servers are read as 0
    quint64 lines = 0;   // text/* and message/rfc822
    QByteArray md5;
    QByteArray disposition; // lower case, empty for none
    ParameterList dispositionParameters;
    QByteArrayList language;
    QByteArray location;
    std::vector<BodyStructure> parts;           // multipart
    std::shared_ptr<Envelope> messageEnvelope;  // message/rfc822
    std::shared_ptr<BodyStructure> messageBody; // message/rfc822

    [[nodiscard]] bool isMultipart() const { return type == "multipart"; }
};

// One BODY[section]<origin> or BINARY[section]<origin> item.
struct FetchedSection {
    bool binary = false;
    QByteArray section; // "HEADER.FIELDS (SUBJECT)", "1.2", "" for the whole message
    std::optional<quint64> origin;
    QByteArray data;
    bool isNil = false;
    // Non-zero when the data went to the connection's literal sink instead of `data`.
    quint64 streamId = 0;
    qint64 streamedSize = 0;
};

struct FetchResponse {
    quint32 sequenceNumber = 0;
    std::optional<Uid> uid;
    std::optional<Flags> flags;
    std::optional<Envelope> envelope;
    std::optional<QDateTime> internalDate;
    std::optional<quint64> rfc822Size;
    std::shared_ptr<BodyStructure> bodyStructure; // from BODYSTRUCTURE or BODY
    // From BODYSTRUCTURE rather than BODY, so extension data (disposition, language...) was
    // asked for; broken servers may still leave it out.
    bool bodyStructureHasExtensions = false;
    std::optional<quint64> modSeq;
    std::optional<QByteArray> preview; // NIL leaves it unset
    QList<FetchedSection> sections;
    QList<std::pair<QByteArray, quint64>> binarySizes; // BINARY.SIZE[section]
    std::optional<quint64> gmailMessageId;
    std::optional<quint64> gmailThreadId;
    std::optional<QByteArrayList> gmailLabels;
    QByteArray emailId;  // RFC 8474
    QByteArray threadId; // RFC 8474; empty for NIL
};

// "* SEARCH 2 84 882 (MODSEQ 917162500)": message numbers, or UIDs after UID SEARCH.
struct SearchResponse {
    UidSet numbers;
    std::optional<quint64> modSeq;
};

// RFC 4731 ESEARCH.
struct ESearchResponse {
    QByteArray tag; // the search command's tag, empty when the server gave none
    // RFC 7377 MULTISEARCH: the mailbox this answer is about, and its UIDVALIDITY.
    QByteArray rawMailbox; // as on the wire; empty when not given
    QString mailbox;
    std::optional<quint32> uidValidity;
    bool uid = false;
    std::optional<quint32> min;
    std::optional<quint32> max;
    std::optional<quint32> count;
    std::optional<UidSet> all;
    std::optional<quint64> modSeq;
};

// RFC 5256 THREAD: the server's threads of the messages a (UID) THREAD command matched.
//
// "* THREAD (2)(3 6 (4 23)(44 7 96))" is two threads: 2 alone, and 3 with the reply 6, which
// has two replies, 4 (with the reply 23) and 44 (with 7, which has 96). The tree is kept flat,
// one node per number in the order of the response (depth first), each naming its parent by
// index: a chain of replies "(1 2 3 ... 100000)" is 100,000 levels deep, and nested vectors of
// children would be copied and destroyed by recursion that deep, which no stack survives.
struct ThreadResponse {
    struct Node {
        // 0 for a parent the server knows of but that is not in the mailbox: RFC 5256 allows
        // "((3)(5))", two messages replying to one that is missing.
        Uid uid = 0;
        // Index in `nodes` of the parent, always an earlier node; -1 for a thread's root.
        qint32 parent = -1;
    };
    std::vector<Node> nodes;
};

// An untagged response of a kind Fumi does not use (QUOTA, METADATA...), kept so that a server
// speaking an extension is not mistaken for a broken one.
struct OtherResponse {
    QByteArray name; // upper case
    QByteArray data; // the rest of the response, as sent
};

using Response = std::variant<StatusResponse, ContinuationRequest, CapabilityResponse, EnabledResponse, IdResponse,
                              NamespaceResponse, ListResponse, MailboxStatusResponse, FlagsResponse, ExistsResponse,
                              RecentResponse, ExpungeResponse, VanishedResponse, FetchResponse, SearchResponse,
                              ESearchResponse, ThreadResponse, OtherResponse>;

} // namespace fumi::imap
