#include "core/services/partner_export.h"

#include "core/outputs/output_format.h"
#include "core/validators/br_validators.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

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

namespace {

QString html(const QString &text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString documentText(const Partner &p)
{
    if (p.document.size() == 11)
        return QStringLiteral("CPF ") + br::formatCpf(p.document);
    if (p.document.size() == 14)
        return QStringLiteral("CNPJ ") + br::formatCnpj(p.document);
    return p.document;
}

QString dateText(const QDate &date)
{
    return date.isValid() ? br::formatDate(date) : QString();
}

} // namespace

QByteArray exportPartnerHtml(const Partner &p, const QStringList &actionsDescriptions,
                             const PartnerExportLabels &labels)
{
    QList<std::pair<QString, QString>> rows{
        {QStringLiteral("Tipo"), outputs::partnerKindLabel(p.kind)},
        {QStringLiteral("Documento"), documentText(p)},
        {QStringLiteral("Setor"), labels.sector.isEmpty() ? p.sector : labels.sector},
        {QStringLiteral("Contato"), QStringList{p.contactName, p.contactRole}
                                        .filter(QRegularExpression(QStringLiteral("\\S")))
                                        .join(QStringLiteral(", "))},
        {QStringLiteral("E-mail"), p.email},
        {QStringLiteral("Endereço"), p.address},
        {QStringLiteral("CEP"), p.cep.isEmpty() ? QString() : br::formatCep(p.cep)},
        {QStringLiteral("Município"), labels.municipality.isEmpty() ? p.municipality : labels.municipality},
        {QStringLiteral("Estágio da parceria"), outputs::partnerStageLabel(p.stage)},
        {QStringLiteral("Observações"), p.notes},
    };
    if (p.kind == PartnerKind::Organization) {
        rows.insert(1, {QStringLiteral("Órgão público"),
                        p.governmental ? QStringLiteral("Sim") : QStringLiteral("Não")});
        rows.insert(2, {QStringLiteral("Formalmente constituída"),
                        p.formal ? QStringLiteral("Sim") : QStringLiteral("Não")});
    }
    QStringList phones;
    for (const QString &phone : p.phones)
        phones << br::formatPhone(phone);
    rows.insert(4, {QStringLiteral("Telefones"), phones.join(QStringLiteral(", "))});

    QString body;
    body += QStringLiteral("<h1>%1</h1>").arg(html(p.name));
    body +=
        QStringLiteral("<p class=\"note\">Tudo o que o cadastro de parceiros da Secretaria guarda sobre esta "
                       "pessoa ou organização (Lei 13.709/2018, art. 18). Exportado em %1.</p>")
            .arg(labels.exportedAt.isValid() ? html(labels.exportedAt.toTimeZone(QTimeZone(-3 * 3600))
                                                        .toString(QStringLiteral("dd/MM/yyyy HH:mm")))
                                             : QStringLiteral("—"));
    body += QStringLiteral("<table>");
    for (const auto &[label, value] : std::as_const(rows))
        body += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>")
                    .arg(html(label), value.isEmpty() ? QStringLiteral("—") : html(value));
    body += QStringLiteral("</table>");

    body += QStringLiteral("<h2>Consentimento (LGPD)</h2><p>");
    if (p.consent.given && !p.consent.revokedOn.isValid())
        body += QStringLiteral("Dado em %1").arg(html(dateText(p.consent.date)));
    else if (p.consent.revokedOn.isValid())
        body += QStringLiteral("Revogado em %1 (dado em %2)")
                    .arg(html(dateText(p.consent.revokedOn)), html(dateText(p.consent.date)));
    else
        body += QStringLiteral("Não registrado");
    if (!p.consent.channel.isEmpty())
        body += QStringLiteral(" — canal: %1").arg(html(p.consent.channel));
    if (!p.consent.purpose.isEmpty())
        body += QStringLiteral("<br>Finalidade: %1").arg(html(p.consent.purpose));
    body += QStringLiteral("</p>");

    body += QStringLiteral("<h2>Histórico da parceria</h2>");
    if (p.stageHistory.isEmpty()) {
        body += QStringLiteral("<p>—</p>");
    } else {
        body += QStringLiteral("<ul>");
        for (const StageChange &change : p.stageHistory)
            body += QStringLiteral("<li>%1 — %2</li>")
                        .arg(html(dateText(change.date)), html(outputs::partnerStageLabel(change.stage)));
        body += QStringLiteral("</ul>");
    }
    body += QStringLiteral("<h2>Ações de que participou</h2>");
    if (actionsDescriptions.isEmpty()) {
        body += QStringLiteral("<p>Nenhuma.</p>");
    } else {
        body += QStringLiteral("<ul>");
        for (const QString &action : actionsDescriptions)
            body += QStringLiteral("<li>%1</li>").arg(html(action));
        body += QStringLiteral("</ul>");
    }
    const QString page =
        QStringLiteral(
            "<!DOCTYPE html>\n<html lang=\"pt-BR\"><head><meta charset=\"utf-8\"><title>Dados de "
            "%1</title><style>"
            "body{font-family:sans-serif;max-width:46em;margin:2em auto;color:#1a1a1a;line-height:1.4}"
            "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.1em;margin-top:1.6em;color:#1f4e79}"
            ".note{color:#555b66}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-"
            "align:top;"
            "padding:.35em .6em;border-bottom:1px solid "
            "#d5dbe3}th{width:14em;color:#555b66;font-weight:normal}"
            "</style></head><body>%2</body></html>\n")
            .arg(html(p.name), body);
    return page.toUtf8();
}

} // namespace mobiliza::core
