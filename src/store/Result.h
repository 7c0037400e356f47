// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace fumi::store {

// What went wrong in the store: SQLite's message with what Fumi was doing at the time.
struct Error {
    QString message;
};

// A value or the error that prevented it; errors are values, as everywhere in Fumi.
template <typename T = std::monostate>
class [[nodiscard]] Result
{
public:
    Result() requires std::is_same_v<T, std::monostate> : m_state(std::monostate{}) { }
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::move(error))
    {
    }

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const & { return std::get<T>(m_state); }
    [[nodiscard]] T &&value() && { return std::get<T>(std::move(m_state)); }
    [[nodiscard]] const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

} // namespace fumi::store
