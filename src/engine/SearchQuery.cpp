// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/SearchQuery.h"

#include "core/ImapSyntax.h"

#include <algorithm>
#include <optional>

namespace fumi::engine {

namespace {

using Kind = SearchTerm::Kind;

// Deeper nesting than this is no query a person types; the limit keeps the recursion bounded.
constexpr int maxDepth = 64;

const char *kindName(Kind kind)
{
    switch (kind) {
    case Kind::And:
        return "and";
    case Kind::Or:
        return "or";
    case Kind::Not:
        return "not";
    case Kind::Text:
        return "text";
    case Kind::From:
        return "from";
    case Kind::To:
        return "to";
    case Kind::Cc:
        return "cc";
    case Kind::Bcc:
        return "bcc";
    case Kind::Subject:
        return "subject";
    case Kind::Body:
        return "body";
    case Kind::HasAttachment:
        return "attachment";
    case Kind::Unread:
        return "unread";
    case Kind::Read:
        return "read";
    case Kind::Flagged:
        return "flagged";
    case Kind::Answered:
        return "answered";
    case Kind::Draft:
        return "draft";
    case Kind::Keyword:
        return "keyword";
    case Kind::Before:
        return "before";
    case Kind::After:
        return "after";
    case Kind::On:
        return "on";
    case Kind::Larger:
        return "larger";
    case Kind::Smaller:
        return "smaller";
    }
    return "?";
}

// The operators the language knows, for "did you mean" suggestions.
const char *const operatorNames[]
    = {"from",   "to",    "cc", "bcc",        "subject",    "body",   "has",     "is", "keyword",
       "before", "after", "on", "newer_than", "older_than", "larger", "smaller", "in", "account"};

int editDistance(QStringView a, QStringView b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[size_t(j)] = std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[size_t(b.size())];
}

QString quoted(QStringView text)
{
    return QString(QStringLiteral("“") + text + QStringLiteral("”"));
}

bool isWordChar(QChar c)
{
    return !c.isSpace() && c != QLatin1Char('(') && c != QLatin1Char(')') && c != QLatin1Char('"');
}

class Parser
{
public:
    Parser(QStringView text, QDate today)
        : m_text(text)
        , m_today(today)
    {
    }

    ParseResult<SearchQuery> run()
    {
        SearchQuery query;
        query.root.kind = Kind::And;
        query.root.length = m_text.size();
        m_query = &query;
        if (!andList(query.root, 0))
            return *m_error;
        skipSpace();
        if (m_pos < m_text.size()) // only a ")" stops the top-level list early
            return ParseError{m_pos, SearchQueryParser::tr("“)” without a matching “(”"), 1};
        return query;
    }

private:
    struct Token {
        enum class Type { End, Open, Close, Minus, Or, Word, Operator };
        Type type = Type::End;
        qsizetype offset = 0;
        qsizetype length = 0;
        QString name;  // Operator: lower case, without ":"
        QString value; // Word, Operator: unquoted
        qsizetype valueOffset = 0;
        bool quotedValue = false;
    };

    bool fail(qsizetype offset, qsizetype length, const QString &message)
    {
        if (!m_error)
            m_error = ParseError{offset, message, length};
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }

    // A "quoted phrase" at m_pos (which is at the opening quote); \" and \\ escape.
    bool quotedString(QString &out)
    {
        const qsizetype start = m_pos;
        ++m_pos;
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == QLatin1Char('"')) {
                ++m_pos;
                return true;
            }
            if (c == QLatin1Char('\\') && m_pos + 1 < m_text.size()
                && (m_text[m_pos + 1] == QLatin1Char('"') || m_text[m_pos + 1] == QLatin1Char('\\'))) {
                out.append(m_text[m_pos + 1]);
                m_pos += 2;
                continue;
            }
            out.append(c);
            ++m_pos;
        }
        return fail(start, 1, SearchQueryParser::tr("Missing closing quote for the phrase that starts here"));
    }

    // Reads the next token without consuming it when `peekOnly`.
    bool next(Token &token, bool peekOnly = false)
    {
        skipSpace();
        const qsizetype start = m_pos;
        token = Token{};
        token.offset = start;
        bool ok = lex(token);
        token.length = m_pos - start;
        if (peekOnly)
            m_pos = start;
        return ok;
    }

    bool lex(Token &token)
    {
        if (m_pos >= m_text.size())
            return true;
        const QChar c = m_text[m_pos];
        if (c == QLatin1Char('(')) {
            ++m_pos;
            token.type = Token::Type::Open;
            return true;
        }
        if (c == QLatin1Char(')')) {
            ++m_pos;
            token.type = Token::Type::Close;
            return true;
        }
        if (c == QLatin1Char('-')) {
            ++m_pos;
            if (m_pos >= m_text.size() || m_text[m_pos].isSpace() || m_text[m_pos] == QLatin1Char(')'))
                return fail(m_pos - 1, 1, SearchQueryParser::tr("“-” needs a term right after it, as in -from:bob"));
            token.type = Token::Type::Minus;
            return true;
        }
        if (c == QLatin1Char('"')) {
            token.type = Token::Type::Word;
            token.quotedValue = true;
            token.valueOffset = m_pos;
            return quotedString(token.value);
        }
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && isWordChar(m_text[m_pos]) && m_text[m_pos] != QLatin1Char(':'))
            ++m_pos;
        const QStringView head = m_text.sliced(start, m_pos - start);
        if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char(':') && isOperatorName(head)) {
            ++m_pos;
            token.type = Token::Type::Operator;
            token.name = head.toString().toLower();
            token.valueOffset = m_pos;
            if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char('"')) {
                token.quotedValue = true;
                return quotedString(token.value);
            }
            while (m_pos < m_text.size() && isWordChar(m_text[m_pos]))
                ++m_pos;
            token.value = m_text.sliced(token.valueOffset, m_pos - token.valueOffset).toString();
            return true;
        }
        while (m_pos < m_text.size() && isWordChar(m_text[m_pos]))
            ++m_pos;
        token.value = m_text.sliced(start, m_pos - start).toString();
        token.valueOffset = start;
        token.type = token.value == QLatin1String("OR") ? Token::Type::Or : Token::Type::Word;
        return true;
    }

    // "name:" is an operator when the name is ASCII letters and underscores; anything else
    // (a time "10:30", "日本:東京") is a word.
    static bool isOperatorName(QStringView head)
    {
        if (head.isEmpty())
            return false;
        return std::all_of(head.begin(), head.end(), [](QChar c) {
            return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
                || c == QLatin1Char('_');
        });
    }

    // terms until ")" or the end, into `group` (an And).
    bool andList(SearchTerm &group, int depth)
    {
        while (true) {
            Token token;
            if (!next(token, true))
                return false;
            if (token.type == Token::Type::End || token.type == Token::Type::Close)
                return true;
            std::optional<SearchTerm> term;
            if (!orExpression(term, depth))
                return false;
            if (term)
                append(group, std::move(*term));
        }
    }

    static void append(SearchTerm &group, SearchTerm &&term)
    {
        // (a b) inside a list of terms that must all match is just a and b.
        if (term.kind == Kind::And && group.kind == Kind::And) {
            for (SearchTerm &child : term.children)
                group.children.append(std::move(child));
            return;
        }
        group.children.append(std::move(term));
    }

    // unary (OR unary)*. `term` stays empty for in: and account:, which choose mailboxes.
    bool orExpression(std::optional<SearchTerm> &term, int depth)
    {
        Token scope;
        if (!unary(term, depth, depth == 0, &scope))
            return false;
        Token token;
        if (!next(token, true))
            return false;
        if (token.type != Token::Type::Or)
            return true;
        if (!term)
            return fail(scope.offset, scope.length, scopeMisplaced(scope));
        SearchTerm either;
        either.kind = Kind::Or;
        either.offset = term->offset;
        either.children.append(std::move(*term));
        while (true) {
            if (!next(token, true))
                return false;
            if (token.type != Token::Type::Or)
                break;
            next(token);
            const qsizetype orOffset = token.offset;
            Token after;
            if (!next(after, true))
                return false;
            if (after.type == Token::Type::End || after.type == Token::Type::Close || after.type == Token::Type::Or)
                return fail(orOffset, 2, SearchQueryParser::tr("“OR” needs a term on each side"));
            std::optional<SearchTerm> operand;
            if (!unary(operand, depth, false, nullptr))
                return false;
            if (!operand)
                return fail(orOffset, 2, SearchQueryParser::tr("“OR” needs a term on each side"));
            either.children.append(std::move(*operand));
        }
        either.length = m_pos - either.offset;
        term = std::move(either);
        return true;
    }

    static QString scopeMisplaced(const Token &scope)
    {
        return SearchQueryParser::tr("“%1:” chooses where to search: use it on its own, not inside parentheses, "
                                     "with OR or after “-”")
            .arg(scope.name);
    }

    // ["-"] primary. `top`: in: and account: are allowed here (they fill `scope`).
    bool unary(std::optional<SearchTerm> &term, int depth, bool top, Token *scope)
    {
        Token token;
        if (!next(token))
            return false;
        switch (token.type) {
        case Token::Type::End:
            return true;
        case Token::Type::Close:
            return fail(token.offset, 1, SearchQueryParser::tr("“)” without a matching “(”"));
        case Token::Type::Or:
            return fail(token.offset, 2, SearchQueryParser::tr("“OR” needs a term on each side"));
        case Token::Type::Minus: {
            if (depth >= maxDepth)
                return fail(token.offset, 1, SearchQueryParser::tr("The query nests too deeply"));
            std::optional<SearchTerm> operand;
            if (!unary(operand, depth + 1, false, nullptr))
                return false;
            if (!operand)
                return fail(token.offset, 1, SearchQueryParser::tr("“-” needs a term right after it, as in -from:bob"));
            SearchTerm negation;
            negation.kind = Kind::Not;
            negation.offset = token.offset;
            negation.length = m_pos - token.offset;
            negation.children.append(std::move(*operand));
            term = std::move(negation);
            return true;
        }
        case Token::Type::Open: {
            if (depth >= maxDepth)
                return fail(token.offset, 1, SearchQueryParser::tr("The query nests too deeply"));
            SearchTerm group;
            group.kind = Kind::And;
            group.offset = token.offset;
            if (!andList(group, depth + 1))
                return false;
            Token close;
            if (!next(close) || close.type != Token::Type::Close)
                return fail(token.offset, 1, SearchQueryParser::tr("Missing “)” for the “(” here"));
            if (group.children.isEmpty())
                return fail(token.offset, m_pos - token.offset, SearchQueryParser::tr("Empty parentheses"));
            group.length = m_pos - token.offset;
            if (group.children.size() == 1)
                term = std::move(group.children.first());
            else
                term = std::move(group);
            return true;
        }
        case Token::Type::Word: {
            SearchTerm text;
            text.kind = Kind::Text;
            text.text = token.value;
            text.offset = token.offset;
            text.length = token.length;
            if (text.text.isEmpty())
                return fail(token.offset, token.length, SearchQueryParser::tr("Empty phrase"));
            term = std::move(text);
            return true;
        }
        case Token::Type::Operator:
            return operatorTerm(token, term, top, scope);
        }
        return true;
    }

    bool operatorTerm(const Token &token, std::optional<SearchTerm> &term, bool top, Token *scope)
    {
        SearchTerm t;
        t.offset = token.offset;
        t.length = token.length;
        const QString &name = token.name;
        const QString &value = token.value;
        const qsizetype valueLength = token.offset + token.length - token.valueOffset;
        auto badValue = [&](const QString &message) {
            return fail(token.valueOffset, valueLength, message);
        };

        static const std::pair<const char *, Kind> textOperators[] = {
            {"from", Kind::From}, {"to", Kind::To},           {"cc", Kind::Cc},
            {"bcc", Kind::Bcc},   {"subject", Kind::Subject}, {"body", Kind::Body},
        };
        const bool known = std::any_of(std::begin(operatorNames), std::end(operatorNames), [&](const char *each) {
            return name == QLatin1String(each);
        });
        if (!known)
            return unknownOperator(token);
        if (value.isEmpty())
            return fail(token.offset, token.length,
                        token.quotedValue
                            ? SearchQueryParser::tr("“%1:” needs a value, not an empty phrase").arg(name)
                            : SearchQueryParser::tr("“%1:” needs a value right after the colon").arg(name));

        for (const auto &[operatorName, kind] : textOperators) {
            if (name == QLatin1String(operatorName)) {
                t.kind = kind;
                t.text = value;
                term = std::move(t);
                return true;
            }
        }
        if (name == QLatin1String("has")) {
            if (value.compare(QLatin1String("attachment"), Qt::CaseInsensitive) != 0)
                return badValue(
                    SearchQueryParser::tr("Unknown value %1 for “has:”; use has:attachment").arg(quoted(value)));
            t.kind = Kind::HasAttachment;
        } else if (name == QLatin1String("is")) {
            static const std::pair<const char *, Kind> states[] = {
                {"unread", Kind::Unread},   {"read", Kind::Read},         {"flagged", Kind::Flagged},
                {"starred", Kind::Flagged}, {"answered", Kind::Answered}, {"draft", Kind::Draft},
            };
            const auto it = std::find_if(std::begin(states), std::end(states), [&](const auto &each) {
                return value.compare(QLatin1String(each.first), Qt::CaseInsensitive) == 0;
            });
            if (it == std::end(states))
                return badValue(SearchQueryParser::tr("Unknown value %1 for “is:”; use unread, read, flagged, "
                                                      "answered or draft")
                                    .arg(quoted(value)));
            t.kind = it->second;
        } else if (name == QLatin1String("keyword")) {
            const bool atom = std::all_of(value.begin(), value.end(), [](QChar c) {
                return c.unicode() < 0x80 && ImapSyntax::isAtomChar(char(c.unicode()));
            });
            if (!atom)
                return badValue(SearchQueryParser::tr("%1 cannot be a keyword: keywords are ASCII letters, digits "
                                                      "and punctuation, without spaces or ( ) { } % * \\ \" ]")
                                    .arg(quoted(value)));
            t.kind = Kind::Keyword;
            t.text = value;
        } else if (name == QLatin1String("before") || name == QLatin1String("after") || name == QLatin1String("on")) {
            const QDate date = parseDate(value);
            if (!date.isValid())
                return badValue(SearchQueryParser::tr("%1 is not a date (YYYY-MM-DD)").arg(quoted(value)));
            t.kind = name == QLatin1String("before") ? Kind::Before
                : name == QLatin1String("after")     ? Kind::After
                                                     : Kind::On;
            t.date = date;
        } else if (name == QLatin1String("newer_than") || name == QLatin1String("older_than")) {
            const QDate start = span(value);
            if (!start.isValid())
                return badValue(SearchQueryParser::tr("%1 is not a time span (7d, 2w, 3m, 1y)").arg(quoted(value)));
            // newer_than:7d: the last seven days and today, so after the day before them.
            if (name == QLatin1String("newer_than")) {
                t.kind = Kind::After;
                t.date = start.addDays(-1);
            } else {
                t.kind = Kind::Before;
                t.date = start;
            }
        } else if (name == QLatin1String("larger") || name == QLatin1String("smaller")) {
            const std::optional<quint64> bytes = size(value);
            if (!bytes)
                return badValue(SearchQueryParser::tr("%1 is not a size (10k, 5M)").arg(quoted(value)));
            t.kind = name == QLatin1String("larger") ? Kind::Larger : Kind::Smaller;
            t.size = *bytes;
        } else { // in:, account:
            if (!top || !scope)
                return fail(token.offset, token.length, scopeMisplaced(token));
            *scope = token;
            if (name == QLatin1String("account"))
                m_query->accounts.append(value);
            else if (!token.quotedValue && value.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
                m_query->allFolders = true;
            else
                m_query->folders.append(value);
            return true; // no condition on the messages
        }
        term = std::move(t);
        return true;
    }

    bool unknownOperator(const Token &token)
    {
        QString best;
        int bestDistance = 3;
        for (const char *each : operatorNames) {
            const QString candidate = QLatin1String(each);
            const int distance = editDistance(token.name, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        const QString typed = token.name + QLatin1Char(':');
        const qsizetype length = token.valueOffset - token.offset;
        if (!best.isEmpty())
            return fail(token.offset, length,
                        SearchQueryParser::tr("Unknown operator %1; did you mean %2?")
                            .arg(quoted(typed), quoted(QString(best + QLatin1Char(':')))));
        return fail(token.offset, length,
                    SearchQueryParser::tr("Unknown operator %1; put the words in quotes to search for them as text")
                        .arg(quoted(typed)));
    }

    static QDate parseDate(const QString &value)
    {
        // Exactly YYYY-MM-DD: QDate alone would also take other ISO forms.
        if (value.size() != 10 || value[4] != QLatin1Char('-') || value[7] != QLatin1Char('-'))
            return {};
        for (qsizetype i : {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (value[i] < QLatin1Char('0') || value[i] > QLatin1Char('9'))
                return {};
        }
        return QDate::fromString(value, Qt::ISODate);
    }

    QDate span(const QString &value) const
    {
        if (value.size() < 2)
            return {};
        bool ok = false;
        const int count = value.first(value.size() - 1).toInt(&ok);
        if (!ok || count < 0 || count > 100000 || !value.front().isDigit())
            return {};
        switch (value.back().toLower().unicode()) {
        case 'd':
            return m_today.addDays(-count);
        case 'w':
            return m_today.addDays(-7LL * count);
        case 'm':
            return m_today.addMonths(-count);
        case 'y':
            return m_today.addYears(-count);
        default:
            return {};
        }
    }

    static std::optional<quint64> size(const QString &value)
    {
        QStringView digits = value;
        quint64 unit = 1;
        if (!value.isEmpty() && !value.back().isDigit()) {
            switch (value.back().toLower().unicode()) {
            case 'k':
                unit = 1024;
                break;
            case 'm':
                unit = 1024 * 1024;
                break;
            case 'g':
                unit = 1024 * 1024 * 1024;
                break;
            default:
                return std::nullopt;
            }
            digits.chop(1);
        }
        if (digits.isEmpty() || !std::all_of(digits.begin(), digits.end(), [](QChar c) {
                return c >= QLatin1Char('0') && c <= QLatin1Char('9');
            }))
            return std::nullopt;
        bool ok = false;
        const quint64 number = digits.toULongLong(&ok);
        // IMAP's LARGER and SMALLER take a 32-bit number in IMAP4rev1.
        constexpr quint64 limit = 0xffffffffULL;
        if (!ok || number > limit / unit)
            return std::nullopt;
        return number * unit;
    }

    QStringView m_text;
    QDate m_today;
    qsizetype m_pos = 0;
    SearchQuery *m_query = nullptr;
    std::optional<ParseError> m_error;
};

} // namespace

QString SearchTerm::toString() const
{
    QString out = QLatin1Char('(') + QLatin1String(kindName(kind));
    switch (kind) {
    case Kind::And:
    case Kind::Or:
    case Kind::Not:
        for (const SearchTerm &child : children)
            out += QLatin1Char(' ') + child.toString();
        break;
    case Kind::Text:
    case Kind::From:
    case Kind::To:
    case Kind::Cc:
    case Kind::Bcc:
    case Kind::Subject:
    case Kind::Body:
    case Kind::Keyword:
        out += QStringLiteral(" \"") + text + QLatin1Char('"');
        break;
    case Kind::Before:
    case Kind::After:
    case Kind::On:
        out += QLatin1Char(' ') + date.toString(Qt::ISODate);
        break;
    case Kind::Larger:
    case Kind::Smaller:
        out += QLatin1Char(' ') + QString::number(size);
        break;
    default:
        break;
    }
    return out + QLatin1Char(')');
}

ParseResult<SearchQuery> SearchQueryParser::parse(QStringView text, QDate today)
{
    return Parser(text, today).run();
}

} // namespace fumi::engine
