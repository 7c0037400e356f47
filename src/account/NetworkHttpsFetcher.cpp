// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/NetworkHttpsFetcher.h"

#include "account/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

using Error = HttpsFetcher::Error;

QString shown(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

// One fetch and its redirects. It lives as a child of the fetcher's network access manager,
// so destroying the fetcher ends it silently, and deletes itself once it has answered.
class Transfer : public QObject
{
public:
    Transfer(QNetworkAccessManager *network, const NetworkHttpsFetcher::Options &options, QObject *context,
             HttpsFetcher::Callback callback)
        : QObject(network)
        , m_network(network)
        , m_options(options)
        , m_context(context)
        , m_callback(std::move(callback))
    {
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            fail(Error::Timeout,
                 u"no complete answer from %1 within %2 seconds"_s.arg(
                     shown(m_url), QString::number(m_options.timeout.count() / 1000.0)));
        });
    }

    void start(const QUrl &url)
    {
        m_url = url;
        if (url.scheme() != u"https") {
            fail(Error::NotHttps, u"%1 is not an HTTPS address; discovery fetches nothing else"_s.arg(shown(url)));
            return;
        }
        m_deadline.start(m_options.timeout);
        send();
    }

private:
    void send()
    {
        m_body.clear();
        m_sslErrors.clear();
        m_status = 0;

        QNetworkRequest request;
        QUrl target = m_url;
        const QString host = m_url.host(QUrl::EncodeUnicode);
        if (!m_options.connectTo.isEmpty()) {
            const auto endpoint = m_options.connectTo.constFind(host);
            if (endpoint == m_options.connectTo.cend()) {
                fail(Error::HostNotFound, u"%1 is not one of the hosts this fetcher may reach"_s.arg(host));
                return;
            }
            target.setHost(endpoint->address.toString());
            target.setPort(endpoint->port);
            const QString hostHeader = m_url.port() < 0 ? host : host + u':' + QString::number(m_url.port());
            request.setRawHeader("Host", hostHeader.toLatin1());
            request.setPeerVerifyName(host);
        }
        request.setUrl(target);
        // Qt would follow a redirect before this code could look at it.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setRawHeader("Accept", "application/xml, text/xml;q=0.9, */*;q=0.1");
        if (!m_options.caCertificates.isEmpty()) {
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + m_options.caCertificates);
            request.setSslConfiguration(tls);
        }

        qCDebug(lcAccount) << "fetching" << shown(m_url);
        m_reply = m_network->get(request);
        connect(m_reply, &QNetworkReply::metaDataChanged, this, &Transfer::onMetaDataChanged);
        connect(m_reply, &QNetworkReply::readyRead, this, &Transfer::onReadyRead);
        connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
            // Never ignored: noting them only makes the failure that follows say why.
            for (const QSslError &error : errors)
                m_sslErrors << error.errorString();
        });
        connect(m_reply, &QNetworkReply::finished, this, &Transfer::onFinished);
    }

    [[nodiscard]] bool successStatus() const { return m_status >= 200 && m_status < 300; }

    void onMetaDataChanged()
    {
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (successStatus() && length.isValid() && length.toLongLong() > m_options.maxBytes)
            failTooLarge();
    }

    void onReadyRead()
    {
        const QByteArray bytes = m_reply->readAll();
        if (!successStatus())
            return; // the body of an error page or a redirect is not wanted
        m_body += bytes;
        if (m_body.size() > m_options.maxBytes)
            failTooLarge();
    }

    void onFinished()
    {
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_status >= 300 && m_status < 400 && m_status != 304) {
            redirect();
            return;
        }
        if (m_status == 0) {
            failWithoutAnswer();
            return;
        }
        if (!successStatus()) {
            const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            fail(Error::HttpStatus, u"%1 answered %2 %3"_s.arg(shown(m_url), QString::number(m_status), reason));
            return;
        }
        onReadyRead();
        if (m_done)
            return;
        HttpsFetcher::Result result;
        result.body = std::move(m_body);
        finish(std::move(result));
    }

    void redirect()
    {
        const QByteArray location = m_reply->rawHeader("Location");
        if (location.isEmpty()) {
            fail(Error::HttpStatus,
                 u"%1 answered %2 without a Location"_s.arg(shown(m_url), QString::number(m_status)));
            return;
        }
        const QUrl next = m_url.resolved(QUrl::fromEncoded(location));
        if (next.scheme() != u"https" || !next.isValid()) {
            fail(Error::RedirectRefused,
                 u"refused the redirect from %1 to %2: only HTTPS is followed"_s.arg(shown(m_url), shown(next)));
            return;
        }
        if (++m_redirects > m_options.maxRedirects) {
            fail(Error::TooManyRedirects,
                 u"more than %1 redirects from %2"_s.arg(m_options.maxRedirects).arg(shown(m_url)));
            return;
        }
        qCDebug(lcAccount) << "redirected from" << shown(m_url) << "to" << shown(next);
        dropReply();
        m_url = next;
        send();
    }

    void failWithoutAnswer()
    {
        const QString host = m_url.host();
        switch (m_reply->error()) {
        case QNetworkReply::SslHandshakeFailedError:
            fail(Error::Tls,
                 u"TLS with %1 failed: %2"_s.arg(
                     host, m_sslErrors.isEmpty() ? m_reply->errorString() : m_sslErrors.join(u"; "_s)));
            return;
        case QNetworkReply::HostNotFoundError:
            fail(Error::HostNotFound, u"%1 was not found"_s.arg(host));
            return;
        case QNetworkReply::TimeoutError:
            fail(Error::Timeout, u"%1 timed out"_s.arg(host));
            return;
        default:
            fail(Error::Connection, u"fetching %1 failed: %2"_s.arg(shown(m_url), m_reply->errorString()));
            return;
        }
    }

    void failTooLarge()
    {
        fail(Error::TooLarge, u"%1 is larger than %2 bytes"_s.arg(shown(m_url)).arg(m_options.maxBytes));
    }

    void fail(Error error, const QString &message)
    {
        qCDebug(lcAccount) << "fetch failed:" << message;
        HttpsFetcher::Result result;
        result.error = error;
        result.message = message;
        finish(std::move(result));
    }

    void finish(HttpsFetcher::Result result)
    {
        if (m_done)
            return;
        m_done = true;
        m_deadline.stop();
        dropReply();
        result.url = m_url;
        result.httpStatus = m_status;
        if (m_context) {
            QMetaObject::invokeMethod(
                m_context.data(),
                [callback = std::move(m_callback), result = std::move(result)] {
                    callback(result);
                },
                Qt::QueuedConnection);
        }
        deleteLater();
    }

    void dropReply()
    {
        if (!m_reply)
            return;
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }

    QNetworkAccessManager *m_network;
    const NetworkHttpsFetcher::Options &m_options;
    QPointer<QObject> m_context;
    HttpsFetcher::Callback m_callback;
    QTimer m_deadline;
    QNetworkReply *m_reply = nullptr;
    QUrl m_url; // the address asked for, not the loopback one a test maps it to
    QByteArray m_body;
    QStringList m_sslErrors;
    int m_status = 0;
    int m_redirects = 0;
    bool m_done = false;
};

} // namespace

NetworkHttpsFetcher::NetworkHttpsFetcher()
    : NetworkHttpsFetcher(Options{})
{
}

NetworkHttpsFetcher::NetworkHttpsFetcher(Options options)
    : m_options(std::move(options))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    if (!m_options.connectTo.isEmpty())
        m_network->setProxy(QNetworkProxy::NoProxy); // the mapped addresses are loopback ones
}

NetworkHttpsFetcher::~NetworkHttpsFetcher() = default;

void NetworkHttpsFetcher::fetch(const QUrl &url, QObject *context, Callback callback)
{
    auto *transfer = new Transfer(m_network.get(), m_options, context, std::move(callback));
    transfer->start(url);
}

} // namespace fumi::account
