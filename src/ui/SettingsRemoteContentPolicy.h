// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ui/RemoteContentPolicy.h"

class QSettings;

namespace fumi::ui {

// RemoteContentPolicy kept in QSettings: one list of lower-cased addresses per account, under
// "RemoteContent/<percent-encoded account id>".
class SettingsRemoteContentPolicy final : public RemoteContentPolicy
{
public:
    // `settings` is not owned and must outlive this object.
    explicit SettingsRemoteContentPolicy(QSettings *settings);

    [[nodiscard]] bool isSenderAllowed(const QString &accountId, const QString &address) const override;
    void allowSender(const QString &accountId, const QString &address) override;

private:
    QSettings *m_settings;
};

} // namespace fumi::ui
