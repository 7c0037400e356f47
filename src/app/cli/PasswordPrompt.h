// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <optional>

namespace fumi::cli {

// The first line of standard input, without its line end: a password piped in (the
// --password-stdin convention of docker and podman), or typed at a terminal after `prompt`
// (on stderr) with echo turned off. Nothing when standard input has no line or only an empty one.
[[nodiscard]] std::optional<QString> readPassword(const QString &prompt);

} // namespace fumi::cli
