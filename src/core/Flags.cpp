// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/Flags.h"

#include "core/Ascii.h"
#include "core/ImapSyntax.h"

#include <QHash>
#include <QReadWriteLock>

#include <algorithm>
#include <array>
#include <deque>
#include <utility>

namespace fumi {

namespace {

struct SystemFlagName {
    Flags::System flag;
    QByteArrayView name;
};

// The order in which toImapList() prints them.
constexpr std::array<SystemFlagName, 6> systemFlagNames{{
    {Flags::System::Seen, "\\Seen"},
    {Flags::System::Answered, "\\Answered"},
    {Flags::System::Flagged, "\\Flagged"},
    {Flags::System::Deleted, "\\Deleted"},
    {Flags::System::Draft, "\\Draft"},
    {Flags::System::Recent, "\\Recent"},
}};

using ImapSyntax::isAtomChar;

const SystemFlagName *findSystemFlag(QByteArrayView name)
{
    for (const SystemFlagName &entry : systemFlagNames) {
        if (Ascii::equalsNoCase(name, entry.name))
            return &entry;
    }
    return nullptr;
}

// Offset of the first byte that cannot stand in a flag name, or -1 when the name is valid.
// A leading backslash marks an extension (or system) flag.
qsizetype invalidFlagNameOffset(QByteArrayView name)
{
    const qsizetype start = name.startsWith('\\') ? 1 : 0;
    if (name.size() == start)
        return name.size();
    for (qsizetype i = start; i < name.size(); ++i) {
        if (!isAtomChar(name[i]))
            return i;
    }
    return -1;
}

class KeywordRegistry
{
public:
    static KeywordRegistry &instance()
    {
        static KeywordRegistry registry;
        return registry;
    }

    quint32 intern(QByteArrayView name)
    {
        const QByteArray key = name.toByteArray().toLower();
        {
            QReadLocker locker(&m_lock);
            if (auto it = m_ids.constFind(key); it != m_ids.cend())
                return *it;
        }
        QWriteLocker locker(&m_lock);
        if (auto it = m_ids.constFind(key); it != m_ids.cend())
            return *it;
        const auto id = quint32(m_names.size());
        m_names.push_back(name.toByteArray());
        m_ids.insert(key, id);
        return id;
    }

    QByteArray name(quint32 id) const
    {
        QReadLocker locker(&m_lock);
        return m_names.at(id);
    }

private:
    mutable QReadWriteLock m_lock;
    QHash<QByteArray, quint32> m_ids; // by lower-cased name
    std::deque<QByteArray> m_names;   // by id, as first seen
};

} // namespace

ParseResult<Keyword> Keyword::fromName(QByteArrayView name)
{
    if (const qsizetype bad = invalidFlagNameOffset(name); bad >= 0) {
        return ParseError{bad,
                          bad == name.size() ? QStringLiteral("empty flag name")
                                             : QStringLiteral("byte not allowed in a flag name")};
    }
    if (findSystemFlag(name))
        return ParseError{0, QStringLiteral("a system flag is not a keyword")};
    return Keyword(KeywordRegistry::instance().intern(name));
}

QByteArray Keyword::name() const
{
    return KeywordRegistry::instance().name(m_id);
}

bool Flags::has(Keyword keyword) const
{
    return std::binary_search(m_keywords.begin(), m_keywords.end(), keyword);
}

void Flags::add(Keyword keyword)
{
    auto it = std::lower_bound(m_keywords.begin(), m_keywords.end(), keyword);
    if (it == m_keywords.end() || *it != keyword)
        m_keywords.insert(it, keyword);
}

void Flags::remove(Keyword keyword)
{
    auto it = std::lower_bound(m_keywords.begin(), m_keywords.end(), keyword);
    if (it != m_keywords.end() && *it == keyword)
        m_keywords.erase(it);
}

bool Flags::addName(QByteArrayView name)
{
    if (const SystemFlagName *system = findSystemFlag(name)) {
        set(system->flag);
        return true;
    }
    auto keyword = Keyword::fromName(name);
    if (!keyword)
        return false;
    add(keyword.value());
    return true;
}

Flags Flags::united(const Flags &other) const
{
    Flags result(m_system | other.m_system);
    std::set_union(m_keywords.begin(), m_keywords.end(), other.m_keywords.begin(), other.m_keywords.end(),
                   std::back_inserter(result.m_keywords));
    return result;
}

Flags Flags::subtracted(const Flags &other) const
{
    Flags result(m_system & ~other.m_system);
    std::set_difference(m_keywords.begin(), m_keywords.end(), other.m_keywords.begin(), other.m_keywords.end(),
                        std::back_inserter(result.m_keywords));
    return result;
}

ParseResult<Flags> Flags::fromImapList(QByteArrayView text)
{
    if (!text.startsWith('('))
        return ParseError{0, QStringLiteral("a flag list starts with '('")};
    Flags flags;
    qsizetype pos = 1;
    if (pos < text.size() && text[pos] == ')') {
        if (text.size() != pos + 1)
            return ParseError{pos + 1, QStringLiteral("text after the flag list")};
        return flags;
    }
    while (true) {
        const qsizetype start = pos;
        while (pos < text.size() && text[pos] != ' ' && text[pos] != ')')
            ++pos;
        const QByteArrayView name = text.sliced(start, pos - start);
        if (name == "\\*")
            return ParseError{start, QStringLiteral("'\\*' belongs in PERMANENTFLAGS, not on a message")};
        if (const qsizetype bad = invalidFlagNameOffset(name); bad >= 0) {
            return ParseError{start + bad,
                              bad == name.size() ? QStringLiteral("expected a flag")
                                                 : QStringLiteral("byte not allowed in a flag name")};
        }
        [[maybe_unused]] const bool added = flags.addName(name); // valid: checked above

        if (pos >= text.size())
            return ParseError{pos, QStringLiteral("flag list not closed by ')'")};
        if (text[pos] == ')') {
            if (text.size() != pos + 1)
                return ParseError{pos + 1, QStringLiteral("text after the flag list")};
            return flags;
        }
        ++pos; // the space
    }
}

QByteArray Flags::toImapList() const
{
    QByteArray text("(");
    for (const SystemFlagName &entry : systemFlagNames) {
        if (has(entry.flag)) {
            if (text.size() > 1)
                text.append(' ');
            text.append(entry.name);
        }
    }
    std::vector<QByteArray> names;
    names.reserve(m_keywords.size());
    for (Keyword keyword : m_keywords)
        names.push_back(keyword.name());
    std::sort(names.begin(), names.end(), [](const QByteArray &a, const QByteArray &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    for (const QByteArray &name : names) {
        if (text.size() > 1)
            text.append(' ');
        text.append(name);
    }
    text.append(')');
    return text;
}

} // namespace fumi
