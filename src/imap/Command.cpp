// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/Command.h"

#include "core/Ascii.h"
#include "core/ImapSyntax.h"
#include "core/ModifiedUtf7.h"

#include <utility>

namespace fumi::imap {

namespace {

// LITERAL- (RFC 7888) allows non-synchronising literals up to this size.
constexpr qsizetype literalMinusLimit = 4096;
// Longer strings go as literals even when a quoted string could hold them.
constexpr qsizetype quotedLimit = 1024;

using ImapSyntax::isAtomChar;

bool fitsAtom(QByteArrayView bytes)
{
    if (bytes.isEmpty() || Ascii::equalsNoCase(bytes, "NIL"))
        return false;
    for (char c : bytes) {
        if (!isAtomChar(c))
            return false;
    }
    return true;
}

// A quoted string holds any byte but NUL, CR and LF; 8-bit bytes only once UTF-8 is on.
bool fitsQuoted(QByteArrayView bytes, bool utf8)
{
    if (bytes.size() > quotedLimit)
        return false;
    for (char c : bytes) {
        const auto u = uchar(c);
        if (u == 0 || c == '\r' || c == '\n' || (u >= 0x80 && !utf8))
            return false;
    }
    return true;
}

QByteArray quote(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size() + 2);
    out.append('"');
    for (char c : bytes) {
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    out.append('"');
    return out;
}

} // namespace

Command::Command(QByteArrayView name)
    : m_name(name.toByteArray())
{
}

Command &Command::raw(QByteArrayView text)
{
    m_arguments.push_back({Argument::Kind::Raw, text.toByteArray(), false, std::exchange(m_glueNext, false)});
    return *this;
}

Command &Command::astring(QByteArrayView bytes)
{
    m_arguments.push_back({Argument::Kind::Astring, bytes.toByteArray(), false, std::exchange(m_glueNext, false)});
    return *this;
}

Command &Command::string(QByteArrayView bytes)
{
    m_arguments.push_back({Argument::Kind::String, bytes.toByteArray(), false, std::exchange(m_glueNext, false)});
    return *this;
}

Command &Command::sensitive(QByteArrayView bytes)
{
    m_arguments.push_back({Argument::Kind::Astring, bytes.toByteArray(), true, std::exchange(m_glueNext, false)});
    return *this;
}

Command &Command::sensitiveRaw(QByteArrayView bytes)
{
    m_arguments.push_back({Argument::Kind::Raw, bytes.toByteArray(), true, std::exchange(m_glueNext, false)});
    return *this;
}

Command &Command::mailbox(QStringView name)
{
    m_arguments.push_back({Argument::Kind::Mailbox, name.toUtf8(), false, std::exchange(m_glueNext, false)});
    return *this;
}

Command &Command::sequenceSet(const UidSet &set)
{
    return raw(set.toImapSequenceSet());
}

Command &Command::number(quint64 value)
{
    return raw(QByteArray::number(value));
}

Command &Command::flags(const Flags &flags)
{
    return raw(flags.toImapList());
}

Command &Command::literal(QByteArrayView data, bool binary)
{
    m_arguments.push_back({binary ? Argument::Kind::Literal8 : Argument::Kind::Literal, data.toByteArray(), false,
                           std::exchange(m_glueNext, false)});
    return *this;
}

Command &Command::openList()
{
    raw("(");
    m_glueNext = true;
    return *this;
}

Command &Command::closeList()
{
    m_arguments.push_back({Argument::Kind::Raw, QByteArrayLiteral(")"), false, true});
    m_glueNext = false;
    return *this;
}

QByteArrayList Command::serialize(QByteArrayView tag, const Encoding &encoding) const
{
    QByteArrayList parts;
    QByteArray current = tag.toByteArray() + ' ' + m_name;

    auto appendLiteral = [&](QByteArrayView data, bool binary) {
        const bool nonSynchronizing = encoding.literals == Encoding::Literals::LiteralPlus
            || (encoding.literals == Encoding::Literals::LiteralMinus && data.size() <= literalMinusLimit);
        current += QByteArray(binary ? "~{" : "{") + QByteArray::number(data.size())
            + (nonSynchronizing ? "+}\r\n" : "}\r\n");
        if (!nonSynchronizing) {
            parts.append(current);
            current.clear();
        }
        current += data;
    };

    for (const Argument &argument : m_arguments) {
        if (!argument.glued)
            current += ' ';
        QByteArray bytes = argument.bytes;
        switch (argument.kind) {
        case Argument::Kind::Raw:
            current += bytes;
            continue;
        case Argument::Kind::Literal:
        case Argument::Kind::Literal8:
            appendLiteral(bytes, argument.kind == Argument::Kind::Literal8);
            continue;
        case Argument::Kind::Mailbox:
            if (Ascii::equalsNoCase(bytes, "INBOX"))
                bytes = "INBOX";
            else if (!encoding.utf8)
                bytes = ModifiedUtf7::encode(QString::fromUtf8(bytes));
            [[fallthrough]];
        case Argument::Kind::Astring:
            if (fitsAtom(bytes) && !argument.sensitive) {
                current += bytes;
                continue;
            }
            [[fallthrough]];
        case Argument::Kind::String:
            if (fitsQuoted(bytes, encoding.utf8))
                current += quote(bytes);
            else
                appendLiteral(bytes, false);
            continue;
        }
    }
    current += "\r\n";
    parts.append(current);
    return parts;
}

QByteArray Command::redacted(QByteArrayView tag) const
{
    QByteArray out = tag.toByteArray() + ' ' + m_name;
    for (const Argument &argument : m_arguments) {
        if (!argument.glued)
            out += ' ';
        if (argument.sensitive) {
            out += "***";
            continue;
        }
        switch (argument.kind) {
        case Argument::Kind::Raw:
            out += argument.bytes;
            break;
        case Argument::Kind::Literal:
        case Argument::Kind::Literal8:
            out += "{" + QByteArray::number(argument.bytes.size()) + " bytes}";
            break;
        case Argument::Kind::Mailbox:
        case Argument::Kind::Astring:
        case Argument::Kind::String:
            out += fitsQuoted(argument.bytes, true) ? quote(argument.bytes)
                                                    : "{" + QByteArray::number(argument.bytes.size()) + " bytes}";
            break;
        }
    }
    return out;
}

} // namespace fumi::imap
