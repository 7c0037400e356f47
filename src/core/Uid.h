// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>

namespace fumi {

// An IMAP unique identifier (RFC 9051 §2.3.1.1): a non-zero 32-bit number, meaningful only
// together with its mailbox's UIDVALIDITY.
using Uid = quint32;

inline constexpr Uid maxUid = 0xFFFFFFFFu;

} // namespace fumi
