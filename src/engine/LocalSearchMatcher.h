// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "engine/SearchQuery.h"
#include "store/MessageRecord.h"

#include <QHash>

#include <optional>

namespace fumi::engine {

// Decides a search query from a cached message row alone, so that results show before the
// server answers.
//
// The rule: a local result must never be a message the server would not return. So each
// condition answers Yes, No or Unknown, and only a query that comes out Yes shows:
// - from:, to:, cc:, subject: and bare words answer Yes when the cached text contains the value
//   (case-insensitive), and otherwise Unknown, never No: the row keeps only the first From
//   address, the server may fold and decode differently, and bare words also search the body.
// - bcc: and body: are always Unknown (the row has no Bcc and no body).
// - has:attachment is Unknown, except where the server's superset is refined from the
//   structure (SearchCompiler::needsAttachmentRefinement(): a term all must match, and no
//   Gmail): there it is exact for a message whose structure is stored, from the answer stored
//   with it (SearchCompiler::refinedHasAttachment()). The row's own attachment flag is a guess
//   from its Content-Type and never used.
// - is:, keyword: and larger:/smaller: are exact (the row's flags and RFC822.SIZE).
// - Dates compare the internal date's day, which the server takes in a time zone the client
//   does not know: the day is only known to lie between the day at UTC-12 and the day at UTC+14,
//   and a comparison that depends on which is Unknown (so on:D is never proved locally).
// Then Kleene's three-valued logic: AND is No if any is No, Yes if all are Yes; OR is Yes if any
// is Yes, No if all are No; NOT swaps Yes and No and keeps Unknown.
class LocalSearchMatcher
{
public:
    enum class Answer { No, Yes, Unknown };
    // The query's keyword: names, each read once; nothing for a name no message can have.
    using Keywords = QHash<QString, std::optional<Keyword>>;

    // `refinedAttachments`: the server's has:attachment is refined from the structure (see
    // above), so the stored answers decide the terms all must match.
    explicit LocalSearchMatcher(SearchTerm root, bool refinedAttachments = false);

    // False when no row can ever come out Yes (body:foo, -from:x...): the local phase then
    // need not read the cache at all.
    [[nodiscard]] bool canMatch() const { return m_canMatch; }
    // The fields of a row that evaluate() reads: a row with only these (and the UID) filled in
    // gets the same answer as the whole row. fields().attachments: evaluate() wants the stored
    // structure's answer.
    [[nodiscard]] const store::MessageFields &fields() const { return m_fields; }
    // The rows that can come out Yes at all, for conditions the cache has an index for.
    [[nodiscard]] store::ScanFilter filter() const { return m_filter; }
    // `attachments`: what the message's stored structure says (AccountStore::scanMessages()),
    // none when no structure is stored.
    [[nodiscard]] Answer evaluate(const store::MessageRecord &row, std::optional<bool> attachments = {}) const;
    [[nodiscard]] bool matches(const store::MessageRecord &row, std::optional<bool> attachments = {}) const
    {
        return evaluate(row, attachments) == Answer::Yes;
    }

private:
    SearchTerm m_root;
    // With refined attachments, the query without its has:attachment terms that all must match.
    SearchTerm m_rest;
    bool m_refinedAttachments = false;
    bool m_canMatch = false;
    store::MessageFields m_fields;
    store::ScanFilter m_filter;
    Keywords m_keywords;
};

} // namespace fumi::engine
