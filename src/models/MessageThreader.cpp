// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/MessageThreader.h"

#include <QByteArrayView>
#include <QHashFunctions>

#include <unordered_map>

namespace fumi::models {

namespace {

struct ViewHash {
    size_t operator()(QByteArrayView view) const noexcept { return qHash(view); }
};
struct ViewEqual {
    bool operator()(QByteArrayView a, QByteArrayView b) const noexcept { return a == b; }
};
using IdIndex = std::unordered_map<QByteArrayView, qint32, ViewHash, ViewEqual>;

// Calls `each` for every <msg-id> of a header, last first, until it returns true.
template <typename Each>
bool forEachIdBackwards(QByteArrayView header, Each each)
{
    qsizetype end = header.size();
    while (end > 0) {
        const qsizetype close = header.lastIndexOf('>', end - 1);
        if (close < 0)
            return false;
        const qsizetype open = header.lastIndexOf('<', close);
        if (open < 0)
            return false;
        if (each(header.sliced(open, close - open + 1)))
            return true;
        end = open;
    }
    return false;
}

} // namespace

std::vector<qint32> MessageThreader::parents(const std::vector<const store::MessageRecord *> &messages)
{
    const qint32 count = qint32(messages.size());
    IdIndex ids;
    ids.reserve(messages.size());
    for (qint32 i = 0; i < count; ++i) {
        const QByteArray &id = messages[size_t(i)]->messageId;
        if (!id.isEmpty())
            ids.emplace(QByteArrayView(id), i);
    }

    std::vector<qint32> parent(messages.size(), -1);
    for (qint32 i = 0; i < count; ++i) {
        const store::MessageRecord &message = *messages[size_t(i)];
        auto found = [&](QByteArrayView id) {
            const auto it = ids.find(id);
            if (it == ids.end() || it->second == i)
                return false;
            parent[size_t(i)] = it->second;
            return true;
        };
        // In-Reply-To names the direct parent; References the whole chain, nearest last.
        if (!forEachIdBackwards(message.inReplyTo, found))
            forEachIdBackwards(message.references, found);
    }

    // The parent links form a graph where every node has at most one outgoing edge, so each
    // cycle is found by one walk: follow links from every unvisited node, and a walk that meets
    // its own trail has found a cycle.
    enum : quint8 { Unvisited, OnTrail, Done };
    std::vector<quint8> state(messages.size(), Unvisited);
    std::vector<qint32> trail;
    for (qint32 start = 0; start < count; ++start) {
        if (state[size_t(start)] != Unvisited)
            continue;
        trail.clear();
        qint32 node = start;
        while (node >= 0 && state[size_t(node)] == Unvisited) {
            state[size_t(node)] = OnTrail;
            trail.push_back(node);
            node = parent[size_t(node)];
        }
        if (node >= 0 && state[size_t(node)] == OnTrail) {
            // The cycle is the trail from `node` on; break it at its oldest message, the one
            // most likely to have started the conversation.
            auto older = [&](qint32 a, qint32 b) {
                const store::MessageRecord &x = *messages[size_t(a)];
                const store::MessageRecord &y = *messages[size_t(b)];
                const QDateTime &dx = x.shownDate();
                const QDateTime &dy = y.shownDate();
                return dx != dy ? dx < dy : a < b;
            };
            qint32 oldest = node;
            for (auto it = trail.rbegin(); it != trail.rend(); ++it) {
                if (older(*it, oldest))
                    oldest = *it;
                if (*it == node)
                    break;
            }
            parent[size_t(oldest)] = -1;
        }
        for (qint32 each : trail)
            state[size_t(each)] = Done;
    }
    return parent;
}

} // namespace fumi::models
