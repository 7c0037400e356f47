// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/TestData.h"

#include <QFile>

namespace fumi::test {

QString testDataDirectory()
{
    return QStringLiteral(FUMI_TEST_DATA_DIR);
}

QByteArray readTestData(const QString &relativePath)
{
    QFile file(testDataDirectory() + u'/' + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

} // namespace fumi::test
