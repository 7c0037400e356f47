// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/ServerThreads.h"

#include <QSet>

#include <algorithm>
#include <vector>

namespace fumi::engine {

ServerThreads ServerThreads::fromResponse(const imap::ThreadResponse &response, quint32 uidValidity)
{
    ServerThreads threads;
    threads.uidValidity = uidValidity;
    // For each node, the UID its children hang from: its own, or for a missing (or repeated)
    // message that of the nearest real ancestor, 0 when there is none. Parents come before
    // their children in the response, so one pass suffices.
    std::vector<Uid> hangFrom(response.nodes.size(), 0);
    QSet<Uid> seen;
    seen.reserve(qsizetype(response.nodes.size()));
    for (size_t i = 0; i < response.nodes.size(); ++i) {
        const imap::ThreadResponse::Node &node = response.nodes[i];
        const bool hasParent = node.parent >= 0 && size_t(node.parent) < i;
        const Uid parent = hasParent ? hangFrom[size_t(node.parent)] : 0;
        const bool real = node.uid != 0 && !seen.contains(node.uid);
        if (!real) {
            hangFrom[i] = parent;
            continue;
        }
        hangFrom[i] = node.uid;
        seen.insert(node.uid);
        if (parent != 0)
            threads.parentOf.insert(node.uid, parent);
    }
    std::vector<Uid> sorted(seen.cbegin(), seen.cend());
    std::sort(sorted.begin(), sorted.end());
    for (Uid uid : sorted)
        threads.uids.insert(uid);
    return threads;
}

ServerThreads ServerThreads::fromResponses(const std::vector<imap::Response> &responses, quint32 uidValidity)
{
    imap::ThreadResponse merged;
    for (const imap::Response &response : responses) {
        const auto *thread = std::get_if<imap::ThreadResponse>(&response);
        if (!thread)
            continue;
        const auto offset = qint32(merged.nodes.size());
        for (imap::ThreadResponse::Node node : thread->nodes) {
            if (node.parent >= 0)
                node.parent += offset;
            merged.nodes.push_back(node);
        }
    }
    return fromResponse(merged, uidValidity);
}

} // namespace fumi::engine
