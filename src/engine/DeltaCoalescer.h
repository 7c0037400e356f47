// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/MailboxDelta.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace fumi::engine {

// Merges a mailbox's deltas so the models see at most one per interval (about 30 a second).
//
// A burst from the server (1,000 flag changes, a window of 20,000 new rows) may arrive as many
// small store commits; repainting a view for each would cost more than the sync. The first
// delta of a quiet mailbox goes out at once, so a single change shows without delay; what
// follows within the interval is merged into one delta that goes out when it ends. Merging
// keeps the meaning of applying the deltas one after another: a row inserted and then removed
// is in neither list, flags changed twice keep the last value, a reset drops everything before.
class DeltaCoalescer : public QObject
{
    Q_OBJECT

public:
    explicit DeltaCoalescer(std::chrono::milliseconds interval = std::chrono::milliseconds(33),
                            QObject *parent = nullptr);

    void add(const MailboxDeltaPtr &delta);
    // Sends everything held back now (before a request's answer, so the answer never overtakes
    // the rows it talks about).
    void flush();

    // `later` applied after `earlier`, as one delta.
    [[nodiscard]] static MailboxDelta merged(const MailboxDelta &earlier, const MailboxDelta &later);

Q_SIGNALS:
    void delta(const fumi::engine::MailboxDeltaPtr &delta);

private:
    struct Held {
        std::shared_ptr<MailboxDelta> delta; // null: nothing held
        QElapsedTimer lastSent;
    };

    void flushMailbox(qint64 mailboxId);

    std::chrono::milliseconds m_interval;
    QHash<qint64, Held> m_held;
    QTimer m_timer;
};

} // namespace fumi::engine
