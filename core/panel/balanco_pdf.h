// The "Balanço mensal das ações de mobilização social" (issue 10): the Painel's
// selection as an A4 PDF in Portuguese — the scope, period and what is counted,
// the five tiles with their change against the previous period, the charts as
// vector graphics (actions per month stacked by first theme, people per month,
// municipalities reporting against the target, actions by format and by
// público-alvo), then the tables behind them and the núcleos per URS. Only the
// Painel's figures: nothing about partners (BRIEF §7). docs/outputs.md.
#pragma once

#include "core/panel/panel_nuclei.h"
#include "core/panel/panel_query.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QString>

namespace mobiliza::core {

class ProgramDefinition;
class ReferenceData;

struct BalancoInfo
{
    QString scope;         // who/where: "URS Barbacena", "Minas Gerais"
    QDateTime generatedAt; // printed dd/mm/aaaa HH:mm, Brasília time
    QString generatedBy;   // the person, when known
    bool demo = false;     // a demonstration profile: every page marked
};

// Atomic: the file is whole or absent (a full disk or an unwritable folder is an
// "io"/"disk_full" error in words, and no file). Needs a QGuiApplication (fonts):
// on a server, QT_QPA_PLATFORM=offscreen.
Status writeBalancoPdf(const PanelData &data, const QList<UrsNuclei> &nuclei,
                       const ProgramDefinition &program, const ReferenceData &reference,
                       const BalancoInfo &info, const QString &path);

} // namespace mobiliza::core
