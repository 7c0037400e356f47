// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MessageListView.h"

#include "models/MessageListModel.h"

#include <QHeaderView>

namespace fumi::ui {

using models::MessageListModel;

MessageListView::MessageListView(QWidget *parent)
    : QTreeView(parent)
{
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAllColumnsShowFocus(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::MoveAction);
    setSortingEnabled(true);
    header()->setSectionsMovable(true);
    header()->setStretchLastSection(false);
}

void MessageListView::setDefaultColumnWidths()
{
    header()->setSectionResizeMode(MessageListModel::SubjectColumn, QHeaderView::Stretch);
    header()->resizeSection(MessageListModel::FlagColumn, 28);
    header()->resizeSection(MessageListModel::AttachmentColumn, 28);
    header()->resizeSection(MessageListModel::FromColumn, 200);
    header()->resizeSection(MessageListModel::DateColumn, 140);
    header()->resizeSection(MessageListModel::SizeColumn, 70);
    sortByColumn(MessageListModel::DateColumn, Qt::DescendingOrder);
}

} // namespace fumi::ui
