#include "sync/protocol_review.h"

#include "sync/protocol.h"
#include "sync/protocol_wire.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <optional>

namespace mobiliza::sync {

using core::Error;
using core::Result;

namespace {

// A decision the hub cannot read (a client's bug or a hostile body): 400 bad_request.
Error decisionError(const QString &what)
{
    return Error{QStringLiteral("protocol"),
                 QCoreApplication::translate("Protocol",
                                             "The review decision is not valid (%1). Update Mobiliza and send it "
                                             "again.")
                     .arg(what)};
}

// A whole number in [min, 2^53].
bool integral(const QJsonValue &v, double min, qint64 *out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    constexpr double kMaxExact = 9007199254740992.0; // 2^53
    if (!(d >= min && d <= kMaxExact && d == std::floor(d)))
        return false;
    *out = qint64(d);
    return true;
}

// A string member: absent is empty; any other type is wrong.
bool optionalString(const QJsonObject &o, const QString &key, QString *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        out->clear();
        return true;
    }
    if (!v.isString())
        return false;
    *out = v.toString();
    return true;
}

bool blank(const QString &s)
{
    return s.trimmed().isEmpty();
}

} // namespace

bool isCentralDecision(const QString &decision)
{
    return decision == review_decision::Consolidate || decision == review_decision::ReturnToUrs;
}

bool needsComment(const QString &decision)
{
    return decision == review_decision::Return || decision == review_decision::ReturnToUrs;
}

// ------------------------------------------------------------------ notes
QJsonArray notesToJson(const QList<ReviewNote> &notes)
{
    QJsonArray out;
    for (const ReviewNote &n : notes) {
        QJsonObject o{{QStringLiteral("text"), n.text}};
        if (!n.action.isEmpty())
            o.insert(QStringLiteral("action"), n.action);
        if (!n.photo.isEmpty())
            o.insert(QStringLiteral("photo"), n.photo);
        out.append(o);
    }
    return out;
}

bool notesFromJson(const QJsonValue &v, QList<ReviewNote> *out)
{
    out->clear();
    if (!v.isArray() || v.toArray().size() > kMaxReviewNotes)
        return false;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isObject())
            return false;
        const QJsonObject o = item.toObject();
        ReviewNote n;
        if (!optionalString(o, QStringLiteral("action"), &n.action) ||
            !optionalString(o, QStringLiteral("photo"), &n.photo) ||
            !o.value(QStringLiteral("text")).isString())
            return false;
        n.text = o.value(QStringLiteral("text")).toString();
        if (blank(n.text) || n.text.size() > kMaxReviewNoteChars)
            return false;
        if ((!n.action.isEmpty() && !isUuid(n.action)) || (!n.photo.isEmpty() && !isUuid(n.photo)))
            return false;
        if (!n.photo.isEmpty() && n.action.isEmpty()) // a photo is named with its action
            return false;
        *out << n;
    }
    return true;
}

// --------------------------------------------------------------- decision
QByteArray encode(const ReviewDecision &d)
{
    QJsonObject o{{QStringLiteral("report"), d.report},
                  {QStringLiteral("revision"), d.revision},
                  {QStringLiteral("manifestSha256"), d.manifestSha256},
                  {QStringLiteral("decision"), d.decision},
                  {QStringLiteral("comment"), d.comment},
                  {QStringLiteral("notes"), notesToJson(d.notes)},
                  {QStringLiteral("reviewer"), d.reviewer},
                  {QStringLiteral("decidedAt"), utcTimestamp(d.decidedAt)}};
    if (!d.seen.isEmpty()) // only when said: a decision of an older client encodes as it did
        o.insert(QStringLiteral("seen"), d.seen);
    return wire::compact(o);
}

Result<ReviewDecision> decodeReviewDecision(const QByteArray &body)
{
    const auto parsed = wire::object(body);
    if (!parsed)
        return decisionError(QStringLiteral("not a JSON object"));
    const QJsonObject &o = *parsed;
    ReviewDecision d;
    d.report = o.value(QStringLiteral("report")).toString();
    if (!isUuid(d.report))
        return decisionError(QStringLiteral("report"));
    qint64 revision = 0;
    if (!integral(o.value(QStringLiteral("revision")), 1, &revision) || revision > 100000)
        return decisionError(QStringLiteral("revision"));
    d.revision = int(revision);
    d.manifestSha256 = o.value(QStringLiteral("manifestSha256")).toString();
    if (!isSha256Hex(d.manifestSha256))
        return decisionError(QStringLiteral("manifestSha256"));
    d.decision = o.value(QStringLiteral("decision")).toString();
    if (d.decision != review_decision::Accept && d.decision != review_decision::Return &&
        d.decision != review_decision::Start && !isCentralDecision(d.decision))
        return decisionError(QStringLiteral("decision"));
    if (!optionalString(o, QStringLiteral("comment"), &d.comment) || d.comment.size() > kMaxReviewCommentChars)
        return decisionError(QStringLiteral("comment"));
    if (o.contains(QStringLiteral("notes")) && !notesFromJson(o.value(QStringLiteral("notes")), &d.notes))
        return decisionError(QStringLiteral("notes"));
    const QJsonValue reviewer = o.value(QStringLiteral("reviewer"));
    d.reviewer = reviewer.toString().trimmed();
    if (!reviewer.isString() || d.reviewer.isEmpty() || d.reviewer.size() > kMaxReviewerChars)
        return decisionError(QStringLiteral("reviewer"));
    d.decidedAt = wire::time(o.value(QStringLiteral("decidedAt")));
    if (!d.decidedAt.isValid())
        return decisionError(QStringLiteral("decidedAt"));
    if (!optionalString(o, QStringLiteral("seen"), &d.seen) || d.seen.size() > 40)
        return decisionError(QStringLiteral("seen"));
    return d;
}

// ----------------------------------------------------------------- answer
QByteArray encode(const DecisionAnswer &a)
{
    return wire::compact({{QStringLiteral("decision"), a.decision},
                          {QStringLiteral("state"), a.state},
                          {QStringLiteral("event"), double(a.event)}});
}

Result<DecisionAnswer> decodeDecisionAnswer(const QByteArray &body)
{
    const auto parsed = wire::object(body);
    if (!parsed)
        return wire::answerError(QStringLiteral("not a JSON object"));
    DecisionAnswer a;
    a.decision = parsed->value(QStringLiteral("decision")).toString();
    a.state = parsed->value(QStringLiteral("state")).toString();
    if (!isUuid(a.decision) || a.state.isEmpty() || a.state.size() > 32 ||
        !integral(parsed->value(QStringLiteral("event")), 1, &a.event))
        return wire::answerError(QStringLiteral("decision answer"));
    return a;
}

// ---------------------------------------------------------- state_changed
QJsonObject stateChangedToJson(const StateChanged &s)
{
    QJsonObject o{{QStringLiteral("state"), s.state},
                  {QStringLiteral("decision"), s.decision},
                  {QStringLiteral("by"), s.by},
                  {QStringLiteral("at"), s.at.isValid() ? utcTimestamp(s.at) : QString()}};
    if (s.revision > 0)
        o.insert(QStringLiteral("revision"), s.revision);
    return o;
}

QString stateChangedMessage(const StateChanged &s)
{
    QString state = s.state;
    if (s.state == QLatin1String("received"))
        state = QCoreApplication::translate("Protocol", "new");
    else if (s.state == QLatin1String("in_review"))
        state = QCoreApplication::translate("Protocol", "in review");
    else if (s.state == QLatin1String("accepted"))
        state = QCoreApplication::translate("Protocol", "accepted");
    else if (s.state == QLatin1String("returned"))
        state = QCoreApplication::translate("Protocol", "returned");
    else if (s.state == QLatin1String("forwarded"))
        state = QCoreApplication::translate("Protocol", "forwarded to the central level");
    else if (s.state == QLatin1String("consolidated"))
        state = QCoreApplication::translate("Protocol", "consolidated");
    else if (s.state == QLatin1String("returned_to_urs"))
        state = QCoreApplication::translate("Protocol", "returned to the URS by the central level");
    if (!s.by.isEmpty())
        return QCoreApplication::translate("Protocol",
                                           "%1 already decided on this revision (now: %2). Your decision was not "
                                           "applied; open the report again.")
            .arg(s.by, state);
    if (s.revision > 0)
        return QCoreApplication::translate("Protocol",
                                           "A newer revision (%1) of this report arrived. Your decision was not "
                                           "applied; review the newer revision.")
            .arg(s.revision);
    return QCoreApplication::translate("Protocol",
                                       "This revision changed since you opened it (now: %1). Your decision was "
                                       "not applied; open the report again.")
        .arg(state);
}

QByteArray encodeStateChanged(const StateChanged &s)
{
    ErrorBody e;
    e.code = QStringLiteral("state_changed");
    e.message = stateChangedMessage(s);
    e.details.insert(QStringLiteral("current"), stateChangedToJson(s));
    return encode(e);
}

Result<StateChanged> decodeStateChanged(const QByteArray &errorBody)
{
    const auto parsed = wire::object(errorBody);
    if (!parsed)
        return wire::answerError(QStringLiteral("not a JSON object"));
    const QJsonObject error = parsed->value(QStringLiteral("error")).toObject();
    if (error.value(QStringLiteral("code")).toString() != QLatin1String("state_changed") ||
        !error.value(QStringLiteral("current")).isObject())
        return wire::answerError(QStringLiteral("state_changed"));
    const QJsonObject c = error.value(QStringLiteral("current")).toObject();
    StateChanged s;
    s.state = c.value(QStringLiteral("state")).toString();
    if (s.state.isEmpty() || s.state.size() > 32 || !optionalString(c, QStringLiteral("decision"), &s.decision) ||
        !optionalString(c, QStringLiteral("by"), &s.by) || (!s.decision.isEmpty() && !isUuid(s.decision)))
        return wire::answerError(QStringLiteral("state_changed"));
    s.at = wire::time(c.value(QStringLiteral("at")));
    qint64 revision = 0;
    if (c.contains(QStringLiteral("revision"))) {
        if (!integral(c.value(QStringLiteral("revision")), 1, &revision) || revision > 100000)
            return wire::answerError(QStringLiteral("state_changed"));
        s.revision = int(revision);
    }
    return s;
}

// ---------------------------------------------------------------- history
QByteArray encodeHistory(const QList<HistoryEvent> &events)
{
    QJsonArray list;
    for (const HistoryEvent &e : events) {
        QJsonObject o{{QStringLiteral("cursor"), double(e.cursor)},
                      {QStringLiteral("revision"), e.revision},
                      {QStringLiteral("state"), e.state},
                      {QStringLiteral("comment"), e.comment},
                      {QStringLiteral("at"), utcTimestamp(e.at)}};
        if (!e.decision.isEmpty())
            o.insert(QStringLiteral("decision"), e.decision);
        if (!e.notes.isEmpty())
            o.insert(QStringLiteral("notes"), notesToJson(e.notes));
        if (!e.by.isEmpty())
            o.insert(QStringLiteral("by"), e.by);
        if (!e.installation.isEmpty())
            o.insert(QStringLiteral("installation"), e.installation);
        list.append(o);
    }
    return wire::compact({{QStringLiteral("events"), list}});
}

Result<QList<HistoryEvent>> decodeHistory(const QByteArray &body)
{
    const auto parsed = wire::object(body);
    if (!parsed || !parsed->value(QStringLiteral("events")).isArray())
        return wire::answerError(QStringLiteral("history"));
    QList<HistoryEvent> out;
    for (const QJsonValue &v : parsed->value(QStringLiteral("events")).toArray()) {
        if (!v.isObject())
            return wire::answerError(QStringLiteral("history event"));
        const QJsonObject o = v.toObject();
        HistoryEvent e;
        qint64 revision = 0;
        if (!integral(o.value(QStringLiteral("cursor")), 1, &e.cursor) ||
            !integral(o.value(QStringLiteral("revision")), 1, &revision) || revision > 100000)
            return wire::answerError(QStringLiteral("history event"));
        e.revision = int(revision);
        e.state = o.value(QStringLiteral("state")).toString();
        e.at = wire::time(o.value(QStringLiteral("at")));
        if (e.state.isEmpty() || e.state.size() > 32 || !e.at.isValid() ||
            !optionalString(o, QStringLiteral("comment"), &e.comment) ||
            !optionalString(o, QStringLiteral("decision"), &e.decision) ||
            !optionalString(o, QStringLiteral("by"), &e.by) ||
            !optionalString(o, QStringLiteral("installation"), &e.installation) ||
            (!e.decision.isEmpty() && !isUuid(e.decision)))
            return wire::answerError(QStringLiteral("history event"));
        if (o.contains(QStringLiteral("notes")) && !notesFromJson(o.value(QStringLiteral("notes")), &e.notes))
            return wire::answerError(QStringLiteral("history event notes"));
        out << e;
    }
    return out;
}

} // namespace mobiliza::sync
