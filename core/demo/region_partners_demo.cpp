#include "core/demo/region_partners_demo.h"

#include "core/regional/region_partners.h"
#include "core/validators/br_validators.h"

#include <QSet>

namespace mobiliza::core {

namespace {

struct Template
{
    const char *name; // %1: the municipality, %2: a pick from the list below
    PartnerKind kind;
    const char *sector;
    bool governmental;
    QList<const char *> picks;
};

const QList<Template> &templates()
{
    static const QList<Template> all{
        {"Escola Estadual %2", PartnerKind::Organization, "educacao", true,
         {"Padre Anchieta", "Dom Pedro II", "Tiradentes", "Cecília Meireles", "Afonso Pena"}},
        {"Escola Municipal %2", PartnerKind::Organization, "educacao", true,
         {"Monteiro Lobato", "Santos Dumont", "Marília de Dirceu", "Juscelino Kubitschek"}},
        {"Conselho Municipal de Saúde de %1", PartnerKind::Organization, "conselho_controle_social", true, {}},
        {"CRAS %2", PartnerKind::Organization, "assistencia_social", true,
         {"Centro", "São José", "Vila Nova", "Bela Vista"}},
        {"Paróquia %2", PartnerKind::Organization, "religioso", false,
         {"São Sebastião", "Nossa Senhora da Piedade", "Santo Antônio", "Nossa Senhora do Rosário"}},
        {"Rádio Comunitária %2 FM", PartnerKind::Organization, "imprensa_midia", false,
         {"Esperança", "Liberdade", "Alvorada", "Vale Verde"}},
        {"Associação Comunitária do Bairro %2", PartnerKind::Organization, "assistencia_social", false,
         {"Esperança", "Santa Luzia", "Boa Vista", "São Pedro"}},
        {"Pastoral da Criança de %1", PartnerKind::Organization, "religioso", false, {}},
        {"Grupo de Caminhada %2", PartnerKind::InformalGroup, "esporte", false,
         {"Vida Ativa", "Passo Firme", "Amigos da Saúde"}},
        {"Clube de Mães %2", PartnerKind::InformalGroup, "assistencia_social", false,
         {"Santa Luzia", "Santa Rita", "Nossa Senhora Aparecida"}},
        {"Sindicato dos Trabalhadores Rurais de %1", PartnerKind::Organization, "outro", false, {}},
        {"Academia da Saúde %2", PartnerKind::Organization, "saude", true, {"Centro", "Vila Nova", "Bela Vista"}},
        {"Coletivo Jovem em Ação", PartnerKind::InformalGroup, "cultura", false, {}},
        {"Cooperativa de Laticínios de %1", PartnerKind::Organization, "economia_comercio", false, {}},
        {"Liga Esportiva de %1", PartnerKind::Organization, "esporte", false, {}},
        {"%2", PartnerKind::Person, "saude", false,
         {"Maria Aparecida Souza", "José Carlos Pereira", "Ana Paula Ferreira", "Antônio Marcos Silva",
          "Rosângela Lima"}},
    };
    return all;
}

QString demoCnpj(QRandomGenerator &rng)
{
    QString first12;
    for (int i = 0; i < 8; ++i)
        first12 += QChar(u'0' + int(rng.bounded(10)));
    first12 += QStringLiteral("0001");
    return first12 + br::cnpjCheckDigits(first12);
}

PartnerStage stageFor(int roll)
{
    if (roll < 20)
        return PartnerStage::Mapped;
    if (roll < 45)
        return PartnerStage::Sensitized;
    if (roll < 90)
        return PartnerStage::Active;
    return PartnerStage::Inactive;
}

} // namespace

Result<int> seedRegionPartners(Services &services, const QList<Municipality> &municipalities, QRandomGenerator &rng,
                               const QDateTime &now)
{
    QList<RegionPartner> entries;
    qint64 cursor = 0;
    for (const Municipality &m : municipalities) {
        const int count = 3 + int(rng.bounded(8));
        QSet<QString> names;
        for (int tries = 0; names.size() < count && tries < 40; ++tries) {
            const Template &t = templates().at(int(rng.bounded(int(templates().size()))));
            QString name = QString::fromUtf8(t.name).replace(QStringLiteral("%1"), m.name);
            if (!t.picks.isEmpty())
                name.replace(QStringLiteral("%2"),
                             QString::fromUtf8(t.picks.at(int(rng.bounded(int(t.picks.size()))))));
            if (names.contains(name))
                continue;
            names.insert(name);
            RegionPartner p;
            p.uuid = newUuid();
            p.municipality = m.ibge;
            p.name = name;
            p.kind = t.kind;
            p.sector = QString::fromLatin1(t.sector);
            p.governmental = t.governmental;
            p.formal = t.kind != PartnerKind::InformalGroup;
            p.stage = stageFor(int(rng.bounded(100)));
            if (t.kind == PartnerKind::Organization && rng.bounded(100) < 70)
                p.cnpj = demoCnpj(rng);
            p.updatedAt = now.addSecs(-3600 * (2 + qint64(rng.bounded(24 * 200))));
            // Consent is recorded with a change of the partner: on or before its last one.
            p.consent = p.stage != PartnerStage::Mapped && rng.bounded(100) < 60;
            if (p.consent)
                p.consentDate = p.updatedAt.date().addDays(-int(rng.bounded(120)));
            p.cursor = ++cursor;
            entries << p;
        }
    }
    if (Status applied = RegionPartners(services).applyPulled(entries, cursor); !applied)
        return applied.error();
    return int(entries.size());
}

} // namespace mobiliza::core
