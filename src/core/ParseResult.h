// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QtGlobal>

#include <utility>
#include <variant>

namespace fumi {

// Where a parser stopped and why. The offset is a byte offset into the input (for text input,
// an offset in UTF-16 code units), so a caller can point at the problem.
struct ParseError {
    qsizetype offset = 0;
    QString message;
    // How much of the input from `offset` is at fault (a token to underline); 0: just a point.
    qsizetype length = 0;

    friend bool operator==(const ParseError &, const ParseError &) = default;
};

// The value a parser produced, or the error that stopped it. Errors are values in Fumi: no
// parser throws.
template <typename T>
class [[nodiscard]] ParseResult
{
public:
    // Implicit on purpose, as with std::expected: a parser says `return value;` or
    // `return ParseError{offset, message};`.
    ParseResult(T value)
        : m_state(std::move(value))
    {
    }
    ParseResult(ParseError error)
        : m_state(std::move(error))
    {
    }

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    // Only when ok().
    [[nodiscard]] const T &value() const & { return std::get<T>(m_state); }
    [[nodiscard]] T &&value() && { return std::get<T>(std::move(m_state)); }

    // Only when !ok().
    [[nodiscard]] const ParseError &error() const { return std::get<ParseError>(m_state); }

private:
    std::variant<T, ParseError> m_state;
};

} // namespace fumi
