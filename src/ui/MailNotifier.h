// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"
#include "engine/MailboxDelta.h"
#include "store/MailboxRecord.h"

#include <QHash>
#include <QObject>
#include <QPair>

class QSystemTrayIcon;

namespace fumi::models {
class AccountRegistry;
class MailboxTreeModel;
} // namespace fumi::models

namespace fumi::ui {

// Tells the user about new mail in an INBOX: a desktop notification (through the tray icon,
// where the desktop has a tray) and, when enabled, a tray icon whose tooltip carries the unread
// count of every INBOX.
//
// New mail is what a delta of an INBOX inserts unseen above the highest UID known so far: at
// first the cached UIDNEXT of the INBOX, then every row shown. An INBOX never synced before has
// no such mark: its first rows (the first sync of an empty cache) only set it, they are not news.
class MailNotifier : public QObject
{
    Q_OBJECT

public:
    MailNotifier(models::AccountRegistry *registry, models::MailboxTreeModel *tree, QObject *parent = nullptr);
    ~MailNotifier() override;

    void setTrayIconEnabled(bool enabled);
    [[nodiscard]] bool isTrayIconEnabled() const { return m_tray != nullptr; }
    [[nodiscard]] QString trayToolTip() const;

Q_SIGNALS:
    // Emitted for every notification, whether a tray showed it or not.
    void newMail(const QString &account, int count, const QString &summary);

private:
    void onMailboxes(const QString &account, const QList<store::MailboxRecord> &mailboxes);
    void onDelta(const QString &account, const engine::MailboxDeltaPtr &delta);
    void updateTray();

    models::AccountRegistry *m_registry;
    models::MailboxTreeModel *m_tree;
    QHash<QString, qint64> m_inbox;            // account → its INBOX's local id
    QHash<QPair<QString, qint64>, Uid> m_seen; // (account, INBOX id) → highest UID shown
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace fumi::ui
