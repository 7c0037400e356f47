// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "store/MessageRecord.h"

#include <vector>

namespace fumi::models {

// Client-side threading, after Jamie Zawinski's algorithm as most mail clients use it.
//
// A message's parent is the nearest of its ancestors that is present: the last id of its
// References, else the one before, and so on, then In-Reply-To. So a thread whose middle
// message was deleted (or sits in another folder) still hangs together, under the oldest
// ancestor at hand, without the empty placeholder rows JWZ keeps. Headers are written by other
// programs and can lie: a message naming itself, or two messages naming each other, would make
// a cycle, and a cycle is broken at its oldest member (by date, then by place in the input),
// which becomes a root. A Message-ID seen twice (a copy in two folders of the merged inbox) threads its first
// holder; the others are threaded by their own headers.
//
// Linear in the messages and their references: a chain of 100,000 replies is walked once.
class MessageThreader
{
public:
    // For each message, the index of its parent in `messages`, or -1 for a thread root.
    [[nodiscard]] static std::vector<qint32> parents(const std::vector<const store::MessageRecord *> &messages);
};

} // namespace fumi::models
