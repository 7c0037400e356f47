// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

namespace fumi::account {

// Fetches one small document over HTTPS, for discovery. The rules are part of the contract,
// whatever the implementation: only https:// URLs, a redirect is followed only to another
// https:// URL (a redirect to http:// is refused and reported, never followed), the
// certificate must verify (an error is a failure, never a question), the body has a size limit
// and the whole fetch a time limit. Only a 2xx answer is a success.
//
// The callback runs on the caller's thread, later, never inside fetch(), and only while
// `context` lives. NetworkHttpsFetcher is the real one.
class HttpsFetcher
{
public:
    enum class Error {
        None,
        NotHttps,        // the URL asked for is not https://
        HostNotFound,    // the name does not resolve
        Connection,      // refused, reset, closed early
        Tls,             // the certificate did not verify, or the handshake failed
        Timeout,         // the time limit passed
        RedirectRefused, // a redirect to anything but https://
        TooManyRedirects,
        TooLarge,   // the body passed the size limit
        HttpStatus, // an answer other than 2xx (httpStatus says which)
    };

    struct Result {
        Error error = Error::None;
        QString message;    // for people: what failed, with the URL
        int httpStatus = 0; // the last HTTP status seen; 0 when no answer came
        QByteArray body;    // the document, for a success
        QUrl url;           // where the body came from, after redirects

        [[nodiscard]] bool ok() const { return error == Error::None; }
    };
    using Callback = std::function<void(const Result &)>;

    virtual ~HttpsFetcher() = default;

    virtual void fetch(const QUrl &url, QObject *context, Callback callback) = 0;
};

} // namespace fumi::account
