// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/ParseResult.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>

#include <vector>

namespace fumi {

// A keyword (RFC 9051 §2.3.2: "$Forwarded", "NonJunk") or an extension flag ("\Foo", a flag
// with a backslash that is not one of the system flags), interned for the whole process.
//
// A mailbox of 100,000 messages mentions the same handful of keywords over and over, so each
// distinct keyword is stored once and a message holds only its 32-bit id. Flag names are
// case-insensitive in IMAP: "$forwarded" and "$Forwarded" are the same keyword, spelled the
// way it was first seen. Interning is thread-safe; ids are stable for the life of the
// process and mean nothing outside it (the store keeps keywords by name).
//
// Keyword lives in Flags.h rather than a file of its own: the two share the flag-name grammar
// and the table of system flags, and neither is used without the other.
class Keyword
{
public:
    // Fails for anything that is not a valid keyword or extension flag, including the
    // system flags, which Flags keeps as bits.
    [[nodiscard]] static ParseResult<Keyword> fromName(QByteArrayView name);

    [[nodiscard]] QByteArray name() const;
    [[nodiscard]] quint32 id() const { return m_id; }

    friend bool operator==(Keyword a, Keyword b) { return a.m_id == b.m_id; }
    friend auto operator<=>(Keyword a, Keyword b) { return a.m_id <=> b.m_id; }

private:
    explicit Keyword(quint32 id)
        : m_id(id)
    {
    }
    quint32 m_id;
};

// The flags of one message: IMAP's system flags as bits, keywords as a small sorted list.
class Flags
{
public:
    enum class System : quint8 {
        Seen = 0x01,
        Answered = 0x02,
        Flagged = 0x04,
        Deleted = 0x08,
        Draft = 0x10,
        // Session-only and gone from IMAP4rev2; servers still send it in FETCH FLAGS, and
        // clients can never set or clear it.
        Recent = 0x20,
    };
    Q_DECLARE_FLAGS(SystemFlags, System)

    Flags() = default;
    explicit Flags(SystemFlags system)
        : m_system(system)
    {
    }

    [[nodiscard]] SystemFlags system() const { return m_system; }
    [[nodiscard]] bool has(System flag) const { return m_system.testFlag(flag); }
    void set(System flag, bool on = true) { m_system.setFlag(flag, on); }

    // Keywords and extension flags, ordered by id.
    [[nodiscard]] const std::vector<Keyword> &keywords() const { return m_keywords; }
    [[nodiscard]] bool has(Keyword keyword) const;
    void add(Keyword keyword);
    void remove(Keyword keyword);

    // Adds a flag by its IMAP name: a system flag (in any case) or a keyword. Returns false,
    // changing nothing, for a name that is neither.
    [[nodiscard]] bool addName(QByteArrayView name);

    [[nodiscard]] bool isEmpty() const { return !m_system && m_keywords.empty(); }
    // The union and difference that +FLAGS and -FLAGS ask for.
    [[nodiscard]] Flags united(const Flags &other) const;
    [[nodiscard]] Flags subtracted(const Flags &other) const;

    friend bool operator==(const Flags &, const Flags &) = default;

    // Parses an IMAP flag-list such as "(\Seen $Forwarded)". System flags are recognised in any
    // case. "\*" is refused: it belongs to PERMANENTFLAGS, not to a message.
    [[nodiscard]] static ParseResult<Flags> fromImapList(QByteArrayView text);
    // The flag-list text: system flags first in a fixed order, then keywords by name, so equal
    // sets print equal text.
    [[nodiscard]] QByteArray toImapList() const;

private:
    SystemFlags m_system;
    std::vector<Keyword> m_keywords;
};

} // namespace fumi

Q_DECLARE_OPERATORS_FOR_FLAGS(fumi::Flags::SystemFlags)
