// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace fumi {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Fumi"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);

    auto *title = new QLabel(this);
    title->setObjectName(u"aboutTitle"_s);
    title->setTextFormat(Qt::RichText);
    title->setText(u"<h2>%1</h2>"_s.arg(tr("Fumi %1").arg(QApplication::applicationVersion()).toHtmlEscaped()));

    auto *text = new QLabel(this);
    text->setObjectName(u"aboutText"_s);
    text->setWordWrap(true);
    text->setTextFormat(Qt::PlainText);
    text->setText(tr("A mail client for people who read the same mail on several devices: it keeps "
                     "folders, messages and flags in agreement with your IMAP servers.")
                  + u"\n\n"_s + tr("Licensed under the GNU General Public License, version 3 or later.") + u"\n"_s
                  + tr("Built with Qt %1, running on Qt %2.")
                        .arg(QString::fromLatin1(QT_VERSION_STR), QString::fromLatin1(qVersion())));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *textColumn = new QVBoxLayout;
    textColumn->addWidget(title);
    textColumn->addWidget(text);
    textColumn->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addLayout(textColumn, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

} // namespace fumi
