// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/SettingsFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>

namespace fumi::account {

namespace {
// Settings files are small; anything larger is not ours and is not read into memory.
constexpr qint64 maximumSize = 16 * 1024 * 1024;
} // namespace

SettingsFile::SettingsFile(QString path, QString format, int version)
    : m_path(std::move(path))
    , m_format(std::move(format))
    , m_version(version)
{
}

SettingsFile::Content SettingsFile::read() const
{
    Content content;
    QFile file(m_path);
    if (!file.exists())
        return content;
    content.exists = true;
    const QString leftAlone = QStringLiteral(" Fumi left it as it is and will not change it.");
    if (!file.open(QIODevice::ReadOnly)) {
        content.error = QStringLiteral("Cannot read %1: %2.").arg(m_path, file.errorString());
        return content;
    }
    if (file.size() > maximumSize) {
        content.error = QStringLiteral("%1 is too large to be a Fumi settings file.").arg(m_path) + leftAlone;
        return content;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        content.error = QStringLiteral("%1 is damaged: %2 at byte %3.")
                            .arg(m_path, parseError.errorString())
                            .arg(parseError.offset)
            + leftAlone;
        return content;
    }
    if (!document.isObject()) {
        content.error = QStringLiteral("%1 is damaged: it does not hold a JSON object.").arg(m_path) + leftAlone;
        return content;
    }
    QJsonObject object = document.object();
    const QString format = object.value(u"format").toString();
    if (format != m_format) {
        content.error = QStringLiteral("%1 is not a Fumi %2 file (its format is \"%3\").").arg(m_path, m_format, format)
            + leftAlone;
        return content;
    }
    const QJsonValue version = object.value(u"version");
    if (!version.isDouble() || version.toInt() < 1 || version.toDouble() != version.toInt()) {
        content.error = QStringLiteral("%1 is damaged: it has no valid version number.").arg(m_path) + leftAlone;
        return content;
    }
    if (version.toInt() > m_version) {
        content.error = QStringLiteral("%1 was written by a newer version of Fumi (format version %2; this version "
                                       "reads up to %3).")
                            .arg(m_path)
                            .arg(version.toInt())
                            .arg(m_version)
            + leftAlone;
        return content;
    }
    object.remove(u"format");
    object.remove(u"version");
    content.object = std::move(object);
    return content;
}

QString SettingsFile::write(const QJsonObject &object) const
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return QStringLiteral("Cannot create the folder of %1.").arg(m_path);
    QJsonObject whole = object;
    whole.insert(u"format", m_format);
    whole.insert(u"version", m_version);
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("Cannot write %1: %2.").arg(m_path, file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(whole).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return QStringLiteral("Cannot write %1: %2.").arg(m_path, file.errorString());
    return {};
}

QString SettingsFile::update(const std::function<QString(QJsonObject &)> &change, bool *unreadable) const
{
    *unreadable = false;
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return QStringLiteral("Cannot create the folder of %1.").arg(m_path);
    QLockFile lock(m_path + QStringLiteral(".lock"));
    // Another Fumi holds it only for the moment of a read and a write.
    if (!lock.tryLock(10000)) {
        return lock.error() == QLockFile::LockFailedError
            ? QStringLiteral("%1 is being changed by another Fumi process; try again.").arg(m_path)
            : QStringLiteral("Cannot lock %1.").arg(m_path);
    }
    Content content = read();
    if (!content.ok()) {
        *unreadable = true;
        return content.error;
    }
    if (const QString error = change(content.object); !error.isEmpty())
        return error;
    return write(content.object);
}

} // namespace fumi::account
