// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/ImapTranscript.h"

namespace fumi::test {

ImapTranscript::ImapTranscript(const QByteArray &capabilities)
{
    m_steps << QByteArray("S: * OK [CAPABILITY " + capabilities + "] scripted server ready");
    const QByteArray login = command(QByteArray("AUTHENTICATE PLAIN " + QByteArray("\0alice\0secret", 13).toBase64()));
    reply({QByteArray(login + " OK [CAPABILITY " + capabilities + "] logged in")});
    if (capabilities.split(' ').contains("QRESYNC")) {
        const QByteArray enable = command("ENABLE QRESYNC");
        reply({"* ENABLED QRESYNC", QByteArray(enable + " OK enabled")});
    }
}

QByteArray ImapTranscript::command(const QByteArray &text)
{
    const QByteArray tag = "f" + QByteArray::number(++m_tags);
    m_steps << QByteArray("C: " + tag + ' ' + text);
    return tag;
}

void ImapTranscript::line(const QByteArray &text)
{
    m_steps << QByteArray("C: " + text);
}

void ImapTranscript::reply(const QByteArrayList &lines)
{
    m_steps << QByteArray("S: " + lines.join("\r\n"));
}

void ImapTranscript::close()
{
    m_steps << QByteArray("CLOSE");
}

} // namespace fumi::test
