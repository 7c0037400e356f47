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
// - bcc:, body: and has:attachment are always Unknown (the row has no Bcc, no body, and its
//   attachment flag is a guess from Content-Type, not the structure).
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

    explicit LocalSearchMatcher(SearchTerm root);

    // False when no row can ever come out Yes (body:foo, -from:x...): the local phase then
    // need not read the cache at all.
    [[nodiscard]] bool canMatch() const { return m_canMatch; }
    // The fields of a row that evaluate() reads: a row with only these (and the UID) filled in
    // gets the same answer as the whole row.
    [[nodiscard]] const store::MessageFields &fields() const { return m_fields; }
    [[nodiscard]] Answer evaluate(const store::MessageRecord &row) const;
    [[nodiscard]] bool matches(const store::MessageRecord &row) const { return evaluate(row) == Answer::Yes; }

private:
    SearchTerm m_root;
    bool m_canMatch = false;
    store::MessageFields m_fields;
    Keywords m_keywords;
};

} // namespace fumi::engine
