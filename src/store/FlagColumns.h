// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"

namespace fumi::store {

// The on-disk bit layout of the system flags in messages.flags. It is part of the file format,
// written out here rather than borrowed from Flags::System's values, so a change to the enum
// can never silently reinterpret old caches.
namespace FlagColumns {

inline constexpr qint64 seenBit = 0x01; // the partial index messages_unseen tests this bit
inline constexpr qint64 answeredBit = 0x02;
inline constexpr qint64 flaggedBit = 0x04; // and the partial index messages_flagged this one
inline constexpr qint64 deletedBit = 0x08;
inline constexpr qint64 draftBit = 0x10;
inline constexpr qint64 recentBit = 0x20;

[[nodiscard]] qint64 toBits(Flags::SystemFlags flags);
// Bits this build does not know are ignored.
[[nodiscard]] Flags::SystemFlags fromBits(qint64 bits);

} // namespace FlagColumns

} // namespace fumi::store
