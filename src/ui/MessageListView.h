// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QTreeView>

namespace fumi::ui {

// The message list's view, set up for a MessageListModel of any size: uniform row heights (so
// scrolling never asks the model for a row it does not paint), whole-row extended selection,
// sortable and movable columns, and drags of the selected messages onto the folder tree.
class MessageListView : public QTreeView
{
    Q_OBJECT

public:
    explicit MessageListView(QWidget *parent = nullptr);

    // Column widths for a fresh profile; a saved header state replaces them.
    void setDefaultColumnWidths();
};

} // namespace fumi::ui
