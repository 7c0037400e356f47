// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MailNotifier.h"

#include "models/AccountRegistry.h"
#include "models/MailboxTreeModel.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

#include <algorithm>

namespace fumi::ui {

MailNotifier::MailNotifier(models::AccountRegistry *registry, models::MailboxTreeModel *tree, QObject *parent)
    : QObject(parent)
    , m_registry(registry)
    , m_tree(tree)
{
    connect(registry, &models::AccountRegistry::mailboxesChanged, this, &MailNotifier::onMailboxes);
    connect(registry, &models::AccountRegistry::mailboxDelta, this, &MailNotifier::onDelta);
    connect(tree, &QAbstractItemModel::dataChanged, this, &MailNotifier::updateTray);
    connect(tree, &QAbstractItemModel::rowsInserted, this, &MailNotifier::updateTray);
    connect(tree, &QAbstractItemModel::modelReset, this, &MailNotifier::updateTray);
}

MailNotifier::~MailNotifier() = default;

void MailNotifier::onMailboxes(const QString &account, const QList<store::MailboxRecord> &mailboxes)
{
    for (const store::MailboxRecord &mailbox : mailboxes) {
        if (mailbox.path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) != 0)
            continue;
        m_inbox.insert(account, mailbox.id);
        // What the cache already holds is known; anything above it that a sync brings is news,
        // including mail that arrived while Fumi was closed.
        const QPair<QString, qint64> key(account, mailbox.id);
        if (!m_seen.contains(key) && mailbox.sync.uidNext > 1)
            m_seen.insert(key, mailbox.sync.uidNext - 1);
    }
}

void MailNotifier::onDelta(const QString &account, const engine::MailboxDeltaPtr &delta)
{
    const auto inbox = m_inbox.constFind(account);
    if (inbox == m_inbox.cend() || inbox.value() != delta->mailboxId || delta->inserted.empty())
        return;
    const QPair<QString, qint64> key(account, delta->mailboxId);
    const auto seen = m_seen.find(key);
    Uid highest = 0;
    for (const store::MessageRecord &row : delta->inserted)
        highest = std::max(highest, row.uid);
    if (seen == m_seen.end() || delta->reset) {
        m_seen.insert(key, std::max(highest, seen == m_seen.end() ? Uid(0) : seen.value()));
        return;
    }
    int count = 0;
    const store::MessageRecord *newest = nullptr;
    for (const store::MessageRecord &row : delta->inserted) {
        if (row.uid <= seen.value() || row.flags.has(Flags::System::Seen))
            continue;
        ++count;
        if (!newest || row.uid > newest->uid)
            newest = &row;
    }
    seen.value() = std::max(highest, seen.value());
    if (count == 0)
        return;
    const QString name = m_registry->displayName(account);
    const QString summary = count == 1
        ? tr("%1: %2").arg(newest->fromName.isEmpty() ? newest->fromAddress : newest->fromName, newest->subject)
        : tr("%1 new messages in %2").arg(count).arg(name);
    if (m_tray)
        m_tray->showMessage(tr("New mail in %1").arg(name), summary, QSystemTrayIcon::Information);
    Q_EMIT newMail(account, count, summary);
}

void MailNotifier::setTrayIconEnabled(bool enabled)
{
    if (enabled == isTrayIconEnabled())
        return;
    if (!enabled) {
        std::exchange(m_tray, nullptr)->deleteLater();
        return;
    }
    m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    connect(m_tray, &QSystemTrayIcon::activated, this, [](QSystemTrayIcon::ActivationReason reason) {
        if (reason != QSystemTrayIcon::Trigger)
            return;
        const QWidgetList windows = QApplication::topLevelWidgets();
        for (QWidget *window : windows) {
            if (window->objectName() == QLatin1String("mainWindow")) {
                window->showNormal();
                window->raise();
                window->activateWindow();
            }
        }
    });
    updateTray();
    m_tray->show();
}

QString MailNotifier::trayToolTip() const
{
    const int unread = m_tree->allInboxesIndex().data(models::MailboxTreeModel::UnreadCountRole).toInt();
    return unread > 0 ? tr("Fumi: %1 unread").arg(unread) : tr("Fumi: no unread mail");
}

void MailNotifier::updateTray()
{
    if (m_tray)
        m_tray->setToolTip(trayToolTip());
}

} // namespace fumi::ui
