// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>

namespace fumi::account {

// A small JSON settings file that is never lost: versioned, written atomically, and left
// exactly as it is when it cannot be understood.
//
// The file is one object: {"format": "<name>", "version": N, ...content}. Reading a file that
// is not JSON, has another format name, or a version newer than this build knows is an error
// that says so; the caller must then not write, so a newer Fumi's settings or a file the user
// is repairing are never overwritten. Writing goes through QSaveFile (a temporary file renamed
// over the old one), readable by the user only. Changes from several processes (the GUI and
// fumi-cli on one profile) are serialised with a lock file: lock, read, change, write.
class SettingsFile
{
public:
    SettingsFile(QString path, QString format, int version);

    struct Content {
        QJsonObject object; // without "format" and "version"
        QString error;      // empty when the file was read or did not exist
        bool exists = false;
        [[nodiscard]] bool ok() const { return error.isEmpty(); }
    };

    [[nodiscard]] Content read() const;
    // Returns an error message, empty on success.
    [[nodiscard]] QString write(const QJsonObject &object) const;
    // Locks the file, reads it, lets `change` edit the content and writes it back. Nothing is
    // written when reading fails or `change` returns an error. Returns an error message;
    // *unreadable tells whether it came from a file that cannot be understood.
    [[nodiscard]] QString update(const std::function<QString(QJsonObject &)> &change, bool *unreadable) const;

    [[nodiscard]] QString path() const { return m_path; }

private:
    QString m_path;
    QString m_format;
    int m_version;
};

} // namespace fumi::account
