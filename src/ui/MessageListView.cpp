// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MessageListView.h"

#include "models/MessageListModel.h"
#include "ui/MessageListDelegate.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QHeaderView>
#include <QLocale>
#include <QStyle>

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
    setItemDelegate(new MessageListDelegate(this));
    header()->setSectionsMovable(true);
    header()->setStretchLastSection(false);
}

void MessageListView::setDefaultColumnWidths()
{
    header()->setSectionResizeMode(MessageListModel::SubjectColumn, QHeaderView::Stretch);
    header()->resizeSection(MessageListModel::FlagColumn, 28);
    header()->resizeSection(MessageListModel::AttachmentColumn, 28);
    header()->resizeSection(MessageListModel::FromColumn, 200);
    // Wide enough for the longest date and size in bold (unread), in this locale and font.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const QLocale locale;
    const QString longestDate
        = locale.toString(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)), QLocale::ShortFormat);
    const int padding = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin) + 16;
    header()->resizeSection(MessageListModel::DateColumn, metrics.horizontalAdvance(longestDate) + padding);
    header()->resizeSection(MessageListModel::SizeColumn,
                            metrics.horizontalAdvance(locale.formattedDataSize(999 * 1024 * 1024 + 1023)) + padding);
    sortByColumn(MessageListModel::DateColumn, Qt::DescendingOrder);
}

} // namespace fumi::ui
