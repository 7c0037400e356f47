// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArrayView>

namespace fumi::Ascii {

// Protocol keywords and flag names are ASCII and compared without regard to case. The parsers
// compare them for every item of every response, so this is a plain inline loop rather than a
// call into Qt's general case-insensitive comparison.

[[nodiscard]] constexpr char toLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c | 0x20) : c;
}

[[nodiscard]] constexpr bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (toLower(a[i]) != toLower(b[i]))
            return false;
    }
    return true;
}

} // namespace fumi::Ascii
