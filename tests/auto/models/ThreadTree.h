// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "models/MessageListModel.h"

#include <QStringList>

#include <algorithm>
#include <vector>

namespace fumi::test {

// Each message's parent in thread mode, as "uid<parent uid" ("uid" for a root), by UID: the
// tree a threaded MessageListModel shows, in a form a test can compare.
inline QStringList threadTreeOf(const models::MessageListModel &model)
{
    using models::MessageListModel;
    QStringList out;
    std::vector<QModelIndex> todo{QModelIndex()};
    while (!todo.empty()) {
        const QModelIndex parent = todo.back();
        todo.pop_back();
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex child = model.index(row, 0, parent);
            const QString uid = QString::number(child.data(MessageListModel::UidRole).value<Uid>());
            out << (parent.isValid()
                        ? QString(uid + u'<' + QString::number(parent.data(MessageListModel::UidRole).value<Uid>()))
                        : uid);
            todo.push_back(child);
        }
    }
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) {
        return a.section(u'<', 0, 0).toUInt() < b.section(u'<', 0, 0).toUInt();
    });
    return out;
}

} // namespace fumi::test
