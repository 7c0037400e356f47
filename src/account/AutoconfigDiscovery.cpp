// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/AutoconfigDiscovery.h"

#include "account/AutoconfigXml.h"
#include "account/DnsSrvResolver.h"
#include "account/HostName.h"
#include "account/Logging.h"
#include "account/NetworkHttpsFetcher.h"

#include <QHostAddress>
#include <QUrlQuery>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

using Outcome = DiscoveryResult::Attempt::Outcome;
using Source = ServerCandidate::Source;

int securityRank(Security security)
{
    switch (security) {
    case Security::Tls:
        return 0;
    case Security::StartTls:
        return 1;
    case Security::Plain:
        return 2;
    }
    return 3;
}

auto rankKey(const ServerCandidate &candidate)
{
    return std::make_tuple(!candidate.verified, securityRank(candidate.security), int(candidate.source),
                           candidate.srvPriority, -int(candidate.srvWeight));
}

bool sameServer(const ServerCandidate &a, const ServerCandidate &b)
{
    return a.protocol == b.protocol && a.host == b.host && a.port == b.port && a.security == b.security;
}

QString protocolTitle(Protocol protocol)
{
    return protocol == Protocol::Imap ? u"IMAP"_s : u"SMTP"_s;
}

} // namespace

AutoconfigDiscovery::AutoconfigDiscovery(QObject *parent)
    : AutoconfigDiscovery(std::make_unique<NetworkHttpsFetcher>(), std::make_unique<DnsSrvResolver>(), parent)
{
}

AutoconfigDiscovery::AutoconfigDiscovery(std::unique_ptr<HttpsFetcher> fetcher, std::unique_ptr<SrvResolver> resolver,
                                         QObject *parent)
    : QObject(parent)
    , m_fetcher(std::move(fetcher))
    , m_resolver(std::move(resolver))
{
    qRegisterMetaType<DiscoveryResult>();
}

AutoconfigDiscovery::~AutoconfigDiscovery() = default;

AutoconfigDiscovery::Address AutoconfigDiscovery::parseAddress(QStringView text)
{
    Address address;
    address.address = text.trimmed().toString();
    const QString &whole = address.address;
    const auto invalid = [&address](const QString &why) {
        address.error = u"\"%1\" is not an email address: %2."_s.arg(address.address, why);
        return address;
    };
    if (whole.isEmpty()) {
        address.error = u"No email address was given."_s;
        return address;
    }
    const qsizetype at = whole.lastIndexOf(u'@');
    if (at < 0)
        return invalid(u"it has no @"_s);
    address.localPart = whole.left(at);
    const QString domain = whole.mid(at + 1);
    if (address.localPart.isEmpty())
        return invalid(u"nothing comes before the @"_s);
    if (domain.isEmpty())
        return invalid(u"no domain comes after the @"_s);
    if (whole.size() > 254)
        return invalid(u"it is longer than 254 characters"_s);
    for (QChar c : whole) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return invalid(u"it holds a space or a control character"_s);
    }
    // A quoted local part may hold an '@', but only the last one starts the domain.
    if (address.localPart.contains(u'@') && !address.localPart.startsWith(u'"'))
        return invalid(u"it has more than one @"_s);
    if (domain.startsWith(u'[') || !QHostAddress(domain).isNull())
        return invalid(u"the domain is an address literal, which has no autoconfig or SRV records"_s);
    const auto normalized = normalizeHostName(domain);
    if (!normalized)
        return invalid(u"\"%1\" is not a domain name"_s.arg(domain));
    if (!normalized->contains(u'.'))
        return invalid(u"\"%1\" is not a full domain name"_s.arg(domain));
    address.domain = *normalized;
    return address;
}

QList<ServerCandidate> AutoconfigDiscovery::rank(QList<ServerCandidate> candidates)
{
    std::stable_sort(candidates.begin(), candidates.end(), [](const ServerCandidate &a, const ServerCandidate &b) {
        return rankKey(a) < rankKey(b);
    });
    // Sorted first, so the first of equal servers is the one with the best source.
    QList<ServerCandidate> merged;
    for (const ServerCandidate &candidate : std::as_const(candidates)) {
        const auto same = std::find_if(merged.begin(), merged.end(), [&candidate](const ServerCandidate &kept) {
            return sameServer(kept, candidate);
        });
        if (same == merged.end()) {
            merged.append(candidate);
            continue;
        }
        for (ServerCandidate::AuthMethod method : candidate.authMethods) {
            if (!same->authMethods.contains(method))
                same->authMethods.append(method);
        }
        if (same->login.isEmpty())
            same->login = candidate.login;
    }
    return merged;
}

void AutoconfigDiscovery::discover(const QString &emailAddress)
{
    ++m_run;
    m_running = true;
    m_result = DiscoveryResult();
    m_found.clear();
    m_srv.clear();
    m_srvPending = 0;
    m_address = parseAddress(emailAddress);
    m_result.emailAddress = m_address.address;
    m_result.domain = m_address.domain;
    if (!m_address.ok()) {
        m_result.error = DiscoveryResult::Error::InvalidAddress;
        m_result.errorMessage = m_address.error;
        QMetaObject::invokeMethod(
            this,
            [this, run = m_run] {
                if (run == m_run)
                    finishRun();
            },
            Qt::QueuedConnection);
        return;
    }
    qCDebug(lcAccount) << "discovering servers for" << m_address.domain;
    fetchAutoconfig(0);
}

void AutoconfigDiscovery::fetchAutoconfig(int step)
{
    QUrl url;
    url.setScheme(u"https"_s);
    if (step == 0) {
        url.setHost(u"autoconfig."_s + m_address.domain);
        url.setPath(u"/mail/config-v1.1.xml"_s);
    } else {
        url.setHost(m_address.domain);
        url.setPath(u"/.well-known/autoconfig/mail/config-v1.1.xml"_s);
    }
    // As Thunderbird sends it: the whole address, with '@' and anything else percent-encoded.
    url.setQuery(u"emailaddress="_s + QString::fromLatin1(QUrl::toPercentEncoding(m_address.address)),
                 QUrl::StrictMode);
    m_fetcher->fetch(url, this, [this, run = m_run, step, url](const HttpsFetcher::Result &result) {
        if (run == m_run)
            onAutoconfig(step, url, result);
    });
}

void AutoconfigDiscovery::onAutoconfig(int step, const QUrl &url, const HttpsFetcher::Result &result)
{
    const Source source = step == 0 ? Source::AutoconfigXml : Source::WellKnown;
    const QString target = url.toDisplayString();
    const auto next = [this, step] {
        if (step == 0)
            fetchAutoconfig(1);
        else
            lookUpSrv();
    };
    if (!result.ok()) {
        const bool nothingThere = result.error == HttpsFetcher::Error::HostNotFound
            || (result.error == HttpsFetcher::Error::HttpStatus
                && (result.httpStatus == 404 || result.httpStatus == 410));
        note(source, target, nothingThere ? Outcome::NotFound : Outcome::Failed, result.message);
        next();
        return;
    }
    const AutoconfigXml::Result parsed = AutoconfigXml::parse(result.body, m_address.address, source);
    if (!parsed.ok()) {
        note(source, target, Outcome::Failed, u"not a usable clientConfig file: "_s + parsed.errorString());
        next();
        return;
    }
    for (const AutoconfigXml::Warning &warning : parsed.warnings)
        m_result.warnings << u"%1, %2: %3"_s.arg(target, AutoconfigXml::describe(warning.position), warning.message);
    int imap = 0;
    int smtp = 0;
    for (const ServerCandidate &candidate : parsed.imap)
        imap += accept(candidate) ? 1 : 0;
    for (const ServerCandidate &candidate : parsed.smtp)
        smtp += accept(candidate) ? 1 : 0;
    m_result.displayName = parsed.displayName.isEmpty() ? parsed.displayShortName : parsed.displayName;
    note(source, target, imap + smtp > 0 ? Outcome::Found : Outcome::Empty,
         u"%1 IMAP and %2 SMTP servers"_s.arg(imap).arg(smtp));
    // A file with a usable server ends step 1: the well-known location is only a fallback.
    if (imap + smtp > 0)
        lookUpSrv();
    else
        next();
}

void AutoconfigDiscovery::lookUpSrv()
{
    const QString &domain = m_address.domain;
    m_srv = {
        {u"_imaps._tcp."_s + domain, Protocol::Imap, Security::Tls, {}},
        {u"_imap._tcp."_s + domain, Protocol::Imap, Security::StartTls, {}},
        {u"_submissions._tcp."_s + domain, Protocol::Submission, Security::Tls, {}},
        {u"_submission._tcp."_s + domain, Protocol::Submission, Security::StartTls, {}},
    };
    m_srvPending = int(m_srv.size());
    for (qsizetype i = 0; i < m_srv.size(); ++i) {
        m_resolver->lookup(m_srv[i].name, this, [this, run = m_run, i](const SrvResolver::Result &answer) {
            if (run != m_run)
                return;
            m_srv[i].answer = answer;
            onSrvAnswered();
        });
    }
}

void AutoconfigDiscovery::onSrvAnswered()
{
    if (--m_srvPending > 0)
        return;
    for (const SrvQuery &query : std::as_const(m_srv))
        takeSrvAnswer(query);
    finishRun();
}

void AutoconfigDiscovery::takeSrvAnswer(const SrvQuery &query)
{
    const SrvResolver::Result &answer = query.answer;
    if (answer.error == SrvResolver::Error::NotFound) {
        note(Source::Srv, query.name, Outcome::NotFound, answer.message);
        return;
    }
    if (!answer.ok()) {
        note(Source::Srv, query.name, Outcome::Failed, answer.message);
        return;
    }
    // RFC 2782: the target "." says the service is decidedly not offered at this domain.
    const bool notOffered = !answer.records.isEmpty()
        && std::all_of(answer.records.cbegin(), answer.records.cend(), [](const SrvResolver::Record &record) {
               return record.target == u".";
           });
    if (notOffered) {
        note(Source::Srv, query.name, Outcome::Empty, u"the domain says this service is not offered"_s);
        return;
    }
    int accepted = 0;
    for (const SrvResolver::Record &record : answer.records) {
        const auto host = normalizeHostName(record.target);
        if (!host || record.port == 0) {
            m_result.warnings << u"%1: the record %2:%3 is not a usable server; left out"_s
                                     .arg(query.name, record.target)
                                     .arg(record.port);
            continue;
        }
        ServerCandidate candidate;
        candidate.protocol = query.protocol;
        candidate.host = *host;
        candidate.port = record.port;
        candidate.security = query.security;
        candidate.login = m_address.address; // RFC 6186 section 5: the whole address
        candidate.source = Source::Srv;
        candidate.verified = true;
        candidate.srvPriority = record.priority;
        candidate.srvWeight = record.weight;
        accepted += accept(candidate) ? 1 : 0;
    }
    note(Source::Srv, query.name, accepted > 0 ? Outcome::Found : Outcome::Empty, u"%1 server(s)"_s.arg(accepted));
}

bool AutoconfigDiscovery::accept(const ServerCandidate &candidate)
{
    if (candidate.security == Security::Plain && !isLoopbackHost(candidate.host)) {
        m_result.warnings << u"%1 %2 (%3) left out: plain text is only offered for a loopback host"_s.arg(
            ServerCandidate::protocolName(candidate.protocol), formatHostAndPort(candidate.host, candidate.port),
            ServerCandidate::sourceName(candidate.source));
        return false;
    }
    m_found.append(candidate);
    return true;
}

void AutoconfigDiscovery::addGuesses(Protocol protocol)
{
    const bool stated = std::any_of(m_found.cbegin(), m_found.cend(), [protocol](const ServerCandidate &candidate) {
        return candidate.protocol == protocol && candidate.verified;
    });
    if (stated)
        return;
    const QStringList prefixes
        = protocol == Protocol::Imap ? QStringList{u"imap."_s, u"mail."_s} : QStringList{u"smtp."_s, u"mail."_s};
    QStringList hosts;
    for (Security security : {Security::Tls, Security::StartTls}) {
        for (const QString &prefix : prefixes) {
            ServerCandidate candidate;
            candidate.protocol = protocol;
            candidate.host = prefix + m_address.domain;
            candidate.port = defaultPort(protocol, security);
            candidate.security = security;
            candidate.login = m_address.address;
            candidate.source = Source::Guess;
            candidate.verified = false;
            m_found.append(candidate);
            if (!hosts.contains(candidate.host))
                hosts << candidate.host;
        }
    }
    note(Source::Guess, hosts.join(u", "_s), Outcome::Found,
         u"nothing stated an %1 server; these are unverified guesses"_s.arg(protocolTitle(protocol)));
}

void AutoconfigDiscovery::finishRun()
{
    if (m_result.ok()) {
        addGuesses(Protocol::Imap);
        addGuesses(Protocol::Submission);
        QList<ServerCandidate> imap;
        QList<ServerCandidate> smtp;
        for (const ServerCandidate &candidate : std::as_const(m_found))
            (candidate.protocol == Protocol::Imap ? imap : smtp).append(candidate);
        m_result.imap = rank(std::move(imap));
        m_result.smtp = rank(std::move(smtp));
    }
    m_running = false;
    m_found.clear();
    m_srv.clear();
    const DiscoveryResult result = std::move(m_result);
    m_result = DiscoveryResult();
    // Last: a receiver may start the next discovery from here.
    Q_EMIT finished(result);
}

void AutoconfigDiscovery::note(ServerCandidate::Source source, const QString &target, Outcome outcome,
                               const QString &message)
{
    qCDebug(lcAccount) << "discovery:" << ServerCandidate::sourceName(source) << target
                       << DiscoveryResult::outcomeName(outcome) << message;
    m_result.attempts.append({source, target, outcome, message});
}

} // namespace fumi::account
