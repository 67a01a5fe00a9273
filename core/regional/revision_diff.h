// What changed between two revisions of a report ("o que mudou desde a revisão
// anterior"): actions added and removed, fields changed, photos added and
// removed, and the "sem ações no mês" flag. Actions are matched by their uuid
// (a correction reopens the returned revision and keeps them); photos by their
// content (SHA-256) inside the matched action. Pure: no store, no UI.
#pragma once

#include "core/domain/types.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace mobiliza::core {

struct FieldChange
{
    QString field; // field id
    QJsonValue before;
    QJsonValue after;
};

struct ActionChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString action;        // uuid
    int position = 0;      // in the newer revision (Added, Changed) or the older (Removed)
    QList<FieldChange> fields;
    QList<Photo> photosAdded;
    QList<Photo> photosRemoved;
    int photoCount = 0;    // of the action (Added: its photos; Removed: the ones it had)
};

struct RevisionDiff
{
    int from = 0;
    int to = 0;
    bool noActionsChanged = false; // the "sem ações no mês" flag or its justification
    QList<ActionChange> actions;   // in the newer revision's order, removed ones last
    bool isEmpty() const { return !noActionsChanged && actions.isEmpty(); }
    int photosAdded() const;
    int photosRemoved() const;
};

RevisionDiff diffRevisions(const Report &before, const Report &after);

} // namespace mobiliza::core
