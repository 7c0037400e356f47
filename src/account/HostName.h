// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace fumi::account {

// A host name as discovery hands it on: lower case, in its ASCII (punycode) form, without a
// trailing dot; or an IPv4 or IPv6 address (without brackets). Text from a provider's file, a
// DNS answer or an address the user typed passes through here before it becomes a host, so
// that no space, slash, '@' or empty label ever reaches a URL or a connection.
// Returns nothing when the text is none of these.
[[nodiscard]] std::optional<QString> normalizeHostName(QStringView text);

} // namespace fumi::account
