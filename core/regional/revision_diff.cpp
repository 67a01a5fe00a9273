#include "core/regional/revision_diff.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace mobiliza::core {

int RevisionDiff::photosAdded() const
{
    int n = 0;
    for (const ActionChange &a : actions)
        n += int(a.photosAdded.size());
    return n;
}

int RevisionDiff::photosRemoved() const
{
    int n = 0;
    for (const ActionChange &a : actions)
        n += int(a.photosRemoved.size());
    return n;
}

namespace {

// Photos of `a` whose content is not among `b`'s (a photo repeated counts each time).
QList<Photo> photosNotIn(const QList<Photo> &a, const QList<Photo> &b)
{
    QHash<QString, int> remaining;
    for (const Photo &p : b)
        ++remaining[p.sha256];
    QList<Photo> out;
    for (const Photo &p : a) {
        if (remaining.value(p.sha256) > 0)
            --remaining[p.sha256];
        else
            out << p;
    }
    return out;
}

// A value as it means: a list of codes (the municipalities supported, the themes chosen) holds
// a set, so the same codes in another order are the same answer — the editor may keep them in
// another order after an edit. Lists of entries (encaminhamentos) keep their order.
bool sameValue(const QJsonValue &a, const QJsonValue &b)
{
    if (a == b)
        return true;
    if (!a.isArray() || !b.isArray())
        return false;
    const QJsonArray x = a.toArray(), y = b.toArray();
    if (x.size() != y.size())
        return false;
    QStringList xs, ys;
    for (qsizetype i = 0; i < x.size(); ++i) {
        if (!x[i].isString() || !y[i].isString())
            return false;
        xs << x[i].toString();
        ys << y[i].toString();
    }
    xs.sort();
    ys.sort();
    return xs == ys;
}

} // namespace

RevisionDiff diffRevisions(const Report &before, const Report &after)
{
    RevisionDiff diff;
    diff.from = before.revision;
    diff.to = after.revision;
    diff.noActionsChanged =
        before.noActions != after.noActions || before.noActionsJustification != after.noActionsJustification;

    QHash<QString, const Action *> old;
    for (const Action &a : before.actions)
        old.insert(a.uuid, &a);
    QSet<QString> seen;
    for (const Action &a : after.actions) {
        const Action *was = old.value(a.uuid);
        if (!was) {
            ActionChange c;
            c.kind = ActionChange::Kind::Added;
            c.action = a.uuid;
            c.position = a.position;
            c.photoCount = int(a.photos.size());
            c.photosAdded = a.photos;
            diff.actions << c;
            continue;
        }
        seen.insert(a.uuid);
        ActionChange c;
        c.action = a.uuid;
        c.position = a.position;
        c.photoCount = int(a.photos.size());
        QStringList keys = a.values.keys();
        for (const QString &k : was->values.keys())
            if (!keys.contains(k))
                keys << k;
        keys.sort();
        for (const QString &k : std::as_const(keys))
            if (!sameValue(a.values.value(k), was->values.value(k)))
                c.fields << FieldChange{k, was->values.value(k), a.values.value(k)};
        if (a.partnerUuids != was->partnerUuids)
            c.fields << FieldChange{QStringLiteral("partners"), QJsonValue(int(was->partnerUuids.size())),
                                    QJsonValue(int(a.partnerUuids.size()))};
        c.photosAdded = photosNotIn(a.photos, was->photos);
        c.photosRemoved = photosNotIn(was->photos, a.photos);
        if (!c.fields.isEmpty() || !c.photosAdded.isEmpty() || !c.photosRemoved.isEmpty())
            diff.actions << c;
    }
    for (const Action &a : before.actions)
        if (!seen.contains(a.uuid)) {
            ActionChange c;
            c.kind = ActionChange::Kind::Removed;
            c.action = a.uuid;
            c.position = a.position;
            c.photoCount = int(a.photos.size());
            c.photosRemoved = a.photos;
            diff.actions << c;
        }
    return diff;
}

} // namespace mobiliza::core
