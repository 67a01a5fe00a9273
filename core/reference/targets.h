// The targets every level measures against (docs/protocol.md §10.8): the coverage target
// of each URS (the share of its municipalities expected to report each month) and
// the yearly action targets (the state's, each URS's, and each municipality's).
//
// They are data, edited at the central level and published down through the hub
// (GET/PUT /api/v1/targets, docs/protocol.md §10.8) so that the municipality, the
// URS and the central level draw the same target lines. A URS the document does
// not name keeps the reference table's coverageTarget (docs/reference-data.md);
// with neither, 100 %. A value type: cheap to copy, safe to read from any thread.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace mobiliza::core {

class ReferenceData;

struct YearTargets
{
    int year = 0;
    qint64 state = 0;          // actions the state aims at in the year; 0: not set
    QMap<QString, qint64> urs; // URS canonical name → its actions in the year (> 0)
    qint64 perMunicipality = 0; // actions each municipality aims at in the year; 0: not set
    bool isEmpty() const { return state == 0 && urs.isEmpty() && perMunicipality == 0; }
    friend bool operator==(const YearTargets &, const YearTargets &) = default;
};

class Targets
{
public:
    static constexpr int SchemaVersion = 1;
    static constexpr qint64 kMaxActions = 10'000'000;

    int revision = 0;    // 0: none published yet (the built-in defaults)
    QDateTime updated;   // when the central level saved it (UTC)
    QString updatedBy;   // who saved it (the central user's name), for people
    QMap<QString, double> coverage; // URS canonical name → share, 0 < t ≤ 1
    QList<YearTargets> years;       // by year, one entry per year, none empty

    // Parses and checks the shape: schema 1, revision ≥ 1, shares in (0, 1], action
    // counts 0…kMaxActions, years 2000…2100 without repeats. The message (pt-BR) says
    // what is wrong. Keys it does not know are ignored (a newer central level).
    static Result<Targets> fromJson(const QByteArray &json);
    QByteArray toJson() const; // compact, keys sorted: the same targets give the same bytes

    // Every URS named is a URS of this table by its canonical name (an alias is
    // refused: two spellings of one URS would be two targets). Error "unknown_urs".
    Status checkAgainst(const ReferenceData &reference) const;

    // The URS's share: this document's, else the reference table's, else 1.
    double coverageOf(const ReferenceData &reference, const QString &urs) const;
    // The share expected of a set of municipalities: each one's URS share, averaged
    // (1 for an empty set), as ReferenceData::coverageTarget does with the table alone.
    double coverageTarget(const ReferenceData &reference, const QList<Municipality> &municipalities) const;

    const YearTargets *year(int year) const;
    // The actions `municipalities` are expected to record in the year: the state's
    // target when they are the whole state and it is set; otherwise, for each URS they
    // touch, its target when they are all of its municipalities, else their number ×
    // the per-municipality target, else the URS's target × their share of it. nullopt
    // when that leaves any of them without a target (no line is drawn).
    std::optional<double> yearlyActions(const ReferenceData &reference, const QList<Municipality> &municipalities,
                                        int year) const;
    // The same, prorated by month over [from, to] (each month 1/12 of its year's
    // target); nullopt unless every year the range touches has one that applies.
    std::optional<double> actionsIn(const ReferenceData &reference, const QList<Municipality> &municipalities,
                                    Period from, Period to) const;

    friend bool operator==(const Targets &, const Targets &) = default;
};

} // namespace mobiliza::core
