// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/ParseResult.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace fumi::engine {

// One node of a parsed search query: an operator (And, Or, Not) over its children, or a
// condition on a message. Conditions keep what the user typed, in Unicode; the compiler
// (SearchCompiler) turns them into IMAP search keys and LocalSearchMatcher into a test on a
// cached row.
struct SearchTerm {
    enum class Kind {
        And,
        Or,
        Not,
        Text, // bare words and "quoted phrases": the whole message (IMAP TEXT)
        From,
        To,
        Cc,
        Bcc,
        Subject,
        Body,
        HasAttachment,
        Unread,
        Read,
        Flagged,
        Answered,
        Draft,
        Keyword,
        Before, // before:D, older_than: the message arrived before day D
        After,  // after:D, newer_than: the message arrived after day D (not on it)
        On,
        Larger, // size > `size` bytes
        Smaller // size < `size` bytes
    };

    Kind kind = Kind::And;
    QString text;               // Text/From/.../Keyword value
    QDate date;                 // Before/After/On (newer_than/older_than resolved to dates)
    quint64 size = 0;           // Larger/Smaller in bytes
    QList<SearchTerm> children; // And/Or/Not
    qsizetype offset = 0;       // where in the query text (for errors and highlighting)
    qsizetype length = 0;

    // A compact printed form for tests and logs: `(and (from "bob") (not (text "x")))`.
    [[nodiscard]] QString toString() const;
};

// A parsed query: the conditions, and where to look (in:, account:), which are not
// conditions on a message but choose the mailboxes to search.
struct SearchQuery {
    SearchTerm root;         // And of the top-level terms
    QStringList folders;     // in:FOLDER values (paths as typed); empty: the caller's default
    bool allFolders = false; // in:all
    QStringList accounts;    // account:NAME values; empty: the caller's default
    // No condition at all: every message of the mailboxes matches.
    [[nodiscard]] bool isEmpty() const { return root.children.isEmpty(); }
};

// The query language of the search bar (DESIGN.md, "Search"), close to Gmail's:
//
//   words "quoted phrases"        full text
//   from: to: cc: bcc: subject: body:  a word or a "quoted phrase"
//   has:attachment  is:unread|read|flagged|answered|draft  keyword:NAME
//   before: after: on: (YYYY-MM-DD)  newer_than: older_than: (7d, 2w, 3m, 1y)
//   larger: smaller: (10k, 5M, 1G or plain bytes)
//   in:FOLDER in:"Folder with spaces" in:all account:NAME
//   a OR b, ( ... ), -term, -( ... )
//
// Terms next to each other must all match; OR (in capitals) binds tighter than that, as in
// Gmail, so `a b OR c` is `a (b OR c)`. Operator names are case-insensitive. Words are split at
// white space, including the ideographic space; Japanese needs none: 会議資料 is one word.
// in: and account: choose where to search, so they may appear only at the top level, not inside
// parentheses, after OR or under -.
//
// Dates are the day a message arrived (its internal date), and the words mean what they say:
// after:D is after day D, not on it (after:2026-01-31 starts on 1 February), before:D is before
// it, on:D that day. newer_than:7d is after:(today − 8 days), i.e. the last 7 days and today; older_than:7d
// is before:(today − 7 days).
class SearchQueryParser
{
    Q_DECLARE_TR_FUNCTIONS(fumi::engine::SearchQueryParser)

public:
    // `today` resolves newer_than:/older_than:. Errors carry the offset (in UTF-16 code units)
    // of the token at fault and a message in words.
    [[nodiscard]] static ParseResult<SearchQuery> parse(QStringView text, QDate today);
};

} // namespace fumi::engine

Q_DECLARE_METATYPE(fumi::engine::SearchQuery)
