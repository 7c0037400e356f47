// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/DnsSrvResolver.h"

#include "account/Logging.h"

#include <QDnsLookup>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

SrvResolver::Result resultOf(const QDnsLookup &lookup, const QString &name)
{
    SrvResolver::Result result;
    switch (lookup.error()) {
    case QDnsLookup::NoError:
        break;
    case QDnsLookup::NotFoundError:
        result.error = SrvResolver::Error::NotFound;
        result.message = u"no SRV record for %1"_s.arg(name);
        return result;
    default:
        result.error = SrvResolver::Error::Failed;
        result.message = u"the SRV lookup of %1 failed: %2"_s.arg(name, lookup.errorString());
        return result;
    }
    for (const QDnsServiceRecord &record : lookup.serviceRecords()) {
        QString target = record.target();
        if (target.isEmpty() || target == u".")
            target = u"."_s;
        else if (target.endsWith(u'.'))
            target.chop(1);
        result.records.append({target, record.port(), record.priority(), record.weight()});
    }
    if (result.records.isEmpty()) {
        // The name exists but has no SRV records (NODATA): for the caller, the same as no name.
        result.error = SrvResolver::Error::NotFound;
        result.message = u"no SRV record for %1"_s.arg(name);
    }
    return result;
}

} // namespace

DnsSrvResolver::DnsSrvResolver()
    : DnsSrvResolver(Options{})
{
}

DnsSrvResolver::DnsSrvResolver(Options options)
    : m_options(std::move(options))
{
}

void DnsSrvResolver::lookup(const QString &name, QObject *context, Callback callback)
{
    // Owned by the context: if it goes, the lookup goes with it and nothing answers.
    auto *lookup = new QDnsLookup(QDnsLookup::SRV, name, context);
    if (!m_options.nameserver.isNull())
        lookup->setNameserver(m_options.nameserver, m_options.nameserverPort);
    auto *deadline = new QTimer(lookup);
    deadline->setSingleShot(true);
    auto shared = std::make_shared<Callback>(std::move(callback));
    const auto answer = [lookup, deadline, shared](const Result &result) {
        // Whichever of the answer and the deadline comes first is the only one heard.
        deadline->stop();
        lookup->disconnect();
        QMetaObject::invokeMethod(
            lookup->parent(),
            [shared, result] {
                (*shared)(result);
            },
            Qt::QueuedConnection);
        lookup->deleteLater();
    };
    QObject::connect(lookup, &QDnsLookup::finished, lookup, [lookup, name, answer] {
        qCDebug(lcAccount) << "SRV" << name << lookup->error() << lookup->serviceRecords().size() << "records";
        answer(resultOf(*lookup, name));
    });
    QObject::connect(deadline, &QTimer::timeout, lookup, [lookup, name, answer, timeout = m_options.timeout] {
        answer({Error::Timeout, u"no answer for %1 within %2 seconds"_s.arg(name).arg(timeout.count() / 1000.0), {}});
        lookup->abort();
    });
    deadline->start(m_options.timeout);
    lookup->lookup();
}

} // namespace fumi::account
