// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "store/FlagColumns.h"

#include <array>
#include <utility>

namespace fumi::store::FlagColumns {

namespace {

constexpr std::array<std::pair<Flags::System, qint64>, 6> mapping = {{
    {Flags::System::Seen, seenBit},
    {Flags::System::Answered, answeredBit},
    {Flags::System::Flagged, flaggedBit},
    {Flags::System::Deleted, deletedBit},
    {Flags::System::Draft, draftBit},
    {Flags::System::Recent, recentBit},
}};

} // namespace

qint64 toBits(Flags::SystemFlags flags)
{
    qint64 bits = 0;
    for (const auto &[flag, bit] : mapping) {
        if (flags.testFlag(flag)) {
            bits |= bit;
        }
    }
    return bits;
}

Flags::SystemFlags fromBits(qint64 bits)
{
    Flags::SystemFlags flags;
    for (const auto &[flag, bit] : mapping) {
        if (bits & bit) {
            flags |= flag;
        }
    }
    return flags;
}

} // namespace fumi::store::FlagColumns
