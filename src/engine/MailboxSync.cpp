// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/MailboxSync.h"

#include "core/Ascii.h"
#include "engine/Logging.h"
#include "engine/MessageRowBuilder.h"
#include "engine/SearchCompiler.h"
#include "engine/Session.h"
#include "imap/Command.h"
#include "mime/TransferEncoding.h"
#include "store/AccountStore.h"

#include <QHash>

#include <algorithm>

namespace fumi::engine {

namespace {

using imap::Command;
using imap::CommandResult;
using imap::ResponseCode;

QString failureText(const CommandResult &result)
{
    if (result.status.status == imap::StatusResponse::Status::Bye)
        return QStringLiteral("The connection was lost: %1").arg(QString::fromUtf8(result.status.text));
    return QString::fromUtf8(result.status.text);
}

bool hasEnabled(const imap::Connection &connection, QByteArrayView extension)
{
    const QByteArrayList &enabled = connection.enabled();
    return std::any_of(enabled.cbegin(), enabled.cend(), [extension](const QByteArray &name) {
        return Ascii::equalsNoCase(name, extension);
    });
}

// The newest-first windows of `uids`: the first `first` highest UIDs, then `growth` times as
// many, and so on, up to `largest` a window.
std::vector<UidSet> windowsOf(const UidSet &uids, qsizetype first, int growth, qsizetype largest)
{
    std::vector<UidSet> windows;
    const auto &ranges = uids.ranges();
    qsizetype size = first;
    UidSet current;
    qsizetype inCurrent = 0;
    for (auto range = ranges.crbegin(); range != ranges.crend(); ++range) {
        Uid high = range->last;
        while (true) {
            const qsizetype room = size - inCurrent;
            const quint64 available = quint64(high) - range->first + 1;
            const Uid low = available > quint64(room) ? Uid(high - Uid(room) + 1) : range->first;
            current.insert(low, high);
            inCurrent += qsizetype(quint64(high) - low + 1);
            if (inCurrent == size) {
                windows.push_back(std::move(current));
                current = {};
                inCurrent = 0;
                size = std::min(size * growth, largest);
            }
            if (low == range->first)
                break;
            high = low - 1;
        }
    }
    if (!current.isEmpty())
        windows.push_back(std::move(current));
    return windows;
}

// "1", "2.1.3": a part's number, whose content can be decoded; not "", "TEXT", "1.MIME".
bool isPartNumber(QByteArrayView section)
{
    if (section.isEmpty() || section.front() == '.' || section.back() == '.' || section.contains(".."))
        return false;
    return std::all_of(section.begin(), section.end(), [](char c) {
        return c == '.' || (c >= '0' && c <= '9');
    });
}

bool refusedTransferEncoding(const CommandResult &result)
{
    return result.status.status == imap::StatusResponse::Status::No
        && result.status.code.kind == ResponseCode::Kind::Other
        && Ascii::equalsNoCase(result.status.code.atom, "UNKNOWN-CTE");
}

// The content of a part whose bytes need no decoding (a multipart, an attached message, 7bit).
bool isStoredAsContent(const MessagePart &part)
{
    return part.isMultipart() || part.isMessage() || mime::TransferEncoding::isIdentity(part.encoding);
}

QString noSuchMessage(Uid uid)
{
    return QStringLiteral("The server has no message with UID %1 here").arg(uid);
}

} // namespace

MailboxSync::MailboxSync(Session &session, store::AccountStore &store, qint64 mailboxId, Options options,
                         QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_store(store)
    , m_mailboxId(mailboxId)
    , m_options(options)
{
    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(0);
    connect(&m_commitTimer, &QTimer::timeout, this, [this] {
        commit();
    });
}

MailboxSync::~MailboxSync()
{
    m_session.setMailboxReceiver({});
}

void MailboxSync::start()
{
    const std::optional<store::MailboxRecord> mailbox = m_store.mailbox(m_mailboxId);
    if (!mailbox) {
        fail(QStringLiteral("No such mailbox in the local store"));
        return;
    }
    if (!mailbox->selectable) {
        fail(QStringLiteral("The mailbox \"%1\" cannot hold messages").arg(mailbox->path));
        return;
    }
    m_mailboxPath = mailbox->path;
    m_cached = mailbox->sync;
    m_known = m_store.uids(m_mailboxId);

    const imap::Connection &connection = m_session.connection();
    m_qresync = m_options.useQresync && hasEnabled(connection, "QRESYNC");
    m_condstore = m_options.useCondstore && (m_qresync || connection.hasCapability("CONDSTORE"));
    if (m_cached.uidValidity == 0)
        m_path = Path::Full;
    else if (m_qresync && m_cached.highestModSeq != 0)
        m_path = Path::Qresync;
    else if (m_condstore && m_cached.highestModSeq != 0)
        m_path = Path::Condstore;
    else
        m_path = Path::Plain;

    m_session.setMailboxReceiver([this](const imap::Response &response) {
        onMailboxData(response);
    });
    select();
}

void MailboxSync::select()
{
    m_syncing = true;
    m_synced = false;
    m_server = {};
    m_sawHighestModSeq = false;
    m_exists.reset();
    m_vanished.clear();
    m_pending = {};
    m_session.setSelected(0, {});

    Command command("SELECT");
    command.mailbox(m_mailboxPath);
    if (m_path == Path::Qresync) {
        QByteArray parameters = "(QRESYNC (" + QByteArray::number(m_cached.uidValidity) + ' '
            + QByteArray::number(m_cached.highestModSeq);
        // The known UIDs let the server leave out expunges we never saw; past a few hundred
        // ranges they cost more bytes than they save.
        if (!m_known.isEmpty() && m_known.ranges().size() <= 500)
            parameters += ' ' + m_known.toImapSequenceSet();
        parameters += "))";
        command.raw(parameters);
    } else if (m_condstore && !m_qresync) {
        command.raw("(CONDSTORE)");
    }
    qCDebug(lcEngine) << "selecting" << m_mailboxPath << "by path" << m_path;
    m_session.run(command, this, [this](const CommandResult &result) {
        onSelected(result);
    });
}

void MailboxSync::onSelected(const CommandResult &result)
{
    if (!result.ok()) {
        fail(QStringLiteral("Could not open \"%1\": %2").arg(m_mailboxPath, failureText(result)));
        return;
    }
    m_session.setSelected(m_mailboxId, m_mailboxPath);
    if (m_server.uidValidity == 0) {
        fail(QStringLiteral("The server did not say the UIDVALIDITY of \"%1\"").arg(m_mailboxPath));
        return;
    }

    if (m_cached.uidValidity != 0 && m_server.uidValidity != m_cached.uidValidity) {
        if (!dropCache(m_cached.uidValidity))
            return;
    } else if (m_cached.uidNext != 0 && m_server.uidNext != 0 && m_server.uidNext < m_cached.uidNext) {
        resyncFully(QStringLiteral("UIDNEXT went backwards (%1 after %2)").arg(m_server.uidNext).arg(m_cached.uidNext));
        return;
    } else if ((m_path == Path::Qresync || m_path == Path::Condstore)
               && (!m_sawHighestModSeq || m_server.highestModSeq < m_cached.highestModSeq)) {
        resyncFully(m_sawHighestModSeq ? QStringLiteral("HIGHESTMODSEQ went backwards (%1 after %2)")
                                             .arg(m_server.highestModSeq)
                                             .arg(m_cached.highestModSeq)
                                       : QStringLiteral("the server no longer keeps mod-sequences here"));
        return;
    }
    syncFlagsAndExpunges();
}

bool MailboxSync::dropCache(quint32 oldUidValidity)
{
    qCInfo(lcEngine).noquote() << "UIDVALIDITY of" << m_mailboxPath << "changed from" << oldUidValidity << "to"
                               << m_server.uidValidity << "- dropping its cache";
    // Whatever arrived belongs to the old numbering.
    m_pending = {};
    if (!storeOk(bool(m_store.resetMailbox(m_mailboxId, m_server.uidValidity)), QStringLiteral("reset")))
        return false;
    auto reset = std::make_shared<MailboxDelta>();
    reset->mailboxId = m_mailboxId;
    reset->reset = true;
    reset->uidValidity = m_server.uidValidity;
    reset->counts = store::MailboxCounts{};
    Q_EMIT delta(reset);
    m_known.clear();
    m_cached = {m_server.uidValidity, 0, 0};
    m_path = Path::Full;
    return true;
}

void MailboxSync::renumberedWhileOpen(quint32 uidValidity)
{
    // The plain path would keep the old rows under UIDs that now name other messages: the cache
    // goes, as when the change is seen at SELECT. What the SELECT said of UIDNEXT and
    // HIGHESTMODSEQ was about the old numbering, so the state stored afterwards claims neither.
    const quint32 old = m_server.uidValidity;
    m_server = {uidValidity, 0, 0};
    m_sawHighestModSeq = false;
    if (!dropCache(old))
        return;
    m_syncing = true;
    holdIdle();
    syncFlagsAndExpunges();
}

void MailboxSync::resyncFully(const QString &why)
{
    qCInfo(lcEngine).noquote() << "full resync of" << m_mailboxPath << "because" << why;
    // Nothing the inconsistent answer said is trusted: the plain path asks again and deletes
    // only what the server's own UID list no longer has.
    m_pending = {};
    // While the mailbox is open rows come and go; the plain path compares the server's list
    // with the rows of now, not with those of the opening sync.
    m_known = m_store.uids(m_mailboxId);
    m_path = Path::Plain;
    // News during the resync waits for its end (its own search covers what came before it):
    // an EXISTS now must not start a second fetch of the UIDs the resync fetches.
    m_syncing = true;
    m_resyncing = true;
    holdIdle();
    // The sequence map is what the server just contradicted: rebuilt from the resync's rows.
    if (!m_qresync)
        m_sequenceKnown = false;
    syncFlagsAndExpunges();
}

void MailboxSync::syncFlagsAndExpunges()
{
    const quint64 modSeq = m_sawHighestModSeq && m_condstore ? m_server.highestModSeq : 0;
    switch (m_path) {
    case Path::Qresync: {
        // VANISHED (EARLIER) and the changed flags came with the SELECT. New messages are the
        // ones at or above the cached UIDNEXT.
        const Uid from = std::max<Uid>(m_cached.uidNext, 1);
        if (m_server.uidNext != 0 && m_server.uidNext <= from) {
            // Live EXISTS fetch from here on; left at 0 it would fetch (and insert) every row again.
            const UidSet present = m_known - m_vanished;
            m_highestUid = present.isEmpty() ? 0 : present.max();
            commit(store::MailboxSyncState{m_server.uidValidity, m_server.uidNext, modSeq});
            emitFirstWindowReady();
            finishSync();
            return;
        }
        Command search("UID SEARCH");
        if (m_session.connection().hasCapability("ESEARCH"))
            search.raw("RETURN (ALL)");
        search.raw("UID").raw(QByteArray(QByteArray::number(from) + ":*"));
        m_session.run(search, this, [this, from, modSeq](const CommandResult &result) {
            if (!result.ok())
                return fail(failureText(result));
            UidSet found;
            for (const imap::Response &response : result.data) {
                if (const auto *esearch = std::get_if<imap::ESearchResponse>(&response); esearch && esearch->all)
                    found |= *esearch->all;
                else if (const auto *search = std::get_if<imap::SearchResponse>(&response))
                    found |= search->numbers;
            }
            if (from > 1)
                found -= UidSet::fromRange(1, from - 1);
            const UidSet fresh = found - m_known;
            const UidSet present = ((m_known - m_vanished) | fresh);
            if (m_exists && quint64(*m_exists) != present.count()) {
                // Our picture and the server's count disagree (rows hidden by pending moves, or a
                // server that forgot expunges): ask for the whole UID list instead of guessing.
                m_path = Path::Plain;
                m_pending.removed.clear();
                syncFlagsAndExpunges();
                return;
            }
            commit(store::MailboxSyncState{m_server.uidValidity, m_cached.uidNext, modSeq});
            m_highestUid = present.isEmpty() ? 0 : present.max();
            fetchNew(fresh);
        });
        return;
    }
    case Path::Condstore: {
        if (m_cached.uidNext > 1) {
            Command changed("UID FETCH");
            changed.raw(QByteArray("1:" + QByteArray::number(m_cached.uidNext - 1)))
                .raw("(UID FLAGS)")
                .raw(QByteArray("(CHANGEDSINCE " + QByteArray::number(m_cached.highestModSeq) + ')'));
            m_session.run(changed, this, [this](const CommandResult &result) {
                if (!result.ok())
                    fail(failureText(result));
            });
        }
        break;
    }
    case Path::Plain:
    case Path::Full:
        break;
    }

    // CONDSTORE, plain and full: the server's UID list says what is gone and what is new.
    searchAll([this, modSeq](const UidSet &all) {
        m_sequence.assign(all.begin(), all.end());
        m_sequenceKnown = true;
        m_pending.removed |= m_known - all;
        const UidSet stillThere = m_known & all;
        const UidSet fresh = all - m_known;
        m_highestUid = all.isEmpty() ? 0 : all.max();
        auto afterFlags = [this, fresh, modSeq] {
            commit(store::MailboxSyncState{m_server.uidValidity, m_cached.uidNext, modSeq});
            fetchNew(fresh);
        };
        if (m_path == Path::Condstore || stillThere.isEmpty()) {
            afterFlags();
            return;
        }
        Command flags("UID FETCH");
        flags.sequenceSet(stillThere).raw("(UID FLAGS)");
        m_session.run(flags, this, [this, afterFlags](const CommandResult &result) {
            if (!result.ok())
                return fail(failureText(result));
            afterFlags();
        });
    });
}

void MailboxSync::searchAll(std::function<void(const UidSet &)> then)
{
    Command search("UID SEARCH");
    const bool esearch = m_session.connection().hasCapability("ESEARCH");
    if (esearch)
        search.raw("RETURN (ALL)");
    search.raw("ALL");
    m_session.run(search, this, [this, then = std::move(then)](const CommandResult &result) {
        if (!result.ok())
            return fail(failureText(result));
        UidSet all;
        for (const imap::Response &response : result.data) {
            if (const auto *found = std::get_if<imap::ESearchResponse>(&response); found && found->all)
                all |= *found->all;
            else if (const auto *plain = std::get_if<imap::SearchResponse>(&response))
                all |= plain->numbers;
        }
        then(all);
    });
}

void MailboxSync::fetchNew(const UidSet &newUids)
{
    if (newUids.isEmpty()) {
        commit(store::MailboxSyncState{m_server.uidValidity, m_server.uidNext,
                                       m_sawHighestModSeq && m_condstore ? m_server.highestModSeq : 0});
        emitFirstWindowReady();
        finishSync();
        return;
    }
    std::vector<UidSet> windows
        = windowsOf(newUids, m_options.firstWindow, m_options.windowGrowth, m_options.largestWindow);
    m_windowsLeft = int(windows.size());
    // The first window goes alone and the rest follow its OK: a server that runs pipelined
    // FETCHes side by side (Dovecot does) would otherwise hold the first one's OK back behind
    // thousands of other rows, and the newest screenful would be ready no sooner than the rest.
    UidSet first = std::move(windows.front());
    windows.erase(windows.begin());
    fetchWindow(first, [this, rest = std::move(windows)] {
        for (const UidSet &window : rest)
            fetchWindow(window, {});
    });
}

void MailboxSync::fetchWindow(const UidSet &window, std::function<void()> afterFirst)
{
    Command fetch("UID FETCH");
    fetch.sequenceSet(window).raw(MessageRowBuilder::fetchItems(m_condstore));
    m_session.run(fetch, this, [this, afterFirst = std::move(afterFirst)](const CommandResult &result) {
        if (m_done)
            return;
        if (!result.ok())
            return fail(failureText(result));
        if (--m_windowsLeft > 0) {
            commit();
        } else {
            // Every new message below UIDNEXT is stored now: UIDNEXT may say so.
            commit(store::MailboxSyncState{m_server.uidValidity, m_server.uidNext,
                                           m_sawHighestModSeq && m_condstore ? m_server.highestModSeq : 0});
        }
        if (afterFirst) {
            emitFirstWindowReady();
            afterFirst();
        }
        if (m_windowsLeft == 0)
            finishSync();
    });
}

void MailboxSync::emitFirstWindowReady()
{
    // Once per MailboxSync, as synced(): a live resync's windows are no first screen.
    if (m_firstWindowSent)
        return;
    m_firstWindowSent = true;
    Q_EMIT firstWindowReady();
}

void MailboxSync::holdIdle()
{
    if (m_session.connection().isIdling())
        m_resumeIdle = true;
}

void MailboxSync::resumeIdle()
{
    if (!m_resumeIdle || m_syncing || m_done)
        return;
    m_resumeIdle = false;
    m_session.connection().idle();
}

void MailboxSync::finishSync()
{
    if (m_done)
        return;
    const bool live = m_synced; // a resync while open; synced() was emitted by the opening sync
    m_syncing = false;
    m_synced = true;
    if (!m_sequenceKnown && !m_qresync) {
        // Without QRESYNC the server names messages by sequence number from now on.
        const UidSet all = m_store.uids(m_mailboxId);
        m_sequence.assign(all.begin(), all.end());
        m_sequenceKnown = true;
    }
    qCDebug(lcEngine) << "synced" << m_mailboxPath;
    if (live) {
        // An EXISTS held back during the resync may name messages its search did not see.
        const quint64 present = m_sequenceKnown ? m_sequence.size() : m_store.messageCount(m_mailboxId);
        if (std::exchange(m_resyncing, false) && m_exists && *m_exists > present)
            fetchNewSinceExists();
        resumeIdle();
        return;
    }
    Q_EMIT synced();
}

void MailboxSync::poll()
{
    m_session.run(Command("NOOP"), this, [this](const CommandResult &result) {
        if (!result.ok())
            qCInfo(lcEngine).noquote() << "NOOP failed:" << failureText(result);
    });
}

void MailboxSync::onMailboxData(const imap::Response &response)
{
    if (const auto *status = std::get_if<imap::StatusResponse>(&response)) {
        switch (status->code.kind) {
        case ResponseCode::Kind::UidValidity:
            if (m_syncing)
                m_server.uidValidity = quint32(status->code.number);
            else if (quint32(status->code.number) != m_server.uidValidity)
                renumberedWhileOpen(quint32(status->code.number));
            break;
        case ResponseCode::Kind::UidNext:
            m_server.uidNext = Uid(status->code.number);
            break;
        case ResponseCode::Kind::HighestModSeq:
            m_server.highestModSeq = status->code.number;
            m_sawHighestModSeq = true;
            break;
        case ResponseCode::Kind::NoModSeq:
            m_sawHighestModSeq = false;
            break;
        default:
            break;
        }
        return;
    }
    if (const auto *exists = std::get_if<imap::ExistsResponse>(&response)) {
        const std::optional<quint32> before = m_exists;
        m_exists = exists->count;
        if (m_syncing)
            return;
        // Without a sequence map the store counts; expunges that came in the same burst are
        // still pending and would hide a new message behind them.
        if (!m_sequenceKnown)
            commit();
        const quint64 present = m_sequenceKnown ? m_sequence.size() : m_store.messageCount(m_mailboxId);
        if (exists->count > present) {
            fetchNewSinceExists();
        } else if (exists->count < present && before && exists->count < *before) {
            resyncFully(QStringLiteral("EXISTS shrank without EXPUNGE"));
        }
        return;
    }
    if (const auto *expunge = std::get_if<imap::ExpungeResponse>(&response)) {
        if (m_exists && *m_exists > 0)
            m_exists = *m_exists - 1;
        const quint32 index = expunge->sequenceNumber;
        if (!m_sequenceKnown || index == 0 || index > m_sequence.size()) {
            if (!m_syncing)
                resyncFully(QStringLiteral("an EXPUNGE for a message we do not know"));
            return;
        }
        m_pending.removed.insert(m_sequence[index - 1]);
        m_sequence.erase(m_sequence.begin() + (index - 1));
        scheduleCommit();
        return;
    }
    if (const auto *vanished = std::get_if<imap::VanishedResponse>(&response)) {
        if (vanished->earlier) {
            m_vanished |= vanished->uids;
        } else if (m_exists) {
            const quint64 gone = (vanished->uids & (m_known | m_store.uids(m_mailboxId))).count();
            m_exists = quint32(std::max<qint64>(0, qint64(*m_exists) - qint64(gone)));
        }
        m_pending.removed |= vanished->uids;
        if (m_sequenceKnown) {
            std::erase_if(m_sequence, [&](Uid uid) {
                return vanished->uids.contains(uid);
            });
        }
        scheduleCommit();
        return;
    }
    if (const auto *fetch = std::get_if<imap::FetchResponse>(&response)) {
        onFetch(*fetch);
        return;
    }
}

void MailboxSync::onFetch(const imap::FetchResponse &fetch)
{
    std::optional<Uid> uid = fetch.uid;
    if (!uid && m_sequenceKnown && fetch.sequenceNumber >= 1 && fetch.sequenceNumber <= m_sequence.size())
        uid = m_sequence[fetch.sequenceNumber - 1];
    if (!uid)
        return;

    bool forPart = false;
    for (const std::shared_ptr<PartRequest> &request : m_partRequests) {
        if (request->uid != *uid)
            continue;
        if (request->wantStructure && fetch.bodyStructure) {
            request->structure = fetch.bodyStructure;
            forPart = true;
        }
        if (!request->wantSection)
            continue;
        for (const imap::FetchedSection &section : fetch.sections) {
            if (section.binary == request->binary && Ascii::equalsNoCase(section.section, request->section)) {
                request->data = section.data;
                request->found = true;
                forPart = true;
            }
        }
    }
    if (forPart && !fetch.envelope && !fetch.flags)
        return;

    if (fetch.envelope) {
        if (std::optional<store::MessageRecord> row = MessageRowBuilder::build(fetch)) {
            if (m_fetchingNew && !m_syncing) {
                // "n:*" names the last message even when nothing is above n: a row we have.
                if (row->uid <= m_fetchingAbove)
                    return;
                m_arrived.insert(row->uid);
            }
            if (row->uid > m_highestUid)
                m_highestUid = row->uid;
            m_pending.added.push_back(std::move(*row));
        }
    } else if (fetch.flags) {
        Flags flags = *fetch.flags;
        flags.set(Flags::System::Recent, false); // a session's, not the message's
        m_pending.flags.push_back(store::FlagUpdate{*uid, flags, fetch.modSeq.value_or(0)});
    }
    if (!m_syncing)
        scheduleCommit();
    else if (qsizetype(m_pending.added.size()) >= m_options.rowsPerCommit)
        // Rows are stored as they stream in, not when a window's OK comes: a server that runs
        // the windows side by side answers them all at the end, and 100,000 rows would wait in
        // memory, with the disk idle while the network is busy. UIDNEXT still waits for the end.
        commit();
}

void MailboxSync::fetchNewSinceExists()
{
    if (m_fetchingNew)
        return;
    m_fetchingNew = true;
    m_fetchingAbove = m_highestUid;
    m_arrived.clear();
    Command fetch("UID FETCH");
    fetch.raw(QByteArray(QByteArray::number(m_highestUid + 1) + ":*")).raw(MessageRowBuilder::fetchItems(m_condstore));
    m_session.run(fetch, this, [this](const CommandResult &result) {
        m_fetchingNew = false;
        if (!result.ok())
            return fail(failureText(result));
        // From m_arrived rather than from the pending rows: a burst of other news may have
        // committed some of them before this answer ended.
        if (m_sequenceKnown)
            m_sequence.insert(m_sequence.end(), m_arrived.begin(), m_arrived.end());
        m_arrived.clear();
        commit(store::MailboxSyncState{m_server.uidValidity, m_highestUid + 1,
                                       m_cached.highestModSeq > m_server.highestModSeq ? m_cached.highestModSeq
                                                                                       : m_server.highestModSeq});
        if (m_exists && m_sequenceKnown && *m_exists > m_sequence.size())
            fetchNewSinceExists();
    });
}

void MailboxSync::scheduleCommit()
{
    if (!m_commitTimer.isActive())
        m_commitTimer.start();
}

void MailboxSync::commit(std::optional<store::MailboxSyncState> sync)
{
    m_commitTimer.stop();
    store::MailboxChanges changes = std::exchange(m_pending, {});
    changes.sync = sync;
    if (changes.isEmpty())
        return;
    if (m_overlay)
        m_overlay(m_mailboxId, changes);

    // Only real changes reach the store and the models: a full flag sync compares every message.
    if (!changes.flags.empty()) {
        UidSet asked;
        for (const store::FlagUpdate &update : changes.flags)
            asked.insert(update.uid);
        QHash<Uid, Flags> stored;
        for (const store::FlagUpdate &current : m_store.flags(m_mailboxId, asked))
            stored.insert(current.uid, current.flags);
        std::erase_if(changes.flags, [&](const store::FlagUpdate &update) {
            const auto it = stored.constFind(update.uid);
            return it == stored.cend() || it.value() == update.flags || changes.removed.contains(update.uid);
        });
    }
    std::sort(changes.added.begin(), changes.added.end(),
              [](const store::MessageRecord &a, const store::MessageRecord &b) {
                  return a.uid < b.uid;
              });
    changes.added.erase(std::unique(changes.added.begin(), changes.added.end(),
                                    [](const store::MessageRecord &a, const store::MessageRecord &b) {
                                        return a.uid == b.uid;
                                    }),
                        changes.added.end());
    const store::Result<> written = m_store.applyChanges(m_mailboxId, changes);
    if (!written) {
        fail(QStringLiteral("Could not store \"%1\": %2").arg(m_mailboxPath, written.error().message));
        return;
    }
    if (changes.added.empty() && changes.flags.empty() && changes.removed.isEmpty())
        return;
    auto out = std::make_shared<MailboxDelta>();
    out->mailboxId = m_mailboxId;
    out->inserted = std::move(changes.added);
    out->removed = changes.removed;
    out->flags = std::move(changes.flags);
    if (const std::optional<store::MailboxRecord> mailbox = m_store.mailbox(m_mailboxId))
        out->counts = mailbox->counts;
    Q_EMIT delta(out);
}

QByteArray MailboxSync::partCacheKey(const QByteArray &section)
{
    // A BODY[] section never starts with a space, so decoded parts cannot meet raw ones.
    return isPartNumber(section) ? QByteArray("decoded " + section) : section;
}

void MailboxSync::fetchPart(Uid uid, const QByteArray &section, PartCallback done)
{
    const QByteArray key = partCacheKey(section);
    if (std::optional<QByteArray> cached = m_store.part(m_mailboxId, uid, key)) {
        done(true, *cached, {});
        return;
    }
    if (!isPartNumber(section))
        return fetchRaw(uid, section, key, std::move(done));

    std::optional<MessageStructure> structure = storedStructure(uid);
    if (structure) {
        const MessagePart *part = structure->findBySection(section);
        if (!part) {
            done(false, {}, QStringLiteral("The message has no part %1").arg(QString::fromLatin1(section)));
            return;
        }
        if (isStoredAsContent(*part))
            return fetchRaw(uid, section, key, std::move(done));
    }
    if (m_session.connection().hasCapability("BINARY"))
        return fetchBinary(uid, section, std::move(done));
    fetchAndDecode(uid, section, std::move(structure), std::move(done));
}

void MailboxSync::fetchStructure(Uid uid, StructureCallback done)
{
    if (std::optional<MessageStructure> stored = storedStructure(uid)) {
        done(true, *stored, {});
        return;
    }
    auto request = std::make_shared<PartRequest>();
    request->uid = uid;
    request->wantStructure = true;
    fetchFor(request, "(BODYSTRUCTURE)", [this, request, done = std::move(done)](const CommandResult &result) {
        if (!result.ok())
            return done(false, {}, failureText(result));
        if (!request->structure)
            return done(false, {}, noSuchMessage(request->uid));
        const MessageStructure structure = MessageStructure::fromImap(*request->structure);
        adoptStructure(request->uid, structure);
        done(true, structure, {});
    });
}

void MailboxSync::fetchFor(const std::shared_ptr<PartRequest> &request, const QByteArray &items,
                           std::function<void(const CommandResult &)> then)
{
    m_partRequests.push_back(request);
    Command fetch("UID FETCH");
    fetch.number(request->uid).raw(items);
    m_session.run(fetch, this, [this, request, then = std::move(then)](const CommandResult &result) {
        std::erase(m_partRequests, request);
        then(result);
    });
}

std::optional<MessageStructure> MailboxSync::storedStructure(Uid uid) const
{
    const std::optional<QByteArray> blob = m_store.bodyStructure(m_mailboxId, uid);
    if (!blob)
        return std::nullopt;
    // An unreadable blob (another version, damage) is as good as none: it is fetched again.
    return MessageStructure::fromBlob(*blob);
}

void MailboxSync::adoptStructure(Uid uid, const MessageStructure &structure)
{
    if (const store::Result<> kept = m_store.setBodyStructure(m_mailboxId, uid, structure.toBlob(),
                                                              SearchCompiler::refinedHasAttachment(structure));
        !kept)
        qCWarning(lcEngine).noquote() << "could not store a body structure:" << kept.error().message;
    std::optional<store::MessageRecord> row = m_store.message(m_mailboxId, uid);
    const bool hasAttachment = structure.hasAttachments();
    if (!row || row->hasAttachment == hasAttachment)
        return;
    // The hint from the Content-Type header was a guess; the structure knows.
    if (const store::Result<> kept = m_store.setPreview(m_mailboxId, uid, row->preview, hasAttachment); !kept) {
        qCWarning(lcEngine).noquote() << "could not store the attachment hint:" << kept.error().message;
        return;
    }
    row->hasAttachment = hasAttachment;
    auto out = std::make_shared<MailboxDelta>();
    out->mailboxId = m_mailboxId;
    out->updated.push_back(std::move(*row));
    Q_EMIT delta(out);
}

void MailboxSync::fetchRaw(Uid uid, const QByteArray &section, const QByteArray &cacheKey, PartCallback done)
{
    auto request = std::make_shared<PartRequest>();
    request->uid = uid;
    request->section = section;
    request->wantSection = true;
    fetchFor(request, QByteArray("(BODY.PEEK[" + section + "])"),
             [this, request, cacheKey, done = std::move(done)](const CommandResult &result) {
                 if (!result.ok())
                     return done(false, {}, failureText(result));
                 if (!request->found)
                     return done(false, {}, noSuchMessage(request->uid));
                 keepPart(request->uid, cacheKey, request->data);
                 done(true, request->data, {});
             });
}

void MailboxSync::fetchBinary(Uid uid, const QByteArray &section, PartCallback done)
{
    auto request = std::make_shared<PartRequest>();
    request->uid = uid;
    request->section = section;
    request->wantSection = true;
    request->binary = true;
    fetchFor(request, QByteArray("(BINARY.PEEK[" + section + "])"),
             [this, request, done = std::move(done)](const CommandResult &result) {
                 if (refusedTransferEncoding(result)) {
                     // The server cannot undo this part's encoding; perhaps KCodecs can.
                     qCDebug(lcEngine) << "BINARY refused for part" << request->section << "of" << request->uid;
                     return fetchAndDecode(request->uid, request->section, storedStructure(request->uid), done);
                 }
                 if (!result.ok())
                     return done(false, {}, failureText(result));
                 if (!request->found)
                     return done(false, {}, noSuchMessage(request->uid));
                 keepPart(request->uid, partCacheKey(request->section), request->data);
                 done(true, request->data, {});
             });
}

void MailboxSync::fetchAndDecode(Uid uid, const QByteArray &section, std::optional<MessageStructure> structure,
                                 PartCallback done)
{
    auto request = std::make_shared<PartRequest>();
    request->uid = uid;
    request->section = section;
    request->wantSection = true;
    // Without the structure the part's encoding is unknown: it comes in the same command.
    request->wantStructure = !structure;
    const QByteArray items = structure ? QByteArray("(BODY.PEEK[" + section + "])")
                                       : QByteArray("(BODYSTRUCTURE BODY.PEEK[" + section + "])");
    fetchFor(
        request, items,
        [this, request, structure = std::move(structure), done = std::move(done)](const CommandResult &result) mutable {
            if (!result.ok())
                return done(false, {}, failureText(result));
            if (request->structure) {
                structure = MessageStructure::fromImap(*request->structure);
                adoptStructure(request->uid, *structure);
            }
            if (!request->found || !structure)
                return done(false, {}, noSuchMessage(request->uid));
            const MessagePart *part = structure->findBySection(request->section);
            if (!part)
                return done(false, {},
                            QStringLiteral("The message has no part %1").arg(QString::fromLatin1(request->section)));
            std::optional<QByteArray> content = isStoredAsContent(*part)
                ? std::optional<QByteArray>(request->data)
                : mime::TransferEncoding::decode(part->encoding, request->data);
            if (!content) {
                return done(false, {},
                            QStringLiteral("Part %1 is encoded as \"%2\", which Fumi cannot decode")
                                .arg(QString::fromLatin1(request->section), QString::fromLatin1(part->encoding)));
            }
            keepPart(request->uid, partCacheKey(request->section), *content);
            done(true, *content, {});
        });
}

void MailboxSync::keepPart(Uid uid, const QByteArray &key, const QByteArray &data)
{
    const store::Result<> kept = m_store.storePart(m_mailboxId, uid, key, data);
    if (!kept)
        qCWarning(lcEngine).noquote() << "could not cache a part:" << kept.error().message;
}

void MailboxSync::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_syncing = false;
    qCInfo(lcEngine).noquote() << "sync of" << m_mailboxPath << "failed:" << message;
    Q_EMIT failed(message);
}

bool MailboxSync::storeOk(bool ok, const QString &what)
{
    if (!ok)
        fail(QStringLiteral("The local store failed (%1) for \"%2\"").arg(what, m_mailboxPath));
    return ok;
}

} // namespace fumi::engine
