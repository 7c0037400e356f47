// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/Profile.h"

#include <QDir>
#include <QStandardPaths>

namespace fumi::account {

Profile Profile::standard()
{
    Profile profile;
    profile.m_config = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    profile.m_data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    profile.m_cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return profile;
}

Profile Profile::inDirectory(const QString &directory)
{
    const QString root = QDir(directory).absolutePath();
    Profile profile;
    profile.m_directory = root;
    profile.m_config = root + QStringLiteral("/config");
    profile.m_data = root + QStringLiteral("/data");
    profile.m_cache = root + QStringLiteral("/cache");
    return profile;
}

QString Profile::accountsFile() const
{
    return m_config + QStringLiteral("/accounts.json");
}

QString Profile::trustFile() const
{
    return m_config + QStringLiteral("/trusted-certificates.json");
}

QString Profile::accountDataDirectory(const QString &accountId) const
{
    return m_data + QStringLiteral("/accounts/") + accountId;
}

} // namespace fumi::account
