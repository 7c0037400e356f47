// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace fumi::account {

class AccountManager;
class CredentialStore;
class Profile;

struct AccountRemoval {
    enum class Failure {
        None,     // removed: settings gone (leftBehind may still name directories)
        Keychain, // its secrets could not be removed, so nothing was: the account stays, complete
        Settings, // the secrets are gone, but the settings file could not be written
    };
    Failure failure = Failure::None;
    QString error;          // why, when failure is not None
    QStringList leftBehind; // data or cache directories that could not be removed entirely
};

// Removes `account` as the window and fumi-cli both do: its keychain entries first, so that
// when the keychain cannot be reached the account stays, complete, and the user can try again,
// instead of a secret left behind that nothing refers to (an account whose secret is a
// password command has none, and goes regardless); then its settings; then its data and cache
// directories. `done` runs once, from the event loop, unless `context` is gone. Whatever runs
// the account (an engine holding its cache) must have stopped first.
void removeAccount(AccountManager &manager, CredentialStore &credentials, const Profile &profile,
                   const Account &account, QObject *context, std::function<void(const AccountRemoval &)> done);

} // namespace fumi::account
