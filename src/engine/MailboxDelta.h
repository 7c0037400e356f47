// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"
#include "store/MailboxRecord.h"
#include "store/MessageRecord.h"

#include <QMetaType>

#include <memory>
#include <optional>
#include <vector>

namespace fumi::engine {

// What changed in one mailbox since the last delta, for the models (DESIGN.md, "Threads and
// data flow"). A delta is built on the engine's thread and then never changed, so it crosses
// to the GUI thread as a shared pointer to const, without copying 100,000 rows.
//
// Order of application: `reset` (drop every row), then `removed`, then `inserted`, then
// `updated`, then `flags`. Inserted rows are sorted by UID, so a model can insert each
// contiguous run with one beginInsertRows(); removed UIDs come as ranges for the same reason.
// `updated` carries whole rows, sorted by UID, that the model already has and whose other
// fields changed (the attachment hint once the message's structure is known): the model
// replaces them in place and emits dataChanged(); a UID it does not have is ignored.
struct MailboxDelta {
    qint64 mailboxId = 0;
    bool reset = false; // UIDVALIDITY changed or a full resync: start from nothing
    // With `reset`: the UIDVALIDITY the rows are numbered under; 0 when not known (a mailbox
    // never synced). Lets a model tell whether UIDs it was given elsewhere name these rows.
    quint32 uidValidity = 0;
    std::vector<store::MessageRecord> inserted;
    std::vector<store::MessageRecord> updated;
    UidSet removed;
    std::vector<store::FlagUpdate> flags;
    std::optional<store::MailboxCounts> counts;

    [[nodiscard]] bool isEmpty() const
    {
        return !reset && inserted.empty() && updated.empty() && removed.isEmpty() && flags.empty() && !counts;
    }
};

using MailboxDeltaPtr = std::shared_ptr<const MailboxDelta>;

} // namespace fumi::engine

Q_DECLARE_METATYPE(fumi::engine::MailboxDeltaPtr)
