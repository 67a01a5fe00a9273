#include "app/ui/panel/panel_controls.h"

#include "app/ui/panel/panel_charts.h"
#include "core/panel/panel_style.h"
#include "core/program/program_definition.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>

#include <algorithm>

namespace mobiliza::ui {

QComboBox *newCatalogueFilter(QWidget *parent, const core::ProgramDefinition &program, const QString &objectName,
                              const QString &every, const QString &role)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->addItem(every, QString());
    if (const auto field = program.field(program.fieldForRole(role)))
        for (const core::CatalogueEntry &e : program.catalogue(field->catalogue)) {
            combo->addItem(core::panelShortLabel(e.label, 48), e.code);
            combo->setItemData(combo->count() - 1, e.label, Qt::ToolTipRole);
        }
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(18);
    return combo;
}

void keepRange(QComboBox *from, QComboBox *to, QObject *context, const std::function<bool()> &filling,
               const std::function<void()> &changed)
{
    // The combos list the newest month first: "from" never has a smaller index than "to".
    QObject::connect(from, &QComboBox::currentIndexChanged, context, [from, to, filling, changed] {
        if (!filling() && to->currentIndex() > from->currentIndex()) {
            const QSignalBlocker hold(to);
            to->setCurrentIndex(from->currentIndex());
        }
        changed();
    });
    QObject::connect(to, &QComboBox::currentIndexChanged, context, [from, to, filling, changed] {
        if (!filling() && from->currentIndex() < to->currentIndex()) {
            const QSignalBlocker hold(from);
            from->setCurrentIndex(to->currentIndex());
        }
        changed();
    });
}

void fillRangeMonths(QComboBox *from, QComboBox *to, const core::Period &last, int count, int defaultMonths)
{
    if (from->count() == count && from->itemData(0).toString() == last.key())
        return;
    const bool first = from->count() == 0;
    const QString fromKey = from->currentData().toString(), toKey = to->currentData().toString();
    const bool toNewest = to->currentIndex() == 0;
    const int length = from->currentIndex() - to->currentIndex() + 1;
    from->clear();
    to->clear();
    core::Period p = last;
    for (int i = 0; i < count; ++i, p = p.previous()) {
        from->addItem(p.display(), p.key());
        to->addItem(p.display(), p.key());
    }
    if (first) {
        to->setCurrentIndex(0);
        from->setCurrentIndex(std::min(defaultMonths, count) - 1);
    } else if (toNewest) {
        to->setCurrentIndex(0);
        from->setCurrentIndex(std::clamp(length - 1, 0, count - 1));
    } else {
        to->setCurrentIndex(std::max(0, to->findData(toKey)));
        const int at = from->findData(fromKey);
        from->setCurrentIndex(at >= 0 ? at : count - 1);
    }
}

QStringList panelNarrowing(const core::ProgramDefinition &program, const core::PanelFilter &f)
{
    QStringList narrowed;
    if (!f.theme.isEmpty())
        narrowed << QCoreApplication::translate("PanelControls", "theme %1")
                        .arg(panelCodeLabel(program, core::field_role::Themes, f.theme));
    if (!f.format.isEmpty())
        narrowed << QCoreApplication::translate("PanelControls", "format %1")
                        .arg(panelCodeLabel(program, core::field_role::Format, f.format));
    return narrowed;
}

QChartView *newChartView(const QString &name, QWidget *parent, int minHeight, QChart *chart)
{
    auto *view = new QChartView(parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(minHeight);
    if (chart)
        view->setChart(chart);
    return view;
}

void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

} // namespace mobiliza::ui
