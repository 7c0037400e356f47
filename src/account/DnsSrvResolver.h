// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/SrvResolver.h"

#include <QHostAddress>

#include <chrono>

namespace fumi::account {

// The SrvResolver on QDnsLookup and the system's resolver. The system resolver has time limits
// of its own, but they add up over servers and retries, so a lookup also gives up after
// `timeout` and answers Timeout.
class DnsSrvResolver : public SrvResolver
{
public:
    struct Options {
        std::chrono::milliseconds timeout = std::chrono::seconds(10);
        // A name server to ask instead of the system's (tests ask one on loopback). Null: the system's.
        QHostAddress nameserver;
        quint16 nameserverPort = 53;
    };

    DnsSrvResolver();
    explicit DnsSrvResolver(Options options);

    void lookup(const QString &name, QObject *context, Callback callback) override;

private:
    Options m_options;
};

} // namespace fumi::account
