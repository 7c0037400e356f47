// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QTreeView>

namespace fumi::ui {

// The folder tree: a QTreeView that tells, while something is dragged over it, why the folder
// under the pointer refuses the drop (MailboxTreeModel::dropRefusal), so that the window can
// show it; the view itself already shows the "no" cursor for a refused drop.
class FolderTreeView : public QTreeView
{
    Q_OBJECT

public:
    explicit FolderTreeView(QWidget *parent = nullptr);

Q_SIGNALS:
    // Empty when the drop under the pointer is allowed, or when the drag has left.
    void dropRefusalChanged(const QString &reason);

protected:
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
};

} // namespace fumi::ui
