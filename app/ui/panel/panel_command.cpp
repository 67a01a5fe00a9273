#include "app/ui/panel/panel_command.h"

#include "app/ui/command_line.h"
#include "core/domain/clock.h"
#include "core/panel/balanco_pdf.h"
#include "core/panel/panel_export.h"
#include "core/panel/panel_nuclei.h"
#include "core/panel/panel_query.h"
#include "core/panel/program_panel.h"
#include "core/panel/program_panel_export.h"
#include "core/panel/text_search.h"
#include "core/program/program_definition.h"
#include "core/reference/brazil_reference.h"
#include "core/reference/reference_data.h"
#include "core/regional/review_outbox.h"
#include "core/services/services.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <optional>

namespace mobiliza::ui {

namespace {

int failWith(QString *err, const QString &message)
{
    *err += message + QLatin1Char('\n');
    return 1;
}

// "--panel is for a profile of the level “COSEMS coordination” or “CONASEMS”; …".
int refuseReporter(const QString &option, const core::ProgramDefinition &shown, QString *err)
{
    return failWith(
        err, QCoreApplication::translate("PanelCommand", "%1 is for a profile of the level “%2” or “%3”; "
                                                         "this one is of the level “%4”.")
                 .arg(option, shown.level(core::Role::Urs).label, shown.level(core::Role::Central).label,
                      shown.level(core::Role::Municipality).label));
}

// --from and --to of a program with a panel of its own, and whose actions count: the
// profile's state (a COSEMS's), or the country's (CONASEMS). Null after saying what is wrong.
std::optional<core::ProgramPanelFilter> programRange(const CommandLine &cl, core::Services &services,
                                                     const core::ProgramDefinition &program, core::Role role,
                                                     QString *err)
{
    for (const QString &key : {cl.fromMonth, cl.toMonth})
        if (!program.periodFromKey(key).isValid()) {
            failWith(err, QCoreApplication::translate("PanelCommand",
                                                      "\"%1\" is not a quadrimestre: use YYYY-Qn (n = 1, 2 "
                                                      "or 3), e.g. 2026-Q1.")
                              .arg(key));
            return std::nullopt;
        }
    core::ProgramPanelFilter filter;
    filter.from = program.periodFromKey(cl.fromMonth);
    filter.to = program.periodFromKey(cl.toMonth);
    if (filter.to < filter.from) {
        failWith(err, QCoreApplication::translate("PanelCommand", "--from must not be after --to."));
        return std::nullopt;
    }
    filter.uf = role == core::Role::Central ? QString() : services.profile().uf();
    filter.today = services.clock().today();
    return filter;
}

// The apoio program's panel (program_panel.h): a COSEMS's state, CONASEMS's country, by
// quadrimestre; its figures to CSV/XLSX (there is no Balanço of it).
int runProgramPanelCommand(const CommandLine &cl, core::Services &services,
                           const core::ProgramDefinition &program, core::Role role, QString *out,
                           QString *err)
{
    const QString suffix = QFileInfo(cl.outFile).suffix().toLower();
    if (suffix != QLatin1String("csv") && suffix != QLatin1String("xlsx"))
        return failWith(err, QCoreApplication::translate(
                                 "PanelCommand", "--out must name a .csv or .xlsx file (the panel's figures, "
                                                 "for example painel.xlsx)."));
    const auto range = programRange(cl, services, program, role, err);
    if (!range)
        return 1;
    const core::ProgramPanelFilter filter = *range;
    const core::BrazilReference &brazil = core::BrazilReference::embedded();
    auto data = core::computeProgramPanel(services.replica(), program, brazil, filter,
                                          services.reviews().localStates());
    if (!data)
        return failWith(err, data.error().message);
    if (core::Status written = core::writeProgramPanelTable(data.value(), program, brazil, cl.outFile);
        !written)
        return failWith(err, written.error().message);
    const core::ProgramPanelData &d = data.value();
    const QLocale locale;
    const auto unit = brazil.unit(filter.uf);
    *out += QCoreApplication::translate("PanelCommand",
                                        "Panel of %1, %2 to %3: %4 actions, %5 participants, %6 of %7 "
                                        "municipalities supported, %8 follow-ups late. Written to %9.")
                .arg(unit ? unit->name : QCoreApplication::translate("PanelCommand", "Brazil"),
                     filter.from.display(), filter.to.display(), locale.toString(d.actions),
                     locale.toString(d.participants), locale.toString(d.municipalities.size()),
                     locale.toString(d.territoryMunicipalities), locale.toString(d.referralsLate),
                     QDir::toNativeSeparators(cl.outFile)) +
            QLatin1Char('\n');
    return 0;
}

} // namespace

int runSearchCommand(const CommandLine &cl, const QString &dataDir, core::Services &services,
                     const core::ProgramDefinition &program, core::Role role, QString *out, QString *err)
{
    const core::ProgramDefinition shown = program.localized(QLocale().name());
    if (program.panel().search.isEmpty())
        return failWith(err, QCoreApplication::translate(
                                 "PanelCommand", "“%1” declares no texts to search (docs/programs.md, "
                                                 "\"panel\").")
                                 .arg(shown.name()));
    if (role == core::Role::Municipality)
        return refuseReporter(QStringLiteral("--search"), shown, err);
    const QString suffix = QFileInfo(cl.outFile).suffix().toLower();
    if (!cl.outFile.isEmpty() && suffix != QLatin1String("csv") && suffix != QLatin1String("xlsx"))
        return failWith(
            err, QCoreApplication::translate("PanelCommand",
                                             "--out must name a .csv or .xlsx file (the actions found, for "
                                             "example encontradas.xlsx)."));
    const auto range = programRange(cl, services, program, role, err);
    if (!range)
        return 1;
    core::TextSearchFilter filter;
    filter.panel = *range;
    filter.query = cl.search;
    auto found = core::searchTextsIn(dataDir, services.clock(), program, filter);
    if (!found)
        return failWith(err, found.error().message);
    const core::TextSearchResult &result = found.value();
    // The best passages, as a person reads them: who, when, which action and field.
    constexpr int kPrinted = 20;
    for (const core::TextMatch &m : result.matches.mid(0, kPrinted)) {
        const auto field = shown.field(m.field);
        QString passage = m.passage;
        passage.replace(core::kMatchStart, QLatin1Char('[')).replace(core::kMatchEnd, QLatin1Char(']'));
        *out += QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                    .arg(m.period.key(), m.unitName.isEmpty() ? m.unit : m.unitName,
                         QStringLiteral("%1 %2").arg(shown.recordLabel()).arg(m.position + 1),
                         field ? field->label : m.field, passage.simplified());
    }
    if (!cl.outFile.isEmpty())
        if (core::Status written = core::writeTextMatches(result, program, cl.outFile); !written)
            return failWith(err, written.error().message);
    const QLocale locale;
    QString summary = QCoreApplication::translate("PanelCommand", "%1 passage(s) in %2 action(s), %3 to %4.")
                          .arg(locale.toString(result.total), locale.toString(result.actions),
                               filter.panel.from.display(), filter.panel.to.display());
    if (result.total > kPrinted)
        summary +=
            QLatin1Char(' ') +
            QCoreApplication::translate("PanelCommand", "The %1 best above.").arg(locale.toString(kPrinted));
    if (!cl.outFile.isEmpty())
        summary += QLatin1Char(' ') + QCoreApplication::translate("PanelCommand", "Written to %1.")
                                          .arg(QDir::toNativeSeparators(cl.outFile));
    *out += summary + QLatin1Char('\n');
    return 0;
}

int runPanelCommand(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
                    const core::ProgramDefinition &program, core::Role role, QString *out, QString *err)
{
    // The levels as the person reads them (the interface's language: QLocale's default).
    const core::ProgramDefinition shown = program.localized(QLocale().name());
    if (role == core::Role::Municipality)
        return refuseReporter(QStringLiteral("--panel"), shown, err);
    if (!program.panel().isEmpty())
        return runProgramPanelCommand(cl, services, program, role, out, err);
    const QString suffix = QFileInfo(cl.outFile).suffix().toLower();
    const bool pdf = suffix == QLatin1String("pdf");
    if (suffix != QLatin1String("csv") && suffix != QLatin1String("xlsx") && !pdf)
        return failWith(err, QCoreApplication::translate(
                                 "PanelCommand", "--out must name a .csv or .xlsx file (the panel's data, "
                                                 "for example painel.xlsx) or a .pdf file (the Balanço "
                                                 "mensal, for example balanco.pdf)."));

    // The scope: the URS's municipalities, or the state's; --urs narrows the central level's.
    QList<core::Municipality> scope = role == core::Role::Central
                                          ? reference.municipalities()
                                          : reference.municipalitiesOfUrs(services.profile().urs());
    QString place = role == core::Role::Central ? QStringLiteral("Minas Gerais")
                                                : QStringLiteral("URS %1").arg(services.profile().urs());
    if (!cl.urs.isEmpty()) {
        const auto urs = reference.ursByName(cl.urs);
        if (!urs)
            return failWith(err,
                            QCoreApplication::translate(
                                "PanelCommand", "\"%1\" is not a regional health unit (URS) of Minas Gerais.")
                                .arg(cl.urs));
        if (role == core::Role::Urs && urs->name != services.profile().urs())
            return failWith(
                err, QCoreApplication::translate("PanelCommand",
                                                 "This profile is URS %1's: its panel has no data of URS %2.")
                         .arg(services.profile().urs(), urs->name));
        scope = reference.municipalitiesOfUrs(urs->name);
        place = QStringLiteral("URS %1").arg(urs->name);
    }
    core::PanelFilter filter;
    filter.from = core::Period::fromKey(cl.fromMonth);
    filter.to = core::Period::fromKey(cl.toMonth);
    const core::Targets targets = services.targets().current();
    filter.target = targets.coverageTarget(reference, scope);
    if (!cl.theme.isEmpty()) {
        const auto field = program.field(program.fieldForRole(core::field_role::Themes));
        if (!field || !program.catalogueEntry(field->catalogue, cl.theme)) {
            QStringList codes;
            if (field)
                for (const core::CatalogueEntry &e : program.catalogue(field->catalogue))
                    codes << e.code;
            return failWith(err, QCoreApplication::translate(
                                     "PanelCommand", "\"%1\" is not a theme of the program. Use one of: %2.")
                                     .arg(cl.theme, codes.join(QStringLiteral(", "))));
        }
        filter.theme = cl.theme;
    }
    if (filter.theme.isEmpty()) // the action targets count every action, not one theme's
        filter.actionTarget = targets.actionsIn(reference, scope, filter.from, filter.to).value_or(-1.0);
    auto data = core::computePanel(services.database(), services.replica(), program, scope, filter,
                                   services.reviews().localStates());
    if (!data)
        return failWith(err, data.error().message);
    const QLocale locale;
    const core::PanelTiles &t = data.value().tiles;
    if (pdf) {
        auto nuclei = core::computeNuclei(services.database(), services.replica(), program.id(), scope, filter,
                                          services.reviews().localStates());
        if (!nuclei)
            return failWith(err, nuclei.error().message);
        const core::BalancoInfo info{place, services.clock().now(), services.profile().userName(),
                                     services.profile().isDemo()};
        if (core::Status written =
                core::writeBalancoPdf(data.value(), nuclei.value(), program, reference, info, cl.outFile);
            !written)
            return failWith(err, written.error().message);
        *out += QCoreApplication::translate(
                    "PanelCommand", "Balanço mensal of %1, %2 to %3: %4 actions, %5 people reached, %6 "
                                    "active núcleos. Written to %7.")
                    .arg(place, filter.from.display(), filter.to.display(), locale.toString(t.actions),
                         locale.toString(t.people), locale.toString(t.activeNuclei),
                         QDir::toNativeSeparators(cl.outFile)) +
                QLatin1Char('\n');
        return 0;
    }
    if (core::Status written = core::writePanelTable(data.value(), reference, cl.outFile); !written)
        return failWith(err, written.error().message);
    *out += QCoreApplication::translate("PanelCommand", "Panel %1 to %2: %3 actions, %4 people reached; %5 "
                                                        "of %6 municipalities reported %2. %7 rows written "
                                                        "to %8.")
                .arg(filter.from.display(), filter.to.display(), locale.toString(t.actions),
                     locale.toString(t.people), locale.toString(t.reporting), locale.toString(t.expected),
                     locale.toString(data.value().cells.size()), QDir::toNativeSeparators(cl.outFile)) +
            QLatin1Char('\n');
    return 0;
}

} // namespace mobiliza::ui
