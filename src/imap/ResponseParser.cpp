// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/ResponseParser.h"

#include "core/Ascii.h"
#include "core/ImapSyntax.h"
#include "core/ModifiedUtf7.h"

#include <QStringDecoder>
#include <QTimeZone>
#include <cstring>

#include <array>
#include <limits>
#include <utility>

namespace fumi::imap {

namespace {

using Ascii::equalsNoCase;

using ImapSyntax::isAstringChar;
using ImapSyntax::isAtomChar;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Bytes that end the plain part of a quoted string: the closing quote, an escape, a line end.
constexpr auto quotedStops = [] {
    std::array<bool, 256> stops{};
    stops[uchar('"')] = stops[uchar('\\')] = stops[uchar('\r')] = stops[uchar('\n')] = true;
    return stops;
}();

// The cursor over one response and the grammar's building blocks. Every reading function
// returns false after recording the first error; callers pass that false straight up.
class Reader
{
public:
    Reader(QByteArrayView input, const ResponseParser::Options &options,
           const std::vector<ResponseFramer::StreamedLiteral> &streamed)
        : m_in(input)
        , m_options(options)
        , m_streamed(streamed)
    {
    }

    // The streamed literal read last, if the last literal was one; cleared by taking it.
    const ResponseFramer::StreamedLiteral *takeStreamed() { return std::exchange(m_lastStreamed, nullptr); }

    const ParseError &error() const { return m_error; }
    qsizetype pos() const { return m_pos; }

    [[gnu::cold, gnu::noinline]] bool fail(const QString &message)
    {
        if (!m_failed) {
            m_failed = true;
            m_error = ParseError{m_pos, message};
        }
        return false;
    }

    bool failAt(qsizetype position, const QString &message)
    {
        m_pos = position;
        return fail(message);
    }

    bool atEnd() const { return m_pos >= m_in.size(); }
    char peek() const { return m_pos < m_in.size() ? m_in[m_pos] : '\0'; }
    char peekAt(qsizetype ahead) const { return m_pos + ahead < m_in.size() ? m_in[m_pos + ahead] : '\0'; }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    bool expect(char c)
    {
        if (peek() == c) {
            ++m_pos;
            return true;
        }
        return failExpected(c);
    }
    [[gnu::cold, gnu::noinline]] bool failExpected(char c)
    {
        return fail(QStringLiteral("expected '%1'").arg(QLatin1Char(c)));
    }
    bool space() { return expect(' '); }
    bool expectEnd() { return atEnd() || fail(QStringLiteral("unexpected data at the end of the response")); }

    // A run of characters allowed by `allowed`; empty when there is none.
    template <typename Pred>
    QByteArrayView run(Pred allowed)
    {
        const qsizetype start = m_pos;
        while (m_pos < m_in.size() && allowed(m_in[m_pos]))
            ++m_pos;
        return m_in.sliced(start, m_pos - start);
    }

    bool atom(QByteArrayView &out)
    {
        out = run(isAtomChar);
        return !out.isEmpty() || fail(QStringLiteral("expected an atom"));
    }

    // Case-insensitive keyword; moves past it only when it matches and ends there.
    bool tryKeyword(QByteArrayView keyword)
    {
        // Chains of tryKeyword() pick a FETCH item; most candidates differ in the first letter.
        if (m_pos >= m_in.size() || Ascii::toLower(m_in[m_pos]) != Ascii::toLower(keyword[0]))
            return false;
        if (m_pos + keyword.size() > m_in.size() || !equalsNoCase(m_in.sliced(m_pos, keyword.size()), keyword))
            return false;
        if (isAtomChar(peekAt(keyword.size())))
            return false;
        m_lastKeyword = m_in.sliced(m_pos, keyword.size());
        m_pos += keyword.size();
        return true;
    }

    // Called for every nstring, so spelled out rather than going through tryKeyword().
    bool tryNil()
    {
        if (m_in.size() - m_pos < 3)
            return false;
        const char *p = m_in.data() + m_pos;
        // 'N' and 'n' are the only bytes that become 'n' with the 0x20 bit set; likewise 'i', 'l'.
        if ((p[0] | 0x20) != 'n' || (p[1] | 0x20) != 'i' || (p[2] | 0x20) != 'l')
            return false;
        if (m_in.size() - m_pos > 3 && isAtomChar(p[3]))
            return false;
        m_pos += 3;
        return true;
    }

    // number64 of RFC 9051, up to 2^63-1; `max` narrows it.
    bool number(quint64 &out, quint64 max = quint64(std::numeric_limits<qint64>::max()))
    {
        const qsizetype start = m_pos;
        quint64 value = 0;
        while (isDigit(peek())) {
            const quint64 digit = quint64(peek() - '0');
            if (value > (max - digit) / 10) {
                m_pos = start;
                return fail(QStringLiteral("number larger than %1").arg(max));
            }
            value = value * 10 + digit;
            ++m_pos;
        }
        if (m_pos == start)
            return fail(QStringLiteral("expected a number"));
        out = value;
        return true;
    }

    bool number32(quint32 &out)
    {
        quint64 value = 0;
        if (!number(value, 0xFFFFFFFFu))
            return false;
        out = quint32(value);
        return true;
    }

    bool nzNumber32(quint32 &out)
    {
        const qsizetype start = m_pos;
        if (!number32(out))
            return false;
        if (out == 0) {
            m_pos = start;
            return fail(QStringLiteral("0 where a non-zero number is required"));
        }
        return true;
    }

    // Broken servers send negative sizes and line counts in BODYSTRUCTURE; they count as 0.
    bool tolerantNumber(quint64 &out)
    {
        if (consume('-')) {
            quint64 ignored = 0;
            out = 0;
            return number(ignored);
        }
        return number(out);
    }

    // The first byte from `from` on that ends the plain part of a quoted string, or the end.
    qsizetype plainEnd(qsizetype from) const
    {
        const char *p = m_in.data() + from;
        const char *end = m_in.data() + m_in.size();
        while (p < end && !quotedStops[uchar(*p)])
            ++p;
        return p - m_in.data();
    }

    bool quoted(QByteArray &out)
    {
        const qsizetype start = m_pos;
        if (!expect('"'))
            return false;
        // Most strings have no escapes: one allocation for them.
        const qsizetype end = plainEnd(m_pos);
        if (end < m_in.size() && m_in[end] == '"') {
            out = m_in.sliced(m_pos, end - m_pos).toByteArray();
            m_pos = end + 1;
            return true;
        }
        out.clear();
        while (true) {
            const qsizetype chunk = m_pos;
            while (m_pos < m_in.size()) {
                const char c = m_in[m_pos];
                if (c == '"' || c == '\\' || c == '\r' || c == '\n')
                    break;
                ++m_pos;
            }
            out.append(m_in.sliced(chunk, m_pos - chunk));
            if (atEnd()) {
                m_pos = start;
                return fail(QStringLiteral("unterminated quoted string"));
            }
            const char c = m_in[m_pos];
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c == '\\') {
                const char escaped = peekAt(1);
                if (escaped != '"' && escaped != '\\') {
                    return fail(QStringLiteral("only '\\\"' and '\\\\' may be escaped in a quoted string"));
                }
                out.append(escaped);
                m_pos += 2;
                continue;
            }
            return fail(QStringLiteral("line break inside a quoted string"));
        }
    }

    // A quoted string without escapes, as a view into the input; false (with no error) when it
    // has escapes, so the caller can fall back to quoted().
    bool plainQuotedView(QByteArrayView &out)
    {
        if (peek() != '"')
            return false;
        const qsizetype end = plainEnd(m_pos + 1);
        if (end >= m_in.size() || m_in[end] != '"')
            return false;
        out = m_in.sliced(m_pos + 1, end - m_pos - 1);
        m_pos = end + 1;
        return true;
    }

    // "{N}" or "{N+}" CRLF and N bytes; literal8 ("~{N}") where `binaryAllowed`.
    bool literal(QByteArray &out, bool binaryAllowed = false)
    {
        const qsizetype start = m_pos;
        if (peek() == '~') {
            if (!binaryAllowed)
                return fail(QStringLiteral("literal8 is not allowed here"));
            ++m_pos;
        }
        if (!expect('{'))
            return false;
        quint64 size = 0;
        if (!number(size))
            return false;
        consume('+');
        if (!expect('}'))
            return false;
        consume('\r');
        if (!expect('\n'))
            return false;
        m_lastStreamed = nullptr;
        for (const auto &streamed : m_streamed) {
            if (streamed.offset == m_pos) {
                // Its bytes went to the literal sink; nothing of it is here.
                out.clear();
                m_lastStreamed = &streamed;
                return true;
            }
        }
        if (size > quint64(m_in.size() - m_pos)) {
            m_pos = start;
            return fail(QStringLiteral("literal announces more bytes than the response holds"));
        }
        out = m_in.sliced(m_pos, qsizetype(size)).toByteArray();
        m_pos += qsizetype(size);
        return true;
    }

    bool string(QByteArray &out, bool binaryAllowed = false)
    {
        const char c = peek();
        if (c == '"')
            return quoted(out);
        if (c == '{' || c == '~')
            return literal(out, binaryAllowed);
        return fail(QStringLiteral("expected a string"));
    }

    bool nstring(QByteArray &out, bool *isNil = nullptr, bool binaryAllowed = false)
    {
        if (tryNil()) {
            out.clear();
            if (isNil)
                *isNil = true;
            return true;
        }
        if (isNil)
            *isNil = false;
        return string(out, binaryAllowed);
    }

    // An nstring as a view: into the input when it is a plain quoted string, otherwise into
    // `scratch` (escapes, literals). Valid until the next call with the same scratch.
    bool nstringView(QByteArrayView &out, QByteArray &scratch, bool &isNil)
    {
        isNil = false;
        if (plainQuotedView(out))
            return true;
        if (tryNil()) {
            isNil = true;
            out = {};
            return true;
        }
        if (!string(scratch))
            return false;
        out = scratch;
        return true;
    }

    // NIL, a string, or (tolerating broken servers) an atom, where a string is required.
    bool lenientString(QByteArray &out)
    {
        const char c = peek();
        if (c == '"' || c == '{')
            return string(out);
        if (tryNil()) {
            out.clear();
            return true;
        }
        QByteArrayView word;
        if (!atom(word))
            return false;
        out = word.toByteArray();
        return true;
    }

    bool astring(QByteArray &out)
    {
        const char c = peek();
        if (c == '"' || c == '{')
            return string(out);
        const QByteArrayView word = run(isAstringChar);
        if (word.isEmpty())
            return fail(QStringLiteral("expected an atom or a string"));
        out = word.toByteArray();
        return true;
    }

    bool open()
    {
        if (!expect('('))
            return false;
        if (++m_depth > m_options.maxDepth)
            return fail(QStringLiteral("nested deeper than %1 levels").arg(m_options.maxDepth));
        return true;
    }
    bool close()
    {
        if (!expect(')'))
            return false;
        --m_depth;
        return true;
    }

    bool countElement()
    {
        return ++m_elements <= m_options.maxElements
            || fail(QStringLiteral("more than %1 elements in one response").arg(m_options.maxElements));
    }

    // Skips one value of any shape: a parenthesised list, a string, a literal or an atom-like
    // token (which may carry a bracketed part, as in BODY[...]).
    bool skipValue()
    {
        const char c = peek();
        if (c == '(') {
            if (!open())
                return false;
            while (!consume(')')) {
                if (atEnd())
                    return fail(QStringLiteral("unterminated list"));
                if (!countElement() || !skipValue())
                    return false;
                consume(' ');
            }
            --m_depth;
            return true;
        }
        QByteArray ignored;
        if (c == '"' || c == '{' || c == '~')
            return string(ignored, true);
        const qsizetype start = m_pos;
        while (!atEnd()) {
            const char d = peek();
            if (d == '[') {
                while (!atEnd() && peek() != ']')
                    ++m_pos;
                if (!expect(']'))
                    return false;
                continue;
            }
            if (d == ' ' || d == '(' || d == ')')
                break;
            ++m_pos;
        }
        return m_pos > start || fail(QStringLiteral("expected a value"));
    }

    // The input from `start` to the current position.
    QByteArray slice(qsizetype start) const { return m_in.sliced(start, m_pos - start).toByteArray(); }

    QByteArrayView peekView(qsizetype length) const
    {
        return m_in.sliced(m_pos, std::min(length, m_in.size() - m_pos));
    }

    // "BODY[" or "BINARY[" ahead, without moving.
    bool peekKeywordWithSection(QByteArrayView keyword) const
    {
        return m_pos + keyword.size() < m_in.size() && equalsNoCase(m_in.sliced(m_pos, keyword.size()), keyword)
            && m_in[m_pos + keyword.size()] == '[';
    }

    // Moves past `keyword` when it is next, whatever follows it.
    bool tryKeywordPrefix(QByteArrayView keyword)
    {
        if (m_pos + keyword.size() > m_in.size() || !equalsNoCase(m_in.sliced(m_pos, keyword.size()), keyword))
            return false;
        m_lastKeyword = m_in.sliced(m_pos, keyword.size());
        m_pos += keyword.size();
        return true;
    }

    QByteArrayView lastKeyword() const { return m_lastKeyword; }

    QByteArrayView rest()
    {
        const QByteArrayView tail = m_in.sliced(m_pos);
        m_pos = m_in.size();
        return tail;
    }

    bool mailboxName(QByteArray &raw, QString &name, QString &error)
    {
        if (!astring(raw))
            return false;
        if (equalsNoCase(raw, "INBOX")) {
            name = QStringLiteral("INBOX");
            return true;
        }
        if (m_options.utf8MailboxNames) {
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            name = decoder(raw);
            if (decoder.hasError()) {
                name.clear();
                error = QStringLiteral("mailbox name is not valid UTF-8");
            }
            return true;
        }
        auto decoded = ModifiedUtf7::decode(raw);
        if (decoded)
            name = std::move(decoded).value();
        else
            error = decoded.error().message;
        return true;
    }

    // A flag list "(...)" into `flags`; "\*" sets *wildcard when given, and is an error otherwise.
    bool flagList(Flags &flags, bool *wildcard = nullptr)
    {
        if (!open())
            return false;
        while (!consume(')')) {
            if (!countElement())
                return false;
            const qsizetype start = m_pos;
            if (consume('\\') && consume('*')) {
                if (!wildcard) {
                    m_pos = start;
                    return fail(QStringLiteral("'\\*' in a message's flags"));
                }
                *wildcard = true;
            } else {
                m_pos = start;
                consume('\\');
                run(isAtomChar);
                if (m_pos == start || !flags.addName(m_in.sliced(start, m_pos - start))) {
                    m_pos = start;
                    return fail(QStringLiteral("invalid flag"));
                }
            }
            if (peek() != ')' && !space())
                return false;
        }
        --m_depth;
        return true;
    }

    // A sequence set as text, read up to the next space, ')' or ']'.
    bool sequenceSet(UidSet &out)
    {
        const qsizetype start = m_pos;
        const QByteArrayView text = run([](char c) {
            return isDigit(c) || c == ':' || c == ',' || c == '*';
        });
        auto parsed = UidSet::fromImapSequenceSet(text, 0);
        if (!parsed) {
            m_pos = start + parsed.error().offset;
            return fail(parsed.error().message);
        }
        if (!countElement())
            return false;
        out = std::move(parsed).value();
        return true;
    }

    // A sequence set whose order matters (COPYUID): its ranges as listed.
    bool orderedRanges(std::vector<UidSet::Range> &out)
    {
        while (true) {
            if (!countElement())
                return false;
            quint32 first = 0;
            quint32 last = 0;
            if (!nzNumber32(first))
                return false;
            last = first;
            if (consume(':') && !nzNumber32(last))
                return false;
            out.push_back(first <= last ? UidSet::Range{first, last} : UidSet::Range{last, first});
            if (!consume(','))
                return true;
        }
    }

private:
    QByteArrayView m_in;
    QByteArrayView m_lastKeyword;
    const ResponseParser::Options &m_options;
    const std::vector<ResponseFramer::StreamedLiteral> &m_streamed;
    const ResponseFramer::StreamedLiteral *m_lastStreamed = nullptr;
    qsizetype m_pos = 0;
    int m_depth = 0;
    qsizetype m_elements = 0;
    bool m_failed = false;
    ParseError m_error;
};

class Parser
{
public:
    Parser(QByteArrayView input, const ResponseParser::Options &options,
           const std::vector<ResponseFramer::StreamedLiteral> &streamed)
        : r(input, options, streamed)
    {
    }

    // Parses into `out`; false on error, with error() set.
    bool parse(Response &out);
    const ParseError &error() const { return r.error(); }

private:
    bool statusResponse(StatusResponse &out);
    bool responseCode(ResponseCode &code);
    bool capabilityList(QByteArrayList &out);
    bool untagged(Response &out);
    bool numbered(quint32 number, Response &out);
    bool id(IdResponse &out);
    bool namespaces(QList<NamespaceResponse::Namespace> &out);
    bool list(ListResponse &out);
    bool mailboxStatus(MailboxStatusResponse &out);
    bool search(SearchResponse &out);
    bool esearch(ESearchResponse &out);
    bool thread(ThreadResponse &out);
    bool vanished(VanishedResponse &out);
    bool fetch(FetchResponse &out);
    bool section(QByteArray &out, std::optional<quint64> *origin);
    bool envelope(Envelope &out);
    bool addresses(Envelope &out, Envelope::AddressList list);
    bool body(BodyStructure &out, bool &hasExtensions);
    bool bodyParameters(ParameterList &out);
    bool bodyExtensions(BodyStructure &out, bool multipart);
    bool internalDate(QDateTime &out);
    bool delimiter(char &out);

    Reader r;
};

bool Parser::parse(Response &response)
{
    bool ok = false;
    if (r.consume('+')) {
        ContinuationRequest continuation;
        if (r.consume(' ') || !r.atEnd())
            continuation.text = r.rest().toByteArray();
        response = std::move(continuation);
        ok = true;
    } else if (r.consume('*')) {
        ok = r.space() && untagged(response);
    } else {
        StatusResponse &status = response.emplace<StatusResponse>();
        const QByteArrayView tag = r.run([](char c) {
            return c != '+' && isAstringChar(c);
        });
        if (tag.isEmpty()) {
            ok = r.fail(QStringLiteral("expected a tag, '*' or '+'"));
        } else {
            status.tag = tag.toByteArray();
            ok = r.space();
            if (ok && (r.tryKeyword("BYE") || r.tryKeyword("PREAUTH")))
                ok = r.failAt(r.pos() - r.lastKeyword().size(), QStringLiteral("BYE and PREAUTH are never tagged"));
            ok = ok && statusResponse(status);
        }
    }
    return ok && r.expectEnd();
}

bool Parser::statusResponse(StatusResponse &out)
{
    using Status = StatusResponse::Status;
    if (r.tryKeyword("OK"))
        out.status = Status::Ok;
    else if (r.tryKeyword("NO"))
        out.status = Status::No;
    else if (r.tryKeyword("BAD"))
        out.status = Status::Bad;
    else if (r.tryKeyword("BYE"))
        out.status = Status::Bye;
    else if (r.tryKeyword("PREAUTH"))
        out.status = Status::PreAuth;
    else
        return r.fail(QStringLiteral("expected OK, NO, BAD, BYE or PREAUTH"));

    // resp-text = ["[" resp-text-code "]" SP] text; real servers omit the text, or the space.
    if (!r.consume(' '))
        return r.expectEnd();
    if (r.consume('[')) {
        if (!responseCode(out.code) || !r.expect(']'))
            return false;
        r.consume(' ');
    }
    out.text = r.rest().toByteArray();
    return true;
}

bool Parser::responseCode(ResponseCode &code)
{
    using Kind = ResponseCode::Kind;
    QByteArrayView name;
    if (!r.atom(name))
        return false;
    code.atom = name.toByteArray();

    struct Simple {
        QByteArrayView name;
        Kind kind;
    };
    static constexpr Simple simple[] = {
        {"ALERT", Kind::Alert},          {"READ-ONLY", Kind::ReadOnly},
        {"READ-WRITE", Kind::ReadWrite}, {"TRYCREATE", Kind::TryCreate},
        {"NOMODSEQ", Kind::NoModSeq},    {"CLOSED", Kind::Closed},
        {"OVERQUOTA", Kind::OverQuota},  {"AUTHENTICATIONFAILED", Kind::AuthenticationFailed},
    };
    for (const Simple &entry : simple) {
        if (equalsNoCase(name, entry.name)) {
            code.kind = entry.kind;
            // Anything after such a code up to ']' carries no meaning.
            while (!r.atEnd() && r.peek() != ']')
                r.consume(r.peek());
            return true;
        }
    }

    if (equalsNoCase(name, "CAPABILITY")) {
        code.kind = Kind::Capability;
        return r.space() && capabilityList(code.capabilities);
    }
    if (equalsNoCase(name, "PERMANENTFLAGS")) {
        code.kind = Kind::PermanentFlags;
        return r.space() && r.flagList(code.flags, &code.mayCreateKeywords);
    }
    if (equalsNoCase(name, "UIDNEXT") || equalsNoCase(name, "UIDVALIDITY") || equalsNoCase(name, "UNSEEN")) {
        code.kind = equalsNoCase(name, "UIDNEXT") ? Kind::UidNext
            : equalsNoCase(name, "UNSEEN")        ? Kind::Unseen
                                                  : Kind::UidValidity;
        quint32 value = 0;
        if (!r.space() || !r.number32(value))
            return false;
        code.number = value;
        return true;
    }
    if (equalsNoCase(name, "HIGHESTMODSEQ")) {
        code.kind = Kind::HighestModSeq;
        return r.space() && r.number(code.number);
    }
    if (equalsNoCase(name, "MODIFIED")) {
        code.kind = Kind::Modified;
        return r.space() && r.sequenceSet(code.uids);
    }
    if (equalsNoCase(name, "APPENDUID")) {
        code.kind = Kind::AppendUid;
        quint32 validity = 0;
        if (!r.space() || !r.nzNumber32(validity) || !r.space() || !r.sequenceSet(code.uids))
            return false;
        code.number = validity;
        return true;
    }
    if (equalsNoCase(name, "COPYUID")) {
        code.kind = Kind::CopyUid;
        quint32 validity = 0;
        if (!r.space() || !r.nzNumber32(validity) || !r.space() || !r.orderedRanges(code.sourceUids) || !r.space()
            || !r.orderedRanges(code.destinationUids))
            return false;
        code.number = validity;
        auto total = [](const std::vector<UidSet::Range> &ranges) {
            quint64 n = 0;
            for (const auto &range : ranges)
                n += quint64(range.last) - range.first + 1;
            return n;
        };
        return total(code.sourceUids) == total(code.destinationUids)
            || r.fail(QStringLiteral("COPYUID lists different numbers of source and destination UIDs"));
    }

    code.kind = Kind::Other;
    if (r.consume(' ')) {
        const QByteArrayView text = r.run([](char c) {
            return c != ']';
        });
        code.text = text.toByteArray();
    }
    return true;
}

bool Parser::capabilityList(QByteArrayList &out)
{
    while (true) {
        QByteArrayView capability;
        if (!r.countElement() || !r.atom(capability))
            return false;
        out.append(capability.toByteArray());
        // A trailing space before the end or ']' is a common slip.
        if (!r.consume(' ') || r.atEnd() || r.peek() == ']')
            return true;
    }
}

bool Parser::untagged(Response &out)
{
    if (isDigit(r.peek())) {
        quint32 number = 0;
        if (!r.number32(number) || !r.space())
            return false;
        return numbered(number, out);
    }

    for (QByteArrayView status : {"OK", "NO", "BAD", "BYE", "PREAUTH"}) {
        if (equalsNoCase(QByteArrayView(r.peekView(status.size())), status) && !isAtomChar(r.peekAt(status.size()))) {
            StatusResponse response;
            if (!statusResponse(response))
                return false;
            out = std::move(response);
            return true;
        }
    }

    QByteArrayView name;
    if (!r.atom(name))
        return false;
    if (equalsNoCase(name, "CAPABILITY")) {
        CapabilityResponse response;
        if (!r.space() || !capabilityList(response.capabilities))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "ENABLED")) {
        EnabledResponse response;
        if (r.consume(' ') && !r.atEnd() && !capabilityList(response.capabilities))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "ID")) {
        IdResponse response;
        if (!r.space() || !id(response))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "NAMESPACE")) {
        NamespaceResponse response;
        if (!r.space() || !namespaces(response.personal) || !r.space() || !namespaces(response.otherUsers) || !r.space()
            || !namespaces(response.shared))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "LIST") || equalsNoCase(name, "LSUB")) {
        ListResponse response;
        response.lsub = equalsNoCase(name, "LSUB");
        if (!r.space() || !list(response))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "STATUS")) {
        MailboxStatusResponse response;
        if (!r.space() || !mailboxStatus(response))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "FLAGS")) {
        FlagsResponse response;
        if (!r.space() || !r.flagList(response.flags))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "SEARCH")) {
        SearchResponse response;
        if (!search(response))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "ESEARCH")) {
        ESearchResponse response;
        if (!esearch(response))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "THREAD")) {
        ThreadResponse response;
        if (!thread(response))
            return false;
        out = std::move(response);
        return true;
    }
    if (equalsNoCase(name, "VANISHED")) {
        VanishedResponse response;
        if (!r.space() || !vanished(response))
            return false;
        out = std::move(response);
        return true;
    }
    OtherResponse other;
    other.name = name.toByteArray().toUpper();
    if (r.consume(' '))
        other.data = r.rest().toByteArray();
    out = std::move(other);
    return true;
}

bool Parser::numbered(quint32 number, Response &out)
{
    if (r.tryKeyword("EXISTS")) {
        out = ExistsResponse{number};
        return true;
    }
    if (r.tryKeyword("RECENT")) {
        out = RecentResponse{number};
        return true;
    }
    if (r.tryKeyword("EXPUNGE")) {
        if (number == 0)
            return r.fail(QStringLiteral("EXPUNGE of message 0"));
        out = ExpungeResponse{number};
        return true;
    }
    if (r.tryKeyword("FETCH")) {
        if (number == 0)
            return r.fail(QStringLiteral("FETCH of message 0"));
        FetchResponse &response = out.emplace<FetchResponse>();
        response.sequenceNumber = number;
        return r.space() && fetch(response);
    }
    return r.fail(QStringLiteral("expected EXISTS, RECENT, EXPUNGE or FETCH"));
}

bool Parser::id(IdResponse &out)
{
    if (r.tryNil())
        return true;
    if (!r.open())
        return false;
    while (!r.consume(')')) {
        QByteArray key;
        QByteArray value;
        if (!r.countElement() || !r.string(key) || !r.space() || !r.nstring(value))
            return false;
        out.fields.append({key, value});
        if (r.peek() != ')' && !r.space())
            return false;
    }
    return true;
}

bool Parser::delimiter(char &out)
{
    if (r.tryNil()) {
        out = 0;
        return true;
    }
    QByteArray text;
    if (!r.quoted(text))
        return false;
    if (text.size() != 1)
        return r.fail(QStringLiteral("a hierarchy delimiter is one character"));
    out = text[0];
    return true;
}

bool Parser::namespaces(QList<NamespaceResponse::Namespace> &out)
{
    if (r.tryNil())
        return true;
    if (!r.open())
        return false;
    while (!r.consume(')')) {
        NamespaceResponse::Namespace entry;
        if (!r.countElement() || !r.open() || !r.string(entry.prefix) || !r.space() || !delimiter(entry.delimiter))
            return false;
        // namespace-response-extensions: SP string SP "(" string *(SP string) ")"
        while (r.consume(' ')) {
            if (!r.skipValue())
                return false;
        }
        if (!r.close())
            return false;
        out.append(entry);
    }
    return true;
}

bool Parser::list(ListResponse &out)
{
    if (!r.open())
        return false;
    while (!r.consume(')')) {
        if (!r.countElement())
            return false;
        const qsizetype start = r.pos();
        r.consume('\\');
        QByteArrayView attribute;
        if (!r.atom(attribute))
            return false;
        out.attributes.append(r.slice(start));
        if (r.peek() != ')' && !r.space())
            return false;
    }
    if (!r.space() || !delimiter(out.delimiter) || !r.space() || !r.mailboxName(out.rawName, out.name, out.nameError))
        return false;
    if (!r.consume(' '))
        return true;
    // mbox-list-extended = "(" [item *(SP item)] ")"; item = tag SP value
    if (!r.open())
        return false;
    while (!r.consume(')')) {
        QByteArray tag;
        if (!r.countElement() || !r.astring(tag) || !r.space())
            return false;
        if (equalsNoCase(tag, "CHILDINFO")) {
            if (!r.open())
                return false;
            while (!r.consume(')')) {
                QByteArray info;
                if (!r.countElement() || !r.string(info))
                    return false;
                out.childInfo.append(info);
                if (r.peek() != ')' && !r.space())
                    return false;
            }
        } else if (equalsNoCase(tag, "OLDNAME")) {
            if (!r.open() || !r.astring(out.oldName) || !r.close())
                return false;
        } else if (!r.skipValue()) {
            return false;
        }
        if (r.peek() != ')' && !r.space())
            return false;
    }
    return true;
}

bool Parser::mailboxStatus(MailboxStatusResponse &out)
{
    QString ignoredError;
    if (!r.mailboxName(out.rawName, out.name, ignoredError) || !r.space() || !r.open())
        return false;
    while (!r.consume(')')) {
        QByteArrayView name;
        if (!r.countElement() || !r.atom(name) || !r.space())
            return false;
        quint64 value = 0;
        if (!r.number(value))
            return false;
        auto small = [&](std::optional<quint32> &field) {
            if (value > 0xFFFFFFFFu)
                return r.fail(QStringLiteral("STATUS value larger than 32 bits"));
            field = quint32(value);
            return true;
        };
        bool ok = true;
        if (equalsNoCase(name, "MESSAGES"))
            ok = small(out.messages);
        else if (equalsNoCase(name, "RECENT"))
            ok = small(out.recent);
        else if (equalsNoCase(name, "UIDNEXT"))
            ok = small(out.uidNext);
        else if (equalsNoCase(name, "UIDVALIDITY"))
            ok = small(out.uidValidity);
        else if (equalsNoCase(name, "UNSEEN"))
            ok = small(out.unseen);
        else if (equalsNoCase(name, "DELETED"))
            ok = small(out.deleted);
        else if (equalsNoCase(name, "HIGHESTMODSEQ"))
            out.highestModSeq = value;
        else if (equalsNoCase(name, "SIZE"))
            out.size = value;
        if (!ok)
            return false;
        if (r.peek() != ')' && !r.space())
            return false;
    }
    return true;
}

bool Parser::search(SearchResponse &out)
{
    while (r.consume(' ')) {
        if (r.atEnd())
            break; // a trailing space
        if (r.peek() == '(') {
            // "(MODSEQ n)", which ends the response
            if (!r.open() || !r.tryKeyword("MODSEQ") || !r.space())
                return r.fail(QStringLiteral("expected (MODSEQ n)"));
            quint64 modSeq = 0;
            if (!r.number(modSeq) || !r.close())
                return false;
            out.modSeq = modSeq;
            return true;
        }
        quint32 number = 0;
        if (!r.countElement() || !r.nzNumber32(number))
            return false;
        out.numbers.insert(number);
    }
    return true;
}

// thread-data = "THREAD" [SP 1*thread-list]
// thread-list = "(" (thread-members / thread-nested) ")"
// thread-members = nz-number *(SP nz-number) [SP thread-nested]
// thread-nested = 2*thread-list
//
// Read without recursion, with a stack of the lists open (as deep as maxDepth allows): each
// number hangs from the one before it in its list, each nested list from the last number
// before it, and a list that opens with a nested list has a missing parent (a node with UID
// 0). Spaces between lists and a single nested list are accepted: servers differ there, and
// neither changes what the tree means.
bool Parser::thread(ThreadResponse &out)
{
    struct OpenList {
        qint32 attach = -1;  // the node that the list's next member hangs from
        bool empty = true;   // nothing read in it yet
        bool nested = false; // a nested list read: only more of them may follow
    };
    std::vector<OpenList> lists;
    if (!r.consume(' '))
        return true; // "* THREAD": nothing matched
    const auto addNode = [&](Uid uid, qint32 parent) {
        if (!r.countElement())
            return false;
        if (out.nodes.size() >= size_t(std::numeric_limits<qint32>::max()))
            return r.fail(QStringLiteral("too many messages in one THREAD response"));
        out.nodes.push_back({uid, parent});
        return true;
    };
    while (true) {
        if (lists.empty()) {
            while (r.consume(' ')) { }
            if (r.atEnd())
                return true;
            if (!r.open())
                return false;
            lists.push_back({});
            continue;
        }
        if (r.atEnd())
            return r.fail(QStringLiteral("unterminated thread"));
        const char c = r.peek();
        if (c == ')') {
            if (lists.back().empty)
                return r.fail(QStringLiteral("an empty thread"));
            if (!r.close())
                return false;
            lists.pop_back();
            continue;
        }
        if (c == '(') {
            OpenList &list = lists.back();
            if (list.empty) {
                if (!addNode(0, list.attach))
                    return false;
                list.attach = qint32(out.nodes.size() - 1);
            }
            list.empty = false;
            list.nested = true;
            const qint32 attach = list.attach;
            if (!r.open())
                return false;
            lists.push_back({attach, true, false});
            continue;
        }
        OpenList &list = lists.back();
        if (!list.empty && !r.space())
            return false;
        if (r.peek() == '(' || r.peek() == ')')
            continue;
        if (list.nested)
            return r.fail(QStringLiteral("a thread member after its nested threads"));
        quint32 uid = 0;
        if (!r.nzNumber32(uid) || !addNode(uid, list.attach))
            return false;
        list.attach = qint32(out.nodes.size() - 1);
        list.empty = false;
    }
}

bool Parser::esearch(ESearchResponse &out)
{
    if (!r.consume(' '))
        return true;
    // search-correlator = SP "(" "TAG" SP tag-string *(SP tagged-ext) ")"
    if (r.peek() == '(') {
        if (!r.open() || !r.tryKeyword("TAG") || !r.space() || !r.string(out.tag))
            return r.fail(QStringLiteral("expected (TAG \"...\")"));
        // RFC 7377 (MULTISEARCH) adds the mailbox and its UIDVALIDITY; others are skipped.
        while (r.consume(' ')) {
            QByteArrayView name;
            if (!r.atom(name) || !r.space())
                return false;
            if (equalsNoCase(name, "MAILBOX")) {
                QString ignoredError;
                if (!r.mailboxName(out.rawMailbox, out.mailbox, ignoredError))
                    return false;
            } else if (equalsNoCase(name, "UIDVALIDITY")) {
                quint32 uidValidity = 0;
                if (!r.nzNumber32(uidValidity))
                    return false;
                out.uidValidity = uidValidity;
            } else if (!r.skipValue()) {
                return false;
            }
        }
        if (!r.close())
            return false;
        if (!r.consume(' '))
            return true;
    }
    if (r.tryKeyword("UID")) {
        out.uid = true;
        if (!r.consume(' '))
            return true;
    }
    while (true) {
        QByteArrayView name;
        if (!r.countElement() || !r.atom(name) || !r.space())
            return false;
        auto nonZero = [&](std::optional<quint32> &field) {
            quint32 value = 0;
            if (!r.nzNumber32(value))
                return false;
            field = value;
            return true;
        };
        bool ok = true;
        if (equalsNoCase(name, "MIN")) {
            ok = nonZero(out.min);
        } else if (equalsNoCase(name, "MAX")) {
            ok = nonZero(out.max);
        } else if (equalsNoCase(name, "COUNT")) {
            quint32 count = 0;
            ok = r.number32(count);
            out.count = count;
        } else if (equalsNoCase(name, "ALL")) {
            UidSet all;
            ok = r.sequenceSet(all);
            out.all = std::move(all);
        } else if (equalsNoCase(name, "MODSEQ")) {
            quint64 modSeq = 0;
            ok = r.number(modSeq);
            out.modSeq = modSeq;
        } else {
            ok = r.skipValue();
        }
        if (!ok)
            return false;
        if (!r.consume(' '))
            return true;
    }
}

bool Parser::vanished(VanishedResponse &out)
{
    if (r.peek() == '(') {
        if (!r.open() || !r.tryKeyword("EARLIER") || !r.close() || !r.space())
            return r.fail(QStringLiteral("expected (EARLIER)"));
        out.earlier = true;
    }
    return r.sequenceSet(out.uids);
}

bool Parser::section(QByteArray &out, std::optional<quint64> *origin)
{
    if (!r.expect('['))
        return false;
    const qsizetype start = r.pos();
    while (!r.atEnd() && r.peek() != ']') {
        if (r.peek() == '"') {
            QByteArray ignored;
            if (!r.quoted(ignored))
                return false;
        } else {
            r.consume(r.peek());
        }
    }
    out = r.slice(start);
    if (!r.expect(']'))
        return false;
    if (origin && r.consume('<')) {
        quint64 value = 0;
        if (!r.number(value) || !r.expect('>'))
            return false;
        *origin = value;
    }
    return true;
}

bool Parser::fetch(FetchResponse &out)
{
    // A section whose literal went to the literal sink names the stream instead of holding data.
    auto addSection = [&](FetchedSection &&item) {
        if (const auto *streamed = r.takeStreamed()) {
            item.streamId = streamed->id;
            item.streamedSize = streamed->size;
        }
        out.sections.append(std::move(item));
    };
    if (!r.open())
        return false;
    while (!r.consume(')')) {
        if (!r.countElement())
            return false;
        if (r.tryKeyword("UID")) {
            quint32 uid = 0;
            if (!r.space() || !r.nzNumber32(uid))
                return false;
            out.uid = uid;
        } else if (r.tryKeyword("FLAGS")) {
            Flags flags;
            if (!r.space() || !r.flagList(flags))
                return false;
            out.flags = std::move(flags);
        } else if (r.tryKeyword("ENVELOPE")) {
            Envelope envelope;
            if (!r.space() || !this->envelope(envelope))
                return false;
            out.envelope = std::move(envelope);
        } else if (r.tryKeyword("INTERNALDATE")) {
            QDateTime date;
            if (!r.space() || !internalDate(date))
                return false;
            out.internalDate = std::move(date);
        } else if (r.tryKeyword("RFC822.SIZE")) {
            quint64 size = 0;
            if (!r.space() || !r.number(size))
                return false;
            out.rfc822Size = size;
        } else if (r.tryKeyword("BODYSTRUCTURE") || (r.tryKeyword("BODY") && r.peek() == ' ')) {
            auto structure = std::make_shared<BodyStructure>();
            out.bodyStructureHasExtensions = equalsNoCase(r.lastKeyword(), "BODYSTRUCTURE");
            bool extensionsSeen = false;
            if (!r.space() || !body(*structure, extensionsSeen))
                return false;
            out.bodyStructure = std::move(structure);
        } else if (r.peekKeywordWithSection("BINARY.SIZE")) {
            r.tryKeywordPrefix("BINARY.SIZE");
            QByteArray name;
            quint64 size = 0;
            if (!section(name, nullptr) || !r.space() || !r.number(size))
                return false;
            out.binarySizes.append({name, size});
        } else if (r.peekKeywordWithSection("BODY") || r.peekKeywordWithSection("BINARY")) {
            FetchedSection item;
            item.binary = r.tryKeywordPrefix("BINARY");
            if (!item.binary)
                r.tryKeywordPrefix("BODY");
            if (!section(item.section, &item.origin) || !r.space() || !r.nstring(item.data, &item.isNil, item.binary))
                return false;
            addSection(std::move(item));
        } else if (r.tryKeyword("RFC822") || r.tryKeyword("RFC822.HEADER") || r.tryKeyword("RFC822.TEXT")) {
            FetchedSection item;
            item.section = r.lastKeyword().toByteArray();
            if (!r.space() || !r.nstring(item.data, &item.isNil))
                return false;
            addSection(std::move(item));
        } else if (r.tryKeyword("MODSEQ")) {
            quint64 modSeq = 0;
            if (!r.space() || !r.open() || !r.number(modSeq) || !r.close())
                return false;
            out.modSeq = modSeq;
        } else if (r.tryKeyword("PREVIEW")) {
            QByteArray preview;
            bool isNil = false;
            if (!r.space() || !r.nstring(preview, &isNil))
                return false;
            if (!isNil)
                out.preview = std::move(preview);
        } else if (r.tryKeyword("X-GM-MSGID") || r.tryKeyword("X-GM-THRID")) {
            const bool thread = equalsNoCase(r.lastKeyword(), "X-GM-THRID");
            quint64 value = 0;
            if (!r.space() || !r.number(value, std::numeric_limits<quint64>::max()))
                return false;
            (thread ? out.gmailThreadId : out.gmailMessageId) = value;
        } else if (r.tryKeyword("X-GM-LABELS")) {
            QByteArrayList labels;
            if (!r.space() || !r.open())
                return false;
            while (!r.consume(')')) {
                QByteArray label;
                const qsizetype start = r.pos();
                if (!r.countElement())
                    return false;
                // Labels are astrings, and system labels such as \Inbox carry a backslash.
                if (r.consume('\\')) {
                    r.run(isAtomChar);
                    label = r.slice(start);
                } else if (!r.astring(label)) {
                    return false;
                }
                labels.append(label);
                if (r.peek() != ')' && !r.space())
                    return false;
            }
            out.gmailLabels = std::move(labels);
        } else if (r.tryKeyword("EMAILID")) {
            if (!r.space() || !r.open())
                return false;
            out.emailId = r.run(isAtomChar).toByteArray();
            if (out.emailId.isEmpty() || !r.close())
                return r.fail(QStringLiteral("expected (objectid)"));
        } else if (r.tryKeyword("THREADID")) {
            if (!r.space())
                return false;
            if (!r.tryNil()) {
                if (!r.open())
                    return false;
                out.threadId = r.run(isAtomChar).toByteArray();
                if (out.threadId.isEmpty() || !r.close())
                    return r.fail(QStringLiteral("expected (objectid)"));
            }
        } else {
            // An item Fumi did not ask for: its name, perhaps a [section], then one value.
            if (r.run([](char c) {
                     return isAtomChar(c) && c != '[';
                 }).isEmpty())
                return r.fail(QStringLiteral("expected a FETCH item"));
            if (r.peek() == '[') {
                QByteArray ignored;
                if (!section(ignored, nullptr))
                    return false;
            }
            if (!r.space() || !r.skipValue())
                return false;
        }
        if (r.peek() != ')' && !r.space())
            return false;
    }
    return true;
}

bool Parser::internalDate(QDateTime &out)
{
    // "17-Jul-1996 02:44:25 -0700"; the day may be padded with a space.
    const qsizetype start = r.pos();
    QByteArrayView quoted;
    if (!r.plainQuotedView(quoted))
        return r.failAt(start, QStringLiteral("invalid INTERNALDATE"));
    char buffer[26];
    if (quoted.size() == 25) {
        // Some servers leave days below 10 unpadded.
        buffer[0] = '0';
        std::memcpy(buffer + 1, quoted.data(), 25);
    } else if (quoted.size() == 26) {
        std::memcpy(buffer, quoted.data(), 26);
        if (buffer[0] == ' ') // " 1-Feb-2026", as RFC 9051 writes it
            buffer[0] = '0';
    } else {
        return r.failAt(start, QStringLiteral("invalid INTERNALDATE"));
    }
    const QByteArrayView text(buffer, 26);
    static constexpr QByteArrayView months[]
        = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    auto digits = [&](qsizetype at, int count, int &value) {
        value = 0;
        for (int i = 0; i < count; ++i) {
            if (at + i >= text.size() || !isDigit(text[at + i]))
                return false;
            value = value * 10 + (text[at + i] - '0');
        }
        return true;
    };
    int day = 0, year = 0, hour = 0, minute = 0, second = 0, zoneHours = 0, zoneMinutes = 0, month = 0;
    bool ok = text.size() == 26 && digits(0, 2, day) && text[2] == '-' && text[6] == '-' && digits(7, 4, year)
        && text[11] == ' ' && digits(12, 2, hour) && text[14] == ':' && digits(15, 2, minute) && text[17] == ':'
        && digits(18, 2, second) && text[20] == ' ' && (text[21] == '+' || text[21] == '-') && digits(22, 2, zoneHours)
        && digits(24, 2, zoneMinutes);
    if (ok) {
        const QByteArrayView name = text.sliced(3, 3);
        for (int m = 0; m < 12; ++m) {
            if (equalsNoCase(name, months[m]))
                month = m + 1;
        }
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!ok || month == 0 || !date.isValid() || !time.isValid() || zoneHours > 23 || zoneMinutes > 59)
        return r.failAt(start, QStringLiteral("invalid INTERNALDATE"));
    const int offset = (zoneHours * 3600 + zoneMinutes * 60) * (text[21] == '-' ? -1 : 1);
    out = QDateTime(date, time, QTimeZone::fromSecondsAheadOfUtc(offset));
    return true;
}

bool Parser::envelope(Envelope &out)
{
    using Field = Envelope::Field;
    using List = Envelope::AddressList;
    QByteArray scratch;
    QByteArrayView value;
    bool isNil = false;
    auto field = [&](Field which) {
        if (!r.nstringView(value, scratch, isNil))
            return false;
        out.setField(which, value);
        return true;
    };
    out.reserve(256);
    return r.open() && field(Field::Date) && r.space() && field(Field::Subject) && r.space()
        && addresses(out, List::From) && r.space() && addresses(out, List::Sender) && r.space()
        && addresses(out, List::ReplyTo) && r.space() && addresses(out, List::To) && r.space()
        && addresses(out, List::Cc) && r.space() && addresses(out, List::Bcc) && r.space() && field(Field::InReplyTo)
        && r.space() && field(Field::MessageId) && r.close();
}

bool Parser::addresses(Envelope &out, Envelope::AddressList list)
{
    if (r.tryNil())
        return true;
    if (!r.open())
        return false;
    // Each part may need its own scratch space: the address is stored only when complete.
    QByteArray scratch[4];
    while (!r.consume(')')) {
        Envelope::Address address;
        if (!r.countElement() || !r.open() || !r.nstringView(address.name, scratch[0], address.nameIsNil) || !r.space())
            return false;
        bool adlIsNil = false;
        if (!r.nstringView(address.adl, scratch[1], adlIsNil) || !r.space()
            || !r.nstringView(address.mailbox, scratch[2], address.mailboxIsNil) || !r.space()
            || !r.nstringView(address.host, scratch[3], address.hostIsNil) || !r.close())
            return false;
        out.addAddress(list, address);
        r.consume(' '); // some servers separate addresses with spaces
    }
    return true;
}

bool Parser::bodyParameters(ParameterList &out)
{
    if (r.tryNil())
        return true;
    if (!r.open())
        return false;
    while (!r.consume(')')) {
        QByteArray name;
        QByteArray value;
        if (!r.countElement() || !r.lenientString(name) || !r.space() || !r.lenientString(value))
            return false;
        out.append({name.toLower(), value});
        if (r.peek() != ')' && !r.space())
            return false;
    }
    return true;
}

// body-ext-1part / body-ext-mpart after the MD5 (1part) or the parameters (mpart):
// [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
bool Parser::bodyExtensions(BodyStructure &out, bool multipart)
{
    if (multipart) {
        if (!bodyParameters(out.parameters))
            return false;
    } else if (!r.nstring(out.md5)) {
        return false;
    }
    if (!r.consume(' '))
        return true;
    if (!r.tryNil()) {
        if (!r.open() || !r.lenientString(out.disposition) || !r.space() || !bodyParameters(out.dispositionParameters)
            || !r.close())
            return false;
        out.disposition = out.disposition.toLower();
    }
    if (!r.consume(' '))
        return true;
    if (r.peek() == '(') {
        if (!r.open())
            return false;
        while (!r.consume(')')) {
            QByteArray language;
            if (!r.countElement() || !r.string(language))
                return false;
            out.language.append(language);
            if (r.peek() != ')' && !r.space())
                return false;
        }
    } else {
        QByteArray language;
        bool isNil = false;
        if (!r.nstring(language, &isNil))
            return false;
        if (!isNil)
            out.language.append(language);
    }
    if (!r.consume(' '))
        return true;
    if (!r.nstring(out.location))
        return false;
    while (r.consume(' ')) {
        if (!r.skipValue())
            return false;
    }
    return true;
}

bool Parser::body(BodyStructure &out, bool &hasExtensions)
{
    if (!r.open())
        return false;
    if (r.peek() == '(') {
        // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
        out.type = "multipart";
        while (r.peek() == '(') {
            if (!r.countElement())
                return false;
            out.parts.emplace_back();
            if (!body(out.parts.back(), hasExtensions))
                return false;
            r.consume(' '); // tolerated between parts
        }
        if (!r.lenientString(out.subtype))
            return false;
        out.subtype = out.subtype.toLower();
        if (r.consume(' ')) {
            hasExtensions = true;
            if (!bodyExtensions(out, true))
                return false;
        }
        return r.close();
    }

    // body-type-1part: type SP subtype SP params SP id SP description SP encoding SP octets
    quint64 size = 0;
    if (!r.lenientString(out.type) || !r.space() || !r.lenientString(out.subtype) || !r.space()
        || !bodyParameters(out.parameters) || !r.space() || !r.nstring(out.id) || !r.space()
        || !r.nstring(out.description) || !r.space() || !r.lenientString(out.encoding) || !r.space()
        || !r.tolerantNumber(size))
        return false;
    out.type = out.type.toLower();
    out.subtype = out.subtype.toLower();
    out.encoding = out.encoding.toLower();
    out.size = size;

    if (out.type == "message" && (out.subtype == "rfc822" || out.subtype == "global") && r.peek() == ' '
        && r.peekAt(1) == '(') {
        out.messageEnvelope = std::make_shared<Envelope>();
        out.messageBody = std::make_shared<BodyStructure>();
        bool nestedExtensions = false;
        if (!r.space() || !envelope(*out.messageEnvelope) || !r.space() || !body(*out.messageBody, nestedExtensions)
            || !r.space() || !r.tolerantNumber(out.lines))
            return false;
    } else if (out.type == "text" && r.peek() == ' ' && (isDigit(r.peekAt(1)) || r.peekAt(1) == '-')) {
        if (!r.space() || !r.tolerantNumber(out.lines))
            return false;
    }
    if (r.consume(' ')) {
        hasExtensions = true;
        if (!bodyExtensions(out, false))
            return false;
    }
    return r.close();
}

} // namespace

bool ListResponse::hasAttribute(QByteArrayView attribute) const
{
    for (const QByteArray &own : attributes) {
        if (equalsNoCase(own, attribute))
            return true;
    }
    return false;
}

std::optional<ParseError> ResponseParser::parseInto(QByteArrayView response, const Options &options, Response &out,
                                                    const std::vector<ResponseFramer::StreamedLiteral> &streamed)
{
    if (response.endsWith("\r\n"))
        response.chop(2);
    else if (response.endsWith('\n'))
        response.chop(1);
    Parser parser(response, options, streamed);
    if (parser.parse(out))
        return std::nullopt;
    return parser.error();
}

ParseResult<Response> ResponseParser::parse(QByteArrayView response, const Options &options)
{
    Response out;
    if (auto error = parseInto(response, options, out))
        return *error;
    return out;
}

} // namespace fumi::imap
