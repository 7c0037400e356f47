// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/ParseResult.h"
#include "core/Uid.h"

#include <QByteArray>
#include <QByteArrayView>

#include <initializer_list>
#include <iterator>
#include <vector>

namespace fumi {

// A set of UIDs stored as sorted, disjoint, non-adjacent closed intervals.
//
// Mailboxes hold up to hundreds of thousands of messages whose UIDs mostly run in long
// consecutive stretches, so "1:100000" is one interval here rather than 100,000 entries, and
// the set converts directly to and from IMAP's sequence-set syntax (RFC 9051 §9, e.g.
// "1:5,7,9:*"). Every operation keeps the intervals normalised: [1,3] and [4,6] are always
// stored as [1,6], so two sets with the same members compare equal and print the same text.
//
// UID 0 does not exist; inserting it is a programming error.
class UidSet
{
public:
    struct Range {
        Uid first = 0; // inclusive
        Uid last = 0;  // inclusive, >= first

        friend bool operator==(const Range &, const Range &) = default;
    };

    // Iterates over every UID in ascending order.
    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Uid;
        using difference_type = std::ptrdiff_t;
        using pointer = const Uid *;
        using reference = Uid;

        const_iterator() = default;
        Uid operator*() const { return m_value; }
        const_iterator &operator++();
        const_iterator operator++(int)
        {
            const_iterator copy = *this;
            ++*this;
            return copy;
        }
        friend bool operator==(const const_iterator &a, const const_iterator &b)
        {
            return a.m_range == b.m_range && (a.m_range == a.m_end || a.m_value == b.m_value);
        }

    private:
        friend class UidSet;
        using RangeIt = std::vector<Range>::const_iterator;
        const_iterator(RangeIt range, RangeIt end);

        RangeIt m_range;
        RangeIt m_end;
        Uid m_value = 0;
    };

    UidSet() = default;
    UidSet(std::initializer_list<Uid> uids);
    [[nodiscard]] static UidSet fromRange(Uid first, Uid last);

    [[nodiscard]] bool isEmpty() const { return m_ranges.empty(); }
    // Number of UIDs, which can exceed what fits in 32 bits only by one (1:4294967295).
    [[nodiscard]] quint64 count() const;
    [[nodiscard]] const std::vector<Range> &ranges() const { return m_ranges; }
    // Only when not empty.
    [[nodiscard]] Uid min() const { return m_ranges.front().first; }
    [[nodiscard]] Uid max() const { return m_ranges.back().last; }
    [[nodiscard]] bool contains(Uid uid) const;

    void insert(Uid uid) { insert(uid, uid); }
    // The bounds may come in either order, as in IMAP's "9:5".
    void insert(Uid first, Uid last);
    void remove(Uid uid) { remove(uid, uid); }
    void remove(Uid first, Uid last);
    void clear() { m_ranges.clear(); }

    [[nodiscard]] UidSet united(const UidSet &other) const;
    [[nodiscard]] UidSet subtracted(const UidSet &other) const;
    [[nodiscard]] UidSet intersected(const UidSet &other) const;
    UidSet &operator|=(const UidSet &other) { return *this = united(other); }
    UidSet &operator-=(const UidSet &other) { return *this = subtracted(other); }
    UidSet &operator&=(const UidSet &other) { return *this = intersected(other); }
    friend UidSet operator|(const UidSet &a, const UidSet &b) { return a.united(b); }
    friend UidSet operator-(const UidSet &a, const UidSet &b) { return a.subtracted(b); }
    friend UidSet operator&(const UidSet &a, const UidSet &b) { return a.intersected(b); }
    friend bool operator==(const UidSet &, const UidSet &) = default;

    [[nodiscard]] const_iterator begin() const { return {m_ranges.cbegin(), m_ranges.cend()}; }
    [[nodiscard]] const_iterator end() const { return {m_ranges.cend(), m_ranges.cend()}; }

    // IMAP sequence-set text ("1:5,7,9:20"); empty for an empty set, which IMAP cannot express.
    [[nodiscard]] QByteArray toImapSequenceSet() const;
    // Parses sequence-set text. "*" stands for `largest`, the largest UID in use; it is an error
    // when `largest` is 0 (an empty mailbox). The error's offset is where the problem starts.
    [[nodiscard]] static ParseResult<UidSet> fromImapSequenceSet(QByteArrayView text, Uid largest);

private:
    std::vector<Range> m_ranges;
};

} // namespace fumi
