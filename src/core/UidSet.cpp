// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/UidSet.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace fumi {

namespace {

// Comparisons in 64 bits, so that "last + 1" cannot wrap at the top of the UID range.
bool endsBeforeAdjacent(const UidSet::Range &range, Uid value)
{
    return quint64(range.last) + 1 < value;
}

bool startsAfterAdjacent(Uid value, const UidSet::Range &range)
{
    return quint64(value) + 1 < range.first;
}

// Appends `range` to a sorted list being built in ascending order, merging it with the last
// range when they overlap or touch.
void appendMerging(std::vector<UidSet::Range> &out, UidSet::Range range)
{
    if (!out.empty() && quint64(out.back().last) + 1 >= range.first) {
        out.back().last = std::max(out.back().last, range.last);
        return;
    }
    out.push_back(range);
}

} // namespace

UidSet::const_iterator::const_iterator(RangeIt range, RangeIt end)
    : m_range(range)
    , m_end(end)
    , m_value(range != end ? range->first : 0)
{
}

UidSet::const_iterator &UidSet::const_iterator::operator++()
{
    if (m_value == m_range->last) {
        ++m_range;
        m_value = m_range != m_end ? m_range->first : 0;
    } else {
        ++m_value;
    }
    return *this;
}

UidSet::UidSet(std::initializer_list<Uid> uids)
{
    for (Uid uid : uids)
        insert(uid);
}

UidSet UidSet::fromRange(Uid first, Uid last)
{
    UidSet set;
    set.insert(first, last);
    return set;
}

quint64 UidSet::count() const
{
    quint64 total = 0;
    for (const Range &range : m_ranges)
        total += quint64(range.last) - range.first + 1;
    return total;
}

bool UidSet::contains(Uid uid) const
{
    auto it = std::lower_bound(m_ranges.begin(), m_ranges.end(), uid, [](const Range &range, Uid value) {
        return range.last < value;
    });
    return it != m_ranges.end() && it->first <= uid;
}

void UidSet::insert(Uid first, Uid last)
{
    if (first > last)
        std::swap(first, last);
    Q_ASSERT_X(first != 0, "UidSet::insert", "UID 0 does not exist");
    if (first == 0) {
        if (last == 0)
            return;
        first = 1;
    }

    // [lo, hi) are the ranges that overlap or touch [first, last] and merge with it.
    auto lo = std::lower_bound(m_ranges.begin(), m_ranges.end(), first, endsBeforeAdjacent);
    auto hi = std::upper_bound(lo, m_ranges.end(), last, startsAfterAdjacent);
    if (lo == hi) {
        m_ranges.insert(lo, Range{first, last});
        return;
    }
    lo->first = std::min(first, lo->first);
    lo->last = std::max(last, std::prev(hi)->last);
    m_ranges.erase(std::next(lo), hi);
}

void UidSet::remove(Uid first, Uid last)
{
    if (first > last)
        std::swap(first, last);

    // [lo, hi) are the ranges that share at least one UID with [first, last].
    auto lo = std::lower_bound(m_ranges.begin(), m_ranges.end(), first, [](const Range &range, Uid value) {
        return range.last < value;
    });
    auto hi = std::upper_bound(lo, m_ranges.end(), last, [](Uid value, const Range &range) {
        return value < range.first;
    });
    if (lo == hi)
        return;

    std::optional<Range> keepLeft;
    std::optional<Range> keepRight;
    if (lo->first < first)
        keepLeft = Range{lo->first, first - 1};
    if (std::prev(hi)->last > last)
        keepRight = Range{last + 1, std::prev(hi)->last};

    auto at = m_ranges.erase(lo, hi);
    if (keepRight)
        at = m_ranges.insert(at, *keepRight);
    if (keepLeft)
        m_ranges.insert(at, *keepLeft);
}

UidSet UidSet::united(const UidSet &other) const
{
    UidSet result;
    result.m_ranges.reserve(m_ranges.size() + other.m_ranges.size());
    auto a = m_ranges.begin();
    auto b = other.m_ranges.begin();
    while (a != m_ranges.end() || b != other.m_ranges.end()) {
        const bool takeA = b == other.m_ranges.end() || (a != m_ranges.end() && a->first <= b->first);
        appendMerging(result.m_ranges, takeA ? *a++ : *b++);
    }
    return result;
}

UidSet UidSet::subtracted(const UidSet &other) const
{
    UidSet result;
    auto b = other.m_ranges.begin();
    for (Range range : m_ranges) {
        // Skip what lies wholly below this range; it cannot affect later ranges either.
        while (b != other.m_ranges.end() && b->last < range.first)
            ++b;
        auto cut = b;
        bool emptied = false;
        while (cut != other.m_ranges.end() && cut->first <= range.last) {
            if (cut->first > range.first)
                result.m_ranges.push_back(Range{range.first, cut->first - 1});
            if (cut->last >= range.last) {
                emptied = true;
                break;
            }
            range.first = cut->last + 1;
            ++cut;
        }
        if (!emptied)
            result.m_ranges.push_back(range);
    }
    return result;
}

UidSet UidSet::intersected(const UidSet &other) const
{
    UidSet result;
    auto a = m_ranges.begin();
    auto b = other.m_ranges.begin();
    while (a != m_ranges.end() && b != other.m_ranges.end()) {
        const Uid first = std::max(a->first, b->first);
        const Uid last = std::min(a->last, b->last);
        if (first <= last)
            result.m_ranges.push_back(Range{first, last});
        if (a->last < b->last)
            ++a;
        else
            ++b;
    }
    return result;
}

QByteArray UidSet::toImapSequenceSet() const
{
    QByteArray text;
    text.reserve(qsizetype(m_ranges.size()) * 12);
    for (const Range &range : m_ranges) {
        if (!text.isEmpty())
            text.append(',');
        text.append(QByteArray::number(range.first));
        if (range.last != range.first) {
            text.append(':');
            text.append(QByteArray::number(range.last));
        }
    }
    return text;
}

namespace {

struct SequenceSetReader {
    QByteArrayView text;
    Uid largest;
    qsizetype pos = 0;

    // seq-number = nz-number / "*"; nz-number = digit-nz *DIGIT, at most 2^32-1.
    ParseResult<Uid> number()
    {
        const qsizetype start = pos;
        if (pos >= text.size())
            return ParseError{pos, QStringLiteral("expected a number or '*'")};
        if (text[pos] == '*') {
            ++pos;
            if (largest == 0)
                return ParseError{start, QStringLiteral("'*' stands for the largest UID, but the mailbox has none")};
            return largest;
        }
        if (text[pos] == '0')
            return ParseError{start, QStringLiteral("0 is not a valid UID and numbers have no leading zeros")};
        quint64 value = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            value = value * 10 + quint64(text[pos] - '0');
            if (value > maxUid)
                return ParseError{start, QStringLiteral("number larger than 4294967295")};
            ++pos;
        }
        if (pos == start)
            return ParseError{start, QStringLiteral("expected a number or '*'")};
        return Uid(value);
    }
};

} // namespace

ParseResult<UidSet> UidSet::fromImapSequenceSet(QByteArrayView text, Uid largest)
{
    if (text.isEmpty())
        return ParseError{0, QStringLiteral("empty sequence set")};

    SequenceSetReader reader{text, largest};
    UidSet set;
    while (true) {
        auto first = reader.number();
        if (!first)
            return first.error();
        Uid last = first.value();
        if (reader.pos < text.size() && text[reader.pos] == ':') {
            ++reader.pos;
            auto second = reader.number();
            if (!second)
                return second.error();
            last = second.value();
        }
        set.insert(first.value(), last);
        if (reader.pos == text.size())
            return set;
        if (text[reader.pos] != ',')
            return ParseError{reader.pos, QStringLiteral("expected ',' or ':'")};
        ++reader.pos;
    }
}

} // namespace fumi
