// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QStyledItemDelegate>

namespace fumi::ui {

// Paints a folder of the MailboxTreeModel as Thunderbird does: the name (bold while it has
// unread mail, which the model's font says) with the unread count right-aligned in the same row,
// and an account's connection state as its icon (the model's decoration).
class MailboxTreeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit MailboxTreeDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace fumi::ui
