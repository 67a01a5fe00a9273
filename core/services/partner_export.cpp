#include "core/services/partner_export.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mobiliza::core {

namespace {

QString isoDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

} // namespace

QString partnerStageExportKey(PartnerStage stage)
{
    switch (stage) {
    case PartnerStage::Mapped: return QStringLiteral("mapeado");
    case PartnerStage::Sensitized: return QStringLiteral("sensibilizado");
    case PartnerStage::Active: return QStringLiteral("parceria_ativa");
    case PartnerStage::Inactive: return QStringLiteral("inativo");
    }
    return {};
}

QString partnerKindExportKey(PartnerKind kind)
{
    switch (kind) {
    case PartnerKind::Person: return QStringLiteral("pessoa_fisica");
    case PartnerKind::Organization: return QStringLiteral("pessoa_juridica");
    case PartnerKind::InformalGroup: return QStringLiteral("grupo_informal");
    }
    return {};
}

QByteArray exportPartnerJson(const Partner &p, const QStringList &actionsDescriptions,
                             const PartnerExportLabels &labels)
{
    QJsonObject root;
    root.insert(QStringLiteral("formato"), QStringLiteral("mobiliza.parceiro"));
    root.insert(QStringLiteral("versao"), 1);
    if (labels.exportedAt.isValid())
        root.insert(QStringLiteral("exportado_em"), labels.exportedAt.toUTC().toString(Qt::ISODate));
    root.insert(QStringLiteral("id"), p.uuid);
    root.insert(QStringLiteral("tipo"), partnerKindExportKey(p.kind));
    root.insert(QStringLiteral("governamental"), p.governmental);
    root.insert(QStringLiteral("formal"), p.formal);
    root.insert(QStringLiteral("setor"), p.sector);
    if (!labels.sector.isEmpty())
        root.insert(QStringLiteral("setor_nome"), labels.sector);
    root.insert(QStringLiteral("nome"), p.name);
    root.insert(QStringLiteral("documento"), p.document);
    root.insert(QStringLiteral("contato"), QJsonObject{{QStringLiteral("nome"), p.contactName},
                                                       {QStringLiteral("cargo"), p.contactRole}});
    root.insert(QStringLiteral("telefones"), QJsonArray::fromStringList(p.phones));
    root.insert(QStringLiteral("email"), p.email);
    root.insert(QStringLiteral("endereco"), p.address);
    root.insert(QStringLiteral("cep"), p.cep);
    root.insert(QStringLiteral("municipio_ibge"), p.municipality);
    if (!labels.municipality.isEmpty())
        root.insert(QStringLiteral("municipio_nome"), labels.municipality);
    root.insert(QStringLiteral("estagio"), partnerStageExportKey(p.stage));
    QJsonArray history;
    for (const StageChange &change : p.stageHistory)
        history.append(QJsonObject{{QStringLiteral("estagio"), partnerStageExportKey(change.stage)},
                                   {QStringLiteral("data"), isoDate(change.date)}});
    root.insert(QStringLiteral("historico_estagios"), history);
    root.insert(QStringLiteral("consentimento"),
                QJsonObject{{QStringLiteral("dado"), p.consent.given},
                            {QStringLiteral("data"), isoDate(p.consent.date)},
                            {QStringLiteral("canal"), p.consent.channel},
                            {QStringLiteral("finalidade"), p.consent.purpose},
                            {QStringLiteral("revogado_em"), isoDate(p.consent.revokedOn)}});
    root.insert(QStringLiteral("observacoes"), p.notes);
    root.insert(QStringLiteral("atualizado_em"),
                p.updatedAt.isValid() ? p.updatedAt.toUTC().toString(Qt::ISODate) : QString());
    root.insert(QStringLiteral("acoes"), QJsonArray::fromStringList(actionsDescriptions));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace mobiliza::core
