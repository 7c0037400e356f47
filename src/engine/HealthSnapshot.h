// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArrayList>
#include <QDateTime>
#include <QMetaType>
#include <QStringList>

namespace fumi::engine {

// How an account's engine is doing, as AccountEngine::healthSnapshot() answers it: what the
// sync health panel shows. A copy taken on the engine's thread; nothing in it changes later.
struct HealthSnapshot {
    QByteArrayList capabilities; // of the latest connection, as the server announced them
    QByteArrayList enabled;      // extensions the server confirmed with ENABLED
    bool compressed = false;     // COMPRESS=DEFLATE is on
    int connections = 0;         // connections open now
    QDateTime lastSync;          // UTC: the latest successful folder list or mailbox sync
    int pendingOperations = 0;   // journal entries not yet done on the server
    QStringList recentErrors;    // newest last, with their local time
    QStringList logLines;        // the redacted protocol transcript, newest last
};

} // namespace fumi::engine

Q_DECLARE_METATYPE(fumi::engine::HealthSnapshot)
