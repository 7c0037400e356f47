// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <chrono>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;
class QToolButton;

namespace fumi::ui {

// The search bar above the message list: a line for the query, a Save Search… button, and
// below them a line that says what is wrong with the query or how the search is going.
//
// It searches as the user types, once typing pauses for typingPause, and at once on Enter;
// Esc asks to go back to the folder. A query with an error is pointed at where it goes wrong:
// the span is underlined with a red wave inside the line (a text format given to the line edit
// through an input method event, the one way QLineEdit takes formats) and the parser's message
// shows under it. The bar only asks; its owner parses, searches and says how it went.
class SearchBar : public QWidget
{
    Q_OBJECT

public:
    // Long enough that a word typed at a normal pace is one search, short enough to feel live.
    static constexpr std::chrono::milliseconds typingPause{300};

    explicit SearchBar(QWidget *parent = nullptr);
    ~SearchBar() override;

    [[nodiscard]] QLineEdit *lineEdit() const { return m_edit; }
    [[nodiscard]] QString text() const;
    // Shows `text` without asking for a search (a saved search runs it itself).
    void setText(const QString &text);
    // Points at characters [offset, offset + length) of the query and says why.
    void showError(qsizetype offset, qsizetype length, const QString &message);
    void clearError();
    [[nodiscard]] bool hasError() const { return m_errorLength > 0 || !m_errorMessage.isEmpty(); }
    [[nodiscard]] qsizetype errorOffset() const { return m_errorOffset; }
    [[nodiscard]] qsizetype errorLength() const { return m_errorLength; }
    [[nodiscard]] QString errorMessage() const { return m_errorMessage; }
    // The search's progress, under the line; empty hides it.
    void setStatus(const QString &status);
    [[nodiscard]] QString status() const;
    // What the completer offers, most recent first.
    void setRecentSearches(const QStringList &recent);
    void setSaveEnabled(bool enabled);

Q_SIGNALS:
    // Typing paused or Enter was pressed; `atOnce` for Enter. An empty text means: no search.
    void searchRequested(const QString &text, bool atOnce);
    // Esc: leave the search and go back to the folder.
    void escapePressed();
    void saveRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void searchNow(const QString &text);
    void retranslate();
    void applyErrorFormat();
    void updateMessage();

    QLineEdit *m_edit = nullptr;
    QToolButton *m_save = nullptr;
    QLabel *m_message = nullptr;
    QTimer *m_typing = nullptr;
    QCompleter *m_completer = nullptr;
    // What searchNow() sent in this turn of the event loop (while m_sameKey runs).
    QString m_searchedNow;
    QTimer m_sameKey;
    QStringListModel *m_recent = nullptr;
    qsizetype m_errorOffset = 0;
    qsizetype m_errorLength = 0;
    QString m_errorMessage;
    QString m_status;
};

} // namespace fumi::ui
