// The lists behind the Painel's numbers (issue 10: "every number opens the list
// behind it"): each tile, and the actions of a municipality in the ranking, open
// the rows they count (core/panel/panel_rows.h) in a window of their own; and the
// ranking of the municipalities itself.
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/panel/panel_list_dialog.h"
#include "app/ui/panel/panel_ranking_model.h"
#include "app/ui/panel/panel_tiles.h"

#include <QLabel>
#include <QTableView>

namespace mobiliza::ui {

void PanelDashboard::wireLists()
{
    using Kind = core::PanelListKind;
    connect(m_actions, &PanelTile::clicked, this, [this] { openList({Kind::Actions}, tr("Actions")); });
    connect(m_people, &PanelTile::clicked, this,
            [this] { openList({Kind::Actions}, tr("Actions and people reached")); });
    for (PanelTile *tile : {m_reporting, m_onTime})
        connect(tile, &PanelTile::clicked, this, [this] { openList({Kind::Reports}, tr("Reports sent")); });
    connect(m_active, &PanelTile::clicked, this, [this] {
        openList({Kind::ActiveActions, Kind::InactiveMunicipalities}, tr("Active núcleos"));
    });
    // The ranking: a municipality's name narrows the panel to it (drill-down), its
    // figures list its actions.
    connect(m_ranking, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString ibge = index.data(PanelRankingModel::IbgeRole).toString();
        if (index.column() == PanelRankingModel::Name)
            setMunicipality(ibge);
        else
            openList({Kind::Actions}, tr("Actions of %1").arg(municipalityName(ibge)), ibge);
    });
}

PanelListDialog *PanelDashboard::openList(const QList<core::PanelListKind> &kinds, const QString &title,
                                          const QString &municipality)
{
    if (!m_data)
        return nullptr;
    PanelListRequest request{m_data->filter, kinds, scope(), title, m_shown->text()};
    if (!municipality.isEmpty()) {
        request.filter.municipalities = {municipality};
        request.shown += QStringLiteral(" — ") + municipalityName(municipality);
    }
    // A window of its own (not modal): the person compares it with the panel, opens
    // another, or a report from it.
    auto *dialog = new PanelListDialog(m_context, m_dialogs, request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PanelListDialog::openReportRequested, this, &PanelDashboard::openReportRequested);
    dialog->show();
    return dialog;
}

void PanelDashboard::showRanking(const core::PanelData &data)
{
    QHash<QString, QString> names;
    for (const core::PanelRankRow &r : data.ranking)
        names.insert(r.municipality, municipalityName(r.municipality));
    m_rankingModel->setRanking(data.ranking, data.filter.months(), names);
}

} // namespace mobiliza::ui
