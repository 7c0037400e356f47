// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/NeomuttRun.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

// For muttrc strings in double quotes.
QByteArray muttQuoted(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('\\', "\\\\").replace('"', "\\\"").replace('$', "\\$").replace('`', "\\`");
    return QByteArray('"' + bytes + '"');
}

// For the one shell command line that `script -c` takes.
QString shellQuoted(const QString &text)
{
    return QString(u'\'' + QString(text).replace(u"'"_s, u"'\\''"_s) + u'\'');
}

} // namespace

NeomuttRun::NeomuttRun(BenchServer server, QString directory)
    : m_server(std::move(server))
    , m_directory(std::move(directory))
{
}

QString NeomuttRun::program()
{
    return QStandardPaths::findExecutable(u"neomutt"_s);
}

qint64 NeomuttRun::headerCacheBytes() const
{
    qint64 bytes = 0;
    QDirIterator it(QDir(m_directory).filePath(u"hcache"_s), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
    }
    return bytes;
}

std::optional<NeomuttRun::Figures> NeomuttRun::run(bool headerCache, QString *error)
{
    const QString neomutt = program();
    const QString script = QStandardPaths::findExecutable(u"script"_s);
    if (neomutt.isEmpty() || script.isEmpty()) {
        *error = u"neomutt and script (util-linux) must be on PATH"_s;
        return std::nullopt;
    }
    const QDir dir(m_directory);
    if (!dir.mkpath(u"hcache"_s)) {
        *error = u"cannot create "_s + dir.filePath(u"hcache"_s);
        return std::nullopt;
    }
    const QString url = u"imaps://%1@%2:%3/"_s.arg(m_server.user, m_server.host).arg(m_server.port);
    QByteArray muttrc = "set folder=" + muttQuoted(url) + "\n"
        + "set spoolfile=" + muttQuoted(u"+"_s + m_server.mailbox) + "\n" + "set imap_user=" + muttQuoted(m_server.user)
        + "\n" + "set imap_pass=" + muttQuoted(m_server.password) + "\n" + "set ssl_force_tls=yes\n"
        + "set ssl_ca_certificates_file=" + muttQuoted(m_server.caPath) + "\n"
        + "set certificate_file=" + muttQuoted(dir.filePath(u"certificates"_s)) + "\n"
        + "set record=\"\" postponed=" + muttQuoted(u"+Drafts"_s) + "\n"
        + "set imap_check_subscribed=no mail_check_stats=no\n"
        // The number neomutt loaded, where the output can be searched for it.
        + "set status_format=\"fumibench-loaded:%m:\"\n"
        + "set quit=yes\n"
        // No pauses after informational messages: they would be counted as loading time.
        + "set sleep_time=0\n";
    if (headerCache)
        muttrc
            += "set header_cache=" + muttQuoted(dir.filePath(u"hcache"_s) + u'/') + "\nset header_cache_backend=lmdb\n";
    else
        muttrc += "unset header_cache\n";
    // Pushed keys are read only once the mailbox is open and its index drawn.
    muttrc += "push <quit>\n";
    const QString muttrcPath = dir.filePath(headerCache ? u"muttrc-warm"_s : u"muttrc-cold"_s);
    QFile file(muttrcPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(muttrc) != muttrc.size()) {
        *error = u"cannot write "_s + muttrcPath;
        return std::nullopt;
    }
    file.close();

    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_directory);
    environment.insert(u"TERM"_s, u"xterm"_s);
    environment.insert(u"COLUMNS"_s, u"160"_s);
    environment.insert(u"LINES"_s, u"50"_s);
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString command = shellQuoted(neomutt) + u" -n -F "_s + shellQuoted(muttrcPath);
    // stdin stays open and empty: neomutt reads only the pushed key.
    QElapsedTimer timer;
    timer.start();
    process.start(script, {u"-q"_s, u"-e"_s, u"-c"_s, command, u"/dev/null"_s});
    const int timeoutMs = 120000 + int(qMin<qsizetype>(m_server.messages, 10'000'000) / 10);
    if (!process.waitForStarted(10000) || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        *error = u"neomutt did not finish within %1 s (a prompt it waits for?); its screen ended with:\n%2"_s
                     .arg(timeoutMs / 1000)
                     .arg(QString::fromUtf8(process.readAll().right(1500)));
        return std::nullopt;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const QByteArray output = process.readAll();
    static const QRegularExpression loaded(u"fumibench-loaded:(\\d+):"_s);
    const auto match = loaded.match(QString::fromUtf8(output));
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0 || !match.hasMatch()) {
        *error
            = u"neomutt did not show the mailbox (exit code %1); its screen ended with:\n%2"_s.arg(process.exitCode())
                  .arg(QString::fromUtf8(output.right(1500)));
        return std::nullopt;
    }
    Figures figures{seconds, match.captured(1).toLongLong()};
    if (figures.messages != m_server.messages) {
        *error = u"neomutt loaded %1 messages, not %2"_s.arg(figures.messages).arg(m_server.messages);
        return std::nullopt;
    }
    return figures;
}

} // namespace fumi::cli
