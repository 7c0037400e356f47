// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/SettingsRemoteContentPolicy.h"

#include <QSettings>
#include <QStringList>

namespace fumi::ui {

namespace {

// Account ids become one key each; percent-encoding keeps a '/' in an id from making a group.
QString keyFor(const QString &accountId)
{
    return QLatin1String("RemoteContent/") + QString::fromLatin1(accountId.toUtf8().toPercentEncoding());
}

} // namespace

SettingsRemoteContentPolicy::SettingsRemoteContentPolicy(QSettings *settings)
    : m_settings(settings)
{
}

bool SettingsRemoteContentPolicy::isSenderAllowed(const QString &accountId, const QString &address) const
{
    if (address.isEmpty())
        return false;
    return m_settings->value(keyFor(accountId)).toStringList().contains(address.toLower());
}

void SettingsRemoteContentPolicy::allowSender(const QString &accountId, const QString &address)
{
    if (address.isEmpty())
        return;
    QStringList senders = m_settings->value(keyFor(accountId)).toStringList();
    if (senders.contains(address.toLower()))
        return;
    senders.append(address.toLower());
    m_settings->setValue(keyFor(accountId), senders);
}

} // namespace fumi::ui
