// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/DiscoveryResult.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace fumi::account {

QJsonObject DiscoveryResult::toJson() const
{
    const auto candidates = [](const QList<ServerCandidate> &list) {
        QJsonArray array;
        for (const ServerCandidate &candidate : list)
            array.append(candidate.toJson());
        return array;
    };
    QJsonArray tried;
    for (const Attempt &attempt : attempts) {
        tried.append(QJsonObject{
            {u"source"_s, ServerCandidate::sourceName(attempt.source)},
            {u"target"_s, attempt.target},
            {u"outcome"_s, outcomeName(attempt.outcome)},
            {u"message"_s, attempt.message},
        });
    }
    return QJsonObject{
        {u"emailAddress"_s, emailAddress},
        {u"domain"_s, domain},
        {u"displayName"_s, displayName},
        {u"error"_s, error == Error::None ? QJsonValue(QJsonValue::Null) : QJsonValue(u"invalid-address"_s)},
        {u"errorMessage"_s, errorMessage},
        {u"imap"_s, candidates(imap)},
        {u"smtp"_s, candidates(smtp)},
        {u"attempts"_s, tried},
        {u"warnings"_s, QJsonArray::fromStringList(warnings)},
    };
}

QString DiscoveryResult::toText() const
{
    if (!ok())
        return errorMessage + u'\n';
    QString text;
    if (!displayName.isEmpty())
        text += u"Provider: "_s + displayName + u'\n';
    const auto list = [&text](const QString &title, const QList<ServerCandidate> &candidates) {
        text += title + u":\n"_s;
        if (candidates.isEmpty())
            text += u"  (none)\n"_s;
        for (qsizetype i = 0; i < candidates.size(); ++i)
            text += u"  %1. "_s.arg(i + 1) + candidates[i].toString() + u'\n';
    };
    list(u"IMAP"_s, imap);
    list(u"SMTP"_s, smtp);
    text += u"Tried:\n"_s;
    for (const Attempt &attempt : attempts) {
        text += u"  %1 %2: %3"_s.arg(ServerCandidate::sourceName(attempt.source), attempt.target,
                                     outcomeName(attempt.outcome));
        if (!attempt.message.isEmpty())
            text += u" ("_s + attempt.message + u')';
        text += u'\n';
    }
    for (const QString &warning : warnings)
        text += u"Warning: "_s + warning + u'\n';
    return text;
}

QString DiscoveryResult::outcomeName(Attempt::Outcome outcome)
{
    switch (outcome) {
    case Attempt::Outcome::Found:
        return u"found"_s;
    case Attempt::Outcome::Empty:
        return u"empty"_s;
    case Attempt::Outcome::NotFound:
        return u"not-found"_s;
    case Attempt::Outcome::Failed:
        return u"failed"_s;
    }
    return {};
}

} // namespace fumi::account
