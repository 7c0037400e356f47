// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QListWidget>

#include <functional>

namespace fumi::ui {

// The reader's attachment list. Each item carries its part id (Qt::UserRole); dragging items
// out gives the file manager file URLs of temporary copies, which the exporter writes when the
// drag starts (the list itself never holds message bytes).
class AttachmentList : public QListWidget
{
    Q_OBJECT

public:
    static constexpr int PartIdRole = Qt::UserRole;

    // Writes the part to a temporary file and returns its path, or an empty string.
    using Exporter = std::function<QString(const QString &partId)>;

    explicit AttachmentList(QWidget *parent = nullptr);
    void setExporter(Exporter exporter);

    [[nodiscard]] QStringList mimeTypes() const override;

protected:
    [[nodiscard]] QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;

private:
    Exporter m_exporter;
};

} // namespace fumi::ui
