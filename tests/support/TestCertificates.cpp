// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/TestCertificates.h"

#include "support/RunProgram.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace fumi::test {

bool TestCertificates::create(const QString &directory, const QStringList &extraDnsNames)
{
    m_directory = directory;
    const QString openssl = findProgram(u"openssl"_s);
    if (openssl.isEmpty()) {
        m_error = u"the openssl command is not installed"_s;
        return false;
    }
    const QDir dir(directory);
    const QStringList ecKey{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s};

    QFile extensions(dir.filePath(u"server.ext"_s));
    if (!extensions.open(QIODevice::WriteOnly)) {
        m_error = u"cannot write "_s + extensions.fileName();
        return false;
    }
    QByteArray names = "DNS:localhost";
    for (const QString &name : extraDnsNames)
        names += ", DNS:" + name.toUtf8();
    extensions.write(QByteArray("basicConstraints = critical, CA:FALSE\n"
                                "keyUsage = critical, digitalSignature\n"
                                "extendedKeyUsage = serverAuth\n"
                                "subjectAltName = "
                                + names + ", IP:127.0.0.1, IP:::1\n"));
    extensions.close();

    if (!runProgram(openssl,
                    QStringList{u"req"_s, u"-x509"_s} + ecKey
                        + QStringList{u"-keyout"_s, dir.filePath(u"ca.key"_s), u"-out"_s, caPath(), u"-days"_s, u"2"_s,
                                      u"-subj"_s, u"/CN=Fumi throwaway test CA"_s, u"-addext"_s,
                                      u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                                      u"keyUsage=critical,keyCertSign,cRLSign"_s},
                    {}, nullptr, nullptr, &m_error)
        || !runProgram(openssl,
                       QStringList{u"req"_s} + ecKey
                           + QStringList{u"-keyout"_s, keyPath(), u"-out"_s, dir.filePath(u"server.csr"_s), u"-subj"_s,
                                         u"/CN=localhost"_s},
                       {}, nullptr, nullptr, &m_error)
        || !runProgram(openssl,
                       {u"x509"_s, u"-req"_s, u"-in"_s, dir.filePath(u"server.csr"_s), u"-CA"_s, caPath(), u"-CAkey"_s,
                        dir.filePath(u"ca.key"_s), u"-CAcreateserial"_s, u"-days"_s, u"2"_s, u"-extfile"_s,
                        extensions.fileName(), u"-out"_s, certificatePath()},
                       {}, nullptr, nullptr, &m_error)) {
        return false;
    }
    const auto cas = QSslCertificate::fromPath(caPath());
    const auto certificates = QSslCertificate::fromPath(certificatePath());
    QFile keyFile(keyPath());
    if (cas.size() != 1 || certificates.size() != 1 || !keyFile.open(QIODevice::ReadOnly)) {
        m_error = u"the test certificates could not be read back"_s;
        return false;
    }
    m_ca = cas.first();
    m_certificate = certificates.first();
    m_key = QSslKey(&keyFile, QSsl::Ec);
    if (m_key.isNull()) {
        m_error = u"the test server key could not be read back"_s;
        return false;
    }
    return true;
}

} // namespace fumi::test
