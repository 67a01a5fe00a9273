// Change notifications of the one write path. Services emit after a commit
// (never after a rollback); models and pages subscribe here, not to each other.
#pragma once

#include <QObject>
#include <QString>

namespace mobiliza::core {

class Notifier : public QObject
{
    Q_OBJECT

public:
    explicit Notifier(QObject *parent = nullptr) : QObject(parent) {}

Q_SIGNALS:
    void reportChanged(const QString &uuid);  // content, state or revision of one report
    void reportsReset();                      // many reports may have changed
    void partnerChanged(const QString &uuid); // saved or erased
    void profileChanged();                    // municipality, user name or a setting
    void replicaChanged();                    // the regional replica or its review decisions (URS)
    void regionPartnersChanged();             // the URS's copy of its municipalities' partners
    void targetsChanged();                    // the targets (TargetsService): edited or published
};

} // namespace mobiliza::core
