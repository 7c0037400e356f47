// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace fumi::account {

// Looks up DNS SRV records (RFC 2782), for RFC 6186 discovery. DnsSrvResolver is the real one;
// tests answer from a table. Records come as the DNS gave them: ordering and the meaning of a
// "." target are the caller's business.
//
// The callback runs on the caller's thread, later, never inside lookup(), and only while
// `context` lives.
class SrvResolver
{
public:
    struct Record {
        QString target; // a host name without its trailing dot; "." when the service is not offered
        quint16 port = 0;
        quint16 priority = 0;
        quint16 weight = 0;
        friend bool operator==(const Record &, const Record &) = default;
    };

    enum class Error {
        None,
        NotFound, // the name or the record type does not exist: an answer, not a failure
        Timeout,
        Failed, // no usable answer (server failure, refused, no network...)
    };

    struct Result {
        Error error = Error::None;
        QString message; // for people, when error is not None
        QList<Record> records;
        [[nodiscard]] bool ok() const { return error == Error::None; }
    };
    using Callback = std::function<void(const Result &)>;

    virtual ~SrvResolver() = default;

    // `name` is the full owner name, e.g. "_imaps._tcp.example.com".
    virtual void lookup(const QString &name, QObject *context, Callback callback) = 0;
};

} // namespace fumi::account
