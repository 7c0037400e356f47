// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/ServerSearch.h"

#include "engine/LocalSearch.h"
#include "engine/Logging.h"
#include "engine/MessageRowBuilder.h"
#include "engine/MessageStructure.h"
#include "engine/Session.h"
#include "store/AccountStore.h"

#include <algorithm>
#include <memory>
#include <utility>

namespace fumi::engine {

namespace {

QString serverText(const imap::CommandResult &result)
{
    return QString::fromUtf8(result.status.text);
}

// The UIDs a UID SEARCH answered, plain or ESEARCH.
UidSet searchedUids(const imap::CommandResult &result)
{
    UidSet uids;
    for (const imap::Response &response : result.data) {
        if (const auto *plain = std::get_if<imap::SearchResponse>(&response))
            uids |= plain->numbers;
        else if (const auto *extended = std::get_if<imap::ESearchResponse>(&response); extended && extended->all)
            uids |= *extended->all;
    }
    return uids;
}

bool sameMailbox(const QString &a, const QString &b)
{
    if (a.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
        return b.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
    return a == b;
}

// Servers limit the length of a command line (Dovecot to 64 KB), and a search's matches can be
// thousands of scattered UIDs: a FETCH of them goes out in pieces of at most 1,000 ranges, at
// most 22 KB of sequence set each.
QList<UidSet> inPieces(const UidSet &uids)
{
    constexpr int rangesPerPiece = 1000;
    QList<UidSet> pieces;
    UidSet piece;
    int ranges = 0;
    for (const UidSet::Range &range : uids.ranges()) {
        piece.insert(range.first, range.last);
        if (++ranges == rangesPerPiece) {
            pieces.append(std::exchange(piece, UidSet()));
            ranges = 0;
        }
    }
    if (!piece.isEmpty())
        pieces.append(piece);
    return pieces;
}

} // namespace

ServerSearch::ServerSearch(Session &session, store::AccountStore &store, SearchTerm root,
                           QList<store::MailboxRecord> mailboxes, LocalSearch *local, QObject *parent)
    : QObject(parent)
    , m_session(&session)
    , m_store(store)
    , m_local(local)
    , m_root(std::move(root))
    , m_mailboxes(std::move(mailboxes))
{
}

ServerSearch::~ServerSearch()
{
    // Once finished the receiver is already released: AccountEngine deletes a finished search
    // later, when the next one may have set its own receiver on the same session.
    if (m_session && !m_done)
        m_session->setMailboxReceiver({});
}

void ServerSearch::start()
{
    m_capabilities = SearchCapabilities::of(m_session->connection());
    m_refine = SearchCompiler::needsAttachmentRefinement(m_root, m_capabilities);
    m_inParts = goesInParts(m_root, m_capabilities);
    m_session->setMailboxReceiver([this](const imap::Response &response) {
        onMailboxData(response);
    });
    for (const store::MailboxRecord &mailbox : std::as_const(m_mailboxes)) {
        Step step;
        step.mailbox = mailbox;
        m_steps.push_back(std::move(step));
    }
    if (m_capabilities.multisearch && m_mailboxes.size() > 1)
        multiSearch();
    else
        nextStep();
}

void ServerSearch::cancel()
{
    m_cancelled = true;
}

int ServerSearch::left() const
{
    return int(m_mailboxes.size()) - m_delivered;
}

void ServerSearch::onMailboxData(const imap::Response &response)
{
    if (const auto *fetch = std::get_if<imap::FetchResponse>(&response)) {
        // The mailbox stays open between searches, so a flag change another client made can
        // come as a FETCH of its own among the answers: it must not replace an envelope.
        if (!fetch->uid)
            return;
        imap::FetchResponse &known = m_fetched[*fetch->uid];
        if (!known.uid) {
            known = *fetch;
            return;
        }
        if (fetch->envelope)
            known = *fetch;
        else if (fetch->bodyStructure && !known.bodyStructure)
            known.bodyStructure = fetch->bodyStructure;
        else if (fetch->flags)
            known.flags = fetch->flags;
    }
}

void ServerSearch::multiSearch()
{
    QStringList paths;
    for (const Step &step : m_steps)
        paths.append(step.mailbox.path);
    ParseResult<imap::Command> command = SearchCompiler::multiSearch(m_root, paths, m_capabilities);
    if (!command) {
        nextStep(); // each mailbox then reports the same error
        return;
    }
    searchSent();
    m_session->run(command.value(), this, [this](const imap::CommandResult &result) {
        searchAnswered();
        if (!result.ok()) {
            // A server that refuses MULTISEARCH for these mailboxes may still search each.
            qCInfo(lcEngine).noquote() << "MULTISEARCH refused, searching each mailbox:" << serverText(result);
            return nextStep();
        }
        for (Step &step : m_steps)
            step.searched = true; // a mailbox without an answer has no matches
        for (const imap::Response &response : result.data) {
            const auto *esearch = std::get_if<imap::ESearchResponse>(&response);
            if (!esearch)
                continue;
            for (Step &step : m_steps) {
                if (!sameMailbox(step.mailbox.path, esearch->mailbox))
                    continue;
                step.uids = esearch->all.value_or(UidSet());
                step.uidValidity = esearch->uidValidity.value_or(0);
            }
        }
        nextStep();
    });
}

void ServerSearch::nextStep()
{
    if (m_done)
        return;
    if (m_cancelled || m_steps.empty()) {
        m_done = true;
        if (m_session)
            m_session->setMailboxReceiver({});
        Q_EMIT finished(int(m_failed.size()), m_matches, double(m_lastAnswerNs) / 1e9);
        return;
    }
    Step step = std::move(m_steps.front());
    m_steps.pop_front();
    if (!m_session || !m_session->isUsable()) {
        deliver(step, {}, tr("The connection to the server was lost"));
        return nextStep();
    }
    if (step.sent) {
        if (step.sent->in)
            return partAnswered(std::move(step));
        m_waiting = std::move(step); // its answer goes on
        return;
    }
    if (step.searched)
        resolve(std::move(step));
    else
        examineAndSearch(std::move(step));
}

bool ServerSearch::goesInParts(const SearchTerm &root, const SearchCapabilities &capabilities)
{
    return SearchCompiler::readsText(root) && !(capabilities.gmail && !SearchCompiler::gmailQuery(root).isEmpty());
}

QList<UidSet> ServerSearch::partsOf(const store::MailboxRecord &mailbox)
{
    const quint32 count = mailbox.counts.messages;
    const Uid top = mailbox.sync.uidNext > 1 ? mailbox.sync.uidNext - 1 : 0;
    if (count < 2 * partMessages || top == 0)
        return {};
    // Equal stretches of the UIDs known, the newest going on to any UID that came since, and
    // the small parts cut from both ends.
    const quint64 parts = (count + partMessages - 1) / partMessages;
    const quint64 width = (quint64(top) + parts - 1) / parts;
    QList<UidSet> result;
    Uid last = maxUid;
    for (quint64 i = 1; i <= parts; ++i) {
        const Uid first = i == parts || quint64(top) <= i * width ? 1 : Uid(quint64(top) - i * width + 1);
        result.append(UidSet::fromRange(first, last));
        if (first == 1)
            break;
        last = first - 1;
    }
    const Uid small = Uid(std::max<quint64>(1, width / endPartShare));
    if (const Uid newest = result.front().min(); top > small && newest <= top - small) {
        result.front() = UidSet::fromRange(top - small + 1, maxUid);
        result.insert(1, UidSet::fromRange(newest, top - small));
    }
    if (const Uid oldest = result.back().max(); oldest > small) {
        result.back() = UidSet::fromRange(small + 1, oldest);
        result.append(UidSet::fromRange(1, small));
    }
    return result;
}

bool ServerSearch::partGoesOut(int onTheWire, qsizetype unsent)
{
    return unsent > 0 && onTheWire < partsInFlight && (unsent > 1 || onTheWire == 0);
}

void ServerSearch::searchInParts(Step step, const QList<UidSet> &parts)
{
    auto opened = std::make_shared<Session::Opened>();
    m_session->examine(step.mailbox.id, step.mailbox.path, this, [opened](const Session::Opened &answer) {
        *opened = answer;
    });
    std::vector<Step> pieces;
    for (const UidSet &part : parts) {
        Step piece = step;
        piece.within = part;
        piece.lastPart = pieces.size() + 1 == std::size_t(parts.size());
        piece.sent = std::make_shared<PartAnswer>();
        m_unsentParts.push_back({part, piece.sent, opened});
        pieces.push_back(std::move(piece));
    }
    sendParts();
    // In their order, ahead of the other mailboxes.
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it)
        m_steps.push_front(std::move(*it));
    nextStep();
}

void ServerSearch::sendParts()
{
    // On a lost connection the session answers at once, with the error.
    bool sent = false;
    while (!m_cancelled && m_session && partGoesOut(m_partsOnTheWire, qsizetype(m_unsentParts.size()))) {
        UnsentPart part = std::move(m_unsentParts.front());
        m_unsentParts.pop_front();
        ParseResult<imap::Command> search = SearchCompiler::uidSearch(m_root, m_capabilities, part.uids);
        searchSent();
        ++m_partsOnTheWire;
        sent = true;
        m_session->run(search.value(), this,
                       [this, opened = part.opened, answer = part.answer](const imap::CommandResult &result) {
                           partIn(opened, answer, result);
                       });
    }
    if (sent && m_session)
        m_session->connection().flush();
}

void ServerSearch::partIn(const std::shared_ptr<Session::Opened> &opened, const std::shared_ptr<PartAnswer> &answer,
                          const imap::CommandResult &result)
{
    searchAnswered();
    --m_partsOnTheWire;
    // The next part first, on the wire now, so that the server has it while this one is read.
    sendParts();
    answer->in = true;
    if (!opened->error.isEmpty() || !result.ok()) {
        answer->error = !opened->error.isEmpty() ? opened->error : serverText(result);
    } else {
        answer->uids = searchedUids(result);
        answer->uidValidity = opened->uidValidity;
    }
    if (m_waiting && m_waiting->sent == answer) {
        Step waiting = std::move(*m_waiting);
        m_waiting.reset();
        partAnswered(std::move(waiting));
    }
}

void ServerSearch::searchSent()
{
    if (!m_serverClock.isValid())
        m_serverClock.start();
}

void ServerSearch::searchAnswered()
{
    m_lastAnswerNs = m_serverClock.nsecsElapsed();
}

void ServerSearch::partAnswered(Step step)
{
    if (m_done)
        return;
    const PartAnswer &answer = *step.sent;
    if (!answer.error.isEmpty()) {
        deliver(step, {}, answer.error);
        return nextStep();
    }
    step.uids = answer.uids;
    step.uidValidity = answer.uidValidity;
    step.searched = true;
    resolve(std::move(step));
}

LocalSearch::Found ServerSearch::takeFound(const Step &step)
{
    const qint64 id = step.mailbox.id;
    if (step.within.isEmpty())
        return m_local ? m_local->take(id) : LocalSearch::Found();
    if (m_taken.mailboxId != id)
        m_taken = {id, m_store.messagesVersion(id), m_local ? m_local->take(id) : LocalSearch::Found()};
    if (m_taken.version != m_store.messagesVersion(id))
        m_taken.found = {}; // what it read no longer holds: the store's rows instead
    // This part's rows, one stretch of the rows in UID order.
    LocalSearch::Found part;
    std::vector<store::MessageRecord> &rows = m_taken.found.rows;
    const auto byUid = [](const store::MessageRecord &row, Uid uid) {
        return row.uid < uid;
    };
    const auto begin = std::lower_bound(rows.begin(), rows.end(), step.within.min(), byUid);
    const auto end
        = step.within.max() == maxUid ? rows.end() : std::lower_bound(begin, rows.end(), step.within.max() + 1, byUid);
    part.rows.assign(std::make_move_iterator(begin), std::make_move_iterator(end));
    rows.erase(begin, end);
    part.withAttachments = m_taken.found.withAttachments & step.within;
    part.withoutAttachments = m_taken.found.withoutAttachments & step.within;
    return part;
}

void ServerSearch::examineAndSearch(Step step)
{
    ParseResult<imap::Command> search = SearchCompiler::uidSearch(m_root, m_capabilities);
    if (!search) {
        deliver(step, {}, search.error().message);
        return nextStep();
    }
    if (m_inParts) {
        if (const QList<UidSet> parts = partsOf(step.mailbox); parts.size() > 1)
            return searchInParts(std::move(step), parts);
    }
    // EXAMINE (unless the mailbox is still open from the search before) and the search go out
    // together; the search's answer comes after EXAMINE's.
    auto opened = std::make_shared<Session::Opened>();
    m_session->examine(step.mailbox.id, step.mailbox.path, this, [opened](const Session::Opened &answer) {
        *opened = answer;
    });
    searchSent();
    m_session->run(search.value(), this, [this, opened, step](const imap::CommandResult &result) mutable {
        searchAnswered();
        if (!opened->error.isEmpty() || !result.ok()) {
            deliver(step, {}, !opened->error.isEmpty() ? opened->error : serverText(result));
            return nextStep();
        }
        step.uids = searchedUids(result);
        step.uidValidity = opened->uidValidity;
        step.searched = true;
        resolve(std::move(step));
    });
    // On the wire now, not at the next turn of the event loop: the local half of the search
    // reads the store meanwhile.
    m_session->connection().flush();
}

void ServerSearch::resolve(Step step)
{
    // What LocalSearch has read of this mailbox so far; its scan of it ends here.
    LocalSearch::Found found = takeFound(step);
    std::vector<store::MessageRecord> &known = found.rows;
    QList<store::MessageRecord> rows;
    UidSet stored;
    UidSet structures;
    const std::optional<store::MailboxRecord> current = m_store.mailbox(step.mailbox.id);
    // The store's rows name the same messages only under the same UIDVALIDITY.
    if (current && step.uidValidity != 0 && current->sync.uidValidity == step.uidValidity && !step.uids.isEmpty()) {
        UidSet wanted = step.uids;
        UidSet with;
        if (m_refine) {
            // What the stored structures say, as the scan read it, else from the store (two
            // small columns): rows are read only for the messages that have attachments, or
            // whose structure is still to be fetched.
            with = found.withAttachments & step.uids;
            UidSet without = found.withoutAttachments & step.uids;
            const UidSet undecided = step.uids - found.withAttachments - found.withoutAttachments;
            if (!undecided.isEmpty()) {
                const store::AccountStore::StoredAttachments answers
                    = m_store.storedAttachments(step.mailbox.id, undecided);
                with |= answers.with;
                without |= answers.without;
                // Stored without the answer (by an older Fumi): read once, and the answer kept.
                QHash<Uid, StructureAnswer> answered;
                for (auto it = answers.unanswered.cbegin(); it != answers.unanswered.cend(); ++it) {
                    const std::optional<MessageStructure> structure = MessageStructure::fromBlob(it.value());
                    if (!structure)
                        continue; // unreadable: fetched again
                    const bool refined = SearchCompiler::refinedHasAttachment(*structure);
                    answered.insert(it.key(), {it.value(), refined});
                }
                UidSet readable;
                for (auto it = answered.cbegin(); it != answered.cend(); ++it) {
                    readable.insert(it.key());
                    (it->hasAttachment ? with : without).insert(it.key());
                }
                keepStructures(step, answered);
                structures = undecided - answers.with - answers.without - readable;
            }
            wanted = step.uids - without;
        }
        UidSet read;
        for (const store::MessageRecord &row : known) {
            if (wanted.contains(row.uid))
                read.insert(row.uid);
        }
        std::vector<store::MessageRecord> cached = m_store.messages(step.mailbox.id, wanted - read);
        // Both in UID order: merged, with the server's matches only.
        std::erase_if(known, [&read](const store::MessageRecord &row) {
            return !read.contains(row.uid);
        });
        std::vector<store::MessageRecord> merged;
        merged.reserve(cached.size() + known.size());
        std::merge(std::make_move_iterator(known.begin()), std::make_move_iterator(known.end()),
                   std::make_move_iterator(cached.begin()), std::make_move_iterator(cached.end()),
                   std::back_inserter(merged), [](const store::MessageRecord &a, const store::MessageRecord &b) {
                       return a.uid < b.uid;
                   });
        rows.reserve(qsizetype(merged.size()));
        for (store::MessageRecord &row : merged) {
            // In ascending order, so each insert appends (removing each from a copy of
            // step.uids instead took time quadratic in the matches).
            stored.insert(row.uid);
            if (with.contains(row.uid))
                row.hasAttachment = true; // the structure knows; the row's hint guessed
            rows.append(std::move(row));
        }
        if (m_refine) {
            structures &= stored;         // a message without a row is fetched whole, structure and all
            stored |= step.uids - wanted; // known to have no attachment: nothing to fetch
        }
    }
    const UidSet missing = step.uids - stored;
    if (missing.isEmpty() && structures.isEmpty()) {
        deliver(step, std::move(rows));
        return nextStep();
    }
    fetchAndDeliver(std::move(step), missing, structures, std::move(rows));
}

void ServerSearch::fetchAndDeliver(Step step, const UidSet &rowsToFetch, const UidSet &structuresToFetch,
                                   QList<store::MessageRecord> rows)
{
    // The commands below go out together; the last answer to come in builds the rows.
    struct Fetching {
        QString failure;
        int pending = 0;
    };
    auto fetching = std::make_shared<Fetching>();
    auto finishRows = std::make_shared<std::function<void()>>();
    const auto failed = [fetching, finishRows](const QString &failure) {
        if (!failure.isEmpty() && fetching->failure.isEmpty())
            fetching->failure = failure;
        if (--fetching->pending == 0)
            (*finishRows)();
    };
    const auto answered = [failed](const imap::CommandResult &result) {
        failed(result.ok() ? QString() : serverText(result));
    };
    m_fetched.clear();
    // After a MULTISEARCH nothing is selected yet; after EXAMINE the mailbox is.
    if (m_session->selectedMailbox() != step.mailbox.id) {
        ++fetching->pending;
        m_session->examine(step.mailbox.id, step.mailbox.path, this,
                           [failed, expected = step.uidValidity](const Session::Opened &opened) {
                               // The MULTISEARCH's UIDs name messages only under its UIDVALIDITY.
                               if (opened.error.isEmpty() && expected != 0 && opened.uidValidity != expected)
                                   return failed(tr("The folder changed on the server during the search"));
                               failed(opened.error);
                           });
    }
    if (!rowsToFetch.isEmpty()) {
        QByteArray items = MessageRowBuilder::fetchItems(false);
        if (m_refine)
            items.insert(items.size() - 1, " BODYSTRUCTURE");
        for (const UidSet &piece : inPieces(rowsToFetch)) {
            ++fetching->pending;
            m_session->run(std::move(imap::Command("UID FETCH").sequenceSet(piece).raw(items)), this, answered);
        }
    }
    for (const UidSet &piece : inPieces(structuresToFetch)) {
        ++fetching->pending;
        m_session->run(std::move(imap::Command("UID FETCH").sequenceSet(piece).raw("(UID BODYSTRUCTURE)")), this,
                       answered);
    }
    *finishRows = [this, fetching, step, rowsToFetch, structuresToFetch, rows = std::move(rows)]() mutable {
        // Each fetched structure read once: whether it has attachments (the row's flag), what
        // has:attachment answers for it, and what to keep.
        QHash<Uid, bool> attachments;
        QHash<Uid, bool> refined;
        QHash<Uid, StructureAnswer> answered;
        for (auto it = m_fetched.cbegin(); it != m_fetched.cend(); ++it) {
            if (!it->bodyStructure)
                continue;
            const MessageStructure structure = MessageStructure::fromImap(*it->bodyStructure);
            attachments.insert(it.key(), structure.hasAttachments());
            refined.insert(it.key(), SearchCompiler::refinedHasAttachment(structure));
            if (structuresToFetch.contains(it.key()))
                answered.insert(it.key(), {structure.toBlob(), refined.value(it.key())});
        }
        keepStructures(step, answered);
        QList<store::MessageRecord> kept;
        kept.reserve(rows.size());
        for (store::MessageRecord &row : rows) {
            // Expunged meanwhile, or no structure: the server's superset stands.
            if (structuresToFetch.contains(row.uid) && attachments.contains(row.uid)) {
                row.hasAttachment = attachments.value(row.uid);
                if (!refined.value(row.uid))
                    continue;
            }
            kept.append(std::move(row));
        }
        for (Uid uid : rowsToFetch) {
            const auto it = m_fetched.constFind(uid);
            if (it == m_fetched.cend())
                continue; // expunged since the search
            std::optional<store::MessageRecord> row = MessageRowBuilder::build(*it);
            if (!row)
                continue;
            if (attachments.contains(uid)) {
                row->hasAttachment = attachments.value(uid);
                if (m_refine && !refined.value(uid))
                    continue;
            }
            kept.append(std::move(*row));
        }
        m_fetched.clear();
        std::sort(kept.begin(), kept.end(), [](const auto &a, const auto &b) {
            return a.uid < b.uid;
        });
        deliver(step, std::move(kept), fetching->failure);
        nextStep();
    };
}

void ServerSearch::keepStructures(const Step &step, const QHash<Uid, StructureAnswer> &blobs)
{
    // These messages have rows in the store, so their structures can be kept for the next
    // search (and for reading them): a message's structure never changes. Not once the
    // mailbox's UIDVALIDITY has changed, when the same UIDs may name other messages; a row
    // expunged meanwhile refuses its structure, and the others are still kept.
    const std::optional<store::MailboxRecord> current = m_store.mailbox(step.mailbox.id);
    if (blobs.isEmpty() || !current || current->sync.uidValidity != step.uidValidity)
        return;
    int refused = 0;
    const store::Result<> kept = m_store.transaction([&]() -> store::Result<> {
        for (auto it = blobs.cbegin(); it != blobs.cend(); ++it) {
            if (!m_store.setBodyStructure(step.mailbox.id, it.key(), it->blob, it->hasAttachment))
                ++refused;
        }
        return {};
    });
    if (!kept || refused > 0)
        qCInfo(lcEngine).noquote() << "kept" << blobs.size() - refused << "of" << blobs.size()
                                   << "searched body structures" << (kept ? QString() : kept.error().message);
}

void ServerSearch::deliver(const Step &step, QList<store::MessageRecord> rows, const QString &error)
{
    auto result = std::make_shared<SearchUpdate>();
    result->source = SearchUpdate::Source::Server;
    result->mailbox = step.mailbox.path;
    result->uidValidity = step.uidValidity;
    result->within = step.within;
    result->rows = std::move(rows);
    result->error = error;
    if (step.lastPart)
        ++m_delivered;
    result->mailboxesLeft = left();
    if (!error.isEmpty())
        m_failed.insert(step.mailbox.id);
    m_matches += int(result->rows.size());
    m_sent.push_back(result);
    Q_EMIT update(result);
}

} // namespace fumi::engine
