// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/AttachmentList.h"

#include <QMimeData>
#include <QUrl>

namespace fumi::ui {

AttachmentList::AttachmentList(QWidget *parent)
    : QListWidget(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
}

void AttachmentList::setExporter(Exporter exporter)
{
    m_exporter = std::move(exporter);
}

QStringList AttachmentList::mimeTypes() const
{
    return {QStringLiteral("text/uri-list")};
}

QMimeData *AttachmentList::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (!m_exporter)
        return nullptr;
    QList<QUrl> urls;
    for (const QListWidgetItem *item : items) {
        const QString path = m_exporter(item->data(PartIdRole).toString());
        if (!path.isEmpty())
            urls.append(QUrl::fromLocalFile(path));
    }
    if (urls.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setUrls(urls);
    return data;
}

} // namespace fumi::ui
