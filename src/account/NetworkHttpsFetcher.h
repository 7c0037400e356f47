// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/HttpsFetcher.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace fumi::account {

// The HttpsFetcher on QNetworkAccessManager. Redirects are followed here, not by Qt, so that
// every hop passes the same checks (https only, a hop limit) and the time limit covers the whole
// chain.
//
// For tests it can reach a local server under a real name: `connectTo` maps a host name to the
// loopback address and port to connect to instead, while TLS still verifies the certificate
// for the name in the URL (QNetworkRequest::setPeerVerifyName) and the Host header carries that
// name. With a map, a host that is not in it is never looked up: the fetch fails with
// HostNotFound, so a test cannot reach the real network by mistake.
//
// Destroying the fetcher abandons its fetches: their callbacks never run.
class NetworkHttpsFetcher : public HttpsFetcher
{
public:
    struct Endpoint {
        QHostAddress address;
        quint16 port = 0;
    };

    struct Options {
        std::chrono::milliseconds timeout = std::chrono::seconds(15); // for the whole fetch, redirects included
        qint64 maxBytes = 1024 * 1024;
        int maxRedirects = 5;
        QList<QSslCertificate> caCertificates; // trusted in addition to the system's
        QHash<QString, Endpoint> connectTo;    // lower-case host name -> where to connect instead
    };

    NetworkHttpsFetcher();
    explicit NetworkHttpsFetcher(Options options);
    ~NetworkHttpsFetcher() override;
    NetworkHttpsFetcher(const NetworkHttpsFetcher &) = delete;
    NetworkHttpsFetcher &operator=(const NetworkHttpsFetcher &) = delete;

    void fetch(const QUrl &url, QObject *context, Callback callback) override;

    [[nodiscard]] const Options &options() const { return m_options; }

private:
    Options m_options;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace fumi::account
