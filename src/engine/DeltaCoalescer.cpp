// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/DeltaCoalescer.h"

#include <algorithm>
#include <map>

namespace fumi::engine {

DeltaCoalescer::DeltaCoalescer(std::chrono::milliseconds interval, QObject *parent)
    : QObject(parent)
    , m_interval(interval)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DeltaCoalescer::flush);
}

void DeltaCoalescer::add(const MailboxDeltaPtr &delta)
{
    if (!delta || delta->isEmpty())
        return;
    Held &held = m_held[delta->mailboxId];
    const bool quiet = !held.lastSent.isValid() || held.lastSent.durationElapsed() >= m_interval;
    if (!held.delta && quiet) {
        held.lastSent.start();
        Q_EMIT this->delta(delta);
        return;
    }
    if (held.delta)
        *held.delta = merged(*held.delta, *delta);
    else
        held.delta = std::make_shared<MailboxDelta>(*delta);
    if (!m_timer.isActive()) {
        const auto waited = held.lastSent.isValid() ? held.lastSent.durationElapsed() : std::chrono::nanoseconds(0);
        const auto remaining = std::max(std::chrono::milliseconds(1),
                                        m_interval - std::chrono::duration_cast<std::chrono::milliseconds>(waited));
        m_timer.start(remaining);
    }
}

void DeltaCoalescer::flush()
{
    m_timer.stop();
    const QList<qint64> mailboxes = m_held.keys();
    for (qint64 mailboxId : mailboxes)
        flushMailbox(mailboxId);
}

void DeltaCoalescer::flushMailbox(qint64 mailboxId)
{
    Held &held = m_held[mailboxId];
    if (!held.delta)
        return;
    MailboxDeltaPtr out = std::move(held.delta);
    held.delta.reset();
    held.lastSent.start();
    if (!out->isEmpty())
        Q_EMIT delta(out);
}

MailboxDelta DeltaCoalescer::merged(const MailboxDelta &earlier, const MailboxDelta &later)
{
    if (later.reset)
        return later;
    MailboxDelta result;
    result.mailboxId = earlier.mailboxId;
    result.reset = earlier.reset;
    result.uidValidity = earlier.uidValidity;

    std::map<Uid, store::MessageRecord> inserted;
    std::map<Uid, store::MessageRecord> updated;
    std::map<Uid, store::FlagUpdate> flags;
    auto applyFlags = [&](const std::vector<store::FlagUpdate> &updates) {
        for (const store::FlagUpdate &update : updates) {
            if (auto row = inserted.find(update.uid); row != inserted.end()) {
                row->second.flags = update.flags;
                row->second.modSeq = update.modSeq;
            } else if (auto changed = updated.find(update.uid); changed != updated.end()) {
                changed->second.flags = update.flags;
                changed->second.modSeq = update.modSeq;
            } else {
                flags[update.uid] = update;
            }
        }
    };

    // An updated row is whole: it replaces what an earlier delta inserted or updated, and the
    // flag changes before it.
    auto applyUpdates = [&](const std::vector<store::MessageRecord> &rows) {
        for (const store::MessageRecord &row : rows) {
            flags.erase(row.uid);
            if (auto added = inserted.find(row.uid); added != inserted.end())
                added->second = row;
            else
                updated[row.uid] = row;
        }
    };

    for (const store::MessageRecord &row : earlier.inserted)
        inserted[row.uid] = row;
    applyUpdates(earlier.updated);
    applyFlags(earlier.flags);
    UidSet removed = earlier.removed;
    // Rows that came and went within the merged span never reach the model.
    for (Uid uid : later.removed) {
        flags.erase(uid);
        updated.erase(uid);
        if (inserted.erase(uid) == 0 || removed.contains(uid))
            removed.insert(uid);
    }
    for (const store::MessageRecord &row : later.inserted) {
        inserted[row.uid] = row;
        updated.erase(row.uid);
        flags.erase(row.uid);
    }
    applyUpdates(later.updated);
    applyFlags(later.flags);
    for (const auto &[uid, row] : inserted)
        result.inserted.push_back(row);
    for (const auto &[uid, row] : updated)
        result.updated.push_back(row);
    for (const auto &[uid, update] : flags)
        result.flags.push_back(update);
    result.removed = removed;
    result.counts = later.counts ? later.counts : earlier.counts;
    return result;
}

} // namespace fumi::engine
