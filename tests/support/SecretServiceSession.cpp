// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/SecretServiceSession.h"

#include "support/FixtureProcesses.h"
#include "support/RunProgram.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLibrary>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fumi::test {

namespace {

const auto dirPrefix = u"fumi-secrets-"_s;

// The keyring's own password: it only has to unlock a keyring that lives as long as the test.
const QByteArray keyringPassword = "fumi-test-keyring";

// A unix socket path has room for 107 bytes.
constexpr qsizetype maxSocketPathBytes = 100;

// Removed from the environment: with any of them QtKeychain might prefer KWallet to the Secret Service.
const char *const desktopVariables[] = {
    "XDG_CURRENT_DESKTOP",      "DESKTOP_SESSION",       "KDE_SESSION_VERSION",  "KDE_FULL_SESSION",
    "GNOME_DESKTOP_SESSION_ID", "GNOME_KEYRING_CONTROL", "DBUS_STARTER_ADDRESS", "DBUS_STARTER_BUS_TYPE",
};

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromLocal8Bit(file.readAll());
}

// The quoted values of dbus-send --print-reply output that follow `token`: `string "…"` or
// `object path "…"`, one a line. (dbus-send does not escape quotes inside, so the value runs to
// the last quote of its line; values with a line break in them are not supported.)
QStringList quotedValues(const QByteArray &reply, const QByteArray &token)
{
    QStringList values;
    const QByteArray marker = token + " \"";
    for (const QByteArray &line : reply.split('\n')) {
        const qsizetype start = line.indexOf(marker);
        const qsizetype end = line.lastIndexOf('"');
        if (start < 0 || end < start + marker.size())
            continue;
        values << QString::fromUtf8(line.mid(start + marker.size(), end - start - marker.size()));
    }
    return values;
}

// The few GIO functions applyToThisProcess() needs, resolved at run time: GIO is loaded anyway,
// by libsecret under QtKeychain, but the tests are not built against its headers.
struct GError {
    quint32 domain;
    int code;
    char *message;
};
struct Gio {
    void *(*busGetSync)(int busType, void *cancellable, GError **error) = nullptr;
    void (*setExitOnClose)(void *connection, int exitOnClose) = nullptr;
    const char *(*connectionGuid)(void *connection) = nullptr;
    void (*errorFree)(GError *error) = nullptr;
    void (*objectUnref)(void *object) = nullptr;

    [[nodiscard]] bool isLoaded() const
    {
        return busGetSync && setExitOnClose && connectionGuid && errorFree && objectUnref;
    }
};
constexpr int gBusTypeSession = 2; // G_BUS_TYPE_SESSION

const Gio &gio()
{
    static const Gio functions = [] {
        Gio loaded;
        QLibrary library(u"gio-2.0"_s, 0);
        if (!library.load())
            return loaded;
        loaded.busGetSync = reinterpret_cast<decltype(loaded.busGetSync)>(library.resolve("g_bus_get_sync"));
        loaded.setExitOnClose
            = reinterpret_cast<decltype(loaded.setExitOnClose)>(library.resolve("g_dbus_connection_set_exit_on_close"));
        loaded.connectionGuid
            = reinterpret_cast<decltype(loaded.connectionGuid)>(library.resolve("g_dbus_connection_get_guid"));
        loaded.errorFree = reinterpret_cast<decltype(loaded.errorFree)>(library.resolve("g_error_free"));
        loaded.objectUnref = reinterpret_cast<decltype(loaded.objectUnref)>(library.resolve("g_object_unref"));
        return loaded;
    }();
    return functions;
}

} // namespace

SecretServiceSession::SecretServiceSession(Provider provider)
    : m_provider(provider)
{
}

SecretServiceSession::~SecretServiceSession()
{
    stop();
}

QString SecretServiceSession::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QString SecretServiceSession::homeDirectory() const
{
    return m_dir ? QDir(m_dir->path()).filePath(u"home"_s) : QString();
}

bool SecretServiceSession::isRunning() const
{
    const auto running = [](const std::unique_ptr<QProcess> &process) {
        return process && process->state() == QProcess::Running;
    };
    return running(m_bus) && (m_provider == Provider::None || running(m_keyring));
}

QList<qint64> SecretServiceSession::processIds() const
{
    QList<qint64> pids;
    for (const auto *process : {m_bus.get(), m_keyring.get()}) {
        if (process && process->state() != QProcess::NotRunning)
            pids << process->processId();
    }
    return pids;
}

QString SecretServiceSession::logs() const
{
    QString text;
    for (const auto &name : {u"dbus-daemon.log"_s, u"gnome-keyring-daemon.log"_s}) {
        const QString content = readFile(QDir(directory()).filePath(name)).trimmed();
        if (!content.isEmpty())
            text += u'\n' + name + u":\n"_s + content.right(2000);
    }
    return text;
}

bool SecretServiceSession::fail(const QString &message)
{
    m_error = message + logs();
    stop();
    return false;
}

QProcessEnvironment SecretServiceSession::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!m_dir)
        return env;
    for (const char *name : desktopVariables)
        env.remove(QString::fromLatin1(name));
    const QDir dir(m_dir->path());
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, m_busAddress);
    env.insert(u"HOME"_s, dir.filePath(u"home"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
    env.insert(u"XDG_CACHE_HOME"_s, dir.filePath(u"cache"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, dir.filePath(u"runtime"_s));
    return env;
}

bool SecretServiceSession::start()
{
    stop();
    m_error.clear();
    m_dbusDaemon = findProgram(u"dbus-daemon"_s);
    m_dbusSend = findProgram(u"dbus-send"_s);
    if (m_dbusDaemon.isEmpty() || m_dbusSend.isEmpty())
        return fail(u"D-Bus is not installed: dbus-daemon and dbus-send must be on PATH"_s);
    if (m_provider == Provider::GnomeKeyring) {
        m_keyringDaemon = findProgram(u"gnome-keyring-daemon"_s);
        if (m_keyringDaemon.isEmpty())
            return fail(u"GNOME Keyring is not installed: gnome-keyring-daemon must be on PATH"_s);
    }
    if (!prepareDirectory() || !startBus())
        return fail(m_error);
    if (m_provider == Provider::GnomeKeyring && (!startKeyring() || !waitForSecretService()))
        return fail(m_error);
    return true;
}

bool SecretServiceSession::prepareDirectory()
{
    m_dir = makeFixtureDirectory(dirPrefix, &m_error);
    if (!m_dir)
        return false;
    QDir dir(m_dir->path());
    for (const auto &sub : {u"home"_s, u"config"_s, u"data"_s, u"cache"_s, u"runtime"_s}) {
        if (!dir.mkdir(sub)) {
            m_error = u"cannot create "_s + dir.filePath(sub);
            return false;
        }
    }
    // The XDG base directory specification asks this of XDG_RUNTIME_DIR, and GNOME Keyring checks.
    ::chmod(QFile::encodeName(dir.filePath(u"runtime"_s)).constData(), 0700);
    return true;
}

namespace {

// Starts a daemon in its own process group, killed by the kernel when this process dies.
bool launch(QProcess &process, const QString &program, const QStringList &arguments,
            const QProcessEnvironment &environment, const QString &logFile, QString *error)
{
    process.setProgram(program);
    process.setArguments(arguments);
    process.setProcessEnvironment(environment);
    process.setStandardErrorFile(logFile, QIODevice::Append);
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(1);
    });
    process.start();
    if (!process.waitForStarted(10000)) {
        *error = u"could not start %1: %2"_s.arg(program, process.errorString());
        return false;
    }
    return true;
}

} // namespace

bool SecretServiceSession::startBus()
{
    const QDir dir(m_dir->path());
    const QString socket = dir.filePath(u"bus"_s);
    if (QFile::encodeName(socket).size() > maxSocketPathBytes) {
        m_error
            = u"the bus socket path %1 is too long for a unix socket; set TMPDIR to a shorter directory"_s.arg(socket);
        return false;
    }
    // A session bus of our own: no service directories, so nothing is ever activated (not even
    // the system's gnome-keyring, which would then run with the real home directory).
    const QByteArray config = "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                              " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                              "<busconfig>\n"
                              "  <type>session</type>\n"
                              "  <listen>unix:path="
        + socket.toHtmlEscaped().toUtf8()
        + "</listen>\n"
          "  <auth>EXTERNAL</auth>\n"
          "  <policy context=\"default\">\n"
          "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
          "    <allow eavesdrop=\"true\"/>\n"
          "    <allow own=\"*\"/>\n"
          "  </policy>\n"
          "</busconfig>\n";
    QFile configFile(dir.filePath(u"bus.conf"_s));
    if (!configFile.open(QIODevice::WriteOnly) || configFile.write(config) != config.size()) {
        m_error = u"cannot write "_s + configFile.fileName();
        return false;
    }
    configFile.close();

    m_bus = std::make_unique<QProcess>();
    // It prints its address on stdout once it listens.
    if (!launch(*m_bus, m_dbusDaemon,
                {u"--config-file="_s + configFile.fileName(), u"--nofork"_s, u"--print-address=1"_s},
                QProcessEnvironment::systemEnvironment(), dir.filePath(u"dbus-daemon.log"_s), &m_error))
        return false;
    QDeadlineTimer deadline(20000);
    while (!m_bus->canReadLine() && m_bus->state() == QProcess::Running && !deadline.hasExpired())
        m_bus->waitForReadyRead(100);
    if (!m_bus->canReadLine()) {
        m_error = m_bus->state() == QProcess::Running ? u"dbus-daemon did not print its address within 20 s"_s
                                                      : u"dbus-daemon exited at start"_s;
        return false;
    }
    m_busAddress = QString::fromUtf8(m_bus->readLine()).trimmed();
    return true;
}

bool SecretServiceSession::startKeyring()
{
    m_keyring = std::make_unique<QProcess>();
    const QString log = QDir(m_dir->path()).filePath(u"gnome-keyring-daemon.log"_s);
    m_keyring->setStandardOutputFile(log, QIODevice::Append);
    if (!launch(*m_keyring, m_keyringDaemon, {u"--unlock"_s, u"--components=secrets"_s, u"--foreground"_s},
                environment(), log, &m_error))
        return false;
    // --unlock reads the password of the login keyring until end of file, and creates the
    // keyring with it when there is none.
    // No event loop runs while start() waits, so the password is written out here.
    m_keyring->write(keyringPassword);
    while (m_keyring->bytesToWrite() > 0) {
        if (!m_keyring->waitForBytesWritten(10000)) {
            m_error = u"could not hand gnome-keyring-daemon its password: "_s + m_keyring->errorString();
            return false;
        }
    }
    m_keyring->closeWriteChannel();
    return true;
}

std::optional<QByteArray> SecretServiceSession::busCall(const QStringList &arguments)
{
    QByteArray reply;
    if (!runProgram(m_dbusSend, QStringList{u"--bus="_s + m_busAddress, u"--print-reply"_s} + arguments, {}, &reply,
                    nullptr, &m_error))
        return std::nullopt;
    return reply;
}

bool SecretServiceSession::waitForSecretService()
{
    QDeadlineTimer deadline(20000);
    bool owned = false;
    while (!deadline.hasExpired()) {
        if (m_keyring->state() != QProcess::Running) {
            m_error = u"gnome-keyring-daemon exited at start"_s;
            return false;
        }
        if (!owned) {
            const auto reply = busCall({u"--dest=org.freedesktop.DBus"_s, u"/org/freedesktop/DBus"_s,
                                        u"org.freedesktop.DBus.NameHasOwner"_s, u"string:org.freedesktop.secrets"_s});
            owned = reply && reply->contains("boolean true");
        }
        // Owning the name comes before the login keyring is set up as the default collection,
        // where QtKeychain stores everything.
        if (owned) {
            const auto reply = busCall({u"--dest=org.freedesktop.secrets"_s, u"/org/freedesktop/secrets"_s,
                                        u"org.freedesktop.Secret.Service.ReadAlias"_s, u"string:default"_s});
            const QStringList paths = reply ? quotedValues(*reply, "object path") : QStringList();
            if (!paths.isEmpty() && paths.first() != u"/"_s)
                return true;
        }
        QThread::msleep(50);
    }
    m_error = owned ? u"the Secret Service has no default collection after 20 s"_s
                    : u"gnome-keyring-daemon did not take org.freedesktop.secrets on the bus within 20 s"_s;
    return false;
}

bool SecretServiceSession::applyToThisProcess()
{
    if (!m_dir) {
        m_error = u"the session is not started"_s;
        return false;
    }
    for (const char *name : desktopVariables)
        qunsetenv(name);
    const QProcessEnvironment env = environment();
    for (const auto &name : {u"DBUS_SESSION_BUS_ADDRESS"_s, u"HOME"_s, u"XDG_CONFIG_HOME"_s, u"XDG_DATA_HOME"_s,
                             u"XDG_CACHE_HOME"_s, u"XDG_RUNTIME_DIR"_s})
        qputenv(name.toLatin1().constData(), QFile::encodeName(env.value(name)));

    // GIO ends the process with SIGTERM when the bus of a session bus connection goes away while
    // the connection is open, unless told not to; libsecret keeps its connection open for good.
    // Taking GIO's shared session connection here makes it the connection to this bus, turns that
    // off, and shows whether some earlier code connected this process to another bus already.
    const Gio &functions = gio();
    if (!functions.isLoaded())
        return true; // no GIO, so no libsecret: QtKeychain uses Qt D-Bus, which reads the variables
    if (m_gioConnection)
        return true;
    GError *error = nullptr;
    void *connection = functions.busGetSync(gBusTypeSession, nullptr, &error);
    if (!connection) {
        m_error = u"GIO cannot connect to the session bus: "_s
            + (error ? QString::fromUtf8(error->message) : u"no reason given"_s);
        if (error)
            functions.errorFree(error);
        return false;
    }
    functions.setExitOnClose(connection, 0);
    const QString guid = QString::fromLatin1(functions.connectionGuid(connection));
    if (!m_busAddress.contains(u"guid="_s + guid)) {
        functions.objectUnref(connection);
        m_error = u"this process was already connected to another session bus (%1) before applyToThisProcess(); "
                  "QtKeychain would use that one"_s.arg(guid);
        return false;
    }
    m_gioConnection = connection;
    return true;
}

std::optional<QList<SecretServiceSession::Item>> SecretServiceSession::items()
{
    if (!isRunning() || m_provider != Provider::GnomeKeyring) {
        m_error = u"the Secret Service is not running"_s;
        return std::nullopt;
    }
    const QStringList secrets{u"--dest=org.freedesktop.secrets"_s};
    // Both the unlocked and the locked items.
    const auto found
        = busCall(secrets
                  + QStringList{u"/org/freedesktop/secrets"_s, u"org.freedesktop.Secret.Service.SearchItems"_s,
                                u"dict:string:string:"_s});
    if (!found)
        return std::nullopt;
    QList<Item> items;
    for (const QString &path : quotedValues(*found, "object path")) {
        Item item;
        item.path = path;
        const auto label = busCall(secrets
                                   + QStringList{path, u"org.freedesktop.DBus.Properties.Get"_s,
                                                 u"string:org.freedesktop.Secret.Item"_s, u"string:Label"_s});
        const auto attributes = busCall(secrets
                                        + QStringList{path, u"org.freedesktop.DBus.Properties.Get"_s,
                                                      u"string:org.freedesktop.Secret.Item"_s, u"string:Attributes"_s});
        if (!label || !attributes)
            return std::nullopt;
        item.label = quotedValues(*label, "string").value(0);
        const QStringList pairs = quotedValues(*attributes, "string");
        for (qsizetype i = 0; i + 1 < pairs.size(); i += 2)
            item.attributes.insert(pairs[i], pairs[i + 1]);
        items << item;
    }
    return items;
}

void SecretServiceSession::stop()
{
    // The keyring first, so that it does not see its bus vanish under it. A polite SIGTERM, then
    // SIGKILL for the whole group.
    for (auto *process : {m_keyring.get(), m_bus.get()}) {
        if (!process || process->state() == QProcess::NotRunning)
            continue;
        const auto group = pid_t(process->processId());
        ::kill(-group, SIGTERM);
        if (!process->waitForFinished(2000)) {
            ::kill(-group, SIGKILL);
            process->waitForFinished(5000);
        }
        QDeadlineTimer deadline(5000);
        while (processGroupExists(group) && !deadline.hasExpired()) {
            ::kill(-group, SIGKILL);
            QThread::msleep(10);
        }
    }
    m_keyring.reset();
    m_bus.reset();
    if (m_gioConnection) {
        gio().objectUnref(m_gioConnection);
        m_gioConnection = nullptr;
    }
    m_busAddress.clear();
    m_dir.reset();
}

} // namespace fumi::test
