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

#include <algorithm>

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
    // The flag and attachment columns show an icon, in the header too: as wide as the icon.
    const int margin = style()->pixelMetric(QStyle::PM_HeaderMargin);
    const int iconColumn = style()->pixelMetric(QStyle::PM_SmallIconSize) + 4 * margin;
    for (const int column : {int(MessageListModel::FlagColumn), int(MessageListModel::AttachmentColumn)}) {
        header()->setSectionResizeMode(column, QHeaderView::Fixed);
        header()->resizeSection(column, iconColumn);
    }
    // The others from the font, never narrower than their header with its sort arrow, which
    // is wider in some languages than in others.
    const QFontMetrics headerMetrics(header()->font());
    const int padding = 2 * margin + style()->pixelMetric(QStyle::PM_HeaderMarkSize) + 8;
    const auto atLeastHeader = [&](int column, int width) {
        const QString title = model() ? model()->headerData(column, Qt::Horizontal).toString() : QString();
        header()->resizeSection(column, std::max(width, headerMetrics.horizontalAdvance(title) + padding));
    };
    // Wide enough for the longest date and size in bold (unread), in this locale and font.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    atLeastHeader(MessageListModel::FromColumn, metrics.averageCharWidth() * 24);
    const QLocale locale;
    const QString longestDate
        = locale.toString(QDateTime(QDate(2026, 12, 28), QTime(23, 58, 58)), QLocale::ShortFormat);
    atLeastHeader(MessageListModel::DateColumn, metrics.horizontalAdvance(longestDate) + padding);
    atLeastHeader(MessageListModel::SizeColumn,
                  metrics.horizontalAdvance(locale.formattedDataSize(999 * 1024 * 1024 + 1023)) + padding);
    sortByColumn(MessageListModel::DateColumn, Qt::DescendingOrder);
}

} // namespace fumi::ui
