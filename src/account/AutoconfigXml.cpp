// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/AutoconfigXml.h"

#include "account/HostName.h"

#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

using Position = AutoconfigXml::Position;

// Just after what the reader consumed last: the end of the element's start tag, or the place
// where an error was found. QXmlStreamReader counts columns from 0; editors count from 1.
Position positionOf(const QXmlStreamReader &reader)
{
    return {reader.lineNumber(), reader.columnNumber() + 1, reader.characterOffset()};
}

struct Placeholders {
    QString address;
    QString localPart;
    QString domain;

    explicit Placeholders(const QString &emailAddress)
        : address(emailAddress)
    {
        const qsizetype at = emailAddress.lastIndexOf(u'@');
        localPart = at < 0 ? emailAddress : emailAddress.left(at);
        domain = at < 0 ? QString() : emailAddress.mid(at + 1);
    }

    [[nodiscard]] QString substitute(QString text) const
    {
        // The address may itself hold '%' (a local part may), so the template is read once,
        // left to right, and nothing that was put in is read again.
        QString result;
        qsizetype i = 0;
        while (i < text.size()) {
            const qsizetype start = text.indexOf(u'%', i);
            if (start < 0)
                break;
            result += QStringView(text).mid(i, start - i);
            const QStringView rest = QStringView(text).mid(start);
            if (rest.startsWith(u"%EMAILADDRESS%")) {
                result += address;
                i = start + 14;
            } else if (rest.startsWith(u"%EMAILLOCALPART%")) {
                result += localPart;
                i = start + 16;
            } else if (rest.startsWith(u"%EMAILDOMAIN%")) {
                result += domain;
                i = start + 13;
            } else {
                result += u'%';
                i = start + 1;
            }
        }
        result += QStringView(text).mid(i);
        return result;
    }
};

class Reader
{
public:
    Reader(const QByteArray &document, const QString &emailAddress, ServerCandidate::Source source)
        : m_reader(document)
        , m_placeholders(emailAddress)
        , m_source(source)
    {
    }

    AutoconfigXml::Result read()
    {
        if (!readRoot())
            return std::move(m_result);
        // The rest of the document must be well-formed too: a file cut short after </clientConfig>
        // or followed by garbage is not the provider's file.
        while (!m_reader.atEnd())
            m_reader.readNext();
        if (m_reader.hasError())
            fail(m_reader.errorString());
        return std::move(m_result);
    }

private:
    void fail(const QString &message) { fail(positionOf(m_reader), message); }
    void fail(const Position &position, const QString &message)
    {
        if (!m_result.error.isEmpty())
            return;
        m_result.error = message;
        m_result.errorPosition = position;
        m_result.imap.clear();
        m_result.smtp.clear();
    }
    void warn(const Position &position, const QString &message) { m_result.warnings.append({position, message}); }

    bool readRoot()
    {
        while (!m_reader.atEnd()) {
            switch (m_reader.readNext()) {
            case QXmlStreamReader::DTD:
                // No provider needs one, and refusing it leaves no room for entity tricks.
                fail(u"a document type declaration is not allowed"_s);
                return false;
            case QXmlStreamReader::StartElement:
                return readClientConfig();
            default:
                break;
            }
        }
        fail(m_reader.hasError() ? m_reader.errorString() : u"the document is empty"_s);
        return false;
    }

    bool readClientConfig()
    {
        if (m_reader.name() != u"clientConfig") {
            fail(u"the document is a <%1>, not a <clientConfig>"_s.arg(m_reader.name()));
            return false;
        }
        const QStringView version = m_reader.attributes().value(u"version");
        if (!version.isEmpty() && !version.startsWith(u"1.")) {
            fail(u"clientConfig version %1 is not supported (1.1 is)"_s.arg(version));
            return false;
        }
        bool sawProvider = false;
        while (m_reader.readNextStartElement()) {
            if (m_reader.name() == u"emailProvider" && !sawProvider) {
                sawProvider = true;
                readEmailProvider();
            } else {
                m_reader.skipCurrentElement();
            }
        }
        if (m_reader.hasError()) {
            fail(m_reader.errorString());
            return false;
        }
        if (!sawProvider) {
            fail(u"the <clientConfig> holds no <emailProvider>"_s);
            return false;
        }
        return true;
    }

    void readEmailProvider()
    {
        while (m_reader.readNextStartElement()) {
            const QStringView name = m_reader.name();
            if (name == u"domain") {
                const QString domain = m_placeholders.substitute(text());
                if (!domain.isEmpty())
                    m_result.domains << domain;
            } else if (name == u"displayName" && m_result.displayName.isEmpty()) {
                m_result.displayName = m_placeholders.substitute(text());
            } else if (name == u"displayShortName" && m_result.displayShortName.isEmpty()) {
                m_result.displayShortName = m_placeholders.substitute(text());
            } else if (name == u"incomingServer" && m_reader.attributes().value(u"type") == u"imap") {
                readServer(Protocol::Imap);
            } else if (name == u"outgoingServer" && m_reader.attributes().value(u"type") == u"smtp") {
                readServer(Protocol::Submission);
            } else {
                m_reader.skipCurrentElement(); // pop3, exchange, documentation, webMail...
            }
        }
    }

    void readServer(Protocol protocol)
    {
        const Position position = positionOf(m_reader);
        const QString element = m_reader.name().toString();
        QString hostname;
        QString port;
        QString socketType;
        QString username;
        QList<ServerCandidate::AuthMethod> methods;
        while (m_reader.readNextStartElement()) {
            const QStringView name = m_reader.name();
            if (name == u"hostname") {
                hostname = text();
            } else if (name == u"port") {
                port = text();
            } else if (name == u"socketType") {
                socketType = text();
            } else if (name == u"username") {
                username = text();
            } else if (name == u"authentication") {
                const Position at = positionOf(m_reader);
                const QString kind = text();
                if (const auto method = ServerCandidate::authMethodFromName(kind)) {
                    if (!methods.contains(*method))
                        methods << *method;
                } else if (!m_reader.hasError()) {
                    warn(at, u"authentication \"%1\" is not known; left out"_s.arg(kind));
                }
            } else {
                m_reader.skipCurrentElement(); // password, useGlobalPreferredServer, pop3...
            }
        }
        if (m_reader.hasError())
            return;

        const auto skip = [&](const QString &why) {
            warn(position, u"<%1> left out: %2"_s.arg(element, why));
        };
        ServerCandidate candidate;
        candidate.protocol = protocol;
        candidate.source = m_source;
        candidate.verified = true;
        candidate.authMethods = methods;
        candidate.login = m_placeholders.substitute(username);

        const QString host = m_placeholders.substitute(hostname);
        const auto normalized = normalizeHostName(host);
        if (!normalized) {
            skip(host.isEmpty() ? u"no <hostname>"_s : u"\"%1\" is not a host name"_s.arg(host));
            return;
        }
        candidate.host = *normalized;

        bool portOk = false;
        const uint number = port.toUInt(&portOk);
        if (!portOk || number == 0 || number > 65535) {
            skip(port.isEmpty() ? u"no <port>"_s : u"\"%1\" is not a port"_s.arg(port));
            return;
        }
        candidate.port = quint16(number);

        if (socketType.compare(u"SSL", Qt::CaseInsensitive) == 0) {
            candidate.security = Security::Tls;
        } else if (socketType.compare(u"STARTTLS", Qt::CaseInsensitive) == 0) {
            candidate.security = Security::StartTls;
        } else if (socketType.compare(u"plain", Qt::CaseInsensitive) == 0) {
            candidate.security = Security::Plain;
        } else {
            skip(socketType.isEmpty() ? u"no <socketType>"_s
                                      : u"socket type \"%1\" is not SSL, STARTTLS or plain"_s.arg(socketType));
            return;
        }
        (protocol == Protocol::Imap ? m_result.imap : m_result.smtp).append(candidate);
    }

    // The trimmed text of a leaf element. An element inside it is a reader error, which ends
    // the parse: the file does not have the shape the format gives it.
    QString text() { return m_reader.readElementText().trimmed(); }

    QXmlStreamReader m_reader;
    Placeholders m_placeholders;
    ServerCandidate::Source m_source;
    AutoconfigXml::Result m_result;
};

} // namespace

AutoconfigXml::Result AutoconfigXml::parse(const QByteArray &document, const QString &emailAddress,
                                           ServerCandidate::Source source)
{
    return Reader(document, emailAddress, source).read();
}

QString AutoconfigXml::describe(const Position &position)
{
    return u"line %1, column %2"_s.arg(position.line).arg(position.column);
}

QString AutoconfigXml::Result::errorString() const
{
    return error.isEmpty() ? QString() : describe(errorPosition) + u": "_s + error;
}

} // namespace fumi::account
