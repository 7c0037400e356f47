// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QCache>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace fumi::ui {

// Paints the cells of the message list. The style's item painting lays every cell out as a
// wrapping paragraph and shapes its text two or three times (layout, elision, drawing); paging
// through 100,000 rows spent most of each repaint there. This delegate shapes a cell's text
// once, into a QStaticText kept in a small cache (sender names, sizes and subjects repeat down a
// list), elides only what does not fit, and leaves the background, selection, focus and icons
// to the style, so that the list still looks native.
class MessageListDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit MessageListDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    struct Key {
        QString text;
        bool bold = false;
        int width = 0; // the width the text was elided to; 0 when it fits as it is

        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed = 0) { return qHashMulti(seed, key.text, key.bold, key.width); }
    };

    [[nodiscard]] const QStaticText &shaped(const QString &text, const QFont &font, int width) const;
    [[nodiscard]] const QStaticText *prepared(const Key &key, const QFont &font) const;

    // Texts of a few screens of rows; evicting the least recent keeps it bounded.
    mutable QCache<Key, QStaticText> m_texts{4096};
    // The fonts the cached texts were shaped in.
    mutable QFont m_regularFont;
    mutable QFont m_boldFont;
};

} // namespace fumi::ui
