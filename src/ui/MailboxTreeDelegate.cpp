// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MailboxTreeDelegate.h"

#include "models/MailboxTreeModel.h"

#include <QApplication>
#include <QPainter>

namespace fumi::ui {

namespace {

constexpr int countPadding = 6;

QString countText(const QModelIndex &index)
{
    const int unread = index.data(models::MailboxTreeModel::UnreadCountRole).toInt();
    return unread > 0 ? QString::number(unread) : QString();
}

} // namespace

MailboxTreeDelegate::MailboxTreeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void MailboxTreeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString count = countText(index);
    if (count.isEmpty())
        return QStyledItemDelegate::paint(painter, option, index);

    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const int countWidth = metrics.horizontalAdvance(count) + 2 * countPadding;

    // The row's background and selection over its full width, then the name in what is left.
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    QStyleOptionViewItem background = opt;
    background.text.clear();
    background.icon = QIcon();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    QStyleOptionViewItem name = opt;
    name.rect.setRight(opt.rect.right() - countWidth);
    name.backgroundBrush = Qt::NoBrush;
    name.state &= ~QStyle::State_HasFocus;
    style->drawControl(QStyle::CE_ItemViewItem, &name, painter, widget);

    painter->save();
    painter->setFont(bold);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    const QRect countRect(opt.rect.right() - countWidth, opt.rect.top(), countWidth, opt.rect.height());
    painter->drawText(countRect, Qt::AlignCenter, count);
    painter->restore();
}

QSize MailboxTreeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString count = countText(index);
    if (!count.isEmpty()) {
        QFont bold = option.font;
        bold.setBold(true);
        size.rwidth() += QFontMetrics(bold).horizontalAdvance(count) + 2 * countPadding;
    }
    return size;
}

} // namespace fumi::ui
