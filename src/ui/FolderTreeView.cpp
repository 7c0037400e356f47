// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/FolderTreeView.h"

#include "models/MailboxTreeModel.h"

#include <QDragMoveEvent>

namespace fumi::ui {

FolderTreeView::FolderTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
}

void FolderTreeView::dragMoveEvent(QDragMoveEvent *event)
{
    // Ctrl copies, as in every file manager and in Thunderbird.
    if (event->modifiers() & Qt::ControlModifier)
        event->setDropAction(Qt::CopyAction);
    else if (event->possibleActions() & Qt::MoveAction)
        event->setDropAction(Qt::MoveAction);
    QTreeView::dragMoveEvent(event);
    auto *tree = qobject_cast<models::MailboxTreeModel *>(model());
    if (!tree)
        return;
    const QModelIndex target = indexAt(event->position().toPoint());
    Q_EMIT dropRefusalChanged(tree->dropRefusal(event->mimeData(), event->dropAction(), -1, 0, target));
}

void FolderTreeView::dragLeaveEvent(QDragLeaveEvent *event)
{
    QTreeView::dragLeaveEvent(event);
    Q_EMIT dropRefusalChanged(QString());
}

void FolderTreeView::dropEvent(QDropEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier)
        event->setDropAction(Qt::CopyAction);
    QTreeView::dropEvent(event);
    Q_EMIT dropRefusalChanged(QString());
}

} // namespace fumi::ui
