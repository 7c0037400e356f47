// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MessageListDelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>

namespace fumi::ui {

MessageListDelegate::MessageListDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

const QStaticText *MessageListDelegate::prepared(const Key &key, const QFont &font) const
{
    if (const QStaticText *cached = m_texts.object(key))
        return cached;
    auto text = std::make_unique<QStaticText>(key.text);
    text->setTextFormat(Qt::PlainText);
    text->setPerformanceHint(QStaticText::AggressiveCaching);
    text->prepare(QTransform(), font);
    const QStaticText *result = text.get();
    m_texts.insert(key, text.release());
    return result;
}

const QStaticText &MessageListDelegate::shaped(const QString &text, const QFont &font, int width) const
{
    // The key leaves the font out, as it is the list's in every cell: when the list's font
    // changes (a zoom, a new system font), the texts shaped in the old one go.
    QFont &known = font.bold() ? m_boldFont : m_regularFont;
    if (!(known == font)) {
        m_texts.clear();
        known = font;
    }
    const QStaticText *whole = prepared(Key{text, font.bold(), 0}, font);
    if (whole->size().width() <= width)
        return *whole;
    // The rare cell that does not fit pays for a second shaping, once per width.
    const Key elidedKey{text, font.bold(), width};
    if (const QStaticText *cached = m_texts.object(elidedKey))
        return *cached;
    auto elided = std::make_unique<QStaticText>(QFontMetrics(font).elidedText(text, Qt::ElideRight, width));
    elided->setTextFormat(Qt::PlainText);
    elided->setPerformanceHint(QStaticText::AggressiveCaching);
    elided->prepare(QTransform(), font);
    const QStaticText *result = elided.get();
    m_texts.insert(elidedKey, elided.release());
    return *result;
}

void MessageListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    // The row's background and selection as the style draws them. Every column of the list
    // has either an icon (flag, attachment) or a text, never both, so neither needs the
    // style's item layout, which measures the text once more.
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
    if (opt.features & QStyleOptionViewItem::HasDecoration) {
        const QIcon::Mode mode = !(opt.state & QStyle::State_Enabled) ? QIcon::Disabled
            : (opt.state & QStyle::State_Selected)                    ? QIcon::Selected
                                                                      : QIcon::Normal;
        const QRect iconRect = QStyle::alignedRect(opt.direction, Qt::AlignCenter, opt.decorationSize, opt.rect);
        opt.icon.paint(painter, iconRect, Qt::AlignCenter, mode, QIcon::Off);
    }
    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.rect = opt.rect;
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        focus.backgroundColor
            = opt.palette.color((opt.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled,
                                (opt.state & QStyle::State_Selected) ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
    const QString &text = opt.text;
    if (text.isEmpty())
        return;

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect area = opt.rect.adjusted(margin, 0, -margin, 0);
    if (area.width() <= 0)
        return;
    const QStaticText &shapedText = shaped(text, opt.font, area.width());

    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                                ? QPalette::Normal
                                                                            : QPalette::Inactive;
    const QPalette::ColorRole role = (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;
    const QSizeF size = shapedText.size();
    const qreal x = (opt.displayAlignment & Qt::AlignRight) ? area.right() + 1 - size.width() : area.left();
    const qreal y = area.top() + (area.height() - size.height()) / 2;

    painter->save();
    painter->setPen(opt.palette.color(group, role));
    painter->setFont(opt.font);
    painter->setClipRect(area);
    painter->drawStaticText(QPointF(x, y), shapedText);
    painter->restore();
}

} // namespace fumi::ui
