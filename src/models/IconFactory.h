// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QIcon>
#include <QString>

namespace fumi::models {

// Fumi's own icons, for where the desktop's icon theme has none.
//
// A build root or a bare desktop often has no icon theme, and then QIcon::fromTheme() gives
// null icons: a folder tree of blank squares and a flag column without flags. Qt's SVG image
// plugin is not always installed either, so these are not SVG files but drawn with QPainter at
// whatever size a view asks for (a QIconEngine), crisp at 16 px and at 48 px, in the disabled
// and selected modes too. The themed() form prefers the theme's icon and falls back to these.
class IconFactory
{
public:
    enum class Icon {
        Inbox,
        AllInboxes,
        Drafts,
        Sent,
        Junk,
        Trash,
        Archive,
        Folder,
        Account,
        Flag,
        Attachment,
        Unread,
        Connected,
        Syncing,
        Offline,
        Error,
        Search,
    };

    // The drawn icon.
    [[nodiscard]] static QIcon icon(Icon icon);
    // The icon theme's `themeName`, else the drawn `fallback`.
    [[nodiscard]] static QIcon themed(const QString &themeName, Icon fallback);
};

} // namespace fumi::models
