// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/SearchBar.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QCoreApplication>
#include <QEvent>
#include <QGridLayout>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QTextCharFormat>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fumi::ui {

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"searchBar"_s);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(u"searchLine"_s);
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);

    m_save = new QToolButton(this);
    m_save->setObjectName(u"saveSearchButton"_s);
    m_save->setEnabled(false);
    connect(m_save, &QToolButton::clicked, this, &SearchBar::saveRequested);

    m_message = new QLabel(this);
    m_message->setObjectName(u"searchMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setVerticalSpacing(2);
    layout->addWidget(m_edit, 0, 0);
    layout->addWidget(m_save, 0, 1);
    layout->addWidget(m_message, 1, 0, 1, 2);

    m_recent = new QStringListModel(this);
    m_completer = new QCompleter(m_recent, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_edit->setCompleter(m_completer);

    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(typingPause);
    connect(m_typing, &QTimer::timeout, this, [this] {
        Q_EMIT searchRequested(m_edit->text(), false);
    });
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        // The old error's span means nothing in the new text.
        clearError();
        m_typing->start();
    });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        searchNow(m_edit->text());
    });
    // A recent search chosen from the list runs at once.
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &text) {
        clearError();
        searchNow(text);
    });
    m_sameKey.setSingleShot(true);
    m_sameKey.setInterval(0);
    retranslate();
}

SearchBar::~SearchBar() = default;

QString SearchBar::text() const
{
    return m_edit->text();
}

void SearchBar::setText(const QString &text)
{
    m_typing->stop();
    clearError();
    m_edit->setText(text);
}

void SearchBar::showError(qsizetype offset, qsizetype length, const QString &message)
{
    const qsizetype size = m_edit->text().size();
    m_errorOffset = std::clamp<qsizetype>(offset, 0, size);
    m_errorLength = std::clamp<qsizetype>(length, 0, size - m_errorOffset);
    // At the end of the text (a missing closing quote) there is nothing to underline: the last
    // character stands for it.
    if (m_errorLength == 0 && size > 0) {
        m_errorOffset = size - 1;
        m_errorLength = 1;
    }
    m_errorMessage = message;
    applyErrorFormat();
    updateMessage();
}

void SearchBar::clearError()
{
    if (!hasError())
        return;
    m_errorOffset = 0;
    m_errorLength = 0;
    m_errorMessage.clear();
    applyErrorFormat();
    updateMessage();
}

void SearchBar::applyErrorFormat()
{
    QList<QInputMethodEvent::Attribute> attributes;
    if (m_errorLength > 0) {
        QTextCharFormat wave;
        wave.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        wave.setUnderlineColor(Qt::red);
        wave.setForeground(QColor(Qt::red).darker(120));
        // Input method attributes count from the cursor.
        attributes.append(
            {QInputMethodEvent::TextFormat, int(m_errorOffset - m_edit->cursorPosition()), int(m_errorLength), wave});
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_edit, &event);
}

void SearchBar::setStatus(const QString &status)
{
    m_status = status;
    updateMessage();
}

QString SearchBar::status() const
{
    return m_status;
}

void SearchBar::updateMessage()
{
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
                     hasError() ? QColor(Qt::red).darker(130) : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
    const QString text = hasError() ? m_errorMessage : m_status;
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void SearchBar::setRecentSearches(const QStringList &recent)
{
    m_recent->setStringList(recent);
}

void SearchBar::setSaveEnabled(bool enabled)
{
    m_save->setEnabled(enabled);
}

bool SearchBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && !(m_completer->popup() && m_completer->popup()->isVisible())) {
            m_typing->stop();
            Q_EMIT escapePressed();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SearchBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SearchBar::retranslate()
{
    m_edit->setPlaceholderText(tr("Search… (from:, subject:, is:unread, in:all)"));
    m_save->setText(tr("Save Search…"));
    m_save->setToolTip(tr("Keep this search as a folder under Saved Searches"));
}

void SearchBar::searchNow(const QString &text)
{
    m_typing->stop();
    // Enter on a recent search in the list is both the list's activated() and the line's
    // returnPressed(): one key, one search.
    if (m_sameKey.isActive() && text == m_searchedNow)
        return;
    m_searchedNow = text;
    m_sameKey.start();
    Q_EMIT searchRequested(text, true);
}

} // namespace fumi::ui
