// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/IconFactory.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace fumi::models {

namespace {

using Icon = IconFactory::Icon;

// Each icon is drawn on a 24 × 24 grid, scaled to the size asked for.
class DrawnIconEngine : public QIconEngine
{
public:
    explicit DrawnIconEngine(Icon icon)
        : m_icon(icon)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        Q_UNUSED(state)
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const qreal side = qMin(rect.width(), rect.height());
        painter->translate(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side / 24.0, side / 24.0);
        if (mode == QIcon::Disabled)
            painter->setOpacity(0.4);
        draw(*painter, mode == QIcon::Selected);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        QPixmap pixmap(size * scale);
        pixmap.fill(Qt::transparent);
        pixmap.setDevicePixelRatio(scale);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }

    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        return {QSize(16, 16), QSize(22, 22), QSize(24, 24), QSize(32, 32), QSize(48, 48)};
    }

    QIconEngine *clone() const override { return new DrawnIconEngine(m_icon); }
    QString key() const override { return QStringLiteral("fumi-drawn"); }
    bool isNull() override { return false; }

private:
    static QPen pen(const QColor &color, qreal width = 1.6)
    {
        return QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    }

    static void tray(QPainter &p, const QRectF &box, const QColor &stroke, const QColor &fill)
    {
        p.setPen(pen(stroke));
        p.setBrush(fill);
        p.drawRoundedRect(box, 2, 2);
        const qreal y = box.top() + box.height() * 0.6;
        const qreal x = box.left();
        const qreal w = box.width();
        QPainterPath notch;
        notch.moveTo(x, y);
        notch.lineTo(x + w * 0.3, y);
        notch.lineTo(x + w * 0.38, y + box.height() * 0.18);
        notch.lineTo(x + w * 0.62, y + box.height() * 0.18);
        notch.lineTo(x + w * 0.7, y);
        notch.lineTo(x + w, y);
        p.setBrush(Qt::NoBrush);
        p.drawPath(notch);
    }

    static void folder(QPainter &p, const QColor &stroke, const QColor &fill)
    {
        QPainterPath shape;
        shape.moveTo(3, 6.5);
        shape.quadTo(3, 5, 4.5, 5);
        shape.lineTo(9, 5);
        shape.lineTo(11, 7);
        shape.lineTo(19.5, 7);
        shape.quadTo(21, 7, 21, 8.5);
        shape.lineTo(21, 18);
        shape.quadTo(21, 19.5, 19.5, 19.5);
        shape.lineTo(4.5, 19.5);
        shape.quadTo(3, 19.5, 3, 18);
        shape.closeSubpath();
        p.setPen(pen(stroke, 1.3));
        p.setBrush(fill);
        p.drawPath(shape);
        p.drawLine(QPointF(3, 9.5), QPointF(21, 9.5));
    }

    void draw(QPainter &p, bool selected) const
    {
        const QColor ink = selected ? QGuiApplication::palette().color(QPalette::HighlightedText) : QColor(0x4a5560);
        const QColor blue(0x2f6fc0);
        const QColor paleBlue(0xdce9f8);
        switch (m_icon) {
        case Icon::Inbox:
            tray(p, QRectF(3, 4.5, 18, 15), blue, paleBlue);
            break;
        case Icon::AllInboxes:
            tray(p, QRectF(6, 2.5, 15, 12), blue.lighter(130), paleBlue);
            tray(p, QRectF(3, 8.5, 15, 13), blue, paleBlue);
            break;
        case Icon::Drafts: {
            p.setPen(pen(ink, 1.3));
            p.setBrush(QColor(0xfafafa));
            p.drawRoundedRect(QRectF(4, 3, 13, 18), 1.5, 1.5);
            p.drawLine(QPointF(7, 8), QPointF(13, 8));
            p.drawLine(QPointF(7, 11), QPointF(11, 11));
            QPainterPath pencil;
            pencil.moveTo(20.5, 8.5);
            pencil.lineTo(22, 10);
            pencil.lineTo(13.5, 18.5);
            pencil.lineTo(11, 19.5);
            pencil.lineTo(12, 17);
            pencil.closeSubpath();
            p.setPen(pen(QColor(0x9a6a12), 1.2));
            p.setBrush(QColor(0xf2b233));
            p.drawPath(pencil);
            break;
        }
        case Icon::Sent: {
            QPainterPath plane;
            plane.moveTo(2.5, 11);
            plane.lineTo(21.5, 3);
            plane.lineTo(15, 21);
            plane.lineTo(11, 13.5);
            plane.closeSubpath();
            p.setPen(pen(QColor(0x2e8a57)));
            p.setBrush(QColor(0xdcf3e5));
            p.drawPath(plane);
            p.drawLine(QPointF(11, 13.5), QPointF(21.5, 3));
            break;
        }
        case Icon::Junk: {
            const QColor orange(0xd9731a);
            p.setPen(pen(orange, 2));
            p.setBrush(QColor(0xfdebd9));
            p.drawEllipse(QPointF(12, 12), 8.5, 8.5);
            p.drawLine(QPointF(6, 18), QPointF(18, 6));
            break;
        }
        case Icon::Trash: {
            p.setPen(pen(ink, 1.5));
            p.setBrush(QColor(0xe9ecef));
            QPainterPath can;
            can.moveTo(6, 7);
            can.lineTo(18, 7);
            can.lineTo(17, 21);
            can.lineTo(7, 21);
            can.closeSubpath();
            p.drawPath(can);
            p.drawLine(QPointF(4, 7), QPointF(20, 7));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(QRectF(9.5, 3.5, 5, 3.5), 1, 1);
            p.drawLine(QPointF(10, 10), QPointF(10.3, 18));
            p.drawLine(QPointF(14, 10), QPointF(13.7, 18));
            break;
        }
        case Icon::Archive:
            p.setPen(pen(QColor(0x7a5a2e), 1.4));
            p.setBrush(QColor(0xecd9b8));
            p.drawRoundedRect(QRectF(4.5, 9, 15, 11.5), 1.5, 1.5);
            p.drawRoundedRect(QRectF(3, 4.5, 18, 4.5), 1.5, 1.5);
            p.drawLine(QPointF(10, 13), QPointF(14, 13));
            break;
        case Icon::Folder:
            folder(p, QColor(0xa8771c), QColor(0xf5cc6a));
            break;
        case Icon::Account: {
            p.setPen(pen(blue, 1.5));
            p.setBrush(paleBlue);
            p.drawEllipse(QPointF(12, 8), 4, 4);
            QPainterPath body;
            body.moveTo(4, 21);
            body.cubicTo(4, 14, 20, 14, 20, 21);
            body.closeSubpath();
            p.drawPath(body);
            break;
        }
        case Icon::Flag: {
            p.setPen(pen(QColor(0x6b6b6b), 1.6));
            p.drawLine(QPointF(6, 3), QPointF(6, 21.5));
            QPainterPath flag;
            flag.moveTo(6, 4);
            flag.lineTo(19.5, 4);
            flag.lineTo(16, 8.75);
            flag.lineTo(19.5, 13.5);
            flag.lineTo(6, 13.5);
            flag.closeSubpath();
            p.setPen(pen(QColor(0xb32626), 1.2));
            p.setBrush(QColor(0xe04343));
            p.drawPath(flag);
            break;
        }
        case Icon::Attachment: {
            // A paper clip: three nested straight runs joined by half circles.
            QPainterPath clip;
            clip.moveTo(15, 8);
            clip.lineTo(15, 16.5);
            clip.arcTo(QRectF(9, 13.5, 6, 6), 0, -180);
            clip.lineTo(9, 6);
            clip.arcTo(QRectF(9, 2, 8, 8), 180, -180);
            clip.lineTo(17, 17);
            clip.arcTo(QRectF(7, 12, 10, 10), 0, -180);
            clip.lineTo(7, 9);
            p.setPen(pen(ink, 1.5));
            p.setBrush(Qt::NoBrush);
            p.translate(12, 12);
            p.rotate(35);
            p.translate(-12, -12);
            p.drawPath(clip);
            break;
        }
        case Icon::Unread:
            p.setPen(Qt::NoPen);
            p.setBrush(blue);
            p.drawEllipse(QPointF(12, 12), 4.5, 4.5);
            break;
        case Icon::Connected:
            p.setPen(pen(QColor(0x2e8a57), 1.5));
            p.setBrush(QColor(0x5cc98a));
            p.drawEllipse(QPointF(12, 12), 6, 6);
            break;
        case Icon::Syncing: {
            p.setPen(pen(blue, 2));
            p.setBrush(Qt::NoBrush);
            p.drawArc(QRectF(5, 5, 14, 14), 90 * 16, 270 * 16);
            QPainterPath head;
            head.moveTo(12, 1.5);
            head.lineTo(16, 5);
            head.lineTo(12, 8.5);
            head.closeSubpath();
            p.setBrush(blue);
            p.setPen(pen(blue, 1));
            p.drawPath(head);
            break;
        }
        case Icon::Offline:
            p.setPen(pen(QColor(0x8a8f94), 1.6));
            p.setBrush(QColor(0xe4e6e8));
            p.drawEllipse(QPointF(12, 12), 6, 6);
            break;
        case Icon::Error: {
            p.setPen(pen(QColor(0xb32626), 1.5));
            p.setBrush(QColor(0xe04343));
            p.drawEllipse(QPointF(12, 12), 8.5, 8.5);
            p.setPen(pen(Qt::white, 2.2));
            p.drawLine(QPointF(12, 7), QPointF(12, 13));
            p.drawPoint(QPointF(12, 16.5));
            break;
        }
        case Icon::Search:
            p.setPen(pen(ink, 2));
            p.setBrush(paleBlue);
            p.drawEllipse(QPointF(10, 10), 6, 6);
            p.setPen(pen(ink, 3));
            p.drawLine(QPointF(14.5, 14.5), QPointF(20.5, 20.5));
            break;
        }
    }

    Icon m_icon;
};

} // namespace

QIcon IconFactory::icon(Icon icon)
{
    return QIcon(new DrawnIconEngine(icon));
}

QIcon IconFactory::themed(const QString &themeName, Icon fallback)
{
    return QIcon::fromTheme(themeName, icon(fallback));
}

} // namespace fumi::models
