// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/MessageListModel.h"

#include "models/AccountRegistry.h"
#include "models/DragPayload.h"
#include "models/IconFactory.h"
#include "models/MessageThreader.h"

#include <QHash>
#include <QMimeData>

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>

namespace fumi::models {

namespace {

// The subject without the "Re:" and "Fwd:" that replies and forwards put before it, so that a
// thread's messages sort together.
QStringView baseSubject(QStringView subject)
{
    static const QLatin1StringView prefixes[]
        = {QLatin1StringView("re:"), QLatin1StringView("fw:"), QLatin1StringView("fwd:")};
    for (;;) {
        subject = subject.trimmed();
        bool stripped = false;
        for (QLatin1StringView prefix : prefixes) {
            if (subject.startsWith(prefix, Qt::CaseInsensitive)) {
                subject = subject.sliced(prefix.size());
                stripped = true;
                break;
            }
        }
        if (!stripped)
            return subject;
    }
}

QStringView senderOf(const store::MessageRecord &record)
{
    return record.fromName.isEmpty() ? QStringView(record.fromAddress) : QStringView(record.fromName);
}

bool sortsByText(int column)
{
    return column == MessageListModel::FromColumn || column == MessageListModel::SubjectColumn;
}

// What From and Subject sort by: case-folded once, then compared as plain UTF-16, so that a sort
// can fold each row once instead of on every comparison.
QString sortText(const store::MessageRecord &record, int column)
{
    const QStringView text = column == MessageListModel::FromColumn ? senderOf(record) : baseSubject(record.subject);
    return text.toString().toCaseFolded();
}

int sign(int value)
{
    return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

template <typename T>
int compareValues(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

} // namespace

MessageListModel::MessageListModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_localFlagsTimer.setSingleShot(true);
    connect(&m_localFlagsTimer, &QTimer::timeout, this, &MessageListModel::releaseLocalFlags);
}

MessageListModel::~MessageListModel() = default;

void MessageListModel::setRegistry(AccountRegistry *registry)
{
    if (m_registryConnection)
        disconnect(m_registryConnection);
    m_registry = registry;
    if (registry)
        m_registryConnection = connect(registry, &AccountRegistry::mailboxDelta, this, &MessageListModel::applyDelta);
}

void MessageListModel::setMailboxes(const QList<MailboxKey> &mailboxes)
{
    beginResetModel();
    m_sources.clear();
    for (const MailboxKey &key : mailboxes)
        m_sources.append(Source{key, {}, 0, std::nullopt});
    m_localFlags.clear(); // keyed by the sources' indexes
    m_rows.clear();
    m_parent.clear();
    m_children.clear();
    m_roots.clear();
    m_position.clear();
    endResetModel();
}

QList<MailboxKey> MessageListModel::mailboxes() const
{
    QList<MailboxKey> keys;
    for (const Source &source : m_sources)
        keys.append(source.key);
    return keys;
}

int MessageListModel::sourceOf(const QString &account, qint64 mailboxId) const
{
    for (int i = 0; i < m_sources.size(); ++i) {
        if (m_sources[i].key.mailboxId == mailboxId && m_sources[i].key.account == account)
            return i;
    }
    return -1;
}

MessageListModel::Row MessageListModel::makeRow(const store::MessageRecord &record, quint32 source) const
{
    Row row;
    row.record = record;
    const QDateTime &when = record.shownDate();
    row.sortDate = when.isValid() ? when.toMSecsSinceEpoch() : 0;
    row.source = source;
    return row;
}

qsizetype MessageListModel::messageCount() const
{
    return qsizetype(m_threaded ? m_rows.size() : flatCount());
}

// --- deltas ----------------------------------------------------------------------------------

void MessageListModel::applyDelta(const QString &account, const engine::MailboxDeltaPtr &delta)
{
    if (!delta)
        return;
    const int found = sourceOf(account, delta->mailboxId);
    if (found < 0)
        return;
    applyToSource(quint32(found), *delta, m_followsInsertions);
}

int MessageListModel::addMailbox(const MailboxKey &key)
{
    const int found = sourceOf(key.account, key.mailboxId);
    if (found >= 0)
        return found;
    m_sources.append(Source{key, {}, 0, std::nullopt});
    return int(m_sources.size() - 1);
}

void MessageListModel::setMailboxRows(int source, const std::vector<store::MessageRecord> &records, bool replace,
                                      const UidSet &within)
{
    if (source < 0 || source >= m_sources.size())
        return;
    engine::MailboxDelta delta;
    delta.mailboxId = m_sources[source].key.mailboxId;
    UidSet kept;
    for (const store::MessageRecord &record : records)
        kept.insert(record.uid);
    if (replace)
        delta.removed = (within.isEmpty() ? m_sources[source].uids : m_sources[source].uids & within) - kept;
    delta.inserted = records;
    std::sort(delta.inserted.begin(), delta.inserted.end(),
              [](const store::MessageRecord &a, const store::MessageRecord &b) {
                  return a.uid < b.uid;
              });
    applyToSource(quint32(source), delta, true);
}

quint64 MessageListModel::messageCountOf(const QString &account) const
{
    quint64 count = 0;
    for (const Source &source : m_sources) {
        if (source.key.account == account)
            count += source.uids.count();
    }
    return count;
}

void MessageListModel::applyToSource(quint32 source, const engine::MailboxDelta &delta, bool acceptInsertions)
{
    Source &shown = m_sources[qsizetype(source)];
    if (delta.reset)
        shown.uidValidity = delta.uidValidity;

    UidSet removed = delta.reset ? shown.uids : (delta.removed & shown.uids);
    UidSet insertedUids;
    std::vector<Row> incoming;
    incoming.reserve(delta.inserted.size());
    // Rows shown already that come again (the cached snapshot's row that the sync sends again,
    // the engine's attachment hint once the structure is known): replaced, never shown twice.
    std::vector<const store::MessageRecord *> replacements;
    // A row the user has just changed keeps the flags it was given (see setLocalFlagsHold()).
    std::deque<store::MessageRecord> withLocalFlags;
    const auto replacement = [&](const store::MessageRecord &record) -> const store::MessageRecord * {
        if (m_localFlags.isEmpty() || !heldBack(source, {record.uid, record.flags, record.modSeq}))
            return &record;
        withLocalFlags.push_back(record);
        withLocalFlags.back().flags = m_localFlags.value({source, record.uid}).flags;
        return &withLocalFlags.back();
    };
    std::vector<store::FlagUpdate> flags;
    flags.reserve(delta.flags.size());
    for (const store::FlagUpdate &update : delta.flags) {
        if (m_localFlags.isEmpty() || !heldBack(source, update))
            flags.push_back(update);
    }
    for (const store::MessageRecord &record : delta.inserted) {
        if (record.uid == 0 || insertedUids.contains(record.uid))
            continue;
        const bool isShown = !delta.reset && shown.uids.contains(record.uid) && !removed.contains(record.uid);
        // A list of chosen messages takes no new ones from a mailbox's delta.
        if (!isShown && !acceptInsertions)
            continue;
        insertedUids.insert(record.uid);
        if (isShown)
            replacements.push_back(replacement(record));
        else
            incoming.push_back(makeRow(record, source));
    }
    // Rows the engine learnt more about are replaced only where shown.
    for (const store::MessageRecord &record : delta.updated) {
        if (record.uid == 0 || insertedUids.contains(record.uid) || !shown.uids.contains(record.uid)
            || removed.contains(record.uid))
            continue;
        insertedUids.insert(record.uid);
        replacements.push_back(replacement(record));
    }

    if (m_threaded) {
        for (const store::MessageRecord *record : replacements) {
            removed.insert(record->uid);
            incoming.push_back(makeRow(*record, source));
        }
        if (!removed.isEmpty() || !incoming.empty()) {
            beginResetModel();
            std::erase_if(m_rows, [&](const Row &row) {
                return row.source == source && removed.contains(row.record.uid);
            });
            for (Row &row : incoming)
                m_rows.push_back(std::move(row));
            shown.uids = (shown.uids - removed) | insertedUids;
            rebuildThreads();
            endResetModel();
        }
        applyFlags(source, flags);
        return;
    }

    if (delta.reset && m_sources.size() == 1) {
        // The whole list is new: one reset is cheaper for the view than a removal and an insert.
        beginResetModel();
        m_rows = std::move(incoming);
        sortRowsQuietly();
        shown.uids = insertedUids;
        endResetModel();
    } else {
        // A replacement that keeps its place changes in place (a view keeps it current and
        // selected); one whose sort key changed moves as a removal and an insertion.
        replaceInPlace(source, replacements, removed, incoming);
        if (!removed.isEmpty()) {
            std::vector<bool> gone(m_rows.size(), false);
            for (size_t i = 0; i < m_rows.size(); ++i)
                gone[i] = m_rows[i].source == source && removed.contains(m_rows[i].record.uid);
            shown.uids -= removed;
            removeFlat(gone);
        }
        if (!incoming.empty()) {
            shown.uids |= insertedUids;
            insertFlat(std::move(incoming));
        }
    }
    applyFlags(source, flags);
}

bool MessageListModel::heldBack(quint32 source, const store::FlagUpdate &update)
{
    const auto it = m_localFlags.find({source, update.uid});
    if (it == m_localFlags.end())
        return false;
    if (it->until.hasExpired()) {
        m_localFlags.erase(it); // the engine's word stands again
        return false;
    }
    // Agreeing is not the end of it: with three quick presses, the first press's delta agrees
    // with the third, and the second's may still follow.
    if (it->flags == update.flags) {
        it->latest.reset();
        return false;
    }
    it->latest = update;
    return true;
}

void MessageListModel::releaseLocalFlags()
{
    std::map<quint32, std::vector<store::FlagUpdate>> latest;
    QDeadlineTimer next = QDeadlineTimer::Forever;
    for (auto it = m_localFlags.begin(); it != m_localFlags.end();) {
        if (!it->until.hasExpired()) {
            next = std::min(next, it->until);
            ++it;
            continue;
        }
        if (it->latest)
            latest[it.key().first].push_back(*it->latest);
        it = m_localFlags.erase(it);
    }
    for (const auto &[source, updates] : latest)
        applyFlags(source, updates);
    if (!next.isForever())
        m_localFlagsTimer.start(std::max<qint64>(1, next.remainingTime()));
}

void MessageListModel::replaceInPlace(quint32 source, const std::vector<const store::MessageRecord *> &replacements,
                                      UidSet &removed, std::vector<Row> &incoming)
{
    if (replacements.empty())
        return;
    QHash<Uid, const store::MessageRecord *> byUid;
    byUid.reserve(qsizetype(replacements.size()));
    for (const store::MessageRecord *record : replacements)
        byUid.insert(record->uid, record);
    for (size_t i = 0; i < m_rows.size() && !byUid.isEmpty(); ++i) {
        Row &row = m_rows[i];
        if (row.source != source)
            continue;
        const auto it = byUid.constFind(row.record.uid);
        if (it == byUid.cend())
            continue;
        Row replacement = makeRow(**it, source);
        byUid.erase(it);
        if (replacement.record == row.record)
            continue;
        if (replacement.sortDate != row.sortDate || compareColumn(row, replacement) != 0) {
            removed.insert(row.record.uid);
            incoming.push_back(std::move(replacement));
            continue;
        }
        row = std::move(replacement);
        Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
    }
}

void MessageListModel::applyLocalFlags(const QString &account, qint64 mailboxId, const UidSet &uids, const Flags &add,
                                       const Flags &remove)
{
    const int found = sourceOf(account, mailboxId);
    if (found < 0 || uids.isEmpty())
        return;
    std::vector<store::FlagUpdate> updates;
    for (const Row &row : m_rows) {
        if (row.source == quint32(found) && uids.contains(row.record.uid))
            updates.push_back({row.record.uid, row.record.flags.united(add).subtracted(remove), 0});
    }
    for (const store::FlagUpdate &update : updates)
        m_localFlags.insert({quint32(found), update.uid}, {update.flags, QDeadlineTimer(m_localFlagsHold), {}});
    if (!updates.empty() && !m_localFlagsTimer.isActive())
        m_localFlagsTimer.start(m_localFlagsHold);
    applyFlags(quint32(found), updates);
}

void MessageListModel::removeFlat(const std::vector<bool> &gone)
{
    std::vector<std::pair<size_t, size_t>> runs; // first and last row of each run
    for (size_t i = 0; i < gone.size(); ++i) {
        if (!gone[i])
            continue;
        if (!runs.empty() && runs.back().second + 1 == i)
            runs.back().second = i;
        else
            runs.emplace_back(i, i);
    }
    if (runs.empty())
        return;
    m_waiting = std::move(m_rows);
    m_rows = {};
    m_rows.reserve(m_waiting.size());
    m_waitingFrom = 0;
    for (const auto &[first, last] : runs) {
        while (m_waitingFrom < first)
            m_rows.push_back(std::move(m_waiting[m_waitingFrom++]));
        const int at = int(m_rows.size());
        beginRemoveRows({}, at, at + int(last - first));
        m_waitingFrom = last + 1;
        endRemoveRows();
    }
    while (m_waitingFrom < m_waiting.size())
        m_rows.push_back(std::move(m_waiting[m_waitingFrom++]));
    m_waiting.clear();
    m_waitingFrom = 0;
}

void MessageListModel::insertFlat(std::vector<Row> incoming)
{
    const auto less = [this](const Row &a, const Row &b) {
        return lessThan(a, b);
    };
    std::sort(incoming.begin(), incoming.end(), less);
    // Where each new row goes among the old ones; nondecreasing, as the new rows are sorted.
    std::vector<size_t> gaps(incoming.size());
    for (size_t k = 0; k < incoming.size(); ++k)
        gaps[k] = size_t(std::upper_bound(m_rows.begin(), m_rows.end(), incoming[k], less) - m_rows.begin());

    m_waiting = std::move(m_rows);
    m_rows = {};
    m_rows.reserve(m_waiting.size() + incoming.size());
    m_waitingFrom = 0;
    size_t k = 0;
    while (k < incoming.size()) {
        const size_t gap = gaps[k];
        size_t end = k;
        while (end < incoming.size() && gaps[end] == gap)
            ++end;
        while (m_waitingFrom < gap)
            m_rows.push_back(std::move(m_waiting[m_waitingFrom++]));
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at + int(end - k) - 1);
        for (; k < end; ++k)
            m_rows.push_back(std::move(incoming[k]));
        endInsertRows();
    }
    while (m_waitingFrom < m_waiting.size())
        m_rows.push_back(std::move(m_waiting[m_waitingFrom++]));
    m_waiting.clear();
    m_waitingFrom = 0;
}

void MessageListModel::applyFlags(quint32 source, const std::vector<store::FlagUpdate> &updates)
{
    if (updates.empty())
        return;
    QHash<Uid, const store::FlagUpdate *> byUid;
    byUid.reserve(qsizetype(updates.size()));
    for (const store::FlagUpdate &update : updates)
        byUid.insert(update.uid, &update); // the last one for a UID wins
    auto update = [&](Row &row) {
        if (row.source != source)
            return false;
        const auto it = byUid.constFind(row.record.uid);
        if (it == byUid.cend() || (*it)->flags == row.record.flags)
            return false;
        row.record.flags = (*it)->flags;
        if ((*it)->modSeq)
            row.record.modSeq = (*it)->modSeq;
        return true;
    };

    bool changed = false;
    if (!m_threaded) {
        // One dataChanged per run of changed rows in view order.
        size_t runStart = m_rows.size();
        for (size_t i = 0; i <= m_rows.size(); ++i) {
            const bool hit = i < m_rows.size() && update(m_rows[i]);
            changed = changed || hit;
            if (hit && runStart == m_rows.size()) {
                runStart = i;
            } else if (!hit && runStart != m_rows.size()) {
                Q_EMIT dataChanged(index(int(runStart), 0), index(int(i) - 1, ColumnCount - 1));
                runStart = m_rows.size();
            }
        }
    } else {
        for (size_t i = 0; i < m_rows.size(); ++i) {
            if (update(m_rows[i])) {
                changed = true;
                Q_EMIT dataChanged(threadIndex(quint32(i), 0), threadIndex(quint32(i), ColumnCount - 1));
            }
        }
    }
    if (changed && m_sortColumn == FlagColumn)
        sortRows();
}

// --- order -----------------------------------------------------------------------------------

int MessageListModel::compareColumn(const Row &a, const Row &b) const
{
    const store::MessageRecord &x = a.record;
    const store::MessageRecord &y = b.record;
    switch (m_sortColumn) {
    case FlagColumn:
        if (const int flagged = compareValues(x.flags.has(Flags::System::Flagged), y.flags.has(Flags::System::Flagged)))
            return flagged;
        return compareValues(!x.flags.has(Flags::System::Seen), !y.flags.has(Flags::System::Seen));
    case AttachmentColumn:
        return compareValues(x.hasAttachment, y.hasAttachment);
    case FromColumn:
    case SubjectColumn:
        return sign(sortText(x, m_sortColumn).compare(sortText(y, m_sortColumn)));
    case DateColumn:
        return compareValues(a.sortDate, b.sortDate);
    case SizeColumn:
        return compareValues(x.size, y.size);
    default:
        return 0;
    }
}

bool MessageListModel::lessThan(const Row &a, const Row &b) const
{
    return ordered(compareColumn(a, b), a, b);
}

bool MessageListModel::ordered(int c, const Row &a, const Row &b) const
{
    // Ties go by date, then mailbox and UID, so the order is total: a new row has exactly one
    // place, and equal keys do not shuffle between sorts.
    if (c == 0)
        c = compareValues(a.sortDate, b.sortDate);
    if (c == 0)
        c = compareValues(a.source, b.source);
    if (c == 0)
        c = compareValues(a.record.uid, b.record.uid);
    return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
}

void MessageListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    sortRows();
}

std::vector<quint32> MessageListModel::sortedOrder() const
{
    std::vector<quint32> order(m_rows.size());
    std::iota(order.begin(), order.end(), 0u);
    if (sortsByText(m_sortColumn)) {
        std::vector<QString> texts;
        texts.reserve(m_rows.size());
        for (const Row &row : m_rows)
            texts.push_back(sortText(row.record, m_sortColumn));
        std::sort(order.begin(), order.end(), [&](quint32 a, quint32 b) {
            return ordered(sign(texts[a].compare(texts[b])), m_rows[a], m_rows[b]);
        });
    } else {
        std::sort(order.begin(), order.end(), [this](quint32 a, quint32 b) {
            return lessThan(m_rows[a], m_rows[b]);
        });
    }
    return order;
}

void MessageListModel::sortRowsQuietly()
{
    const std::vector<quint32> order = sortedOrder();
    std::vector<Row> sorted;
    sorted.reserve(m_rows.size());
    for (quint32 from : order)
        sorted.push_back(std::move(m_rows[from]));
    m_rows = std::move(sorted);
}

void MessageListModel::sortRows()
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    if (!m_threaded) {
        const std::vector<quint32> order = sortedOrder();
        std::vector<quint32> newRow(m_rows.size());
        std::vector<Row> sorted;
        sorted.reserve(m_rows.size());
        for (size_t i = 0; i < order.size(); ++i) {
            newRow[order[i]] = quint32(i);
            sorted.push_back(std::move(m_rows[order[i]]));
        }
        m_rows = std::move(sorted);
        for (const QModelIndex &old : before)
            after.append(createIndex(int(newRow[size_t(old.row())]), old.column(), quintptr(0)));
    } else {
        sortThreads();
        for (const QModelIndex &old : before)
            after.append(threadIndex(quint32(old.internalId()), old.column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

// --- threads ---------------------------------------------------------------------------------

void MessageListModel::setThreaded(bool threaded)
{
    if (threaded == m_threaded)
        return;
    beginResetModel();
    m_threaded = threaded;
    if (threaded) {
        rebuildThreads();
    } else {
        m_parent.clear();
        m_children.clear();
        m_roots.clear();
        m_position.clear();
        sortRowsQuietly();
    }
    endResetModel();
}

void MessageListModel::rebuildThreads()
{
    std::vector<const store::MessageRecord *> records;
    records.reserve(m_rows.size());
    for (const Row &row : m_rows)
        records.push_back(&row.record);
    m_parent = MessageThreader::parents(records);
    applyServerParents();
    m_children.assign(m_rows.size(), {});
    m_roots.clear();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_parent[i] < 0)
            m_roots.push_back(quint32(i));
        else
            m_children[size_t(m_parent[i])].push_back(quint32(i));
    }
    m_position.assign(m_rows.size(), 0);
    sortThreads();
}

void MessageListModel::setServerThreads(const MailboxKey &mailbox, const engine::ServerThreads &threads)
{
    const int source = sourceOf(mailbox.account, mailbox.mailboxId);
    if (source < 0)
        return;
    if (!m_threaded) {
        m_sources[source].serverThreads = threads;
        return;
    }
    beginResetModel();
    m_sources[source].serverThreads = threads;
    rebuildThreads();
    endResetModel();
}

bool MessageListModel::usesServerThreads(const MailboxKey &mailbox) const
{
    const int source = sourceOf(mailbox.account, mailbox.mailboxId);
    return source >= 0 && m_sources[source].serverThreadsApply();
}

void MessageListModel::applyServerParents()
{
    // A missing parent is looked for this many levels up; past that (a chain of messages all
    // gone, or a caller's map with a cycle) the row is a root.
    constexpr int longestMissingChain = 1000;
    bool any = false;
    for (const Source &source : std::as_const(m_sources))
        any = any || source.serverThreadsApply();
    if (!any)
        return;
    std::vector<QHash<Uid, quint32>> rowOf(size_t(m_sources.size()));
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_sources[qsizetype(m_rows[i].source)].serverThreadsApply())
            rowOf[m_rows[i].source].insert(m_rows[i].record.uid, quint32(i));
    }
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const Source &source = m_sources[qsizetype(m_rows[i].source)];
        if (!source.serverThreadsApply() || !source.serverThreads->uids.contains(m_rows[i].record.uid))
            continue; // new since the answer: threaded by its headers
        const QHash<Uid, Uid> &parentOf = source.serverThreads->parentOf;
        const QHash<Uid, quint32> &rows = rowOf[m_rows[i].source];
        qint32 parent = -1;
        Uid ancestor = parentOf.value(m_rows[i].record.uid, 0);
        for (int level = 0; ancestor != 0 && level < longestMissingChain; ++level) {
            if (const auto found = rows.constFind(ancestor); found != rows.cend()) {
                parent = qint32(*found);
                break;
            }
            ancestor = parentOf.value(ancestor, 0);
        }
        m_parent[i] = parent;
    }
    // The server's parents are a tree, and a row it does not know hangs by its headers, which
    // MessageThreader made a forest; but a parent map from elsewhere could close a cycle.
    // Each cycle is broken where its walk first comes back to itself.
    enum : quint8 { Unvisited, OnPath, Done };
    std::vector<quint8> state(m_rows.size(), Unvisited);
    std::vector<qint32> path;
    for (size_t start = 0; start < m_rows.size(); ++start) {
        path.clear();
        qint32 node = qint32(start);
        while (node >= 0 && state[size_t(node)] == Unvisited) {
            state[size_t(node)] = OnPath;
            path.push_back(node);
            const qint32 next = m_parent[size_t(node)];
            if (next >= 0 && state[size_t(next)] == OnPath) {
                m_parent[size_t(node)] = -1;
                break;
            }
            node = next;
        }
        for (qint32 each : path)
            state[size_t(each)] = Done;
    }
}

void MessageListModel::sortThreads()
{
    const auto oldestFirst = [this](quint32 a, quint32 b) {
        const Row &x = m_rows[a];
        const Row &y = m_rows[b];
        if (x.sortDate != y.sortDate)
            return x.sortDate < y.sortDate;
        if (x.source != y.source)
            return x.source < y.source;
        return x.record.uid < y.record.uid;
    };
    for (std::vector<quint32> &children : m_children) {
        std::sort(children.begin(), children.end(), oldestFirst);
        for (size_t i = 0; i < children.size(); ++i)
            m_position[children[i]] = quint32(i);
    }

    // By date, a thread goes by its newest message: a new reply brings an old thread up.
    std::vector<qint64> newest;
    if (m_sortColumn == DateColumn) {
        std::vector<qint32> rootOf(m_rows.size(), -1);
        std::vector<qint32> trail;
        newest.assign(m_rows.size(), 0);
        for (size_t i = 0; i < m_rows.size(); ++i) {
            trail.clear();
            qint32 node = qint32(i);
            while (rootOf[size_t(node)] < 0 && m_parent[size_t(node)] >= 0) {
                trail.push_back(node);
                node = m_parent[size_t(node)];
            }
            const qint32 root = rootOf[size_t(node)] >= 0 ? rootOf[size_t(node)] : node;
            rootOf[size_t(node)] = root;
            for (qint32 each : trail)
                rootOf[size_t(each)] = root;
            newest[size_t(root)] = std::max(newest[size_t(root)], m_rows[i].sortDate);
        }
    }
    std::sort(m_roots.begin(), m_roots.end(), [&](quint32 a, quint32 b) {
        if (!newest.empty() && newest[a] != newest[b])
            return m_sortOrder == Qt::AscendingOrder ? newest[a] < newest[b] : newest[a] > newest[b];
        return lessThan(m_rows[a], m_rows[b]);
    });
    for (size_t i = 0; i < m_roots.size(); ++i)
        m_position[m_roots[i]] = quint32(i);
}

QModelIndex MessageListModel::threadIndex(quint32 storage, int column) const
{
    return createIndex(int(m_position[storage]), column, quintptr(storage));
}

// --- the model -------------------------------------------------------------------------------

const MessageListModel::Row &MessageListModel::rowAt(const QModelIndex &index) const
{
    return m_threaded ? m_rows[size_t(index.internalId())] : flatRow(size_t(index.row()));
}

QModelIndex MessageListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!m_threaded) {
        if (parent.isValid() || size_t(row) >= flatCount())
            return {};
        return createIndex(row, column, quintptr(0));
    }
    if (!parent.isValid()) {
        if (size_t(row) >= m_roots.size())
            return {};
        return createIndex(row, column, quintptr(m_roots[size_t(row)]));
    }
    if (parent.column() != 0 || parent.model() != this)
        return {};
    const std::vector<quint32> &children = m_children[size_t(parent.internalId())];
    if (size_t(row) >= children.size())
        return {};
    return createIndex(row, column, quintptr(children[size_t(row)]));
}

QModelIndex MessageListModel::parent(const QModelIndex &child) const
{
    if (!m_threaded || !child.isValid())
        return {};
    const qint32 parent = m_parent[size_t(child.internalId())];
    if (parent < 0)
        return {};
    return threadIndex(quint32(parent), 0);
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    if (!m_threaded)
        return parent.isValid() ? 0 : int(flatCount());
    if (!parent.isValid())
        return int(m_roots.size());
    return parent.column() == 0 ? int(m_children[size_t(parent.internalId())].size()) : 0;
}

int MessageListModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

bool MessageListModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    const Row &row = rowAt(index);
    const store::MessageRecord &m = row.record;
    const bool unread = !m.flags.has(Flags::System::Seen);
    if (role == Qt::DecorationRole || role == Qt::FontRole)
        prepareLook();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FromColumn:
            return senderOf(m).toString();
        case SubjectColumn:
            return m.subject;
        case DateColumn: {
            const QDateTime &when = m.shownDate();
            return when.isValid() ? m_locale.toString(when.toLocalTime(), QLocale::ShortFormat) : QString();
        }
        case SizeColumn:
            return m_locale.formattedDataSize(qint64(m.size));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == FromColumn)
            return m.fromName.isEmpty() ? m.fromAddress
                                        : QString(m.fromName + QLatin1String(" <") + m.fromAddress + u'>');
        if (index.column() == SubjectColumn)
            return m.subject;
        return {};
    case Qt::DecorationRole:
        if (index.column() == FlagColumn && m.flags.has(Flags::System::Flagged))
            return QVariant::fromValue(m_flagIcon);
        if (index.column() == AttachmentColumn && m.hasAttachment)
            return QVariant::fromValue(m_attachmentIcon);
        return {};
    case Qt::FontRole:
        return unread ? QVariant::fromValue(m_boldFont) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(int(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case UidRole:
        return QVariant::fromValue(m.uid);
    case FlagsRole:
        return QVariant::fromValue(m.flags);
    case AccountRole:
        return m_sources[qsizetype(row.source)].key.account;
    case MailboxRole:
        return m_sources[qsizetype(row.source)].key.path;
    case MailboxIdRole:
        return m_sources[qsizetype(row.source)].key.mailboxId;
    case UnreadRole:
        return unread;
    case FlaggedRole:
        return m.flags.has(Flags::System::Flagged);
    case HasAttachmentRole:
        return m.hasAttachment;
    case DateRole:
        return m.shownDate();
    case SizeRole:
        return QVariant::fromValue(m.size);
    case MessageIdRole:
        return m.messageId;
    case FromAddressRole:
        return m.fromAddress;
    case PreviewRole:
        return m.preview;
    default:
        return {};
    }
}

void MessageListModel::prepareLook() const
{
    if (m_lookPrepared)
        return;
    m_boldFont.setBold(true);
    m_flagIcon = IconFactory::themed(QStringLiteral("mail-mark-important"), IconFactory::Icon::Flag);
    m_attachmentIcon = IconFactory::themed(QStringLiteral("mail-attachment"), IconFactory::Icon::Attachment);
    m_lookPrepared = true;
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // The flag and attachment columns are as narrow as their icons: their header is the icon,
    // with the name as tooltip and for screen readers.
    const bool iconColumn = section == FlagColumn || section == AttachmentColumn;
    if (role == Qt::DecorationRole && iconColumn) {
        prepareLook();
        return section == FlagColumn ? m_flagIcon : m_attachmentIcon;
    }
    if (role == Qt::DisplayRole && iconColumn)
        return QString();
    if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole)
        return headerData(section, orientation, Qt::UserRole);
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    switch (section) {
    case FlagColumn:
        return tr("Flag");
    case AttachmentColumn:
        return tr("Attachment");
    case FromColumn:
        return tr("From");
    case SubjectColumn:
        return tr("Subject");
    case DateColumn:
        return tr("Date");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

Qt::ItemFlags MessageListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    if (!m_threaded)
        result |= Qt::ItemNeverHasChildren;
    return result;
}

QModelIndex MessageListModel::indexOf(const QString &account, qint64 mailboxId, Uid uid) const
{
    const int source = sourceOf(account, mailboxId);
    if (source < 0)
        return {};
    if (!m_threaded) {
        for (size_t i = 0; i < flatCount(); ++i) {
            const Row &row = flatRow(i);
            if (row.source == quint32(source) && row.record.uid == uid)
                return createIndex(int(i), 0, quintptr(0));
        }
        return {};
    }
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].source == quint32(source) && m_rows[i].record.uid == uid)
            return threadIndex(quint32(i), 0);
    }
    return {};
}

QStringList MessageListModel::mimeTypes() const
{
    return {MessageDrag::mimeType()};
}

QMimeData *MessageListModel::mimeData(const QModelIndexList &indexes) const
{
    QHash<quint32, UidSet> chosen;
    QList<quint32> order;
    for (const QModelIndex &index : indexes) {
        if (!index.isValid() || index.model() != this)
            continue;
        const Row &row = rowAt(index);
        auto it = chosen.find(row.source);
        if (it == chosen.end()) {
            it = chosen.insert(row.source, {});
            order.append(row.source);
        }
        it->insert(row.record.uid);
    }
    if (order.isEmpty())
        return nullptr;
    MessageDrag drag;
    for (quint32 source : std::as_const(order)) {
        const MailboxKey &key = m_sources[qsizetype(source)].key;
        drag.groups.append({key.account, key.path, key.mailboxId, chosen.value(source)});
    }
    auto *data = new QMimeData;
    data->setData(MessageDrag::mimeType(), drag.encode());
    return data;
}

Qt::DropActions MessageListModel::supportedDragActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

} // namespace fumi::models
