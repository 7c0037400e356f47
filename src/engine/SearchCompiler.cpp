// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/SearchCompiler.h"

#include "core/ImapSyntax.h"
#include "engine/MessageStructure.h"
#include "imap/Connection.h"

#include <QLocale>

#include <algorithm>

namespace fumi::engine {

namespace {

using Kind = SearchTerm::Kind;

// has:attachment's superset (see the class comment): a top-level Content-Disposition with the
// first, or a top-level Content-Type with one of the others.
constexpr const char *attachmentDisposition = "attachment";
constexpr const char *attachmentTypes[]
    = {"multipart/mixed",  "multipart/related", "multipart/signed", "multipart/encrypted",
       "multipart/report", "application/",      "image/",           "audio/",
       "video/",           "message/"};

bool isAscii(const QString &text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() < 0x80;
    });
}

bool anyNonAscii(const SearchTerm &term)
{
    if (!isAscii(term.text))
        return true;
    return std::any_of(term.children.begin(), term.children.end(), anyNonAscii);
}

// RFC 9051 date: 1*2DIGIT "-" month "-" 4DIGIT, with English month names whatever the locale.
QByteArray imapDate(QDate date)
{
    static const char *const months[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return QByteArray::number(date.day()) + '-' + months[date.month() - 1] + '-'
        + QByteArray::number(date.year()).rightJustified(4, '0');
}

bool isAtom(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return c.unicode() < 0x80 && ImapSyntax::isAtomChar(char(c.unicode()));
    });
}

class KeyWriter
{
public:
    explicit KeyWriter(imap::Command &command)
        : m_command(command)
    {
    }

    std::optional<ParseError> error;

    // `nested`: the key stands where one key is expected (under OR or NOT), so a list of
    // several keys needs parentheses.
    void write(const SearchTerm &term, bool nested)
    {
        switch (term.kind) {
        case Kind::And:
            if (term.children.isEmpty()) {
                m_command.raw("ALL");
            } else if (term.children.size() == 1) {
                write(term.children.first(), nested);
            } else {
                if (nested)
                    m_command.openList();
                for (const SearchTerm &child : term.children)
                    write(child, false);
                if (nested)
                    m_command.closeList();
            }
            return;
        case Kind::Or:
            writeOr(term.children, 0);
            return;
        case Kind::Not:
            m_command.raw("NOT");
            if (term.children.isEmpty())
                m_command.raw("ALL");
            else
                write(term.children.first(), true);
            return;
        case Kind::Text:
            return string("TEXT", term.text);
        case Kind::From:
            return string("FROM", term.text);
        case Kind::To:
            return string("TO", term.text);
        case Kind::Cc:
            return string("CC", term.text);
        case Kind::Bcc:
            return string("BCC", term.text);
        case Kind::Subject:
            return string("SUBJECT", term.text);
        case Kind::Body:
            return string("BODY", term.text);
        case Kind::HasAttachment: {
            // See the class comment for why this superset. Only positive keys: HEADER matches
            // anywhere in the field, parameters included, so a NOT HEADER Content-Type "text/"
            // also dropped every multipart/related; type="text/html".
            m_command.raw("OR HEADER Content-Disposition").string(attachmentDisposition);
            for (std::size_t i = 0; i + 1 < std::size(attachmentTypes); ++i)
                m_command.raw("OR HEADER Content-Type").string(attachmentTypes[i]);
            m_command.raw("HEADER Content-Type").string(attachmentTypes[std::size(attachmentTypes) - 1]);
            return;
        }
        case Kind::Unread:
            m_command.raw("UNSEEN");
            return;
        case Kind::Read:
            m_command.raw("SEEN");
            return;
        case Kind::Flagged:
            m_command.raw("FLAGGED");
            return;
        case Kind::Answered:
            m_command.raw("ANSWERED");
            return;
        case Kind::Draft:
            m_command.raw("DRAFT");
            return;
        case Kind::Keyword:
            if (!isAtom(term.text)) {
                if (!error)
                    error = ParseError{term.offset,
                                       SearchCompiler::tr("“%1” cannot be a keyword: keywords are ASCII without "
                                                          "spaces or special characters")
                                           .arg(term.text),
                                       term.length};
                return;
            }
            m_command.raw("KEYWORD").raw(term.text.toLatin1());
            return;
        case Kind::Before:
            m_command.raw("BEFORE").raw(imapDate(term.date));
            return;
        case Kind::After:
            m_command.raw("SINCE").raw(imapDate(term.date.addDays(1)));
            return;
        case Kind::On:
            m_command.raw("ON").raw(imapDate(term.date));
            return;
        case Kind::Larger:
            m_command.raw("LARGER").number(term.size);
            return;
        case Kind::Smaller:
            m_command.raw("SMALLER").number(term.size);
            return;
        }
    }

private:
    void string(const char *key, const QString &value) { m_command.raw(key).string(value.toUtf8()); }

    // IMAP's OR takes two keys: a OR b OR c is OR a (OR b c).
    void writeOr(const QList<SearchTerm> &operands, qsizetype from)
    {
        if (from == operands.size() - 1) {
            write(operands[from], true);
            return;
        }
        m_command.raw("OR");
        write(operands[from], true);
        writeOr(operands, from + 1);
    }

    imap::Command &m_command;
};

// Gmail's syntax for one term, or empty when it has none.
QString gmailValue(const QString &text)
{
    if (text.isEmpty())
        return QStringLiteral("\"\"");
    const bool plain = std::none_of(text.begin(), text.end(), [](QChar c) {
        return c.isSpace() || c == QLatin1Char('"') || c == QLatin1Char('(') || c == QLatin1Char(')')
            || c == QLatin1Char('{') || c == QLatin1Char('}') || c == QLatin1Char('-') || c == QLatin1Char(':');
    });
    if (plain && text != QLatin1String("OR") && text != QLatin1String("AND"))
        return text;
    QString inner = text;
    inner.replace(QLatin1Char('"'), QLatin1Char(' '));
    return QString(QLatin1Char('"') + inner + QLatin1Char('"'));
}

QString gmailDate(QDate date)
{
    return date.toString(QStringLiteral("yyyy/MM/dd"));
}

bool gmailTerm(const SearchTerm &term, QString &out, bool nested)
{
    switch (term.kind) {
    case Kind::And: {
        if (term.children.isEmpty())
            return false; // "everything" has no Gmail query; plain ALL says it
        QStringList parts;
        for (const SearchTerm &child : term.children) {
            QString part;
            if (!gmailTerm(child, part, false))
                return false;
            parts.append(part);
        }
        out = parts.join(QLatin1Char(' '));
        if (nested && parts.size() > 1)
            out = QString(QLatin1Char('(') + out + QLatin1Char(')'));
        return true;
    }
    case Kind::Or: {
        QStringList parts;
        for (const SearchTerm &child : term.children) {
            QString part;
            if (!gmailTerm(child, part, true))
                return false;
            parts.append(part);
        }
        out = QString(QLatin1Char('(') + parts.join(QLatin1String(" OR ")) + QLatin1Char(')'));
        return true;
    }
    case Kind::Not: {
        QString inner;
        if (term.children.isEmpty() || !gmailTerm(term.children.first(), inner, true))
            return false;
        out = QString(QLatin1Char('-') + inner);
        return true;
    }
    case Kind::Text:
    case Kind::Body:
        out = gmailValue(term.text);
        return true;
    case Kind::From:
        out = QString(QLatin1String("from:") + gmailValue(term.text));
        return true;
    case Kind::To:
        out = QString(QLatin1String("to:") + gmailValue(term.text));
        return true;
    case Kind::Cc:
        out = QString(QLatin1String("cc:") + gmailValue(term.text));
        return true;
    case Kind::Bcc:
        out = QString(QLatin1String("bcc:") + gmailValue(term.text));
        return true;
    case Kind::Subject:
        out = QString(QLatin1String("subject:") + gmailValue(term.text));
        return true;
    case Kind::HasAttachment:
        out = QStringLiteral("has:attachment");
        return true;
    case Kind::Unread:
        out = QStringLiteral("is:unread");
        return true;
    case Kind::Read:
        out = QStringLiteral("is:read");
        return true;
    case Kind::Flagged:
        out = QStringLiteral("is:starred");
        return true;
    case Kind::Answered:
    case Kind::Draft:
    case Kind::Keyword:
        return false;
    // Gmail's after: includes its day and before: excludes it, on the day in the account's
    // time zone; our after:D is Gmail's after:D+1.
    case Kind::Before:
        out = QString(QLatin1String("before:") + gmailDate(term.date));
        return true;
    case Kind::After:
        out = QString(QLatin1String("after:") + gmailDate(term.date.addDays(1)));
        return true;
    case Kind::On:
        out = QString(QLatin1String("after:") + gmailDate(term.date) + QLatin1String(" before:")
                      + gmailDate(term.date.addDays(1)));
        if (nested)
            out = QString(QLatin1Char('(') + out + QLatin1Char(')'));
        return true;
    case Kind::Larger:
        out = QString(QLatin1String("larger:") + QString::number(term.size));
        return true;
    case Kind::Smaller:
        out = QString(QLatin1String("smaller:") + QString::number(term.size));
        return true;
    }
    return false;
}

// [CHARSET UTF-8] keys, after the command's RETURN option.
std::optional<ParseError> appendCriteria(imap::Command &command, const SearchTerm &root,
                                         const SearchCapabilities &capabilities, const UidSet &within = {})
{
    if (!capabilities.utf8Accept && anyNonAscii(root))
        command.raw("CHARSET UTF-8");
    if (!within.isEmpty())
        command.raw("UID").sequenceSet(within);
    return SearchCompiler::compile(root, capabilities, command);
}

} // namespace

SearchCapabilities SearchCapabilities::of(const imap::Connection &connection)
{
    SearchCapabilities capabilities;
    capabilities.esearch = connection.hasCapability("ESEARCH") || connection.hasCapability("IMAP4rev2");
    capabilities.utf8Accept
        = std::any_of(connection.enabled().begin(), connection.enabled().end(), [](const QByteArray &each) {
              return each.compare("UTF8=ACCEPT", Qt::CaseInsensitive) == 0;
          });
    capabilities.literalPlus = connection.hasCapability("LITERAL+");
    capabilities.literalMinus = connection.hasCapability("LITERAL-") || connection.hasCapability("IMAP4rev2");
    capabilities.gmail = connection.hasCapability("X-GM-EXT-1");
    capabilities.multisearch = connection.hasCapability("MULTISEARCH");
    return capabilities;
}

imap::Command::Encoding SearchCapabilities::encoding() const
{
    imap::Command::Encoding encoding;
    if (literalPlus)
        encoding.literals = imap::Command::Encoding::Literals::LiteralPlus;
    else if (literalMinus)
        encoding.literals = imap::Command::Encoding::Literals::LiteralMinus;
    encoding.utf8 = utf8Accept;
    return encoding;
}

std::optional<ParseError> SearchCompiler::compile(const SearchTerm &term, const SearchCapabilities &capabilities,
                                                  imap::Command &command)
{
    if (capabilities.gmail) {
        const QString raw = gmailQuery(term);
        if (!raw.isEmpty()) {
            command.raw("X-GM-RAW").string(raw.toUtf8());
            return std::nullopt;
        }
    }
    KeyWriter writer(command);
    writer.write(term, false);
    return writer.error;
}

ParseResult<imap::Command> SearchCompiler::uidSearch(const SearchTerm &root, const SearchCapabilities &capabilities,
                                                     const UidSet &within)
{
    imap::Command command("UID SEARCH");
    if (capabilities.esearch)
        command.raw("RETURN (ALL COUNT)");
    if (std::optional<ParseError> error = appendCriteria(command, root, capabilities, within))
        return *error;
    return command;
}

ParseResult<imap::Command> SearchCompiler::multiSearch(const SearchTerm &root, const QStringList &mailboxes,
                                                       const SearchCapabilities &capabilities)
{
    imap::Command command("ESEARCH");
    // RFC 7377's grammar: "mailboxes" takes one mailbox or a parenthesised list of them.
    command.raw("IN").openList().raw("mailboxes");
    if (mailboxes.size() != 1)
        command.openList();
    for (const QString &mailbox : mailboxes)
        command.mailbox(mailbox);
    if (mailboxes.size() != 1)
        command.closeList();
    command.closeList().raw("RETURN (ALL COUNT)");
    if (std::optional<ParseError> error = appendCriteria(command, root, capabilities))
        return *error;
    return command;
}

QString SearchCompiler::gmailQuery(const SearchTerm &root)
{
    QString out;
    return gmailTerm(root, out, false) ? out : QString();
}

bool SearchCompiler::readsText(const SearchTerm &root)
{
    if (root.kind == Kind::Body || root.kind == Kind::Text || root.kind == Kind::Bcc)
        return true;
    return std::any_of(root.children.begin(), root.children.end(), [](const SearchTerm &child) {
        return readsText(child);
    });
}

bool SearchCompiler::refinedHasAttachment(const MessageStructure &structure)
{
    if (!structure.hasAttachments())
        return false;
    const MessagePart &root = structure.root();
    if (root.disposition == attachmentDisposition)
        return true;
    // HEADER finds its string anywhere in the field: a top-level type that begins with one of
    // the superset's is found.
    const QByteArray type = root.mimeType();
    return std::any_of(std::begin(attachmentTypes), std::end(attachmentTypes), [&type](const char *wanted) {
        return type.startsWith(wanted);
    });
}

bool SearchCompiler::needsAttachmentRefinement(const SearchTerm &root, const SearchCapabilities &capabilities)
{
    if (capabilities.gmail && !gmailQuery(root).isEmpty())
        return false;
    if (root.kind == Kind::HasAttachment)
        return true;
    return root.kind == Kind::And && std::any_of(root.children.begin(), root.children.end(), [](const SearchTerm &c) {
               return c.kind == Kind::HasAttachment;
           });
}

} // namespace fumi::engine
