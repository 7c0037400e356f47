// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "core/UidSet.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QList>
#include <QStringView>

#include <vector>

namespace fumi::imap {

// One IMAP command, built argument by argument and serialised for the wire.
//
// Arguments say what they are (an atom, a string, a mailbox name, a sequence set...) and
// serialize() chooses the representation RFC 9051 allows: an atom where the bytes permit,
// else a quoted string, else a literal; a literal announced as non-synchronising "{N+}" where
// LITERAL+ (or LITERAL- for up to 4096 bytes) allows it, and otherwise synchronising "{N}",
// after which the client must wait for the server's "+" before sending the rest. So the
// serialised command comes in parts: the first is sent at once, each later one after a "+".
//
// Credentials are marked sensitive and literal contents are never shown: redacted() gives the
// text the protocol transcript may log.
class Command
{
public:
    // What the connection has negotiated that changes how arguments are written.
    struct Encoding {
        enum class Literals { Synchronizing, LiteralMinus, LiteralPlus };
        Literals literals = Literals::Synchronizing;
        // UTF8=ACCEPT is enabled (or IMAP4rev2): mailbox names and quoted strings are UTF-8.
        bool utf8 = false;
    };

    explicit Command(QByteArrayView name);

    // A protocol word written as is: "FLAGS", "(UID FLAGS)", "BODY.PEEK[HEADER]".
    Command &raw(QByteArrayView text);
    // An astring: atom, quoted string or literal, whichever the bytes allow.
    Command &astring(QByteArrayView bytes);
    // A string that must not be an atom (a SEARCH key's value, a SASL response).
    Command &string(QByteArrayView bytes);
    // A password or token: like astring, but shown as *** in the transcript.
    Command &sensitive(QByteArrayView bytes);
    // A SASL initial response (base64): written as is, shown as *** in the transcript.
    Command &sensitiveRaw(QByteArrayView bytes);
    // A mailbox name in modified UTF-7, or UTF-8 under Encoding::utf8; "INBOX" in any case is INBOX.
    Command &mailbox(QStringView name);
    Command &sequenceSet(const UidSet &set);
    Command &number(quint64 value);
    Command &flags(const Flags &flags);
    // A parenthesised list of arguments: openList(), the arguments, closeList() give "(a b)",
    // with no space inside the parentheses (SEARCH key groups, MULTISEARCH's mailbox list).
    Command &openList();
    Command &closeList();
    // Message data for APPEND: always a literal; literal8 (~{N}) when `binary`.
    Command &literal(QByteArrayView data, bool binary = false);

    // The wire bytes for `tag`, in the parts described above. Each part ends with CRLF.
    [[nodiscard]] QByteArrayList serialize(QByteArrayView tag, const Encoding &encoding) const;
    // The command as the transcript shows it: sensitive arguments and literal contents hidden.
    [[nodiscard]] QByteArray redacted(QByteArrayView tag) const;
    [[nodiscard]] const QByteArray &name() const { return m_name; }

private:
    struct Argument {
        enum class Kind { Raw, Astring, String, Mailbox, Literal, Literal8 };
        Kind kind;
        QByteArray bytes; // Mailbox: UTF-8 of the name
        bool sensitive = false;
        bool glued = false; // no space before it: the first item of a list, or its ")"
    };

    QByteArray m_name;
    std::vector<Argument> m_arguments;
    bool m_glueNext = false;
};

} // namespace fumi::imap
