// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/LocalSearchMatcher.h"

#include "core/Flags.h"

#include <algorithm>

namespace fumi::engine {

namespace {

using Kind = SearchTerm::Kind;
using Answer = LocalSearchMatcher::Answer;

// The widest UTC offsets in use are -12 and +14 hours.
constexpr qint64 westmostOffsetSeconds = -12 * 3600;
constexpr qint64 eastmostOffsetSeconds = 14 * 3600;

Answer exact(bool value)
{
    return value ? Answer::Yes : Answer::No;
}

Answer contains(const QString &haystack, const QString &needle)
{
    return haystack.contains(needle, Qt::CaseInsensitive) ? Answer::Yes : Answer::Unknown;
}

Answer containsAny(std::initializer_list<const QString *> fields, const QString &needle)
{
    for (const QString *field : fields) {
        if (field->contains(needle, Qt::CaseInsensitive))
            return Answer::Yes;
    }
    return Answer::Unknown;
}

// The days the internal date may fall on in the server's time zone.
std::pair<QDate, QDate> possibleDays(const QDateTime &internalDate)
{
    const QDateTime utc = internalDate.toUTC();
    return {utc.addSecs(westmostOffsetSeconds).date(), utc.addSecs(eastmostOffsetSeconds).date()};
}

Answer evaluate(const SearchTerm &term, const store::MessageRecord &row, const LocalSearchMatcher::Keywords &keywords)
{
    switch (term.kind) {
    case Kind::And: {
        Answer result = Answer::Yes;
        for (const SearchTerm &child : term.children) {
            const Answer answer = evaluate(child, row, keywords);
            if (answer == Answer::No)
                return Answer::No;
            if (answer == Answer::Unknown)
                result = Answer::Unknown;
        }
        return result;
    }
    case Kind::Or: {
        Answer result = Answer::No;
        for (const SearchTerm &child : term.children) {
            const Answer answer = evaluate(child, row, keywords);
            if (answer == Answer::Yes)
                return Answer::Yes;
            if (answer == Answer::Unknown)
                result = Answer::Unknown;
        }
        return result;
    }
    case Kind::Not: {
        const Answer answer = term.children.isEmpty() ? Answer::Yes : evaluate(term.children.first(), row, keywords);
        return answer == Answer::Yes ? Answer::No : answer == Answer::No ? Answer::Yes : Answer::Unknown;
    }
    case Kind::Text:
        return containsAny({&row.subject, &row.fromName, &row.fromAddress, &row.to, &row.cc}, term.text);
    case Kind::From:
        return containsAny({&row.fromName, &row.fromAddress}, term.text);
    case Kind::To:
        return contains(row.to, term.text);
    case Kind::Cc:
        return contains(row.cc, term.text);
    case Kind::Subject:
        return contains(row.subject, term.text);
    case Kind::Bcc:
    case Kind::Body:
    case Kind::HasAttachment:
        return Answer::Unknown;
    case Kind::Unread:
        return exact(!row.flags.has(Flags::System::Seen));
    case Kind::Read:
        return exact(row.flags.has(Flags::System::Seen));
    case Kind::Flagged:
        return exact(row.flags.has(Flags::System::Flagged));
    case Kind::Answered:
        return exact(row.flags.has(Flags::System::Answered));
    case Kind::Draft:
        return exact(row.flags.has(Flags::System::Draft));
    case Kind::Keyword: {
        const std::optional<Keyword> keyword = keywords.value(term.text);
        return exact(keyword && row.flags.has(*keyword));
    }
    case Kind::Before:
    case Kind::After:
    case Kind::On: {
        if (!row.internalDate.isValid())
            return Answer::Unknown;
        const auto [earliest, latest] = possibleDays(row.internalDate);
        if (term.kind == Kind::Before) {
            if (latest < term.date)
                return Answer::Yes;
            return earliest >= term.date ? Answer::No : Answer::Unknown;
        }
        if (term.kind == Kind::After) {
            if (earliest > term.date)
                return Answer::Yes;
            return latest <= term.date ? Answer::No : Answer::Unknown;
        }
        if (earliest == term.date && latest == term.date)
            return Answer::Yes;
        return latest < term.date || earliest > term.date ? Answer::No : Answer::Unknown;
    }
    case Kind::Larger:
        return exact(row.size > term.size);
    case Kind::Smaller:
        return exact(row.size < term.size);
    }
    return Answer::Unknown;
}

// Whether some row could make `term` come out Yes (wantYes) or No (!wantYes).
bool possible(const SearchTerm &term, bool wantYes)
{
    switch (term.kind) {
    case Kind::And:
        if (wantYes)
            return std::all_of(term.children.begin(), term.children.end(), [](const SearchTerm &c) {
                return possible(c, true);
            });
        return std::any_of(term.children.begin(), term.children.end(), [](const SearchTerm &c) {
            return possible(c, false);
        });
    case Kind::Or:
        if (wantYes)
            return std::any_of(term.children.begin(), term.children.end(), [](const SearchTerm &c) {
                return possible(c, true);
            });
        return std::all_of(term.children.begin(), term.children.end(), [](const SearchTerm &c) {
            return possible(c, false);
        });
    case Kind::Not:
        return term.children.isEmpty() ? !wantYes : possible(term.children.first(), !wantYes);
    case Kind::Text:
    case Kind::From:
    case Kind::To:
    case Kind::Cc:
    case Kind::Subject:
        return wantYes;
    case Kind::Bcc:
    case Kind::Body:
    case Kind::HasAttachment:
        return false;
    default:
        return true;
    }
}

void collectFields(const SearchTerm &term, store::MessageFields &fields, LocalSearchMatcher::Keywords &keywords)
{
    switch (term.kind) {
    case Kind::And:
    case Kind::Or:
    case Kind::Not:
        for (const SearchTerm &child : term.children)
            collectFields(child, fields, keywords);
        return;
    case Kind::Text:
        fields.subject = fields.from = fields.to = fields.cc = true;
        return;
    case Kind::From:
        fields.from = true;
        return;
    case Kind::To:
        fields.to = true;
        return;
    case Kind::Cc:
        fields.cc = true;
        return;
    case Kind::Subject:
        fields.subject = true;
        return;
    case Kind::Bcc:
    case Kind::Body:
    case Kind::HasAttachment:
        return;
    case Kind::Unread:
    case Kind::Read:
    case Kind::Flagged:
    case Kind::Answered:
    case Kind::Draft:
    case Kind::Keyword:
        fields.flags = true;
        // Once here rather than for every row: the name checked and looked up.
        if (const ParseResult<Keyword> keyword = Keyword::fromName(term.text.toLatin1()); keyword.ok())
            keywords.insert(term.text, keyword.value());
        else
            keywords.insert(term.text, std::nullopt); // no message can have it
        return;
    case Kind::Before:
    case Kind::After:
    case Kind::On:
        fields.internalDate = true;
        return;
    case Kind::Larger:
    case Kind::Smaller:
        fields.size = true;
        return;
    }
}

// The terms of an And (or the lone term) that all must match.
QList<SearchTerm> conjuncts(const SearchTerm &root)
{
    return root.kind == Kind::And ? root.children : QList<SearchTerm>{root};
}

// An index narrows the rows when a term all must match is one of its conditions.
store::ScanFilter filterOf(const SearchTerm &root)
{
    store::ScanFilter filter;
    for (const SearchTerm &term : conjuncts(root)) {
        if (term.kind == Kind::Flagged)
            filter.flagged = true;
        const bool notRead
            = term.kind == Kind::Not && term.children.size() == 1 && term.children.first().kind == Kind::Read;
        if (term.kind == Kind::Unread || notRead)
            filter.unseen = true;
    }
    return filter;
}

} // namespace

LocalSearchMatcher::LocalSearchMatcher(SearchTerm root, bool refinedAttachments)
    : m_root(std::move(root))
    , m_refinedAttachments(refinedAttachments)
    , m_filter(filterOf(m_root))
{
    if (m_refinedAttachments) {
        m_rest.kind = Kind::And;
        const QList<SearchTerm> terms = conjuncts(m_root);
        for (const SearchTerm &term : terms) {
            if (term.kind != Kind::HasAttachment)
                m_rest.children.append(term);
        }
        // None to decide: has:attachment is only under OR or NOT, where the superset stands.
        m_refinedAttachments = m_rest.children.size() < terms.size();
        m_fields.attachments = m_refinedAttachments;
        // Only a message whose stored structure answers yes can match.
        m_filter.attachments = m_refinedAttachments;
    }
    m_canMatch = possible(m_refinedAttachments ? m_rest : m_root, true);
    collectFields(m_root, m_fields, m_keywords);
}

LocalSearchMatcher::Answer LocalSearchMatcher::evaluate(const store::MessageRecord &row,
                                                        std::optional<bool> attachments) const
{
    if (!m_refinedAttachments)
        return fumi::engine::evaluate(m_root, row, m_keywords);
    // has:attachment, then the rest, as an And of the two.
    if (attachments == false)
        return Answer::No;
    const Answer rest = fumi::engine::evaluate(m_rest, row, m_keywords);
    if (rest == Answer::No || !attachments)
        return rest == Answer::No ? Answer::No : Answer::Unknown;
    return rest;
}

} // namespace fumi::engine
