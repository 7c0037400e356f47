// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/TrustStore.h"

#include "account/Logging.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

QByteArray digest(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

QString normalisedHost(const QString &host)
{
    return host.toLower();
}

} // namespace

TrustStore::TrustStore(QString filePath)
    : m_file(std::move(filePath), QStringLiteral("fumi-trust"), formatVersion)
{
}

bool TrustStore::load()
{
    const QMutexLocker writing(&m_writing);
    QList<Exception> exceptions;
    QString error = parse(m_file.read(), &exceptions);
    if (!error.isEmpty()) {
        qCWarning(lcAccount).noquote() << error;
        exceptions.clear();
    }
    const QWriteLocker locker(&m_lock);
    m_error = std::move(error);
    m_exceptions = std::move(exceptions);
    return m_error.isEmpty();
}

QString TrustStore::errorString() const
{
    const QReadLocker locker(&m_lock);
    return m_error;
}

QList<TrustStore::Exception> TrustStore::exceptions() const
{
    const QReadLocker locker(&m_lock);
    return m_exceptions;
}

QString TrustStore::parse(const SettingsFile::Content &content, QList<Exception> *exceptions) const
{
    if (!content.ok())
        return content.error;
    const QJsonArray array = content.object.value(u"certificates").toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        Exception exception;
        exception.host = normalisedHost(object.value(u"host").toString());
        const int port = object.value(u"port").toInt(-1);
        const auto sha256 = parseFingerprint(object.value(u"sha256").toString());
        if (exception.host.isEmpty() || port <= 0 || port > 65535 || !sha256) {
            return QStringLiteral("%1 is damaged: an entry lacks a host, a port or a SHA-256 fingerprint. Fumi left it "
                                  "as it is and will not change it.")
                .arg(m_file.path());
        }
        exception.port = quint16(port);
        exception.sha256 = *sha256;
        exception.subject = object.value(u"subject").toString();
        exception.expires = QDateTime::fromString(object.value(u"expires").toString(), Qt::ISODate);
        exception.trustedAt = QDateTime::fromString(object.value(u"trustedAt").toString(), Qt::ISODate);
        exceptions->append(std::move(exception));
    }
    return {};
}

TrustStore::Decision TrustStore::check(const QString &host, quint16 port, const QSslCertificate &certificate) const
{
    return check(host, port, digest(certificate));
}

TrustStore::Decision TrustStore::check(const QString &host, quint16 port, const QByteArray &sha256) const
{
    const QString key = normalisedHost(host);
    const QReadLocker locker(&m_lock);
    for (const Exception &exception : m_exceptions) {
        if (exception.host == key && exception.port == port)
            return exception.sha256 == sha256 && !sha256.isEmpty() ? Decision::Trusted : Decision::Changed;
    }
    return Decision::Unknown;
}

QString TrustStore::change(const std::function<QString(QList<Exception> &)> &change)
{
    const QMutexLocker writing(&m_writing);
    QList<Exception> exceptions;
    bool damaged = false; // set by update() for the file, and below for an entry in it
    const QString error = m_file.update(
        [&](QJsonObject &object) {
            SettingsFile::Content content;
            content.object = object;
            QString problem = parse(content, &exceptions);
            damaged = !problem.isEmpty();
            if (problem.isEmpty())
                problem = change(exceptions);
            if (!problem.isEmpty())
                return problem;
            QJsonArray array;
            for (const Exception &exception : std::as_const(exceptions)) {
                QJsonObject entry{{u"host"_s, exception.host},
                                  {u"port"_s, exception.port},
                                  {u"sha256"_s, formatFingerprint(exception.sha256)},
                                  {u"trustedAt"_s, exception.trustedAt.toString(Qt::ISODate)}};
                if (!exception.subject.isEmpty())
                    entry.insert(u"subject", exception.subject);
                if (exception.expires.isValid())
                    entry.insert(u"expires", exception.expires.toString(Qt::ISODate));
                array.append(entry);
            }
            object = {{u"certificates"_s, array}};
            return QString();
        },
        &damaged);
    const QWriteLocker locker(&m_lock);
    if (!error.isEmpty()) {
        if (damaged)
            m_error = error;
        return error;
    }
    m_error.clear();
    m_exceptions = std::move(exceptions);
    return {};
}

namespace {

QString replaceException(QList<TrustStore::Exception> &exceptions, TrustStore::Exception exception)
{
    exceptions.removeIf([&](const TrustStore::Exception &old) {
        return old.host == exception.host && old.port == exception.port;
    });
    exceptions.append(std::move(exception));
    return {};
}

} // namespace

QString TrustStore::trust(const QString &host, quint16 port, const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return QStringLiteral("There is no certificate to trust.");
    Exception exception{normalisedHost(host),     port,
                        digest(certificate),      certificate.subjectDisplayName(),
                        certificate.expiryDate(), QDateTime::currentDateTimeUtc()};
    return change([&](QList<Exception> &exceptions) {
        return replaceException(exceptions, exception);
    });
}

QString TrustStore::trust(const QString &host, quint16 port, const QByteArray &sha256)
{
    if (sha256.size() != 32)
        return QStringLiteral("A SHA-256 fingerprint has 32 bytes.");
    Exception exception{normalisedHost(host), port, sha256, {}, {}, QDateTime::currentDateTimeUtc()};
    return change([&](QList<Exception> &exceptions) {
        return replaceException(exceptions, exception);
    });
}

QString TrustStore::forget(const QString &host, quint16 port)
{
    return change([&](QList<Exception> &exceptions) {
        const QString key = normalisedHost(host);
        exceptions.removeIf([&](const Exception &old) {
            return old.host == key && old.port == port;
        });
        return QString();
    });
}

QString TrustStore::fingerprint(const QSslCertificate &certificate)
{
    return formatFingerprint(digest(certificate));
}

QString TrustStore::formatFingerprint(const QByteArray &sha256)
{
    return u"SHA256:"_s + QString::fromLatin1(sha256.toHex(':').toUpper());
}

std::optional<QByteArray> TrustStore::parseFingerprint(QStringView text)
{
    text = text.trimmed();
    if (text.startsWith(u"SHA256:", Qt::CaseInsensitive))
        text = text.mid(7);
    else if (text.startsWith(u"SHA-256:", Qt::CaseInsensitive))
        text = text.mid(8);
    QByteArray hex;
    for (QChar c : text) {
        if (c == u':' || c == u' ')
            continue;
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
            return std::nullopt;
        hex.append(char(c.unicode()));
    }
    if (hex.size() != 64)
        return std::nullopt;
    return QByteArray::fromHex(hex);
}

} // namespace fumi::account
