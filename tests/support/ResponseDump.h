// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "imap/Response.h"

#include <QByteArray>

namespace fumi::test {

// A canonical one-line text for a parsed IMAP response, so that tests can state what a
// response must parse to as a short expected string. Every field the parser fills appears,
// in a fixed order; strings are quoted with C-style escapes for control and 8-bit bytes.
[[nodiscard]] QByteArray dump(const imap::Response &response);

} // namespace fumi::test
