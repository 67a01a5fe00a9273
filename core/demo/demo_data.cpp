#include "core/demo/demo_data.h"
#include "core/demo/apoio_demo.h"
#include "core/demo/demo_targets.h"

#include "core/demo/demo_content.h"

#include "core/services/services.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QRandomGenerator>

namespace mobiliza::core {

namespace {

struct DemoPartner
{
    const char *name;
    PartnerKind kind;
    const char *sector;
};

const DemoPartner kPartners[] = {
    {"Escola Estadual Padre Anchieta", PartnerKind::Organization, "educacao"},
    {"Rádio Comunitária Esperança FM", PartnerKind::Organization, "imprensa_midia"},
    {"Paróquia São Sebastião", PartnerKind::Organization, "religioso"},
    {"Associação Comunitária do Bairro Esperança", PartnerKind::Organization, "assistencia_social"},
    {"Conselho Municipal de Saúde", PartnerKind::Organization, "conselho_controle_social"},
    {"CRAS Centro", PartnerKind::Organization, "assistencia_social"},
    {"Sindicato dos Trabalhadores Rurais", PartnerKind::Organization, "outro"},
    {"Pastoral da Criança", PartnerKind::Organization, "religioso"},
    {"Grupo de Caminhada Vida Ativa", PartnerKind::InformalGroup, "esporte"},
    {"Supermercado Bom Preço", PartnerKind::Organization, "economia_comercio"},
    {"Clube de Mães Santa Luzia", PartnerKind::InformalGroup, "assistencia_social"},
    {"Escola Municipal Monteiro Lobato", PartnerKind::Organization, "educacao"},
    {"Jornal Folha da Cidade", PartnerKind::Organization, "imprensa_midia"},
    {"Liga Esportiva Municipal", PartnerKind::Organization, "esporte"},
    {"Igreja Batista Central", PartnerKind::Organization, "religioso"},
    {"Coletivo Jovem em Ação", PartnerKind::InformalGroup, "cultura"},
    {"Associação dos Agentes Comunitários de Saúde", PartnerKind::Organization, "saude"},
    {"Lions Clube", PartnerKind::Organization, "assistencia_social"},
    {"Rotary Club", PartnerKind::Organization, "assistencia_social"},
    {"Cooperativa de Laticínios", PartnerKind::Organization, "economia_comercio"},
    {"Academia da Saúde", PartnerKind::Organization, "saude"},
    {"Corpo de Bombeiros Voluntários", PartnerKind::Organization, "outro"},
    {"Maria Aparecida Souza", PartnerKind::Person, "saude"},
    {"José Carlos Pereira", PartnerKind::Person, "religioso"},
    {"Ana Paula Ferreira", PartnerKind::Person, "educacao"},
    {"Grupo de Teatro Arte Viva", PartnerKind::InformalGroup, "cultura"},
    {"Associação de Moradores do Córrego Fundo", PartnerKind::Organization, "assistencia_social"},
    {"Instituto Federal — campus local", PartnerKind::Organization, "educacao"},
    {"Conselho Tutelar", PartnerKind::Organization, "conselho_controle_social"},
    {"Farmácia Popular", PartnerKind::Organization, "saude"},
    {"Câmara de Dirigentes Lojistas", PartnerKind::Organization, "economia_comercio"},
    {"Banda Municipal", PartnerKind::Organization, "cultura"},
    {"Grupo da Melhor Idade", PartnerKind::InformalGroup, "assistencia_social"},
    {"Conselho Municipal de Educação", PartnerKind::Organization, "conselho_controle_social"},
    {"Comunidade Quilombola Santa Cruz", PartnerKind::InformalGroup, "cultura"},
    {"Escola de Samba Unidos da Vila", PartnerKind::InformalGroup, "cultura"},
    {"Emissora de TV Regional", PartnerKind::Organization, "imprensa_midia"},
    {"Associação de Pais e Amigos dos Excepcionais", PartnerKind::Organization, "assistencia_social"},
};

} // namespace

DemoData::DemoData(Services &services, ProgramDefinition program, ReferenceData reference, const Clock &clock)
    : m_services(services), m_program(std::move(program)), m_reference(std::move(reference)), m_clock(clock)
{
}

Result<DemoSummary> DemoData::seed()
{
    auto &profile = m_services.profile();
    auto &reports = m_services.reports();
    auto &partners = m_services.partners();
    DemoSummary summary;

    // Set while a seed runs, cleared when it is complete: a seed cut short (the
    // process killed, the disk full and the undo impossible) is found here.
    static const QString kSeeding = QStringLiteral("demo_seed_incomplete");
    if (profile.isDemo()) {
        if (profile.setting(kSeeding).isEmpty())
            return summary; // a complete demo profile: seeding again changes nothing
        // Cut short last time: the profile held nothing before (seed() refuses
        // a profile with real data), so start again from empty.
        if (Status cleared = m_services.database().removeAllRecords(); !cleared)
            return cleared.error();
    } else {
        const auto existing = reports.summaries();
        if (!existing)
            return existing.error();
        if (!existing.value().isEmpty() || !partners.partners().isEmpty())
            return Error{QStringLiteral("not_empty"),
                         QCoreApplication::translate("DemoData", "This profile already holds real reports or partners, so no demonstration data was "
                             "added. Use --demo-data with a new, empty --data-dir.")};
    }
    const bool apoio = m_program.reportingUnit() == QLatin1String("apoiador");
    if (profile.reportingUnit().isEmpty())
        return Error{QStringLiteral("no_municipality"),
                     QCoreApplication::translate("DemoData", "Choose the profile's municipality before adding demonstration data.")};

    // Marked first: whatever a failure half-way leaves behind is never mistaken for real data.
    if (auto s = profile.setSetting(kSeeding, QStringLiteral("1")); !s)
        return s.error(); // nothing was written
    if (auto s = profile.setDemo(true); !s)
        return s.error();
    auto seeded = apoio ? seedApoioRecords(m_services, m_program, m_clock, summary) : seedRecords(summary);
    // The targets the central level would have published: the Painel measures against them.
    if (seeded && !apoio)
        if (Status s = seedDemoTargets(m_services, m_reference, m_clock); !s)
            seeded = s.error();
    if (seeded) {
        if (auto s = profile.setSetting(kSeeding, QString()); !s)
            return s.error(); // complete, but not known to be: the next run starts again
        return seeded;
    }
    // Undo the half-made set (the profile was empty); say exactly what stays when that fails too.
    const Error cause = seeded.error();
    if (m_services.database().removeAllRecords().ok()) {
        if (profile.setDemo(false).ok() && profile.setSetting(kSeeding, QString()).ok())
            return Error{cause.code,
                         QCoreApplication::translate("DemoData",
                                                     "The demonstration data could not be added: %1 "
                                                     "Nothing was added to this profile.")
                             .arg(cause.message)};
    }
    const auto left = m_services.database().countRecords();
    return Error{cause.code,
                 QCoreApplication::translate("DemoData",
                                             "The demonstration data could not be completed: %1 This profile "
                                             "now holds part of it (%2 report(s), %3 partner(s)), all marked as "
                                             "demonstration data. Free some space on the disk and use "
                                             "--demo-data with a new, empty --data-dir.")
                     .arg(cause.message)
                     .arg(left ? QString::number(left->first) : QStringLiteral("?"))
                     .arg(left ? QString::number(left->second) : QStringLiteral("?"))};
}

Result<DemoSummary> DemoData::seedRecords(DemoSummary summary)
{
    auto &reports = m_services.reports();
    auto &partners = m_services.partners();
    const QString municipality = m_services.profile().municipality();
    const QDate today = m_clock.today();
    QRandomGenerator rng(quint32(municipality.toUInt() ^ quint32(today.year() * 100 + today.month())));
    auto fail = [](const Error &e) { return Result<DemoSummary>(e); };

    // Partners in every stage, with consent records; no real CPF (organizations and groups mostly).
    QStringList partnerUuids;
    const int partnerCount = 20 + int(rng.bounded(21));
    const auto sectors = m_program.catalogue(QStringLiteral("setores_parceiros"));
    const PartnerStage stages[] = {PartnerStage::Mapped, PartnerStage::Sensitized, PartnerStage::Active,
                                   PartnerStage::Inactive};
    for (int i = 0; i < partnerCount; ++i) {
        Partner p;
        p.uuid = newUuid();
        const DemoPartner &dp = kPartners[i % std::size(kPartners)];
        p.name = QString::fromUtf8(dp.name);
        if (i >= int(std::size(kPartners)))
            p.name += QStringLiteral(" (%1)").arg(i / int(std::size(kPartners)) + 1);
        p.kind = dp.kind;
        p.governmental = p.name.startsWith(QLatin1String("Escola")) || p.name.startsWith(QLatin1String("Conselho"))
                         || p.name.startsWith(QLatin1String("CRAS")) || p.name.startsWith(QLatin1String("Academia"));
        p.formal = p.kind == PartnerKind::Organization;
        p.sector = QString::fromLatin1(dp.sector);
        bool knownSector = false;
        for (const auto &e : sectors)
            knownSector = knownSector || e.code == p.sector;
        if (!knownSector)
            p.sector = sectors.isEmpty() ? QString() : sectors.at(i % sectors.size()).code;
        p.contactName = QStringLiteral("Contato de demonstração %1").arg(i + 1);
        p.phones = {QStringLiteral("+5531%1").arg(988000000 + i * 137)};
        p.email = QStringLiteral("parceiro%1@exemplo.org.br").arg(i + 1);
        p.municipality = municipality;
        p.stage = stages[i % 4];
        const QDate since = today.addDays(-30 * (12 - i % 12) - 5);
        p.stageHistory = {StageChange{PartnerStage::Mapped, since}};
        if (p.stage != PartnerStage::Mapped)
            p.stageHistory << StageChange{p.stage, since.addDays(20)};
        p.consent = PartnerConsent{i % 3 != 2, since, QStringLiteral("WhatsApp"),
                                   QStringLiteral("Receber campanhas e peças digitais da saúde"), {}};
        const auto saved = partners.save(p);
        if (!saved)
            return fail(saved.error());
        partnerUuids << saved.value().uuid;
        ++summary.partners;
    }

    const Period current = Period::fromDate(today);
    QList<Period> periods;
    for (Period p = current; periods.size() < 13; p = p.previous())
        periods.prepend(p);

    int sampleIndex = int(rng.bounded(demo::sampleCount()));
    for (const Period &period : periods) {
        const auto created = reports.createReport(m_program.id(), period);
        if (!created)
            return fail(created.error());
        ++summary.reports;
        const bool isCurrent = period == current;
        const int lastDay = isCurrent ? today.day() : period.lastDay().day();
        const int actions = isCurrent ? qMin(5 + int(rng.bounded(4)), 3 + lastDay / 3) : 5 + int(rng.bounded(11));
        for (int a = 0; a < actions; ++a) {
            const int sample = sampleIndex++;
            const QDate date(period.year, period.month, 1 + int(rng.bounded(lastDay)));
            const QJsonObject values = demo::actionValues(m_program, sample, date, municipality, rng);
            const auto action = reports.addAction(created.value().uuid, values);
            if (!action)
                return fail(action.error());
            ++summary.actions;
            if (!partnerUuids.isEmpty() && rng.bounded(3) != 0) {
                QStringList links{partnerUuids.at(int(rng.bounded(int(partnerUuids.size()))))};
                if (auto st = reports.setActionPartners(action.value().uuid, links); !st)
                    return fail(st.error());
            }
            const int photos = 1 + int(rng.bounded(3));
            for (int k = 0; k < photos; ++k) {
                const QByteArray jpeg = demo::makePhoto(rng, summary.photos);
                const auto sha = m_services.blobs().put(jpeg);
                if (!sha)
                    return fail(sha.error());
                Photo meta;
                meta.sha256 = sha.value();
                meta.caption = QStringLiteral("%1 — registro %2").arg(demo::sampleTitle(sample)).arg(k + 1);
                meta.takenOn = date;
                meta.author = QStringLiteral("Equipe de mobilização (demonstração)");
                meta.identifiablePeople = k == 0;
                meta.authorizationOnFile = k == 0;
                meta.width = 960;
                meta.height = 720;
                meta.bytes = jpeg.size();
                const auto added = reports.addPhoto(action.value().uuid, meta);
                if (!added)
                    return fail(added.error());
                ++summary.photos;
            }
        }
        if (!isCurrent) {
            const auto concluded = reports.conclude(created.value().uuid);
            if (!concluded)
                return fail(concluded.error());
        }
    }
    return summary;
}

bool hasDemoData(const ProgramDefinition &program)
{
    return program.id() == ProgramDefinition::sesMgMobilizacaoId() ||
           program.id() == ProgramDefinition::apoioCosemsId();
}

} // namespace mobiliza::core
