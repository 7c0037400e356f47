// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>
#include <QModelIndex>

class QAbstractItemModel;
class QTreeView;

namespace fumi::ui {

// Message → Move To… and Copy To…: the folder tree in a dialog, to choose a folder that can
// hold messages. It shows the same MailboxTreeModel as the window, so it is always current.
class FolderPickerDialog : public QDialog
{
    Q_OBJECT

public:
    FolderPickerDialog(QAbstractItemModel *folders, const QString &title, QWidget *parent = nullptr);

    [[nodiscard]] QModelIndex chosen() const;
    [[nodiscard]] QTreeView *view() const { return m_view; }

private:
    QTreeView *m_view;
};

} // namespace fumi::ui
