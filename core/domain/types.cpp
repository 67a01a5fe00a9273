#include "core/domain/types.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUuid>

namespace mobiliza::core {

QString Period::key() const
{
    if (isQuadrimester())
        return QStringLiteral("%1-Q%2").arg(year, 4, 10, QLatin1Char('0')).arg(quadrimester());
    return QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0'));
}

QString Period::display() const
{
    if (isQuadrimester()) {
        //: A four-month reporting period: %1 is 1, 2 or 3, %2 the year (pt-BR: "1º quadrimestre de 2026")
        return QCoreApplication::translate("Period", "Four-month period %1 of %2")
            .arg(quadrimester())
            .arg(year);
    }
    return QStringLiteral("%1/%2").arg(month, 2, 10, QLatin1Char('0')).arg(year, 4, 10, QLatin1Char('0'));
}

Period Period::next() const
{
    const int index = year * 12 + (month - 1) + months;
    return Period{index / 12, index % 12 + 1, months};
}

Period Period::previous() const
{
    const int index = year * 12 + (month - 1) - months;
    return Period{index / 12, index % 12 + 1, months};
}

Period Period::fromKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{4})-(?:(\\d{2})|Q(\\d))$"));
    const auto m = re.match(key.trimmed());
    if (!m.hasMatch())
        return {};
    const int year = m.captured(1).toInt();
    const Period p = m.capturedLength(3) > 0 ? quadrimesterOf(year, m.captured(3).toInt())
                                             : Period{year, m.captured(2).toInt()};
    return p.isValid() ? p : Period{};
}

Period Period::fromDate(const QDate &date)
{
    if (!date.isValid())
        return {};
    return {date.year(), date.month()};
}

Period Period::containing(const QDate &date, int months)
{
    if (!date.isValid() || (months != 1 && months != 4))
        return {};
    return {date.year(), (date.month() - 1) / months * months + 1, months};
}

Period Period::quadrimesterOf(int year, int n)
{
    if (n < 1 || n > 3)
        return {};
    return {year, (n - 1) * 4 + 1, 4};
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

bool isIbgeCode(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\d{7}$"));
    return re.match(s).hasMatch();
}

bool isApoiadorId(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^ap-[0-9a-f]{12}$"));
    return re.match(s).hasMatch();
}

bool isReportingUnitId(const QString &s)
{
    return isIbgeCode(s) || isApoiadorId(s);
}

QString apoiadorIdFor(const QString &installationUuid)
{
    const QString hex = installationUuid.toLower().remove(QLatin1Char('-')).left(12);
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{12}$"));
    return re.match(hex).hasMatch() ? QStringLiteral("ap-") + hex : QString();
}

} // namespace mobiliza::core
