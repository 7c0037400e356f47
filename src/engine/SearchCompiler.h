// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/ParseResult.h"
#include "engine/SearchQuery.h"
#include "imap/Command.h"

#include <QCoreApplication>
#include <QStringList>

namespace fumi::imap {
class Connection;
}

namespace fumi::engine {

// What a server offers that changes how a search is written.
struct SearchCapabilities {
    bool esearch = false;      // ESEARCH (RFC 4731): RETURN (ALL COUNT)
    bool utf8Accept = false;   // UTF8=ACCEPT is enabled (RFC 6855): UTF-8 in quoted strings, no CHARSET
    bool literalPlus = false;  // LITERAL+ (RFC 7888)
    bool literalMinus = false; // LITERAL-
    bool gmail = false;        // X-GM-EXT-1: X-GM-RAW
    bool multisearch = false;  // MULTISEARCH (RFC 7377)

    [[nodiscard]] static SearchCapabilities of(const imap::Connection &connection);
    // How the connection serialises the command's strings and literals with these capabilities.
    [[nodiscard]] imap::Command::Encoding encoding() const;
};

// Compiles a parsed query (SearchQuery) to IMAP SEARCH.
//
// Strings are sent as IMAP strings; a non-ASCII one is a literal (the connection writes it
// non-synchronising where LITERAL+ or LITERAL- allow) announced by CHARSET UTF-8, or a quoted
// UTF-8 string once UTF8=ACCEPT is enabled, when CHARSET is left out. Where the server offers
// X-GM-EXT-1 the whole query goes as one X-GM-RAW string in Gmail's own syntax, which searches
// like Gmail's web interface, unless the query uses something Gmail's syntax cannot say
// (is:answered, is:draft, keyword:), when the plain keys are used.
//
// Date terms use the internal date: after:D is SINCE D+1 (SINCE is inclusive, and "after the
// 1st" does not include the 1st), before:D is BEFORE D (exclusive, as meant), on:D is ON D.
//
// has:attachment cannot be said exactly in IMAP SEARCH, which sees headers and text but not
// the MIME structure. It compiles to a superset the client then refines from BODYSTRUCTURE
// (needsAttachmentRefinement()): the message's top-level Content-Disposition says attachment,
// or its top-level Content-Type names a kind that may carry attachments: multipart/mixed,
// related, signed, encrypted or report, or a single non-text part (application/, image/,
// audio/, video/, message/: a scanned PDF mailed alone). That drops the plain and HTML
// messages (text/, multipart/alternative) that make up most of a mailbox. Only positive keys
// are used: HEADER matches anywhere in the field's value, parameters included, so excluding
// "text/" would also exclude multipart/related; type="text/html". The usual suggestion of
// HEADER Content-Type "multipart/mixed" alone would miss signed messages and lone attachments.
class MessageStructure;

class SearchCompiler
{
    Q_DECLARE_TR_FUNCTIONS(fumi::engine::SearchCompiler)

public:
    // Appends the search keys of `term` to `command` ("ALL" for an empty And). With
    // `capabilities.gmail`, the X-GM-RAW key instead where Gmail's syntax can say the query.
    // Fails for a term no key can express (a keyword that is not an IMAP atom).
    [[nodiscard]] static std::optional<ParseError>
    compile(const SearchTerm &term, const SearchCapabilities &capabilities, imap::Command &command);
    // UID SEARCH [RETURN (ALL COUNT)] [CHARSET UTF-8] [UID within] keys, for the selected
    // mailbox: `within` (unless empty) keeps the search to those UIDs.
    [[nodiscard]] static ParseResult<imap::Command>
    uidSearch(const SearchTerm &root, const SearchCapabilities &capabilities, const UidSet &within = {});
    // Whether the server reads the messages' text to answer (body:, bcc:, bare words): a
    // search that takes seconds on a large mailbox, not the fraction of one that header keys
    // take from the server's cache.
    [[nodiscard]] static bool readsText(const SearchTerm &root);
    // RFC 7377: ESEARCH IN (mailboxes ("a" "b")) RETURN (ALL COUNT) [CHARSET UTF-8] keys; no
    // mailbox need be selected, and each answer names its mailbox and UIDVALIDITY.
    [[nodiscard]] static ParseResult<imap::Command> multiSearch(const SearchTerm &root, const QStringList &mailboxes,
                                                                const SearchCapabilities &capabilities);
    // The query in Gmail's search syntax, or empty when Gmail's syntax cannot say it.
    [[nodiscard]] static QString gmailQuery(const SearchTerm &root);
    // The server's answer is a superset that BODYSTRUCTURE must refine (see above): when
    // has:attachment is one of the terms that must all match and the query does not go to
    // Gmail (whose has:attachment is exact). Under OR or "-" the superset stands: removing
    // messages there could drop ones another branch matched.
    [[nodiscard]] static bool needsAttachmentRefinement(const SearchTerm &root, const SearchCapabilities &capabilities);
    // What the refined has:attachment answers for a message with this structure: attachments,
    // and a top-level Content-Disposition or Content-Type that the superset's keys find (one
    // without, say a multipart/alternative with a file deep inside, the server never returns).
    // The store keeps it with each structure, so the cache decides has:attachment as the
    // server and the refinement together would.
    [[nodiscard]] static bool refinedHasAttachment(const MessageStructure &structure);
};

} // namespace fumi::engine
