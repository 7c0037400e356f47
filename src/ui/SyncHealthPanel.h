// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/HealthSnapshot.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace fumi::models {
class AccountRegistry;
}

namespace fumi::ui {

// View → Sync Health: how each account's connection to its server is doing. For the account
// chosen: the connection state, the capabilities in use (IDLE, QRESYNC, CONDSTORE, MOVE,
// UIDPLUS, COMPRESS…) and everything else the server offers, the last successful sync, the
// operations still waiting in the journal, the recent errors, and the redacted protocol log
// with Copy and Save…. It asks the engine for a HealthSnapshot when shown and every two
// seconds while visible; the engine answers from its own thread.
class SyncHealthPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SyncHealthPanel(models::AccountRegistry *registry, QWidget *parent = nullptr);

    [[nodiscard]] QString currentAccount() const;
    void setCurrentAccount(const QString &account);
    // Asks the current account's engine for a new snapshot.
    void refresh();

    // What the panel shows now, for tests and for Copy.
    [[nodiscard]] QString stateText() const;
    [[nodiscard]] QString capabilitiesText() const;
    [[nodiscard]] QString logText() const;

    // The capabilities Fumi uses when a server offers them, in the order the panel lists them.
    [[nodiscard]] static QByteArrayList usedCapabilities();

Q_SIGNALS:
    // A snapshot of `account` was shown.
    void updated(const QString &account);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void rebuildAccounts();
    void showSnapshot(const QString &account, const engine::HealthSnapshot &snapshot);
    void showState();
    void saveLog();

    models::AccountRegistry *m_registry;
    QComboBox *m_accounts;
    QLabel *m_state;
    QLabel *m_capabilities;
    QLabel *m_lastSync;
    QLabel *m_pending;
    QPlainTextEdit *m_errors;
    QPlainTextEdit *m_log;
    QPushButton *m_copy;
    QPushButton *m_save;
    QTimer *m_timer;
    QHash<quint64, QString> m_asked; // request → account
};

} // namespace fumi::ui
