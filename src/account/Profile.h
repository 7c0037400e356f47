// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace fumi::account {

// Where one installation of Fumi keeps its files. The default profile uses the system's
// standard locations (QStandardPaths: AppConfigLocation, AppDataLocation, CacheLocation); a
// profile in a directory keeps everything below it, so two profile directories behave as two
// independent devices. Secrets are not files: they live in the keychain, keyed by account id.
class Profile
{
public:
    [[nodiscard]] static Profile standard();
    [[nodiscard]] static Profile inDirectory(const QString &directory);

    // The DIR of inDirectory(), as an absolute path; empty for the standard profile.
    [[nodiscard]] QString directory() const { return m_directory; }
    [[nodiscard]] QString configDirectory() const { return m_config; }
    [[nodiscard]] QString dataDirectory() const { return m_data; }
    [[nodiscard]] QString cacheDirectory() const { return m_cache; }

    [[nodiscard]] QString accountsFile() const; // the account settings (no secrets)
    [[nodiscard]] QString trustFile() const;    // the certificates the user trusts
    // An account's local state: its SQLite cache and large parts. Derived from the id only.
    [[nodiscard]] QString accountDataDirectory(const QString &accountId) const;

private:
    QString m_directory;
    QString m_config;
    QString m_data;
    QString m_cache;
};

} // namespace fumi::account
