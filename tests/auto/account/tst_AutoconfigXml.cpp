// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// AutoconfigXml: what a provider's clientConfig file yields, placeholders, and the position of
// every error and left-out entry.

#include "account/AutoconfigXml.h"
#include "support/TestData.h"

#include <QFile>
#include <QTest>

using namespace fumi::account;
using namespace fumi::test;
using namespace Qt::StringLiterals;

using Source = ServerCandidate::Source;
using Auth = ServerCandidate::AuthMethod;

namespace {

QByteArray dataFile(const QString &name)
{
    return readTestData(u"autoconfig/"_s + name);
}

// One line per server, every field the parser sets, so a comparison shows what differs.
QString dump(const ServerCandidate &c)
{
    QStringList methods;
    for (Auth method : c.authMethods)
        methods << ServerCandidate::authMethodName(method);
    return u"%1 %2:%3 %4 login=%5 auth=%6 %7%8"_s.arg(ServerCandidate::protocolName(c.protocol), c.host)
        .arg(c.port)
        .arg(securityName(c.security), c.login, methods.join(u','), ServerCandidate::sourceName(c.source),
             c.verified ? QString() : u" unverified"_s);
}

QStringList dump(const QList<ServerCandidate> &candidates)
{
    QStringList lines;
    for (const ServerCandidate &candidate : candidates)
        lines << dump(candidate);
    return lines;
}

// A clientConfig document around the given servers, the first server on line 4.
QByteArray document(const QByteArray &servers)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<clientConfig version=\"1.1\">\n"
           "<emailProvider id=\"example.test\">\n"
        + servers
        + "</emailProvider>\n"
          "</clientConfig>\n";
}

QByteArray imapServer(const QByteArray &hostname, const QByteArray &port, const QByteArray &socketType,
                      const QByteArray &username, const QByteArray &extra = {})
{
    return "<incomingServer type=\"imap\"><hostname>" + hostname + "</hostname><port>" + port + "</port><socketType>"
        + socketType + "</socketType><username>" + username + "</username>" + extra + "</incomingServer>\n";
}

} // namespace

class TestAutoconfigXml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void providerFile();
    void sourceIsRecorded();
    void placeholders_data();
    void placeholders();
    void placeholdersInTheSmallHostersFile();
    void socketTypes_data();
    void socketTypes();
    void authentication_data();
    void authentication();
    void unknownElementsAreSkipped_data();
    void unknownElementsAreSkipped();
    void errors_data();
    void errors();
    void badEntriesAreLeftOutWithTheirLine();
};

void TestAutoconfigXml::providerFile()
{
    const AutoconfigXml::Result result = AutoconfigXml::parse(dataFile(u"example.test.xml"_s), u"alice@example.test"_s);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result.displayName, u"Example Mail"_s);
    QCOMPARE(result.displayShortName, u"Example"_s);
    QCOMPARE(result.domains, QStringList({u"example.test"_s, u"mail.example.test"_s}));
    // POP3 is skipped; the order is the file's.
    QCOMPARE(
        dump(result.imap),
        QStringList({
            u"imap imap.example.test:993 tls login=alice@example.test auth=OAuth2,password-cleartext autoconfig"_s,
            u"imap imap.example.test:143 starttls login=alice@example.test auth=OAuth2,password-cleartext autoconfig"_s,
        }));
    QCOMPARE(
        dump(result.smtp),
        QStringList({
            u"smtp smtp.example.test:465 tls login=alice@example.test auth=OAuth2,password-cleartext autoconfig"_s,
            u"smtp smtp.example.test:587 starttls login=alice@example.test auth=OAuth2,password-cleartext autoconfig"_s,
        }));
    QVERIFY(result.warnings.isEmpty());
}

void TestAutoconfigXml::sourceIsRecorded()
{
    const AutoconfigXml::Result result
        = AutoconfigXml::parse(dataFile(u"example.test.xml"_s), u"alice@example.test"_s, Source::WellKnown);
    QVERIFY(result.ok());
    QCOMPARE(result.imap.size(), 2);
    for (const ServerCandidate &candidate : result.imap + result.smtp) {
        QCOMPARE(candidate.source, Source::WellKnown);
        QVERIFY(candidate.verified);
    }
}

void TestAutoconfigXml::placeholders_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QByteArray>("hostname");
    QTest::addColumn<QByteArray>("username");
    QTest::addColumn<QString>("expectedHost");
    QTest::addColumn<QString>("expectedLogin");

    QTest::newRow("email-address") << u"alice@example.test"_s << QByteArray("imap.example.test")
                                   << QByteArray("%EMAILADDRESS%") << u"imap.example.test"_s << u"alice@example.test"_s;
    QTest::newRow("local-part") << u"alice@example.test"_s << QByteArray("imap.example.test")
                                << QByteArray("%EMAILLOCALPART%") << u"imap.example.test"_s << u"alice"_s;
    QTest::newRow("domain-in-host-name") << u"alice@example.test"_s << QByteArray("mail.%EMAILDOMAIN%")
                                         << QByteArray("%EMAILADDRESS%") << u"mail.example.test"_s
                                         << u"alice@example.test"_s;
    QTest::newRow("several-in-one") << u"alice@example.test"_s << QByteArray("imap.example.test")
                                    << QByteArray("%EMAILLOCALPART%+mail@%EMAILDOMAIN%") << u"imap.example.test"_s
                                    << u"alice+mail@example.test"_s;
    // The local part may hold '%': what was put in is not expanded again.
    QTest::newRow("placeholder-text-inside-the-address")
        << u"a%EMAILDOMAIN%b@example.test"_s << QByteArray("imap.example.test") << QByteArray("%EMAILADDRESS%")
        << u"imap.example.test"_s << u"a%EMAILDOMAIN%b@example.test"_s;
    QTest::newRow("unknown-placeholder-is-kept")
        << u"alice@example.test"_s << QByteArray("imap.example.test") << QByteArray("%REALNAME%")
        << u"imap.example.test"_s << u"%REALNAME%"_s;
    QTest::newRow("lone-percent") << u"alice@example.test"_s << QByteArray("imap.example.test") << QByteArray("100%")
                                  << u"imap.example.test"_s << u"100%"_s;
    QTest::newRow("fixed-login") << u"alice@example.test"_s << QByteArray("imap.example.test")
                                 << QByteArray("shared-box") << u"imap.example.test"_s << u"shared-box"_s;
    QTest::newRow("whitespace-around-values")
        << u"alice@example.test"_s << QByteArray("\n  imap.example.test  ") << QByteArray("  %EMAILADDRESS%\n")
        << u"imap.example.test"_s << u"alice@example.test"_s;
    QTest::newRow("host-name-lower-cased")
        << u"alice@example.test"_s << QByteArray("IMAP.Example.TEST.") << QByteArray("%EMAILADDRESS%")
        << u"imap.example.test"_s << u"alice@example.test"_s;
    QTest::newRow("case-of-the-address-kept")
        << u"Alice@Example.test"_s << QByteArray("mail.%EMAILDOMAIN%") << QByteArray("%EMAILADDRESS%")
        << u"mail.example.test"_s << u"Alice@Example.test"_s;
    QTest::newRow("quoted-local-part-with-at")
        << u"\"a@b\"@example.test"_s << QByteArray("mail.%EMAILDOMAIN%") << QByteArray("%EMAILLOCALPART%")
        << u"mail.example.test"_s << u"\"a@b\""_s;
}

void TestAutoconfigXml::placeholders()
{
    QFETCH(QString, address);
    QFETCH(QByteArray, hostname);
    QFETCH(QByteArray, username);
    QFETCH(QString, expectedHost);
    QFETCH(QString, expectedLogin);

    const AutoconfigXml::Result result
        = AutoconfigXml::parse(document(imapServer(hostname, "993", "SSL", username)), address);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result.imap.size(), 1);
    QCOMPARE(result.imap.first().host, expectedHost);
    QCOMPARE(result.imap.first().login, expectedLogin);
}

void TestAutoconfigXml::placeholdersInTheSmallHostersFile()
{
    const AutoconfigXml::Result result = AutoconfigXml::parse(dataFile(u"local-parts.xml"_s), u"bob@hoster.test"_s);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result.displayName, u"hoster.test mail"_s);
    QCOMPARE(result.domains, QStringList{u"hoster.test"_s});
    // The parser reports plain text as the file states it; discovery decides what to offer.
    QCOMPARE(dump(result.imap),
             QStringList({
                 u"imap mail.hoster.test:993 tls login=bob auth=password-cleartext,password-encrypted autoconfig"_s,
                 u"imap 127.0.0.1:1143 plain login=bob auth=password-cleartext autoconfig"_s,
                 u"imap legacy.hoster.test:143 plain login=bob auth=password-cleartext autoconfig"_s,
             }));
    QCOMPARE(
        dump(result.smtp),
        QStringList{u"smtp mail.hoster.test:587 starttls login=bob@hoster.test auth=password-encrypted autoconfig"_s});
}

void TestAutoconfigXml::socketTypes_data()
{
    QTest::addColumn<QByteArray>("socketType");
    QTest::addColumn<Security>("expected");

    QTest::newRow("SSL") << QByteArray("SSL") << Security::Tls;
    QTest::newRow("ssl-lower-case") << QByteArray("ssl") << Security::Tls;
    QTest::newRow("STARTTLS") << QByteArray("STARTTLS") << Security::StartTls;
    QTest::newRow("starttls-lower-case") << QByteArray("starttls") << Security::StartTls;
    QTest::newRow("plain") << QByteArray("plain") << Security::Plain;
}

void TestAutoconfigXml::socketTypes()
{
    QFETCH(QByteArray, socketType);
    QFETCH(Security, expected);

    const AutoconfigXml::Result result
        = AutoconfigXml::parse(document(imapServer("imap.example.test", "993", socketType, "x")), u"a@example.test"_s);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result.imap.size(), 1);
    QCOMPARE(result.imap.first().security, expected);
}

void TestAutoconfigXml::authentication_data()
{
    QTest::addColumn<QByteArrayList>("names");
    QTest::addColumn<QList<Auth>>("expected");
    QTest::addColumn<int>("warnings");

    QTest::newRow("oauth2-then-password")
        << QByteArrayList{"OAuth2", "password-cleartext"} << QList<Auth>{Auth::OAuth2, Auth::PasswordCleartext} << 0;
    QTest::newRow("case-insensitive") << QByteArrayList{"oauth2", "PASSWORD-ENCRYPTED"}
                                      << QList<Auth>{Auth::OAuth2, Auth::PasswordEncrypted} << 0;
    QTest::newRow("old-names") << QByteArrayList{"plain", "secure"}
                               << QList<Auth>{Auth::PasswordCleartext, Auth::PasswordEncrypted} << 0;
    QTest::newRow("every-kind") << QByteArrayList{"NTLM", "GSSAPI", "TLS-client-cert", "client-IP-address", "none"}
                                << QList<Auth>{Auth::Ntlm, Auth::Gssapi, Auth::ClientCertificate, Auth::ClientIpAddress,
                                               Auth::None}
                                << 0;
    QTest::newRow("duplicates-collapse") << QByteArrayList{"password-cleartext", "plain"}
                                         << QList<Auth>{Auth::PasswordCleartext} << 0;
    QTest::newRow("unknown-is-left-out-with-a-warning")
        << QByteArrayList{"smtp-after-pop", "OAuth2"} << QList<Auth>{Auth::OAuth2} << 1;
    QTest::newRow("none-stated") << QByteArrayList{} << QList<Auth>{} << 0;
}

void TestAutoconfigXml::authentication()
{
    QFETCH(QByteArrayList, names);
    QFETCH(QList<Auth>, expected);
    QFETCH(int, warnings);

    QByteArray elements;
    for (const QByteArray &name : names)
        elements += "<authentication>" + name + "</authentication>";
    const AutoconfigXml::Result result = AutoconfigXml::parse(
        document(imapServer("imap.example.test", "993", "SSL", "x", elements)), u"a@example.test"_s);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result.imap.size(), 1);
    QCOMPARE(result.imap.first().authMethods, expected);
    QCOMPARE(result.warnings.size(), warnings);
    if (warnings > 0) {
        QCOMPARE(result.warnings.first().position.line, 4);
        QVERIFY2(result.warnings.first().message.contains(u"smtp-after-pop"_s),
                 qPrintable(result.warnings.first().message));
    }
}

void TestAutoconfigXml::unknownElementsAreSkipped_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QStringList>("expectedImap");

    const QString good = u"imap imap.example.test:993 tls login=a@example.test auth= autoconfig"_s;
    // Elements of the same names inside unknown ones must not be taken for the server's.
    QTest::newRow("unknown-element-inside-a-server")
        << document(imapServer("imap.example.test", "993", "SSL", "%EMAILADDRESS%",
                               "<extension><hostname>evil.test</hostname><port>1</port></extension>"))
        << QStringList{good};
    QTest::newRow("webmail-login-page-with-username")
        << document("<webMail><loginPageInfo url=\"https://w.example.test/\"><username>someone</username>"
                    "<hostname>evil.test</hostname></loginPageInfo></webMail>\n"
                    + imapServer("imap.example.test", "993", "SSL", "%EMAILADDRESS%"))
        << QStringList{good};
    QTest::newRow("pop3-and-exchange-skipped")
        << document("<incomingServer type=\"pop3\"><hostname>pop.example.test</hostname><port>995</port>"
                    "<socketType>SSL</socketType></incomingServer>\n"
                    "<incomingServer type=\"exchange\"><hostname>ex.example.test</hostname><port>443</port>"
                    "<socketType>SSL</socketType></incomingServer>\n"
                    + imapServer("imap.example.test", "993", "SSL", "%EMAILADDRESS%"))
        << QStringList{good};
    QTest::newRow("documentation-with-markup")
        << document("<documentation url=\"https://help.example.test/\"><descr lang=\"en\">Use <b>IMAP</b></descr>"
                    "</documentation>\n"
                    + imapServer("imap.example.test", "993", "SSL", "%EMAILADDRESS%"))
        << QStringList{good};
    QTest::newRow("second-provider-ignored") << QByteArray(
        "<clientConfig version=\"1.1\"><emailProvider id=\"a\">"
        + imapServer("imap.example.test", "993", "SSL", "%EMAILADDRESS%") + "</emailProvider><emailProvider id=\"b\">"
        + imapServer("other.example.test", "993", "SSL", "%EMAILADDRESS%") + "</emailProvider></clientConfig>")
                                             << QStringList{good};
    QTest::newRow("comments-and-processing-instructions") << document(
        "<!-- a comment --><?app something?>\n" + imapServer("imap.example.test", "993", "SSL", "%EMAILADDRESS%"))
                                                          << QStringList{good};
    QTest::newRow("no-version-attribute") << QByteArray(
        "<clientConfig><emailProvider id=\"a\">" + imapServer("imap.example.test", "993", "SSL", "%EMAILADDRESS%")
        + "</emailProvider></clientConfig>")
                                          << QStringList{good};
    QTest::newRow("only-pop3") << document("<incomingServer type=\"pop3\"><hostname>pop.example.test</hostname>"
                                           "<port>995</port><socketType>SSL</socketType></incomingServer>\n")
                               << QStringList{};
}

void TestAutoconfigXml::unknownElementsAreSkipped()
{
    QFETCH(QByteArray, xml);
    QFETCH(QStringList, expectedImap);

    const AutoconfigXml::Result result = AutoconfigXml::parse(xml, u"a@example.test"_s);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(dump(result.imap), expectedImap);
    QVERIFY(result.warnings.isEmpty());
}

void TestAutoconfigXml::errors_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<qint64>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty-document") << QByteArray() << qint64(1) << qint64(1) << u"Premature end of document"_s;
    QTest::newRow("closing-tag-mismatch-file")
        << dataFile(u"not-well-formed.xml"_s) << qint64(8) << qint64(41) << u"Opening and ending tag mismatch"_s;
    QTest::newRow("html-page-with-doctype")
        << dataFile(u"html-error-page.xml"_s) << qint64(1) << qint64(16) << u"document type declaration"_s;
    QTest::newRow("other-root-element") << QByteArray("<?xml version=\"1.0\"?>\n<html><body/></html>") << qint64(2)
                                        << qint64(7) << u"<html>, not a <clientConfig>"_s;
    QTest::newRow("unsupported-version") << QByteArray("<?xml version=\"1.0\"?>\n<clientConfig version=\"2.0\"/>")
                                         << qint64(2) << qint64(30) << u"version 2.0"_s;
    QTest::newRow("no-email-provider") << QByteArray("<clientConfig version=\"1.1\">\n  <webMail/>\n</clientConfig>\n")
                                       << qint64(3) << qint64(16) << u"no <emailProvider>"_s;
    QTest::newRow("element-inside-host-name")
        << document("<incomingServer type=\"imap\">\n<hostname>imap.<b>example</b>.test</hostname>"
                    "</incomingServer>\n")
        << qint64(5) << qint64(19) << u"Expected character data"_s;
    QTest::newRow("undeclared-entity") << document(imapServer("&imap;", "993", "SSL", "x")) << qint64(4) << qint64(45)
                                       << u"Entity 'imap' not declared"_s;
    QTest::newRow("content-after-the-root")
        << QByteArray(document(imapServer("imap.example.test", "993", "SSL", "x")) + "<clientConfig/>\n") << qint64(7)
        << qint64(16) << u"Extra content at end of document"_s;
    QTest::newRow("cut-short") << document(imapServer("imap.example.test", "993", "SSL", "x")).left(120) << qint64(4)
                               << qint64(19) << u"Premature end of document"_s;
    QTest::newRow("not-xml") << QByteArray("{\"imap\": \"imap.example.test\"}") << qint64(1) << qint64(2)
                             << u"Start tag expected"_s;
}

void TestAutoconfigXml::errors()
{
    QFETCH(QByteArray, xml);
    QFETCH(qint64, line);
    QFETCH(qint64, column);
    QFETCH(QString, message);

    const AutoconfigXml::Result result = AutoconfigXml::parse(xml, u"a@example.test"_s);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(message), qPrintable(result.error));
    QCOMPARE(result.errorPosition.line, line);
    QCOMPARE(result.errorPosition.column, column);
    QVERIFY(result.errorString().startsWith(u"line %1, column %2: "_s.arg(line).arg(column)));
    // A broken file proposes nothing, not even the servers read before the error.
    QVERIFY(result.imap.isEmpty());
    QVERIFY(result.smtp.isEmpty());
}

void TestAutoconfigXml::badEntriesAreLeftOutWithTheirLine()
{
    const AutoconfigXml::Result result = AutoconfigXml::parse(dataFile(u"bad-entries.xml"_s), u"a@example.test"_s);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(dump(result.imap),
             QStringList{u"imap good.example.test:993 tls login= auth=password-cleartext autoconfig"_s});
    QStringList warnings;
    for (const AutoconfigXml::Warning &warning : result.warnings)
        warnings << AutoconfigXml::describe(warning.position) + u": "_s + warning.message;
    QCOMPARE(warnings,
             QStringList({
                 u"line 8, column 33: <incomingServer> left out: \"99999\" is not a port"_s,
                 u"line 13, column 33: <incomingServer> left out: socket type \"TLS1.3-only\" is not "
                 "SSL, STARTTLS or plain"_s,
                 u"line 18, column 33: <incomingServer> left out: no <hostname>"_s,
                 u"line 22, column 33: <incomingServer> left out: \"imap example.test\" is not a host "
                 "name"_s,
                 u"line 31, column 23: authentication \"smtp-after-pop\" is not known; left out"_s,
             }));
}

QTEST_GUILESS_MAIN(TestAutoconfigXml)
#include "tst_AutoconfigXml.moc"
