// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/DiscoveryResult.h"
#include "account/HttpsFetcher.h"
#include "account/SrvResolver.h"

#include <QObject>
#include <QString>
#include <QStringView>

#include <memory>

namespace fumi::account {

// Finds the IMAP and submission servers for an email address, the way a user expects a mail
// client to: without being asked for host names.
//
// Sources, in the order they are tried:
//   1. the provider's autoconfig file (Thunderbird's clientConfig 1.1), first from
//      https://autoconfig.<domain>/mail/config-v1.1.xml, and only if that gives no file with a
//      usable server, from https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml, each
//      with ?emailaddress=<address> as Thunderbird sends it;
//   2. the RFC 6186 / RFC 8314 SRV records _imaps._tcp, _imap._tcp, _submissions._tcp and
//      _submission._tcp of the domain, looked up together once step 1 is over, whatever it gave;
//   3. for a protocol that neither step stated a server for: guesses (imap.<domain> and
//      mail.<domain>; smtp.<domain> and mail.<domain>), marked unverified.
//
// Security: only HTTPS is fetched and a redirect to http:// is refused (HttpsFetcher's rules);
// a certificate error fails that source, which is noted, and the next one is tried. A plain-text
// server is never proposed for a host other than a loopback one; _imap and _submission SRV
// records mean STARTTLS, never plain text.
//
// Ranking, best first: stated before guessed; then implicit TLS, STARTTLS, plain (loopback
// only); then the source (autoconfig, well-known, SRV, guess); then SRV priority (lower first)
// and weight (higher first); then the order the source gave. The same server (protocol, host,
// port and security) found twice is proposed once, with the best source, the union of the
// sign-in methods and the first login stated.
class AutoconfigDiscovery : public QObject
{
    Q_OBJECT

public:
    // Discovery on the real network: NetworkHttpsFetcher and DnsSrvResolver with their defaults.
    explicit AutoconfigDiscovery(QObject *parent = nullptr);
    AutoconfigDiscovery(std::unique_ptr<HttpsFetcher> fetcher, std::unique_ptr<SrvResolver> resolver,
                        QObject *parent = nullptr);
    ~AutoconfigDiscovery() override;

    // Starts discovery for `emailAddress`. finished() follows exactly once, later, never inside
    // this call, also for an invalid address (with DiscoveryResult::Error::InvalidAddress and
    // nothing tried). Calling it again while a discovery runs abandons the earlier one, which
    // then never reports.
    void discover(const QString &emailAddress);
    [[nodiscard]] bool isRunning() const { return m_running; }

    // An address split for discovery: `address` trimmed, `domain` lower case in ASCII form.
    struct Address {
        QString address;
        QString localPart;
        QString domain;
        QString error; // for people; empty when the address is usable
        [[nodiscard]] bool ok() const { return error.isEmpty(); }
    };
    [[nodiscard]] static Address parseAddress(QStringView text);

    // The merge and order described above, for one protocol's candidates or several.
    [[nodiscard]] static QList<ServerCandidate> rank(QList<ServerCandidate> candidates);

Q_SIGNALS:
    void finished(const fumi::account::DiscoveryResult &result);

private:
    // One SRV name of step 2 and, once it came, its answer. Answers are reported in this order,
    // not in the order they arrive, so that the record of attempts does not depend on timing.
    struct SrvQuery {
        QString name;
        Protocol protocol = Protocol::Imap;
        Security security = Security::Tls;
        SrvResolver::Result answer;
    };

    void fetchAutoconfig(int step);
    void onAutoconfig(int step, const QUrl &url, const HttpsFetcher::Result &result);
    void lookUpSrv();
    void onSrvAnswered();
    void takeSrvAnswer(const SrvQuery &query);
    void finishRun();
    bool accept(const ServerCandidate &candidate);
    void addGuesses(Protocol protocol);
    void note(ServerCandidate::Source source, const QString &target, DiscoveryResult::Attempt::Outcome outcome,
              const QString &message);

    std::unique_ptr<HttpsFetcher> m_fetcher;
    std::unique_ptr<SrvResolver> m_resolver;
    quint64 m_run = 0; // callbacks of an abandoned run see another number and stay quiet
    bool m_running = false;
    Address m_address;
    DiscoveryResult m_result;
    QList<ServerCandidate> m_found;
    QList<SrvQuery> m_srv;
    int m_srvPending = 0;
};

} // namespace fumi::account
