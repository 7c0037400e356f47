// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/AccountManager.h"

#include "account/Logging.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

QString authenticationMethodName(Authentication::Method method)
{
    switch (method) {
    case Authentication::Method::Password:
        return QStringLiteral("password");
    case Authentication::Method::PasswordCommand:
        return QStringLiteral("password-command");
    case Authentication::Method::OAuth2:
        return QStringLiteral("oauth2");
    }
    return {};
}

std::optional<Authentication::Method> authenticationMethodFromName(const QString &name)
{
    for (auto method :
         {Authentication::Method::Password, Authentication::Method::PasswordCommand, Authentication::Method::OAuth2}) {
        if (name == authenticationMethodName(method))
            return method;
    }
    return std::nullopt;
}

QJsonObject serverToJson(const ServerSettings &server)
{
    return {{u"host"_s, server.host}, {u"port"_s, server.port}, {u"security"_s, securityName(server.security)}};
}

QString serverFromJson(const QJsonValue &value, ServerSettings *server, bool required)
{
    if (value.isUndefined() && !required)
        return {};
    if (!value.isObject())
        return QStringLiteral("a server is not an object");
    const QJsonObject object = value.toObject();
    server->host = object.value(u"host").toString();
    const int port = object.value(u"port").toInt(-1);
    if (port < 0 || port > 65535)
        return QStringLiteral("the port of %1 is not a port number").arg(server->host);
    server->port = quint16(port);
    const auto security = securityFromName(object.value(u"security").toString());
    if (!security)
        return QStringLiteral("the security of %1 is not tls, starttls or plain").arg(server->host);
    server->security = *security;
    return {};
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list << item.toString();
    return list;
}

} // namespace

AccountManager::AccountManager(QString filePath, QObject *parent)
    : QObject(parent)
    , m_file(std::move(filePath), QStringLiteral("fumi-accounts"), formatVersion)
{
}

bool AccountManager::load()
{
    QList<Account> accounts;
    m_error = parse(m_file.read(), &accounts);
    if (!m_error.isEmpty()) {
        qCWarning(lcAccount).noquote() << m_error;
        m_accounts.clear();
        return false;
    }
    m_accounts = std::move(accounts);
    return true;
}

QString AccountManager::parse(const SettingsFile::Content &content, QList<Account> *accounts) const
{
    if (!content.ok())
        return content.error;
    const QJsonArray array = content.object.value(u"accounts").toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        Account account;
        const QString problem = fromJson(array.at(i).toObject(), &account);
        if (!problem.isEmpty()) {
            return QStringLiteral("%1 is damaged: account %2: %3. Fumi left it as it is and will not change it.")
                .arg(m_file.path())
                .arg(i + 1)
                .arg(problem);
        }
        accounts->append(std::move(account));
    }
    return {};
}

std::optional<Account> AccountManager::account(const QString &id) const
{
    for (const Account &account : m_accounts) {
        if (account.id == id)
            return account;
    }
    return std::nullopt;
}

std::optional<Account> AccountManager::find(QStringView nameOrId) const
{
    for (const Account &account : m_accounts) {
        if (account.answersTo(nameOrId))
            return account;
    }
    return std::nullopt;
}

AccountManager::Result AccountManager::change(const std::function<QString(QList<Account> &)> &change)
{
    QList<Account> accounts;
    bool damaged = false; // set by update() for the file, and below for an entry in it
    const QString error = m_file.update(
        [&](QJsonObject &object) {
            SettingsFile::Content content;
            content.object = object;
            QString problem = parse(content, &accounts);
            damaged = !problem.isEmpty();
            if (problem.isEmpty())
                problem = change(accounts);
            if (!problem.isEmpty())
                return problem;
            QJsonArray array;
            for (const Account &account : std::as_const(accounts))
                array.append(toJson(account));
            object = {{u"accounts"_s, array}};
            return QString();
        },
        &damaged);
    if (!error.isEmpty()) {
        if (damaged)
            m_error = error;
        return {error, {}};
    }
    m_error.clear();
    m_accounts = std::move(accounts);
    return {};
}

namespace {

QString checkNewState(const Account &account, const QList<Account> &accounts)
{
    const QStringList problems = validate(account);
    if (!problems.isEmpty())
        return problems.join(u' ');
    for (const Account &other : accounts) {
        if (other.id != account.id && other.displayName.compare(account.displayName, Qt::CaseInsensitive) == 0)
            return QStringLiteral("An account named \"%1\" exists already.").arg(other.displayName);
    }
    return {};
}

qsizetype indexOf(const QList<Account> &accounts, const QString &id)
{
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        if (accounts.at(i).id == id)
            return i;
    }
    return -1;
}

QString noSuchAccount(const QString &id)
{
    return QStringLiteral("There is no account with the id %1.").arg(id);
}

} // namespace

AccountManager::Result AccountManager::add(Account account)
{
    if (account.id.isEmpty())
        account.id = newAccountId();
    Result result = change([&](QList<Account> &accounts) {
        if (indexOf(accounts, account.id) >= 0)
            return QStringLiteral("An account with the id %1 exists already.").arg(account.id);
        const QString problem = checkNewState(account, accounts);
        if (problem.isEmpty())
            accounts.append(account);
        return problem;
    });
    if (result.ok()) {
        result.id = account.id;
        Q_EMIT accountAdded(account.id);
    }
    return result;
}

AccountManager::Result AccountManager::update(const Account &account)
{
    Result result = change([&](QList<Account> &accounts) {
        const qsizetype index = indexOf(accounts, account.id);
        if (index < 0)
            return noSuchAccount(account.id);
        const QString problem = checkNewState(account, accounts);
        if (problem.isEmpty())
            accounts[index] = account;
        return problem;
    });
    if (result.ok())
        Q_EMIT accountChanged(account.id);
    return result;
}

AccountManager::Result AccountManager::remove(const QString &id)
{
    Result result = change([&](QList<Account> &accounts) {
        const qsizetype index = indexOf(accounts, id);
        if (index < 0)
            return noSuchAccount(id);
        accounts.removeAt(index);
        return QString();
    });
    if (result.ok())
        Q_EMIT accountRemoved(id);
    return result;
}

AccountManager::Result AccountManager::move(const QString &id, int index)
{
    Result result = change([&](QList<Account> &accounts) {
        const qsizetype from = indexOf(accounts, id);
        if (from < 0)
            return noSuchAccount(id);
        accounts.move(from, std::clamp<qsizetype>(index, 0, accounts.size() - 1));
        return QString();
    });
    if (result.ok())
        Q_EMIT accountsReordered();
    return result;
}

QJsonObject AccountManager::toJson(const Account &account)
{
    QJsonArray identities;
    for (const Identity &identity : account.identities) {
        identities.append(QJsonObject{{u"name"_s, identity.name},
                                      {u"address"_s, identity.address},
                                      {u"signature"_s, identity.signature},
                                      {u"replyTo"_s, identity.replyTo}});
    }
    QJsonObject authentication{{u"method"_s, authenticationMethodName(account.authentication.method)}};
    if (account.authentication.method == Authentication::Method::PasswordCommand)
        authentication.insert(u"command", account.authentication.passwordCommand);
    if (account.authentication.method == Authentication::Method::OAuth2)
        authentication.insert(u"provider", account.authentication.oauthProvider);
    QJsonObject object{
        {u"id"_s, account.id},
        {u"name"_s, account.displayName},
        {u"identities"_s, identities},
        {u"imap"_s, serverToJson(account.imap)},
        {u"login"_s, account.login},
        {u"authentication"_s, authentication},
        {u"sync"_s,
         QJsonObject{{u"cacheBudgetMb"_s, account.sync.cacheBudgetMb},
                     {u"offlineFolders"_s, QJsonArray::fromStringList(account.sync.offlineFolders)}}},
    };
    if (!account.smtp.isEmpty())
        object.insert(u"smtp", serverToJson(account.smtp));
    return object;
}

QString AccountManager::fromJson(const QJsonObject &object, Account *account)
{
    account->id = object.value(u"id").toString();
    if (account->id.isEmpty())
        return QStringLiteral("it has no id");
    account->displayName = object.value(u"name").toString();
    const QJsonArray identities = object.value(u"identities").toArray();
    for (const QJsonValue &value : identities) {
        const QJsonObject identity = value.toObject();
        account->identities.append({identity.value(u"name").toString(), identity.value(u"address").toString(),
                                    identity.value(u"signature").toString(), identity.value(u"replyTo").toString()});
    }
    QString problem = serverFromJson(object.value(u"imap"), &account->imap, true);
    if (problem.isEmpty())
        problem = serverFromJson(object.value(u"smtp"), &account->smtp, false);
    if (!problem.isEmpty())
        return problem;
    account->login = object.value(u"login").toString();
    const QJsonObject authentication = object.value(u"authentication").toObject();
    const auto method = authenticationMethodFromName(authentication.value(u"method").toString());
    if (!method)
        return QStringLiteral("its authentication method is unknown");
    account->authentication.method = *method;
    account->authentication.passwordCommand = authentication.value(u"command").toString();
    account->authentication.oauthProvider = authentication.value(u"provider").toString();
    const QJsonObject sync = object.value(u"sync").toObject();
    account->sync.cacheBudgetMb = sync.value(u"cacheBudgetMb").toInt(SyncOptions().cacheBudgetMb);
    account->sync.offlineFolders = stringList(sync.value(u"offlineFolders"));
    const QStringList problems = validate(*account);
    return problems.isEmpty() ? QString() : problems.join(u' ');
}

} // namespace fumi::account
