// The Painel's facts of the replica (schema 8, docs/architecture.md): one row per
// action of a fetched revision in replica_actions, its themes and audiences in
// replica_action_codes, copied from the manifest through the program's field
// roles (themes, format, audience, people_reached) when ReplicaService stores the
// manifest, so the panel's queries never decode JSON. The same actions packed in
// one row per revision (schema 12, replica_packed_actions) are what computePanel
// reads: see packActions below.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <utility>

namespace mobiliza::core {

class ProgramDefinition;

// Replaces the facts of `report`'s revision `revision` with those of `decoded`
// (its manifest, decoded) and marks the revision's facts written. Runs inside the
// caller's transaction. `program` null (unknown program): no facts, and the
// revision stays unmarked so a later backfill can write them.
Status writeReplicaFacts(const QSqlDatabase &db, const Report &decoded, int revision,
                         const ProgramDefinition *program);

// Forgets the facts of a revision whose manifest is forgotten (the hub listed
// another hash for it). Inside the caller's transaction.
Status dropReplicaFacts(const QSqlDatabase &db, const QString &report, int revision);

// A passage of an action the quali search indexes (replica_text, schema 16): a field the
// program's "panel.search" names — a text, or one entry of a list (its text fields joined).
struct SearchText
{
    QString field;  // the field's id
    int entry = -1; // a list's entry (0-based); -1 for a text field
    QString text;
};
QList<SearchText> searchTextsOf(const ProgramDefinition &program, const QJsonObject &values);

// One action of a revision as replica_packed_actions holds it.
struct PackedAction
{
    qint64 people = 0;
    QString format;     // '' when not said
    QStringList themes; // in the order chosen: the first stacks the charts
    QStringList audiences;
};

// The packed form (resources/migrations/0012_panel_packed.sql): the actions in
// position order separated by RS (0x1E), an action's fields by US (0x1F) —
// people, format, themes, audiences — and a field's codes by GS (0x1D), UTF-8.
// Catalogue codes never hold those control characters.
inline constexpr char kPackedActionSep = '\x1e';
inline constexpr char kPackedFieldSep = '\x1f';
inline constexpr char kPackedCodeSep = '\x1d';
QByteArray packActions(const QList<PackedAction> &actions);

// An action's figures from its values (field id → value) through the program's
// field roles (themes, format, audience, people_reached); nothing for a role the
// program does not have or a value that is not what the definition says.
PackedAction packedActionOf(const ProgramDefinition &program, const QJsonObject &values);

// One action read back: views into the packed bytes (valid while they are).
struct PackedActionView
{
    qint64 people = 0;
    QByteArrayView format;
    QByteArrayView themes;    // codes separated by kPackedCodeSep
    QByteArrayView audiences; // the same
    QByteArrayView firstTheme() const;
    bool hasTheme(QByteArrayView code) const;
};

// Calls `each` for every part of `bytes` between the separators `sep` (none when empty).
template <typename Each> void forEachPackedPart(QByteArrayView bytes, char sep, Each &&each)
{
    if (bytes.isEmpty())
        return;
    for (qsizetype from = 0;;) {
        const qsizetype at = bytes.indexOf(sep, from);
        each(bytes.sliced(from, (at < 0 ? bytes.size() : at) - from));
        if (at < 0)
            return;
        from = at + 1;
    }
}

// Calls `each` for every code of a field of a PackedActionView.
template <typename Each> void forEachCode(QByteArrayView codes, Each &&each)
{
    forEachPackedPart(codes, kPackedCodeSep, each);
}

// Calls `each(const PackedActionView &)` for every action of `packed`, in position order
// (a template: the panel reads about a million actions for ten years of the state).
template <typename Each> void forEachPackedAction(QByteArrayView packed, Each &&each)
{
    forEachPackedPart(packed, kPackedActionSep, [&](QByteArrayView action) {
        PackedActionView v;
        int field = 0;
        forEachPackedPart(action, kPackedFieldSep, [&](QByteArrayView part) {
            switch (field++) {
            case 0:
                v.people = part.toLongLong();
                break;
            case 1:
                v.format = part;
                break;
            case 2:
                v.themes = part;
                break;
            default:
                v.audiences = part;
            }
        });
        each(std::as_const(v));
    });
}

} // namespace mobiliza::core
