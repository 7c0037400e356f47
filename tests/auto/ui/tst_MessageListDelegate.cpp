// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The message list's delegate paints what the style would: the selection behind a selected
// row with its text in the highlighted-text colour, plain text elsewhere, right-aligned cells on
// the right, icons centred, and a text too long for its cell cut at the cell's edge.

#include "ui/MessageListDelegate.h"

#include <QApplication>
#include <QIcon>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace fumi;
using namespace Qt::StringLiterals;

namespace {

struct Counts {
    int matching = 0; // pixels near the colour asked for (the style may shade it a little)
    int dark = 0;     // pixels clearly darker than the background around them
    int left = 0;     // of the dark ones, in the cell's left half
    int right = 0;
};

Counts count(const QImage &image, const QRect &cell, QColor wanted)
{
    Counts counts;
    for (int y = cell.top(); y <= cell.bottom(); ++y) {
        for (int x = cell.left(); x <= cell.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (qAbs(pixel.red() - wanted.red()) + qAbs(pixel.green() - wanted.green())
                    + qAbs(pixel.blue() - wanted.blue())
                < 60)
                ++counts.matching;
            if (qGray(pixel.rgb()) < 100) {
                ++counts.dark;
                (x < cell.center().x() ? counts.left : counts.right)++;
            }
        }
    }
    return counts;
}

} // namespace

class tst_MessageListDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paintsLikeTheStyle();
};

void tst_MessageListDelegate::paintsLikeTheStyle()
{
    QStandardItemModel model(3, 3);
    model.setItem(0, 0, new QStandardItem(u"Selected sender"_s));
    model.setItem(1, 0, new QStandardItem(u"田中 太郎"_s));
    auto *size = new QStandardItem(u"12 KB"_s);
    size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    model.setItem(1, 1, size);
    model.setItem(2, 0, new QStandardItem(QString(200, u'W')));
    QPixmap square(16, 16);
    square.fill(Qt::red);
    model.setItem(2, 1, new QStandardItem(QIcon(square), QString()));

    QTreeView view;
    view.setRootIsDecorated(false);
    view.setItemDelegate(new ui::MessageListDelegate(&view));
    view.setModel(&model);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.setColumnWidth(0, 150);
    view.setColumnWidth(1, 120);
    view.resize(420, 200);
    QPalette palette = view.palette();
    palette.setColor(QPalette::Highlight, QColor(0, 0, 200));
    palette.setColor(QPalette::HighlightedText, QColor(255, 255, 0));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, Qt::black);
    view.setPalette(palette);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.selectionModel()->select(model.index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view.activateWindow();

    const QImage image = view.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QRect selected = view.visualRect(model.index(0, 0));
    const QRect japanese = view.visualRect(model.index(1, 0));
    const QRect sizeCell = view.visualRect(model.index(1, 1));
    const QRect longCell = view.visualRect(model.index(2, 0));
    const QRect iconCell = view.visualRect(model.index(2, 1));

    // The selection is painted behind the selected row, with its text in the highlighted colour.
    const QColor highlight = view.palette().color(QPalette::Active, QPalette::Highlight);
    const Counts onSelection = count(image, selected, highlight);
    QVERIFY2(onSelection.matching > selected.width() * selected.height() / 2,
             qPrintable(u"%1 of %2 pixels in the highlight colour"_s.arg(onSelection.matching)
                            .arg(selected.width() * selected.height())));
    int yellowish = 0;
    for (int y = selected.top(); y <= selected.bottom(); ++y)
        for (int x = selected.left(); x <= selected.right(); ++x)
            if (const QColor c = image.pixelColor(x, y); c.red() > 150 && c.green() > 150 && c.blue() < 120)
                ++yellowish;
    QVERIFY2(yellowish > 20, "the selected row's text is in the highlighted-text colour");

    // Unselected text is drawn, Japanese included; a right-aligned cell's text is on the right.
    QVERIFY(count(image, japanese, Qt::black).dark > 20);
    const Counts sizeText = count(image, sizeCell, Qt::black);
    QVERIFY(sizeText.dark > 10);
    QCOMPARE(sizeText.left, 0);

    // A text wider than its cell is cut there: nothing of it spills into the next column.
    QVERIFY(count(image, longCell, Qt::black).dark > 50);
    const QRect nextToLong = view.visualRect(model.index(2, 2));
    QCOMPARE(count(image, nextToLong, Qt::black).dark, 0);

    // The icon is centred in its cell.
    int redLeft = 0;
    int redRight = 0;
    for (int y = iconCell.top(); y <= iconCell.bottom(); ++y)
        for (int x = iconCell.left(); x <= iconCell.right(); ++x)
            if (image.pixelColor(x, y) == QColor(Qt::red))
                (x < iconCell.center().x() ? redLeft : redRight)++;
    QVERIFY(redLeft > 50);
    // Within a column of pixels (16 high) either way: QRect::center() rounds down.
    QVERIFY2(qAbs(redLeft - redRight) <= 2 * 16,
             qPrintable(u"%1 red pixels left of the centre, %2 right"_s.arg(redLeft).arg(redRight)));
}

QTEST_MAIN(tst_MessageListDelegate)
#include "tst_MessageListDelegate.moc"
