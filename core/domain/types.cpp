#include "core/domain/types.h"

#include <QRegularExpression>
#include <QUuid>

namespace mobiliza::core {

QString Period::key() const
{
    return QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0'));
}

QString Period::display() const
{
    return QStringLiteral("%1/%2").arg(month, 2, 10, QLatin1Char('0')).arg(year, 4, 10, QLatin1Char('0'));
}

Period Period::next() const
{
    return month == 12 ? Period{year + 1, 1} : Period{year, month + 1};
}

Period Period::previous() const
{
    return month == 1 ? Period{year - 1, 12} : Period{year, month - 1};
}

Period Period::fromKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})-(\\d{2})$"));
    const auto m = re.match(key.trimmed());
    if (!m.hasMatch())
        return {};
    Period p{m.captured(1).toInt(), m.captured(2).toInt()};
    return p.isValid() ? p : Period{};
}

Period Period::fromDate(const QDate &date)
{
    if (!date.isValid())
        return {};
    return {date.year(), date.month()};
}

QString partnerKindKey(PartnerKind kind)
{
    switch (kind) {
    case PartnerKind::Person: return QStringLiteral("person");
    case PartnerKind::Organization: return QStringLiteral("organization");
    case PartnerKind::InformalGroup: return QStringLiteral("informal_group");
    }
    return {};
}

QString partnerStageKey(PartnerStage stage)
{
    switch (stage) {
    case PartnerStage::Mapped: return QStringLiteral("mapped");
    case PartnerStage::Sensitized: return QStringLiteral("sensitized");
    case PartnerStage::Active: return QStringLiteral("active");
    case PartnerStage::Inactive: return QStringLiteral("inactive");
    }
    return {};
}

bool partnerKindFromKey(const QString &key, PartnerKind *out)
{
    for (auto k : {PartnerKind::Person, PartnerKind::Organization, PartnerKind::InformalGroup}) {
        if (partnerKindKey(k) == key) {
            if (out)
                *out = k;
            return true;
        }
    }
    return false;
}

bool partnerStageFromKey(const QString &key, PartnerStage *out)
{
    for (auto s : {PartnerStage::Mapped, PartnerStage::Sensitized, PartnerStage::Active,
                   PartnerStage::Inactive}) {
        if (partnerStageKey(s) == key) {
            if (out)
                *out = s;
            return true;
        }
    }
    return false;
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace mobiliza::core
