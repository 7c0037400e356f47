// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace fumi::ui {

class AccountWizard;
class AccountsController;

// File → Accounts…: the profile's accounts, with Add Account… (the AccountWizard), Edit… (the
// wizard on that account: the same server and sign-in pages, a connection test before changed
// servers are saved) and Remove (after a confirmation that names the account: the engine stops,
// then the secrets, the settings and the local cache go; mail on the server stays).
//
// The dialogs it opens are window-modal children, shown with open(), never a nested event loop.
class AccountSettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // `accounts` (with its profile started) must outlive the dialog.
    explicit AccountSettingsDialog(AccountsController *accounts, QWidget *parent = nullptr);

    // The account the list has selected; empty when none.
    [[nodiscard]] QString selectedAccount() const;
    void selectAccount(const QString &id);

    AccountWizard *addAccount();
    AccountWizard *editAccount(const QString &id);
    // Asks first; the question is a child QMessageBox, and Yes removes the account.
    void removeAccount(const QString &id);

Q_SIGNALS:
    void accountRemoved(const QString &id);
    void removeFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void refresh();
    void updateButtons();

    AccountsController *m_accounts;
    QLabel *m_intro = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace fumi::ui
