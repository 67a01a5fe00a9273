// The per-person export of a partner: everything the register holds about that
// person or organization (LGPD, Lei 13.709/2018, art. 18: right of access and
// portability). No widgets, no I/O: the caller writes the bytes.
//
// Format: pretty-printed UTF-8 JSON, one object, keys in Portuguese:
//   formato            "mobiliza.parceiro"            versao      1
//   exportado_em       ISO 8601 UTC (omitted when unknown)
//   id                 the partner's uuid
//   tipo               "pessoa_fisica" | "pessoa_juridica" | "grupo_informal"
//   governamental, formal   booleans
//   setor              sector code of the program's catalogue (setor_nome: its label, when given)
//   nome, documento    CPF (11 digits) or CNPJ (14 characters) as stored, "" when none
//   contato            { nome, cargo }
//   telefones          [E.164 strings]
//   email, endereco, cep (8 digits), municipio_ibge (municipio_nome when given)
//   estagio            "mapeado" | "sensibilizado" | "parceria_ativa" | "inativo"
//   historico_estagios [{ estagio, data }]     dates are ISO yyyy-MM-dd, "" when none
//   consentimento      { dado, data, canal, finalidade, revogado_em }
//   observacoes, atualizado_em
//   acoes              the actions the partner took part in, as described by the caller
#pragma once

#include "core/domain/types.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace mobiliza::core {

// Optional human-readable labels the caller can resolve (catalogue, reference table).
struct PartnerExportLabels
{
    QString sector;       // e.g. "Educação"
    QString municipality; // e.g. "Belo Horizonte"
    QDateTime exportedAt; // when the export was made (UTC)
};

QByteArray exportPartnerJson(const Partner &partner, const QStringList &actionsDescriptions,
                             const PartnerExportLabels &labels = {});

// The stage keys used in the export ("mapeado"…).
QString partnerStageExportKey(PartnerStage stage);
QString partnerKindExportKey(PartnerKind kind);

// The same content as a page to read (and print) in any browser, in Portuguese like
// the official documents: what the person asked for, in words — the kind, stage and
// consent in full, documents, phones and dates as written in Brazil. Self-contained
// UTF-8 HTML, every value escaped.
QByteArray exportPartnerHtml(const Partner &partner, const QStringList &actionsDescriptions,
                             const PartnerExportLabels &labels);

} // namespace mobiliza::core
