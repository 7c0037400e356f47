// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/SyncHealthPanel.h"

#include "models/AccountRegistry.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTimer>
#include <QVBoxLayout>

namespace fumi::ui {

using engine::AccountEngine;

SyncHealthPanel::SyncHealthPanel(models::AccountRegistry *registry, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_accounts(new QComboBox(this))
    , m_state(new QLabel(this))
    , m_capabilities(new QLabel(this))
    , m_lastSync(new QLabel(this))
    , m_pending(new QLabel(this))
    , m_errors(new QPlainTextEdit(this))
    , m_log(new QPlainTextEdit(this))
    , m_copy(new QPushButton(tr("&Copy Log"), this))
    , m_save(new QPushButton(tr("&Save Log…"), this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("syncHealthPanel"));
    m_accounts->setObjectName(QStringLiteral("healthAccount"));
    m_state->setObjectName(QStringLiteral("healthState"));
    m_capabilities->setObjectName(QStringLiteral("healthCapabilities"));
    m_capabilities->setWordWrap(true);
    // Room for both lines (in use, also offered) and one wrapped: a dock does not ask a
    // word-wrapped label for its height at the dock's width, and would show only the first.
    m_capabilities->setMinimumHeight(3 * m_capabilities->fontMetrics().lineSpacing());
    m_capabilities->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_capabilities->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lastSync->setObjectName(QStringLiteral("healthLastSync"));
    m_pending->setObjectName(QStringLiteral("healthPending"));
    m_errors->setObjectName(QStringLiteral("healthErrors"));
    m_errors->setReadOnly(true);
    m_errors->setMaximumBlockCount(50);
    m_errors->setFixedHeight(80);
    m_log->setObjectName(QStringLiteral("healthLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copy->setObjectName(QStringLiteral("healthCopy"));
    m_save->setObjectName(QStringLiteral("healthSave"));

    auto *form = new QFormLayout;
    form->addRow(tr("Account:"), m_accounts);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Capabilities:"), m_capabilities);
    form->addRow(tr("Last successful sync:"), m_lastSync);
    form->addRow(tr("Pending operations:"), m_pending);
    form->addRow(tr("Recent errors:"), m_errors);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Protocol log (passwords and message contents hidden):"), this));
    layout->addWidget(m_log, 1);
    layout->addLayout(buttons);

    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &SyncHealthPanel::refresh);
    connect(m_accounts, &QComboBox::currentIndexChanged, this, [this] {
        m_log->clear();
        m_errors->clear();
        showState();
        refresh();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(logText());
    });
    connect(m_save, &QPushButton::clicked, this, &SyncHealthPanel::saveLog);
    connect(m_registry, &models::AccountRegistry::accountAdded, this, &SyncHealthPanel::rebuildAccounts);
    connect(m_registry, &models::AccountRegistry::accountRemoved, this, &SyncHealthPanel::rebuildAccounts);
    connect(m_registry, &models::AccountRegistry::stateChanged, this, [this](const QString &account) {
        if (account == currentAccount())
            showState();
    });
    connect(m_registry, &models::AccountRegistry::requestFinished, this,
            [this](const QString &account, quint64 id, bool ok, const QString &, const QVariant &result) {
                const auto it = m_asked.find(id);
                if (it == m_asked.end() || it.value() != account)
                    return;
                m_asked.erase(it);
                if (ok && result.canConvert<engine::HealthSnapshot>())
                    showSnapshot(account, result.value<engine::HealthSnapshot>());
            });
    rebuildAccounts();
}

QByteArrayList SyncHealthPanel::usedCapabilities()
{
    // BINARY for parts (MailboxSync::fetchPart), LIST-EXTENDED with LIST-STATUS for the folder list.
    return {"IDLE",    "QRESYNC",     "CONDSTORE",     "MOVE",        "UIDPLUS",  "COMPRESS=DEFLATE",
            "ESEARCH", "LIST-STATUS", "LIST-EXTENDED", "SPECIAL-USE", "BINARY",   "LITERAL+",
            "SASL-IR", "UTF8=ACCEPT", "ENABLE",        "ID",          "NAMESPACE"};
}

QString SyncHealthPanel::currentAccount() const
{
    return m_accounts->currentData().toString();
}

void SyncHealthPanel::setCurrentAccount(const QString &account)
{
    const int at = m_accounts->findData(account);
    if (at >= 0)
        m_accounts->setCurrentIndex(at);
}

void SyncHealthPanel::rebuildAccounts()
{
    const QString current = currentAccount();
    const QSignalBlocker blocker(m_accounts);
    m_accounts->clear();
    const QStringList accounts = m_registry->accounts();
    for (const QString &account : accounts)
        m_accounts->addItem(m_registry->displayName(account), account);
    const int at = m_accounts->findData(current);
    m_accounts->setCurrentIndex(at >= 0 ? at : 0);
    showState();
}

void SyncHealthPanel::refresh()
{
    const QString account = currentAccount();
    AccountEngine *engine = m_registry->engine(account);
    if (!engine)
        return;
    m_asked.insert(engine->healthSnapshot(), account);
}

void SyncHealthPanel::showState()
{
    const QString account = currentAccount();
    if (account.isEmpty()) {
        m_state->setText(tr("No accounts"));
        return;
    }
    QString state;
    switch (m_registry->state(account)) {
    case AccountEngine::State::Stopped:
        state = tr("Stopped");
        break;
    case AccountEngine::State::Connecting:
        state = tr("Connecting");
        break;
    case AccountEngine::State::Online:
        state = m_registry->isBusy(account) ? tr("Online, syncing") : tr("Online");
        break;
    case AccountEngine::State::Offline:
        state = tr("Offline");
        break;
    case AccountEngine::State::Error:
        state = tr("Error");
        break;
    }
    const QString detail = m_registry->stateDetail(account);
    m_state->setText(detail.isEmpty() ? state : tr("%1 — %2").arg(state, detail));
}

void SyncHealthPanel::showSnapshot(const QString &account, const engine::HealthSnapshot &snapshot)
{
    if (account != currentAccount())
        return;
    showState();
    QStringList used;
    QStringList others;
    const QByteArrayList wanted = usedCapabilities();
    for (const QByteArray &capability : snapshot.capabilities) {
        const QByteArray upper = capability.toUpper();
        if (wanted.contains(upper))
            used << QString::fromLatin1(upper);
        else if (!upper.startsWith("AUTH=") && upper != "IMAP4REV1" && upper != "IMAP4REV2")
            others << QString::fromLatin1(upper);
    }
    // COMPRESS is in use only when it was switched on, not merely offered.
    if (used.contains(QStringLiteral("COMPRESS=DEFLATE")) && !snapshot.compressed)
        used.replace(used.indexOf(QStringLiteral("COMPRESS=DEFLATE")), tr("COMPRESS=DEFLATE (offered, off)"));
    if (snapshot.capabilities.isEmpty())
        m_capabilities->setText(tr("Not connected"));
    else
        m_capabilities->setText(tr("In use: %1\nAlso offered: %2")
                                    .arg(used.join(QStringLiteral(", ")),
                                         others.isEmpty() ? tr("nothing else") : others.join(QStringLiteral(", "))));
    m_lastSync->setText(snapshot.lastSync.isValid()
                            ? QLocale().toString(snapshot.lastSync.toLocalTime(), QLocale::ShortFormat)
                            : tr("Not yet"));
    m_pending->setText(QString::number(snapshot.pendingOperations));
    const QString errors = snapshot.recentErrors.join(QLatin1Char('\n'));
    if (m_errors->toPlainText() != errors)
        m_errors->setPlainText(errors.isEmpty() ? QString() : errors);
    const QString log = snapshot.logLines.join(QLatin1Char('\n'));
    if (m_log->toPlainText() != log) {
        m_log->setPlainText(log);
        m_log->moveCursor(QTextCursor::End);
    }
    Q_EMIT updated(account);
}

QString SyncHealthPanel::stateText() const
{
    return m_state->text();
}

QString SyncHealthPanel::capabilitiesText() const
{
    return m_capabilities->text();
}

QString SyncHealthPanel::logText() const
{
    return m_log->toPlainText();
}

void SyncHealthPanel::saveLog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Protocol Log"), m_registry->displayName(currentAccount()) + QStringLiteral("-imap.log"),
        tr("Log files (*.log);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray(logText().toUtf8() + '\n')) < 0 || !file.commit())
        QMessageBox::warning(this, tr("Save Protocol Log"),
                             tr("Could not save the log to %1: %2").arg(path, file.errorString()));
}

void SyncHealthPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void SyncHealthPanel::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}

} // namespace fumi::ui
