// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/KeychainCredentialStore.h"

#include "account/Logging.h"

#include <QCoreApplication>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

// The texts of the file under the class's context, also those of the helpers below: lupdate gives a
// free tr() at namespace scope the namespace's context, which no translator would look up.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(fumi::account::KeychainCredentialStore)
};

QString secretName(CredentialStore::Secret secret)
{
    return secret == CredentialStore::Secret::Password ? Text::tr("password") : Text::tr("OAuth refresh token");
}

// What QtKeychain, libsecret and GDBus say when there is no session bus, or no keychain service
// on it. libsecret's D-Bus errors reach QtKeychain only as OtherError with GLib's message, and
// QtKeychain's KWallet code reports a missing kwalletd as OtherError too when writing, so the text
// is all there is to go by. (GLib's messages are in English unless a translation is installed; a
// translated one ends up as Error::Other, with its text shown all the same.)
bool meansNoKeychainService(const QString &message)
{
    static const QLatin1StringView signs[] = {
        // The Secret Service's or KWallet's name is not owned and cannot be activated.
        "org.freedesktop.DBus.Error.ServiceUnknown"_L1,
        "org.freedesktop.DBus.Error.NameHasNoOwner"_L1,
        "org.freedesktop.secrets was not provided"_L1,
        "was not provided by any .service files"_L1,
        "No keychain service available"_L1,
        "No keyring daemon"_L1,
        // No session bus at all.
        "org.freedesktop.DBus.Error.NoServer"_L1,
        "D-Bus is not running"_L1,
        "Could not connect:"_L1,
        "Cannot autolaunch D-Bus"_L1,
        "Cannot spawn a message bus"_L1,
        "Cannot determine session bus address"_L1,
        "DBUS_SESSION_BUS_ADDRESS"_L1,
        // The bus went away under us.
        "org.freedesktop.DBus.Error.Disconnected"_L1,
        "The connection is closed"_L1,
    };
    for (QLatin1StringView sign : signs) {
        if (message.contains(sign))
            return true;
    }
    return false;
}

QString noKeychainExplanation()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    return Text::tr("No keychain is available: Fumi stores passwords only in a keychain and needs a Secret Service "
                    "provider (GNOME Keyring, KeePassXC) or KWallet on the D-Bus session bus. Start or install one, "
                    "or use a password command instead.");
#else
    return Text::tr("No keychain is available: Fumi stores passwords only in the system keychain. Use a password "
                    "command instead.");
#endif
}

// " The keychain said: …", or nothing.
QString saying(const QString &keychainMessage)
{
    const QString text = keychainMessage.trimmed();
    if (text.isEmpty())
        return QString();
    return u' ' + Text::tr("The keychain said: %1").arg(text);
}

void answer(const QPointer<QObject> &context, const CredentialStore::Callback &callback, CredentialStore::Result result)
{
    if (!context)
        return;
    QMetaObject::invokeMethod(
        context.data(),
        [callback, result = std::move(result)] {
            callback(result);
        },
        Qt::QueuedConnection);
}

template <typename Job>
Job *newJob(const QString &service, const QString &key)
{
    auto *job = new Job(service);
    job->setAutoDelete(true);
    // Never a settings file with the secret in it, whatever the keychain does.
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

KeychainCredentialStore::KeychainCredentialStore(QString service)
    : m_service(std::move(service))
{
}

CredentialStore::Result KeychainCredentialStore::resultOf(QKeychain::Error error, const QString &keychainMessage,
                                                          Secret secret)
{
    switch (error) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return {
            Error::NotFound, Text::tr("No %1 is stored in the keychain for this account.").arg(secretName(secret)), {}};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {Error::AccessDenied,
                Text::tr("The keychain did not give access to the %1: it stayed locked, or access was refused.")
                        .arg(secretName(secret))
                    + saying(keychainMessage),
                {}};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {Error::NoKeychain, noKeychainExplanation() + saying(keychainMessage), {}};
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    if (meansNoKeychainService(keychainMessage))
        return {Error::NoKeychain, noKeychainExplanation() + saying(keychainMessage), {}};
    return {Error::Other,
            Text::tr("The keychain failed with the %1.").arg(secretName(secret)) + saying(keychainMessage),
            {}};
}

void KeychainCredentialStore::read(const QString &accountId, Secret secret, QObject *context, Callback callback)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, key(accountId, secret));
    QObject::connect(
        job, &QKeychain::Job::finished, job,
        [guard = QPointer<QObject>(context), callback = std::move(callback), secret](QKeychain::Job *done) {
            Result result = resultOf(done->error(), done->errorString(), secret);
            if (result.ok())
                result.value = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
            else if (result.error != Error::NotFound)
                qCWarning(lcAccount).noquote() << "keychain read of" << done->key() << "failed:" << result.message;
            answer(guard, callback, std::move(result));
        });
    job->start();
}

void KeychainCredentialStore::write(const QString &accountId, Secret secret, const QString &value, QObject *context,
                                    Callback callback)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, key(accountId, secret));
    job->setTextData(value);
    QObject::connect(
        job, &QKeychain::Job::finished, job,
        [guard = QPointer<QObject>(context), callback = std::move(callback), secret](QKeychain::Job *done) {
            Result result = resultOf(done->error(), done->errorString(), secret);
            if (!result.ok())
                qCWarning(lcAccount).noquote() << "keychain write of" << done->key() << "failed:" << result.message;
            answer(guard, callback, std::move(result));
        });
    job->start();
}

void KeychainCredentialStore::remove(const QString &accountId, Secret secret, QObject *context, Callback callback)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, key(accountId, secret));
    QObject::connect(
        job, &QKeychain::Job::finished, job,
        [guard = QPointer<QObject>(context), callback = std::move(callback), secret](QKeychain::Job *done) {
            Result result = resultOf(done->error(), done->errorString(), secret);
            // Nothing stored is what remove() was asked for.
            if (result.error == Error::NotFound)
                result = {};
            if (!result.ok())
                qCWarning(lcAccount).noquote() << "keychain removal of" << done->key() << "failed:" << result.message;
            answer(guard, callback, std::move(result));
        });
    job->start();
}

} // namespace fumi::account
