// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/FolderPickerDialog.h"

#include "models/MailboxTreeModel.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace fumi::ui {

namespace {

bool holdsMessages(const QModelIndex &index)
{
    return index.isValid()
        && index.data(models::MailboxTreeModel::KindRole).value<models::MailboxTreeModel::NodeKind>()
        == models::MailboxTreeModel::NodeKind::Mailbox
        && index.data(models::MailboxTreeModel::SelectableRole).toBool();
}

} // namespace

FolderPickerDialog::FolderPickerDialog(QAbstractItemModel *folders, const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_view(new QTreeView(this))
{
    setWindowTitle(title);
    m_view->setObjectName(QStringLiteral("folderPicker"));
    m_view->setHeaderHidden(true);
    m_view->setModel(folders);
    m_view->expandAll();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(false);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, ok, [ok](const QModelIndex &current) {
        ok->setEnabled(holdsMessages(current));
    });
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (holdsMessages(index))
            accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addWidget(buttons);
    resize(360, 420);
}

QModelIndex FolderPickerDialog::chosen() const
{
    const QModelIndex current = m_view->currentIndex();
    return holdsMessages(current) ? current : QModelIndex();
}

} // namespace fumi::ui
