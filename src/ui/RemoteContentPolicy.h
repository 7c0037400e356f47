// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace fumi::ui {

// The senders whose mail may load remote content (images, backgrounds) when shown: the user's
// "always for this sender" choices. The reader asks it; the app decides where it is kept.
class RemoteContentPolicy
{
public:
    virtual ~RemoteContentPolicy() = default;

    [[nodiscard]] virtual bool isSenderAllowed(const QString &accountId, const QString &address) const = 0;
    virtual void allowSender(const QString &accountId, const QString &address) = 0;
};

} // namespace fumi::ui
