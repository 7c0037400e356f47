// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace fumi::models {

// One mailbox of one account, as the models name it: the account's id, the mailbox's local id
// (what deltas carry) and its path (what engine requests take).
struct MailboxKey {
    QString account;
    qint64 mailboxId = 0;
    QString path;

    friend bool operator==(const MailboxKey &, const MailboxKey &) = default;
};

} // namespace fumi::models
