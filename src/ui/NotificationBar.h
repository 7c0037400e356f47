// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>

#include <chrono>

class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace fumi::ui {

// A short-lived, non-modal bar above the message list: "Moved 12 messages to Archive — Undo",
// or an error a request came back with. It hides itself after a while (an error stays until
// closed) and never takes the keyboard focus from the list.
class NotificationBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Error };

    explicit NotificationBar(QWidget *parent = nullptr);

    // Shows `text`; `actionText`, when not empty, is a button that emits actionTriggered().
    // `timeout` 0 keeps the bar until the user closes it.
    void showMessage(Kind kind, const QString &text, const QString &actionText = {},
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(8000));
    [[nodiscard]] QString text() const;
    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] QPushButton *actionButton() const { return m_action; }

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_label;
    QPushButton *m_action;
    QToolButton *m_close;
    QTimer *m_timer;
    Kind m_kind = Kind::Information;
};

} // namespace fumi::ui
