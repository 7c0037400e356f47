// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

namespace fumi::ImapSyntax {

// The character classes of RFC 9051's formal syntax that more than one layer needs: flag names
// (core), the response parser and the command serializer (imap).

// ATOM-CHAR: any CHAR except atom-specials ("(" ")" "{" SP CTL "%" "*" DQUOTE "\" "]").
[[nodiscard]] constexpr bool isAtomChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']':
        return false;
    default:
        return true;
    }
}

// ASTRING-CHAR: ATOM-CHAR and "]".
[[nodiscard]] constexpr bool isAstringChar(char c)
{
    return c == ']' || isAtomChar(c);
}

} // namespace fumi::ImapSyntax
