// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/AccountSettingsDialog.h"

#include "account/AccountManager.h"
#include "ui/AccountWizard.h"
#include "ui/AccountsController.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace fumi::ui {

AccountSettingsDialog::AccountSettingsDialog(AccountsController *accounts, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
{
    setObjectName(u"accountSettingsDialog"_s);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"accountList"_s);
    m_addButton = new QPushButton(this);
    m_addButton->setObjectName(u"addAccountButton"_s);
    m_editButton = new QPushButton(this);
    m_editButton->setObjectName(u"editAccountButton"_s);
    m_removeButton = new QPushButton(this);
    m_removeButton->setObjectName(u"removeAccountButton"_s);
    m_error = new QLabel(this);
    m_error->setObjectName(u"accountSettingsError"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_editButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_list, 1);
    row->addLayout(buttons);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_closeButton = box->button(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(box);
    resize(560, 360);

    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_addButton, &QPushButton::clicked, this, &AccountSettingsDialog::addAccount);
    connect(m_editButton, &QPushButton::clicked, this, [this] {
        editAccount(selectedAccount());
    });
    connect(m_list, &QListWidget::itemActivated, this, [this] {
        editAccount(selectedAccount());
    });
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        removeAccount(selectedAccount());
    });
    connect(m_list, &QListWidget::currentRowChanged, this, &AccountSettingsDialog::updateButtons);
    auto *manager = m_accounts->accountManager();
    connect(manager, &account::AccountManager::accountAdded, this, &AccountSettingsDialog::refresh);
    connect(manager, &account::AccountManager::accountChanged, this, &AccountSettingsDialog::refresh);
    connect(manager, &account::AccountManager::accountRemoved, this, &AccountSettingsDialog::refresh);
    connect(manager, &account::AccountManager::accountsReordered, this, &AccountSettingsDialog::refresh);
    retranslate();
    refresh();
}

QString AccountSettingsDialog::selectedAccount() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void AccountSettingsDialog::selectAccount(const QString &id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(row);
    }
}

AccountWizard *AccountSettingsDialog::addAccount()
{
    auto *wizard = new AccountWizard(m_accounts, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open();
    return wizard;
}

AccountWizard *AccountSettingsDialog::editAccount(const QString &id)
{
    if (!m_accounts->accountManager()->account(id))
        return nullptr;
    auto *wizard = new AccountWizard(m_accounts, id, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open();
    return wizard;
}

void AccountSettingsDialog::removeAccount(const QString &id)
{
    const auto account = m_accounts->accountManager()->account(id);
    if (!account)
        return;
    auto *question
        = new QMessageBox(QMessageBox::Question, tr("Remove Account"),
                          tr("Remove the account \"%1\" (%2)?").arg(account->displayName, account->primaryAddress()),
                          QMessageBox::Yes | QMessageBox::Cancel, this);
    question->setObjectName(u"removeQuestion"_s);
    question->setInformativeText(tr("Its settings, its saved password and the mail kept on this computer are "
                                    "removed. The mail on the server is not touched."));
    question->button(QMessageBox::Yes)->setText(tr("&Remove"));
    question->setDefaultButton(QMessageBox::Cancel);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_accounts->removeAccount(id, this, [this, id](const QString &error) {
            m_error->setText(error);
            m_error->setVisible(!error.isEmpty());
            if (!error.isEmpty() && m_accounts->accountManager()->account(id))
                Q_EMIT removeFailed(error);
            else
                Q_EMIT accountRemoved(id);
        });
    });
    question->open();
}

void AccountSettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void AccountSettingsDialog::retranslate()
{
    setWindowTitle(tr("Accounts"));
    m_intro->setText(tr("The mail accounts Fumi shows. Removing one here leaves its mail on the server."));
    m_addButton->setText(tr("&Add Account…"));
    m_editButton->setText(tr("&Edit…"));
    m_removeButton->setText(tr("&Remove…"));
}

void AccountSettingsDialog::refresh()
{
    const QString selected = selectedAccount();
    m_list->clear();
    for (const account::Account &account : m_accounts->accountManager()->accounts()) {
        auto *item = new QListWidgetItem(tr("%1 — %2").arg(account.displayName, account.primaryAddress()), m_list);
        item->setData(Qt::UserRole, account.id);
    }
    selectAccount(selected);
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    updateButtons();
}

void AccountSettingsDialog::updateButtons()
{
    const bool any = m_list->currentItem() != nullptr;
    m_editButton->setEnabled(any);
    m_removeButton->setEnabled(any);
}

} // namespace fumi::ui
