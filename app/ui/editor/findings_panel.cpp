#include "app/ui/editor/findings_panel.h"
#include "app/ui/style_sheet.h"

#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace mobiliza::ui {

namespace {
constexpr int kPathRole = Qt::UserRole + 1;
}

FindingsPanel::FindingsPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *title = new QLabel(tr("Before concluding"), this);
    QFont f = title->font();
    f.setBold(true);
    title->setFont(f);
    layout->addWidget(title);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("findings"));
    m_list->setAccessibleName(tr("Problems found in the report"));
    m_list->setWordWrap(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setSpacing(2);
    m_list->setIconSize(QSize(16, 16));
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setAlternatingRowColors(false);
    // The selected row keeps its text readable (a light band, dark text): the rows' own
    // red and amber colours on the style's dark selection left only the icon visible.
    m_list->setStyleSheet(
        QStringLiteral("QListWidget { border: 1px solid #cfd8e3; }"
                       "QListWidget::item { padding: 4px; border-bottom: 1px solid #e6ebf0; }"
                       "QListWidget::item:selected { background: #d6e4f2; color: #14283c; }"));
    m_list->setToolTip(tr("Click a line, or select it and press Enter, to go to the field."));
    layout->addWidget(m_list, 1);
    layout->addStretch(0);
    auto activate = [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT findingActivated(item->data(kPathRole).toString());
    };
    connect(m_list, &QListWidget::itemClicked, this, activate);
    connect(m_list, &QListWidget::itemActivated, this, activate);
    setFindings({});
}

void FindingsPanel::setFindings(const core::Findings &findings)
{
    m_findings = findings;
    // Blocking first, each group in the engine's (form) order.
    std::stable_sort(m_findings.begin(), m_findings.end(),
                     [](const core::Finding &a, const core::Finding &b) { return a.isBlocking() && !b.isBlocking(); });
    const int current = m_list->currentRow();
    m_list->clear();
    int blocking = 0;
    for (const core::Finding &finding : std::as_const(m_findings)) {
        auto *item = new QListWidgetItem(finding.message, m_list);
        item->setData(kPathRole, finding.path);
        if (finding.isBlocking()) {
            ++blocking;
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
            item->setForeground(QColor(0x8a, 0x1c, 0x1c));
            item->setData(Qt::AccessibleDescriptionRole, tr("Blocks concluding"));
        } else {
            item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
            item->setForeground(QColor(0x7a, 0x52, 0x00));
            item->setData(Qt::AccessibleDescriptionRole, tr("Warning: does not block concluding"));
        }
    }
    if (current >= 0 && current < m_list->count())
        m_list->setCurrentRow(current);
    m_list->setVisible(!m_findings.isEmpty());
    const int warnings = int(m_findings.size()) - blocking;
    QString text;
    if (blocking == 0 && warnings == 0)
        text = tr("Nothing blocks concluding.");
    else if (blocking == 0)
        text = tr("Nothing blocks concluding; %1 warning(s) to review.").arg(warnings);
    else
        text = tr("%1 problem(s) to fix before concluding; %2 warning(s).").arg(blocking).arg(warnings);
    m_summary->setText(text);
    setStyleIfChanged(m_summary,
                      blocking > 0 ? QStringLiteral("color: #8a1c1c;") : QStringLiteral("color: #1e6b34;"));
}

int FindingsPanel::rowOf(const QString &path) const
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(kPathRole).toString() == path)
            return i;
    return -1;
}

QString FindingsPanel::pathAt(int row) const
{
    const QListWidgetItem *item = m_list->item(row);
    return item ? item->data(kPathRole).toString() : QString();
}

} // namespace mobiliza::ui
