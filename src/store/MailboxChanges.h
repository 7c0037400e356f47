// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"
#include "store/MailboxRecord.h"
#include "store/MessageRecord.h"

#include <optional>
#include <vector>

namespace fumi::store {

// One batch of what a sync step learned about a mailbox, applied in one transaction, so the
// sync state it carries never claims more than the rows hold (DESIGN.md, "Local state").
struct MailboxChanges {
    std::vector<MessageRecord> added; // inserted, or replacing a row with the same UID
    std::vector<FlagUpdate> flags;    // for rows that exist; others are ignored
    UidSet removed;                   // expunged; their body parts go too
    std::optional<MailboxSyncState> sync;
    std::optional<MailboxCounts> counts; // when absent, counts are recomputed from the rows

    [[nodiscard]] bool isEmpty() const
    {
        return added.empty() && flags.empty() && removed.isEmpty() && !sync && !counts;
    }
};

} // namespace fumi::store
