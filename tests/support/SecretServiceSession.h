// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>

#include <memory>
#include <optional>

class QProcess;
class QTemporaryDir;

namespace fumi::test {

// A private D-Bus session bus with a real GNOME Keyring Secret Service on it, for tests of the
// keychain: nothing they write reaches the user's own keyring.
//
// start() makes one temporary directory (the home directory, XDG_CONFIG_HOME, XDG_DATA_HOME,
// XDG_CACHE_HOME and a 0700 XDG_RUNTIME_DIR all live in it), starts `dbus-daemon` on a socket
// there, with a configuration that activates no services, and starts `gnome-keyring-daemon
// --unlock --components=secrets --foreground`, which creates an unlocked "login" keyring (the
// default collection) from a password fed to it on stdin. It returns once
// org.freedesktop.secrets is owned on the bus and the default collection exists. With
// Provider::None only the bus is started: a session bus on which no keychain answers.
//
// environment() is what a child process needs to use it (DBUS_SESSION_BUS_ADDRESS, HOME and the
// XDG variables; the desktop variables by which QtKeychain would pick KWallet are removed).
// applyToThisProcess() puts the same into this process, and must be called before the process
// first uses QtKeychain or GIO's session bus, because both keep the first bus they connect to for
// the life of the process. So one test process uses at most one session itself; child processes
// can use others.
//
// Nothing outlives the fixture: stop() and the destructor kill both daemons' process groups and
// remove the directory; if the test process dies first, even by SIGKILL, the kernel kills the
// daemons (PR_SET_PDEATHSIG), and the next fixture to start removes directories whose process is
// gone.
class SecretServiceSession
{
public:
    enum class Provider { GnomeKeyring, None };

    explicit SecretServiceSession(Provider provider = Provider::GnomeKeyring);
    ~SecretServiceSession();
    SecretServiceSession(const SecretServiceSession &) = delete;
    SecretServiceSession &operator=(const SecretServiceSession &) = delete;

    // On failure returns false, and errorString() says why, with what the daemons printed.
    [[nodiscard]] bool start();
    void stop();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] QString errorString() const { return m_error; }

    [[nodiscard]] QProcessEnvironment environment() const;
    // Sets environment() in this process (qputenv), and keeps GIO from ending the process with
    // SIGTERM when stop() takes the bus away (which GIO does to a session bus connection that
    // libsecret still holds). False, with errorString(), when GIO in this process is already
    // connected to another bus: QtKeychain would then use that one, perhaps the user's own.
    [[nodiscard]] bool applyToThisProcess();

    [[nodiscard]] QString busAddress() const { return m_busAddress; }
    [[nodiscard]] QString directory() const; // the temporary directory holding everything
    [[nodiscard]] QString homeDirectory() const;
    // The process ids of the daemons, each the leader of its own process group.
    [[nodiscard]] QList<qint64> processIds() const;

    // What the keychain holds: every item of every collection, by its label and attributes
    // (QtKeychain stores "server" = the service name and "user" = the key). Secrets themselves
    // are not listed: reading one takes a Secret Service session on the reader's own bus
    // connection, which dbus-send cannot keep across calls. Nothing when it could not be listed,
    // and errorString() says why.
    struct Item {
        QString path;
        QString label;
        QMap<QString, QString> attributes;
    };
    [[nodiscard]] std::optional<QList<Item>> items();

private:
    bool prepareDirectory();
    bool startBus();
    bool startKeyring();
    bool waitForSecretService();
    std::optional<QByteArray> busCall(const QStringList &arguments);
    bool fail(const QString &message);
    QString logs() const;

    Provider m_provider;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_bus;
    std::unique_ptr<QProcess> m_keyring;
    QString m_dbusDaemon;
    QString m_dbusSend;
    QString m_keyringDaemon;
    QString m_busAddress;
    QString m_error;
    void *m_gioConnection = nullptr; // GDBusConnection *, held by applyToThisProcess()
};

} // namespace fumi::test
