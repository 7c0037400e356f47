// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/AccountRemoval.h"

#include "account/AccountManager.h"
#include "account/CredentialStore.h"
#include "account/Profile.h"

#include <QDir>

#include <memory>

namespace fumi::account {

void removeAccount(AccountManager &manager, CredentialStore &credentials, const Profile &profile,
                   const Account &account, QObject *context, std::function<void(const AccountRemoval &)> done)
{
    auto pending = std::make_shared<int>(2);
    auto errors = std::make_shared<QStringList>();
    const auto removed
        = [&manager, profile, account, pending, errors, done = std::move(done)](const CredentialStore::Result &result) {
              if (!result.ok() && result.error != CredentialStore::Error::NotFound)
                  *errors << result.message;
              if (--*pending > 0)
                  return;
              AccountRemoval outcome;
              if (!errors->isEmpty() && account.authentication.method != Authentication::Method::PasswordCommand) {
                  outcome.failure = AccountRemoval::Failure::Keychain;
                  outcome.error = errors->first();
                  return done(outcome);
              }
              if (const auto settings = manager.remove(account.id); !settings.ok()) {
                  outcome.failure = AccountRemoval::Failure::Settings;
                  outcome.error = settings.error;
                  return done(outcome);
              }
              for (const QString &directory :
                   {profile.accountDataDirectory(account.id),
                    QString(profile.cacheDirectory() + QStringLiteral("/accounts/") + account.id)}) {
                  QDir dir(directory);
                  if (dir.exists() && !dir.removeRecursively())
                      outcome.leftBehind << directory;
              }
              done(outcome);
          };
    credentials.remove(account.id, CredentialStore::Secret::Password, context, removed);
    credentials.remove(account.id, CredentialStore::Secret::OAuthRefreshToken, context, removed);
}

} // namespace fumi::account
