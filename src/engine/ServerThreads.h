// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Uid.h"
#include "core/UidSet.h"
#include "imap/Response.h"

#include <QHash>
#include <QMetaType>

#include <vector>

namespace fumi::engine {

// The server's threads of one mailbox (RFC 5256 THREAD=REFERENCES or THREAD=REFS), as
// AccountEngine::serverThreads() answers: for each message the server threaded, its parent.
//
// `uids` is every message the answer covers; a covered message with no entry in `parentOf` is
// the root of its thread. Messages that arrived after the answer are in neither, and the
// caller threads them itself.
//
// The server may name a parent that is not in the mailbox (RFC 5256's "((3)(5))"). Its
// children take its place: they get its own parent, or become roots when it had none, as
// MessageThreader does with a missing ancestor, so a thread looks the same whichever side
// built it. A UID the server lists twice keeps its first place; the second is read as a
// missing parent, so no answer, however broken, makes a cycle: every parent is a message
// that came earlier in the answer.
struct ServerThreads {
    quint32 uidValidity = 0; // of the mailbox when the server threaded it
    QHash<Uid, Uid> parentOf;
    UidSet uids;

    [[nodiscard]] static ServerThreads fromResponse(const imap::ThreadResponse &response, quint32 uidValidity);
    // The THREAD responses among a command's answers, read as one list of threads.
    [[nodiscard]] static ServerThreads fromResponses(const std::vector<imap::Response> &responses, quint32 uidValidity);
};

} // namespace fumi::engine

Q_DECLARE_METATYPE(fumi::engine::ServerThreads)
